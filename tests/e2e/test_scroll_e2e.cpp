// test_scroll_e2e.cpp — how the real rwkv-desktop window (under Xvfb, see desktop_process.h) scrolls while a reply
// streams in: it follows the reply when the view was at the newest message, and stays where the user scrolled to read
// otherwise. The --keys test hook types and turns the mouse wheel (WheelUp / WheelDown over the message list) and prints
// "newest message in view: yes|no", "top message in view: ROW" and, a second after each turn of the wheel,
// "top message after WheelUp: ROW". App: app/gui/main.cpp; the view: app/gui/qml/MessageView.qml.
#include <QDir>
#include <QTemporaryDir>
#include <QtTest>

#include "desktop_process.h"
#include "long_conversation.h"

class TestScrollE2e : public QObject {
    Q_OBJECT

private slots:
    void replyIsFollowedAtTheBottom();
    void scrolledUpViewStaysWhileAReplyStreams();
    void sendKeepsTheViewAtTheEnd();
};

namespace {

using Run = rwkv::e2e::DesktopRun;
using rwkv::e2e::hookLine;
using rwkv::e2e::seedLongConversation;
using rwkv::e2e::runDesktop;

/// Types "hi" + Enter in the long conversation, then `more` (keys or wheel turns, may be empty); the window is saved
/// `atS` seconds after start. Returns the run; `reply` gets the stored reply's text.
Run sendHi(const QString& more, int atS, QString* reply) {
    QTemporaryDir dir, config;
    if (!dir.isValid() || !config.isValid()) return {};
    const qint64 id = seedLongConversation(dir.path());
    const QString keys = QStringLiteral("H,I,Return") + (more.isEmpty() ? QString() : u',' + more);
    Run r = runDesktop({QStringLiteral("--data-dir"), dir.path(), QStringLiteral("--select"), QString::number(id),
                        QStringLiteral("--keys"), keys, QStringLiteral("--screenshot"),
                        dir.filePath(QStringLiteral("scroll.png")), QStringLiteral("--screenshot-at"), QString::number(atS),
                        QStringLiteral("--reply-pace"), QStringLiteral("20")},
                       180000, false, config.path());
    const auto messages =
        rwkv::store::ConversationStore(QDir(dir.path()).filePath(QStringLiteral("conversations.sqlite"))).messages(id);
    if (!messages.isEmpty()) *reply = messages.last().text;
    if (qEnvironmentVariableIsSet("RWKV_SCREENSHOT_DIR"))  // to look at (docs/testing.md)
        QFile::copy(dir.filePath(QStringLiteral("scroll.png")),
                    QDir(qEnvironmentVariable("RWKV_SCREENSHOT_DIR")).filePath(QStringLiteral("scroll-%1.png").arg(more.size())));
    return r;
}

}  // namespace

// A reply streaming (--reply-pace 20: a 20 ms pause after each piece, 512 tokens take ~10 s) while the view is at the
// newest message stays in view, also after the user wheeled up to read (3 notches) and back down to it (8 notches: the
// reply grew meanwhile). The window is saved 7 s after start, while the reply streams (512 tokens at 20 ms apart
// take over 10 s from the Send): at 5 s, on a busy machine (load ~8 on 2 cores), the stored reply was 90-odd
// characters, short of the check below, in 2 of 10 runs (session 17).
void TestScrollE2e::replyIsFollowedAtTheBottom() {
    for (const QString& scroll : {QString(), QStringLiteral("WheelUp,WheelUp,WheelUp,WheelDown,WheelDown,WheelDown,WheelDown,WheelDown,WheelDown,WheelDown,WheelDown")}) {
        QString reply;
        const Run r = sendHi(scroll, 7, &reply);
        QVERIFY2(r.exitCode == 0, qPrintable(QStringLiteral("exit %1\nstdout: %2\nstderr: %3").arg(r.exitCode).arg(r.out, r.err)));
        QVERIFY2(!r.out.contains(QStringLiteral("reply status:")), qPrintable(r.out));  // saved while it streams
        QVERIFY2(reply.size() > 100, qPrintable(reply));  // more than the view's last lines (the 2 s checkpoint)
        QCOMPARE(hookLine(r.out, QStringLiteral("newest message in view")), QStringLiteral("yes"));
    }
}

// Scrolled up while a reply streams (the wheel turned 5 notches, or the scroll bar's handle dragged 150 px), the view
// stays where the user put it: the message at its top a second after the scroll is still there when the window is
// saved, the reply growing out of sight below. Before, a drag of the scroll bar left following on (it is no movement of
// the list's own), so the next piece of the reply pulled the view back down ("newest message in view: yes"). The line
// after each turn is read once the list has stopped moving: until session 53 the hook waited a second while the reply
// streamed, and on a loaded box the wheel's flick went on past it (the last turn's line read mid-flick failed once).
void TestScrollE2e::scrolledUpViewStaysWhileAReplyStreams() {
    for (const QString& scroll : {QStringLiteral("WheelUp,WheelUp,WheelUp,WheelUp,WheelUp"), QStringLiteral("ScrollBarUp")}) {
        QString reply;
        const Run r = sendHi(scroll, 5, &reply);
        QVERIFY2(r.exitCode == 0, qPrintable(QStringLiteral("exit %1\nstdout: %2\nstderr: %3").arg(r.exitCode).arg(r.out, r.err)));
        QVERIFY2(!r.out.contains(QStringLiteral("reply status:")), qPrintable(r.out));
        QVERIFY2(hookLine(r.out, QStringLiteral("newest message in view")) == QStringLiteral("no"), qPrintable(r.out));
        const QString name = scroll.section(u',', -1);
        // Read at rest after each turn or drag: under load a wheel's flick outlasted the second the hook waited while
        // the reply streamed, and the view read then was not the one saved (session 53).
        QVERIFY2(r.out.contains(QStringLiteral("\nlist moving after %1: no\n").arg(name)) &&
                     !r.out.contains(QStringLiteral("\nlist moving after %1: yes\n").arg(name)),
                 qPrintable(r.out));
        const QString placed = hookLine(r.out, QStringLiteral("top message after ") + name);
        QVERIFY2(placed.toInt() > 0, qPrintable(r.out));
        // With the app's output: which turn of the wheel read what, should the view have moved.
        const QString shown = hookLine(r.out, QStringLiteral("top message in view"));
        QVERIFY2(shown == placed, qPrintable(QStringLiteral("top message %1 when saved, %2 a second after the %3\n%4")
                                                 .arg(shown, placed, name, r.out)));
    }
}

// A Send in the long conversation shown at its end: no frame from the Return to the capture (the reply streaming)
// shows an older part of the conversation — the hook's "newest message out of view after Return: N frames". Before
// session 16 the turn's start reloaded the branch (a model reset): the ListView laid out from the conversation's top
// and was put back at the end a moment later, so frames of the top were drawn in between, on a busy machine for 150 ms
// and more (session 15: two busy loops beside the app); test_scroll_e2e's other cases failed when a wheel turn fell
// into that moment. MessageView.qml shows the messages through StableRows (rows appended, no reset).
void TestScrollE2e::sendKeepsTheViewAtTheEnd() {
    QString reply;
    const Run r = sendHi(QStringLiteral("F12,F12,F12,F12,F12,F12,F12,F12"), 4, &reply);
    QVERIFY2(r.exitCode == 0, qPrintable(QStringLiteral("exit %1\nstdout: %2\nstderr: %3").arg(r.exitCode).arg(r.out, r.err)));
    QVERIFY2(!r.out.contains(QStringLiteral("reply status:")), qPrintable(r.out));  // saved while it streams
    const QString away = hookLine(r.out, QStringLiteral("newest message out of view after Return"));
    QVERIFY2(away.startsWith(QStringLiteral("0 frames,")), qPrintable(away));
    QCOMPARE(hookLine(r.out, QStringLiteral("newest message in view")), QStringLiteral("yes"));
}

QTEST_GUILESS_MAIN(TestScrollE2e)
#include "test_scroll_e2e.moc"
