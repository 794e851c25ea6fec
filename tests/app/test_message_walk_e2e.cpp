// test_message_walk_e2e.cpp — walking a long conversation with the keyboard in the real rwkv-desktop window (under
// Xvfb, see tests/e2e/desktop_process.h): Shift+Tab up from the message box to the first message, then Tab back down.
// Each step must move the view by about one message, never a page. The --keys test hook prints, after every key,
// "after KEY: top message ROW, contentY Y, focus NAME" (app/gui/screenshot_hook.cpp). App: app/gui/qml/MessageView.qml
// (focusRow, showFocusedItem).
#include <QDir>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

#include "e2e/desktop_process.h"
#include "store/conversation_store.h"

class TestMessageWalkE2e : public QObject {
    Q_OBJECT

private slots:
    void walkingUpAndDownMovesByAMessage();
};

namespace {

/// One "after KEY: …" line of the hook.
struct Step {
    QString key;
    int topRow = 0;  ///< the first message in view
    QString focus;
};

QList<Step> steps(const QString& out) {
    QList<Step> all;
    auto it = QRegularExpression(QStringLiteral("^after (\\S+): top message (-?\\d+), contentY -?\\d+, focus (\\S+)$"),
                                 QRegularExpression::MultilineOption)
                  .globalMatch(out);
    while (it.hasNext()) {
        const QRegularExpressionMatch m = it.next();
        all.append({m.captured(1), m.captured(2).toInt(), m.captured(3)});
    }
    return all;
}

}  // namespace

// A conversation of 20 turns (40 messages, each with three buttons: Edit or Regenerate, New chat from here, then Copy,
// and a reply a fourth after its Regenerate, 3 replies), longer than the window, opened at its end. Shift+Tab x140 from
// the message box walks every message's buttons up to Question 1's Edit, the view at the top; Tab x139 walks back down
// to the last reply's Copy, and one more to the message box. No step moves the
// view by more than 2 messages (the row of the first message in view; a message and its button here: ~90 px, the
// view ~560 px). Before (session 14's MessageView.qml), a message above the view that ListView had not made yet was
// positioned at the view's foot (ListView.End): walking up jumped a page at such steps (7 messages, 612 px).
void TestMessageWalkE2e::walkingUpAndDownMovesByAMessage() {
    QTemporaryDir dir, config;
    QVERIFY(dir.isValid() && config.isValid());
    qint64 id = 0, firstQuestion = 0, lastReply = 0;
    {
        rwkv::store::ConversationStore store(QDir(dir.path()).filePath(QStringLiteral("conversations.sqlite")));
        id = store.createConversation(QStringLiteral("Long"));
        qint64 parent = 0;
        for (int turn = 1; turn <= 20; ++turn) {
            parent = store.addMessage(id, parent, rwkv::store::Role::User, QStringLiteral("Question %1").arg(turn));
            if (turn == 1) firstQuestion = parent;
            parent = store.addMessage(id, parent, rwkv::store::Role::Assistant, QStringLiteral("Answer %1").arg(turn));
        }
        lastReply = parent;
    }
    QStringList keys;
    for (int i = 0; i < 140; ++i) keys << QStringLiteral("Shift+Tab");
    for (int i = 0; i < 140; ++i) keys << QStringLiteral("Tab");
    const rwkv::e2e::DesktopRun r = rwkv::e2e::runDesktop(
        {QStringLiteral("--data-dir"), dir.path(), QStringLiteral("--select"), QString::number(id), QStringLiteral("--keys"),
         keys.join(u','), QStringLiteral("--screenshot"), dir.filePath(QStringLiteral("walk.png"))},
        180000, false, config.path());
    QVERIFY2(r.exitCode == 0, qPrintable(QStringLiteral("exit %1\n%2\n%3").arg(r.exitCode).arg(r.out, r.err)));
    const QList<Step> walk = steps(r.out);
    QCOMPARE(walk.size(), 280);
    QCOMPARE(walk[139].focus, QStringLiteral("editButton-%1").arg(firstQuestion));
    QCOMPARE(walk[139].topRow, 0);  // the view at the top
    QCOMPARE(walk[275].focus, QStringLiteral("regenerateButton-%1").arg(lastReply));
    QCOMPARE(walk[276].focus, QStringLiteral("threeRepliesButton-%1").arg(lastReply));
    QCOMPARE(walk[277].focus, QStringLiteral("forkButton-%1").arg(lastReply));
    QCOMPARE(walk[278].focus, QStringLiteral("copyButton-%1").arg(lastReply));
    QCOMPARE(walk[279].focus, QStringLiteral("messageInput"));  // past the last message, the message box
    QSet<QString> up, down;
    int largest = 0;
    for (int i = 0; i < walk.size(); ++i) {
        if (i < 279) (i < 140 ? up : down).insert(walk[i].focus);
        if (i > 0) largest = std::max(largest, std::abs(walk[i].topRow - walk[i - 1].topRow));
    }
    QCOMPARE(up.size(), 140);  // every message's buttons, each once
    QCOMPARE(down.size(), 139);  // from Question 1's Edit: every other button
    QVERIFY2(largest <= 2, qPrintable(QStringLiteral("a step moved the view by %1 messages:\n%2").arg(largest).arg(r.out)));
}

QTEST_GUILESS_MAIN(TestMessageWalkE2e)
#include "test_message_walk_e2e.moc"
