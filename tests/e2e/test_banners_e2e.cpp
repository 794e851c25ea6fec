// test_banners_e2e.cpp — the chat window's banners and header under Xvfb (see desktop_process.h), as a user meets
// them: the keyboard after a banner's button (Main.qml focusBackAfterButtons), a banner after a language switch
// (ChatController::showError(ErrorMaker)), the model button's width (HeaderBar.qml), the import's "Importing …" drawn
// before a long --import runs (main.cpp, afterNextFrame), a notice drawn as one (ErrorBanner.qml), the status line on
// one line (StatusBar.qml). The hooks' lines: docs/gui.md.
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSettings>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QtTest>

#include <functional>

#include "../app/damage_snapshot_pages.h"
#include "desktop_process.h"
#include "long_conversation.h"
#include "store/conversation_store.h"
#include "store/download_store.h"
#include "window_checks.h"

class TestBannersE2e : public QObject {
    Q_OBJECT

private slots:
    void bannerButtonHandsTheKeyboardToTheMessageBox();
    void bannerFollowsALanguageSwitch();
    void startAndImportBannersFollowALanguageSwitch();
    void cpuFallbackNoteFollowsALanguageSwitch();
    void modelNameThatFitsIsShownWhole();
    void longImportIsAnnouncedBeforeItRuns();
    void everyImportOfTheStartRunsInTurn();
    void longTitleLeavesTheModelButtonWhole();
    void longModelNameLeavesTheTitleRoom();
    void clearedSavedStatesAreANotice_data();
    void clearedSavedStatesAreANotice();
    void rebuiltIndexIsANotice_data();
    void rebuiltIndexIsANotice();
    void damagedDownloadListIsANotice_data();
    void damagedDownloadListIsANotice();
    void replyStatusIsNotCut_data();
    void replyStatusIsNotCut();
    void enterDuringThisChatsReplySaysWhy_data();
    void enterDuringThisChatsReplySaysWhy();
    void apiPortInUseIsSaidInTheBanner_data();
    void apiPortInUseIsSaidInTheBanner();
};

namespace {

using Run = rwkv::e2e::DesktopRun;
using rwkv::e2e::hookLine;
using rwkv::e2e::keepScreenshot;
using rwkv::e2e::runDesktop;

/// A JSON export (as rwkv-cli export --format json writes) of a conversation `title`: `count` messages on one branch,
/// "question N" and "answer N" in turn.
QByteArray longExport(int count, const QString& title = QStringLiteral("Long import")) {
    QJsonArray messages;
    for (int id = 1; id <= count; ++id)
        messages.append(QJsonObject{
            {QStringLiteral("id"), id},
            {QStringLiteral("parent"), id == 1 ? QJsonValue() : QJsonValue(id - 1)},
            {QStringLiteral("role"), id % 2 ? QStringLiteral("user") : QStringLiteral("assistant")},
            {QStringLiteral("text"), (id % 2 ? QStringLiteral("question %1") : QStringLiteral("answer %1")).arg(id)},
            {QStringLiteral("finished"), true},
            {QStringLiteral("created_at"), 1796332202500LL + id}});
    const QJsonObject conversation{{QStringLiteral("title"), title},
                                   {QStringLiteral("created_at"), 1796332202500LL}};
    return QJsonDocument(QJsonObject{{QStringLiteral("format"), QStringLiteral("rwkv-desktop-conversation")},
                                     {QStringLiteral("version"), 1},
                                     {QStringLiteral("conversation"), conversation},
                                     {QStringLiteral("messages"), messages}})
        .toJson(QJsonDocument::Compact);
}

/// Starts the app in `lang` on DIR/conversations.sqlite as `fill` wrote it, then with the root page of `damaged` (a
/// table or an index) overwritten: the start mends it and says so in the banner, in the notice style of the import
/// and download banners — no danger-red banner in the screenshot (kept as `shot`-LANG.png). `banner` gets the hook's
/// "error banner" line; a check that fails fails the test (the caller stops on QTest::currentTestFailed()).
void startNoticeOnDamagedPage(const QString& dir, const char* damaged, const QString& lang, const QString& shot,
                              const std::function<void(rwkv::store::ConversationStore&)>& fill, QString* banner) {
    const QString db = QDir(dir).filePath(QStringLiteral("conversations.sqlite"));
    {
        rwkv::store::ConversationStore store(db);
        fill(store);
    }
    QVERIFY(overwriteRootPage(db, damaged) > 0);
    const QString png = QDir(dir).filePath(shot + QStringLiteral(".png"));
    const Run r = runDesktop({QStringLiteral("--data-dir"), dir, QStringLiteral("--lang"), lang,
                              QStringLiteral("--screenshot"), png});
    QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
    *banner = hookLine(r.out, QStringLiteral("error banner"));
    QCOMPARE(hookLine(r.out, QStringLiteral("error banner style")), QStringLiteral("notice"));
    const QImage image(png);
    QVERIFY(!image.isNull());
    QCOMPARE(rwkv::e2e::redBannerInside(image), std::make_pair(-1, -1));  // before: the banner's red border
    keepScreenshot(png, QStringLiteral("%1-%2.png").arg(shot, lang));
}

}  // namespace

// A start with a model file that is gone: the demo model stands in and the banner says why. Its ✕ clicked, letters
// typed go to the message box. Before (session 28's trial, F1), the pressed button went with the banner and took the
// focus with it: "HI" was lost ("active focus: none", "message box: 0 characters").
void TestBannersE2e::bannerButtonHandsTheKeyboardToTheMessageBox() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString png = dir.filePath(QStringLiteral("dismissed.png"));
    const Run r = runDesktop({QStringLiteral("--data-dir"), dir.path(), QStringLiteral("--lang"), QStringLiteral("en"),
                              QStringLiteral("--model"), dir.filePath(QStringLiteral("gone.pth")), QStringLiteral("--keys"),
                              QStringLiteral("Click:errorDismiss,H,I"), QStringLiteral("--screenshot"), png});
    QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
    QVERIFY2(r.out.contains(QStringLiteral("\nnotice: The model file “")), qPrintable(r.out));  // the banner was there
    QVERIFY2(!r.out.contains(QStringLiteral("\nerror banner: ")), qPrintable(r.out));        // and ✕ closed it
    QVERIFY2(r.out.contains(QStringLiteral("\nactive focus: messageInput\n")), qPrintable(r.out));
    QVERIFY2(r.out.contains(QStringLiteral("\nmessage box: 2 characters\n")), qPrintable(r.out));
    keepScreenshot(png, QStringLiteral("banner-dismissed-typed.png"));
}

// The same banner, then Settings → Language → 简体中文 with the keyboard (Tab x3, Space, Down, Down, Return) and Esc:
// the banner reads in Chinese, as a start in Chinese shows it. Before (session 28's trial, F9), it kept its English
// sentence under the Chinese "详情：" label.
void TestBannersE2e::bannerFollowsALanguageSwitch() {
    QTemporaryDir dir, config;
    QVERIFY(dir.isValid() && config.isValid());
    const QString png = dir.filePath(QStringLiteral("switched.png"));
    const Run r = runDesktop({QStringLiteral("--data-dir"), dir.path(), QStringLiteral("--lang"), QStringLiteral("en"),
                              QStringLiteral("--model"), dir.filePath(QStringLiteral("gone.pth")), QStringLiteral("--open"),
                              QStringLiteral("settings"), QStringLiteral("--keys"),
                              QStringLiteral("Tab,Tab,Tab,Space,Down,Down,Return,Esc"), QStringLiteral("--screenshot"), png},
                             180000, false, config.path());
    QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
    QVERIFY2(r.out.contains(QStringLiteral("\nnotice: The model file “")), qPrintable(r.out));  // English at first
    QVERIFY2(r.out.contains(QStringLiteral("window title: RWKV 桌面版\n")), qPrintable(r.out));  // switched
    QVERIFY2(r.out.contains(QStringLiteral("\nerror banner: 模型文件“")) &&
                 r.out.contains(QStringLiteral("”不存在。已改为加载演示模型。")),
             qPrintable(r.out));
    const QString shown = r.out.section(QStringLiteral("\nwindow title: "), 1);  // the window as saved
    QVERIFY2(!shown.contains(QStringLiteral("does not exist")), qPrintable(shown));
    keepScreenshot(png, QStringLiteral("banner-after-language-switch.png"));
}

// The start's notice in the chat's banner (the conversations folder chosen in Settings cannot be used: a file stands
// where its parent should be, and --if-folder-unusable use-standard) and the import banner (--import of a model file,
// "… is a model file …, not a conversation"), then the switch to 简体中文 as above: both read in Chinese. Before
// (session 28's review of f60909b), only a load failure's banner followed the switch; these kept their English.
void TestBannersE2e::startAndImportBannersFollowALanguageSwitch() {
    QTemporaryDir config, data;
    QVERIFY(config.isValid() && data.isValid());
    // Settings' conversations folder under a file: it cannot be made (test_data_folder_e2e has the window's question).
    QVERIFY(QFile(data.filePath(QStringLiteral("a-file"))).open(QIODevice::WriteOnly));
    QVERIFY(QDir(config.path()).mkpath(QStringLiteral("rwkv-desktop")));
    QSettings(QDir(config.path()).filePath(QStringLiteral("rwkv-desktop/rwkv-desktop.conf")), QSettings::IniFormat)
        .setValue(QStringLiteral("data/folder"), data.filePath(QStringLiteral("a-file/conversations")));
    qputenv("XDG_DATA_HOME", data.filePath(QStringLiteral("xdg-data")).toUtf8());  // the standard folder of this run
    const auto restore = qScopeGuard([] { qunsetenv("XDG_DATA_HOME"); });
    const QString model = data.filePath(QStringLiteral("model.pth"));
    QVERIFY(QFile::copy(QStringLiteral(RWKV_SOURCE_DIR "/resources/tiny-rwkv7-834K.pth"), model));
    const QString png = data.filePath(QStringLiteral("switched.png"));
    const Run r = runDesktop({QStringLiteral("--lang"), QStringLiteral("en"), QStringLiteral("--if-folder-unusable"),
                              QStringLiteral("use-standard"), QStringLiteral("--import"), model, QStringLiteral("--open"),
                              QStringLiteral("settings"), QStringLiteral("--keys"),
                              QStringLiteral("Tab,Tab,Tab,Space,Down,Down,Return,Esc"), QStringLiteral("--screenshot"), png},
                             180000, false, config.path());
    QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
    QVERIFY2(r.out.contains(QStringLiteral("\nnotice: The conversations folder chosen in Settings cannot be used (")),
             qPrintable(r.out));  // English at first
    QVERIFY2(r.out.contains(QStringLiteral("window title: RWKV 桌面版\n")), qPrintable(r.out));  // switched
    QVERIFY2(r.out.contains(QStringLiteral("\nerror banner: 设置中选择的对话文件夹无法使用（")), qPrintable(r.out));
    QVERIFY2(r.out.contains(QStringLiteral("\nimport banner: “\u2068model.pth\u2069”是模型文件（PyTorch .pth），不是对话：")), qPrintable(r.out));
    const QString shown = r.out.section(QStringLiteral("\nwindow title: "), 1);  // the window as saved
    QVERIFY2(!shown.contains(QStringLiteral("cannot be used")) && !shown.contains(QStringLiteral("is a model file")),
             qPrintable(shown));
    keepScreenshot(png, QStringLiteral("banners-after-language-switch.png"));
}

// Settings name a device this computer does not have (cuda:99, saved on another computer): the model loads on the CPU
// and the banner says why, then the switch to 简体中文 as above: the note reads in Chinese. Before, the worker worded it
// on its thread and the window kept its English (session 28's review of f60909b, left by b5fd569).
void TestBannersE2e::cpuFallbackNoteFollowsALanguageSwitch() {
    QTemporaryDir config, data;
    QVERIFY(config.isValid() && data.isValid());
    QVERIFY(QDir(config.path()).mkpath(QStringLiteral("rwkv-desktop")));
    QSettings(QDir(config.path()).filePath(QStringLiteral("rwkv-desktop/rwkv-desktop.conf")), QSettings::IniFormat)
        .setValue(QStringLiteral("engine/backend"), QStringLiteral("cuda:99"));
    const QString png = data.filePath(QStringLiteral("switched.png"));
    const Run r = runDesktop({QStringLiteral("--data-dir"), data.path(), QStringLiteral("--lang"), QStringLiteral("en"),
                              QStringLiteral("--open"), QStringLiteral("settings"), QStringLiteral("--keys"),
                              QStringLiteral("Tab,Tab,Tab,Space,Down,Down,Return,Esc"), QStringLiteral("--screenshot"), png},
                             180000, false, config.path());
    QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
    QVERIFY2(r.out.contains(QStringLiteral("\nnotice: cuda:99 could not be used")), qPrintable(r.out));  // English at first
    QVERIFY2(r.out.contains(QStringLiteral("window title: RWKV 桌面版\n")), qPrintable(r.out));          // switched
    QVERIFY2(r.out.contains(QStringLiteral("\nerror banner: 无法使用 cuda:99")) && r.out.contains(QStringLiteral("改用 CPU")),
             qPrintable(r.out));
    // Why in Chinese too, the engine's English words as the details after " | " (before, session 30's note: "无法使用
    // cuda:99（backend 'cuda:99' is not available in this build …）；改用 CPU", no details). Why depends on the build
    // (without CUDA: "所选设备不可用…"; with CUDA and no driver, as in CI: "没有找到 NVIDIA GPU 驱动程序…"): the reason
    // must be Chinese, no English word in it but names (CPU, CUDA, GPU, NVIDIA, Vulkan), and the details, if any, English.
    const QString banner = r.out.section(QStringLiteral("\nerror banner: 无法使用 cuda:99，改用 CPU。"), 1).section(u'\n', 0, 0);
    const QString why = banner.section(QStringLiteral(" | "), 0, 0), details = banner.section(QStringLiteral(" | "), 1);
    QVERIFY2(why.contains(QStringLiteral("请在设置中选择")), qPrintable(banner));
    QVERIFY2(!QString(why).remove(QRegularExpression(QStringLiteral("CPU|CUDA|GPU|NVIDIA|Vulkan")))
                  .contains(QRegularExpression(QStringLiteral("[A-Za-z]{3}"))),
             qPrintable(banner));
    QVERIFY2(details.isEmpty() || details.contains(QRegularExpression(QStringLiteral("[a-z]{4} [a-z]{2,}"))),
             qPrintable(banner));  // the no-driver reason has no details of the engine's
    const QString shown = r.out.section(QStringLiteral("\nwindow title: "), 1);  // the window as saved
    QVERIFY2(!shown.contains(QStringLiteral("could not be used")), qPrintable(shown));
    keepScreenshot(png, QStringLiteral("cpu-fallback-after-language-switch.png"));
}

// "rand-slow" beside New chat, with the whole header free: shown whole, as "rand-good" is. Before (session 28's
// trial, F2), the layout gave the button its text's width rounded down to whole pixels and it read "ran…low".
void TestBannersE2e::modelNameThatFitsIsShownWhole() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    // A Hebrew name too (session 45): isolated in the button (U+2068 … U+2069), it no longer turns the button's label
    // around ("▾ name ◆"); every name is isolated so.
    for (const QString& name : {QStringLiteral("rand-slow"), QStringLiteral("rand-good"), QStringLiteral("tiny-rwkv7-834K"),
                                QStringLiteral("\u05de\u05d5\u05d3\u05dc \u05d2\u05d3\u05d5\u05dc")}) {
        const QString model = dir.filePath(name + QStringLiteral(".pth"));
        QVERIFY(QFile::copy(QStringLiteral(RWKV_SOURCE_DIR "/resources/tiny-rwkv7-834K.pth"), model));
        const QString png = dir.filePath(name + QStringLiteral(".png"));
        const Run r = runDesktop({QStringLiteral("--data-dir"), dir.filePath(name), QStringLiteral("--lang"),
                                  QStringLiteral("en"), QStringLiteral("--model"), model, QStringLiteral("--screenshot"), png});
        QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
        QVERIFY2(r.out.contains(QStringLiteral("\nmodel button: ◆  \u2068%1\u2069  ▾\n").arg(name)), qPrintable(r.out));
        if (name == QLatin1String("rand-slow")) keepScreenshot(png, QStringLiteral("model-button-rand-slow.png"));
    }
}

// A conversation with a 200-character title (the longest kept) beside the model button: the name stays whole and the
// title gives up its room first. Before (session 32's brief), the title's text width was its preferred width and the
// layout shrank both: "model button: ◆  tiny-r…7-834K  ▾ (cut)".
void TestBannersE2e::longTitleLeavesTheModelButtonWhole() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QFile file(dir.filePath(QStringLiteral("title.json")));
    QVERIFY(file.open(QIODevice::WriteOnly) &&
            file.write(longExport(4, QStringLiteral("A very long title about the harbour and the ferry ").repeated(6))) > 0);
    file.close();
    const QString png = dir.filePath(QStringLiteral("long-title.png"));
    const Run r = runDesktop({QStringLiteral("--data-dir"), dir.filePath(QStringLiteral("data")), QStringLiteral("--lang"),
                              QStringLiteral("en"), QStringLiteral("--import"), file.fileName(), QStringLiteral("--screenshot"),
                              png});
    QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
    QVERIFY2(r.out.contains(QStringLiteral("\nwindow title: A very long title about the harbour")), qPrintable(r.out));
    QCOMPARE(hookLine(r.out, QStringLiteral("model button")), QStringLiteral("◆  \u2068tiny-rwkv7-834K\u2069  ▾"));
    keepScreenshot(png, QStringLiteral("long-title.png"));
}

// A model file of 179 characters beside the 200-character title: the button takes 40 % of the room the two share (its
// name cut in the middle), the title the rest; beside a new chat's short title it takes the room the title leaves.
// Before (session 32's check), as wide as its name, it left the title its minimum: "header: title 100 px, model button
// 507 px" in the 1,100 px window.
void TestBannersE2e::longModelNameLeavesTheTitleRoom() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString model = dir.filePath(QStringLiteral("rwkv7-g1-world-") +
                                       QStringLiteral("extended-context-finetune-").repeated(6) + QStringLiteral("2.9b.pth"));
    QVERIFY(QFile::copy(QStringLiteral(RWKV_SOURCE_DIR "/resources/tiny-rwkv7-834K.pth"), model));
    QFile file(dir.filePath(QStringLiteral("title.json")));
    QVERIFY(file.open(QIODevice::WriteOnly) &&
            file.write(longExport(4, QStringLiteral("A very long title about the harbour and the ferry ").repeated(6))) > 0);
    file.close();
    static const QRegularExpression widths(QStringLiteral("^title (\\d+) px, model button (\\d+) px$"));
    for (const bool imported : {true, false}) {
        const QString png = dir.filePath(QStringLiteral("long-model-name.png"));
        QStringList args{QStringLiteral("--data-dir"), dir.filePath(imported ? QStringLiteral("a") : QStringLiteral("b")),
                         QStringLiteral("--lang"), QStringLiteral("en"), QStringLiteral("--model"), model,
                         QStringLiteral("--screenshot"), png};
        if (imported) args << QStringLiteral("--import") << file.fileName();
        const Run r = runDesktop(args);
        QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
        QVERIFY2(hookLine(r.out, QStringLiteral("model button")).endsWith(QStringLiteral("2.9b\u2069  ▾ (cut)")), qPrintable(r.out));
        const QRegularExpressionMatch m = widths.match(hookLine(r.out, QStringLiteral("header")));
        QVERIFY2(m.hasMatch(), qPrintable(r.out));
        const int title = m.captured(1).toInt(), button = m.captured(2).toInt();
        if (imported) {  // 60 : 40, rounded
            QVERIFY2(std::abs(title * 2 - button * 3) <= 6, qPrintable(hookLine(r.out, QStringLiteral("header"))));
            keepScreenshot(png, QStringLiteral("long-model-name.png"));
        } else {  // "New chat" whole, the button the rest: more than 40 %
            QVERIFY2(button > title * 5, qPrintable(hookLine(r.out, QStringLiteral("header"))));
        }
    }
}

// --import of a JSON export of 10,000 messages on one branch: the window is drawn with "Importing “long.json”…" in the
// banner before the import runs (the hook's "before the import" line: the frames presented by then, the banner's
// text) while the model loads (the hook's "model while importing"), and the conversation then opens at its newest
// message in about the time the same database takes to open with --select (within 60 s: a wide margin for a busy
// machine; measured in the commit). Before (session 30's trial, A3), the import ran before the window's first frame ("0
// frames", no banner), until session 31 on the GUI thread (the hook's "import done: the window's longest wait N ms of
// the import's M ms": N the whole import then), and opening the imported conversation after the empty chat made a row
// for every message (the chat view's followNewest stepping down from the top, which the list's pages bound now): a
// 2,000-message file took 85 s, 60,000 messages more than 7 minutes.
void TestBannersE2e::longImportIsAnnouncedBeforeItRuns() {
    constexpr int kMessages = 10000;
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QFile file(dir.filePath(QStringLiteral("long.json")));
    QVERIFY(file.open(QIODevice::WriteOnly) && file.write(longExport(kMessages)) > 0);
    file.close();
    const QString data = dir.filePath(QStringLiteral("data")), png = dir.filePath(QStringLiteral("long-import.png"));
    QElapsedTimer clock;
    clock.start();
    const Run r = runDesktop({QStringLiteral("--data-dir"), data, QStringLiteral("--lang"), QStringLiteral("en"),
                              QStringLiteral("--import"), file.fileName(), QStringLiteral("--screenshot"), png});
    const qint64 importMs = clock.elapsed();
    QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
    const auto before = QRegularExpression(QStringLiteral("^(\\d+) frames, import banner: (.*)$"))
                            .match(hookLine(r.out, QStringLiteral("before the import")));
    QVERIFY2(before.hasMatch() && before.captured(1).toInt() >= 1, qPrintable(r.out));
    QCOMPARE(before.captured(2), QStringLiteral("Importing “\u2068long.json\u2069”…"));
    // The empty sidebar of those frames says so too: before, the first frame said "No conversations yet. Say hello
    // to start one." (importing() began with the import, one frame after the banner's announcement).
    QCOMPARE(hookLine(r.out, QStringLiteral("sidebar before the import")), QStringLiteral("Importing a conversation…"));
    // The demo model loads beside the import: the status line says it loads, or has loaded, not "No model loaded"
    // (until session 32 the model loaded once the import had ended, and the window said so all the while).
    const QString model = hookLine(r.out, QStringLiteral("model while importing"));
    QVERIFY2(model == QStringLiteral("Loading \u2068tiny-rwkv7-834K.pth\u2069…") ||
                 model == QStringLiteral("tiny-rwkv7-834K · CPU · byte tokenizer"),
             qPrintable(r.out));
    // The import runs on a thread of its own: the GUI thread's 10 ms timer waits a small part of it (under a third),
    // not all of it. Relative to the import's own time, which a loaded machine stretches as it does the waits (before
    // session 38: under 500 ms, failed once at 596 ms with the 2-core box at load 9.8); the import long enough that
    // a third of it is many turns of the timer.
    static const QRegularExpression doneLine(
        QStringLiteral("^the window's longest wait (\\d+) ms of the import's (\\d+) ms$"));
    const auto done = doneLine.match(hookLine(r.out, QStringLiteral("import done")));
    QVERIFY2(done.hasMatch(), qPrintable(r.out));
    const qint64 waited = done.captured(1).toLongLong(), importRan = done.captured(2).toLongLong();
    qInfo("the window's longest wait %lld ms of the import's %lld ms", waited, importRan);
    QVERIFY2(importRan >= 150, qPrintable(QStringLiteral("the import took %1 ms: too short to tell").arg(importRan)));
    QVERIFY2(waited * 3 < importRan,
             qPrintable(QStringLiteral("longest wait %1 ms of the import's %2 ms").arg(waited).arg(importRan)));
    QCOMPARE(hookLine(r.out, QStringLiteral("import banner")),
             QStringLiteral("Imported “\u2068Long import\u2069” (%1 messages).").arg(kMessages));
    QCOMPARE(hookLine(r.out, QStringLiteral("newest message in view")), QStringLiteral("yes"));
    keepScreenshot(png, QStringLiteral("long-import.png"));
    clock.restart();
    const Run opened = runDesktop({QStringLiteral("--data-dir"), data, QStringLiteral("--lang"), QStringLiteral("en"),
                                   QStringLiteral("--select"), QStringLiteral("1"), QStringLiteral("--screenshot"), png});
    const qint64 selectMs = clock.elapsed();
    QVERIFY2(opened.exitCode == 0, qPrintable(opened.out + opened.err));
    qInfo("--import %lld ms, --select of the same conversation %lld ms", importMs, selectMs);
    QVERIFY2(importMs <= selectMs + 60000,
             qPrintable(QStringLiteral("--import %1 ms, --select %2 ms").arg(importMs).arg(selectMs)));
}

// Session 34's check: "The saved states of your chats were damaged … and were cleared" (a cache emptied at the start,
// no message touched) was drawn in the error banner's red, though nothing failed for the user. It is drawn in the
// notice style of the import and download banners now: no danger-red banner on screen, in either language.
void TestBannersE2e::clearedSavedStatesAreANotice_data() {
    QTest::addColumn<QString>("lang");
    QTest::addColumn<QString>("sentence");
    QTest::newRow("en") << QStringLiteral("en")
                        << QStringLiteral("The saved states of your chats were damaged in the conversation database and "
                                          "were cleared; no message was touched.");
    QTest::newRow("zh_CN") << QStringLiteral("zh_CN") << QStringLiteral("对话数据库中保存的对话状态已损坏，已被清除；没有改动任何消息。");
}

void TestBannersE2e::clearedSavedStatesAreANotice() {
    QFETCH(QString, lang);
    QFETCH(QString, sentence);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QString banner;
    // The snapshots table is made again, empty, at the app's open: said in the banner.
    startNoticeOnDamagedPage(dir.path(), "snapshots", lang, QStringLiteral("saved-states-cleared"),
                             [](rwkv::store::ConversationStore& store) {
                                 const qint64 chat = store.createConversation(QStringLiteral("Kept"));
                                 const qint64 question = store.addMessage(chat, 0, rwkv::store::Role::User,
                                                                          QStringLiteral("Question"));
                                 store.addMessage(chat, question, rwkv::store::Role::Assistant, QStringLiteral("Answer"));
                             },
                             &banner);
    if (QTest::currentTestFailed()) return;
    QVERIFY2(banner.startsWith(sentence), qPrintable(banner));
}

// Session 35's trial: one overwritten page of the sidebar's index (conversations_by_use) offered only "Move it aside
// and start fresh", though every chat was whole. The index is made again at the start and the banner says so in its
// notice style, in every language; every chat is there afterwards, listed through the new index. Any index of the
// library is named as one of the database: the unfinished messages' (schema v11) was "the conversation list's index"
// (session 54).
void TestBannersE2e::rebuiltIndexIsANotice_data() {
    QTest::addColumn<QString>("lang");
    QTest::addColumn<QString>("index");
    QTest::addColumn<QString>("sentence");
    QTest::newRow("en") << QStringLiteral("en") << QStringLiteral("conversations_by_use")
                        << QStringLiteral("An index of your conversation database was damaged and has been rebuilt; "
                                          "nothing was lost.");
    QTest::newRow("en messages_unfinished")
        << QStringLiteral("en") << QStringLiteral("messages_unfinished")
        << QStringLiteral("An index of your conversation database was damaged and has been rebuilt; nothing was lost.");
    QTest::newRow("zh_CN") << QStringLiteral("zh_CN") << QStringLiteral("messages_unfinished")
                           << QStringLiteral("对话数据库中的一个索引已损坏，现已重建；没有丢失任何内容。");
    QTest::newRow("zh_TW") << QStringLiteral("zh_TW") << QStringLiteral("messages_unfinished")
                           << QStringLiteral("對話資料庫中的一個索引已損毀，現已重建；沒有遺失任何內容。");
    QTest::newRow("ja") << QStringLiteral("ja") << QStringLiteral("messages_unfinished")
                        << QStringLiteral("会話データベースのインデックスの一つが破損していたため、作り直しました。"
                                          "失われたものはありません。");
}

void TestBannersE2e::rebuiltIndexIsANotice() {
    QFETCH(QString, lang);
    QFETCH(QString, index);
    QFETCH(QString, sentence);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QString banner;
    startNoticeOnDamagedPage(dir.path(), qPrintable(index), lang, QStringLiteral("index-rebuilt-") + index,
                             [](rwkv::store::ConversationStore& store) {
                                 for (const QString& title : {QStringLiteral("Older"), QStringLiteral("Newer")}) {
                                     const qint64 chat = store.createConversation(title);
                                     store.addMessage(chat, 0, rwkv::store::Role::User,
                                                      QStringLiteral("Question to ") + title);
                                 }
                             },
                             &banner);
    if (QTest::currentTestFailed()) return;
    QCOMPARE(banner, sentence + QStringLiteral(" | "));  // alone, no details
    rwkv::store::ConversationStore store(dir.filePath(QStringLiteral("conversations.sqlite")));
    QVERIFY(store.indexRepair() == rwkv::store::ConversationStore::IndexRepair::None);  // made once, at the start
    const QList<rwkv::store::Conversation> chats = store.listConversations();
    QCOMPARE(chats.size(), 2);
    QCOMPARE(chats[0].title, QStringLiteral("Newer"));
    QCOMPARE(chats[1].title, QStringLiteral("Older"));
}

// Session 59's loose ends: a damaged list of unfinished downloads (its root page overwritten) was made again, empty, at
// the start and only stderr said so: a download paused before it had no Resume banner any more, without a word. The
// start's banner says it now, as a notice, with the .part kept; the chat and the model already downloaded stay.
void TestBannersE2e::damagedDownloadListIsANotice_data() {
    QTest::addColumn<QString>("lang");
    QTest::addColumn<QString>("sentence");
    QTest::newRow("en") << QStringLiteral("en")
                        << QStringLiteral("The list of unfinished model downloads in the conversation database was "
                                          "damaged and has been made again, empty: downloads paused or cut short before "
                                          "this start are no longer listed.");
    QTest::newRow("zh_CN") << QStringLiteral("zh_CN")
                           << QStringLiteral("对话数据库中未完成的模型下载列表已损坏，已重新建立为空列表：本次启动前暂停或中断的下载"
                                             "不再列出。");
    QTest::newRow("ja") << QStringLiteral("ja")
                        << QStringLiteral("会話データベース内の未完了のモデルダウンロードの一覧が破損していたため、空の一覧として"
                                          "作り直しました。");
}

void TestBannersE2e::damagedDownloadListIsANotice() {
    QFETCH(QString, lang);
    QFETCH(QString, sentence);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QDir models(dir.filePath(QStringLiteral("models")));
    QVERIFY(QDir().mkpath(models.path()));
    const QString part = models.filePath(QStringLiteral("rwkv7-g1d-0.1b.pth.part"));
    const QString downloaded = models.filePath(QStringLiteral("downloaded.pth"));
    for (const QString& file : {part, downloaded}) {
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly) && f.write(QByteArray(4096, 'x')) == 4096);
    }
    QString banner;
    startNoticeOnDamagedPage(dir.path(), "downloads", lang, QStringLiteral("download-list-remade"),
                             [&models](rwkv::store::ConversationStore& store) {
                                 const qint64 chat = store.createConversation(QStringLiteral("Kept"));
                                 store.addMessage(chat, 0, rwkv::store::Role::User, QStringLiteral("Question"));
                                 // Still downloading when the app was killed: the banner's Resume at the next start
                                 rwkv::store::DownloadRecord paused;
                                 paused.id = QStringLiteral("rwkv7-g1d-0.1b");
                                 paused.file_name = QStringLiteral("rwkv7-g1d-0.1b.pth");
                                 paused.target_dir = models.path();
                                 paused.state = 1;  // models::DownloadState::Downloading
                                 paused.bytes_done = 4096;
                                 paused.created_at = 1;
                                 rwkv::store::DownloadStore(store.path()).save(paused);
                             },
                             &banner);
    if (QTest::currentTestFailed()) return;
    QVERIFY2(banner.startsWith(sentence), qPrintable(banner));
    QVERIFY2(banner.contains(QStringLiteral("rwkv7-g1d-0.1b.pth.part")), qPrintable(banner));  // what was kept
    QVERIFY(QFileInfo(part).size() == 4096 && QFileInfo(downloaded).size() == 4096);
    rwkv::store::ConversationStore store(dir.filePath(QStringLiteral("conversations.sqlite")));
    const QList<rwkv::store::Conversation> chats = store.listConversations();
    QCOMPARE(chats.size(), 1);
    QCOMPARE(chats[0].title, QStringLiteral("Kept"));
}

// Session 34's check: the zh_CN status line under the chat took two lines at the default 1,100 px window for a re-read
// with its reason ("512 个 token，… · 重新读取了 1650 个 token（保存的状态属于另一个模型 — …）"), and the bar grew under the
// chat; it was then kept to one line, cut at its end, and the why of a re-read read "…— re-re…" at 1,100 px (session
// 37's trial). Now: the whole on one line where it fits, else without the speed, on the lines that needs (three at
// most), never cut, at 1,100 px and at 720 px, in both languages. The re-read: a chat answered by the demo .pth,
// continued with the same model's GGUF (another model's state).
void TestBannersE2e::replyStatusIsNotCut_data() {
    QTest::addColumn<QString>("lang");
    QTest::addColumn<QString>("geometry");  // Qt's -qwindowgeometry; empty: the window's own 1,100 x 720
    QTest::addColumn<QString>("reread");
    QTest::newRow("zh_CN 1100") << QStringLiteral("zh_CN") << QString() << QStringLiteral("（保存的状态属于另一个模型");
    QTest::newRow("zh_CN 720") << QStringLiteral("zh_CN") << QStringLiteral("720x700+0+0")
                               << QStringLiteral("（保存的状态属于另一个模型");
    QTest::newRow("en 720") << QStringLiteral("en") << QStringLiteral("720x700+0+0")
                            << QStringLiteral("(saved state belongs to another model");
}

void TestBannersE2e::replyStatusIsNotCut() {
    QFETCH(QString, lang);
    QFETCH(QString, geometry);
    QFETCH(QString, reread);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const Run first = runDesktop({QStringLiteral("--data-dir"), dir.path(), QStringLiteral("--lang"), lang,
                                  QStringLiteral("--send"), QStringLiteral("Hello"), QStringLiteral("--screenshot"),
                                  dir.filePath(QStringLiteral("first.png"))});
    QVERIFY2(first.exitCode == 0, qPrintable(first.out + first.err));
    const QString png = dir.filePath(QStringLiteral("status.png"));
    QStringList args{QStringLiteral("--data-dir"), dir.path(), QStringLiteral("--lang"), lang, QStringLiteral("--model"),
                     QStringLiteral(RWKV_TESTDATA_DIR "/tiny-rwkv7-834K-F16.gguf"), QStringLiteral("--send"),
                     QStringLiteral("Again"), QStringLiteral("--screenshot"), png};
    if (!geometry.isEmpty()) args = QStringList{QStringLiteral("-qwindowgeometry"), geometry} + args;
    const Run r = runDesktop(args);
    QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
    QVERIFY2(hookLine(r.out, QStringLiteral("reply status")).contains(reread), qPrintable(r.out));
    const QString drawn = hookLine(r.out, QStringLiteral("reply status drawn"));
    // One to three lines, not cut (before: one line, cut; before session 35: 2 lines of the whole at 1,100 px, zh_CN).
    QVERIFY2(QRegularExpression(QStringLiteral("^[123] line\\(s\\)$")).match(drawn).hasMatch(), qPrintable(drawn));
    // Too narrow for all of it on one line: the speed ("N tokens at X tok/s", last) is left out first (it is under the
    // reply too); the whole stays in the tooltip.
    const QString whole = hookLine(r.out, QStringLiteral("reply status")),
                  shown = hookLine(r.out, QStringLiteral("reply status text"));
    QVERIFY2(shown == whole.section(QStringLiteral(" · "), 0, -2) && shown.contains(reread),
             qPrintable(whole + QStringLiteral(" / ") + shown));  // before: the whole, cut in its why
    const QImage shot(png);
    QVERIFY(!shot.isNull());
    if (!geometry.isEmpty()) QCOMPARE(shot.width(), 720);
    keepScreenshot(png, QStringLiteral("reply-status-%1-%2.png").arg(lang, QString::number(shot.width())));
}

// --import given four times (two exports and, between them, a model file and a file that is not there): each is
// imported in turn, each outcome on its own line of the banner, the last file's conversation opened. Before (session
// 34's check) only the last --import was read (QCommandLineParser::value), the others dropped without a word. The
// banner reads as mixed: the refused files' lines in the danger colour, the imported ones' and the border not; before
// (session 35's check) the whole banner was red.
void TestBannersE2e::everyImportOfTheStartRunsInTurn() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const auto exportFile = [&](const QString& name, const QString& title, const QByteArray& time) {
        QFile file(dir.filePath(name));  // another time: another conversation, not the same one exported again
        return file.open(QIODevice::WriteOnly) &&
                       file.write(longExport(4, title).replace("17963322025", "1796332" + time)) > 0
                   ? file.fileName()
                   : QString();
    };
    const QString harbour = exportFile(QStringLiteral("harbour.json"), QStringLiteral("Harbour"), "2025");
    const QString ferry = exportFile(QStringLiteral("ferry.json"), QStringLiteral("Ferry"), "3025");
    const QString model = dir.filePath(QStringLiteral("model.pth"));
    QVERIFY(!harbour.isEmpty() && !ferry.isEmpty());
    QVERIFY(QFile::copy(QStringLiteral(RWKV_SOURCE_DIR "/resources/tiny-rwkv7-834K.pth"), model));
    const QString data = dir.filePath(QStringLiteral("data")), png = dir.filePath(QStringLiteral("imports.png"));
    const Run r = runDesktop({QStringLiteral("--data-dir"), data, QStringLiteral("--lang"), QStringLiteral("en"),
                              QStringLiteral("--import"), harbour, QStringLiteral("--import"), model,
                              QStringLiteral("--import"), dir.filePath(QStringLiteral("missing.json")),
                              QStringLiteral("--import"), ferry, QStringLiteral("--screenshot"), png});
    QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
    QVERIFY2(hookLine(r.out, QStringLiteral("before the import")).endsWith(QStringLiteral("“\u2068harbour.json\u2069”…")),
             qPrintable(r.out));  // the first is announced
    const QStringList lines = hookLine(r.out, QStringLiteral("import banner")).split(QStringLiteral("\\n"));
    QCOMPARE(lines.size(), 4);
    QVERIFY2(lines[0].contains(QStringLiteral("“\u2068Harbour\u2069” (4 messages)")), qPrintable(lines[0]));
    QVERIFY2(lines[1].startsWith(QStringLiteral("“\u2068model.pth\u2069” is a model file (PyTorch .pth), not a "
                                                "conversation: nothing was imported.")),
             qPrintable(lines[1]));
    QVERIFY2(lines[2].contains(QStringLiteral("“\u2068missing.json\u2069”")), qPrintable(lines[2]));
    QCOMPARE(lines[3], QStringLiteral("Imported “\u2068Ferry\u2069” (4 messages)."));
    const QString danger = QStringLiteral("#c92a2a");  // Theme.danger, light
    const QRegularExpressionMatch colours =
        QRegularExpression(QStringLiteral("^border (#\\w+), lines (#\\w+) (#\\w+) (#\\w+) (#\\w+)$"))
            .match(hookLine(r.out, QStringLiteral("import banner colours")));
    QVERIFY2(colours.hasMatch(), qPrintable(r.out));
    QVERIFY2(colours.captured(1) != danger, qPrintable(colours.captured(0)));  // was #c92a2a: all of it an error's
    QVERIFY2(colours.captured(2) != danger && colours.captured(5) != danger, qPrintable(colours.captured(0)));
    QVERIFY2(colours.captured(3) == danger && colours.captured(4) == danger, qPrintable(colours.captured(0)));
    QVERIFY2(r.out.contains(QStringLiteral("\nwindow title: Ferry — RWKV Desktop\n")), qPrintable(r.out));
    rwkv::store::ConversationStore store(QDir(data).filePath(QStringLiteral("conversations.sqlite")));
    QStringList titles;
    for (const auto& c : store.listConversations()) titles << c.title;
    titles.sort();
    QCOMPARE(titles, (QStringList{QStringLiteral("Ferry"), QStringLiteral("Harbour")}));  // was {"Ferry"}
    keepScreenshot(png, QStringLiteral("three-imports.png"));
}

// Session 39's trial, nit: Enter in the message box while this chat's reply was still being written did nothing, without
// a word (the text stayed in the box); Send is Stop then. Now Enter asks Chat.send, whose refusal says why in the
// banner, as in another chat (replyElsewhere); the text stays in the box. --reply-pace 20: 512 tokens take ~10 s, the
// window is saved at 5 s, while the reply is written.
void TestBannersE2e::enterDuringThisChatsReplySaysWhy_data() {
    QTest::addColumn<QString>("lang");
    QTest::addColumn<QString>("why");
    QTest::newRow("en") << QStringLiteral("en")
                        << QStringLiteral("A reply is still being written. Wait for it or press Stop.");
    QTest::newRow("zh_CN") << QStringLiteral("zh_CN") << QStringLiteral("回复仍在生成中。请等待完成，或点击“停止”。");
}

void TestBannersE2e::enterDuringThisChatsReplySaysWhy() {
    QFETCH(QString, lang);
    QFETCH(QString, why);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString png = dir.filePath(QStringLiteral("enter.png"));
    const Run r = runDesktop({QStringLiteral("--data-dir"), dir.path(), QStringLiteral("--lang"), lang,
                              QStringLiteral("--reply-pace"), QStringLiteral("20"), QStringLiteral("--keys"),
                              QStringLiteral("H,i,Return,O,k,Return"), QStringLiteral("--screenshot"), png,
                              QStringLiteral("--screenshot-at"), QStringLiteral("5")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
    QVERIFY2(hookLine(r.out, QStringLiteral("send button")).startsWith(lang == QLatin1String("en") ? QStringLiteral("Stop")
                                                                                                  : QStringLiteral("停止")),
             qPrintable(r.out));  // still writing
    QCOMPARE(hookLine(r.out, QStringLiteral("error banner")), why + QStringLiteral(" | "));  // before: no banner
    // Nothing failed (session 39's check: drawn in the danger red, as an error): the notice style.
    QCOMPARE(hookLine(r.out, QStringLiteral("error banner style")), QStringLiteral("notice"));
    QCOMPARE(hookLine(r.out, QStringLiteral("message box")), QStringLiteral("2 characters"));  // "Ok" kept
    keepScreenshot(png, QStringLiteral("enter-while-writing-%1.png").arg(lang));
}

void TestBannersE2e::apiPortInUseIsSaidInTheBanner_data() {
    QTest::addColumn<QString>("lang");
    QTest::addColumn<bool>("fromOption");  // the port came from --api-port, else from Settings
    QTest::addColumn<QString>("words");    // %1: the port
    QTest::newRow("en --api-port") << QStringLiteral("en") << true
                                   << QStringLiteral("The local API server is not serving: port %1 (--api-port) is in "
                                                     "use by another program. Start again with another port.");
    QTest::newRow("ja --api-port") << QStringLiteral("ja") << true
                                   << QStringLiteral("ローカル API サーバーを開始できません：ポート %1（--api-port）は"
                                                     "ほかのプログラムが使用中です。別のポートで起動し直してください。");
    QTest::newRow("en Settings") << QStringLiteral("en") << false
                                 << QStringLiteral("The local API server is not serving: port %1 is in use by another "
                                                   "program. Choose another port in Settings.");
}

// Session 51's trial: --api-port on a port another program holds was said on stderr only; the window was silent unless
// Settings was open. The start's banner says it (main.cpp's apiNotice), in the window's language; with the port free,
// the server serves and no banner is shown. Session 52's trial: a port from --api-port is changed there, not in
// Settings, and the banner said "Choose another port in Settings" of it too.
void TestBannersE2e::apiPortInUseIsSaidInTheBanner() {
    QFETCH(QString, lang);
    QFETCH(bool, fromOption);
    QFETCH(QString, words);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QTcpServer taken;
    QVERIFY(taken.listen(QHostAddress::LocalHost, 0));
    const QString port = QString::number(taken.serverPort());
    const QString png = dir.filePath(QStringLiteral("api.png"));
    QStringList args{QStringLiteral("--lang"), lang, QStringLiteral("--data-dir"), dir.filePath(QStringLiteral("data")),
                     QStringLiteral("--screenshot"), png, QStringLiteral("--timeout"), QStringLiteral("60")};
    if (fromOption) {
        args << QStringLiteral("--api-port") << port;
    } else {  // Settings → Local API server on, at that port
        QVERIFY(QDir(dir.path()).mkpath(QStringLiteral("config/rwkv-desktop")));
        QSettings conf(dir.filePath(QStringLiteral("config/rwkv-desktop/rwkv-desktop.conf")), QSettings::IniFormat);
        conf.setValue(QStringLiteral("api/enabled"), true);
        conf.setValue(QStringLiteral("api/port"), taken.serverPort());
    }
    const auto start = [&] { return runDesktop(args, 120000, false, dir.filePath(QStringLiteral("config"))); };
    Run r = start();
    QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
    QVERIFY2(r.out.contains(QStringLiteral("\nerror banner: ") + words.arg(port) + QStringLiteral(" | \n")) &&
                 r.out.contains(QStringLiteral("\nerror banner style: error\n")),
             qPrintable(r.out));
    keepScreenshot(png, QStringLiteral("banner-api-port-in-use-%1%2.png").arg(lang, fromOption ? QString() : QStringLiteral("-settings")));
    taken.close();
    r = start();
    QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
    QVERIFY2(r.err.contains(QStringLiteral("serving the OpenAI-compatible API at http://127.0.0.1:%1/v1").arg(port)),
             qPrintable(r.err));
    QVERIFY2(!r.out.contains(QStringLiteral("\nerror banner: ")), qPrintable(r.out));
}

QTEST_MAIN(TestBannersE2e)
#include "test_banners_e2e.moc"
