// test_translations_at_run_time.cpp — the translations as the code gets them at run time, not as the .ts files hold
// them (test_translations.cpp): the compiled zh_CN catalogue gives Chinese for the strings the hand-written
// QCoreApplication::translate("Context", …) helpers ask for, for every saved-state error (stateErrorText) and for every
// reply failure's words; every qsTr() of Qt's own QML file dialog comes out Chinese (Japanese) with Qt's catalogue and
// i18n/qt-dialogs_*.ts, as LanguageSwitcher installs them. Split from test_translations.cpp in session 51; shared
// helpers: translation_test_util.h.
#include <QCoreApplication>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QHash>
#include <QLibraryInfo>
#include <QLocale>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>
#include <QXmlStreamReader>

#include "models/disk_space.h"
#include "models/model_catalog.h"
#include "models/wording.h"
#include "store/store_error.h"
#include "store/snapshot_codec.h"
#include "app_paths.h"
#include "chat_session_state.h"
#include "chat_error.h"
#include "conversation_export.h"
#include "foreign_file_text.h"
#include "engine_error_text.h"
#include "rwkv/error.h"
#include "store_error_text.h"
#include "translation_test_util.h"

#include <sqlite3.h>
#include <sys/stat.h>  // mkfifo

#include <algorithm>
#include <exception>
#include <new>
#include <stdexcept>
#include <string>
#include <utility>

using namespace translation_test;

class TestTranslationsAtRunTime : public QObject {
    Q_OBJECT

private slots:
    void codeGetsChineseAtRunTime();
    void savedStateErrorsGetChinese();
    void everyReplyFailureIsWorded();
    void startStateRefusalsGetChinese();
    void qtFileDialogGetsTheLanguage_data();
    void qtFileDialogGetsTheLanguage();
};

void TestTranslationsAtRunTime::codeGetsChineseAtRunTime() {
    QTemporaryDir tmp;
    QTranslator translator;
    const QString notLoaded = loadZhCatalogue(tmp, translator);
    QVERIFY2(notLoaded.isEmpty(), qPrintable(notLoaded));
    QVERIFY(QCoreApplication::installTranslator(&translator));

    QCOMPARE(rwkv::models::folderProblem(QString()).text(), QStringLiteral("尚未设置模型文件夹。"));
    QString error;
    QVERIFY(!rwkv::models::ModelCatalog::load(tmp.filePath(QStringLiteral("missing.json")), &error));
    QVERIFY2(error.startsWith(QStringLiteral("无法读取模型目录")), qPrintable(error));
    QVERIFY(!rwkv::models::ModelCatalog::fromJson("{", &error));
    QVERIFY2(error.startsWith(QStringLiteral("models.json 不是有效的 JSON")), qPrintable(error));
    QVERIFY(!rwkv::models::ModelCatalog::fromJson(R"({"models":[{"name":"x"}]})", &error));
    QVERIFY2(error.contains(QStringLiteral("字段“id”缺失或为空")), qPrintable(error));
    QCOMPARE(QCoreApplication::translate("rwkv::app::ChatSession", "no saved state"), QStringLiteral("没有保存的状态"));
    QCOMPARE(QCoreApplication::translate("Composer", "Send"), QStringLiteral("发送"));
    // The conversation database's errors in the window (new-user trial, session 14: a full disk in the zh_CN window
    // said "回复失败：The disk holding the conversation database … is full …").
    const rwkv::store::StoreError full("x", SQLITE_FULL, SQLITE_FULL, {}, "/d/conversations.sqlite");
    QCOMPARE(rwkv::app::storeErrorText(full),
             QStringLiteral("存放对话数据库 \u2068/d/conversations.sqlite\u2069 的磁盘已满，所以这次更改没有保存。请腾出一些空间后重试。"));
    const rwkv::store::StoreError locked("x", SQLITE_BUSY, SQLITE_BUSY, {}, "/d/c.sqlite", "database is locked");
    QVERIFY2(rwkv::app::storeErrorText(locked).startsWith(QStringLiteral("对话数据库 \u2068/d/c.sqlite\u2069 被另一个程序锁定（database is locked）")),
             qPrintable(rwkv::app::storeErrorText(locked)));
    const rwkv::store::StoreError damaged("x", SQLITE_CORRUPT, SQLITE_CORRUPT, {}, "/d/c.sqlite");
    // English, as rwkv-cli says it, but with the path as one unit of the sentence (session 42: it was bare)
    QCOMPARE(rwkv::app::storeErrorText(damaged),
             QString::fromStdString(damaged.userMessage(rwkv::store::Paths::Isolated)));
    QVERIFY(rwkv::app::storeErrorText(damaged).contains(QStringLiteral("\u2068/d/c.sqlite\u2069")));
    // A database that cannot be made, by its case (store::databaseFileProblem): a folder that does not exist.
    const QString gone = tmp.filePath(QStringLiteral("gone"));
    const rwkv::store::StoreError cantOpen("x", SQLITE_CANTOPEN, SQLITE_CANTOPEN, {}, (gone + QStringLiteral("/c.sqlite")).toStdString());
    QCOMPARE(rwkv::app::storeErrorText(cantOpen),
             QStringLiteral("无法创建对话数据库 \u2068%1/c.sqlite\u2069：它所在的文件夹 \u2068%1\u2069 不存在。请创建这个文件夹，或者把数据库放在另一个文件夹里。").arg(gone));
    // A named pipe in its place, named as which it is (session 57's loose ends: "a device, a named pipe or a socket").
    const QString pipe = tmp.filePath(QStringLiteral("pipe.sqlite"));
    QCOMPARE(::mkfifo(QFile::encodeName(pipe).constData(), 0600), 0);
    QCOMPARE(rwkv::store::databaseFileProblem(pipe, rwkv::store::Words::Translated),
             QStringLiteral("对话数据库 \u2068%1\u2069 是命名管道（FIFO），不是存放在磁盘上的文件：请移走或删除它。").arg(pipe));
    // A path with U+202E RIGHT-TO-LEFT OVERRIDE is one unit of the sentence (U+2068 … U+2069): the override ends with it
    // and the rest of the sentence reads in order (session 41; it was drawn backwards).
    const rwkv::store::StoreError fullEvil("x", SQLITE_FULL, SQLITE_FULL, {}, "/d/ro\u202Eevil/conversations.sqlite");
    QCOMPARE(rwkv::app::storeErrorText(fullEvil),
             QStringLiteral("存放对话数据库 \u2068/d/ro\u202Eevil/conversations.sqlite\u2069 的磁盘已满，所以这次更改没有保存。请腾出一些空间后重试。"));
    // A model whose outputs are NaN (new-user trial, session 14: the sampler's English "invalid argument" in the
    // zh_CN window at the first reply): refused at the load, and at a reply, with the translated sentence first.
    const rwkv::Error nanLogits(rwkv::ErrorCode::InvalidLogits, "logit 3 is NaN");
    const QString nanSentence = QStringLiteral("模型的输出不是数字：文件已损坏，或者不是 RWKV-7 模型。请重新下载或复制它，或者选择另一个模型。");
    QCOMPARE(rwkv::app::modelLoadErrorText(nanLogits), nanSentence + QStringLiteral("\nlogit 3 is NaN"));
    QCOMPARE(rwkv::app::replyErrorText(nanLogits), nanSentence + QStringLiteral("\nlogit 3 is NaN"));
    QCOMPARE(rwkv::app::replyErrorText(full), rwkv::app::storeErrorText(full));  // the database's errors as before
    // A weight beyond fp16's range (session 57): what loads it, in the window's words, the engine's below.
    const rwkv::Error big(rwkv::ErrorCode::WeightOutOfRange, "m.pth: tensor head.weight holds 70000 (element 3 of 9)");
    QCOMPARE(rwkv::app::modelLoadErrorText(big),
             QStringLiteral("此模型的部分权重超出了 fp16 权重能表示的范围（详情中列出了其中一个）。请在“设置 → 内存中的权重”中选择 "
                            "int8，并在“设置 → 运行设备”中选择 CPU：int8 权重可以容纳它们。\nm.pth: tensor head.weight "
                            "holds 70000 (element 3 of 9)"));
    // One beyond int8's range too (the CPU's int8 keeps a group's scale as fp16, session 57's loose ends): int8 does
    // not hold it either, so the sentence does not send the user there.
    const rwkv::Error tooBig(rwkv::ErrorCode::WeightOutOfRange,
                             "m.pth: tensor head.weight holds 100000000 (element 3 of 9), beyond int8's range "
                             "(±8321039.5): its group's scale (|x| / 127, kept as fp16) would be infinity");
    QCOMPARE(rwkv::app::modelLoadErrorText(tooBig),
             QStringLiteral("此模型的部分权重过大，fp16 和 int8 权重（本窗口能加载的两种）都无法容纳（详情中列出了其中一个）。训练好"
                            "的模型不会有这样的权重：文件可能已损坏。请重新下载或复制它，或者选择另一个模型。\n") +
                 QString::fromStdString(tooBig.what()));
    // Inside "Could not load … Still using …" one full stop, not "。。" (session 28's trial, F4; en: test_chat_controller).
    QCOMPARE(QCoreApplication::translate("rwkv::app::ChatController", "Could not load “%1”: %2. Still using %3.")
                 .arg(QStringLiteral("nan.safetensors"), rwkv::app::withoutFinalStop(nanSentence), QStringLiteral("m")),
             QStringLiteral("无法加载“nan.safetensors”：模型的输出不是数字：文件已损坏，或者不是 RWKV-7 模型。请重新下载或复制"
                            "它，或者选择另一个模型。仍在使用 m。"));
    QCOMPARE(QCoreApplication::translate("rwkv::app::ChatController", "Chat “%1” is damaged: %2 of its messages could not be "
                                         "read as they were saved and are shown as well as they can be (one whose kind "
                                         "is unreadable as yours). You can still read, continue, export or delete this chat.")
                 .arg(QStringLiteral("x")).arg(2),
             QStringLiteral("对话“x”已损坏：其中 2 条消息无法按保存时的样子读出，现尽量显示（无法识别类型的消息显示为你的消息）。你仍然可以阅读、继续、导出或删除这个对话。"));
    // CUDA without a driver (session 22's trial, F7: CUDA's English words were the message): a sentence, the words after.
    const rwkv::Error noDriver(rwkv::ErrorCode::BackendUnavailable,
                               "backend 'cuda:0': no NVIDIA GPU driver found: use the CPU or Vulkan (CUDA: CUDA driver "
                               "version is insufficient for CUDA runtime version)");
    QVERIFY2(rwkv::app::modelLoadErrorText(noDriver).startsWith(
                 QStringLiteral("没有找到 NVIDIA GPU 驱动程序，所以这台电脑上无法使用 CUDA。请在设置中选择 CPU 或 Vulkan 设备。\nbackend")),
             qPrintable(rwkv::app::modelLoadErrorText(noDriver)));
    // What a model of another kind is, said first; never "damaged" for a whole file, nor "(not RWKV-4, 5 or 6)" for a
    // Llama model (session 34's check).
    const rwkv::Error llama(rwkv::ErrorCode::UnsupportedModel, "l.safetensors: not an RWKV model: a Llama-style model (key "
                                                               "model.embed_tokens.weight); only RWKV-7 is supported");
    QVERIFY2(rwkv::app::modelLoadErrorText(llama).startsWith(
                 QStringLiteral("这个文件不是 RWKV 模型（详情中说明了它是什么）：RWKV 桌面版只运行 RWKV-7 模型。请选择一个 RWKV-7 "
                                "模型。\nl.safetensors: not an RWKV model")),
             qPrintable(rwkv::app::modelLoadErrorText(llama)));
    const rwkv::Error v6(rwkv::ErrorCode::UnsupportedModel, "v6.pth: unsupported architecture: RWKV-6 (key "
                                                            "blocks.0.att.time_maa_x); only RWKV-7 is supported");
    QCOMPARE(rwkv::app::unsupportedModelSentence(QString::fromUtf8(v6.what())),
             QStringLiteral("这是 RWKV-6 模型：RWKV 桌面版只运行 RWKV-7 模型。请选择一个 RWKV-7 模型。"));
    // Models → Import from disk of a cut .pth (session 32's trial: the engine's English alone after the sentence): the
    // model button's sentence, the engine's words on a details line, as ModelManagerController::importModel makes it.
    const rwkv::Error cut(rwkv::ErrorCode::TruncatedFile, "cut.pth: ZIP end-of-central-directory record not found (truncated?)");
    const QString cutWorded = rwkv::app::modelLoadErrorText(cut);
    QCOMPARE(QCoreApplication::translate("rwkv::models::ModelManagerController",
                                         "%1 cannot be used as a model, so nothing was copied. %2\nDetails: %3")
                 .arg(QStringLiteral("cut.pth"), cutWorded.section(QLatin1Char('\n'), 0, 0), cutWorded.section(QLatin1Char('\n'), 1)),
             QStringLiteral("cut.pth 无法用作模型，因此没有复制任何文件。文件不完整（下载或复制被中断了？）。请重新下载或复制。\n"
                            "详情：cut.pth: ZIP end-of-central-directory record not found (truncated?)"));
    // Incomplete by the code, not by the engine's word (session 42): a cut rwkv.cpp file's words need not say "truncated",
    // and a damaged file's may ("… in data.pkl: the file is damaged" once read "truncated: …").
    QVERIFY2(rwkv::app::modelLoadErrorText(rwkv::Error(rwkv::ErrorCode::TruncatedFile, "m.bin: cut"))
                 .startsWith(QStringLiteral("文件不完整（下载或复制被中断了？）。请重新下载或复制。\nm.bin: cut")),
             qPrintable(rwkv::app::modelLoadErrorText(rwkv::Error(rwkv::ErrorCode::TruncatedFile, "m.bin: cut"))));
    const QString damagedWorded =
        rwkv::app::modelLoadErrorText(rwkv::Error(rwkv::ErrorCode::CorruptFile, "m.pth: truncated: string needs 9 bytes"));
    QVERIFY2(!damagedWorded.startsWith(QStringLiteral("文件不完整")) &&
                 damagedWorded.startsWith(QCoreApplication::translate(
                     "EngineError", "The file is damaged: its contents do not fit together. Download or copy it again.")),
             qPrintable(damagedWorded));
    // Another file of a name already in the models folder goes in under a free name (session 33's trial, LOW).
    QCOMPARE(QCoreApplication::translate("rwkv::models::ModelManagerController",
                                         "%1 was imported as %2: the models folder already has another file named %1.")
                 .arg(QStringLiteral("mine.gguf"), QStringLiteral("mine (2).gguf")),
             QStringLiteral("mine.gguf 已导入为 mine (2).gguf：模型文件夹中已有另一个名为 mine.gguf 的文件。"));
    // A new database on a full disk, at the start (new-user trial, session 14: "… so this change was not saved").
    const rwkv::app::StartupStoreProblem atStart = rwkv::app::startupStoreProblem(full, QStringLiteral("/d/c.sqlite"));
    QCOMPARE(atStart.headline, QStringLiteral("磁盘已满：RWKV 桌面版无法建立它的对话数据库。"));
    QVERIFY2(atStart.detail.startsWith(QStringLiteral("文件：/d/c.sqlite\n存放它的磁盘没有空间")) &&
                 atStart.detail.endsWith(QStringLiteral("选择“重试”，或者用 --data-dir 指定另一个磁盘上的文件夹来启动 RWKV 桌面版。")),
             qPrintable(atStart.detail));
    const rwkv::store::StoreError ioerr("x", SQLITE_IOERR, SQLITE_IOERR_WRITE, {}, "/d/c.sqlite", "disk I/O error");
    QVERIFY2(rwkv::app::startupStoreProblem(ioerr, QStringLiteral("/d/c.sqlite")).detail.contains(QStringLiteral("（disk I/O error）")),
             qPrintable(rwkv::app::startupStoreProblem(ioerr, QStringLiteral("/d/c.sqlite")).detail));
    QVERIFY(rwkv::app::startupStoreProblem(damaged, QStringLiteral("/d/c.sqlite")).headline.isEmpty());  // its own window
    QVERIFY(rwkv::app::startupStoreProblem(nanLogits, QStringLiteral("/d/c.sqlite")).headline.isEmpty());
    // Why an import was refused, in the import banner (known defect, session 16: "未导入“x.json”：cannot import: this
    // is not an RWKV Desktop conversation; nothing was imported"). what() stays English: rwkv-cli prints it.
    const auto importRefusal = [](const QByteArray& file) -> std::pair<QString, QString> {
        try {
            rwkv::app::parseConversationFile(file);
        } catch (const rwkv::app::ImportError& e) {
            return {e.reason(), QString::fromUtf8(e.what())};
        }
        return {};
    };
    const auto [notOurs, notOursEnglish] = importRefusal(R"({"format": "nope"})");
    QCOMPARE(notOurs, QStringLiteral("这不是 RWKV 桌面版的对话"));
    QCOMPARE(notOursEnglish, QStringLiteral("cannot import: this is not an RWKV Desktop conversation; nothing was imported"));
    // What is not a file (app::refuseWhatIsNotAFile, the window's import and rwkv-cli's): a folder.
    try {
        rwkv::app::refuseWhatIsNotAFile(tmp.path());
        QFAIL("a folder was taken for a file");
    } catch (const rwkv::app::ImportError& e) {
        QCOMPARE(e.reason(), QStringLiteral("\u2068%1\u2069 是一个文件夹，不是文件").arg(tmp.path()));  // isolated in the window
        QCOMPARE(QString::fromUtf8(e.what()),
                 QStringLiteral("cannot import: %1 is a folder, not a file; nothing was imported").arg(tmp.path()));
    }
    const QByteArray head = R"({"format": "rwkv-desktop-conversation", "version": 1, "conversation": {}, "messages": )";
    QCOMPARE(importRefusal(head + R"([{"id": 1, "role": "robot", "text": "x"}]})").first,
             QStringLiteral("第 1 条消息的角色“robot”未知"));
    QCOMPARE(importRefusal(head + R"([{"id": 1.5, "role": "user", "text": "x"}]})").first,
             QStringLiteral("第 1 条消息：“id”不是整数"));
    QCOMPARE(importRefusal(QByteArray("RWKVCB01") + QByteArray(40, '\0')).first,
             QStringLiteral("对话包不完整（48 字节）"));
    // A file that is neither, named in Chinese (session 45: "它是 a PNG picture", the engine's English, before).
    const auto [png, pngEnglish] = importRefusal(QByteArray("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16));
    QCOMPARE(png, QStringLiteral("这既不是 RWKV 桌面版的对话包（.rwkvchat），也不是 JSON 导出文件：它是一张 PNG 图片"));
    QCOMPARE(pngEnglish, QStringLiteral("cannot import: this is neither an RWKV Desktop bundle (.rwkvchat) nor a JSON "
                                        "export: it is a PNG picture; nothing was imported"));
    QCOMPARE(rwkv::app::foreignFileKindText(rwkv::app::foreignFileKind("version https://git-lfs.github.com/spec/v1\n")),
             QStringLiteral("一个 Git LFS 指针文件"));
    // The start without a resources folder (session 17): what is missing and where the app looked, in Chinese.
    qunsetenv("RWKV_DESKTOP_RESOURCES");
    const QString noResources = rwkv::app::missingResourcesText(QStringLiteral("/x/bin"));
    QVERIFY2(noResources.startsWith(QStringLiteral("RWKV 桌面版找不到它的资源文件夹")) &&
                 noResources.contains(QStringLiteral("/x/share/rwkv-desktop, /x/bin/resources, /x/resources, /resources")),
             qPrintable(noResources));
    // Two sentences said together (Wording::then, joinSentences: a download's reasons, an import's notes, "…
    // Still using M." after a name that is not UTF-8) join as the translation of "%1 %2" says: no ASCII space between
    // Chinese sentences (session 34's check); English keeps its space, below.
    const rwkv::models::Wording stillUsing("rwkv::app::ChatController", "Still using %1.", {QStringLiteral("m")});
    QCOMPARE(rwkv::models::folderProblem(QString()).then(stillUsing).text(), QStringLiteral("尚未设置模型文件夹。仍在使用 m。"));
    QCOMPARE(rwkv::models::joinSentences(nanSentence, stillUsing.text()), nanSentence + QStringLiteral("仍在使用 m。"));
    QCoreApplication::removeTranslator(&translator);
    QCOMPARE(rwkv::models::folderProblem(QString()).then(stillUsing).text(),
             QStringLiteral("No models folder is set. Still using m."));
    // The translation decides, not the characters at the join: English after a Chinese file name keeps its space.
    QCOMPARE(rwkv::models::joinSentences(QStringLiteral("Cannot open 模型"), stillUsing.text()),
             QStringLiteral("Cannot open 模型 Still using m."));
    QVERIFY(rwkv::app::replyErrorText(nanLogits).startsWith(QStringLiteral("The model's outputs are not numbers")));
    // English: userMessage's words (rwkv-cli's), the path isolated as in every sentence of the window.
    QCOMPARE(rwkv::app::storeErrorText(full),
             QStringLiteral("The disk holding the conversation database \u2068/d/conversations.sqlite\u2069 is full, so this "
                            "change was not saved. Free some space and try again."));
    QCOMPARE(QString::fromStdString(full.userMessage()),
             QStringLiteral("The disk holding the conversation database /d/conversations.sqlite is full, so this change was "
                            "not saved. Free some space and try again."));
    QCOMPARE(rwkv::models::folderProblem(QString()).text(), QStringLiteral("No models folder is set."));
}

// The six reasons a saved state could not be read (stateErrorText), as a turn's readout says them in zh_CN. Before
// (session 38), they were asked for under "rwkv::app::ChatSession" but filed under "rwkv::app": English.
void TestTranslationsAtRunTime::savedStateErrorsGetChinese() {
    QTemporaryDir tmp;
    QTranslator translator;
    const QString notLoaded = loadZhCatalogue(tmp, translator);
    QVERIFY2(notLoaded.isEmpty(), qPrintable(notLoaded));
    QVERIFY(QCoreApplication::installTranslator(&translator));
    using Kind = rwkv::store::CodecError::Kind;
    const std::pair<std::exception_ptr, QString> reasons[] = {
        {std::make_exception_ptr(rwkv::store::CodecError("x", Kind::Checksum)), QStringLiteral("保存的状态已损坏：校验和不匹配")},
        {std::make_exception_ptr(rwkv::store::CodecError("x", Kind::CutShort)), QStringLiteral("保存的状态已损坏：数据不完整")},
        {std::make_exception_ptr(rwkv::store::CodecError("x", Kind::UnknownCodec)),
         QStringLiteral("保存的状态的格式无法被此版本读取")},
        {std::make_exception_ptr(rwkv::store::CodecError("x", Kind::Damaged)), QStringLiteral("保存的状态已损坏")},
        {std::make_exception_ptr(rwkv::store::StoreError("x", SQLITE_CORRUPT, SQLITE_CORRUPT, {}, "/d/c.sqlite")),
         QStringLiteral("保存的状态已损坏：数据库中存放它的部分已损坏")},
        {std::make_exception_ptr(std::runtime_error("x")), QStringLiteral("无法读取保存的状态")},
    };
    for (const auto& [error, chinese] : reasons) {
        try {
            std::rethrow_exception(error);
        } catch (const std::exception& e) {
            QCOMPARE(rwkv::app::stateErrorText(e), chinese);
        }
    }
    QCoreApplication::removeTranslator(&translator);
    try {
        throw rwkv::store::CodecError("x", Kind::CutShort);
    } catch (const std::exception& e) {
        QCOMPARE(rwkv::app::stateErrorText(e), QStringLiteral("the saved state is damaged: it is cut short"));
    }
}

// Every reason a reply can fail for, as the worker reports it (InferenceWorker::replyFailed's exception), reads as
// translated words: a Chinese sentence first, the technical text (the engine's, the store's English) on the line after
// it, never in the sentence. Before (session 37's check), every rwkv::Error but InvalidLogits and every StoreError
// storeErrorText has no words for (a damaged database, a constraint, the store's own errors) went to the banner as
// "The reply in “A” failed: <the store's English>". The cases: every ErrorCode, every primary SQLite result code (and
// the two extended ones worded apart), the store's own (code 0), a saved state that cannot be decoded, memory, an
// exception of no known kind, a thrown value that is none, the app's own ChatError (translated when thrown).
void TestTranslationsAtRunTime::everyReplyFailureIsWorded() {
    QTemporaryDir tmp;
    QTranslator translator;
    const QString notLoaded = loadZhCatalogue(tmp, translator);
    QVERIFY2(notLoaded.isEmpty(), qPrintable(notLoaded));
    QVERIFY(QCoreApplication::installTranslator(&translator));
    struct Failure {
        QString name;
        std::exception_ptr error;
        QString detail;  // the technical text the banner shows below the sentence; empty: none
    };
    QList<Failure> failures;
    for (int c = int(rwkv::ErrorCode::InvalidArgument); c <= int(rwkv::ErrorCode::Internal); ++c) {
        const auto code = rwkv::ErrorCode(c);
        const std::string words = std::string("engine words: ") + rwkv::to_string(code);
        failures.push_back({QString::fromLatin1(rwkv::to_string(code)),
                            std::make_exception_ptr(rwkv::Error(code, words)), QString::fromStdString(words)});
    }
    QList<std::pair<int, int>> sqliteCodes{{SQLITE_BUSY, rwkv::store::kBusyWithThisProgram},
                                           {SQLITE_CONSTRAINT, SQLITE_CONSTRAINT_COMMITHOOK}};
    for (int c = 0; c <= SQLITE_WARNING; ++c) sqliteCodes.push_back({c, c});
    for (const auto& [code, extended] : sqliteCodes) {
        const rwkv::store::StoreError e("saveTurnResult: store words [" + std::to_string(extended) + "]", code, extended,
                                        "INSERT INTO messages ...", "/d/conversations.sqlite", "SQLite's own words");
        // Where storeErrorText has its translated sentence, that sentence alone (as before); else the store's English
        // is the detail, its paths isolated (U+2068 … U+2069) as in every sentence of the window (session 42: they
        // were bare here, so a folder named with U+202E turned the detail around).
        failures.push_back({QStringLiteral("SQLite %1/%2").arg(code).arg(extended), std::make_exception_ptr(e),
                            rwkv::app::translatedStoreError(e).isEmpty()
                                ? QString::fromStdString(e.userMessage(rwkv::store::Paths::Isolated))
                                : QString()});
    }
    failures.push_back({QStringLiteral("snapshot codec"),
                        std::make_exception_ptr(rwkv::store::CodecError("the stored snapshot is not a zstd frame")),
                        QStringLiteral("the stored snapshot is not a zstd frame")});
    failures.push_back({QStringLiteral("bad_alloc"), std::make_exception_ptr(std::bad_alloc()),
                        QString::fromLatin1(std::bad_alloc().what())});
    failures.push_back({QStringLiteral("another exception"),
                        std::make_exception_ptr(std::runtime_error("some library's words")),
                        QStringLiteral("some library's words")});
    failures.push_back({QStringLiteral("not an exception"), std::make_exception_ptr(7), QString()});
    const QString chatWords =
        QCoreApplication::translate("rwkv::app::ChatSession", "Conversation %1 does not exist.").arg(3);
    failures.push_back({QStringLiteral("ChatError"), std::make_exception_ptr(rwkv::app::ChatError(chatWords.toStdString())),
                        QString()});
    QVERIFY(failures.size() > 45);
    for (const Failure& f : failures) {
        const QString text = rwkv::app::replyErrorText(f.error);
        const QString sentence = text.section(QLatin1Char('\n'), 0, 0);
        const QString said = f.name + QStringLiteral(": ") + text;
        QVERIFY2(!sentence.trimmed().isEmpty() && hasCjk(sentence), qPrintable(said));
        QVERIFY2(f.detail.isEmpty() ? text == sentence : text == sentence + QLatin1Char('\n') + f.detail, qPrintable(said));
        // No technical text in the sentence (SQLite's own words may be, in brackets, where storeErrorText puts them).
        QVERIFY2(!sentence.contains(QLatin1String("engine words")) && !sentence.contains(QLatin1String("store words")) &&
                     (f.detail.isEmpty() || !sentence.contains(f.detail)),
                 qPrintable(said));
    }
    QCOMPARE(rwkv::app::replyErrorText(failures.back().error), chatWords);
    QCoreApplication::removeTranslator(&translator);
    // In English too: a sentence of the app's, then the same detail (ChatError's was made in Chinese, above).
    failures.removeLast();
    for (const Failure& f : failures) {
        const QString text = rwkv::app::replyErrorText(f.error);
        const QString sentence = text.section(QLatin1Char('\n'), 0, 0);
        QVERIFY2(!sentence.trimmed().isEmpty() && !sentence.contains(QLatin1String("engine words")) &&
                     !sentence.contains(QLatin1String("store words")) && !hasCjk(text),
                 qPrintable(f.name + QStringLiteral(": ") + text));
    }
}

// Session 55's trial: a file refused as a chat's starting state said why in the engine's English alone, in zh_CN and
// ja too. Every reason startStateErrorSentence words (a file problem, the three kinds of file that are no state-tuning
// file, a head size it cannot run, another model's size) is a Chinese sentence, and English without the catalogue;
// the other codes have none (the window shows the engine's words then).
void TestTranslationsAtRunTime::startStateRefusalsGetChinese() {
    QTemporaryDir tmp;
    QTranslator translator;
    const QString notLoaded = loadZhCatalogue(tmp, translator);
    QVERIFY2(notLoaded.isEmpty(), qPrintable(notLoaded));
    using rwkv::ErrorCode;
    const QList<rwkv::Error> worded{
        {ErrorCode::FileNotFound, "s.pth: cannot open"},
        {ErrorCode::Io, "s.pth: read failed"},
        {ErrorCode::EmptyFile, "s.pth: empty file, not a state-tuning file"},
        {ErrorCode::TruncatedFile, "s.pth: ZIP end-of-central-directory record not found (truncated?)"},
        {ErrorCode::CorruptFile, "s.pth: blocks.1.att.time_state is missing"},
        {ErrorCode::UnsafeFile, "s.pth: pickle opcode REDUCE"},
        {ErrorCode::UnsupportedFormat, "m.pth: this is a model checkpoint (it holds 'emb.weight' and 9 other tensors)"},
        {ErrorCode::UnsupportedFormat, "/dev/zero: not a regular file"},
        {ErrorCode::UnsupportedFormat, "/dev/zero: not a regular file (a character device)"},
        {ErrorCode::UnsupportedFormat, "p.pth: not a state-tuning file: it is a PNG picture"},
        {ErrorCode::UnsupportedModel, "s.pth: head size 32; only RWKV-7 with head size 64 is supported"},
        {ErrorCode::StateMismatch, "the state-tuning file is for a model of L3 H2 N64 (C 128); the loaded model is L12"},
    };
    QSet<QString> english;
    for (const rwkv::Error& e : worded) english << rwkv::app::startStateErrorSentence(e);
    QCOMPARE(english.size(), 11);  // the two incomplete-file codes share one; every other reason its own
    QVERIFY(QCoreApplication::installTranslator(&translator));
    QSet<QString> chinese;
    for (const rwkv::Error& e : worded) {
        const QString sentence = rwkv::app::startStateErrorSentence(e);
        QVERIFY2(hasCjk(sentence) && !sentence.contains(QString::fromStdString(e.what())),
                 qPrintable(QString::fromStdString(e.what()) + QStringLiteral(" -> ") + sentence));
        chinese << sentence;
    }
    QCOMPARE(chinese.size(), 11);
    // What the path is, in Chinese too (session 57's loose ends)
    QCOMPARE(rwkv::app::startStateErrorSentence(
                 {ErrorCode::UnsupportedFormat, "/dev/zero: not a regular file (a character device)"}),
             QStringLiteral("这是字符设备，不是存放在磁盘上的文件，因此不能作为起始状态。请选择状态微调文件。"));
    for (const ErrorCode code : {ErrorCode::InvalidArgument, ErrorCode::InvalidToken, ErrorCode::CorruptState,
                                 ErrorCode::OutOfMemory, ErrorCode::Internal})
        QCOMPARE(rwkv::app::startStateErrorSentence(rwkv::Error(code, "x")), QString());
    QCoreApplication::removeTranslator(&translator);
    for (const QString& sentence : english) QVERIFY2(!hasCjk(sentence), qPrintable(sentence));
}

// New-user trial, session 19: the zh_CN Import / Export dialogs (Qt 6.4's QtQuick.Dialogs FileDialog.qml) said "File
// name" and "Filter" in English: Debian 12's qtdeclarative_zh_CN.qm has no context FileDialog.
// Debian 12's qtdeclarative_zh_TW.qm has no context FileDialog either (i18n/qt-dialogs_zh_TW.ts).
void TestTranslationsAtRunTime::qtFileDialogGetsTheLanguage_data() {
    QTest::addColumn<QString>("lang");
    QTest::newRow("zh_CN") << QStringLiteral("zh_CN");
    QTest::newRow("zh_TW") << QStringLiteral("zh_TW");
    QTest::newRow("ja") << QStringLiteral("ja");  // qtdeclarative_ja.qm has no context FileDialog either
}

void TestTranslationsAtRunTime::qtFileDialogGetsTheLanguage() {
    QFETCH(QString, lang);
    const QString dialog = QLibraryInfo::path(QLibraryInfo::QmlImportsPath) +
                           QStringLiteral("/QtQuick/Dialogs/quickimpl/qml/FileDialog.qml");
    QFile qml(dialog);
    if (!qml.open(QIODevice::ReadOnly)) QSKIP(qPrintable(QStringLiteral("no ") + dialog));
    QStringList sources;
    static const QRegularExpression re(QStringLiteral("qsTr\\(\"([^\"]+)\"\\)"));
    for (auto m = re.globalMatch(QString::fromUtf8(qml.readAll())); m.hasNext();) sources << m.next().captured(1);
    QVERIFY2(sources.contains(QStringLiteral("File name")), qPrintable(sources.join(u',')));

    const QString ts = kSource + QStringLiteral("/i18n/qt-dialogs_%1.ts").arg(lang);
    QVERIFY2(QFile::exists(ts), qPrintable(ts));
    for (const TsMessage& m : readTs(ts)) {
        QVERIFY2(m.type.isEmpty() && m.context == QLatin1String("FileDialog"), qPrintable(m.context + u' ' + m.source));
        QVERIFY2(sources.contains(m.source), qPrintable(m.source + QStringLiteral(": not in ") + dialog));
    }
    QTemporaryDir tmp;
    const QString qm = tmp.filePath(QStringLiteral("qt-dialogs_%1.qm").arg(lang));
    QProcess lrelease;
    lrelease.setProcessChannelMode(QProcess::MergedChannels);
    lrelease.start(QStringLiteral(RWKV_LRELEASE), {ts, QStringLiteral("-qm"), qm});
    QVERIFY(lrelease.waitForFinished(60000));
    QVERIFY2(lrelease.exitCode() == 0, lrelease.readAll().constData());
    QTranslator qt, ours;
    const QLocale zh(lang);
    const bool haveQt = qt.load(zh, QStringLiteral("qt"), QStringLiteral("_"),
                                QLibraryInfo::path(QLibraryInfo::TranslationsPath));
    if (haveQt) QCoreApplication::installTranslator(&qt);
    QVERIFY(ours.load(qm));
    QVERIFY(QCoreApplication::installTranslator(&ours));
    QStringList english;
    for (const QString& source : sources) {
        const QString t = QCoreApplication::translate("FileDialog", source.toUtf8().constData());
        const bool translated = lang == QLatin1String("ja") ? hasJapanese(t) && notJapanese(t).isEmpty()
                                                            : hasCjk(t) && (lang == QLatin1String("zh_CN") ||
                                                                            simplifiedOnly(t).isEmpty());
        if (!translated)
            english << source + QStringLiteral(" → ") + t;
    }
    QCoreApplication::removeTranslator(&ours);
    if (haveQt) QCoreApplication::removeTranslator(&qt);
    QVERIFY2(english.isEmpty(), qPrintable(english.join(QStringLiteral("; "))));
}

QTEST_GUILESS_MAIN(TestTranslationsAtRunTime)
#include "test_translations_at_run_time.moc"
