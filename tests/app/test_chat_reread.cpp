// test_chat_reread.cpp — how ChatSession reads a chat's text again (no saved state for this model): the size of its
// pieces on devices slow per call or slow per token, and the bound on a piece's time (Stop's wait). The bundled tiny
// RWKV-7 on the CPU, with pauses in the progress callback standing in for the device. Code: app/core/chat_session.cpp
// (ChatSession::reread); docs/conversations.md, "Turns and states".
#include <QThread>
#include <QtTest>

#include <algorithm>
#include <memory>

#include "chat_session.h"
#include "rwkv/chat_format.h"
#include "store/conversation_store.h"

using namespace rwkv;
using namespace rwkv::app;

class TestChatReread : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void piecesGrowWhereLargerOnesReadFaster();
    void aReplyTokenizedOtherwiseReopensFromItsState();

private:
    /// The pieces (tokens each) a re-read of a chat of `repeats` exchanges went through the model in, each piece's
    /// progress report paused `perCallMs` plus `perTokenMs` for each of its tokens.
    QList<std::size_t> piecesRead(int repeats, int perCallMs, int perTokenMs, const ChatParams& params);

    std::unique_ptr<Model> model_;
    std::unique_ptr<Tokenizer> tokenizer_;
};

void TestChatReread::initTestCase() {
    model_ = Model::load(RWKV_TESTDATA_DIR "/tiny-rwkv7-834K.pth");
    QCOMPARE(model_->shape().vocab_size, 256);
    tokenizer_ = tokenizer_for_vocab_size(256, RWKV_TESTDATA_DIR "/rwkv_vocab_v20230424.txt");
}

QList<std::size_t> TestChatReread::piecesRead(int repeats, int perCallMs, int perTokenMs, const ChatParams& params) {
    store::ConversationStore store(QStringLiteral(":memory:"));
    const qint64 conv = store.createConversation(QStringLiteral("Re-read"));
    const qint64 q = store.addMessage(conv, 0, store::Role::User, QStringLiteral("where is the harbour? ").repeated(repeats));
    store.addMessage(conv, q, store::Role::Assistant, QStringLiteral("down the hill, past the mill. ").repeated(repeats));
    ChatSession session(store, *model_, *tokenizer_);  // no rate measured yet, no state saved: read again
    std::size_t history = 0, last = 0;
    QList<std::size_t> pieces;
    TurnCallbacks cb;
    cb.onRereading = [&](std::size_t historyTokens, std::size_t) { history = historyTokens; };
    cb.onPrefillProgress = [&](std::size_t d, std::size_t) {
        if (d > history || d == last) return;  // the new turn's own prompt
        QThread::msleep(static_cast<unsigned long>(perCallMs + perTokenMs * int(d - last)));
        pieces << d - last;
        last = d;
    };
    const TurnStats t = session.send(conv, ChatSession::kNewestBranch, QStringLiteral("And the mill?"), params, cb);
    if (t.source != StateSource::Reprefill || last != history) return {};
    return pieces;
}

// Session 58 (MED): lavapipe read a 1,467-token chat again at 15-17 tok/s against 56 tok/s of prefill: it reads small
// pieces at a fraction of its rate, and pieces of ~0.5 s (rereadStepMs before) held it at 16 to 48 tokens. A device
// like it, scaled down (300 ms a piece and 4 ms a token: 16 tokens in 364 ms, 256 in 1.3 s), now reads 256-token
// pieces with the default ChatParams (before: 16 tokens each); a device slow per token still gets pieces of about
// rereadStepMs at most (Stop's wait).
void TestChatReread::piecesGrowWhereLargerOnesReadFaster() {
    ChatParams params;
    params.sampler.temperature = 0.0f;
    params.maxTokens = 2;
    const auto seen = [](const QList<std::size_t>& pieces) {
        QString s;
        for (const std::size_t n : pieces) s += QString::number(n) + u' ';
        return s;
    };

    const QList<std::size_t> slow = piecesRead(20, 300, 4, params);
    QVERIFY2(slow.size() >= 7 && slow[0] == 16 && slow[1] == 16, qPrintable(seen(slow)));  // the warm-up, as small
    for (qsizetype i = 2; i + 1 < slow.size(); ++i)  // at most doubled each time; the last may be short
        QVERIFY2(slow[i] <= 2 * slow[i - 1] && slow[i] <= kRereadMaxPiece, qPrintable(seen(slow)));
    QVERIFY2(slow.mid(0, 6).contains(kRereadMaxPiece), qPrintable(seen(slow)));  // 16 16 32 64 128 256
    QVERIFY2(slow.count(kRereadMaxPiece) >= 2, qPrintable(seen(slow)));

    // 4 ms a token and a step of 400 ms: pieces of 96 tokens at most (~100 fit), the bound on Stop's wait.
    params.rereadStepMs = 400;
    const QList<std::size_t> perToken = piecesRead(10, 0, 4, params);
    QVERIFY2(perToken.size() >= 6, qPrintable(seen(perToken)));
    QVERIFY2(*std::max_element(perToken.begin(), perToken.end()) <= 96, qPrintable(seen(perToken)));
    QVERIFY2(perToken[perToken.size() - 2] >= 64, qPrintable(seen(perToken)));  // grown to near it (16 16 32 64 80 …)
}

// Session 58's brief (LOW): a reply whose sampled tokens are not those its text tokenizes to (a random model samples
// "Σ", " polygon", "Recognizer" where the tokenizer reads other ids) was said to be read again when its chat is opened
// cold. It is not: the lookup goes by the reply's saved state, never by its text's tokens. A new session (nothing in
// memory) continues from the snapshot, reads only the new question, and counts the state's tokens on from the saved
// count (the sampled tokens), not from the text's.
void TestChatReread::aReplyTokenizedOtherwiseReopensFromItsState() {
    LoadOptions load;
    load.weight_dtype = DType::F16;
    const std::unique_ptr<Model> model = Model::load(RWKV_TESTDATA_DIR "/rand-rwkv7-L3-D128.safetensors", load);
    const std::unique_ptr<Tokenizer> world = tokenizer_for_vocab_size(65536, RWKV_TESTDATA_DIR "/rwkv_vocab_v20230424.txt");
    store::ConversationStore store(QStringLiteral(":memory:"));
    ChatParams params;
    params.sampler.temperature = 2.0f;
    params.sampler.top_p = 1.0f;
    params.maxTokens = 30;
    TurnStats first;
    for (std::uint64_t seed = 1; seed <= 20; ++seed) {  // replies until one whose text tokenizes otherwise
        params.sampler.seed = seed;
        ChatSession writer(store, *model, *world);
        first = writer.send(store.createConversation(QStringLiteral("Tokens")), ChatSession::kNewestBranch,
                            QStringLiteral("Hello there"), params);
        const std::string text = first.reply.toStdString();
        if (world->encode(text).size() != std::size_t(first.decodeTokens) &&
            world->encode(" " + text).size() != std::size_t(first.decodeTokens))
            break;
        first = {};
    }
    QVERIFY2(first.stateSaved && first.decodeTokens == 30, "no reply of 20 was tokenized otherwise than sampled");
    QCOMPARE(store.message(first.assistantMessageId)->token_count, first.decodeTokens);

    ChatSession reopened(store, *model, *world);  // cold: nothing in memory
    QVERIFY(reopened.cachedState(first.conversationId) == nullptr);
    params.maxTokens = 4;
    const TurnStats next = reopened.send(first.conversationId, ChatSession::kNewestBranch, QStringLiteral("And then?"), params);
    QCOMPARE(next.source, StateSource::SavedState);
    QCOMPARE(next.reprefillMessages, qint64(0));
    const qint64 prompt = qint64(world->encode(format_user_turn("And then?", {}, false, rwkv::ThinkMode::Off)).size());
    QCOMPARE(next.prefillTokens, prompt);  // the question alone
    const qint64 closing = next.reason == StopReason::StopString ? 0 : qint64(world->encode(std::string(kTurnSeparator)).size());
    QCOMPARE(next.stateTokens, first.stateTokens + prompt + next.decodeTokens + closing);  // on from the saved count
}

QTEST_GUILESS_MAIN(TestChatReread)
#include "test_chat_reread.moc"
