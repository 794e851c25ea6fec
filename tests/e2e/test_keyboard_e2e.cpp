// test_keyboard_e2e.cpp — keyboard-only use of the real rwkv-desktop window (under Xvfb, see desktop_process.h): the
// --keys test hook presses Tab / Shift+Tab (one every 150 ms, as a person types) and prints the objectName of the item
// that has the focus ("active focus:"); the screenshot shows whether that item looks focused. App: app/gui/main.cpp.
// The file dialogs (Import…, Export…, the Settings page's folders) used with the keyboard: test_file_dialogs_e2e.cpp.
// The trash dialog used with the keyboard: test_trash_keyboard_e2e.cpp.
#include <QDir>
#include <QFileInfo>
#include <QImage>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

#include "desktop_process.h"
#include "keys_conversation.h"
#include "store/conversation_store.h"

#include <algorithm>
#include <array>
#include <functional>
#include <tuple>
#include <utility>

class TestKeyboardE2e : public QObject {
    Q_OBJECT

private slots:
    void tabLeavesTheMessageBox();
    void focusedReplyActionIsVisible();
    void questionActionsAreWalkedLeftToRight();
    void focusedHeaderAndSidebarButtonsAreVisible();
    void drawerHeaderButtonsShowTheKeyboardFocus();
    void tabWalksALongConversationInOrder();
    void sendAfterScrollingUpShowsTheReply();
    void conversationMenuOpensOnItsFirstItem();
    void regenerateAndEditHandTheFocusToTheMessageBox();
    void otherConversationsAndSearchHitsOpenWithTheKeyboard();
    void tabWalksTheSidebarTopToBottomAfterAMove();
    void closingAPageGivesTheMessageBoxTheFocus();
    void escClosesAPageBeforeStoppingTheReply();
    void stopWithTheKeyboardHandsTheFocusToTheMessageBox();
    void renameKeepsTheDialogWhileTheTitleIsEmpty();
    void settingsPageScrollsToTheKeyboardFocus();
};

namespace {

using Run = rwkv::e2e::DesktopRun;
using rwkv::e2e::DesktopStart;
using rwkv::e2e::runDesktop;
using Folders = rwkv::e2e::StartFolders;
using rwkv::e2e::runDesktopsAtOnce;
using rwkv::e2e::focusAfterEachKey;
using rwkv::e2e::seedKeysConversation;
using rwkv::e2e::times;

/// How many pixels of `area` have the light theme's hover colour (Theme.sidebarHover, #eaecf0): a control reached with
/// Tab looks hovered.
int hoverPixels(const QImage& image, const QRect& area) {
    int n = 0;
    for (int y = area.top(); y <= area.bottom(); ++y)
        for (int x = area.left(); x <= area.right(); ++x) n += (image.pixel(x, y) & 0xffffff) == 0xeaecf0;
    return n;
}

/// A conversation "Long" of 20 turns (Question N / Answer N; Answer 20 has two versions, the second shown) in the
/// database of `dataDir`; returns its id, and in `rows` the ids of the 40 messages on screen, top to bottom.
qint64 seedLongConversation(const QString& dataDir, QList<qint64>* rows) {
    rwkv::store::ConversationStore store(QDir(dataDir).filePath(QStringLiteral("conversations.sqlite")));
    const qint64 id = store.createConversation(QStringLiteral("Long"));
    qint64 parent = 0;
    for (int turn = 1; turn <= 20; ++turn) {
        *rows << (parent = store.addMessage(id, parent, rwkv::store::Role::User, QStringLiteral("Question %1").arg(turn)));
        if (turn == 20) store.addMessage(id, parent, rwkv::store::Role::Assistant, QStringLiteral("Answer 20"));
        *rows << (parent = store.addMessage(id, parent, rwkv::store::Role::Assistant, QStringLiteral("Answer %1").arg(turn)));
    }
    return id;
}

/// The branch on screen of conversation `id` in the database of `dataDir`, read while the app may be writing it (as
/// another program would); empty when it cannot be read at this moment.
QList<rwkv::store::Message> storedBranch(const QString& dataDir, qint64 id) {
    try {
        const rwkv::store::ConversationStore store(QDir(dataDir).filePath(QStringLiteral("conversations.sqlite")),
                                                   rwkv::store::ConversationStore::OpenMode::ReadOnly);
        return store.messages(id);
    } catch (const std::exception&) {  // being written: asked again at the next poll
        return {};
    }
}

/// How many replies in the database of `dataDir` are stored as stopped (the branches on screen); -1 when it cannot
/// be read at this moment.
int storedStoppedReplies(const QString& dataDir) {
    try {
        const rwkv::store::ConversationStore store(QDir(dataDir).filePath(QStringLiteral("conversations.sqlite")),
                                                   rwkv::store::ConversationStore::OpenMode::ReadOnly);
        int n = 0;
        for (const rwkv::store::Conversation& c : store.listConversations())
            for (const rwkv::store::Message& m : store.messages(c.id)) n += m.end == rwkv::store::ReplyEnd::Stopped;
        return n;
    } catch (const std::exception&) {
        return -1;
    }
}

}  // namespace

// Tab from the message box reaches the sampling-preset chip, drawn with an accent outline as the other controls: it
// had the focus and no outline, and the hook's "active focus drawn" (visualFocus only) said "yes" (session 39's trial).
void TestKeyboardE2e::tabLeavesTheMessageBox() {
    const Folders dirs[3];  // the starts side by side
    QVERIFY(dirs[0].isValid() && dirs[1].isValid() && dirs[2].isValid());
    const QString png = dirs[0].filePath(QStringLiteral("keys.png"));
    const auto start = [](const Folders& dir, const QString& keys, const QString& shot) {
        return dir.start({QStringLiteral("--data-dir"), dir.path(), QStringLiteral("--keys"), keys,
                          QStringLiteral("--screenshot"), shot});
    };
    // The last start: a bad key name is refused before the window opens.
    const QList<Run> runs = runDesktopsAtOnce(
        {start(dirs[0], QStringLiteral("Tab"), png),
         start(dirs[1], QStringLiteral("Tab,Shift+Tab"), dirs[1].filePath(QStringLiteral("keys.png"))),
         start(dirs[2], QStringLiteral("Tabb"), dirs[2].filePath(QStringLiteral("no.png")))});
    const auto focusOf = [](const Run& r) {
        const QRegularExpressionMatch m = QRegularExpression(QStringLiteral("\nactive focus: (\\S+)\n")).match(r.out);
        return r.exitCode == 0 && m.hasMatch() ? m.captured(1) : QStringLiteral("exit %1: %2 %3").arg(r.exitCode).arg(r.out, r.err);
    };
    const Run& r = runs[0];
    QCOMPARE(focusOf(r), QStringLiteral("presetChooser"));
    QVERIFY2(r.out.contains(QStringLiteral("\nactive focus drawn: yes\n")), qPrintable(r.out));
    const QRegularExpressionMatch at =
        QRegularExpression(QStringLiteral("\nactive focus at: (\\d+),(\\d+) (\\d+)x(\\d+)\n")).match(r.out);
    QVERIFY2(at.hasMatch(), qPrintable(r.out));
    const QRect chip(at.captured(1).toInt(), at.captured(2).toInt(), at.captured(3).toInt(), at.captured(4).toInt());
    const QImage shot(png);
    int accent = 0;  // Theme.accent (light, #4263eb): none in the chip before; a 2 px ring round its ~130 x 36 px
    for (int y = chip.top(); y <= chip.bottom(); ++y)
        for (int x = chip.left(); x <= chip.right(); ++x) accent += (shot.pixel(x, y) & 0xffffff) == 0x4263eb;
    QVERIFY2(accent > chip.width() + chip.height(), qPrintable(QString::number(accent)));
    QCOMPARE(focusOf(runs[1]), QStringLiteral("messageInput"));
    const Run& bad = runs[2];
    QCOMPARE(bad.exitCode, 1);
    QVERIFY2(bad.err.contains(QStringLiteral("--keys: 'Tabb' is not a key")), qPrintable(bad.err));
}

// Keyboard-only use: Shift+Tab from the message box reaches the last reply's Copy, and three times more (past its New
// chat from here and its 3 replies) its Regenerate, which then look hovered (Theme.sidebarHover, #eaecf0) with an accent outline; before, a
// focused message action looked like any other, and Copy was not in the Tab chain at all (session 15: Shift+Tab went
// straight to Regenerate).
void TestKeyboardE2e::focusedReplyActionIsVisible() {
    const Folders dirs[2];  // the two starts side by side, each with the chat "Keys"
    QVERIFY(dirs[0].isValid() && dirs[1].isValid());
    const auto [id, reply] = seedKeysConversation(dirs[0].path());
    QCOMPARE(seedKeysConversation(dirs[1].path()), std::pair(id, reply));
    const std::tuple<QString, QString, int> steps[] = {
        {QStringLiteral("Shift+Tab"), QStringLiteral("copyButton"), 250},
        {QStringLiteral("Shift+Tab,Shift+Tab,Shift+Tab,Shift+Tab"), QStringLiteral("regenerateButton"), 500}};
    QList<DesktopStart> starts;
    for (int i = 0; i < 2; ++i)
        starts << dirs[i].start({QStringLiteral("--data-dir"), dirs[i].path(), QStringLiteral("--select"), QString::number(id),
                                 QStringLiteral("--keys"), std::get<0>(steps[i]), QStringLiteral("--screenshot"),
                                 dirs[i].filePath(QStringLiteral("focus.png"))});
    const QList<Run> runs = runDesktopsAtOnce(starts);
    for (int i = 0; i < 2; ++i) {
        const auto& [keys, button, least] = steps[i];
        const QString png = dirs[i].filePath(QStringLiteral("focus.png"));
        const Run& r = runs[i];
        QVERIFY2(r.exitCode == 0, qPrintable(QStringLiteral("exit %1\nstdout: %2\nstderr: %3").arg(r.exitCode).arg(r.out, r.err)));
        QVERIFY2(r.out.contains(QStringLiteral("\nactive focus: %1-%2\n").arg(button).arg(reply)), qPrintable(r.out));
        const QImage image(png);
        QVERIFY(!image.isNull());
        // The chat column (right of the 264 px sidebar), between the header and the message box.
        const int highlighted = hoverPixels(image, QRect(280, 60, image.width() - 280, image.height() - 190));
        // The ~100 x 22 px Regenerate (~50 x 22 px Copy), less its text.
        QVERIFY2(highlighted > least, qPrintable(button + u' ' + QString::number(highlighted)));
        if (qEnvironmentVariableIsSet("RWKV_SCREENSHOT_DIR"))
            QFile::copy(png, QDir(qEnvironmentVariable("RWKV_SCREENSHOT_DIR")).filePath(button + QStringLiteral(".png")));
    }
}

// A question's actions on screen in the order Tab walks them: Tab reaches its Edit, then its Copy, so Edit is left of
// Copy. Before, the question's row was laid out right to left (Copy, Edit, ‹ 2/3 ›) while Tab went Edit → Copy: the
// focus moved leftwards (known defect list, session 16). Where a focused action is: the centre of its hover colour.
void TestKeyboardE2e::questionActionsAreWalkedLeftToRight() {
    const Folders dirs[2];  // the two starts side by side, each with the chat "Keys"
    QVERIFY(dirs[0].isValid() && dirs[1].isValid());
    const auto [id, reply] = seedKeysConversation(dirs[0].path());
    QCOMPARE(seedKeysConversation(dirs[1].path()), std::pair(id, reply));
    qint64 question = 0;
    {
        rwkv::store::ConversationStore store(QDir(dirs[0].path()).filePath(QStringLiteral("conversations.sqlite")));
        question = store.messages(id).constFirst().id;
    }
    QVERIFY(question > 0 && question != reply);
    // Up from the message box: the reply's Copy, its New chat from here, its 3 replies, its Regenerate, then the
    // question's Copy (x5), its New chat from here and its Edit (x7).
    const int shiftTabs[] = {5, 7};
    const QString buttons[] = {QStringLiteral("copyButton"), QStringLiteral("editButton")};
    QList<DesktopStart> starts;
    for (int i = 0; i < 2; ++i)
        starts << dirs[i].start({QStringLiteral("--data-dir"), dirs[i].path(), QStringLiteral("--select"), QString::number(id),
                                 QStringLiteral("--keys"), times(shiftTabs[i], QStringLiteral("Shift+Tab")),
                                 QStringLiteral("--screenshot"), dirs[i].filePath(QStringLiteral("question.png"))});
    const QList<Run> runs = runDesktopsAtOnce(starts);
    const auto focusedAt = [&](int i) {
        const Run& r = runs[i];
        const QString& button = buttons[i];
        if (r.exitCode != 0 || !r.out.contains(QStringLiteral("\nactive focus: %1-%2\n").arg(button).arg(question))) {
            qWarning("exit %d, expected %s-%lld\nstdout: %s\nstderr: %s", r.exitCode, qPrintable(button), question,
                     qPrintable(r.out), qPrintable(r.err));
            return -1.0;
        }
        const QImage image(dirs[i].filePath(QStringLiteral("question.png")));
        const QRect area(280, 60, image.width() - 280, image.height() - 190);  // the chat column, as above
        double sumX = 0;
        int n = 0;
        for (int y = area.top(); y <= area.bottom(); ++y)
            for (int x = area.left(); x <= area.right(); ++x)
                if ((image.pixel(x, y) & 0xffffff) == 0xeaecf0) sumX += x, ++n;
        if (n < 200) qWarning("%s: %d hover pixels", qPrintable(button), n);
        return n < 200 ? -1.0 : sumX / n;
    };
    const double copyX = focusedAt(0);
    const double editX = focusedAt(1);
    QVERIFY(copyX > 0 && editX > 0);
    qInfo("question's Edit at x %.0f, Copy at x %.0f", editX, copyX);
    QVERIFY2(editX < copyX, qPrintable(QStringLiteral("Edit at x %1, Copy at x %2").arg(editX).arg(copyX)));
}

// Keyboard-only use: the header's Models / Settings and a conversation's "⋯" reached with Tab look hovered
// (Theme.sidebarHover, #eaecf0) with an accent outline (FocusFrame.qml); before, only their text turned blue (new-user
// trial, session 11). Tab and Shift+Tab run the same chain both ways: sidebar, header, the messages' actions, composer.
void TestKeyboardE2e::focusedHeaderAndSidebarButtonsAreVisible() {
    const Folders dir, seeded;  // the two starts side by side
    QVERIFY(dir.isValid() && seeded.isValid());
    // A selected conversation's "⋯" (second start): Tab from the message box passes the preset, New chat, the search
    // field and the conversation's row (reached with Tab since session 19).
    const qint64 id = seedKeysConversation(seeded.path()).first;
    // An empty library: Shift+Tab from the message box reaches the new chat's "Add a starting state…" (since session
    // 48), its "Add instructions…" (the line under the header, since session 46), the model button, Settings, then
    // Models.
    const QString header = dir.filePath(QStringLiteral("header.png"));
    const QString sidebar = seeded.filePath(QStringLiteral("sidebar.png"));
    const QList<Run> runs = runDesktopsAtOnce(
        {dir.start({QStringLiteral("--data-dir"), dir.path(), QStringLiteral("--keys"),
                    QStringLiteral("Shift+Tab,Shift+Tab,Shift+Tab,Shift+Tab,Shift+Tab"), QStringLiteral("--screenshot"),
                    header}),
         seeded.start({QStringLiteral("--data-dir"), seeded.path(), QStringLiteral("--select"), QString::number(id),
                       QStringLiteral("--keys"), QStringLiteral("Tab,Tab,Tab,Tab,Tab"), QStringLiteral("--screenshot"),
                       sidebar})});
    const Run& r = runs[0];
    QVERIFY2(r.exitCode == 0, qPrintable(QStringLiteral("exit %1\nstdout: %2\nstderr: %3").arg(r.exitCode).arg(r.out, r.err)));
    QVERIFY2(r.out.contains(QStringLiteral("\nactive focus: modelsButton\n")), qPrintable(r.out));
    const QImage top(header);
    QVERIFY(!top.isNull());
    const int models = hoverPixels(top, QRect(280, 0, top.width() - 280, 56));  // the header right of the sidebar
    QVERIFY2(models > 500, qPrintable(QString::number(models)));  // the ~74 x 34 px button, less its text
    const Run& s = runs[1];
    QVERIFY2(s.exitCode == 0, qPrintable(QStringLiteral("exit %1\nstdout: %2\nstderr: %3").arg(s.exitCode).arg(s.out, s.err)));
    QVERIFY2(s.out.contains(QStringLiteral("\nactive focus: conversationMenuButton\n")), qPrintable(s.out));
    const QImage side(sidebar);
    QVERIFY(!side.isNull());
    const int menu = hoverPixels(side, QRect(0, 60, 264, side.height() - 120));  // the sidebar below its title
    QVERIFY2(menu > 300, qPrintable(QString::number(menu)));  // the 28 x 28 px button, less its "⋯"
}

// Settings' and Models' own header buttons reached with Tab are outlined like the main header's (FocusFrame.qml):
// before, Settings' "About RWKV Desktop" only turned its text blue and ✕ got the style's grey square with a blue ✕ —
// the hook read "active focus drawn: no" for both (session 45's hand-off).
void TestKeyboardE2e::drawerHeaderButtonsShowTheKeyboardFocus() {
    const struct {
        QString keys, focus;
    } cases[] = {{QStringLiteral("Click:settingsButton,Tab"), QStringLiteral("aboutButton")},
                 {QStringLiteral("Click:settingsButton,Tab,Tab"), QStringLiteral("settingsHeader-close")},
                 {QStringLiteral("Click:modelsButton,Tab"), QStringLiteral("modelsHeader-close")}};
    std::array<Folders, 3> dirs;  // the starts side by side
    QList<DesktopStart> starts;
    for (int i = 0; i < 3; ++i) {
        QVERIFY(dirs[i].isValid());
        starts << dirs[i].start({QStringLiteral("--data-dir"), dirs[i].path(), QStringLiteral("--keys"), cases[i].keys,
                                 QStringLiteral("--screenshot"), dirs[i].filePath(QStringLiteral("header.png"))});
    }
    const QList<Run> runs = runDesktopsAtOnce(starts);
    for (int i = 0; i < 3; ++i) {
        const Run& r = runs[i];
        QVERIFY2(r.exitCode == 0, qPrintable(cases[i].keys + u' ' + r.out + r.err));
        QVERIFY2(r.out.contains(QStringLiteral("\nactive focus: %1\n").arg(cases[i].focus)), qPrintable(r.out));
        QVERIFY2(r.out.contains(QStringLiteral("\nactive focus drawn: yes\n")), qPrintable(cases[i].keys + u' ' + r.out));
    }
}

// Keyboard-only use of a conversation longer than the window: Tab and Shift+Tab walk every message's buttons in
// reading order, each scrolled into view. ListView makes only the messages around the view, and Qt's chain follows
// the order it made them in: opened at its end (made bottom-up), Shift+Tab from the message box reached the top
// message of the view (Answer 17's Regenerate), walked down from there, and after the last went to the header
// without reaching the messages above the view; one out of view got the focus unseen. Each message has New chat from
// here and Copy after its Regenerate or Edit (Copy since session 16: before, it was left out of the chain; New chat
// from here since session 49), a reply 3 replies right after its Regenerate (since session 51).
void TestKeyboardE2e::tabWalksALongConversationInOrder() {
    const QString back = QStringLiteral("Shift+Tab");
    // Each start's keys, side by side; the last without a screenshot check, read from the focus after each key.
    const QStringList keys{back,
                           times(4, back),
                           times(5, back),
                           times(29, back),
                           times(141, back),
                           times(142, back) + QStringLiteral(",Tab,Tab,Tab,Tab,Tab,Tab,Tab,Tab")};
    std::array<Folders, 6> dirs;
    QList<qint64> rows;  // the branch on screen: Question 1, Answer 1, ..., Question 20, Answer 20 (second version)
    qint64 id = 0;
    QList<DesktopStart> starts;
    for (int i = 0; i < 6; ++i) {
        QVERIFY(dirs[i].isValid());
        QList<qint64> seeded;
        const qint64 seededId = seedLongConversation(dirs[i].path(), &seeded);
        if (i == 0) id = seededId, rows = seeded;
        QVERIFY(seededId == id && seeded == rows);
        starts << dirs[i].start({QStringLiteral("--data-dir"), dirs[i].path(), QStringLiteral("--select"), QString::number(id),
                                 QStringLiteral("--keys"), keys[i], QStringLiteral("--screenshot"),
                                 dirs[i].filePath(QStringLiteral("walk.png"))});
    }
    QVERIFY(id > 0 && rows.size() == 40);
    const QList<Run> runs = runDesktopsAtOnce(starts);
    const auto focusAfter = [&](int i, int* visible) {
        const Run& r = runs[i];
        const QRegularExpressionMatch m = QRegularExpression(QStringLiteral("\nactive focus: (\\S+)\n")).match(r.out);
        const QImage image(dirs[i].filePath(QStringLiteral("walk.png")));
        // The focused button looks hovered: #eaecf0 pixels in the messages' area (right of the sidebar, between the
        // header and the message box), where nothing else has that colour.
        if (visible) *visible = image.isNull() ? -1 : hoverPixels(image, QRect(280, 60, image.width() - 280, 550));
        return r.exitCode == 0 && m.hasMatch() ? m.captured(1)
                                               : QStringLiteral("exit %1: %2 %3").arg(r.exitCode).arg(r.out, r.err);
    };
    int visible = 0;
    // Up from the message box: the last reply's Copy, New chat from here, 3 replies, Regenerate, its ‹ (2/2), then
    // Question 20's Copy, New chat from here, Edit, Answer 19's Copy, ...
    QCOMPARE(focusAfter(0, &visible), QStringLiteral("copyButton-%1").arg(rows[39]));
    QVERIFY2(visible > 250, qPrintable(QString::number(visible)));  // the ~50 x 20 px button, less its text
    QCOMPARE(focusAfter(1, &visible), QStringLiteral("regenerateButton-%1").arg(rows[39]));
    QVERIFY2(visible > 500, qPrintable(QString::number(visible)));  // the ~94 x 20 px button, less its text
    QCOMPARE(focusAfter(2, &visible), QStringLiteral("previousVersionButton-%1").arg(rows[39]));
    QVERIFY2(visible > 200, qPrintable(QString::number(visible)));  // the 22 x 22 px ‹, less the glyph (before: 13)
    // Past the messages ListView made at start: Question 17 (row 32), scrolled into view.
    QCOMPARE(focusAfter(3, &visible), QStringLiteral("editButton-%1").arg(rows[32]));
    QVERIFY2(visible > 400, qPrintable(QString::number(visible)));  // the ~48 x 20 px button, less its text
    // All the way up: Question 1, then the header's model button; Tab from there comes back down in order.
    QCOMPARE(focusAfter(4, &visible), QStringLiteral("editButton-%1").arg(rows[0]));
    QVERIFY2(visible > 400, qPrintable(QString::number(visible)));
    // The steps without a screenshot in one start, read from the focus after each key (before: a start for each).
    QCOMPARE(focusAfter(5, nullptr), QStringLiteral("editButton-%1").arg(rows[2]));
    const QStringList walked = focusAfterEachKey(runs[5].out);
    QCOMPARE(walked.size(), 150);
    QCOMPARE(walked[1], QStringLiteral("forkButton-%1").arg(rows[39]));  // Shift+Tab x2
    QCOMPARE(walked[2], QStringLiteral("threeRepliesButton-%1").arg(rows[39]));  // x3
    QCOMPARE(walked[5], QStringLiteral("copyButton-%1").arg(rows[38]));  // x6
    QCOMPARE(walked[6], QStringLiteral("forkButton-%1").arg(rows[38]));  // x7
    QCOMPARE(walked[7], QStringLiteral("editButton-%1").arg(rows[38]));  // x8
    QCOMPARE(walked[141], QStringLiteral("modelButton"));                // x142
    QCOMPARE(walked[143], QStringLiteral("forkButton-%1").arg(rows[0]));  // Tab x2 from there
}

// A message sent while the list is scrolled up (here by Shift+Tab to Question 17; a mouse wheel did the same) brings
// the view to the newest message: before, the list stayed where it was — at the top of the conversation, as it was
// refilled with the new branch — and the new message and its reply were out of sight ("newest message in view: no").
void TestKeyboardE2e::sendAfterScrollingUpShowsTheReply() {
    QTemporaryDir dir, config;
    QVERIFY(dir.isValid() && config.isValid());
    QList<qint64> rows;
    const qint64 id = seedLongConversation(dir.path(), &rows);
    const qsizetype seeded = rwkv::store::ConversationStore(QDir(dir.path()).filePath(QStringLiteral("conversations.sqlite")))
                                 .messages(id).size();
    const QString png = dir.filePath(QStringLiteral("sent.png"));
    // Up to Question 17's Edit, back down to the message box (29 controls each way), type "hi" and press Enter.
    const QString keys = times(29, QStringLiteral("Shift+Tab")) + u',' + times(29, QStringLiteral("Tab")) +
                         QStringLiteral(",H,I,Return");
    // Saved once the reply is stored whole (before: at 12 s, whatever came first), at the latest at 60 s.
    const Run r = rwkv::e2e::runDesktopUntil(
        {QStringLiteral("--data-dir"), dir.path(), QStringLiteral("--select"), QString::number(id), QStringLiteral("--keys"),
         keys, QStringLiteral("--screenshot"), png, QStringLiteral("--screenshot-at"), QStringLiteral("60")},
        [&] {
            const QList<rwkv::store::Message> branch = storedBranch(dir.path(), id);
            return branch.size() == seeded + 2 && branch.constLast().finished;
        },
        180000, config.path());
    QVERIFY2(r.exitCode == 0, qPrintable(QStringLiteral("exit %1\nstdout: %2\nstderr: %3").arg(r.exitCode).arg(r.out, r.err)));
    QVERIFY2(r.out.contains(QStringLiteral("\nnewest message in view: yes\n")), qPrintable(r.out));
    rwkv::store::ConversationStore store(QDir(dir.path()).filePath(QStringLiteral("conversations.sqlite")));
    const auto messages = store.messages(id);
    QCOMPARE(messages.size(), seeded + 2);  // "hi" and its reply
    QCOMPARE(messages[seeded].text, QStringLiteral("hi"));
    QCOMPARE(messages[seeded].parent_id, rows[39]);  // sent after the version on screen
    QVERIFY(messages[seeded + 1].finished && !messages[seeded + 1].text.trimmed().isEmpty());
}

// The "⋯" menu opened with the keyboard (Space or Return on the button reached with Tab) starts on its first item,
// which has the focus and is highlighted, as a native menu: Return then renames. Before, no item had the focus until
// Down was pressed ("active focus: " the menu's list, not an item).
void TestKeyboardE2e::conversationMenuOpensOnItsFirstItem() {
    const Folders dir, spaced;  // the two starts side by side, each with the chat "Keys"
    QVERIFY(dir.isValid() && spaced.isValid());
    const qint64 id = seedKeysConversation(dir.path()).first;
    QCOMPARE(seedKeysConversation(spaced.path()).first, id);
    const QString png = dir.filePath(QStringLiteral("menu-Return.png"));
    // The second start: opened with Space the same; Down from there is Instructions…, Down again Export… (the focus
    // after each key: one start for the three).
    const QList<Run> runs = runDesktopsAtOnce(
        {dir.start({QStringLiteral("--data-dir"), dir.path(), QStringLiteral("--select"), QString::number(id),
                    QStringLiteral("--keys"), QStringLiteral("Tab,Tab,Tab,Tab,Tab,Return"), QStringLiteral("--screenshot"),
                    png}),
         spaced.start({QStringLiteral("--data-dir"), spaced.path(), QStringLiteral("--select"), QString::number(id),
                       QStringLiteral("--keys"), QStringLiteral("Tab,Tab,Tab,Tab,Tab,Space,Down,Down"),
                       QStringLiteral("--screenshot"), spaced.filePath(QStringLiteral("down.png"))})});
    const Run& r = runs[0];
    QVERIFY2(r.exitCode == 0, qPrintable(QStringLiteral("exit %1\nstdout: %2\nstderr: %3").arg(r.exitCode).arg(r.out, r.err)));
    QVERIFY2(r.out.contains(QStringLiteral("\nactive focus: renameMenuItem\n")), qPrintable(r.out));
    if (qEnvironmentVariableIsSet("RWKV_SCREENSHOT_DIR"))
        QFile::copy(png, QDir(qEnvironmentVariable("RWKV_SCREENSHOT_DIR")).filePath(QFileInfo(png).fileName()));
    const Run& down = runs[1];
    QVERIFY2(down.exitCode == 0, qPrintable(down.out + down.err));
    const QStringList focus = focusAfterEachKey(down.out);
    QVERIFY2(focus.size() == 8 && focus[5] == QStringLiteral("renameMenuItem"), qPrintable(down.out));  // after Space
    QCOMPARE(focus[6], QStringLiteral("instructionsMenuItem"));
    QVERIFY2(down.out.contains(QStringLiteral("\nactive focus: exportMenuItem\n")), qPrintable(down.out + down.err));
}

// Regenerate or Edit pressed with the keyboard: the turn replaces the message the button was in, and the focus goes to
// the message box. Before, it fell to the message list itself ("active focus: messageList"), where nothing showed it.
void TestKeyboardE2e::regenerateAndEditHandTheFocusToTheMessageBox() {
    QTemporaryDir dir, config;
    QVERIFY(dir.isValid() && config.isValid());
    const auto [id, reply] = seedKeysConversation(dir.path());
    // Saved once the turn `written` says is stored whole (before: at 8 s, whatever came first), at the latest at 60 s.
    const auto run = [&](const QString& keys, const std::function<bool(const QList<rwkv::store::Message>&)>& written) {
        return rwkv::e2e::runDesktopUntil(
            {QStringLiteral("--data-dir"), dir.path(), QStringLiteral("--select"), QString::number(id), QStringLiteral("--keys"),
             keys, QStringLiteral("--screenshot"), dir.filePath(QStringLiteral("turn.png")), QStringLiteral("--screenshot-at"),
             QStringLiteral("60")},
            [&] { return written(storedBranch(dir.path(), id)); }, 180000, config.path());
    };
    // Shift+Tab past the reply's Copy, New chat from here and 3 replies to its Regenerate, Space: a second reply (2/2),
    // written and shown.
    const Run regenerated = run(QStringLiteral("Shift+Tab,Shift+Tab,Shift+Tab,Shift+Tab,Space"), [&](const QList<rwkv::store::Message>& shown) {
        return shown.size() == 2 && shown[1].id != reply && shown[1].finished;
    });
    QVERIFY2(regenerated.exitCode == 0, qPrintable(regenerated.out + regenerated.err));
    QVERIFY2(regenerated.out.contains(QStringLiteral("\nactive focus: messageInput\n")), qPrintable(regenerated.out));
    bool cut = false;  // the new reply reached the length limit (the demo model writes on to it): Continue is under it
    {
        rwkv::store::ConversationStore store(QDir(dir.path()).filePath(QStringLiteral("conversations.sqlite")));
        const auto shown = store.messages(id);
        QCOMPARE(shown.size(), 2);
        QVERIFY(shown[1].id != reply && shown[1].finished);
        QCOMPARE(shown[1].sibling_count, 2);
        cut = shown[1].end == rwkv::store::ReplyEnd::LengthLimit;
    }
    // Shift+Tab past the reply's Copy, New chat from here, Continue (when cut), 3 replies, Regenerate and ‹, and Hello's
    // Copy and New chat from here, to Hello's Edit, Space, type "x" over the selected text, Enter: a new version.
    const Run edited = run(times(cut ? 9 : 8, QStringLiteral("Shift+Tab")) + QStringLiteral(",Space,X,Return"),
                           [](const QList<rwkv::store::Message>& shown) {
                               return shown.size() == 2 && shown[0].text == QStringLiteral("x") && shown[1].finished;
                           });
    QVERIFY2(edited.exitCode == 0, qPrintable(edited.out + edited.err));
    QVERIFY2(edited.out.contains(QStringLiteral("\nactive focus: messageInput\n")), qPrintable(edited.out));
    rwkv::store::ConversationStore store(QDir(dir.path()).filePath(QStringLiteral("conversations.sqlite")));
    const auto shown = store.messages(id);
    QCOMPARE(shown.size(), 2);
    QCOMPARE(shown[0].text, QStringLiteral("x"));
    QVERIFY(shown[1].finished);
}

// Keyboard-only use of the sidebar (new-user trial, session 19): Tab reached the selected conversation's "⋯" and
// then Import…, never another conversation's row nor a search hit, and Down / Return in the search field did nothing,
// so without a mouse no other conversation could be opened (README "Keyboard": Tab reaches every button; "Search": a
// result opens its chat). Rows are ItemDelegates ("conversationRow-<id>"), hits "searchResult-<messageId>"
// (SearchResults.qml). Opening a conversation counts as its use and reorders the list: every run starts from the
// seeded database.
void TestKeyboardE2e::otherConversationsAndSearchHitsOpenWithTheKeyboard() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const qint64 keys = seedKeysConversation(dir.path()).first;
    qint64 other = 0, otherQuestion = 0;
    const QString db = QDir(dir.path()).filePath(QStringLiteral("conversations.sqlite"));
    {
        rwkv::store::ConversationStore store(db);
        other = store.createConversation(QStringLiteral("Other"));
        otherQuestion = store.addMessage(other, 0, rwkv::store::Role::User, QStringLiteral("Ferry times"));
        store.addMessage(other, otherQuestion, rwkv::store::Role::Assistant, QStringLiteral("At noon."));
    }
    const QString seed = dir.filePath(QStringLiteral("seed.sqlite"));
    QVERIFY(QFile::copy(db, seed));
    // The "Keys" conversation open, the seeded database in a data folder of its own, `extra` options, then --keys
    // `pressed`: the starts that do not depend on another's outcome run side by side.
    std::array<Folders, 6> folders;
    const auto start = [&](const Folders& f, const QStringList& extra, const QString& pressed) {
        QFile::copy(seed, QDir(f.path()).filePath(QStringLiteral("conversations.sqlite")));
        return f.start(QStringList{QStringLiteral("--data-dir"), f.path(), QStringLiteral("--select"), QString::number(keys)} +
                       extra +
                       QStringList{QStringLiteral("--keys"), pressed, QStringLiteral("--screenshot"),
                                   f.filePath(QStringLiteral("walk.png"))});
    };
    // Where each Tab leaves the focus ("after Tab: ..., focus NAME"), from the message box.
    const auto tabFocus = [](const Run& r) {
        QStringList focus;
        for (const QRegularExpressionMatch& m :
             QRegularExpression(QStringLiteral("after Tab: .*, focus (\\S+)\n")).globalMatch(r.out))
            focus << m.captured(1);
        return focus;
    };
    const QStringList search{QStringLiteral("--search"), QStringLiteral("ferry")};
    const QList<Run> runs = runDesktopsAtOnce({
        start(folders[0], {}, times(10, QStringLiteral("Tab"))),  // the rows
        start(folders[1], search, times(10, QStringLiteral("Tab"))),  // the hits
        // From the search field (Ctrl+F): Down moves into the hits, Return opens the one reached.
        start(folders[2], search, QStringLiteral("Ctrl+F,Down,Return")),
        // Return in the field, right after typing, opens the first hit.
        start(folders[3], {}, QStringLiteral("Ctrl+F,F,E,R,R,Y,Return")),
        // Nothing searched: Down moves into the conversations (the newest, "Other", first), Up from there back to
        // the field.
        start(folders[4], {}, QStringLiteral("Ctrl+F,Down,Down,Return")),
        start(folders[5], {}, QStringLiteral("Ctrl+F,Down,Down,Up,Up,X")),
    });
    const QString row = QStringLiteral("conversationRow-%1").arg(other);
    const Run& rows = runs[0];
    const QStringList rowFocus = tabFocus(rows);
    QVERIFY2(rows.exitCode == 0, qPrintable(rows.out + rows.err));
    QVERIFY2(rowFocus.contains(row), qPrintable(rowFocus.join(u' ')));
    // Space on it opens "Other".
    const Folders openedFolder;
    QVERIFY(openedFolder.isValid());
    const Run opened = runDesktopsAtOnce({start(openedFolder, {}, times(int(rowFocus.indexOf(row)) + 1, QStringLiteral("Tab")) +
                                                                      QStringLiteral(",Space"))})
                           .value(0);
    QVERIFY2(opened.out.contains(QStringLiteral("\nwindow title: Other")), qPrintable(opened.out + opened.err));
    // A search hit is reached the same way.
    const QString hit = QStringLiteral("searchResult-%1").arg(otherQuestion);
    const Run& hits = runs[1];
    const QStringList hitFocus = tabFocus(hits);
    QVERIFY2(hits.exitCode == 0, qPrintable(hits.out + hits.err));
    QVERIFY2(hitFocus.contains(hit), qPrintable(hitFocus.join(u' ')));
    // (Where a key leaves the focus: the hook's line after it; one start serves the keys that follow on the same way.)
    const Run& downReturn = runs[2];
    QVERIFY2(focusAfterEachKey(downReturn.out).value(1) == hit, qPrintable(downReturn.out));  // after Down
    QVERIFY2(downReturn.out.contains(QStringLiteral("\nwindow title: Other")), qPrintable(downReturn.out));
    const Run& typed = runs[3];
    QVERIFY2(typed.out.contains(QStringLiteral("\nwindow title: Other")), qPrintable(typed.out));
    const Run& second = runs[4];
    QVERIFY2(focusAfterEachKey(second.out).value(1) == row, qPrintable(second.out));  // after the first Down
    QVERIFY2(second.out.contains(QStringLiteral("\nactive focus: conversationRow-%1\n").arg(keys)), qPrintable(second.out));
    QVERIFY2(second.out.contains(QStringLiteral("\nwindow title: Keys")), qPrintable(second.out));
    const Run& back = runs[5];
    QVERIFY2(back.out.contains(QStringLiteral("\nactive focus: SearchField")), qPrintable(back.out));
}

// A conversation sent to moves to the top of the sidebar; Tab still walks the rows top to bottom. Before (session 32's
// trial), Tab followed the order ListView made the rows in: after a message in the bottom row's chat, Tab from the
// search field went to the row now second, and the top row came last.
void TestKeyboardE2e::tabWalksTheSidebarTopToBottomAfterAMove() {
    QTemporaryDir dir, config;
    QVERIFY(dir.isValid() && config.isValid());
    const qint64 keys = seedKeysConversation(dir.path()).first;
    qint64 second = 0, third = 0;
    {
        rwkv::store::ConversationStore store(QDir(dir.path()).filePath(QStringLiteral("conversations.sqlite")));
        second = store.createConversation(QStringLiteral("Second"));
        third = store.createConversation(QStringLiteral("Third"));
    }
    // Listed Third, Second, Keys; a click on Keys (the bottom row) opens it, a message sent there moves it to the top.
    const Run r = runDesktop({QStringLiteral("--data-dir"), dir.path(), QStringLiteral("--select"), QString::number(third),
                              QStringLiteral("--keys"),
                              QStringLiteral("Click:conversationRow-%1,Click:messageInput,H,I,Return,Ctrl+F,Tab,Tab,Tab,Tab,Tab")
                                  .arg(keys),
                              QStringLiteral("--screenshot"), dir.filePath(QStringLiteral("moved.png"))},
                             180000, false, config.path());
    QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
    QVERIFY2(r.out.contains(QStringLiteral("\nwindow title: Keys")), qPrintable(r.out));
    const auto row = [](qint64 id) { return QStringLiteral("conversationRow-%1").arg(id); };
    // After H, I, Return and Ctrl+F: the top row (Keys), its "⋯" (shown on the focused row), Third, its "⋯", Second.
    const QString menu = QStringLiteral("conversationMenuButton");
    QCOMPARE(focusAfterEachKey(r.out).mid(4), (QStringList{row(keys), menu, row(third), menu, row(second)}));
    if (qEnvironmentVariableIsSet("RWKV_SCREENSHOT_DIR"))
        QFile::copy(dir.filePath(QStringLiteral("moved.png")),
                    QDir(qEnvironmentVariable("RWKV_SCREENSHOT_DIR")).filePath(QStringLiteral("sidebar-tab-after-move.png")));
}

// Settings or Models opened with the mouse and closed with Esc or its ✕: typing goes to the message box again. Before
// (new-user trial, session 19), the clicked header button kept the focus, unseen (opened by a click it shows no
// frame): the user changed the device, closed Settings, typed a question and lost it ("active focus:
// settingsButton", "message box: 0 characters").
void TestKeyboardE2e::closingAPageGivesTheMessageBoxTheFocus() {
    // Each start its own settings (the X typed by another is kept as a draft) and data folder, side by side.
    std::array<Folders, 4> dirs;
    QStringList keysOf;
    QList<DesktopStart> starts;
    for (const QString& page : {QStringLiteral("settings"), QStringLiteral("models")}) {
        for (const QString& close : {QStringLiteral("Esc"), QStringLiteral("Click:%1Header-close").arg(page)}) {
            const Folders& dir = dirs[starts.size()];
            QVERIFY(dir.isValid());
            keysOf << QStringLiteral("Click:%1Button,%2,X").arg(page, close);
            starts << dir.start({QStringLiteral("--data-dir"), dir.path(), QStringLiteral("--keys"), keysOf.constLast(),
                                 QStringLiteral("--screenshot"), dir.filePath(QStringLiteral("closed.png"))});
        }
    }
    const QList<Run> runs = runDesktopsAtOnce(starts);
    for (int i = 0; i < runs.size(); ++i) {
        const Run& r = runs[i];
        const QString& keys = keysOf[i];
        QVERIFY2(r.exitCode == 0, qPrintable(keys + u' ' + r.out + r.err));
        QVERIFY2(r.out.contains(QStringLiteral("\nactive focus: messageInput\n")), qPrintable(keys + u' ' + r.out));
        QVERIFY2(r.out.contains(QStringLiteral("\nmessage box: 1 characters\n")), qPrintable(keys + u' ' + r.out));
    }
}

// Esc while a reply streams behind Settings or Models closes the page and the reply goes on; a second Esc (no page
// open) stops it. Before (new-user trial, session 20, F14) the window's Esc shortcut took the key from the open page:
// the reply behind it stopped ("reply status: Stopped…" at once) and the page stayed open, holding the focus.
void TestKeyboardE2e::escClosesAPageBeforeStoppingTheReply() {
    std::array<Folders, 3> dirs;  // the three starts side by side
    QList<DesktopStart> starts;
    // --reply-pace 40: 512 tokens take ~20 s, the keys ~2 s. The last start: no page open, Esc stops the reply.
    const QStringList keysOf{QStringLiteral("Click:messageInput,H,I,Return,Click:settingsButton,Esc,X"),
                             QStringLiteral("Click:messageInput,H,I,Return,Click:modelsButton,Esc,X"),
                             QStringLiteral("Click:messageInput,H,I,Return,Esc")};
    for (int i = 0; i < 3; ++i) {
        QVERIFY(dirs[i].isValid());
        starts << dirs[i].start({QStringLiteral("--data-dir"), dirs[i].path(), QStringLiteral("--reply-pace"),
                                 QStringLiteral("40"), QStringLiteral("--keys"), keysOf[i], QStringLiteral("--screenshot"),
                                 dirs[i].filePath(QStringLiteral("esc.png"))});
    }
    const QList<Run> runs = runDesktopsAtOnce(starts);
    for (int i = 0; i < 2; ++i) {
        const Run& r = runs[i];
        const QString& keys = keysOf[i];
        QVERIFY2(r.exitCode == 0, qPrintable(keys + u' ' + r.out + r.err));
        QVERIFY2(!r.out.contains(QStringLiteral("\nreply status: ")), qPrintable(keys + u' ' + r.out));  // not stopped
        QVERIFY2(r.out.contains(QStringLiteral("\nactive focus: messageInput\n")), qPrintable(keys + u' ' + r.out));
        QVERIFY2(r.out.contains(QStringLiteral("\nmessage box: 1 characters\n")), qPrintable(keys + u' ' + r.out));
        if (qEnvironmentVariableIsSet("RWKV_SCREENSHOT_DIR"))
            QFile::copy(dirs[i].filePath(QStringLiteral("esc.png")),
                        QDir(qEnvironmentVariable("RWKV_SCREENSHOT_DIR"))
                            .filePath(QStringLiteral("esc-%1.png").arg(i == 0 ? QStringLiteral("settings") : QStringLiteral("models"))));
    }
    const Run& r = runs[2];
    QVERIFY2(r.exitCode == 0, qPrintable(keysOf[2] + u' ' + r.out + r.err));
    QVERIFY2(r.out.contains(QStringLiteral("\nreply status: ")), qPrintable(keysOf[2] + u' ' + r.out));
}

// Stop reached with Tab (the preset, then Stop) while a reply streams, pressed with Space, or Esc while it has the
// focus: the reply stops and the message box has the focus, so what is typed next lands there. Before (session 23's
// trial, T3) the button turned into a disabled Send and the focus fell to the window ("active focus: Main"): "xy" lost.
void TestKeyboardE2e::stopWithTheKeyboardHandsTheFocusToTheMessageBox() {
    QTemporaryDir dir, config;
    QVERIFY(dir.isValid() && config.isValid());
    for (const QString& press : {QStringLiteral("Space"), QStringLiteral("Esc")}) {
        // --reply-pace 30: 512 tokens take ~17 s, the keys ~1.5 s; the screenshot after every key, once the reply is
        // stored as stopped (before: at 6 s), at the latest at 15 s (before the reply could end by itself).
        const QString keys = QStringLiteral("Click:messageInput,H,I,Return,Tab,Tab,%1,X,Y").arg(press);
        const int stoppedBefore = std::max(0, storedStoppedReplies(dir.path()));  // no database yet: none
        const Run r = rwkv::e2e::runDesktopUntil(
            {QStringLiteral("--data-dir"), dir.path(), QStringLiteral("--reply-pace"), QStringLiteral("30"),
             QStringLiteral("--keys"), keys, QStringLiteral("--screenshot"), dir.filePath(QStringLiteral("stop.png")),
             QStringLiteral("--screenshot-at"), QStringLiteral("15")},
            [&] { return storedStoppedReplies(dir.path()) > stoppedBefore; }, 180000, config.path());
        QVERIFY2(r.exitCode == 0, qPrintable(keys + u' ' + r.out + r.err));
        QVERIFY2(r.out.contains(QStringLiteral("\nreply status: Stopped")), qPrintable(keys + u' ' + r.out));
        QVERIFY2(r.out.contains(QStringLiteral("\nactive focus: messageInput\n")), qPrintable(keys + u' ' + r.out));
        QVERIFY2(r.out.contains(QStringLiteral("\nmessage box: 2 characters\n")), qPrintable(keys + u' ' + r.out));
        if (qEnvironmentVariableIsSet("RWKV_SCREENSHOT_DIR"))
            QFile::copy(dir.filePath(QStringLiteral("stop.png")),
                        QDir(qEnvironmentVariable("RWKV_SCREENSHOT_DIR")).filePath(QStringLiteral("stop-%1.png").arg(press)));
    }
}

// Rename… with the title emptied, or only spaces: Return does nothing and the dialog stays open on its field; OK is
// off and looks it (its text in the muted colour, not Cancel's), and a line under the field says why; the title is
// unchanged. Before (new-user trial, session 20, F10) the dialog closed and an error banner said "A conversation
// needs a title." ("active focus: messageInput"); then (session 23's trial, T7) OK looked as ready as Cancel and
// nothing said why Return did nothing.
void TestKeyboardE2e::renameKeepsTheDialogWhileTheTitleIsEmpty() {
    std::array<Folders, 3> dirs;  // the three starts side by side, each with the chat "Keys"
    qint64 id = 0;
    // Tab x5 to the row's "⋯", Space opens its menu on Rename…, Return opens the dialog with the title selected; the
    // title emptied, or only spaces, and Return; the last start: a title typed.
    const QString open = QStringLiteral("Tab,Tab,Tab,Tab,Tab,Space,Return,");
    const QStringList keysOf{open + QStringLiteral("Backspace,Return"), open + QStringLiteral("Backspace,Space,Space,Return"),
                             open + QStringLiteral("X")};
    QList<DesktopStart> starts;
    for (int i = 0; i < 3; ++i) {
        QVERIFY(dirs[i].isValid());
        const qint64 seeded = seedKeysConversation(dirs[i].path()).first;
        if (i == 0) id = seeded;
        QCOMPARE(seeded, id);
        starts << dirs[i].start({QStringLiteral("--data-dir"), dirs[i].path(), QStringLiteral("--select"), QString::number(id),
                                 QStringLiteral("--keys"), keysOf[i], QStringLiteral("--screenshot"),
                                 dirs[i].filePath(QStringLiteral("rename.png"))});
    }
    const QList<Run> runs = runDesktopsAtOnce(starts);
    for (int i = 0; i < 2; ++i) {
        const Run& r = runs[i];
        const QString& keys = keysOf[i];
        QVERIFY2(r.exitCode == 0, qPrintable(keys + u' ' + r.out + r.err));
        QVERIFY2(r.out.contains(QStringLiteral("\nactive focus: renameTitleField\n")), qPrintable(keys + u' ' + r.out));
        const QRegularExpressionMatch dialog =
            QRegularExpression(QStringLiteral("\nrename dialog: OK (\\w+) \\(text (#\\w+), Cancel's (#\\w+)\\); hint: ([^\n]*)\n"))
                .match(r.out);
        QVERIFY2(dialog.hasMatch(), qPrintable(keys + u' ' + r.out));
        QCOMPARE(dialog.captured(1), QStringLiteral("disabled"));
        QVERIFY2(dialog.captured(2) != dialog.captured(3), qPrintable(dialog.captured(0)));  // OK looks off
        QCOMPARE(dialog.captured(4), QStringLiteral("A conversation needs a title."));
        rwkv::store::ConversationStore store(QDir(dirs[i].path()).filePath(QStringLiteral("conversations.sqlite")));
        QCOMPARE(store.conversation(id).value().title, QStringLiteral("Keys"));
        if (qEnvironmentVariableIsSet("RWKV_SCREENSHOT_DIR"))
            QFile::copy(dirs[i].filePath(QStringLiteral("rename.png")),
                        QDir(qEnvironmentVariable("RWKV_SCREENSHOT_DIR")).filePath(QStringLiteral("rename-empty.png")));
    }
    // A title typed: OK on, no line under the field.
    const Run& r = runs[2];
    QVERIFY2(r.exitCode == 0, qPrintable(keysOf[2] + u' ' + r.out + r.err));
    QVERIFY2(QRegularExpression(QStringLiteral("\nrename dialog: OK enabled \\(text (#\\w+), Cancel's \\1\\); hint: none\n"))
                 .match(r.out)
                 .hasMatch(),
             qPrintable(keysOf[2] + u' ' + r.out));
}

// Tab or Shift+Tab on the Settings page scrolls the page to the control that gets the focus: "active focus in view:
// yes" (the hook: all of it inside the window and the page's ScrollView). Before (session 24's trial, F8), Tab x12
// reached the Conversations folder's Change… far below the fold and the page stayed at its top ("… in view: no").
// Shift+Tab x3 from the header goes backwards into the page's lower half (the sampling preset box). Tab x4 (a control
// near the top) is in view as before.
void TestKeyboardE2e::settingsPageScrollsToTheKeyboardFocus() {
    std::array<Folders, 3> dirs;  // the three starts side by side
    const QStringList keysOf{times(4, QStringLiteral("Tab")), times(12, QStringLiteral("Tab")),
                             times(3, QStringLiteral("Shift+Tab"))};
    QList<DesktopStart> starts;
    for (int i = 0; i < 3; ++i) {
        QVERIFY(dirs[i].isValid());
        starts << dirs[i].start({QStringLiteral("--data-dir"), dirs[i].path(), QStringLiteral("--lang"), QStringLiteral("en"),
                                 QStringLiteral("--open"), QStringLiteral("settings"), QStringLiteral("--keys"), keysOf[i],
                                 QStringLiteral("--screenshot"), dirs[i].filePath(QStringLiteral("settings.png"))});
    }
    const QList<Run> runs = runDesktopsAtOnce(starts);
    for (int i = 0; i < 3; ++i) {
        const Run& r = runs[i];
        const QString& keys = keysOf[i];
        QVERIFY2(r.exitCode == 0, qPrintable(keys + u' ' + r.out + r.err));
        const QRegularExpressionMatch focus = QRegularExpression(QStringLiteral("\nactive focus: (\\S+)\n")).match(r.out);
        QVERIFY2(focus.hasMatch() && focus.captured(1) != QStringLiteral("messageInput"), qPrintable(keys + u' ' + r.out));
        QVERIFY2(r.out.contains(QStringLiteral("\nactive focus in view: yes\n")), qPrintable(keys + u' ' + r.out));
        if (qEnvironmentVariableIsSet("RWKV_SCREENSHOT_DIR"))
            QFile::copy(dirs[i].filePath(QStringLiteral("settings.png")),
                        QDir(qEnvironmentVariable("RWKV_SCREENSHOT_DIR"))
                            .filePath(QStringLiteral("settings-%1.png").arg(QString(keys).replace(u',', u'-'))));
    }
}

QTEST_GUILESS_MAIN(TestKeyboardE2e)
#include "test_keyboard_e2e.moc"
