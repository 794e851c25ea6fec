// test_worker_texts.cpp — the banners of what happens on the worker's thread follow a language switch: a reply's
// failure and the note that the CPU is used instead of the chosen device. The worker sends what it caught (the
// exception, the device and the engine's words) and the window words it when it shows it and again at the switch
// (ChatController::retranslate). Before, the worker worded them on its thread and they kept their first language (session
// 28's review of f60909b, left by b5fd569). The switch is a translator that marks every text; the real zh_CN in the
// window: test_banners_e2e::cpuFallbackNoteFollowsALanguageSwitch. Code: app/core/inference_worker.cpp,
// chat_controller_from_worker.cpp.
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTranslator>
#include <QtTest>

#include <cstring>
#include <limits>

#include "chat_controller_fixture.h"
#include "engine/test_files.h"
#include "rwkv/error.h"

using namespace rwkv::app;

namespace {

/// Every text "[zz] " and its source: a language of its own, with nothing left untranslated.
class MarkingTranslator : public QTranslator {
public:
    QString translate(const char*, const char* source, const char*, int) const override {
        return QStringLiteral("[zz] ") + QString::fromUtf8(source);
    }
    bool isEmpty() const override { return false; }
};

}  // namespace

class TestWorkerTexts : public QObject, private ChatControllerFixture {
    Q_OBJECT

private slots:
    void init() { ChatControllerFixture::init(); }
    void cleanup() { ChatControllerFixture::cleanup(); }
    void replyFailureFollowsALanguageSwitch();
    void cpuFallbackNoteFollowsALanguageSwitch();
    void deviceWithoutMemorySaysTheCpuRunsIt();
};

// The demo model whose weights give NaN only once a token follows another: layer 0's key takes the previous token
// alone (att.x_k all 1: 0 from a new state) and is scaled by the largest float (att.k_a, a vector, kept in fp32: a
// number, so the load's check of every weight passes). The load's check (token 0 from a new state) passes, and the
// first reply fails with the engine's InvalidLogits. Its banner, then the switch. (Until session 57 every embedding
// row but token 0's was the largest float: the fp16 load made it infinity, and refuses it now, naming it.)
void TestWorkerTexts::replyFailureFollowsALanguageSwitch() {
    QFile demo(QStringLiteral(RWKV_TESTDATA_DIR "/tiny-rwkv7-834K.safetensors"));  // F32 tensors
    QVERIFY(demo.open(QIODevice::ReadOnly));
    QByteArray bytes = demo.readAll();
    quint64 headerSize = 0;
    std::memcpy(&headerSize, bytes.constData(), sizeof headerSize);  // u64 LE header length, JSON, data
    const QJsonObject header = QJsonDocument::fromJson(bytes.mid(8, qsizetype(headerSize))).object();
    const auto fill = [&](const char* tensor, float value) {
        const QJsonArray offsets =
            header.value(QLatin1String(tensor)).toObject().value(QStringLiteral("data_offsets")).toArray();
        const qint64 first = 8 + qint64(headerSize) + offsets.at(0).toInteger();
        const qint64 end = 8 + qint64(headerSize) + offsets.at(1).toInteger();
        if (offsets.size() != 2 || first >= end || end > bytes.size()) return false;
        for (qint64 at = first; at + 4 <= end; at += 4) std::memcpy(bytes.data() + at, &value, 4);  // LE, as the file
        return true;
    };
    QVERIFY(fill("blocks.0.att.x_k", 1.0f));
    QVERIFY(fill("blocks.0.att.k_a", std::numeric_limits<float>::max()));
    const QString nan = QDir(QDir::tempPath()).filePath(QStringLiteral("rwkv-nan-rows-%1.safetensors")
                                                            .arg(QCoreApplication::applicationPid()));
    test_files::writeAll(nan, bytes);
    const auto removeModel = qScopeGuard([nan] { QFile::remove(nan); });
    QSignalSpy loaded(chat_.get(), &ChatController::modelLoadFinished);
    chat_->loadModel(nan);
    QVERIFY(loaded.wait(20000));
    QCOMPARE(loaded.takeFirst().at(0).toBool(), true);
    QVERIFY(chat_->send(QStringLiteral("Hi")));
    waitForReply(false);
    const QString english = QStringLiteral("The reply failed: The model's outputs are not numbers: the file is damaged or "
                                           "is not an RWKV-7 model. Download or copy it again, or choose another model.");
    QCOMPARE(chat_->errorSummary(), english);
    QVERIFY2(chat_->errorDetail().contains(QStringLiteral("NaN")), qPrintable(chat_->errorDetail()));
    QCOMPARE(chat_->errorText(), english + u'\n' + chat_->errorDetail());

    MarkingTranslator marking;
    QCoreApplication::installTranslator(&marking);
    const auto removeTranslator = qScopeGuard([&marking] { QCoreApplication::removeTranslator(&marking); });
    chat_->retranslate();
    // Before: the English sentence as it was (the worker had worded it, the window kept the text).
    QCOMPARE(chat_->errorSummary(), QStringLiteral("[zz] The reply failed: [zz] The model's outputs are not numbers: the "
                                                   "file is damaged or is not an RWKV-7 model. Download or copy it again, "
                                                   "or choose another model."));
    QVERIFY2(chat_->errorDetail().contains(QStringLiteral("NaN")), qPrintable(chat_->errorDetail()));  // the engine's
    QCoreApplication::removeTranslator(&marking);
    chat_->retranslate();
    QCOMPARE(chat_->errorSummary(), english);
}

// A device that is not there (cuda:99: no such CUDA device, or CUDA not built in): the model loads on the CPU and the
// banner says why; after the switch in the new language, with the device's name and the engine's words as they were.
void TestWorkerTexts::cpuFallbackNoteFollowsALanguageSwitch() {
    worker_->setLoadOptions(QStringLiteral("cuda:99"), 0);
    loadDemoModel();
    QVERIFY2(chat_->errorText().startsWith(QStringLiteral("cuda:99 could not be used")) &&
                 chat_->errorText().contains(QStringLiteral("using the CPU")),
             qPrintable(chat_->errorText()));
    const QString english = chat_->errorText();
    MarkingTranslator marking;
    QCoreApplication::installTranslator(&marking);
    const auto removeTranslator = qScopeGuard([&marking] { QCoreApplication::removeTranslator(&marking); });
    chat_->retranslate();
    QVERIFY2(chat_->errorText().startsWith(QStringLiteral("[zz] cuda:99 could not be used")), qPrintable(chat_->errorText()));
    QVERIFY2(chat_->errorText().contains(QStringLiteral("using the CPU")), qPrintable(chat_->errorText()));
    // Why, in the new language too: the sentence a failed load gives (the chosen device is not available, or a missing
    // driver's), the engine's English words only in the details. Before (session 30's note) they were the note's why.
    const QString why = chat_->errorDetail().isEmpty()
                            ? QStringLiteral("[zz] ")  // CUDA built in and no driver: its words go to the log
                            : QStringLiteral("[zz] The chosen device is not available. Choose another device (or "
                                             "Automatic) in Settings.");
    QVERIFY2(chat_->errorSummary().startsWith(QStringLiteral("[zz] cuda:99 could not be used; using the CPU. ") + why),
             qPrintable(chat_->errorSummary()));
    QVERIFY2(chat_->errorDetail().isEmpty() || chat_->errorDetail().contains(QStringLiteral("'cuda:99'")),
             qPrintable(chat_->errorDetail()));
    QVERIFY2(!chat_->errorDetail().startsWith(QStringLiteral("[zz]")), qPrintable(chat_->errorDetail()));
    QCoreApplication::removeTranslator(&marking);
    chat_->retranslate();
    QCOMPARE(chat_->errorText(), english);
}

// Session 33's trial: a model too big for the Vulkan device ran on the CPU while the banner said "There is not enough
// memory for this model. Close other programs or choose a smaller model." (a failed load's sentence) over the engine's
// English figures, in zh_CN too. Now one sentence in the window's language says the CPU runs it, and no English detail.
// (No test device runs out of memory: the worker's report of such a load is sent as the worker sends it.)
void TestWorkerTexts::deviceWithoutMemorySaysTheCpuRunsIt() {
    ModelInfo info;
    info.path = QStringLiteral(RWKV_TESTDATA_DIR "/tiny-rwkv7-834K.pth");
    info.name = QStringLiteral("tiny-rwkv7-834K");
    info.backend = QStringLiteral("cpu");
    info.fallbackFrom = QStringLiteral("vulkan:0");
    info.fallbackDetail = QStringLiteral("the model needs 9.1 GiB of device memory; vulkan:0 has 3.9 GiB free");
    info.fallbackCode = int(rwkv::ErrorCode::OutOfMemory);
    const QString english =
        QStringLiteral("vulkan:0 has too little free memory for this model, so it runs on the CPU (slower).");
    QCOMPARE(fallbackNote(info), english);
    QSignalSpy loaded(chat_.get(), &ChatController::modelLoadFinished);
    emit worker_->modelLoaded(info);
    QVERIFY(loaded.wait(5000));
    QCOMPARE(chat_->errorText(), english);  // no detail line: the figures are in the log
    QVERIFY(chat_->errorDetail().isEmpty());
    MarkingTranslator marking;
    QCoreApplication::installTranslator(&marking);
    const auto removeTranslator = qScopeGuard([&marking] { QCoreApplication::removeTranslator(&marking); });
    chat_->retranslate();
    QCOMPARE(chat_->errorText(), QStringLiteral("[zz] ") + english);
}

QTEST_GUILESS_MAIN(TestWorkerTexts)
#include "test_worker_texts.moc"
