// test_trash_keyboard_e2e.cpp — the real rwkv-desktop window's trash dialog (under Xvfb, see desktop_process.h) used
// with the keyboard: walked with Tab and Shift+Tab, its buttons pressed with Return and Space, closed with Esc; Empty
// trash looks off in an empty trash; an error raised while it is open shows in it, one from before stays out. The
// --keys test hook presses the keys and prints the focus ("after KEY: …, focus NAME") and the dialog's buttons and
// banner ("trash button:", "trash dialog banner:"). Split from test_keyboard_e2e.cpp (the chat window's keyboard
// focus). App: app/gui/main.cpp.
#include <QDir>
#include <QFile>
#include <QImage>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTimer>
#include <QtTest>

#include "app/other_program.h"
#include "desktop_process.h"
#include "keys_conversation.h"
#include "store/conversation_store.h"

#include <algorithm>
#include <cstdlib>

class TestTrashKeyboardE2e : public QObject {
    Q_OBJECT

private slots:
    void trashDialogIsWalkedWithTheKeyboard();
    void emptyTrashLooksOffInAnEmptyTrash();
    void errorRaisedInTheTrashShowsInIt();
    void errorFromBeforeStaysOutOfTheTrash();
};

namespace {

using Run = rwkv::e2e::DesktopRun;
using rwkv::e2e::runDesktop;
using Folders = rwkv::e2e::StartFolders;
using rwkv::e2e::runDesktopsAtOnce;
using rwkv::e2e::focusAfterEachKey;
using rwkv::e2e::seedKeysConversation;
using rwkv::e2e::times;

/// The "Keys" conversation and two in the trash ("Old plans", "Older plans") in the database of `dataDir`; returns the
/// trashed ones' ids as the trash dialog lists them (the last deleted first).
QList<qint64> seedTrash(const QString& dataDir) {
    seedKeysConversation(dataDir);
    rwkv::store::ConversationStore store(QDir(dataDir).filePath(QStringLiteral("conversations.sqlite")));
    for (const QString& title : {QStringLiteral("Old plans"), QStringLiteral("Older plans")})
        store.deleteConversation(store.createConversation(title));
    QList<qint64> ids;
    for (const rwkv::store::Conversation& c : store.listTrash()) ids << c.id;
    return ids;
}

}  // namespace

// The trash dialog without a mouse (session 27's trial): opened, its first Restore has the focus; Tab and Shift+Tab walk
// each row's Restore and Delete forever, Empty trash and Close, round the dialog; Return and Space press the focused
// button (the row that takes the pressed one's place then has the focus, or Close once the trash is empty) and Esc
// closes it. Before, the focus stayed on the Trash button behind the modal dialog: Tab walked the window under it
// (Import…, then the header) and Esc did nothing.
void TestTrashKeyboardE2e::trashDialogIsWalkedWithTheKeyboard() {
    const Folders dir, pressed;  // the two starts side by side, each with the same trash
    QVERIFY(dir.isValid() && pressed.isValid());
    const QList<qint64> trashed = seedTrash(dir.path());
    QCOMPARE(trashed.size(), 2);
    QCOMPARE(seedTrash(pressed.path()), trashed);
    const QString restore = QStringLiteral("restoreButton-"), deleteForever = QStringLiteral("deleteForeverButton-");
    const QString first = QString::number(trashed[0]), second = QString::number(trashed[1]);
    const QString walk = QStringLiteral("Click:trashButton,") + times(6, QStringLiteral("Tab")) + QStringLiteral(",Shift+Tab");
    const QString png = dir.filePath(QStringLiteral("trash.png"));
    // The second start: Return on the first row's Delete forever, Space on the Restore that takes its place, Esc.
    const QString press = QStringLiteral("Click:trashButton,Tab,Return,Space,Esc");
    const QList<Run> runs = runDesktopsAtOnce(
        {dir.start({QStringLiteral("--data-dir"), dir.path(), QStringLiteral("--lang"), QStringLiteral("en"),
                    QStringLiteral("--keys"), walk, QStringLiteral("--screenshot"), png}),
         pressed.start({QStringLiteral("--data-dir"), pressed.path(), QStringLiteral("--lang"), QStringLiteral("en"),
                        QStringLiteral("--keys"), press, QStringLiteral("--screenshot"),
                        pressed.filePath(QStringLiteral("trash.png"))})});
    Run r = runs[0];
    QVERIFY2(r.exitCode == 0, qPrintable(walk + u' ' + r.out + r.err));
    QCOMPARE(focusAfterEachKey(r.out),
             (QStringList{deleteForever + first, restore + second, deleteForever + second, QStringLiteral("emptyTrashButton"),
                          QStringLiteral("trashCloseButton"), restore + first, QStringLiteral("trashCloseButton")}));
    QVERIFY2(r.out.contains(QStringLiteral("\nactive focus in view: yes\n")), qPrintable(r.out));
    if (qEnvironmentVariableIsSet("RWKV_SCREENSHOT_DIR"))
        QFile::copy(png, QDir(qEnvironmentVariable("RWKV_SCREENSHOT_DIR")).filePath(QStringLiteral("trash-keys.png")));

    r = runs[1];
    QVERIFY2(r.exitCode == 0, qPrintable(press + u' ' + r.out + r.err));
    const QStringList focus = focusAfterEachKey(r.out);
    QCOMPARE(focus.size(), 4);
    QCOMPARE(focus.mid(0, 3), (QStringList{deleteForever + first, restore + second, QStringLiteral("trashCloseButton")}));
    QVERIFY2(focus[3] == QStringLiteral("messageInput"), qPrintable(r.out));  // closed: typing goes to the message box
    rwkv::store::ConversationStore store(QDir(pressed.path()).filePath(QStringLiteral("conversations.sqlite")));
    QVERIFY(!store.conversation(trashed[0]));  // deleted forever
    QCOMPARE(store.conversation(trashed[1]).value().deleted_at, 0);  // restored
    QVERIFY(store.listTrash().isEmpty());
}

// Empty trash in an empty trash is off and looks it (session 32's trial, dark theme: the muted text alone on the same
// background looked like Close). The screenshot's text contrast in its rectangle (the largest grey-level difference
// from the button's corner) is under 40 % of Close's; before, 61 % (#9aa1ad against #e6e8ec on #2d3139).
void TestTrashKeyboardE2e::emptyTrashLooksOffInAnEmptyTrash() {
    QTemporaryDir dir, config;
    QVERIFY(dir.isValid() && config.isValid());
    QCOMPARE(seedTrash(dir.path()).size(), 2);
    // Delete forever (Return) the first, Restore (Space) the other: the dialog stays open on an empty trash.
    const QString png = dir.filePath(QStringLiteral("empty-trash.png"));
    const Run r = runDesktop({QStringLiteral("--data-dir"), dir.path(), QStringLiteral("--lang"), QStringLiteral("en"),
                              QStringLiteral("--set"), QStringLiteral("theme=dark"), QStringLiteral("--keys"),
                              QStringLiteral("Click:trashButton,Tab,Return,Space"), QStringLiteral("--screenshot"), png},
                             180000, false, config.path());
    QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
    const QImage image(png);
    QVERIFY(!image.isNull());
    // The largest grey-level difference in button `name`'s rectangle from its corner's (the hook's "trash button:").
    const auto contrast = [&](const QString& name, const QString& state) {
        const QRegularExpressionMatch m =
            QRegularExpression(QStringLiteral("\ntrash button: %1 (\\d+),(\\d+) (\\d+)x(\\d+) (on|off)\n").arg(name))
                .match(r.out);
        if (!m.hasMatch() || m.captured(5) != state) return -1;
        const QRect at(m.captured(1).toInt(), m.captured(2).toInt(), m.captured(3).toInt(), m.captured(4).toInt());
        const int corner = qGray(image.pixel(at.left() + 2, at.top() + 2));
        int most = 0;
        for (int y = at.top(); y <= at.bottom(); ++y)
            for (int x = at.left(); x <= at.right(); ++x) most = std::max(most, std::abs(qGray(image.pixel(x, y)) - corner));
        return most;
    };
    const int off = contrast(QStringLiteral("emptyTrashButton"), QStringLiteral("off"));
    const int close = contrast(QStringLiteral("trashCloseButton"), QStringLiteral("on"));
    QVERIFY2(off >= 0 && close > 0, qPrintable(r.out));
    QVERIFY2(off < close * 0.4, qPrintable(QStringLiteral("Empty trash %1, Close %2").arg(off).arg(close)));
    if (qEnvironmentVariableIsSet("RWKV_SCREENSHOT_DIR"))
        QFile::copy(png, QDir(qEnvironmentVariable("RWKV_SCREENSHOT_DIR")).filePath(QStringLiteral("empty-trash-dark.png")));
}

// An error raised while the trash dialog is open shows in it: Restore refused under another program's write lock
// (an sqlite3 shell, a backup) says so at the dialog's top, over everything (the hook's "trash dialog banner:" line
// and its colours in the screenshot). Before, the window's banner said it under the modal dialog, half covered and
// dimmed, until the dialog was closed (session 27's trial). The lock is taken once the app has opened the database
// (it refuses to start under one): when it has marked the chat it opened (--select) as used; 3 s of keys follow
// before Space.
void TestTrashKeyboardE2e::errorRaisedInTheTrashShowsInIt() {
    QTemporaryDir dir, config;
    QVERIFY(dir.isValid() && config.isValid());
    const QList<qint64> trashed = seedTrash(dir.path());
    QCOMPARE(trashed.size(), 2);
    const QString db = QDir(dir.path()).filePath(QStringLiteral("conversations.sqlite"));
    const auto lastUse = [&db]() -> qint64 {  // of the chat shown at start, "Keys"
        try {
            rwkv::store::ConversationStore store(db, rwkv::store::ConversationStore::OpenMode::ReadOnly);
            return store.listConversations().value(0).last_used_at;
        } catch (const std::exception&) {  // being written: asked again at the next tick
            return 0;
        }
    };
    const qint64 usedBefore = lastUse();
    const qint64 keysChat = rwkv::store::ConversationStore(db).listConversations().value(0).id;
    OtherProgram other(dir);
    bool held = false;
    QTimer poll;
    connect(&poll, &QTimer::timeout, this, [&] {
        if (!held && lastUse() > usedBefore) held = other.begin(true);
    });
    poll.start(20);
    const QString keys = QStringLiteral("Click:trashButton,") + times(10, QStringLiteral("Tab,Shift+Tab")) +
                         QStringLiteral(",Space");
    const QString png = dir.filePath(QStringLiteral("trash-banner.png"));
    const Run r = runDesktop({QStringLiteral("--data-dir"), dir.path(), QStringLiteral("--lang"), QStringLiteral("en"),
                              QStringLiteral("--select"), QString::number(keysChat), QStringLiteral("--keys"), keys,
                              QStringLiteral("--screenshot"), png},
                             180000, true, config.path());
    poll.stop();
    QVERIFY2(held, "no lock was taken while the app ran");
    QVERIFY(other.commit());
    QVERIFY2(r.exitCode == 0, qPrintable(keys + u' ' + r.out + r.err));
    QVERIFY2(focusAfterEachKey(r.out).value(20) == QStringLiteral("restoreButton-%1").arg(trashed[0]), qPrintable(r.out.right(1200)));  // kept
    const QRegularExpressionMatch banner =
        QRegularExpression(QStringLiteral("\ntrash dialog banner: (\\d+),(\\d+) (\\d+)x(\\d+) ([^\n]*)\n")).match(r.out);
    QVERIFY2(banner.hasMatch(), qPrintable(r.out));
    QVERIFY2(banner.captured(5).startsWith(QStringLiteral("Could not restore the conversation: The conversation database "
                                                          "\u2068%1\u2069 is locked by another program")
                                               .arg(db)),
             qPrintable(banner.captured(5)));
    // In sight, not dimmed: most of its area has the banner's own background (Theme.dangerBackground, #fff0f0).
    const QImage image(png);
    const QRect area(banner.captured(1).toInt(), banner.captured(2).toInt(), banner.captured(3).toInt(),
                     banner.captured(4).toInt());
    QVERIFY2(QRect(QPoint(0, 0), image.size()).contains(area) && area.height() > 20, qPrintable(banner.captured(0)));
    int background = 0;
    for (int y = area.top(); y <= area.bottom(); ++y)
        for (int x = area.left(); x <= area.right(); ++x) background += (image.pixel(x, y) & 0xffffff) == 0xfff0f0;
    QVERIFY2(background > area.width() * area.height() / 2, qPrintable(QString::number(background)));
    QCOMPARE(rwkv::store::ConversationStore(db).listTrash().size(), 2);  // nothing restored
    if (qEnvironmentVariableIsSet("RWKV_SCREENSHOT_DIR"))
        QFile::copy(png, QDir(qEnvironmentVariable("RWKV_SCREENSHOT_DIR")).filePath(QStringLiteral("trash-banner.png")));
}

// Session 36's trial: the trash dialog repeated an error shown before it opened ("--download: there is no model …"),
// which is not about the trash. Here a start model that is missing: the window's banner says so, the dialog (open: its
// Empty trash is printed) does not; an error raised while it is open still shows there (errorRaisedInTheTrashShowsInIt).
void TestTrashKeyboardE2e::errorFromBeforeStaysOutOfTheTrash() {
    QTemporaryDir dir, config;
    QVERIFY(dir.isValid() && config.isValid());
    QCOMPARE(seedTrash(dir.path()).size(), 2);
    const Run r = runDesktop({QStringLiteral("--data-dir"), dir.path(), QStringLiteral("--lang"), QStringLiteral("en"),
                              QStringLiteral("--model"), dir.filePath(QStringLiteral("missing.pth")), QStringLiteral("--keys"),
                              QStringLiteral("Click:trashButton"), QStringLiteral("--screenshot"),
                              dir.filePath(QStringLiteral("trash.png"))},
                             180000, false, config.path());
    QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
    const QRegularExpressionMatch banner = QRegularExpression(QStringLiteral("\nerror banner: ([^\n]*)\n")).match(r.out);
    QVERIFY2(banner.hasMatch() && banner.captured(1).contains(QStringLiteral("missing.pth")), qPrintable(r.out));
    QVERIFY2(r.out.contains(QStringLiteral("\ntrash button: emptyTrashButton ")), qPrintable(r.out));  // the dialog is open
    QVERIFY2(!r.out.contains(QStringLiteral("trash dialog banner:")), qPrintable(r.out));
    if (qEnvironmentVariableIsSet("RWKV_SCREENSHOT_DIR"))
        QFile::copy(dir.filePath(QStringLiteral("trash.png")),
                    QDir(qEnvironmentVariable("RWKV_SCREENSHOT_DIR")).filePath(QStringLiteral("trash-no-old-banner.png")));
}

QTEST_GUILESS_MAIN(TestTrashKeyboardE2e)
#include "test_trash_keyboard_e2e.moc"
