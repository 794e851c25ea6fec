// test_state_tokens.cpp — how many tokens the state after each reply has read since it began (TurnStats::stateTokens,
// messages.state_tokens since schema v9; the window's "Memory: N tokens read"), with the real engine and the bundled
// tiny RWKV-7 (greedy). The expected counts are made here from the tokenizer and the turns' own token counts: each
// turn's prompt as the chat format writes it, its sampled tokens, and the turn separator fed after a reply that no
// stop string ended. After a switch of weight type (no state of its own: the text is read again) the count starts from
// zero; a fork and a bundle keep it; the window shows the last finished reply's. Code: app/core/chat_session*.cpp,
// store/, message_model.cpp; docs/conversations.md "Turns and states".
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>
#include <string>
#include <vector>

#include "chat_session.h"
#include "conversation_export.h"
#include "message_model.h"
#include "rwkv/chat_format.h"
#include "store/conversation_store.h"

using namespace rwkv;
using namespace rwkv::app;

class TestStateTokens : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void countIsEveryTokenFedAfterEachReply();
    void rereadAfterAWeightTypeSwitchCountsFromZero();
    void forkAndBundleKeepTheCount();
    void windowShowsTheLastFinishedReplysCount();

private:
    ChatParams greedy(int maxTokens) const {
        ChatParams p;
        p.sampler.temperature = 0.0f;
        p.sampler.seed = 7;
        p.maxTokens = maxTokens;
        return p;
    }
    qint64 tokens(const std::string& text) const { return qint64(tokenizer_->encode(text).size()); }
    /// What a turn fed after its prompt: its sampled tokens, and "\n\n" where no stop string ended the reply (the
    /// generator closes the turn so that the state ends at a turn boundary).
    qint64 fedAfterPrompt(const TurnStats& t) const {
        return t.decodeTokens + (t.reason == StopReason::StopString ? 0 : tokens(std::string(kTurnSeparator)));
    }
    qint64 stored(const store::ConversationStore& store, qint64 reply) const {
        return store.message(reply)->readouts.state_tokens;
    }

    QTemporaryDir tmp_;
    std::unique_ptr<Model> model_;
    std::unique_ptr<Tokenizer> tokenizer_;
};

const QString kSystem = QStringLiteral("Answer briefly.");
const QStringList kQuestions = {QStringLiteral("Hello there"), QStringLiteral("Tell me a story"),
                                QStringLiteral("And one more, about the sea")};

void TestStateTokens::initTestCase() {
    QVERIFY(tmp_.isValid());
    model_ = Model::load(RWKV_TESTDATA_DIR "/tiny-rwkv7-834K.pth");
    tokenizer_ = tokenizer_for_vocab_size(256, RWKV_TESTDATA_DIR "/rwkv_vocab_v20230424.txt");
}

// Three turns of a chat with instructions: after each reply, the count is the sum of every prompt and every token fed
// so far (the first prompt carries the instructions), in the turn's stats and in the database; replies cut by their
// length limit (the turn separator fed after them) and one ended by a stop string both occur. After a restart the
// fourth turn resumes from the saved state and counts on from what the third reply saved.
void TestStateTokens::countIsEveryTokenFedAfterEachReply() {
    const QString path = tmp_.filePath(QStringLiteral("three.sqlite"));
    qint64 conv = 0, expected = 0, lastReply = 0;
    {
        store::ConversationStore store(path);
        ChatSession session(store, *model_, *tokenizer_);
        conv = store.createConversation(QStringLiteral("Three"), kSystem);
        bool cut = false, stopped = false;
        for (int k = 0; k < kQuestions.size(); ++k) {
            ChatParams p = greedy(k == 0 ? 8 : 256);
            p.sampler.temperature = 1.0f;  // sampled: the demo model ends a greedy reply only at its length limit
            p.sampler.top_p = 1.0f;
            p.sampler.seed = 6;  // turn 2 ends at "\n\n" after 164 tokens, turns 1 and 3 at their length limits
            const TurnStats t = session.runTurn(conv, kQuestions[k], p);
            QVERIFY(t.replySaved);
            QCOMPARE(t.source, k == 0 ? StateSource::Fresh : StateSource::Memory);
            const qint64 prompt =
                tokens(format_user_turn(kQuestions[k].toStdString(), kSystem.toStdString(), k == 0));
            QCOMPARE(t.prefillTokens, prompt);
            expected += prompt + fedAfterPrompt(t);
            QCOMPARE(t.stateTokens, expected);
            QCOMPARE(stored(store, t.assistantMessageId), expected);
            QCOMPARE(t.readouts().state_tokens, expected);
            cut = cut || t.reason != StopReason::StopString;
            stopped = stopped || t.reason == StopReason::StopString;
            lastReply = t.assistantMessageId;
        }
        QVERIFY2(cut && stopped, "the turns no longer cover both ends of a reply");
        QVERIFY(expected > 100);
    }
    store::ConversationStore reopened(path);
    QCOMPARE(stored(reopened, lastReply), expected);
    ChatSession restarted(reopened, *model_, *tokenizer_);
    const TurnStats t4 = restarted.runTurn(conv, QStringLiteral("Thanks"), greedy(8));
    QCOMPARE(t4.source, StateSource::SavedState);
    QCOMPARE(t4.stateTokens, expected + tokens(format_user_turn("Thanks", "", false)) + fedAfterPrompt(t4));
    QCOMPARE(stored(reopened, t4.assistantMessageId), t4.stateTokens);
}

// The chat's states were made with fp32 weights; a session with fp16 weights has none of its own and reads the text
// again from zeros: the count is that text's tokens (instructions and the three turns as the chat format writes them)
// plus the new turn, not the fp32 state's count plus anything. The byte tokenizer reads the text back token for token
// as it was fed, so a regenerated third reply read that way counts what the original one did. The next turn then
// counts on from the re-read state.
void TestStateTokens::rereadAfterAWeightTypeSwitchCountsFromZero() {
    store::ConversationStore store(QStringLiteral(":memory:"));
    const qint64 conv = store.createConversation(QStringLiteral("Switch"), kSystem);
    std::vector<ChatHistoryTurn> turns;
    std::vector<TurnStats> made;
    {
        ChatSession session(store, *model_, *tokenizer_);
        for (const QString& q : kQuestions) {
            made.push_back(session.runTurn(conv, q, greedy(64)));
            turns.push_back({q.toStdString(), made.back().reply.toStdString()});
        }
    }
    LoadOptions fp16;
    fp16.weight_dtype = DType::F16;
    const std::unique_ptr<Model> other = Model::load(RWKV_TESTDATA_DIR "/tiny-rwkv7-834K.pth", fp16);
    ChatSession switched(store, *other, *tokenizer_);
    const TurnStats next = switched.runTurn(conv, QStringLiteral("Go on"), greedy(8));
    QCOMPARE(next.source, StateSource::Reprefill);
    const qint64 history = tokens(format_history(kSystem.toStdString(), turns));
    QCOMPARE(next.prefillTokens, history + tokens(format_user_turn("Go on", "", false)));
    QCOMPARE(next.stateTokens, next.prefillTokens + fedAfterPrompt(next));
    QCOMPARE(stored(store, next.assistantMessageId), next.stateTokens);
    QVERIFY(next.stateTokens < made.back().stateTokens + next.prefillTokens);  // not counted on from the fp32 state

    // The third reply again, on fp16: the first two turns read as text, then the third question.
    ChatSession again(store, *other, *tokenizer_);
    store.clearSnapshots(conv);
    const TurnStats third = again.regenerate(conv, made.back().assistantMessageId, greedy(64));
    QCOMPARE(third.source, StateSource::Reprefill);
    const std::vector<ChatHistoryTurn> firstTwo(turns.begin(), turns.begin() + 2);
    QCOMPARE(third.stateTokens, tokens(format_history(kSystem.toStdString(), firstTwo)) +
                                    tokens(format_user_turn(kQuestions[2].toStdString(), "", false)) +
                                    fedAfterPrompt(third));
    QCOMPARE(made[1].stateTokens, tokens(format_history(kSystem.toStdString(), firstTwo)));
    QCOMPARE(third.reply, made.back().reply);  // fp16 writes the greedy reply fp32 wrote
    QCOMPARE(third.stateTokens, made.back().stateTokens);

    // From the re-read state in memory, the next turn counts on.
    const TurnStats after = again.runTurn(conv, QStringLiteral("More"), greedy(8));
    QCOMPARE(after.source, StateSource::Memory);
    QCOMPARE(after.stateTokens, third.stateTokens + tokens(format_user_turn("More", "", false)) + fedAfterPrompt(after));
}

// New chat from here copies the reply's count with it (the store's fork copies the column), and the first turn of the
// new chat counts on from it; an exported bundle carries it ("state_tokens" in the reply's readouts) and its import
// keeps it. A bundle of an older version, without the field, imports as unknown (0).
void TestStateTokens::forkAndBundleKeepTheCount() {
    store::ConversationStore store(QStringLiteral(":memory:"));
    ChatSession session(store, *model_, *tokenizer_);
    const qint64 conv = store.createConversation(QStringLiteral("Source"), kSystem);
    const TurnStats t1 = session.runTurn(conv, kQuestions[0], greedy(8));
    const TurnStats t2 = session.runTurn(conv, kQuestions[1], greedy(8));
    QVERIFY(t2.stateTokens > t1.stateTokens && t1.stateTokens > 0);

    const qint64 fork = store.forkConversation(conv, t2.assistantMessageId, QStringLiteral("From here: Source"));
    const QList<store::Message> copied = store.branch(store.newestMessage(fork)->id);
    QCOMPARE(copied.size(), 4);
    QCOMPARE(copied[1].readouts.state_tokens, t1.stateTokens);
    QCOMPARE(copied[3].readouts.state_tokens, t2.stateTokens);
    ChatSession forked(store, *model_, *tokenizer_);
    const TurnStats f = forked.runTurn(fork, QStringLiteral("Elsewhere"), greedy(8));
    QCOMPARE(f.source, StateSource::SavedState);
    QCOMPARE(f.stateTokens, t2.stateTokens + tokens(format_user_turn("Elsewhere", "", false)) + fedAfterPrompt(f));

    const QByteArray bundle = exportBundle(store, conv);
    QVERIFY(bundle.contains("\"state_tokens\":" + QByteArray::number(t2.stateTokens)));
    store::ConversationStore other(QStringLiteral(":memory:"));
    const ImportResult in = importConversation(other, bundle);
    const QList<store::Message> imported = other.branch(other.newestMessage(in.conversationId)->id);
    QCOMPARE(imported.size(), 4);
    QCOMPARE(imported[1].readouts.state_tokens, t1.stateTokens);
    QCOMPARE(imported[3].readouts.state_tokens, t2.stateTokens);

    // The JSON export as a version before v9 wrote it: the first reply's readouts without the field.
    QJsonObject json = QJsonDocument::fromJson(exportJson(store, conv)).object();
    QJsonArray rows = json.value(QStringLiteral("messages")).toArray();
    QJsonObject reply = rows[1].toObject(), readouts = reply.value(QStringLiteral("readouts")).toObject();
    QCOMPARE(readouts.value(QStringLiteral("state_tokens")).toInteger(), t1.stateTokens);
    readouts.remove(QStringLiteral("state_tokens"));
    reply[QStringLiteral("readouts")] = readouts;
    rows[1] = reply;
    json[QStringLiteral("messages")] = rows;
    const QByteArray older = QJsonDocument(json).toJson();
    store::ConversationStore third(QStringLiteral(":memory:"));
    const ImportResult o = importConversation(third, older);
    const QList<store::Message> read = third.branch(third.newestMessage(o.conversationId)->id);
    QCOMPARE(read[1].readouts.state_tokens, 0);
    QCOMPARE(read[3].readouts.state_tokens, t2.stateTokens);
}

// The window's count (MessageModel::stateTokens) is the last finished reply's: not a reply being written or stopped
// before its first word (the state the next message continues is the one before it), nothing below a reply cut off
// with text (read again first), and nothing for a reply of unknown count.
void TestStateTokens::windowShowsTheLastFinishedReplysCount() {
    const auto message = [](qint64 id, store::Role role, bool finished, qint64 count) {
        store::Message m;
        m.id = id;
        m.role = role;
        m.finished = finished;
        m.readouts.state_tokens = count;
        return m;
    };
    MessageModel model;
    QSignalSpy changed(&model, &MessageModel::stateTokensChanged);
    QCOMPARE(model.stateTokens(), 0);
    model.setMessages({message(1, store::Role::User, true, 0), message(2, store::Role::Assistant, true, 1234),
                       message(3, store::Role::User, true, 0), message(4, store::Role::Assistant, false, 0)});
    QCOMPARE(model.stateTokens(), 1234);  // the cut-off reply 4 has no state: 2's is what the chat holds
    QCOMPARE(changed.size(), 1);
    model.append(5, MessageModel::Author::User, QStringLiteral("Q"), MessageModel::Status::Complete);
    model.append(6, MessageModel::Author::Assistant, QString(), MessageModel::Status::Streaming);
    QCOMPARE(model.stateTokens(), 1234);
    model.finish(6, QStringLiteral("A"), MessageModel::Status::Complete, 3);
    store::Message saved = message(6, store::Role::Assistant, true, 1300);
    model.updateStored(saved);
    QCOMPARE(model.stateTokens(), 1300);
    QCOMPARE(model.data(model.index(model.indexOfId(6)), MessageModel::StateTokensRole).toLongLong(), 1300);
    model.setMessages({message(1, store::Role::User, true, 0), message(7, store::Role::Assistant, true, 0)});
    QCOMPARE(model.stateTokens(), 0);  // saved before counts were kept: nothing, not a guess
    // Session 57's trial: below an Unfinished reply (cut off with text by a kill -9) the line showed 2's count, which
    // leaves out that text, read again before the next message: nothing until a reply after it is saved.
    store::Message cut = message(4, store::Role::Assistant, false, 0);
    cut.text = QStringLiteral("Once upon a");
    model.setMessages({message(1, store::Role::User, true, 0), message(2, store::Role::Assistant, true, 1234),
                       message(3, store::Role::User, true, 0), cut});
    QCOMPARE(model.stateTokens(), 0);  // was 1234
    model.append(8, MessageModel::Author::User, QStringLiteral("Go on"), MessageModel::Status::Complete);
    model.append(9, MessageModel::Author::Assistant, QString(), MessageModel::Status::Streaming);
    QCOMPARE(model.stateTokens(), 0);
    model.finish(9, QStringLiteral("time"), MessageModel::Status::Complete, 2);
    model.updateStored(message(9, store::Role::Assistant, true, 1290));
    QCOMPARE(model.stateTokens(), 1290);
}

QTEST_GUILESS_MAIN(TestStateTokens)
#include "test_state_tokens.moc"
