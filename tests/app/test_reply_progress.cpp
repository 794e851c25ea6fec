// test_reply_progress.cpp — what the window shows around a reply: the prefill progress (Chat.prefillProgress) and
// its Cancel during prefill with the real tiny RWKV-7 on the worker thread, and the per-reply readouts (time to first
// token, tok/s, tokens) from TurnReadouts, both with a fake clock and wired to a real turn.
// Code: app/core/chat_controller.*, app/core/turn_readouts.*
#include <QRegularExpression>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTranslator>
#include <QtTest>

#include <memory>
#include <mutex>

#include "chat_controller.h"
#include "inference_worker.h"
#include "store/conversation_store.h"
#include "turn_readouts.h"
#include "worker_gate.h"

using namespace rwkv::app;

namespace {

/// The last row of `m` is an empty reply stopped before its first word, as the window shows it: unfinished, ReplyEnd
/// Stopped (MessageBubble: "No reply: you stopped it …"; before session 39: "… (stopped, failed or cut off)").
void checkLastReplyStoppedBeforeItsFirstWord(const rwkv::app::MessageModel* m) {
    const QModelIndex last = m->index(m->rowCount() - 1);
    QCOMPARE(m->data(last, rwkv::app::MessageModel::TextRole).toString(), QString());
    QCOMPARE(m->data(last, rwkv::app::MessageModel::StatusRole).toInt(),
             int(rwkv::app::MessageModel::Status::Interrupted));
    QCOMPARE(m->data(last, rwkv::app::MessageModel::ReplyEndRole).toInt(),
             int(rwkv::app::MessageModel::ReplyEnd::Stopped));
}

}  // namespace

class TestReplyProgress : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { QLocale::setDefault(QLocale::c()); }
    void init();
    void cleanup();
    void prefillProgressFollowsTheWorker();
    void cancelDuringPrefillKeepsTheConversationUsable();
    void rereadShowsItsProgressInTokensAndStops();
    void rereadShowsItsRateAndTimeLeft();
    void rereadCountsAreInTheLanguagesNumberFormat();
    void promptShowsItsRateAndTimeLeft();
    void readoutsFromSignals();
    void readoutsOfARealTurn();
    void promptReadIsLogged();
    void statusAndReadoutsFollowALanguageSwitch();
    void rereadWhyFollowsALanguageSwitch();
    void statusLineGoesWithAnotherVersion();
    void statusLineGoesWithItsChat();
    void regenerateStoppedBeforeItsFirstWordShowsTheReplyItWasToReplace();
    void loadFailureBannerFollowsALanguageSwitch();
    void statusLineSaysTooLittleDiskSpace_data();
    void statusLineSaysTooLittleDiskSpace();
    void freshReadOfAnOldChatIsNotANewConversation();

private:
    void loadDemoModel();
    static ChatParams greedy(int maxTokens);
    void waitForReply();
    void replyToHello(TurnReadouts& readouts, int maxTokens, rwkv::store::Message* reply);

    std::unique_ptr<rwkv::store::ConversationStore> store_;
    std::unique_ptr<InferenceWorker> worker_;
    std::unique_ptr<ChatController> chat_;
};

void TestReplyProgress::init() {
    store_ = std::make_unique<rwkv::store::ConversationStore>(QStringLiteral(":memory:"));
    worker_ = std::make_unique<InferenceWorker>(*store_, QStringLiteral(RWKV_TESTDATA_DIR));
    chat_ = std::make_unique<ChatController>(*store_, *worker_);
}

void TestReplyProgress::cleanup() {
    chat_.reset();
    worker_.reset();
    store_.reset();
}

void TestReplyProgress::loadDemoModel() {
    QSignalSpy loaded(chat_.get(), &ChatController::modelLoadFinished);
    chat_->loadModel(QStringLiteral(RWKV_TESTDATA_DIR "/tiny-rwkv7-834K.pth"));
    QVERIFY(loaded.wait(20000));
    QCOMPARE(loaded.takeFirst().at(0).toBool(), true);
}

/// Greedy replies (temperature 0) of at most `maxTokens` tokens.
ChatParams TestReplyProgress::greedy(int maxTokens) {
    ChatParams p;
    p.sampler.temperature = 0;
    p.maxTokens = maxTokens;
    return p;
}

void TestReplyProgress::waitForReply() {
    QSignalSpy done(chat_.get(), &ChatController::replyCompleted);
    QVERIFY(done.wait(60000));
    QCOMPARE(done.takeFirst().at(0).toBool(), true);
}

/// A real turn seen by `readouts`: the demo model loaded, "Hello" sent in a new conversation, a greedy reply of at most
/// `maxTokens` tokens written; returns once the readouts have the reply's finished measurement (they get the worker's
/// signal after the controller did, both queued). `reply` is the reply as the store saved it. Callers check
/// QTest::currentTestFailed() after it.
void TestReplyProgress::replyToHello(TurnReadouts& readouts, int maxTokens, rwkv::store::Message* reply) {
    readouts.wire(*chat_, *worker_);
    loadDemoModel();
    if (QTest::currentTestFailed()) return;
    chat_->setParams(greedy(maxTokens));
    QVERIFY(chat_->send(QStringLiteral("Hello")));
    waitForReply();
    if (QTest::currentTestFailed()) return;
    *reply = store_->messages(chat_->currentConversationId()).at(1);
    QTRY_VERIFY(readouts.readout(reply->id).has_value() && readouts.readout(reply->id)->finished);
}

// The worker reports (done, total) per prefill chunk; the controller turns it into a share while the prompt is
// being read and -1 (no bar) once it is read.
void TestReplyProgress::prefillProgressFollowsTheWorker() {
    QCOMPARE(chat_->prefillProgress(), -1.0);
    QSignalSpy changed(chat_.get(), &ChatController::prefillProgressChanged);
    emit worker_->prefillProgress(1, 256, 1024);  // queued to the controller, as from the worker thread
    QTRY_COMPARE(chat_->prefillProgress(), 0.25);
    emit worker_->prefillProgress(1, 768, 1024);
    QTRY_COMPARE(chat_->prefillProgress(), 0.75);
    emit worker_->prefillProgress(1, 1024, 1024);
    QTRY_COMPARE(chat_->prefillProgress(), -1.0);
    QCOMPARE(changed.count(), 3);
}

// Cancel (= Stop) while the prompt is read: no reply, no state, and the next message starts cleanly.
void TestReplyProgress::cancelDuringPrefillKeepsTheConversationUsable() {
    loadDemoModel();
    chat_->setParams(greedy(8));
    const QString longPrompt = QStringLiteral("Please read this carefully. ").repeated(120);  // ~3,400 byte tokens
    QSignalSpy done(chat_.get(), &ChatController::replyCompleted);
    WorkerGate gate(*worker_);  // the turn begins after Stop (worker_gate.h)
    QVERIFY(chat_->send(longPrompt));
    chat_->stop();  // before the turn begins: the engine sees the flag at the first prefill chunk
    gate.open();
    QVERIFY(done.wait(60000));
    QCOMPARE(done.takeFirst().at(0).toBool(), true);
    QCOMPARE(chat_->replyStatus(), QStringLiteral("Stopped before the reply began"));
    checkLastReplyStoppedBeforeItsFirstWord(chat_->messages());
    if (QTest::currentTestFailed()) return;
    QCOMPARE(chat_->prefillProgress(), -1.0);
    QCOMPARE(chat_->composerState(), ChatController::ComposerState::Ready);
    const qint64 id = chat_->currentConversationId();
    const auto messages = store_->messages(id);
    QCOMPARE(messages.size(), 2);
    QVERIFY(!messages[1].finished);
    QCOMPARE(chat_->messages()->data(chat_->messages()->index(1), MessageModel::StatusRole).toInt(),
             int(MessageModel::Status::Interrupted));

    QVERIFY(chat_->send(QStringLiteral("Hello")));
    waitForReply();
    // Nothing of the cancelled turn was kept as context: the next reply reads the chat from its start, the question
    // left unanswered with it (said so since session 48, not "new conversation": the chat holds that question).
    QVERIFY2(chat_->replyStatus().startsWith(QStringLiteral("read from the start, ")) &&
                 chat_->replyStatus().contains(QStringLiteral("also read the unanswered question")),
             qPrintable(chat_->replyStatus()));
    QVERIFY(store_->messages(id).constLast().finished);
}

// A conversation read again before the new turn (no state saved for this model and device: after a device switch)
// shows its progress at once, in tokens ("Reading the conversation… 0 / N tokens"), piece by piece, and Stop ends it
// within a piece. Before, nothing until the first 256-token chunk was read (~21 s of 47 on llvmpipe: only "Thinking…")
// and Stop waited as long (new-user trial, session 19). --reply-pace's pause after each piece stands in for the slow
// device; rereadStepMs = 1 asks for the smallest pieces (16 tokens).
void TestReplyProgress::rereadShowsItsProgressInTokensAndStops() {
    loadDemoModel();
    using rwkv::store::Role;
    const qint64 id = store_->createConversation(QStringLiteral("Harbour"));
    qint64 parent = 0;
    for (int i = 1; i <= 3; ++i) {  // ~600 byte tokens, no saved state: read again from the start
        parent = store_->addMessage(id, parent, Role::User,
                                    QStringLiteral("Question %1: ").arg(i) + QStringLiteral("where is the harbour? ").repeated(6));
        parent = store_->addMessage(id, parent, Role::Assistant,
                                    QStringLiteral("Answer %1: ").arg(i) + QStringLiteral("down the hill, past the mill. ").repeated(6));
    }
    chat_->refreshConversations();
    chat_->selectConversation(id);
    ChatParams p = greedy(4);
    p.rereadStepMs = 1;
    chat_->setParams(p);
    chat_->setReplyPace(40);
    static const QRegularExpression tokens(QStringLiteral(
        "^Reading the conversation… (\\d+) / (\\d+) tokens(?: · [\\d.]+ tok/s · about \\d+ (?:s|min) left)?$"));
    QList<qint64> done;  // the conversation's tokens read, as each change shows them
    qint64 historyTokens = 0;
    QStringList texts;
    bool stopAt48 = true;
    const auto conn = connect(chat_.get(), &ChatController::prefillProgressChanged, this, [&] {
        texts << chat_->prefillText();
        const QRegularExpressionMatch m = tokens.match(texts.constLast());
        if (!m.hasMatch()) return;
        done << m.captured(1).toLongLong();
        historyTokens = m.captured(2).toLongLong();
        if (stopAt48 && done.constLast() >= 48) {
            stopAt48 = false;
            chat_->stop();
        }
    });

    // Stopped: the re-read ends a few pieces after Stop (each 40 ms here; 12 leave the GUI thread ~0.5 s to react on a
    // busy machine), below the 256 tokens it read before its first report until now; no reply, nothing saved.
    QStringList statuses;
    connect(chat_.get(), &ChatController::replyStatusChanged, this, [&] { statuses << chat_->replyStatus(); });
    QSignalSpy completed(chat_.get(), &ChatController::replyCompleted);
    QVERIFY(chat_->send(QStringLiteral("And the mill?")));
    QVERIFY(completed.wait(60000));
    QVERIFY2(!texts.isEmpty() && texts.constFirst().startsWith(QStringLiteral("Reading the conversation… 0 / ")),
             qPrintable(texts.join(u'|')));
    QVERIFY2(historyTokens > 500, qPrintable(texts.join(u'|')));
    // The status line says the same from the start: "Thinking…" only until the worker takes the turn.
    QVERIFY2(statuses.size() >= 2 && statuses[0] == QStringLiteral("Thinking…") && statuses[1] == texts.constFirst(),
             qPrintable(statuses.join(u'|')));
    QVERIFY2(done.constLast() >= 48 && done.constLast() <= 48 + 12 * 16, qPrintable(texts.join(u'|')));
    QCOMPARE(chat_->replyStatus(), QStringLiteral("Stopped before the reply began"));
    checkLastReplyStoppedBeforeItsFirstWord(chat_->messages());
    if (QTest::currentTestFailed()) return;
    QCOMPARE(chat_->prefillProgress(), -1.0);
    QCOMPARE(chat_->prefillText(), QString());
    QVERIFY(store_->snapshots(id).isEmpty());

    // Sent again: the whole conversation is read in 16-token pieces, shown as they go (the worker sends at most one
    // report per 30 ms: the first piece's may be folded into the second's), then the reply is written.
    texts.clear();
    done.clear();
    QVERIFY(chat_->send(QStringLiteral("And the mill?")));
    QVERIFY(completed.wait(60000));
    disconnect(conn);
    QCOMPARE(completed.constLast().at(0).toBool(), true);
    QVERIFY2(done.size() >= 2 && done.constFirst() == 0 && done.constLast() == historyTokens, qPrintable(texts.join(u'|')));
    for (qsizetype i = 1; i < done.size(); ++i)
        QVERIFY2(done[i] > done[i - 1] && done[i] - done[i - 1] <= 32, qPrintable(texts.join(u'|')));
    // The re-read and its why first, the speed (also under the reply) last: a line too long for the room is cut at its
    // end, and the why was what was cut (session 36's trial: "… (the saved state was damaged; nothing w…").
    QVERIFY2(chat_->replyStatus().startsWith(QStringLiteral("re-read ")) &&
                 chat_->replyStatus().endsWith(QStringLiteral(" tok/s")),
             qPrintable(chat_->replyStatus()));
    QVERIFY(!store_->snapshots(id).isEmpty());
}

// The re-read's bar and status line give its rate and the time left at that rate once it has read for 0.5 s (a fake
// clock here; the worker's signals as it sends them). Before (session 32's trial), only "120 / 580 tokens": on a slow
// device the user could not tell a minute's wait from an hour's.
void TestReplyProgress::rereadShowsItsRateAndTimeLeft() {
    qint64 now = 50000;
    chat_->setClock([&now] { return now; });
    const auto progress = [this](qint64 done) {
        emit worker_->prefillProgress(1, done, 6040);
        QCoreApplication::processEvents();  // the controller's connection is queued (the worker's thread)
        return chat_->prefillText();
    };
    emit worker_->rereading(1, 6000, 6040);
    QCoreApplication::processEvents();
    QCOMPARE(chat_->prefillText(), QStringLiteral("Reading the conversation… 0 / 6000 tokens"));
    now += 400;  // too soon for a rate: one piece's timing would swing the time left
    QCOMPARE(progress(16), QStringLiteral("Reading the conversation… 16 / 6000 tokens"));
    now += 1600;  // 2 s, 100 tokens: 50 tok/s, 5,900 left: 118 s, said in minutes
    QCOMPARE(progress(100), QStringLiteral("Reading the conversation… 100 / 6000 tokens · 50.0 tok/s · about 2 min left"));
    QCOMPARE(chat_->replyStatus(), chat_->prefillText());  // the status line says the same
    now += 98000;  // 100 s, 5,000 tokens: 50 tok/s, 1,000 left: 20 s
    QCOMPARE(progress(5000), QStringLiteral("Reading the conversation… 5000 / 6000 tokens · 50.0 tok/s · about 20 s left"));
    now += 7000;  // 107 s, 5,963 tokens: 55.7 tok/s, 37 left: 0.66 s, rounded up
    QCOMPARE(progress(5963), QStringLiteral("Reading the conversation… 5963 / 6000 tokens · 55.7 tok/s · about 1 s left"));
    QCOMPARE(progress(6010), QStringLiteral("Reading the prompt… 25%"));  // the new message: its own share, no rate
    // A new re-read starts its own count: no rate from the one before.
    emit worker_->rereading(1, 600, 640);
    QCoreApplication::processEvents();
    QCOMPARE(chat_->prefillText(), QStringLiteral("Reading the conversation… 0 / 600 tokens"));
    // Past 90 minutes, whole hours: a 20,000-message chat said "about 430 min left" (session 52's trial).
    const auto longRead = [&](qint64 tokens) {
        emit worker_->rereading(1, tokens, tokens + 40);
        QCoreApplication::processEvents();
        now += 10000;  // 10 s, 400 tokens: 40 tok/s
        emit worker_->prefillProgress(1, 400, tokens + 40);
        QCoreApplication::processEvents();
        return chat_->prefillText().section(QStringLiteral(" · "), 1);
    };
    QCOMPARE(longRead(1000000), QStringLiteral("40.0 tok/s · about 7 h left"));  // 999,600 left: 24,990 s, 6.9 h
    QCOMPARE(longRead(216400), QStringLiteral("40.0 tok/s · about 90 min left"));  // 216,000 left: 5,400 s
    QCOMPARE(longRead(216440), QStringLiteral("40.0 tok/s · about 2 h left"));     // 1 s more: 91 min, 1.5 h
}

// The re-read's counts are in the language's number format, as its rate and the status line after the reply: "5000 /
// 6000 tokens · 1,234.5 tok/s" mixed the two (session 52's trial; test_status_numbers for the status line).
void TestReplyProgress::rereadCountsAreInTheLanguagesNumberFormat() {
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    const auto cLocale = qScopeGuard([] { QLocale::setDefault(QLocale::c()); });
    qint64 now = 50000;
    chat_->setClock([&now] { return now; });
    emit worker_->rereading(1, 60000, 60040);
    QCoreApplication::processEvents();  // the controller's connection is queued (the worker's thread)
    QCOMPARE(chat_->prefillText(), QStringLiteral("Reading the conversation… 0 / 60,000 tokens"));
    now += 2000;  // 2 s, 5,000 tokens: 2,500 tok/s, 55,000 left: 22 s
    emit worker_->prefillProgress(1, 5000, 60040);
    QCoreApplication::processEvents();
    QCOMPARE(chat_->prefillText(),
             QStringLiteral("Reading the conversation… 5,000 / 60,000 tokens · 2,500.0 tok/s · about 22 s left"));
}

// The new message's own reading (a long paste on a slow device) gives its rate and the time left too, once it has read
// for 0.5 s: session 44's trial (nit) saw only "Reading the prompt… 51%" in the window, where rwkv-cli said the time
// left. Its start here is its first report (no replyStarted); after a re-read it starts where the re-read ends.
void TestReplyProgress::promptShowsItsRateAndTimeLeft() {
    qint64 now = 80000;
    chat_->setClock([&now] { return now; });
    const auto progress = [this](qint64 done, qint64 total) {
        emit worker_->prefillProgress(1, done, total);
        QCoreApplication::processEvents();  // the controller's connection is queued (the worker's thread)
        return chat_->prefillText();
    };
    QCOMPARE(progress(256, 2000), QStringLiteral("Reading the prompt… 12%"));  // its start: no rate yet
    now += 400;  // too soon for a rate
    QCOMPARE(progress(512, 2000), QStringLiteral("Reading the prompt… 25%"));
    now += 600;  // 1 s, 512 tokens since its start: 512 tok/s, 1,232 left: 2.4 s, rounded up
    QCOMPARE(progress(768, 2000), QStringLiteral("Reading the prompt… 38% · 512.0 tok/s · about 3 s left"));
    QCOMPARE(chat_->replyStatus(), chat_->prefillText());  // the status line says the same
    now += 100000;  // 101 s, 1,644 tokens: 16.3 tok/s, 100 left: 6.1 s
    QCOMPARE(progress(1900, 2000), QStringLiteral("Reading the prompt… 95% · 16.3 tok/s · about 7 s left"));
    // A re-read before the next message: its own count; the message's part starts where the re-read ends.
    emit worker_->rereading(1, 600, 4600);
    QCoreApplication::processEvents();
    now += 2000;
    QCOMPARE(progress(700, 4600), QStringLiteral("Reading the prompt… 2%"));  // past the re-read: its start, no rate
    now += 10000;  // 10 s, 1,000 tokens: 100 tok/s, 2,900 left: 29 s
    QCOMPARE(progress(1700, 4600), QStringLiteral("Reading the prompt… 27% · 100.0 tok/s · about 29 s left"));
    now += 1000000;  // minutes: 1,010 s for 3,800 tokens (3.8 tok/s), 100 left: 27 s
    QCOMPARE(progress(4500, 4600), QStringLiteral("Reading the prompt… 97% · 3.8 tok/s · about 27 s left"));
}

void TestReplyProgress::readoutsFromSignals() {
    qint64 now = 1000;
    TurnReadouts r([&now] { return now; });
    QSignalSpy changed(&r, &TurnReadouts::changed);
    QCOMPARE(r.describe(7), QString());
    const QVariantMap storedCount{{QStringLiteral("tokens"), 12}};
    QCOMPARE(r.describe(7, storedCount), QStringLiteral("12 tokens"));  // stored count only
    QCOMPARE(r.describe(7, {{QStringLiteral("tokens"), 1}}), QStringLiteral("1 token"));
    // A reply from an earlier session: everything the store kept.
    const QVariantMap stored{{QStringLiteral("tokens"), 40}, {QStringLiteral("ttftMs"), 1234.0},
                             {QStringLiteral("tokensPerSecond"), 20.0}, {QStringLiteral("prefillTokens"), 100},
                             {QStringLiteral("prefillMs"), 50.0}};
    QCOMPARE(r.describe(7, stored), QStringLiteral("1.23 s to first token · 20.0 tok/s · 40 tokens"));
    QCOMPARE(r.details(7, stored), QStringLiteral("Read 100 prompt tokens at 2000.0 tok/s; wrote 40 tokens at 20.0 tok/s"));
    // Under 5 ms (the demo model) rounds to 0.00: "< 0.01 s", not "0.00 s to first token" (session 40's trial, nit).
    QVariantMap quick = stored;
    quick[QStringLiteral("ttftMs")] = 3.0;
    QCOMPARE(r.describe(7, quick), QStringLiteral("< 0.01 s to first token · 20.0 tok/s · 40 tokens"));
    quick[QStringLiteral("ttftMs")] = 5.0;  // rounds to 0.01: said as it is
    QCOMPARE(r.describe(7, quick), QStringLiteral("0.01 s to first token · 20.0 tok/s · 40 tokens"));
#ifdef RWKV_QM_DIR
    {
        QTranslator zh;
        QVERIFY(zh.load(QStringLiteral(RWKV_QM_DIR "/rwkv-desktop_zh_CN.qm")));
        QCoreApplication::installTranslator(&zh);
        quick[QStringLiteral("ttftMs")] = 3.0;
        const QString zhLine = r.describe(7, quick);
        QCoreApplication::removeTranslator(&zh);
        QVERIFY2(zhLine.startsWith(QStringLiteral("首个 token 用时不到 0.01 秒 · ")), qPrintable(zhLine));
    }
#endif

    r.onSendRequested(3);
    now = 1100;
    r.onReplyStarted(3, 6, 7);
    r.onReplyDelta(3, QString());  // empty deltas do not count
    now = 1250;
    r.onReplyDelta(4, QStringLiteral("other conversation"));
    r.onReplyDelta(3, QStringLiteral("Hi"));
    now = 1900;
    r.onReplyDelta(3, QStringLiteral(" there"));  // only the first delta sets the time
    QCOMPARE(r.readout(7)->firstTokenMs, 250.0);
    QCOMPARE(r.describe(7), QStringLiteral("0.25 s to first token"));

    TurnStats s;
    s.conversationId = 3;
    s.assistantMessageId = 7;
    s.decodeTokens = 90;
    s.decodeMs = 1500;  // 60 tok/s
    s.prefillTokens = 400;
    s.prefillMs = 200;  // 2000 tok/s
    r.onReplyFinished(s);
    // This session's measurement wins over what is stored.
    QCOMPARE(r.describe(7, stored), QStringLiteral("0.25 s to first token · 60.0 tok/s · 90 tokens"));
    s.ttftMs = 310;  // the turn's own time (what the database keeps) replaces this clock's once the reply ends
    r.onReplyFinished(s);
    QCOMPARE(r.describe(7, stored), QStringLiteral("0.31 s to first token · 60.0 tok/s · 90 tokens"));
    QCOMPARE(r.details(7), QStringLiteral("Read 400 prompt tokens at 2000.0 tok/s; wrote 90 tokens at 60.0 tok/s"));
    QCOMPARE(changed.count(), 4);  // started, first text, finished (twice)
    QVERIFY(r.revision() >= 3);

    // A reply stopped before any text: no first-token time, no speed.
    r.onSendRequested(3);
    r.onReplyStarted(3, 8, 9);
    TurnStats stopped;
    stopped.conversationId = 3;
    stopped.assistantMessageId = 9;
    r.onReplyFinished(stopped);
    QCOMPARE(r.describe(9), QString());
}

namespace {
/// The qInfo lines while it lives (the messages go on to the handler before it, QtTest's).
class InfoLines {
public:
    InfoLines() : before_(qInstallMessageHandler(&InfoLines::handle)) { current_ = this; }
    ~InfoLines() {
        qInstallMessageHandler(before_);
        current_ = nullptr;
    }
    QStringList lines() const {
        const std::lock_guard lock(mu_);
        return lines_;
    }

private:
    static void handle(QtMsgType type, const QMessageLogContext& context, const QString& text) {
        if (InfoLines* self = current_) {
            if (type == QtInfoMsg) {
                const std::lock_guard lock(self->mu_);
                self->lines_ << text;
            }
            self->before_(type, context, text);
        }
    }
    static inline InfoLines* current_ = nullptr;
    QtMessageHandler before_;
    mutable std::mutex mu_;  // the worker's thread logs
    QStringList lines_;
};
}  // namespace

// The prompt's tokens and seconds on stderr, as `rwkv-cli chat --progress` ends its reading: the window's rate compared
// with the CLI's (docs/perf/cpu.md, session 45). There was no such line: the trial read the rate off the status line.
void TestReplyProgress::promptReadIsLogged() {
    InfoLines log;
    TurnReadouts readouts;
    rwkv::store::Message saved;
    replyToHello(readouts, 4, &saved);
    if (QTest::currentTestFailed()) return;
    const QRegularExpression line(
        QStringLiteral(R"(^conversation (\d+): read (\d+) prompt tokens in (\d+\.\d) s, (\d+) tok/s$)"));
    QStringList read;
    for (const QString& l : log.lines())
        if (l.contains(QStringLiteral(" prompt tokens in "))) read << l;
    QCOMPARE(read.size(), 1);
    const QRegularExpressionMatch m = line.match(read.first());
    QVERIFY2(m.hasMatch(), qPrintable(read.first()));
    QCOMPARE(m.captured(1).toLongLong(), chat_->currentConversationId());
    QCOMPARE(m.captured(2).toLongLong(), saved.readouts.prefill_tokens);  // the question as the model read it
    QVERIFY(saved.readouts.prefill_tokens > 5);                             // "Hello" and the turn's framing
}

void TestReplyProgress::readoutsOfARealTurn() {
    TurnReadouts readouts;
    rwkv::store::Message saved;
    replyToHello(readouts, 24, &saved);
    if (QTest::currentTestFailed()) return;
    const auto r = *readouts.readout(saved.id);
    QVERIFY(r.finished);
    QCOMPARE(r.decodeTokens, saved.token_count);
    QVERIFY(r.decodeTokens > 0);
    QVERIFY(r.firstTokenMs >= 0);
    QVERIFY(r.decodeTokensPerSecond > 0);
    QVERIFY(r.prefillTokens > 0);
    const QString line = readouts.describe(saved.id);
    QVERIFY2(line.contains(QStringLiteral("s to first token")) && line.contains(QStringLiteral("tok/s")) &&
                 line.endsWith(QStringLiteral("%1 tokens").arg(saved.token_count)),
             qPrintable(line));
    // The conversation opened again (a later session: no measurement of its own) shows the same line from what the
    // database kept (new-user trial, session 11: "0.03 s to first token" live, "0.00 s" reopened; the live clock ran
    // from Send to the first batch of text, the stored one from the turn's start to the first token).
    const QVariantMap stored{{QStringLiteral("tokens"), saved.token_count},
                             {QStringLiteral("ttftMs"), saved.readouts.ttft_ms},
                             {QStringLiteral("tokensPerSecond"), saved.decodeTokensPerSecond()},
                             {QStringLiteral("prefillTokens"), saved.readouts.prefill_tokens},
                             {QStringLiteral("prefillMs"), saved.readouts.prefill_ms}};
    TurnReadouts reopened;
    QCOMPARE(reopened.describe(saved.id, stored), line);
    QCOMPARE(r.firstTokenMs, saved.readouts.ttft_ms);
    QVERIFY2(saved.readouts.ttft_ms > 0, qPrintable(QString::number(saved.readouts.ttft_ms)));
}

// A switch to 简体中文 after a reply (what DesktopServices does on LanguageSwitcher::languageChanged: the
// controller's and the readouts' retranslate) makes the status line ("8 tokens at … tok/s · new conversation, …") and
// the line under the reply again in Chinese at once. Before, both stayed English until the next reply (session 20's
// trial, F8): the status line was a string made when the reply ended, and the readouts' binding had no reason to be
// evaluated again.
void TestReplyProgress::statusAndReadoutsFollowALanguageSwitch() {
#ifndef RWKV_QM_DIR
    QSKIP("built without the app's translations (no app/gui)");
#else
    TurnReadouts readouts;
    rwkv::store::Message reply;
    replyToHello(readouts, 8, &reply);
    if (QTest::currentTestFailed()) return;
    const qint64 replyId = reply.id;
    const QString status = chat_->replyStatus();
    const QString line = readouts.describe(replyId, {}, readouts.revision());
    QVERIFY2(status.contains(QStringLiteral("tokens at")) && status.contains(QStringLiteral("new conversation")),
             qPrintable(status));
    QVERIFY2(line.contains(QStringLiteral("s to first token")), qPrintable(line));

    QTranslator zh;
    QVERIFY(zh.load(QStringLiteral(RWKV_QM_DIR "/rwkv-desktop_zh_CN.qm")));
    QCoreApplication::installTranslator(&zh);
    QSignalSpy statusChanged(chat_.get(), &ChatController::replyStatusChanged);
    QSignalSpy readoutsChanged(&readouts, &TurnReadouts::changed);
    const int revision = readouts.revision();
    chat_->retranslate();
    readouts.retranslate();
    const QString zhStatus = chat_->replyStatus();
    const QString zhLine = readouts.describe(replyId, {}, readouts.revision());
    QCoreApplication::removeTranslator(&zh);
    QCOMPARE(statusChanged.count(), 1);
    QVERIFY2(zhStatus.contains(QStringLiteral("个 token，")) && zhStatus.contains(QStringLiteral("新对话")),
             qPrintable(zhStatus));
    // The line under the reply is a binding on Readouts.revision (ReplyReadout.qml): a new one makes it again.
    QCOMPARE(readoutsChanged.count(), 1);
    QVERIFY(readouts.revision() != revision);
    QVERIFY2(zhLine.contains(QStringLiteral("首个 token 用时")), qPrintable(zhLine));
#endif
}

// The why of a re-read ("no saved state — re-reading 6 messages") follows a language switch with the rest of the
// status line. Before, the worker wrote it translated when the turn ended and the line made again after a switch to
// 简体中文 read "重新读取了 642 个 token（no saved state — re-reading 6 messages）" (session 55's trial): now the turn
// keeps what happened (TurnStats::rereadWhy) and the words are made when the line is.
void TestReplyProgress::rereadWhyFollowsALanguageSwitch() {
#ifndef RWKV_QM_DIR
    QSKIP("built without the app's translations (no app/gui)");
#else
    loadDemoModel();
    using rwkv::store::Role;
    const qint64 id = store_->createConversation(QStringLiteral("Harbour"));
    qint64 parent = 0;
    for (int i = 1; i <= 3; ++i) {  // no saved state: read again from the start
        parent = store_->addMessage(id, parent, Role::User, QStringLiteral("Question %1: where is the harbour?").arg(i));
        parent = store_->addMessage(id, parent, Role::Assistant, QStringLiteral("Answer %1: down the hill.").arg(i));
    }
    chat_->refreshConversations();
    chat_->selectConversation(id);
    chat_->setParams(greedy(4));
    QVERIFY(chat_->send(QStringLiteral("And the mill?")));
    waitForReply();
    if (QTest::currentTestFailed()) return;
    QVERIFY2(chat_->replyStatus().contains(QStringLiteral("(no saved state — re-reading 6 messages)")),
             qPrintable(chat_->replyStatus()));

    QTranslator zh;
    QVERIFY(zh.load(QStringLiteral(RWKV_QM_DIR "/rwkv-desktop_zh_CN.qm")));
    QCoreApplication::installTranslator(&zh);
    auto removed = qScopeGuard([&zh] { QCoreApplication::removeTranslator(&zh); });
    chat_->retranslate();
    const QString zhStatus = chat_->replyStatus(), zhBrief = chat_->replyStatusBrief();
    removed.dismiss();
    QCoreApplication::removeTranslator(&zh);
    for (const QString& line : {zhStatus, zhBrief}) {
        QVERIFY2(line.contains(QStringLiteral("（没有保存的状态 — 重新读取 6 条消息）")), qPrintable(line));
        QVERIFY2(!line.contains(QStringLiteral("saved state")) && !line.contains(QStringLiteral("re-reading")),
                 qPrintable(line));
    }
    chat_->retranslate();  // and back
    QVERIFY2(chat_->replyStatus().contains(QStringLiteral("(no saved state — re-reading 6 messages)")),
             qPrintable(chat_->replyStatus()));
#endif
}

// ‹ › to another version of a reply: the status line gave the numbers of the reply written last (tokens, tok/s,
// "resumed…") under the other version (session 28's trial, N9). Now it goes, and it stays with the version it is of.
void TestReplyProgress::statusLineGoesWithAnotherVersion() {
    loadDemoModel();
    chat_->setParams(greedy(8));
    QVERIFY(chat_->send(QStringLiteral("Hello")));
    waitForReply();
    const qint64 first = store_->messages(chat_->currentConversationId()).at(1).id;
    QVERIFY(chat_->regenerate(first));
    waitForReply();
    QVERIFY2(chat_->replyStatus().contains(QStringLiteral("tokens at")), qPrintable(chat_->replyStatus()));
    const qint64 second = store_->siblings(first).last();
    QVERIFY(second != first);
    chat_->showSibling(second, -1);  // the first version: not the reply the numbers are of
    QCOMPARE(chat_->replyStatus(), QString());
    // A language switch does not bring them back.
    chat_->retranslate();
    QCOMPARE(chat_->replyStatus(), QString());
    // A new reply's numbers stay while its own version is shown, also after a switch of the language.
    QVERIFY(chat_->regenerate(first));
    waitForReply();
    const QString status = chat_->replyStatus();
    QVERIFY2(status.contains(QStringLiteral("tokens at")), qPrintable(status));
    chat_->retranslate();
    const qint64 third = store_->siblings(first).last();
    chat_->showSibling(third, 0);
    QCOMPARE(chat_->replyStatus(), status);
}

// A reply stopped before it began, then another chat opened (session 31's trial): "Stopped before the reply began" stayed
// on the status line over the new chat and its reply's numbers showed in the first chat when it was opened again. The
// line now goes with the chat of its reply, as with another version (above).
void TestReplyProgress::statusLineGoesWithItsChat() {
    loadDemoModel();
    chat_->setParams(greedy(8));
    QSignalSpy done(chat_.get(), &ChatController::replyCompleted);
    WorkerGate gate(*worker_);  // the turn begins after Stop (worker_gate.h)
    QVERIFY(chat_->send(QStringLiteral("Please read this carefully. ").repeated(120)));
    chat_->stop();  // before the turn begins: the engine sees the flag at the first prefill chunk
    gate.open();
    QVERIFY(done.wait(60000));
    QCOMPARE(chat_->replyStatus(), QStringLiteral("Stopped before the reply began"));
    const qint64 stopped = chat_->currentConversationId();
    chat_->newConversation();
    QCOMPARE(chat_->replyStatus(), QString());
    QVERIFY(chat_->send(QStringLiteral("Hello")));
    waitForReply();
    QVERIFY2(chat_->replyStatus().contains(QStringLiteral("tokens at")), qPrintable(chat_->replyStatus()));
    chat_->selectConversation(stopped);
    QCOMPARE(chat_->replyStatus(), QString());
}

// Stop pressed during Regenerate before its first token (session 33's check, MED): the window showed an empty version,
// ‹ 2/2 › with nothing in it, and the chat reopened on it. Now the reply it was to replace is shown again, alone (no
// ‹ ›), also when the chat is opened again; the status line says it stopped.
void TestReplyProgress::regenerateStoppedBeforeItsFirstWordShowsTheReplyItWasToReplace() {
    loadDemoModel();
    chat_->setParams(greedy(8));
    QVERIFY(chat_->send(QStringLiteral("Hello")));
    waitForReply();
    const qint64 id = chat_->currentConversationId();
    const rwkv::store::Message first = store_->messages(id).at(1);
    QVERIFY(!first.text.isEmpty());
    const auto shown = [this](int row, int role) { return chat_->messages()->data(chat_->messages()->index(row), role); };

    QSignalSpy done(chat_.get(), &ChatController::replyCompleted);
    WorkerGate gate(*worker_);  // the turn begins after Stop (worker_gate.h): before, the whole reply was written first
    QVERIFY(chat_->regenerate(first.id));  // on a loaded machine now and then (CI at 500c5f5)
    chat_->stop();  // before the turn begins: the engine sees the flag at the first prefill chunk
    gate.open();
    QVERIFY(done.wait(60000));
    QCOMPARE(done.takeFirst().at(0).toBool(), true);
    QCOMPARE(chat_->replyStatus(), QStringLiteral("Stopped before the reply began"));
    QCOMPARE(chat_->composerState(), ChatController::ComposerState::Ready);
    QCOMPARE(store_->siblings(first.id), QList<qint64>{first.id});  // {first, an empty one} before
    QCOMPARE(chat_->messages()->rowCount(), 2);
    QCOMPARE(shown(1, MessageModel::IdRole).toLongLong(), first.id);
    QCOMPARE(shown(1, MessageModel::TextRole).toString(), first.text);
    QCOMPARE(shown(1, MessageModel::SiblingCountRole).toInt(), 1);
    chat_->newConversation();
    chat_->selectConversation(id);
    QCOMPARE(chat_->messages()->rowCount(), 2);
    QCOMPARE(shown(1, MessageModel::IdRole).toLongLong(), first.id);

    // Regenerated to its end, it is version 2 of 2 as before.
    QVERIFY(chat_->regenerate(first.id));
    waitForReply();
    QCOMPARE(store_->siblings(first.id).size(), 2);
    QCOMPARE(shown(1, MessageModel::SiblingCountRole).toInt(), 2);
    QCOMPARE(shown(1, MessageModel::SiblingIndexRole).toInt(), 2);
}

// A model that did not load, then a switch to 简体中文 (DesktopServices: the controller's retranslate): the banner is
// made again from its parts in Chinese. Before, it kept its English sentence under the window's Chinese "详情：" label
// (session 28's trial, F9).
void TestReplyProgress::loadFailureBannerFollowsALanguageSwitch() {
#ifndef RWKV_QM_DIR
    QSKIP("built without the app's translations (no app/gui)");
#else
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("notes.safetensors"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QByteArray(64, 'x'));  // not a safetensors header
    file.close();
    QSignalSpy loaded(chat_.get(), &ChatController::modelLoadFinished);
    chat_->loadModel(path);
    QVERIFY(loaded.wait(20000));
    QCOMPARE(loaded.takeFirst().at(0).toBool(), false);
    const QString english = chat_->errorSummary();
    const QString detail = chat_->errorDetail();
    QVERIFY2(english.startsWith(QStringLiteral("Could not load “\u2068notes.safetensors\u2069”: ")), qPrintable(english));
    QVERIFY2(!detail.isEmpty(), qPrintable(chat_->errorText()));

    QTranslator zh;
    QVERIFY(zh.load(QStringLiteral(RWKV_QM_DIR "/rwkv-desktop_zh_CN.qm")));
    QCoreApplication::installTranslator(&zh);
    QSignalSpy changed(chat_.get(), &ChatController::errorTextChanged);
    chat_->retranslate();
    const QString chinese = chat_->errorSummary();
    const QString text = chat_->errorText();
    QCoreApplication::removeTranslator(&zh);
    QCOMPARE(changed.count(), 1);
    QVERIFY2(chinese.startsWith(QStringLiteral("无法加载“\u2068notes.safetensors\u2069”：")), qPrintable(chinese));
    const QString sentence = english.mid(english.indexOf(QStringLiteral(": ")) + 2);  // the engine error's sentence
    QVERIFY2(!sentence.isEmpty() && !chinese.contains(sentence), qPrintable(chinese));  // translated too, not only its frame
    QCOMPARE(chat_->errorDetail(), detail);  // the engine's own words stay as they are
    QCOMPARE(text, chinese + u'\n' + detail);
    chat_->retranslate();  // and back
    QCOMPARE(chat_->errorSummary(), english);
    // A banner set as a fixed text is left as it is.
    chat_->showError(QStringLiteral("fixed"));
    QCoreApplication::installTranslator(&zh);
    chat_->retranslate();
    QCoreApplication::removeTranslator(&zh);
    QCOMPARE(chat_->errorSummary(), QStringLiteral("fixed"));
#endif
}

// Session 39's check: with a few hundred KB free the start's banner said the disk was "almost full (… free; a reply
// needs up to …)" while the status line after the reply said "disk full: the state was not saved …" for the same disk.
// The save failed for want of room, the disk was not full: the line says too little disk space, as the banner does.
void TestReplyProgress::statusLineSaysTooLittleDiskSpace_data() {
    QTest::addColumn<QString>("language");
    QTest::addColumn<QString>("notSaved");
    QTest::addColumn<QString>("dropped");
    QTest::newRow("en") << QStringLiteral("en")
                        << QStringLiteral("too little disk space: the state was not saved, the next reply re-reads the "
                                          "conversation · new conversation, read 12 tokens · 8 tokens at 4.0 tok/s")
                        << QStringLiteral("too little disk space: 2 saved states of this and other chats dropped to "
                                          "make room for the text; a chat without one re-reads its text when "
                                          "continued");
    QTest::newRow("zh_CN") << QStringLiteral("zh_CN") << QStringLiteral("磁盘空间不足：状态未保存，")
                           << QStringLiteral("磁盘空间不足：");
}

void TestReplyProgress::statusLineSaysTooLittleDiskSpace() {
#ifndef RWKV_QM_DIR
    QSKIP("built without the app's translations (no app/gui)");
#else
    QFETCH(QString, language);
    QFETCH(QString, notSaved);
    QFETCH(QString, dropped);
    QTranslator translator;
    QVERIFY(translator.load(QStringLiteral(RWKV_QM_DIR "/rwkv-desktop_%1.qm").arg(language)));
    QCoreApplication::installTranslator(&translator);
    TurnStats stats;
    stats.replySaved = true;
    stats.stateSaved = false;  // SQLite found no room for the state: the reply was saved without it
    stats.prefillTokens = 12;
    stats.decodeTokens = 8;
    stats.decodeMs = 2000;
    const QString line = ChatController::describe(stats);
    QVERIFY2(line.startsWith(notSaved), qPrintable(line));  // before: "disk full: the state was not saved, …"
    stats.stateSaved = true;
    stats.statesDropped = 2;
    const QString droppedLine = ChatController::describe(stats);
    QVERIFY2(droppedLine.startsWith(dropped), qPrintable(droppedLine));  // before: "disk full: 2 saved states …"
    // Both for want of room (session 42's trial: "too little disk space: … · too little disk space: …" wrapped to three
    // lines and was cut): one sentence that names both, the disk said once.
    stats.stateSaved = false;
    const QString both = ChatController::describe(stats);
    const bool en = language == QLatin1String("en");
    const QString tooLittle = en ? QStringLiteral("too little disk space") : QStringLiteral("磁盘空间不足");
    QVERIFY2(both.startsWith(en ? QStringLiteral("too little disk space: 2 saved states of this and other chats dropped "
                                                 "to make room for the text, and this reply's state was not saved either")
                                : QStringLiteral("磁盘空间不足：为保存文字删除了本对话及其他对话的 2 个已保存状态，本次回复的状态也未保存")) &&
                 both.count(tooLittle) == 1,
             qPrintable(both));
    // The brief form (the status line where the whole does not fit) says it in a few words, the tooltip keeping the
    // whole: the whole sentence before a re-read's why ran past three lines at 1,100 px and was cut (session 50's trial).
    const QString brief = ChatController::describe(stats, false);
    QVERIFY2(brief == (en ? QStringLiteral("too little disk space: 2 saved states dropped, this reply's not saved · new "
                                           "conversation, read 12 tokens")
                          : QStringLiteral("磁盘空间不足：删除了 2 个已保存状态，本次回复的状态未保存 · 新对话，读取了 12 个 token")),
             qPrintable(brief));
    stats.statesDropped = 0;
    QVERIFY2(ChatController::describe(stats, false).startsWith(en ? QStringLiteral("too little disk space: state not saved · ")
                                                                  : QStringLiteral("磁盘空间不足：状态未保存 · ")),
             qPrintable(ChatController::describe(stats, false)));
    stats.stateSaved = true;
    stats.statesDropped = 1;
    QVERIFY2(ChatController::describe(stats, false).startsWith(en ? QStringLiteral("too little disk space: 1 saved state "
                                                                                   "dropped · ")
                                                                  : QStringLiteral("磁盘空间不足：删除了 1 个已保存状态 · ")),
             qPrintable(ChatController::describe(stats, false)));
    stats.stateSaved = false;
    stats.statesDropped = 2;
    stats.stopped = true;
    QVERIFY2(ChatController::describe(stats).startsWith(en ? QStringLiteral("Stopped · too little disk space: 2")
                                                           : QStringLiteral("已停止 · 磁盘空间不足：")),
             qPrintable(ChatController::describe(stats)));
    QCoreApplication::removeTranslator(&translator);
#endif
}

// Session 48's trial, LOW: after a kill -9 while the first question of a chat was read, the next message read the chat
// from the start and the status line said "new conversation, read 84040 tokens — also read the unanswered question
// above" of a chat days old. A fresh read with questions left unanswered above is "read from the start".
void TestReplyProgress::freshReadOfAnOldChatIsNotANewConversation() {
    TurnStats stats;
    stats.replySaved = stats.stateSaved = true;
    stats.source = StateSource::Fresh;
    stats.prefillTokens = 84040;
    stats.decodeTokens = 8;
    stats.decodeMs = 2000;
    QVERIFY2(ChatController::describe(stats, false).startsWith(QStringLiteral("new conversation, read 84040 tokens")),
             qPrintable(ChatController::describe(stats, false)));
    stats.unreadQuestionIds = {5};
    QCOMPARE(ChatController::describe(stats, false),
             QStringLiteral("read from the start, 84040 tokens — also read the unanswered question above"));
}

QTEST_GUILESS_MAIN(TestReplyProgress)
#include "test_reply_progress.moc"
