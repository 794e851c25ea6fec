// test_text_size_e2e.cpp — the text size in the real rwkv-desktop window (under Xvfb, see desktop_process.h): Ctrl+=
// makes the window's and the messages' text larger a step at a time, Ctrl+- smaller, Ctrl+0 puts 100 % back, anywhere
// (Settings open too, whose Text size box follows); the size is kept for the next start, and --set textSize=N sets it;
// the first window fits a small or scaled screen.
// The hook's "text size: N %, font F px, message text M px" line (docs/gui.md). Before session 47 the text was 14 px
// whatever the user did. At 150 % the message box keeps the room for its hint beside the preset chip. Code:
// app/gui/qml/Theme.qml, AppShortcuts.qml, Composer.qml, PresetChooser.qml, app/core/app_settings.*.
#include <QDir>
#include <QImage>
#include <QSettings>
#include <QTemporaryDir>
#include <QtTest>

#include "desktop_process.h"
#include "long_conversation.h"
#include "store/conversation_store.h"
#include "window_checks.h"

class TestTextSizeE2e : public QObject {
    Q_OBJECT

private slots:
    void keysChangeTheTextSize();
    void settingsBoxFollowsTheKeysAndTheSizeIsKept();
    void windowAndQuestionsFollowTheTextSize();
    void japaneseHintKeepsItsRoomBesideThePresetChip();
    void windowFitsAScaledScreen();
};

namespace {

using rwkv::e2e::hookLine;
using Run = rwkv::e2e::DesktopRun;

/// A conversation "Sizes" (a question, a reply with a code block) in the database of `dataDir`; returns its id.
qint64 seedConversation(const QString& dataDir) {
    rwkv::store::ConversationStore store(QDir(dataDir).filePath(QStringLiteral("conversations.sqlite")));
    const qint64 id = store.createConversation(QStringLiteral("Sizes"));
    const qint64 question = store.addMessage(id, 0, rwkv::store::Role::User, QStringLiteral("How big is this text?"));
    store.addMessage(id, question, rwkv::store::Role::Assistant,
                     QStringLiteral("As big as you like.\n\n```cpp\nint size = 14;\n```\n"));
    return id;
}

/// The settings file of a start whose XDG_CONFIG_HOME is `config`.
QString settingsFile(const QString& config) {
    return QDir(config).filePath(QStringLiteral("rwkv-desktop/rwkv-desktop.conf"));
}

}  // namespace

// Side by side, in a chat with messages: Ctrl+= twice (115 %, then 130 %: the window's font and the question's text
// 18 px); Ctrl++ then Ctrl+0 (100 %: 14 px again); Ctrl+- once (85 %: 12 px). No key typed a character into the
// message box. Before, the keys did nothing: 14 px in all three.
void TestTextSizeE2e::keysChangeTheTextSize() {
    rwkv::e2e::StartFolders larger, reset, smaller;
    QVERIFY(larger.isValid() && reset.isValid() && smaller.isValid());
    QList<rwkv::e2e::DesktopStart> starts;
    const QStringList keys{QStringLiteral("Shortcut:Ctrl+=,Shortcut:Ctrl+="), QStringLiteral("Shortcut:Ctrl++,Shortcut:Ctrl+0"),
                           QStringLiteral("Shortcut:Ctrl+-")};
    const QList<rwkv::e2e::StartFolders*> folders{&larger, &reset, &smaller};
    for (int i = 0; i < 3; ++i) {
        const qint64 id = seedConversation(folders[i]->path());
        starts << folders[i]->start({QStringLiteral("--data-dir"), folders[i]->path(), QStringLiteral("--lang"),
                                     QStringLiteral("en"), QStringLiteral("--select"), QString::number(id),
                                     QStringLiteral("--keys"), keys[i], QStringLiteral("--screenshot"),
                                     folders[i]->filePath(QStringLiteral("sizes.png"))});
    }
    const QList<Run> runs = rwkv::e2e::runDesktopsAtOnce(starts);
    for (const Run& r : runs) {
        QVERIFY2(r.exitCode == 0, qPrintable(QStringLiteral("exit %1\n%2\n%3").arg(r.exitCode).arg(r.out, r.err)));
        QVERIFY2(rwkv::e2e::qmlWarnings(r.err).isEmpty(), qPrintable(r.err));
        QCOMPARE(hookLine(r.out, QStringLiteral("message box")), QStringLiteral("0 characters"));
    }
    QCOMPARE(hookLine(runs[0].out, QStringLiteral("text size")), QStringLiteral("130 %, font 18 px, message text 18 px"));
    QCOMPARE(hookLine(runs[1].out, QStringLiteral("text size")), QStringLiteral("100 %, font 14 px, message text 14 px"));
    QCOMPARE(hookLine(runs[2].out, QStringLiteral("text size")), QStringLiteral("85 %, font 12 px, message text 12 px"));
    QCOMPARE(QSettings(settingsFile(larger.config.path()), QSettings::IniFormat).value(QStringLiteral("ui/textSize")).toInt(),
             130);
    rwkv::e2e::keepScreenshot(larger.filePath(QStringLiteral("sizes.png")), QStringLiteral("text-size-130.png"));
}

// Settings open: Ctrl+= changes the size under it and its Text size box reads the new one (115 %); at the next start,
// without a key, the size is still 115 % (16 px). --set textSize=150 sets the largest (21 px); --set textSize=120
// is refused at start, naming the sizes there are.
void TestTextSizeE2e::settingsBoxFollowsTheKeysAndTheSizeIsKept() {
    rwkv::e2e::StartFolders kept;
    QVERIFY(kept.isValid());
    const Run open = rwkv::e2e::runDesktop({QStringLiteral("--data-dir"), kept.path(), QStringLiteral("--lang"),
                                            QStringLiteral("en"), QStringLiteral("--open"), QStringLiteral("settings"),
                                            QStringLiteral("--keys"), QStringLiteral("Shortcut:Ctrl+="),
                                            QStringLiteral("--screenshot"), kept.filePath(QStringLiteral("settings.png"))},
                                           180000, false, kept.config.path());
    QVERIFY2(open.exitCode == 0, qPrintable(open.err));
    QVERIFY2(rwkv::e2e::qmlWarnings(open.err).isEmpty(), qPrintable(open.err));
    QCOMPARE(hookLine(open.out, QStringLiteral("text size box")), QStringLiteral("115 %"));
    QCOMPARE(hookLine(open.out, QStringLiteral("text size")), QStringLiteral("115 %, font 16 px, message text none"));

    const Run again = rwkv::e2e::runDesktop({QStringLiteral("--data-dir"), kept.path(), QStringLiteral("--screenshot"),
                                             kept.filePath(QStringLiteral("again.png"))},
                                            180000, false, kept.config.path());
    QVERIFY2(again.exitCode == 0, qPrintable(again.err));
    QCOMPARE(hookLine(again.out, QStringLiteral("text size")), QStringLiteral("115 %, font 16 px, message text none"));

    const Run largest = rwkv::e2e::runDesktop({QStringLiteral("--data-dir"), kept.path(), QStringLiteral("--set"),
                                               QStringLiteral("textSize=150"), QStringLiteral("--screenshot"),
                                               kept.filePath(QStringLiteral("largest.png"))},
                                              180000, false, kept.config.path());
    QVERIFY2(largest.exitCode == 0, qPrintable(largest.err));
    QCOMPARE(hookLine(largest.out, QStringLiteral("text size")), QStringLiteral("150 %, font 21 px, message text none"));

    const Run refused = rwkv::e2e::runDesktop({QStringLiteral("--data-dir"), kept.path(), QStringLiteral("--set"),
                                               QStringLiteral("textSize=120"), QStringLiteral("--screenshot"),
                                               kept.filePath(QStringLiteral("refused.png"))},
                                              180000, false, kept.config.path());
    QCOMPARE(refused.exitCode, 1);
    QVERIFY2(refused.err.contains(QStringLiteral("textSize must be one of 85, 100, 115, 130, 150 (percent)")),
             qPrintable(refused.err));
    QCOMPARE(QSettings(settingsFile(kept.config.path()), QSettings::IniFormat).value(QStringLiteral("ui/textSize")).toInt(),
             150);
}

// Session 48: the narrowest window holds as much text at 150 % as at 100 % — asked for at 640 x 480, it is 960 px wide
// at 150 % (640 before, where the Settings rows ran past the window's edge) and 640 at 100 % —, and a question (Empty
// trash?) widens with the text: 564 px at 150 % (360 scaled, and its padding), 384 at 100 %, its title on one line. Before,
// the questions kept 384 px at any size and the hook printed no "question dialog:" line (the Basic style's title).
void TestTextSizeE2e::windowAndQuestionsFollowTheTextSize() {
    rwkv::e2e::StartFolders large, normal;
    QVERIFY(large.isValid() && normal.isValid());
    QList<rwkv::e2e::DesktopStart> starts;
    for (const auto& [folders, size] : {std::pair{&large, 150}, std::pair{&normal, 100}}) {
        rwkv::store::ConversationStore store(QDir(folders->path()).filePath(QStringLiteral("conversations.sqlite")));
        store.deleteConversation(store.createConversation(QStringLiteral("Old plans")));
        starts << folders->start({QStringLiteral("-geometry"), QStringLiteral("640x480"), QStringLiteral("--data-dir"),
                                  folders->path(), QStringLiteral("--lang"), QStringLiteral("en"), QStringLiteral("--set"),
                                  QStringLiteral("textSize=%1").arg(size), QStringLiteral("--keys"),
                                  // At 640 px the sidebar is behind the header's ☰ (Main.qml's narrow); at 960 it shows.
                                  QString::fromLatin1(size == 150 ? "" : "Click:sidebarToggle,")
                                      + QStringLiteral("Click:trashButton,Click:emptyTrashButton"),
                                  QStringLiteral("--screenshot"),
                                  folders->filePath(QStringLiteral("question.png"))});
    }
    const QList<Run> runs = rwkv::e2e::runDesktopsAtOnce(starts);
    for (const Run& r : runs) {
        QVERIFY2(r.exitCode == 0, qPrintable(QStringLiteral("exit %1\n%2\n%3").arg(r.exitCode).arg(r.out, r.err)));
        QVERIFY2(rwkv::e2e::qmlWarnings(r.err).isEmpty() && !r.err.contains(QStringLiteral("Binding loop")),
                 qPrintable(r.err));
        QCOMPARE(hookLine(r.out, QStringLiteral("empty trash question")),
                 QStringLiteral("Delete the conversation in the trash for good? This cannot be undone."));
    }
    QCOMPARE(QImage(large.filePath(QStringLiteral("question.png"))).size(), QSize(960, 480));
    QCOMPARE(QImage(normal.filePath(QStringLiteral("question.png"))).size(), QSize(640, 480));
    QCOMPARE(hookLine(runs[0].out, QStringLiteral("question dialog")), QStringLiteral("564 px wide in 960, title 1 line(s)"));
    QCOMPARE(hookLine(runs[1].out, QStringLiteral("question dialog")), QStringLiteral("384 px wide in 640, title 1 line(s)"));
    rwkv::e2e::keepScreenshot(large.filePath(QStringLiteral("question.png")), QStringLiteral("question-150.png"));
}

// Japanese at 960 px and 150 %: the message box's hint "RWKV へのメッセージ…" is drawn whole, and the preset chip beside it
// gives up the room, its label 「デフォルト（チャット）」 elided (its list, open, and its tooltip say it whole). Before, the
// chip kept its widest label's width and the hint read "RWKV へのメッセー…" (session 48's trial). At 1,300 px both whole.
void TestTextSizeE2e::japaneseHintKeepsItsRoomBesideThePresetChip() {
    rwkv::e2e::StartFolders narrow, wide;
    QVERIFY(narrow.isValid() && wide.isValid());
    QList<rwkv::e2e::DesktopStart> starts;
    for (const auto& [folders, width] : {std::pair{&narrow, 960}, std::pair{&wide, 1300}})
        starts << folders->start({QStringLiteral("-geometry"), QStringLiteral("%1x700").arg(width),
                                  QStringLiteral("--data-dir"), folders->path(), QStringLiteral("--lang"),
                                  QStringLiteral("ja"), QStringLiteral("--set"), QStringLiteral("textSize=150"),
                                  QStringLiteral("--screenshot"), folders->filePath(QStringLiteral("hint.png"))});
    const QList<Run> runs = rwkv::e2e::runDesktopsAtOnce(starts);
    for (const Run& r : runs) {
        QVERIFY2(r.exitCode == 0, qPrintable(QStringLiteral("exit %1\n%2\n%3").arg(r.exitCode).arg(r.out, r.err)));
        QVERIFY2(rwkv::e2e::qmlWarnings(r.err).isEmpty() && !r.err.contains(QStringLiteral("Binding loop")),
                 qPrintable(r.err));
        QCOMPARE(hookLine(r.out, QStringLiteral("message box hint")), QStringLiteral("RWKV へのメッセージ… (whole)"));
        QVERIFY2(hookLine(r.out, QStringLiteral("preset chip")).startsWith(QStringLiteral("デフォルト（チャット）; ")),
                 qPrintable(r.out));
    }
    QVERIFY2(hookLine(runs[0].out, QStringLiteral("preset chip drawn")).endsWith(QStringLiteral(" px, cut")),
             qPrintable(runs[0].out));
    QVERIFY2(hookLine(runs[1].out, QStringLiteral("preset chip drawn")).endsWith(QStringLiteral(" px, whole")),
             qPrintable(runs[1].out));
    rwkv::e2e::keepScreenshot(narrow.filePath(QStringLiteral("hint.png")), QStringLiteral("hint-ja-150.png"));
}

// Session 58's trial: the first window is no larger than the screen. On the tests' 1,280 x 800 screen scaled to 150 %
// (QT_SCALE_FACTOR=1.5: 853 x 533 points) it is saved at most 1,280 x 800 pixels, the message box's hint drawn whole;
// before, it was 1,100 x 720 points whatever the screen — 1,650 x 1,080 pixels, its message box past the screen's foot.
// Unscaled, the screen has room: 1,100 x 720 as before.
void TestTextSizeE2e::windowFitsAScaledScreen() {
    rwkv::e2e::StartFolders scaled, plain;
    QVERIFY(scaled.isValid() && plain.isValid());
    QList<rwkv::e2e::DesktopStart> starts;
    for (const auto* folders : {&scaled, &plain})
        starts << folders->start({QStringLiteral("--data-dir"), folders->path(), QStringLiteral("--lang"),
                                  QStringLiteral("en"), QStringLiteral("--screenshot"),
                                  folders->filePath(QStringLiteral("window.png"))});
    starts[0].environment.insert(QStringLiteral("QT_SCALE_FACTOR"), QStringLiteral("1.5"));
    const QList<Run> runs = rwkv::e2e::runDesktopsAtOnce(starts);
    for (const Run& r : runs) {
        QVERIFY2(r.exitCode == 0, qPrintable(QStringLiteral("exit %1\n%2\n%3").arg(r.exitCode).arg(r.out, r.err)));
        QVERIFY2(rwkv::e2e::qmlWarnings(r.err).isEmpty(), qPrintable(r.err));
        QVERIFY2(hookLine(r.out, QStringLiteral("message box hint")).endsWith(QStringLiteral("(whole)")), qPrintable(r.out));
    }
    const QSize scaledSize = QImage(scaled.filePath(QStringLiteral("window.png"))).size();
    QVERIFY2(scaledSize.width() <= 1280 && scaledSize.height() <= 800 && scaledSize.height() >= 780,
             qPrintable(QStringLiteral("%1 x %2").arg(scaledSize.width()).arg(scaledSize.height())));
    QCOMPARE(QImage(plain.filePath(QStringLiteral("window.png"))).size(), QSize(1100, 720));
    rwkv::e2e::keepScreenshot(scaled.filePath(QStringLiteral("window.png")), QStringLiteral("window-scaled-150.png"));
}

QTEST_GUILESS_MAIN(TestTextSizeE2e)
#include "test_text_size_e2e.moc"
