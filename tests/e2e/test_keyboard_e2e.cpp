// test_keyboard_e2e.cpp — keyboard-only use of the real rwkv-desktop window (under Xvfb, see desktop_process.h): the
// --keys test hook presses Tab / Shift+Tab (one every 150 ms, as a person types) and prints the objectName of the item
// that has the focus ("active focus:"); the screenshot shows whether that item looks focused. App: app/gui/main.cpp.
#include <QDir>
#include <QFileInfo>
#include <QImage>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

#include "conversation_export.h"
#include "desktop_process.h"
#include "store/conversation_store.h"

#include <algorithm>
#include <cmath>
#include <tuple>
#include <utility>

class TestKeyboardE2e : public QObject {
    Q_OBJECT

private slots:
    void tabLeavesTheMessageBox();
    void focusedReplyActionIsVisible();
    void questionActionsAreWalkedLeftToRight();
    void focusedHeaderAndSidebarButtonsAreVisible();
    void tabWalksALongConversationInOrder();
    void sendAfterScrollingUpShowsTheReply();
    void exportFromTheConversationMenu();
    void fileDialogsOpenWhereTheLastFileWas();
    void fileDialogsCurrentRowIsReadable();
    void openActsOnTheHighlightedFile();
    void exportReturnSavesTheNameShownAndAsksBeforeReplacing();
    void exportOpensOnTheNameFieldAgain();
    void settingsFolderDialogsCurrentRowIsReadable();
    void conversationMenuOpensOnItsFirstItem();
    void regenerateAndEditHandTheFocusToTheMessageBox();
    void otherConversationsAndSearchHitsOpenWithTheKeyboard();
    void closingAPageGivesTheMessageBoxTheFocus();
    void escClosesAPageBeforeStoppingTheReply();
    void stopWithTheKeyboardHandsTheFocusToTheMessageBox();
    void renameKeepsTheDialogWhileTheTitleIsEmpty();
    void settingsPageScrollsToTheKeyboardFocus();
};

namespace {

using Run = rwkv::e2e::DesktopRun;
using rwkv::e2e::runDesktop;

/// A conversation "Keys" (Hello / Hi, how can I help?) in the database of `dataDir`; returns its id and the reply's.
std::pair<qint64, qint64> seedKeysConversation(const QString& dataDir) {
    rwkv::store::ConversationStore store(QDir(dataDir).filePath(QStringLiteral("conversations.sqlite")));
    const qint64 id = store.createConversation(QStringLiteral("Keys"));
    const qint64 user = store.addMessage(id, 0, rwkv::store::Role::User, QStringLiteral("Hello"));
    return {id, store.addMessage(id, user, rwkv::store::Role::Assistant, QStringLiteral("Hi, how can I help?"))};
}

/// How many pixels of `area` have the light theme's hover colour (Theme.sidebarHover, #eaecf0): a control reached with
/// Tab looks hovered.
int hoverPixels(const QImage& image, const QRect& area) {
    int n = 0;
    for (int y = area.top(); y <= area.bottom(); ++y)
        for (int x = area.left(); x <= area.right(); ++x) n += (image.pixel(x, y) & 0xffffff) == 0xeaecf0;
    return n;
}

/// `n` times `key`, comma-separated, for --keys.
QString times(int n, const QString& key) {
    QStringList keys;
    for (int i = 0; i < n; ++i) keys << key;
    return keys.join(u',');
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

/// The WCAG contrast ratio of two colours (1 to 21; 4.5 is the minimum for text): (L1 + 0.05) / (L2 + 0.05), L the
/// relative luminance of sRGB (WCAG 2.1, "relative luminance").
double contrastRatio(const QColor& a, const QColor& b) {
    const auto luminance = [](const QColor& c) {
        const auto channel = [](double v) { return v <= 0.04045 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4); };
        return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF());
    };
    const double la = luminance(a), lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

}  // namespace

void TestKeyboardE2e::tabLeavesTheMessageBox() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const auto focusAfter = [&](const QString& keys) {
        const QString png = dir.filePath(QStringLiteral("keys.png"));
        const Run r = runDesktop({QStringLiteral("--data-dir"), dir.path(), QStringLiteral("--keys"), keys,
                              QStringLiteral("--screenshot"), png});
        const QRegularExpressionMatch m =
            QRegularExpression(QStringLiteral("\nactive focus: (\\S+)\n")).match(r.out);
        return r.exitCode == 0 && m.hasMatch() ? m.captured(1) : QStringLiteral("exit %1: %2 %3").arg(r.exitCode).arg(r.out, r.err);
    };
    const QString afterTab = focusAfter(QStringLiteral("Tab"));
    QVERIFY2(afterTab != QStringLiteral("messageInput") && !afterTab.startsWith(QStringLiteral("exit ")),
             qPrintable(afterTab));
    QCOMPARE(focusAfter(QStringLiteral("Tab,Shift+Tab")), QStringLiteral("messageInput"));
    // A bad key name is refused before the window opens.
    const Run bad = runDesktop({QStringLiteral("--data-dir"), dir.path(), QStringLiteral("--keys"), QStringLiteral("Tabb"),
                            QStringLiteral("--screenshot"), dir.filePath(QStringLiteral("no.png"))});
    QCOMPARE(bad.exitCode, 1);
    QVERIFY2(bad.err.contains(QStringLiteral("--keys: 'Tabb' is not a key")), qPrintable(bad.err));
}

// Keyboard-only use: Shift+Tab from the message box reaches the last reply's Copy, and once more its Regenerate, which
// then look hovered (Theme.sidebarHover, #eaecf0) with an accent outline; before, a focused message action looked like
// any other, and Copy was not in the Tab chain at all (session 15: Shift+Tab went straight to Regenerate).
void TestKeyboardE2e::focusedReplyActionIsVisible() {
    QTemporaryDir dir, config;
    QVERIFY(dir.isValid() && config.isValid());
    const auto [id, reply] = seedKeysConversation(dir.path());
    for (const auto& [keys, button, least] : {std::tuple{QStringLiteral("Shift+Tab"), QStringLiteral("copyButton"), 250},
                                              std::tuple{QStringLiteral("Shift+Tab,Shift+Tab"),
                                                         QStringLiteral("regenerateButton"), 500}}) {
        const QString png = dir.filePath(QStringLiteral("focus.png"));
        const Run r = runDesktop({QStringLiteral("--data-dir"), dir.path(), QStringLiteral("--select"), QString::number(id),
                                  QStringLiteral("--keys"), keys, QStringLiteral("--screenshot"), png},
                                 180000, false, config.path());
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
    QTemporaryDir dir, config;
    QVERIFY(dir.isValid() && config.isValid());
    const auto [id, reply] = seedKeysConversation(dir.path());
    qint64 question = 0;
    {
        rwkv::store::ConversationStore store(QDir(dir.path()).filePath(QStringLiteral("conversations.sqlite")));
        question = store.messages(id).constFirst().id;
    }
    QVERIFY(question > 0 && question != reply);
    const auto focusedAt = [&](int shiftTabs, const QString& button) {
        const QString png = dir.filePath(QStringLiteral("question.png"));
        const Run r = runDesktop({QStringLiteral("--data-dir"), dir.path(), QStringLiteral("--select"), QString::number(id),
                                  QStringLiteral("--keys"), times(shiftTabs, QStringLiteral("Shift+Tab")),
                                  QStringLiteral("--screenshot"), png},
                                 180000, false, config.path());
        if (r.exitCode != 0 || !r.out.contains(QStringLiteral("\nactive focus: %1-%2\n").arg(button).arg(question))) {
            qWarning("exit %d, expected %s-%lld\nstdout: %s\nstderr: %s", r.exitCode, qPrintable(button), question,
                     qPrintable(r.out), qPrintable(r.err));
            return -1.0;
        }
        const QImage image(png);
        const QRect area(280, 60, image.width() - 280, image.height() - 190);  // the chat column, as above
        double sumX = 0;
        int n = 0;
        for (int y = area.top(); y <= area.bottom(); ++y)
            for (int x = area.left(); x <= area.right(); ++x)
                if ((image.pixel(x, y) & 0xffffff) == 0xeaecf0) sumX += x, ++n;
        if (n < 200) qWarning("%s: %d hover pixels", qPrintable(button), n);
        return n < 200 ? -1.0 : sumX / n;
    };
    // Up from the message box: the reply's Copy, its Regenerate, then the question's Copy and Edit.
    const double copyX = focusedAt(3, QStringLiteral("copyButton"));
    const double editX = focusedAt(4, QStringLiteral("editButton"));
    QVERIFY(copyX > 0 && editX > 0);
    qInfo("question's Edit at x %.0f, Copy at x %.0f", editX, copyX);
    QVERIFY2(editX < copyX, qPrintable(QStringLiteral("Edit at x %1, Copy at x %2").arg(editX).arg(copyX)));
}

// Keyboard-only use: the header's Models / Settings and a conversation's "⋯" reached with Tab look hovered
// (Theme.sidebarHover, #eaecf0) with an accent outline (FocusFrame.qml); before, only their text turned blue (new-user
// trial, session 11). Tab and Shift+Tab run the same chain both ways: sidebar, header, the messages' actions, composer.
void TestKeyboardE2e::focusedHeaderAndSidebarButtonsAreVisible() {
    QTemporaryDir dir, config;
    QVERIFY(dir.isValid() && config.isValid());
    // An empty library: Shift+Tab from the message box reaches the model button, Settings, then Models.
    const QString header = dir.filePath(QStringLiteral("header.png"));
    const Run r = runDesktop({QStringLiteral("--data-dir"), dir.path(), QStringLiteral("--keys"),
                          QStringLiteral("Shift+Tab,Shift+Tab,Shift+Tab"), QStringLiteral("--screenshot"), header},
                         180000, false, config.path());
    QVERIFY2(r.exitCode == 0, qPrintable(QStringLiteral("exit %1\nstdout: %2\nstderr: %3").arg(r.exitCode).arg(r.out, r.err)));
    QVERIFY2(r.out.contains(QStringLiteral("\nactive focus: modelsButton\n")), qPrintable(r.out));
    const QImage top(header);
    QVERIFY(!top.isNull());
    const int models = hoverPixels(top, QRect(280, 0, top.width() - 280, 56));  // the header right of the sidebar
    QVERIFY2(models > 500, qPrintable(QString::number(models)));  // the ~74 x 34 px button, less its text
    // A selected conversation's "⋯": Tab from the message box passes the preset, New chat, the search field and the
    // conversation's row (reached with Tab since session 19).
    const qint64 id = seedKeysConversation(dir.path()).first;
    const QString sidebar = dir.filePath(QStringLiteral("sidebar.png"));
    const Run s = runDesktop({QStringLiteral("--data-dir"), dir.path(), QStringLiteral("--select"), QString::number(id),
                          QStringLiteral("--keys"), QStringLiteral("Tab,Tab,Tab,Tab,Tab"), QStringLiteral("--screenshot"),
                          sidebar},
                         180000, false, config.path());
    QVERIFY2(s.exitCode == 0, qPrintable(QStringLiteral("exit %1\nstdout: %2\nstderr: %3").arg(s.exitCode).arg(s.out, s.err)));
    QVERIFY2(s.out.contains(QStringLiteral("\nactive focus: conversationMenuButton\n")), qPrintable(s.out));
    const QImage side(sidebar);
    QVERIFY(!side.isNull());
    const int menu = hoverPixels(side, QRect(0, 60, 264, side.height() - 120));  // the sidebar below its title
    QVERIFY2(menu > 300, qPrintable(QString::number(menu)));  // the 28 x 28 px button, less its "⋯"
}

// Keyboard-only use of a conversation longer than the window: Tab and Shift+Tab walk every message's buttons in
// reading order, each scrolled into view. ListView makes only the messages around the view, and Qt's chain follows
// the order it made them in: opened at its end (made bottom-up), Shift+Tab from the message box reached the top
// message of the view (Answer 17's Regenerate), walked down from there, and after the last went to the header
// without reaching the messages above the view; one out of view got the focus unseen. Each message has Copy after its
// Regenerate or Edit (since session 16: before, Copy was left out of the chain).
void TestKeyboardE2e::tabWalksALongConversationInOrder() {
    QTemporaryDir dir, config;
    QVERIFY(dir.isValid() && config.isValid());
    QList<qint64> rows;  // the branch on screen: Question 1, Answer 1, ..., Question 20, Answer 20 (second version)
    const qint64 id = seedLongConversation(dir.path(), &rows);
    QVERIFY(id > 0 && rows.size() == 40);
    const auto focusAfter = [&](const QString& keys, int* visible) {
        const QString png = dir.filePath(QStringLiteral("walk.png"));
        const Run r = runDesktop({QStringLiteral("--data-dir"), dir.path(), QStringLiteral("--select"), QString::number(id),
                                  QStringLiteral("--keys"), keys, QStringLiteral("--screenshot"), png},
                                 180000, false, config.path());
        const QRegularExpressionMatch m = QRegularExpression(QStringLiteral("\nactive focus: (\\S+)\n")).match(r.out);
        const QImage image(png);
        // The focused button looks hovered: #eaecf0 pixels in the messages' area (right of the sidebar, between the
        // header and the message box), where nothing else has that colour.
        if (visible) *visible = image.isNull() ? -1 : hoverPixels(image, QRect(280, 60, image.width() - 280, 550));
        return r.exitCode == 0 && m.hasMatch() ? m.captured(1)
                                               : QStringLiteral("exit %1: %2 %3").arg(r.exitCode).arg(r.out, r.err);
    };
    const QString back = QStringLiteral("Shift+Tab");
    int visible = 0;
    // Up from the message box: the last reply's Copy, Regenerate, its ‹ (2/2), then Question 20's Copy, Edit, Answer
    // 19's Copy, ...
    QCOMPARE(focusAfter(back, &visible), QStringLiteral("copyButton-%1").arg(rows[39]));
    QVERIFY2(visible > 250, qPrintable(QString::number(visible)));  // the ~50 x 20 px button, less its text
    QCOMPARE(focusAfter(times(2, back), &visible), QStringLiteral("regenerateButton-%1").arg(rows[39]));
    QVERIFY2(visible > 500, qPrintable(QString::number(visible)));  // the ~94 x 20 px button, less its text
    QCOMPARE(focusAfter(times(3, back), &visible), QStringLiteral("previousVersionButton-%1").arg(rows[39]));
    QVERIFY2(visible > 200, qPrintable(QString::number(visible)));  // the 22 x 22 px ‹, less the glyph (before: 13)
    QCOMPARE(focusAfter(times(4, back), nullptr), QStringLiteral("copyButton-%1").arg(rows[38]));
    QCOMPARE(focusAfter(times(5, back), nullptr), QStringLiteral("editButton-%1").arg(rows[38]));
    // Past the messages ListView made at start: Question 17 (row 32), scrolled into view.
    QCOMPARE(focusAfter(times(17, back), &visible), QStringLiteral("editButton-%1").arg(rows[32]));
    QVERIFY2(visible > 400, qPrintable(QString::number(visible)));  // the ~48 x 20 px button, less its text
    // All the way up: Question 1, then the header's model button; Tab from there comes back down in order.
    QCOMPARE(focusAfter(times(81, back), &visible), QStringLiteral("editButton-%1").arg(rows[0]));
    QVERIFY2(visible > 400, qPrintable(QString::number(visible)));
    QCOMPARE(focusAfter(times(82, back), nullptr), QStringLiteral("modelButton"));
    QCOMPARE(focusAfter(times(82, back) + QStringLiteral(",Tab,Tab,Tab,Tab,Tab"), nullptr),
             QStringLiteral("editButton-%1").arg(rows[2]));
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
    // Up to Question 17's Edit, back down to the message box (17 controls each way), type "hi" and press Enter.
    const QString keys = times(17, QStringLiteral("Shift+Tab")) + u',' + times(17, QStringLiteral("Tab")) +
                         QStringLiteral(",H,I,Return");
    const Run r = runDesktop({QStringLiteral("--data-dir"), dir.path(), QStringLiteral("--select"), QString::number(id),
                              QStringLiteral("--keys"), keys, QStringLiteral("--screenshot"), png,
                              QStringLiteral("--screenshot-at"), QStringLiteral("12")},
                             180000, false, config.path());
    QVERIFY2(r.exitCode == 0, qPrintable(QStringLiteral("exit %1\nstdout: %2\nstderr: %3").arg(r.exitCode).arg(r.out, r.err)));
    QVERIFY2(r.out.contains(QStringLiteral("\nnewest message in view: yes\n")), qPrintable(r.out));
    rwkv::store::ConversationStore store(QDir(dir.path()).filePath(QStringLiteral("conversations.sqlite")));
    const auto messages = store.messages(id);
    QCOMPARE(messages.size(), seeded + 2);  // "hi" and its reply
    QCOMPARE(messages[seeded].text, QStringLiteral("hi"));
    QCOMPARE(messages[seeded].parent_id, rows[39]);  // sent after the version on screen
    QVERIFY(messages[seeded + 1].finished && !messages[seeded + 1].text.trimmed().isEmpty());
}

// The "⋯" menu's Export… (new-user trial, session 13: Import… was there, Export was only `rwkv-cli export`), with the
// keyboard: Tab x5 to "⋯" (past the preset, New chat, the search field and the row), Space (the menu opens on Rename…), Down to Export…, Return; the save dialog opens in the
// home folder (no Documents folder there) with the title as the file name, its field focused; Tab x2 to its Export button (filter, Export),
// Space. The bundle written imports back. Before the menu item: Down reached "Pin to top", and nothing was written.
void TestKeyboardE2e::exportFromTheConversationMenu() {
    QTemporaryDir dir, config, home;
    QVERIFY(dir.isValid() && config.isValid() && home.isValid());
    const qint64 id = seedKeysConversation(dir.path()).first;
    const QByteArray oldHome = qgetenv("HOME");
    qputenv("HOME", home.path().toUtf8());  // the dialog's folder (StandardPaths.HomeLocation)
    const Run r = runDesktop({QStringLiteral("--data-dir"), dir.path(), QStringLiteral("--select"), QString::number(id),
                              QStringLiteral("--keys"),
                              QStringLiteral("Tab,Tab,Tab,Tab,Tab,Space,Down,Return,Tab,Tab,Space"),
                              QStringLiteral("--screenshot"), dir.filePath(QStringLiteral("export.png"))},
                             180000, false, config.path());
    qputenv("HOME", oldHome);
    QVERIFY2(r.exitCode == 0, qPrintable(QStringLiteral("exit %1\nstdout: %2\nstderr: %3").arg(r.exitCode).arg(r.out, r.err)));
    QFile f(QDir(home.path()).filePath(QStringLiteral("Keys.rwkvchat")));
    QVERIFY2(f.open(QIODevice::ReadOnly), qPrintable(QDir(home.path()).entryList(QDir::Files).join(u' ') + r.out));
    const rwkv::app::ParsedConversation parsed = rwkv::app::parseConversationFile(f.readAll());
    QCOMPARE(parsed.info.title, QStringLiteral("Keys"));
    QCOMPARE(parsed.info.messages, 2);

    // A title cut short with "…" (made from a long first question) gives the name without it: before (new-user trial,
    // session 20, F6) the file was "Keys about a….rwkvchat".
    {
        rwkv::store::ConversationStore store(QDir(dir.path()).filePath(QStringLiteral("conversations.sqlite")));
        store.renameConversation(id, QStringLiteral("Keys about a…"));
    }
    QTemporaryDir config2, home2;  // the dialog as the first time: an empty home folder, no folder remembered
    QVERIFY(config2.isValid() && home2.isValid());
    qputenv("HOME", home2.path().toUtf8());
    const Run cut = runDesktop({QStringLiteral("--data-dir"), dir.path(), QStringLiteral("--select"), QString::number(id),
                                QStringLiteral("--keys"),
                                QStringLiteral("Tab,Tab,Tab,Tab,Tab,Space,Down,Return,Tab,Tab,Space"),
                                QStringLiteral("--screenshot"), dir.filePath(QStringLiteral("export2.png"))},
                               180000, false, config2.path());
    qputenv("HOME", oldHome);
    QVERIFY2(cut.exitCode == 0, qPrintable(QStringLiteral("exit %1\nstdout: %2\nstderr: %3").arg(cut.exitCode).arg(cut.out, cut.err)));
    QVERIFY2(QFileInfo::exists(QDir(home2.path()).filePath(QStringLiteral("Keys about a.rwkvchat"))),
             qPrintable(QDir(home2.path()).entryList(QDir::Files).join(u' ') + cut.out));
}

// Import… and Export… open where a conversation file was imported from or exported to last (Importer.fileFolder, kept
// in the settings; the first time Documents, else home: exportFromTheConversationMenu). Before, Import opened in the
// folder the app was started from and Export always in home (new-user trial, session 19).
void TestKeyboardE2e::fileDialogsOpenWhereTheLastFileWas() {
    QTemporaryDir dir, config, home;
    QVERIFY(dir.isValid() && config.isValid() && home.isValid());
    const QString inbox = dir.filePath(QStringLiteral("inbox"));
    QVERIFY(QDir().mkpath(inbox));
    {
        const QString seed = dir.filePath(QStringLiteral("seed"));
        QVERIFY(QDir().mkpath(seed));
        const qint64 id = seedKeysConversation(seed).first;
        rwkv::store::ConversationStore store(QDir(seed).filePath(QStringLiteral("conversations.sqlite")));
        QFile f(QDir(inbox).filePath(QStringLiteral("keys-in.rwkvchat")));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(rwkv::app::exportBundle(store, id));
    }
    const QByteArray oldHome = qgetenv("HOME");
    qputenv("HOME", home.path().toUtf8());
    const auto restore = qScopeGuard([&] { qputenv("HOME", oldHome); });
    const auto run = [&](const QString& data, const QStringList& extra, const QString& keys) {
        QDir().mkpath(data);
        return runDesktop(QStringList{QStringLiteral("--data-dir"), data} + extra +
                              QStringList{QStringLiteral("--keys"), keys, QStringLiteral("--screenshot"),
                                          QDir(data).filePath(QStringLiteral("dialog.png"))},
                          180000, false, config.path());
    };
    // Imported from inbox at start (--import: what the dialog's Open does), then Export… with the keyboard (Tab x5 to
    // "⋯", Space, Down, Return): the dialog shows inbox with keys-in.rwkvchat focused, so Tab, Tab reach its Export
    // button (past the filter; in an empty folder the name field comes first, as in exportFromTheConversationMenu).
    const Run exported = run(dir.filePath(QStringLiteral("one")),
                             {QStringLiteral("--import"), QDir(inbox).filePath(QStringLiteral("keys-in.rwkvchat"))},
                             QStringLiteral("Tab,Tab,Tab,Tab,Tab,Space,Down,Return,Tab,Tab,Space"));
    QVERIFY2(exported.exitCode == 0, qPrintable(exported.out + exported.err));
    QVERIFY2(QFileInfo::exists(QDir(inbox).filePath(QStringLiteral("Keys.rwkvchat"))),
             qPrintable(QDir(inbox).entryList(QDir::Files).join(u' ') + u'|' +
                        QDir(home.path()).entryList(QDir::Files).join(u' ') + u'\n' + exported.out));
    // The next start, an empty library: Import… (Tab x4: preset, New chat, search field, Import…), Space: the dialog
    // shows inbox again with its first file focused; Return imports it.
    const QString two = dir.filePath(QStringLiteral("two"));
    const Run imported = run(two, {}, QStringLiteral("Tab,Tab,Tab,Tab,Space,Return"));
    QVERIFY2(imported.exitCode == 0, qPrintable(imported.out + imported.err));
    QVERIFY2(imported.out.contains(QStringLiteral("\nwindow title: Keys — RWKV Desktop\n")), qPrintable(imported.out));
    rwkv::store::ConversationStore store(QDir(two).filePath(QStringLiteral("conversations.sqlite")));
    QCOMPARE(store.listConversations().size(), 1);
    QCOMPARE(store.messages(store.listConversations().constFirst().id).size(), 2);
}

// Qt Quick's file dialogs (Import…, Export…; the model button's and the Models page's make the same call): the current
// row's name is readable on its highlight, and the title says Ctrl+L types a path. Before, the row's text was the
// palette's highlightedText, our white, on a 15 % accent tint of the light hover colour (#d1d7ef): contrast 1.43
// (session 20's trial, F4), and nothing named Ctrl+L. Selected text in Export's name field keeps the app's white on
// the accent.
void TestKeyboardE2e::fileDialogsCurrentRowIsReadable() {
    QTemporaryDir dir, config, home;
    QVERIFY(dir.isValid() && config.isValid() && home.isValid());
    const qint64 id = seedKeysConversation(dir.path()).first;
    {
        rwkv::store::ConversationStore store(QDir(dir.path()).filePath(QStringLiteral("conversations.sqlite")));
        for (const QString& name : {QStringLiteral("keys-a.rwkvchat"), QStringLiteral("keys-b.rwkvchat")}) {
            QFile f(QDir(home.path()).filePath(name));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(rwkv::app::exportBundle(store, id));
        }
    }
    const QByteArray oldHome = qgetenv("HOME");
    qputenv("HOME", home.path().toUtf8());  // no Documents: the dialogs open in home, on keys-a.rwkvchat
    const auto restore = qScopeGuard([&] { qputenv("HOME", oldHome); });
    // Import… (Tab x4, Space) from an empty library: keys-a is the current row. Export… (Tab x5 to "⋯", Space, Down,
    // Return) of Keys: no current row, the name field has the focus; Down gives it to the list (keys-a), Down makes
    // keys-a current (highlighted).
    const QString empty = dir.filePath(QStringLiteral("empty"));
    QVERIFY(QDir().mkpath(empty));
    const QList<std::pair<QString, QStringList>> dialogs = {
        {QStringLiteral("import"), {QStringLiteral("--data-dir"), empty, QStringLiteral("--keys"), QStringLiteral("Tab,Tab,Tab,Tab,Space")}},
        {QStringLiteral("export"), {QStringLiteral("--data-dir"), dir.path(), QStringLiteral("--select"), QString::number(id),
                                    QStringLiteral("--keys"), QStringLiteral("Tab,Tab,Tab,Tab,Tab,Space,Down,Return,Down,Down")}}};
    for (const auto& [name, args] : dialogs) {
        const QString png = dir.filePath(QStringLiteral("dialog-%1.png").arg(name));
        const Run r = runDesktop(args + QStringList{QStringLiteral("--screenshot"), png}, 180000, false, config.path());
        QVERIFY2(r.exitCode == 0, qPrintable(QStringLiteral("exit %1\nstdout: %2\nstderr: %3").arg(r.exitCode).arg(r.out, r.err)));
        const QRegularExpressionMatch row =
            QRegularExpression(QStringLiteral("\ndialog row: keys-a\\.rwkvchat: text (#[0-9a-f]{6}) on (#[0-9a-f]{6})\n"))
                .match(r.out);
        QVERIFY2(row.hasMatch(), qPrintable(name + u'\n' + r.out));
        const double ratio = contrastRatio(QColor(row.captured(1)), QColor(row.captured(2)));
        QVERIFY2(ratio >= 4.5, qPrintable(QStringLiteral("%1: %2 on %3, contrast %4")
                                              .arg(name, row.captured(1), row.captured(2)).arg(ratio, 0, 'f', 2)));
        const QString title = name == QStringLiteral("import") ? QStringLiteral("Import a conversation")
                                                               : QStringLiteral("Export a conversation");
        QVERIFY2(r.out.contains(QStringLiteral("\ndialog title: %1   ·   Ctrl+L: type a path\n").arg(title)), qPrintable(r.out));
        if (name == QStringLiteral("export"))  // the app's selection colours: white (Theme.accentText) on the accent
            QVERIFY2(r.out.contains(QStringLiteral("\ndialog name field: selected text #ffffff on #4263eb\n")), qPrintable(r.out));
        if (qEnvironmentVariableIsSet("RWKV_SCREENSHOT_DIR"))
            QFile::copy(png, QDir(qEnvironmentVariable("RWKV_SCREENSHOT_DIR")).filePath(QFileInfo(png).fileName()));
    }
}

// Import…'s Open does what the dialog shows (session 20's trial, F4): the highlighted first row of the folder is the
// chosen file, so Open (reached with Tab past the filter) imports it; on a folder row, Open is disabled and looks it.
// Before, Qt 6.4 selected nothing while its list drew the first row highlighted, and kept Open disabled in the
// enabled colours: "Open, disabled (#1d2129); selected nothing", a click on it did nothing.
void TestKeyboardE2e::openActsOnTheHighlightedFile() {
    QTemporaryDir dir, config, home;
    QVERIFY(dir.isValid() && config.isValid() && home.isValid());
    const QString seed = dir.filePath(QStringLiteral("seed"));
    QVERIFY(QDir().mkpath(seed));
    const qint64 id = seedKeysConversation(seed).first;
    {
        rwkv::store::ConversationStore store(QDir(seed).filePath(QStringLiteral("conversations.sqlite")));
        QFile f(QDir(home.path()).filePath(QStringLiteral("keys-a.rwkvchat")));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(rwkv::app::exportBundle(store, id));
    }
    QVERIFY(QDir(home.path()).mkdir(QStringLiteral("zfolder")));
    const QByteArray oldHome = qgetenv("HOME");
    qputenv("HOME", home.path().toUtf8());  // no Documents: the dialog opens in home, keys-a.rwkvchat first
    const auto restore = qScopeGuard([&] { qputenv("HOME", oldHome); });
    const auto run = [&](const QString& name, const QString& keys) {
        const QString data = dir.filePath(name);
        QDir().mkpath(data);
        return runDesktop({QStringLiteral("--data-dir"), data, QStringLiteral("--keys"), keys, QStringLiteral("--screenshot"),
                           QDir(data).filePath(QStringLiteral("dialog.png"))},
                          180000, false, config.path());
    };
    // Import… (Tab x4, Space) from an empty library, then Tab, Tab (past the filter) and Space on Open.
    const Run opened = run(QStringLiteral("open"), QStringLiteral("Tab,Tab,Tab,Tab,Space,Tab,Tab,Space"));
    QVERIFY2(opened.exitCode == 0, qPrintable(opened.out + opened.err));
    QVERIFY2(opened.out.contains(QStringLiteral("\nwindow title: Keys — RWKV Desktop\n")), qPrintable(opened.out));
    // Down to zfolder: Open is disabled, in the muted colour (Theme.mutedText), not the text's.
    const Run folder = run(QStringLiteral("folder"), QStringLiteral("Tab,Tab,Tab,Tab,Space,Down"));
    QVERIFY2(folder.exitCode == 0, qPrintable(folder.out + folder.err));
    QVERIFY2(folder.out.contains(QStringLiteral("\ndialog accept button: Open, disabled (#6b7280); selected zfolder\n")),
             qPrintable(folder.out));
}

// Export…'s Return saves under the name its File name field shows, and an existing file is replaced only after a
// question (session 22's trial, F11). Before, Qt 6.4's list had its first row focused and Return on it chose that
// file: another conversation's bundle (keys-a.rwkvchat) was written over while the field read "Keys.rwkvchat", and an
// export to an existing name replaced it without a word.
void TestKeyboardE2e::exportReturnSavesTheNameShownAndAsksBeforeReplacing() {
    QTemporaryDir dir, config, home;
    QVERIFY(dir.isValid() && config.isValid() && home.isValid());
    const qint64 id = seedKeysConversation(dir.path()).first;
    const QString other = QDir(home.path()).filePath(QStringLiteral("keys-a.rwkvchat"));
    const QByteArray otherBytes = "another conversation's bundle, kept";
    {
        QFile f(other);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(otherBytes);
    }
    const QByteArray oldHome = qgetenv("HOME");
    qputenv("HOME", home.path().toUtf8());  // no Documents: Export… opens in home, keys-a.rwkvchat its only row
    const auto restore = qScopeGuard([&] { qputenv("HOME", oldHome); });
    const auto readAll = [](const QString& path) {
        QFile f(path);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    };
    // Export… (Tab x5 to "⋯", Space, Down, Return), then Return in the dialog.
    const auto run = [&](const QString& name, const QString& more = {}) {
        return runDesktop({QStringLiteral("--data-dir"), dir.path(), QStringLiteral("--select"), QString::number(id),
                           QStringLiteral("--keys"), QStringLiteral("Tab,Tab,Tab,Tab,Tab,Space,Down,Return,Return") + more,
                           QStringLiteral("--screenshot"), dir.filePath(name)},
                          180000, false, config.path());
    };
    const QString saved = QDir(home.path()).filePath(QStringLiteral("Keys.rwkvchat"));
    const Run first = run(QStringLiteral("export-return.png"));
    QVERIFY2(first.exitCode == 0, qPrintable(first.out + first.err));
    QCOMPARE(readAll(other), otherBytes);  // the highlighted row's file is untouched
    const QByteArray bundle = readAll(saved);
    QVERIFY2(bundle.contains("Hi, how can I help?"), qPrintable(first.out));
    // The same again: Keys.rwkvchat is there now, so the app asks, and nothing is written while it asks.
    QVERIFY(QFile::resize(saved, 10));
    const Run second = run(QStringLiteral("export-replace.png"));
    QVERIFY2(second.exitCode == 0, qPrintable(second.out + second.err));
    QVERIFY2(second.out.contains(QStringLiteral("\nreplace question: A file named “Keys.rwkvchat” is already in this "
                                                "folder. Replacing it overwrites what it holds.\n")),
             qPrintable(second.out));
    QCOMPARE(QFileInfo(saved).size(), qint64(10));
    QCOMPARE(readAll(other), otherBytes);
    // Cancel (it has the focus: Space) goes back to the Export dialog, nothing written; Replace (Tab back to it) writes.
    const Run cancelled = run(QStringLiteral("export-cancel.png"), QStringLiteral(",Space"));
    QVERIFY2(cancelled.exitCode == 0, qPrintable(cancelled.out + cancelled.err));
    QVERIFY2(cancelled.out.contains(QStringLiteral("\ndialog title: Export a conversation")), qPrintable(cancelled.out));
    QCOMPARE(QFileInfo(saved).size(), qint64(10));
    const Run replaced = run(QStringLiteral("export-replaced.png"), QStringLiteral(",Shift+Tab,Space"));
    QVERIFY2(replaced.exitCode == 0, qPrintable(replaced.out + replaced.err));
    QVERIFY2(readAll(saved).contains("Hi, how can I help?"), qPrintable(replaced.out));
    QCOMPARE(readAll(other), otherBytes);
    if (qEnvironmentVariableIsSet("RWKV_SCREENSHOT_DIR"))
        for (const QString& png : {QStringLiteral("export-return.png"), QStringLiteral("export-replace.png"),
                                   QStringLiteral("export-cancel.png"), QStringLiteral("export-replaced.png")})
            QFile::copy(dir.filePath(png), QDir(qEnvironmentVariable("RWKV_SCREENSHOT_DIR")).filePath(png));
}

// Export… opened a second time in a session (after an export) gave its first row the focus: typing a new name went
// nowhere and Return saved the name shown again (session 22's trial). Every opening focuses the File name field, the
// name without its ending selected: "notes" typed and Return write notes.rwkvchat.
void TestKeyboardE2e::exportOpensOnTheNameFieldAgain() {
    QTemporaryDir dir, config, home;
    QVERIFY(dir.isValid() && config.isValid() && home.isValid());
    const qint64 id = seedKeysConversation(dir.path()).first;
    QFile other(QDir(home.path()).filePath(QStringLiteral("keys-a.rwkvchat")));  // a file of the folder: a row
    QVERIFY(other.open(QIODevice::WriteOnly) && other.write("another conversation's bundle") > 0);
    other.close();
    const QByteArray oldHome = qgetenv("HOME");
    qputenv("HOME", home.path().toUtf8());  // no Documents: Export… opens in home
    const auto restore = qScopeGuard([&] { qputenv("HOME", oldHome); });
    const QString open = QStringLiteral("Click:conversationMenuButton,Click:exportMenuItem");
    const Run r = runDesktop({QStringLiteral("--data-dir"), dir.path(), QStringLiteral("--select"), QString::number(id),
                              QStringLiteral("--keys"), open + QStringLiteral(",Return,") + open + QStringLiteral(",n,o,t,e,s,Return"),
                              QStringLiteral("--screenshot"), dir.filePath(QStringLiteral("export-again.png"))},
                             180000, false, config.path());
    QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
    QVERIFY2(QFile::exists(QDir(home.path()).filePath(QStringLiteral("Keys.rwkvchat"))), qPrintable(r.out));
    QFile notes(QDir(home.path()).filePath(QStringLiteral("notes.rwkvchat")));
    QVERIFY2(notes.open(QIODevice::ReadOnly),
             qPrintable(QDir(home.path()).entryList(QDir::Files).join(u' ') + u'\n' + r.out));
    QVERIFY(notes.readAll().contains("Hi, how can I help?"));
}

// The Settings page's folder dialogs (Conversations and Models folders, Change…) have a readable current row and name
// Ctrl+L, as Import… and Export… do (8fb005e). Before, their row was white on #d1d7ef (contrast 1.43) and the title
// plain (session 22; their onVisibleChanged did not call DialogRows.makeReadable). Click:NAME scrolls the page to the
// button first. The dialog opens in the working folder, which holds folders (a temporary one with two here).
void TestKeyboardE2e::settingsFolderDialogsCurrentRowIsReadable() {
    QTemporaryDir dir, config;
    QVERIFY(dir.isValid() && config.isValid());
    QVERIFY(QDir(dir.path()).mkpath(QStringLiteral("folder-a")) && QDir(dir.path()).mkpath(QStringLiteral("folder-b")));
    const QString data = dir.filePath(QStringLiteral("folder-a"));
    const QString oldCwd = QDir::currentPath();
    QVERIFY(QDir::setCurrent(dir.path()));  // the dialogs open here
    const auto restore = qScopeGuard([&] { QDir::setCurrent(oldCwd); });
    for (const QString& button : {QStringLiteral("dataFolderChange"), QStringLiteral("modelsFolderChange")}) {
        const QString png = dir.filePath(button + QStringLiteral(".png"));
        const Run r = runDesktop({QStringLiteral("--data-dir"), data, QStringLiteral("--lang"), QStringLiteral("en"),
                                  QStringLiteral("--open"), QStringLiteral("settings"), QStringLiteral("--keys"),
                                  QStringLiteral("Click:%1,Down").arg(button), QStringLiteral("--screenshot"), png},
                                 180000, false, config.path());
        QVERIFY2(r.exitCode == 0, qPrintable(QStringLiteral("exit %1\nstdout: %2\nstderr: %3").arg(r.exitCode).arg(r.out, r.err)));
        const QRegularExpressionMatch row =
            QRegularExpression(QStringLiteral("\ndialog row: folder-[ab]: text (#[0-9a-f]{6}) on (#[0-9a-f]{6})\n")).match(r.out);
        QVERIFY2(row.hasMatch(), qPrintable(button + u'\n' + r.out));
        const double ratio = contrastRatio(QColor(row.captured(1)), QColor(row.captured(2)));
        QVERIFY2(ratio >= 4.5, qPrintable(QStringLiteral("%1: %2 on %3, contrast %4")
                                              .arg(button, row.captured(1), row.captured(2)).arg(ratio, 0, 'f', 2)));
        QVERIFY2(r.out.contains(QStringLiteral("   ·   Ctrl+L: type a path\n")), qPrintable(r.out));
        if (qEnvironmentVariableIsSet("RWKV_SCREENSHOT_DIR"))
            QFile::copy(png, QDir(qEnvironmentVariable("RWKV_SCREENSHOT_DIR")).filePath(QFileInfo(png).fileName()));
    }
}

// The "⋯" menu opened with the keyboard (Space or Return on the button reached with Tab) starts on its first item,
// which has the focus and is highlighted, as a native menu: Return then renames. Before, no item had the focus until
// Down was pressed ("active focus: " the menu's list, not an item).
void TestKeyboardE2e::conversationMenuOpensOnItsFirstItem() {
    QTemporaryDir dir, config;
    QVERIFY(dir.isValid() && config.isValid());
    const qint64 id = seedKeysConversation(dir.path()).first;
    for (const QString& open : {QStringLiteral("Space"), QStringLiteral("Return")}) {
        const QString png = dir.filePath(QStringLiteral("menu-%1.png").arg(open));
        const Run r = runDesktop({QStringLiteral("--data-dir"), dir.path(), QStringLiteral("--select"), QString::number(id),
                                  QStringLiteral("--keys"), QStringLiteral("Tab,Tab,Tab,Tab,Tab,") + open,
                                  QStringLiteral("--screenshot"), png},
                                 180000, false, config.path());
        QVERIFY2(r.exitCode == 0, qPrintable(QStringLiteral("exit %1\nstdout: %2\nstderr: %3").arg(r.exitCode).arg(r.out, r.err)));
        QVERIFY2(r.out.contains(QStringLiteral("\nactive focus: renameMenuItem\n")), qPrintable(open + u' ' + r.out));
        if (qEnvironmentVariableIsSet("RWKV_SCREENSHOT_DIR"))
            QFile::copy(png, QDir(qEnvironmentVariable("RWKV_SCREENSHOT_DIR")).filePath(QFileInfo(png).fileName()));
    }
    // Down from there is Export…, Down again Pin to top.
    const Run down = runDesktop({QStringLiteral("--data-dir"), dir.path(), QStringLiteral("--select"), QString::number(id),
                                 QStringLiteral("--keys"), QStringLiteral("Tab,Tab,Tab,Tab,Tab,Space,Down,Down"),
                                 QStringLiteral("--screenshot"), dir.filePath(QStringLiteral("down.png"))},
                                180000, false, config.path());
    QVERIFY2(down.out.contains(QStringLiteral("\nactive focus: pinMenuItem\n")), qPrintable(down.out + down.err));
}

// Regenerate or Edit pressed with the keyboard: the turn replaces the message the button was in, and the focus goes to
// the message box. Before, it fell to the message list itself ("active focus: messageList"), where nothing showed it.
void TestKeyboardE2e::regenerateAndEditHandTheFocusToTheMessageBox() {
    QTemporaryDir dir, config;
    QVERIFY(dir.isValid() && config.isValid());
    const auto [id, reply] = seedKeysConversation(dir.path());
    const auto run = [&](const QString& keys) {
        return runDesktop({QStringLiteral("--data-dir"), dir.path(), QStringLiteral("--select"), QString::number(id),
                           QStringLiteral("--keys"), keys, QStringLiteral("--screenshot"),
                           dir.filePath(QStringLiteral("turn.png")), QStringLiteral("--screenshot-at"), QStringLiteral("8")},
                          180000, false, config.path());
    };
    // Shift+Tab past the reply's Copy to its Regenerate, Space: a second reply (2/2), written and shown.
    const Run regenerated = run(QStringLiteral("Shift+Tab,Shift+Tab,Space"));
    QVERIFY2(regenerated.exitCode == 0, qPrintable(regenerated.out + regenerated.err));
    QVERIFY2(regenerated.out.contains(QStringLiteral("\nactive focus: messageInput\n")), qPrintable(regenerated.out));
    {
        rwkv::store::ConversationStore store(QDir(dir.path()).filePath(QStringLiteral("conversations.sqlite")));
        const auto shown = store.messages(id);
        QCOMPARE(shown.size(), 2);
        QVERIFY(shown[1].id != reply && shown[1].finished);
        QCOMPARE(shown[1].sibling_count, 2);
    }
    // Shift+Tab past the reply's Copy, Regenerate and ‹, and Hello's Copy, to Hello's Edit, Space, type "x" over the
    // selected text, Enter: a new version.
    const Run edited = run(QStringLiteral("Shift+Tab,Shift+Tab,Shift+Tab,Shift+Tab,Shift+Tab,Space,X,Return"));
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
    QTemporaryDir dir, config;
    QVERIFY(dir.isValid() && config.isValid());
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
    // The "Keys" conversation open, the seeded database, `extra` options, then --keys `pressed`.
    const auto run = [&](const QStringList& extra, const QString& pressed) {
        for (const char* end : {"", "-wal", "-shm"}) QFile::remove(db + QLatin1String(end));
        QFile::copy(seed, db);
        return runDesktop(QStringList{QStringLiteral("--data-dir"), dir.path(), QStringLiteral("--select"),
                                      QString::number(keys)} + extra +
                              QStringList{QStringLiteral("--keys"), pressed, QStringLiteral("--screenshot"),
                                          dir.filePath(QStringLiteral("walk.png"))},
                          180000, false, config.path());
    };
    // Where each Tab leaves the focus ("after Tab: ..., focus NAME"), from the message box.
    const auto walk = [&](const QStringList& extra) {
        const Run r = run(extra, times(10, QStringLiteral("Tab")));
        QStringList focus;
        for (const QRegularExpressionMatch& m :
             QRegularExpression(QStringLiteral("after Tab: .*, focus (\\S+)\n")).globalMatch(r.out))
            focus << m.captured(1);
        return std::pair{r, focus};
    };
    const QString row = QStringLiteral("conversationRow-%1").arg(other);
    const auto [rows, rowFocus] = walk({});
    QVERIFY2(rows.exitCode == 0, qPrintable(rows.out + rows.err));
    QVERIFY2(rowFocus.contains(row), qPrintable(rowFocus.join(u' ')));
    // Space on it opens "Other".
    const Run opened = run({}, times(int(rowFocus.indexOf(row)) + 1, QStringLiteral("Tab")) + QStringLiteral(",Space"));
    QVERIFY2(opened.out.contains(QStringLiteral("\nwindow title: Other")), qPrintable(opened.out + opened.err));
    // A search hit is reached the same way.
    const QString hit = QStringLiteral("searchResult-%1").arg(otherQuestion);
    const auto [hits, hitFocus] = walk({QStringLiteral("--search"), QStringLiteral("ferry")});
    QVERIFY2(hits.exitCode == 0, qPrintable(hits.out + hits.err));
    QVERIFY2(hitFocus.contains(hit), qPrintable(hitFocus.join(u' ')));
    // From the search field (Ctrl+F): Down moves into the hits, Return opens the one reached.
    const Run down = run({QStringLiteral("--search"), QStringLiteral("ferry")}, QStringLiteral("Ctrl+F,Down"));
    QVERIFY2(down.out.contains(QStringLiteral("\nactive focus: %1\n").arg(hit)), qPrintable(down.out));
    const Run downReturn = run({QStringLiteral("--search"), QStringLiteral("ferry")}, QStringLiteral("Ctrl+F,Down,Return"));
    QVERIFY2(downReturn.out.contains(QStringLiteral("\nwindow title: Other")), qPrintable(downReturn.out));
    // Return in the field, right after typing, opens the first hit.
    const Run typed = run({}, QStringLiteral("Ctrl+F,F,E,R,R,Y,Return"));
    QVERIFY2(typed.out.contains(QStringLiteral("\nwindow title: Other")), qPrintable(typed.out));
    // Nothing searched: Down moves into the conversations (the newest, "Other", first), Up from there back to the field.
    const Run list = run({}, QStringLiteral("Ctrl+F,Down"));
    QVERIFY2(list.out.contains(QStringLiteral("\nactive focus: %1\n").arg(row)), qPrintable(list.out));
    const Run second = run({}, QStringLiteral("Ctrl+F,Down,Down,Return"));
    QVERIFY2(second.out.contains(QStringLiteral("\nactive focus: conversationRow-%1\n").arg(keys)), qPrintable(second.out));
    QVERIFY2(second.out.contains(QStringLiteral("\nwindow title: Keys")), qPrintable(second.out));
    const Run back = run({}, QStringLiteral("Ctrl+F,Down,Down,Up,Up,X"));
    QVERIFY2(back.out.contains(QStringLiteral("\nactive focus: SearchField")), qPrintable(back.out));
}

// Settings or Models opened with the mouse and closed with Esc or its ✕: typing goes to the message box again. Before
// (new-user trial, session 19), the clicked header button kept the focus, unseen (opened by a click it shows no
// frame): the user changed the device, closed Settings, typed a question and lost it ("active focus:
// settingsButton", "message box: 0 characters").
void TestKeyboardE2e::closingAPageGivesTheMessageBoxTheFocus() {
    QTemporaryDir dir, config;
    QVERIFY(dir.isValid() && config.isValid());
    const QStringList pages{QStringLiteral("settings"), QStringLiteral("models")};
    for (const QString& page : pages) {
        for (const QString& close : {QStringLiteral("Esc"), QStringLiteral("Click:%1Header-close").arg(page)}) {
            const QString keys = QStringLiteral("Click:%1Button,%2,X").arg(page, close);
            const Run r = runDesktop({QStringLiteral("--data-dir"), dir.path(), QStringLiteral("--keys"), keys,
                                      QStringLiteral("--screenshot"), dir.filePath(QStringLiteral("closed.png"))},
                                     180000, false, config.path());
            QVERIFY2(r.exitCode == 0, qPrintable(keys + u' ' + r.out + r.err));
            QVERIFY2(r.out.contains(QStringLiteral("\nactive focus: messageInput\n")), qPrintable(keys + u' ' + r.out));
            QVERIFY2(r.out.contains(QStringLiteral("\nmessage box: 1 characters\n")), qPrintable(keys + u' ' + r.out));
        }
    }
}

// Esc while a reply streams behind Settings or Models closes the page and the reply goes on; a second Esc (no page
// open) stops it. Before (new-user trial, session 20, F14) the window's Esc shortcut took the key from the open page:
// the reply behind it stopped ("reply status: Stopped…" at once) and the page stayed open, holding the focus.
void TestKeyboardE2e::escClosesAPageBeforeStoppingTheReply() {
    QTemporaryDir dir, config;
    QVERIFY(dir.isValid() && config.isValid());
    for (const QString& page : {QStringLiteral("settings"), QStringLiteral("models")}) {
        // --reply-pace 40: 512 tokens take ~20 s, the keys ~2 s.
        const QString keys = QStringLiteral("Click:messageInput,H,I,Return,Click:%1Button,Esc,X").arg(page);
        const Run r = runDesktop({QStringLiteral("--data-dir"), dir.path(), QStringLiteral("--reply-pace"),
                                  QStringLiteral("40"), QStringLiteral("--keys"), keys, QStringLiteral("--screenshot"),
                                  dir.filePath(QStringLiteral("esc.png"))},
                                 180000, false, config.path());
        QVERIFY2(r.exitCode == 0, qPrintable(keys + u' ' + r.out + r.err));
        QVERIFY2(!r.out.contains(QStringLiteral("\nreply status: ")), qPrintable(keys + u' ' + r.out));  // not stopped
        QVERIFY2(r.out.contains(QStringLiteral("\nactive focus: messageInput\n")), qPrintable(keys + u' ' + r.out));
        QVERIFY2(r.out.contains(QStringLiteral("\nmessage box: 1 characters\n")), qPrintable(keys + u' ' + r.out));
        if (qEnvironmentVariableIsSet("RWKV_SCREENSHOT_DIR"))
            QFile::copy(dir.filePath(QStringLiteral("esc.png")),
                        QDir(qEnvironmentVariable("RWKV_SCREENSHOT_DIR")).filePath(QStringLiteral("esc-%1.png").arg(page)));
    }
    // No page open: Esc stops the reply.
    const QString keys = QStringLiteral("Click:messageInput,H,I,Return,Esc");
    const Run r = runDesktop({QStringLiteral("--data-dir"), dir.path(), QStringLiteral("--reply-pace"), QStringLiteral("40"),
                              QStringLiteral("--keys"), keys, QStringLiteral("--screenshot"),
                              dir.filePath(QStringLiteral("stop.png"))},
                             180000, false, config.path());
    QVERIFY2(r.exitCode == 0, qPrintable(keys + u' ' + r.out + r.err));
    QVERIFY2(r.out.contains(QStringLiteral("\nreply status: ")), qPrintable(keys + u' ' + r.out));
}

// Stop reached with Tab (the preset, then Stop) while a reply streams, pressed with Space, or Esc while it has the
// focus: the reply stops and the message box has the focus, so what is typed next lands there. Before (session 23's
// trial, T3) the button turned into a disabled Send and the focus fell to the window ("active focus: Main"): "xy" lost.
void TestKeyboardE2e::stopWithTheKeyboardHandsTheFocusToTheMessageBox() {
    QTemporaryDir dir, config;
    QVERIFY(dir.isValid() && config.isValid());
    for (const QString& press : {QStringLiteral("Space"), QStringLiteral("Esc")}) {
        // --reply-pace 30: 512 tokens take ~17 s, the keys ~1.5 s; the screenshot at 6 s, after every key.
        const QString keys = QStringLiteral("Click:messageInput,H,I,Return,Tab,Tab,%1,X,Y").arg(press);
        const Run r = runDesktop({QStringLiteral("--data-dir"), dir.path(), QStringLiteral("--reply-pace"),
                                  QStringLiteral("30"), QStringLiteral("--keys"), keys, QStringLiteral("--screenshot"),
                                  dir.filePath(QStringLiteral("stop.png")), QStringLiteral("--screenshot-at"),
                                  QStringLiteral("6")},
                                 180000, false, config.path());
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
    QTemporaryDir dir, config;
    QVERIFY(dir.isValid() && config.isValid());
    const qint64 id = seedKeysConversation(dir.path()).first;
    // Tab x5 to the row's "⋯", Space opens its menu on Rename…, Return opens the dialog with the title selected.
    for (const QString& blank : {QStringLiteral("Backspace"), QStringLiteral("Backspace,Space,Space")}) {
        const QString keys = QStringLiteral("Tab,Tab,Tab,Tab,Tab,Space,Return,%1,Return").arg(blank);
        const Run r = runDesktop({QStringLiteral("--data-dir"), dir.path(), QStringLiteral("--select"), QString::number(id),
                                  QStringLiteral("--keys"), keys, QStringLiteral("--screenshot"),
                                  dir.filePath(QStringLiteral("rename.png"))},
                                 180000, false, config.path());
        QVERIFY2(r.exitCode == 0, qPrintable(keys + u' ' + r.out + r.err));
        QVERIFY2(r.out.contains(QStringLiteral("\nactive focus: renameTitleField\n")), qPrintable(keys + u' ' + r.out));
        const QRegularExpressionMatch dialog =
            QRegularExpression(QStringLiteral("\nrename dialog: OK (\\w+) \\(text (#\\w+), Cancel's (#\\w+)\\); hint: ([^\n]*)\n"))
                .match(r.out);
        QVERIFY2(dialog.hasMatch(), qPrintable(keys + u' ' + r.out));
        QCOMPARE(dialog.captured(1), QStringLiteral("disabled"));
        QVERIFY2(dialog.captured(2) != dialog.captured(3), qPrintable(dialog.captured(0)));  // OK looks off
        QCOMPARE(dialog.captured(4), QStringLiteral("A conversation needs a title."));
        rwkv::store::ConversationStore store(QDir(dir.path()).filePath(QStringLiteral("conversations.sqlite")));
        QCOMPARE(store.conversation(id).value().title, QStringLiteral("Keys"));
        if (qEnvironmentVariableIsSet("RWKV_SCREENSHOT_DIR"))
            QFile::copy(dir.filePath(QStringLiteral("rename.png")),
                        QDir(qEnvironmentVariable("RWKV_SCREENSHOT_DIR")).filePath(QStringLiteral("rename-empty.png")));
    }
    // A title typed: OK on, no line under the field.
    const QString keys = QStringLiteral("Tab,Tab,Tab,Tab,Tab,Space,Return,X");
    const Run r = runDesktop({QStringLiteral("--data-dir"), dir.path(), QStringLiteral("--select"), QString::number(id),
                              QStringLiteral("--keys"), keys, QStringLiteral("--screenshot"),
                              dir.filePath(QStringLiteral("rename.png"))},
                             180000, false, config.path());
    QVERIFY2(r.exitCode == 0, qPrintable(keys + u' ' + r.out + r.err));
    QVERIFY2(QRegularExpression(QStringLiteral("\nrename dialog: OK enabled \\(text (#\\w+), Cancel's \\1\\); hint: none\n"))
                 .match(r.out)
                 .hasMatch(),
             qPrintable(keys + u' ' + r.out));
}

// Tab or Shift+Tab on the Settings page scrolls the page to the control that gets the focus: "active focus in view:
// yes" (the hook: all of it inside the window and the page's ScrollView). Before (session 24's trial, F8), Tab x12
// reached the Conversations folder's Change… far below the fold and the page stayed at its top ("… in view: no").
// Shift+Tab x3 from the header goes backwards into the page's lower half (the sampling preset box). Tab x4 (a control
// near the top) is in view as before.
void TestKeyboardE2e::settingsPageScrollsToTheKeyboardFocus() {
    QTemporaryDir dir, config;
    QVERIFY(dir.isValid() && config.isValid());
    for (const QString& keys : {times(4, QStringLiteral("Tab")), times(12, QStringLiteral("Tab")),
                                times(3, QStringLiteral("Shift+Tab"))}) {
        const QString png = dir.filePath(QStringLiteral("settings.png"));
        const Run r = runDesktop({QStringLiteral("--data-dir"), dir.path(), QStringLiteral("--lang"), QStringLiteral("en"),
                                  QStringLiteral("--open"), QStringLiteral("settings"), QStringLiteral("--keys"), keys,
                                  QStringLiteral("--screenshot"), png},
                                 180000, false, config.path());
        QVERIFY2(r.exitCode == 0, qPrintable(keys + u' ' + r.out + r.err));
        const QRegularExpressionMatch focus = QRegularExpression(QStringLiteral("\nactive focus: (\\S+)\n")).match(r.out);
        QVERIFY2(focus.hasMatch() && focus.captured(1) != QStringLiteral("messageInput"), qPrintable(keys + u' ' + r.out));
        QVERIFY2(r.out.contains(QStringLiteral("\nactive focus in view: yes\n")), qPrintable(keys + u' ' + r.out));
        if (qEnvironmentVariableIsSet("RWKV_SCREENSHOT_DIR"))
            QFile::copy(png, QDir(qEnvironmentVariable("RWKV_SCREENSHOT_DIR"))
                                 .filePath(QStringLiteral("settings-%1.png").arg(QString(keys).replace(u',', u'-'))));
    }
}

QTEST_GUILESS_MAIN(TestKeyboardE2e)
#include "test_keyboard_e2e.moc"
