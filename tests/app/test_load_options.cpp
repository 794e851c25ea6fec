// test_load_options.cpp — the device, CPU threads and weight type chosen in Settings reach the model in use, through
// DesktopServices (app/gui/desktop_services.cpp) and ChatController::reloadModelWhenIdle, with the real tiny RWKV-7
// (set-up: chat_controller_fixture.h): at once when idle, and once a reply or a load under way ends.
#include <QCoreApplication>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include "app_settings.h"
#include "chat_controller_fixture.h"
#include "desktop_services.h"
#include "language_switcher.h"
#include "rwkv/error.h"

using namespace rwkv::app;
using State = ChatController::ComposerState;

class TestLoadOptions : public QObject, private ChatControllerFixture {
    Q_OBJECT

private slots:
    void init() { ChatControllerFixture::init(); }
    void cleanup() { ChatControllerFixture::cleanup(); }
    void threadsChosenMidReplyApplyWhenItEnds();
    void threadsChosenWhileLoadingApplyAfterTheLoad();
    void downloadWaitingToLoadTakesTheNewThreads();
    void int8WeightsLoadAndAChatReReadsItsText();
    void outOfMemoryNoteSuggestsInt8WhenItFits();

private:
    /// AppSettings in a file of its own (backend cpu, `threads`) and the DesktopServices that apply them.
    void makeServices(int threads) {
        settings_ = std::make_unique<AppSettings>(tmp_.filePath(QStringLiteral("settings.conf")));
        settings_->setBackend(QStringLiteral("cpu"));
        settings_->setThreads(threads);
        languages_ = std::make_unique<rwkv::gui::LanguageSwitcher>(*QCoreApplication::instance());
        services_ = std::make_unique<rwkv::gui::DesktopServices>(*settings_, *languages_, *chat_, *worker_, QString());
    }
    /// "CPU, 2 threads" of the status line's tooltip (ModelInfo::device).
    QString threadsInUse() const {
        const QString device = chat_->modelDetails().section(QLatin1Char('\n'), 1, 1);
        return device.section(QStringLiteral(", "), 1, 1);
    }

    std::unique_ptr<AppSettings> settings_;
    std::unique_ptr<rwkv::gui::LanguageSwitcher> languages_;
    std::unique_ptr<rwkv::gui::DesktopServices> services_;
};

// Session 27's trial, F3: a device chosen in Settings during a reply (and during a re-read) was saved but never
// applied — DesktopServices reloaded the model only when the composer was Ready at the moment of the change — so the
// next messages ran on the old device. Threads went the same way. Now the model loads again when the reply ends.
void TestLoadOptions::threadsChosenMidReplyApplyWhenItEnds() {
    makeServices(1);
    loadDemoModel();
    QCOMPARE(threadsInUse(), QStringLiteral("1 thread"));
    // Idle: at once.
    QSignalSpy loaded(chat_.get(), &ChatController::modelLoadFinished);
    settings_->setThreads(2);
    QCOMPARE(chat_->composerState(), State::LoadingModel);
    QVERIFY(loaded.wait(20000));
    QCOMPARE(threadsInUse(), QStringLiteral("2 threads"));
    QVERIFY(!chat_->loadOptionsWaiting());

    // Mid-reply: waits (Settings says so), then loads again once the reply is stopped.
    startLongReply();
    if (QTest::currentTestFailed()) return;
    loaded.clear();
    QSignalSpy waiting(chat_.get(), &ChatController::loadOptionsWaitingChanged);
    settings_->setThreads(1);
    QCOMPARE(chat_->composerState(), State::Generating);
    QVERIFY(chat_->loadOptionsWaiting());
    QCOMPARE(waiting.count(), 1);
    QCOMPARE(threadsInUse(), QStringLiteral("2 threads"));
    chat_->stop();
    waitForReply();
    QVERIFY(loaded.count() == 1 || loaded.wait(20000));
    QCOMPARE(loaded.at(0).at(0).toBool(), true);
    QCOMPARE(threadsInUse(), QStringLiteral("1 thread"));
    QVERIFY(!chat_->loadOptionsWaiting());
    QCOMPARE(waiting.count(), 2);
    QCOMPARE(chat_->composerState(), State::Ready);
    QVERIFY2(chat_->errorText().isEmpty(), qPrintable(chat_->errorText()));
}

// Chosen while the model loads: the load under way keeps the options it started with, so the model loads once more.
void TestLoadOptions::threadsChosenWhileLoadingApplyAfterTheLoad() {
    makeServices(1);
    QSignalSpy loaded(chat_.get(), &ChatController::modelLoadFinished);
    chat_->loadModel(QStringLiteral(RWKV_TESTDATA_DIR "/tiny-rwkv7-834K.pth"));
    settings_->setThreads(2);
    QVERIFY(chat_->loadOptionsWaiting());
    QVERIFY2(chat_->errorText().isEmpty(), qPrintable(chat_->errorText()));  // not "A model is already loading"
    QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 2, 40000);
    QCOMPARE(loaded.at(1).at(0).toBool(), true);
    QCOMPARE(threadsInUse(), QStringLiteral("2 threads"));
    QVERIFY(!chat_->loadOptionsWaiting());
}

// A downloaded model waiting for the reply to end (loadModelWhenIdle) is not replaced by the model in use: it loads,
// with the threads chosen meanwhile.
void TestLoadOptions::downloadWaitingToLoadTakesTheNewThreads() {
    makeServices(1);
    loadDemoModel();
    const QString downloaded =
        QFileInfo(QStringLiteral(RWKV_TESTDATA_DIR "/tiny-rwkv7-834K.safetensors")).absoluteFilePath();
    startLongReply();
    if (QTest::currentTestFailed()) return;
    QSignalSpy loaded(chat_.get(), &ChatController::modelLoadFinished);
    chat_->loadModelWhenIdle(downloaded);
    settings_->setThreads(2);
    chat_->stop();
    waitForReply();
    QVERIFY(loaded.count() == 1 || loaded.wait(20000));
    QCOMPARE(chat_->modelPath(), downloaded);
    QCOMPARE(threadsInUse(), QStringLiteral("2 threads"));
    QCOMPARE(chat_->composerState(), State::Ready);  // no second load (of the model replaced) started after it
}

// Settings → Weights in memory: int8 reloads the model at once, the engine really holds int8 weights (ModelInfo's
// weightType reads Model::weight_dtype()), the status line says so, and a chat whose last reply's state was saved with
// fp16 weights is read again as text, with the reason, not resumed from that state (snapshots are tagged with the
// weight type: another weight type's state is another model's). Back on fp16, the fp16 state resumes exactly.
void TestLoadOptions::int8WeightsLoadAndAChatReReadsItsText() {
    makeServices(1);
    loadDemoModel();
    QCOMPARE(chat_->modelStatus(), QStringLiteral("tiny-rwkv7-834K · CPU · byte tokenizer"));
    useGreedyReplies(4);
    QVERIFY(chat_->send(QStringLiteral("Hi")));
    waitForReply();

    QSignalSpy loaded(chat_.get(), &ChatController::modelLoadFinished);
    settings_->setWeightType(QStringLiteral("int8"));
    QCOMPARE(chat_->composerState(), State::LoadingModel);
    QVERIFY(loaded.wait(20000));
    QCOMPARE(loaded.at(0).at(0).toBool(), true);
    // ModelInfo::weightType reads the loaded Model's weight_dtype(): the engine holds int8 weights.
    QCOMPARE(chat_->modelStatus(), QStringLiteral("tiny-rwkv7-834K · CPU · int8 · byte tokenizer"));

    QVERIFY(chat_->send(QStringLiteral("Again")));
    waitForReply();
    // The status line under the reply: re-read as text, and why.
    QVERIFY2(chat_->replyStatus().contains(QStringLiteral("(saved state was made with cpu fp16, this run uses cpu int8")),
             qPrintable(chat_->replyStatus()));

    // Back to fp16: the first reply's fp16 state is still saved beside the int8 one, so the next turn starts from it
    // and reads only the turn after it; the note names the int8 state at the newest reply.
    loaded.clear();
    settings_->setWeightType(QStringLiteral("fp16"));
    QVERIFY(loaded.wait(20000));
    QCOMPARE(chat_->modelStatus(), QStringLiteral("tiny-rwkv7-834K · CPU · byte tokenizer"));
    QVERIFY(chat_->send(QStringLiteral("Once more")));
    waitForReply();
    QVERIFY2(chat_->replyStatus().contains(QStringLiteral("(saved state was made with cpu int8, this run uses cpu fp16")),
             qPrintable(chat_->replyStatus()));
}

// An fp16 load that does not fit the GPU chosen falls back to the CPU; when int8 weights would fit there, the note
// says so and names the setting. fallbackNote words what loadModel found (ModelInfo), in the language installed.
void TestLoadOptions::outOfMemoryNoteSuggestsInt8WhenItFits() {
    ModelInfo info;
    info.fallbackFrom = QStringLiteral("cuda:0");
    info.fallbackCode = int(rwkv::ErrorCode::OutOfMemory);
    const QString plain = QStringLiteral("cuda:0 has too little free memory for this model, so it runs on the CPU (slower).");
    QCOMPARE(fallbackNote(info), plain);
    info.int8WouldFit = true;
    QCOMPARE(fallbackNote(info),
             plain + QStringLiteral(" With int8 weights (Settings → Weights in memory) it would fit on the GPU."));
    // Another reason (no driver) never suggests it: int8 needs the device too.
    info.fallbackCode = int(rwkv::ErrorCode::BackendUnavailable);
    QVERIFY(!fallbackNote(info).contains(QStringLiteral("int8")));
}

QTEST_MAIN(TestLoadOptions)  // SystemTheme reads the QGuiApplication palette
#include "test_load_options.moc"
