// test_api_wait_e2e.cpp — the real rwkv-desktop window (Xvfb, see tests/e2e/desktop_process.h) asked for a Regenerate
// or an Edit while a Local API request holds the model (one reply at a time, shared with the chats): the window says
// the turn waits — the status line and the chat's sidebar row, which said "Writing a reply…" before session 52 — and a
// kill -9 during the wait keeps the edited question, drawn after the restart with its reply cut (before, nothing
// was stored until the request ended, and the kill lost the edit). The request: a streamed chat completion of 100,000
// tokens, paced by --reply-pace, sent by this test. App: ChatController::commitWaitingTurn
// (chat_controller_waiting.cpp), app/gui/qml/ConversationDelegate.qml. Controller-level: test_actions_during_api.
#include <QDir>
#include <QFile>
#include <QElapsedTimer>
#include <QProcess>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QtTest>

#include <functional>
#include <optional>

#include "e2e/desktop_process.h"
#include "long_api_request.h"
#include "store/conversation_store.h"

using rwkv::store::ConversationStore;
using rwkv::store::Message;
using rwkv::store::ReplyEnd;
using rwkv::store::Role;

class TestApiWaitE2e : public QObject {
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void windowSaysTheRegenerateWaits();
    void killedWhileAnEditWaitsKeepsTheEditedQuestion();
    void killedWhileARegenerateWaitsOpensAsBefore();

private:
    QString db() const { return dir_->filePath(QStringLiteral("conversations.sqlite")); }
    /// Starts the app on the chat with `keys`, the Local API on a free port, every reply paced 20 ms a piece.
    void start(const QString& keys);
    /// Sends the long streamed request again and again (503 while the model loads) until it writes: it then holds the
    /// model for good (100,000 tokens at 20 ms), until this test drops it. False when it never began (60 s).
    bool beginLongApiRequest();
    /// The chat's messages once `done` holds for them (read again every 100 ms, at most 120 s, while the app runs).
    std::optional<QList<Message>> waitForRows(const std::function<bool(const QList<Message>&)>& done);
    // The file whose making lets the app's key script (WaitFile:) go on.
    QString goFile() const { return dir_->filePath(QStringLiteral("go")); }
    /// Starts the app with `keys` held until goFile() is made (WaitFile:), begins the long request, makes the file once
    /// it writes, and returns the chat's messages once there are `count` of them, while the request still holds the
    /// model; nullopt when the request never began, the file could not be made or the rows never came.
    std::optional<QList<Message>> actWhileTheRequestWrites(const QString& keys, int count);
    /// The app started again on the chat (no request now), run until its screenshot `again.png`.
    rwkv::e2e::DesktopRun startAgain() const;

    std::optional<QTemporaryDir> dir_, config_;
    rwkv::e2e::DesktopProcess app_;
    quint16 port_ = 0;
    qint64 conv_ = 0, question_ = 0, reply_ = 0;
    rwkv::test::LongApiRequest request_;
};

void TestApiWaitE2e::init() {
    dir_.emplace();
    config_.emplace();
    QVERIFY(dir_->isValid() && config_->isValid());
    ConversationStore store(db());
    conv_ = store.createConversation(QStringLiteral("Story"));
    std::tie(question_, reply_) = store.beginTurn(conv_, 0, QStringLiteral("Tell me a story"));
    store.saveTurnResult(conv_, reply_, QStringLiteral("The cat sat on the warm"), 6, {}, {}, {}, true,
                         ReplyEnd::LengthLimit);
    QTcpServer probe;  // a port free now, for the app's server
    QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
    port_ = probe.serverPort();
}

void TestApiWaitE2e::cleanup() {
    request_.abort();
    rwkv::e2e::stopDesktop(app_);
}

void TestApiWaitE2e::start(const QString& keys) {
    rwkv::e2e::startDesktop(
        app_, rwkv::e2e::desktopEnvironment(config_->path()),
        {QStringLiteral("--data-dir"), dir_->path(), QStringLiteral("--lang"), QStringLiteral("en"),
         QStringLiteral("--select"), QString::number(conv_), QStringLiteral("--api-port"), QString::number(port_),
         QStringLiteral("--reply-pace"), QStringLiteral("20"), QStringLiteral("--keys"), keys,
         QStringLiteral("--screenshot"), dir_->filePath(QStringLiteral("waiting.png")),
         QStringLiteral("--screenshot-at"), QStringLiteral("300")});
    QVERIFY(app_.waitForStarted(10000));
}

bool TestApiWaitE2e::beginLongApiRequest() {
    QElapsedTimer clock;
    clock.start();
    while (clock.elapsed() < 60000 && app_.state() != QProcess::NotRunning) {
        request_.post(port_);
        QElapsedTimer asked;
        asked.start();
        while (!request_.finished() && !request_.writing() && asked.elapsed() < 10000) QTest::qWait(20);
        if (request_.writing()) return true;  // its role, then text: it is being written
        request_.abort();  // refused (the model loads: 503) or not listening yet: asked again
        QTest::qWait(100);
    }
    return false;
}

std::optional<QList<Message>> TestApiWaitE2e::actWhileTheRequestWrites(const QString& keys, int count) {
    start(QStringLiteral("WaitFile:%1,%2").arg(goFile(), keys));
    if (!beginLongApiRequest() || !QFile(goFile()).open(QIODevice::WriteOnly)) return std::nullopt;  // the keys go on
    auto rows = waitForRows([count](const QList<Message>& r) { return r.size() == count; });
    if (!rows || !request_.active() || request_.finished()) return std::nullopt;  // not stored while the request held it
    return rows;
}

rwkv::e2e::DesktopRun TestApiWaitE2e::startAgain() const {
    return rwkv::e2e::runDesktop(
        {QStringLiteral("--data-dir"), dir_->path(), QStringLiteral("--lang"), QStringLiteral("en"),
         QStringLiteral("--select"), QString::number(conv_), QStringLiteral("--screenshot"),
         dir_->filePath(QStringLiteral("again.png"))},
        180000, false, config_->path());
}

std::optional<QList<Message>> TestApiWaitE2e::waitForRows(const std::function<bool(const QList<Message>&)>& done) {
    QElapsedTimer clock;
    clock.start();
    while (clock.elapsed() < 120000 && app_.state() != QProcess::NotRunning) {
        try {
            const QList<Message> rows = ConversationStore(db()).allMessages(conv_);
            if (done(rows)) return rows;
        } catch (const std::exception&) {  // the app holds its writer a moment: asked again
        }
        QTest::qWait(100);
    }
    return std::nullopt;
}

// A Regenerate clicked once the request writes (the key script waits for the test's file, WaitFile:): its empty
// version is stored at once, and the window, saved then, says it waits in the status line and on the chat's sidebar row.
void TestApiWaitE2e::windowSaysTheRegenerateWaits() {
    const auto rows = actWhileTheRequestWrites(QStringLiteral("Click:regenerateButton-%1").arg(reply_), 3);
    QVERIFY2(rows, "no new version was stored while the request wrote");
    QCOMPARE(rows->at(2).role, Role::Assistant);
    QCOMPARE(rows->at(2).parent_id, question_);
    QVERIFY2(rows->at(2).text.isEmpty(), "the version was written: the click came before the request");
    QVERIFY(rwkv::e2e::captureNow(app_));
    QVERIFY(app_.waitForFinished(60000));
    const QString out = QString::fromUtf8(app_.readAllStandardOutput());
    QCOMPARE(rwkv::e2e::hookValue(out, QStringLiteral("reply status text")),
             QStringLiteral("Waiting for a Local API request to finish…"));
    QCOMPARE(rwkv::e2e::hookValue(out, QStringLiteral("send button")), QStringLiteral("Stop, enabled"));
    QCOMPARE(rwkv::e2e::hookValue(out, QStringLiteral("message texts drawn")),
             QStringLiteral("0: Tell me a story (15 of 15 characters) | 1:  (0 of 0 characters)"));  // the new version
    QCOMPARE(rwkv::e2e::hookValue(out, QStringLiteral("writing in the sidebar")),
             QStringLiteral("conversationRow-%1 Waiting for the Local API…").arg(conv_));
}

// An Edit sent while the request writes (WaitFile: as above): the new question is stored at once with its
// empty reply; the app SIGKILLed then (a crash) keeps them, and the next start draws the question (version 2/2) and
// its reply as one killed before its first word.
void TestApiWaitE2e::killedWhileAnEditWaitsKeepsTheEditedQuestion() {
    const auto rows =
        actWhileTheRequestWrites(QStringLiteral("Click:editButton-%1,Shift+W,h,y,Return").arg(question_), 4);
    QVERIFY2(rows, "the edited question was not stored while the request wrote");
    rwkv::e2e::stopDesktop(app_);  // SIGKILL to the app itself, as a crash
    const QList<Message> kept = ConversationStore(db()).allMessages(conv_);
    QCOMPARE(kept.size(), 4);
    QCOMPARE(kept.at(2).role, Role::User);
    QCOMPARE(kept.at(2).text, QStringLiteral("Why"));
    QCOMPARE(kept.at(2).parent_id, qint64(0));  // a new version of the first question
    QCOMPARE(kept.at(3).parent_id, kept.at(2).id);
    QVERIFY2(kept.at(3).text.isEmpty(), "the reply was written: the edit came before the request");
    QVERIFY(!kept.at(3).finished);
    QCOMPARE(kept.at(1).text, QStringLiteral("The cat sat on the warm"));  // the old version untouched

    // Started again (no request now), the chat opens on the edited version.
    const rwkv::e2e::DesktopRun again = startAgain();
    QVERIFY2(again.exitCode == 0, qPrintable(again.err));
    // The question, then its reply as a reply killed before its first word reads (a Send's as well).
    const QString drawn = rwkv::e2e::hookValue(again.out, QStringLiteral("message texts drawn"));
    QVERIFY2(drawn.startsWith(
                 QStringLiteral("0: Why (3 of 3 characters) | 1: No reply: it ended before its first word")),
             qPrintable(drawn));
    QCOMPARE(rwkv::e2e::hookValue(again.out, QStringLiteral("versions drawn")), QStringLiteral("0: 2/2"));
}

// A Regenerate clicked while the request writes, the app SIGKILLed while it waits: its empty version was stored, and
// the next start deletes it (ChatController::discardVersionsNeverBegun), the chat as before the click. It opened on an
// empty "No reply" version 2/2 before (session 52's trial).
void TestApiWaitE2e::killedWhileARegenerateWaitsOpensAsBefore() {
    const auto rows = actWhileTheRequestWrites(QStringLiteral("Click:regenerateButton-%1").arg(reply_), 3);
    QVERIFY2(rows, "no new version was stored while the request wrote");
    rwkv::e2e::stopDesktop(app_);  // SIGKILL to the app itself, as a crash
    QCOMPARE(ConversationStore(db()).allMessages(conv_).size(), 3);  // the empty version, as the kill left it

    const rwkv::e2e::DesktopRun again = startAgain();
    QVERIFY2(again.exitCode == 0, qPrintable(again.err));
    QCOMPARE(rwkv::e2e::hookValue(again.out, QStringLiteral("message texts drawn")),
             QStringLiteral("0: Tell me a story (15 of 15 characters) | 1: The cat sat on the warm (23 of 23 "
                            "characters)"));
    QVERIFY2(!rwkv::e2e::hookValue(again.out, QStringLiteral("versions drawn")).contains(QLatin1Char('/')),
             qPrintable(rwkv::e2e::hookValue(again.out, QStringLiteral("versions drawn"))));
    const QList<Message> kept = ConversationStore(db()).allMessages(conv_);
    QCOMPARE(kept.size(), 2);
    QCOMPARE(kept.at(1).id, reply_);
    if (const QString keep = qEnvironmentVariable("RWKV_SCREENSHOT_DIR"); !keep.isEmpty())  // as keepScreenshot
        QFile::copy(dir_->filePath(QStringLiteral("again.png")),
                    QDir(keep).filePath(QStringLiteral("regenerate-killed-while-waiting.png")));
}

QTEST_MAIN(TestApiWaitE2e)
#include "test_api_wait_e2e.moc"
