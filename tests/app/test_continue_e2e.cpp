// test_continue_e2e.cpp — Continue under a cut reply of the real rwkv-desktop window (Xvfb, see
// tests/e2e/desktop_process.h): offered only under the last reply shown when it was cut off (the length limit here) —
// not under an earlier cut reply, nor under one that ended by itself —, reached with the keyboard after Regenerate,
// and a click writes a second version (‹ 2/2 ›) whose text is the cut one's followed by new words, the cut one kept;
// a kill -9 while it writes leaves the cut one as it was, and the killed version goes on again (rwkv-cli --continue).
// App: app/gui/qml/MessageActions.qml, ChatController::continueReply, ChatSession::continueReply.
#include <QDir>
#include <QElapsedTimer>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

#include "e2e/desktop_process.h"
#include "store/conversation_store.h"

using rwkv::store::ConversationStore;
using rwkv::store::ReplyEnd;
using rwkv::store::Role;

class TestContinueE2e : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void offeredOnlyUnderTheLastCutReply();
    void reachedWithTheKeyboardAfterRegenerate();
    void aClickWritesASecondVersionWithTheWholeText();
    void theFirstReplyContinuedSaysSo();
    void killedMidContinueKeepsTheCutVersionAndGoesOnAgain();

private:
    QString db() const { return QDir(dir_.path()).filePath(QStringLiteral("conversations.sqlite")); }
    rwkv::e2e::DesktopRun run(qint64 conversation, const QString& keys, const char* png) const {
        return rwkv::e2e::runDesktop({QStringLiteral("--data-dir"), dir_.path(), QStringLiteral("--lang"),
                                      QStringLiteral("en"), QStringLiteral("--select"), QString::number(conversation),
                                      QStringLiteral("--keys"), keys, QStringLiteral("--screenshot"),
                                      QDir(dir_.path()).filePath(QLatin1String(png))},
                                     180000, false, config_.path());
    }

    QTemporaryDir dir_, config_;
    qint64 story_ = 0, earlierCut_ = 0, lastCut_ = 0, whole_ = 0, wholeReply_ = 0, first_ = 0, firstCut_ = 0;
    const QString kCut = QStringLiteral("The cat sat on the warm");
};

namespace {

using rwkv::e2e::hookValue;

/// A question and its reply with `text`, ended as `end`, after `parent`: the reply's id.
qint64 turn(ConversationStore& store, qint64 conversation, qint64 parent, const QString& text, ReplyEnd end) {
    const auto [question, reply] = store.beginTurn(conversation, parent, QStringLiteral("Tell me a story"));
    store.saveTurnResult(conversation, reply, text, 6, {}, {}, {}, true, end);
    return reply;
}


}  // namespace

void TestContinueE2e::initTestCase() {
    QVERIFY(dir_.isValid() && config_.isValid());
    ConversationStore store(db());
    story_ = store.createConversation(QStringLiteral("Story"));
    earlierCut_ = turn(store, story_, 0, QStringLiteral("Once upon a time"), ReplyEnd::LengthLimit);
    lastCut_ = turn(store, story_, earlierCut_, kCut, ReplyEnd::LengthLimit);
    whole_ = store.createConversation(QStringLiteral("Whole"));
    wholeReply_ = turn(store, whole_, 0, QStringLiteral("A whole answer."), ReplyEnd::ByItself);
    first_ = store.createConversation(QStringLiteral("First"));
    firstCut_ = turn(store, first_, 0, QStringLiteral("Once upon a time"), ReplyEnd::Stopped);
}

void TestContinueE2e::offeredOnlyUnderTheLastCutReply() {
    for (const auto& [conversation, reply] : {std::pair{story_, earlierCut_}, std::pair{whole_, wholeReply_}}) {
        const rwkv::e2e::DesktopRun r =
            run(conversation, QStringLiteral("Click:continueButton-%1").arg(reply), "none.png");
        QVERIFY2(r.exitCode != 0 && (r.out + r.err).contains(QStringLiteral("no such item in view")),
                 qPrintable(r.out + r.err));
    }
    QCOMPARE(ConversationStore(db()).allMessages(story_).size(), 4);  // nothing was written
}

// Shift+Tab from the message box: the last reply's Copy, its New chat from here, then Continue (after Regenerate and 3
// replies in the row, as on screen).
void TestContinueE2e::reachedWithTheKeyboardAfterRegenerate() {
    const rwkv::e2e::DesktopRun r = run(story_, QStringLiteral("Shift+Tab,Shift+Tab,Shift+Tab"), "keys.png");
    QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
    QCOMPARE(hookValue(r.out, QStringLiteral("active focus")), QStringLiteral("continueButton-%1").arg(lastCut_));
    const rwkv::e2e::DesktopRun back =
        run(story_, QStringLiteral("Shift+Tab,Shift+Tab,Shift+Tab,Shift+Tab,Shift+Tab"), "keys.png");
    QVERIFY2(back.exitCode == 0, qPrintable(back.out + back.err));
    QCOMPARE(hookValue(back.out, QStringLiteral("active focus")), QStringLiteral("regenerateButton-%1").arg(lastCut_));
}

void TestContinueE2e::aClickWritesASecondVersionWithTheWholeText() {
    // The window is saved once the new version is stored whole (finished, longer than the cut text).
    const auto continued = [this] {
        const QList<rwkv::store::Message> all = ConversationStore(db()).allMessages(story_);
        return all.size() == 5 && all.back().finished && all.back().text.size() > kCut.size();
    };
    const rwkv::e2e::DesktopRun r = rwkv::e2e::runDesktopUntil(
        {QStringLiteral("--data-dir"), dir_.path(), QStringLiteral("--lang"), QStringLiteral("en"),
         QStringLiteral("--select"), QString::number(story_), QStringLiteral("--keys"),
         QStringLiteral("Click:continueButton-%1").arg(lastCut_), QStringLiteral("--screenshot"),
         QDir(dir_.path()).filePath(QStringLiteral("continued.png")), QStringLiteral("--screenshot-at"),
         QStringLiteral("60")},
        continued, 180000, config_.path());
    QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
    ConversationStore store(db());
    const QList<rwkv::store::Message> messages = store.allMessages(story_);
    QCOMPARE(messages.size(), 5);
    const rwkv::store::Message& added = messages.back();
    QCOMPARE(added.role, Role::Assistant);
    QCOMPARE(added.parent_id, store.message(lastCut_)->parent_id);  // a version of the cut reply
    QVERIFY2(added.text.startsWith(kCut) && added.text.size() > kCut.size(), qPrintable(added.text));
    QVERIFY(added.finished);
    const QList<rwkv::store::Message> branch = store.branch(added.id);
    QCOMPARE(branch.back().sibling_index, 2);
    QCOMPARE(branch.back().sibling_count, 2);
    QCOMPARE(store.message(lastCut_)->text, kCut);  // the cut one is kept as it was
    QCOMPARE(store.message(lastCut_)->end, ReplyEnd::LengthLimit);
    // The window shows the new version, whole (the cut text and the new words), as the last of 4 rows.
    QVERIFY2(r.out.contains(QStringLiteral("| 3: ") + added.text.left(60)), qPrintable(r.out));
    QVERIFY2(r.out.contains(QStringLiteral("(%1 of %1 characters)\n").arg(added.text.size())), qPrintable(r.out));
}

// The chat's only reply continued: its question is read from the start, as for Regenerate, and the status line says
// what was read ("new conversation" before, as for a first message).
void TestContinueE2e::theFirstReplyContinuedSaysSo() {
    const auto continued = [this] { return ConversationStore(db()).allMessages(first_).size() == 3; };
    const rwkv::e2e::DesktopRun r = rwkv::e2e::runDesktopUntil(
        {QStringLiteral("--data-dir"), dir_.path(), QStringLiteral("--lang"), QStringLiteral("en"),
         QStringLiteral("--select"), QString::number(first_), QStringLiteral("--keys"),
         QStringLiteral("Click:continueButton-%1,Wait:500").arg(firstCut_), QStringLiteral("--screenshot"),
         QDir(dir_.path()).filePath(QStringLiteral("first.png")), QStringLiteral("--screenshot-at"), QStringLiteral("60")},
        continued, 180000, config_.path());
    QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
    const QString status = hookValue(r.out, QStringLiteral("reply status"));
    QVERIFY2(status.startsWith(QStringLiteral("the first reply continued, read ")), qPrintable(status));
}

// A kill -9 while Continue writes (the app SIGKILLed once the new version's first words are checkpointed): the cut
// version is as it was, the new one holds its last checkpoint (the cut text and some new words), unfinished; and that
// one, the branch the app opens, goes on again from its saved text (`rwkv-cli chat --continue`, the crash case).
void TestContinueE2e::killedMidContinueKeepsTheCutVersionAndGoesOnAgain() {
    QTemporaryDir dir, config;
    QVERIFY(dir.isValid() && config.isValid());
    const QString path = QDir(dir.path()).filePath(QStringLiteral("conversations.sqlite"));
    qint64 conv = 0, cut = 0;
    {
        ConversationStore store(path);
        conv = store.createConversation(QStringLiteral("Killed"));
        cut = turn(store, conv, 0, kCut, ReplyEnd::LengthLimit);
    }
    rwkv::e2e::DesktopProcess app;
    QProcessEnvironment env = rwkv::e2e::desktopEnvironment(config.path());
    rwkv::e2e::startDesktop(app, env,  // 50 ms a token: the demo model's 512 take 25 s, the kill comes first
                            {QStringLiteral("--data-dir"), dir.path(), QStringLiteral("--select"), QString::number(conv),
                             QStringLiteral("--reply-pace"), QStringLiteral("50"), QStringLiteral("--keys"),
                             QStringLiteral("Click:continueButton-%1").arg(cut), QStringLiteral("--screenshot"),
                             dir.filePath(QStringLiteral("killed.png")), QStringLiteral("--screenshot-at"),
                             QStringLiteral("120")});
    QVERIFY(app.waitForStarted(10000));
    const auto newVersion = [&]() -> std::optional<rwkv::store::Message> {
        try {
            const QList<rwkv::store::Message> all = ConversationStore(path).allMessages(conv);
            if (all.size() == 3 && all.back().text.size() > kCut.size()) return all.back();
        } catch (const std::exception&) {  // the app holds its writer a moment: asked again
        }
        return std::nullopt;
    };
    QElapsedTimer clock;
    clock.start();
    while (!newVersion() && app.state() != QProcess::NotRunning && clock.elapsed() < 120000) QTest::qWait(100);
    const bool wasWriting = app.state() != QProcess::NotRunning;
    rwkv::e2e::stopDesktop(app);  // SIGKILL to the app itself, as a crash
    QVERIFY2(wasWriting && newVersion(), "the app ended before its first checkpoint: the test proves nothing");
    const rwkv::store::Message killed = *newVersion();
    QVERIFY(!killed.finished);
    QVERIFY2(killed.text.startsWith(kCut), qPrintable(killed.text));
    {
        ConversationStore store(path);
        const std::optional<rwkv::store::Message> kept = store.message(cut);
        QCOMPARE(kept->text, kCut);  // untouched
        QVERIFY(kept->finished);
        QCOMPARE(kept->end, ReplyEnd::LengthLimit);
        QCOMPARE(kept->token_count, qint64(6));
    }
    QProcess cli;
    cli.setProcessEnvironment(env);
    cli.start(QStringLiteral(RWKV_CLI_BIN),
              {QStringLiteral("chat"), QStringLiteral("--db"), path, QStringLiteral("--model"),
               QStringLiteral(RWKV_TESTDATA_DIR "/tiny-rwkv7-834K.pth"), QStringLiteral("--conversation"),
               QString::number(conv), QStringLiteral("--continue"), QStringLiteral("--max-tokens"), QStringLiteral("8"),
               QStringLiteral("--seed"), QStringLiteral("3")});
    QVERIFY(cli.waitForFinished(120000));
    QVERIFY2(cli.exitCode() == 0, cli.readAllStandardError().constData());
    ConversationStore store(path);
    const QList<rwkv::store::Message> all = store.allMessages(conv);
    QCOMPARE(all.size(), 4);  // a third version: the killed one's text, then more
    QVERIFY2(all.back().text.startsWith(killed.text) && all.back().text.size() > killed.text.size(),
             qPrintable(all.back().text));
    QCOMPARE(store.message(killed.id)->text, killed.text);
}

QTEST_MAIN(TestContinueE2e)
#include "test_continue_e2e.moc"
