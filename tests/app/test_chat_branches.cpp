// test_chat_branches.cpp — ChatSession on the message tree with the real engine and the bundled tiny RWKV-7:
// regenerate and edit start from the exact state before the turn and keep the old branch; with a fixed seed a
// regenerated reply is the same every time, also after reopening the database and when the pre-turn snapshot was
// pruned; no state leaks between conversations (bit-exact against a fresh prefill); snapshots of another model,
// weight dtype or backend are never used; partial replies are checkpointed; think modes shape the prompt.
// Code: app/core/chat_session.*, app/core/store/retention.*.
#include <QTemporaryDir>
#include <QtTest>

#include <atomic>
#include <cstring>
#include <memory>

#include "chat_session.h"
#include "rwkv/chat_format.h"
#include "sampling_presets.h"
#include "store/conversation_store.h"

using namespace rwkv;
using namespace rwkv::app;

namespace {

bool sameFloats(const std::vector<float>& a, const std::vector<float>& b) {
    return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(float)) == 0;
}

}  // namespace

class TestChatBranches : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void regenerateTwiceIsIdentical_data();
    void regenerateTwiceIsIdentical();
    void editKeepsTheOldBranch();
    void noStateLeaksBetweenConversations();
    void snapshotOfAnotherModelIsNeverUsed_data();
    void snapshotOfAnotherModelIsNeverUsed();
    void otherWeightDtypeRereads();
    void partialReplyIsCheckpointed();
    void regenerateStoppedBeforeItsFirstWordAddsNoVersion_data();
    void regenerateStoppedBeforeItsFirstWordAddsNoVersion();
    void thinkModesShapeThePrompt();
    void refusesBadTargets();
    void presets();
    void customPresetTakesTheSetValues();
    void greedyCustomTurnIsTheGreedyReply_data();
    void greedyCustomTurnIsTheGreedyReply();

private:
    ChatParams seeded(int maxTokens = 24) const {
        ChatParams p;
        p.sampler.temperature = 1.0f;  // real sampling: only a fixed seed and the same state repeat a reply
        p.sampler.top_p = 1.0f;
        p.sampler.seed = 1234;
        p.maxTokens = maxTokens;
        return p;
    }
    std::size_t tokenCount(const std::string& text) const { return tokenizer_->encode(text).size(); }
    std::vector<float> logitsAfter(const State& state, std::string_view text) const {
        State s = state.clone();
        std::vector<float> logits(std::size_t(model_->shape().vocab_size));
        model_->forward(s, tokenizer_->encode(text), logits);
        return logits;
    }

    QTemporaryDir tmp_;
    std::unique_ptr<Model> model_;
    std::unique_ptr<Tokenizer> tokenizer_;
};

void TestChatBranches::initTestCase() {
    QVERIFY(tmp_.isValid());
    model_ = Model::load(RWKV_TESTDATA_DIR "/tiny-rwkv7-834K.pth");
    tokenizer_ = tokenizer_for_vocab_size(256, RWKV_TESTDATA_DIR "/rwkv_vocab_v20230424.txt");
}

void TestChatBranches::regenerateTwiceIsIdentical_data() {
    QTest::addColumn<bool>("pruneEverything");
    QTest::newRow("pre-turn snapshot kept") << false;
    QTest::newRow("pre-turn snapshot pruned") << true;
}

void TestChatBranches::regenerateTwiceIsIdentical() {
    QFETCH(bool, pruneEverything);
    const QString path = tmp_.filePath(pruneEverything ? "regen-pruned.sqlite" : "regen.sqlite");
    qint64 conv = 0, user2 = 0, anchor = 0;
    QString original, first;
    {
        store::ConversationStore store(path);
        // "Pruned": only the newest snapshot of each branch, so the state before turn 3 is gone once turn 3 is saved.
        if (pruneEverything) store.setRetentionPolicy({1, 0, true});
        ChatSession session(store, *model_, *tokenizer_);
        conv = store.createConversation(QStringLiteral("R"), QStringLiteral("Answer briefly."));
        session.send(conv, ChatSession::kNewestBranch, QStringLiteral("Hello"), seeded());
        const TurnStats t2 = session.send(conv, ChatSession::kNewestBranch, QStringLiteral("Tell me more"), seeded());
        anchor = t2.assistantMessageId;
        const TurnStats t3 = session.send(conv, ChatSession::kNewestBranch, QStringLiteral("Why?"), seeded());
        user2 = t3.userMessageId;
        original = t3.reply;
        QVERIFY(!original.isEmpty());
        QCOMPARE(store.snapshots(conv).size(), pruneEverything ? 1 : 2);  // default: the newest two of the branch
        session.forget(conv);  // the regenerate below must find its state in the database, not in memory

        const TurnStats r1 = session.regenerate(conv, t3.assistantMessageId, seeded());
        QVERIFY(r1.regenerated);
        QCOMPARE(r1.userMessageId, user2);
        QVERIFY(r1.assistantMessageId != t3.assistantMessageId);
        QCOMPARE(r1.source, pruneEverything ? StateSource::Reprefill : StateSource::SavedState);
        first = r1.reply;
        if (!pruneEverything) QCOMPARE(first, original);  // the exact pre-turn snapshot: the original reply again
        // The pre-turn state is a fork point now: kept, whatever the policy.
        bool kept = false;
        for (const store::SnapshotInfo& s : store.snapshots(conv)) kept |= s.message_id == anchor;
        QVERIFY(kept);
        const TurnStats r2 = session.regenerate(conv, t3.assistantMessageId, seeded());
        QCOMPARE(r2.reply, first);
        QCOMPARE(r2.source, StateSource::Memory);
        // Nothing was erased: three sibling replies under the same question.
        const QList<store::Message> b = store.branch(r2.assistantMessageId);
        QCOMPARE(b.back().sibling_index, 3);
        QCOMPARE(b.back().sibling_count, 3);
        QCOMPARE(store.message(t3.assistantMessageId)->text, original);
    }
    // After a restart: a new store and session, the state comes from the database.
    store::ConversationStore store(path);
    ChatSession session(store, *model_, *tokenizer_);
    const TurnStats r3 = session.regenerate(conv, user2, seeded());  // a user message id works too
    QCOMPARE(r3.source, StateSource::SavedState);
    QCOMPARE(r3.reply, first);
}

void TestChatBranches::editKeepsTheOldBranch() {
    store::ConversationStore store(QStringLiteral(":memory:"));
    ChatSession session(store, *model_, *tokenizer_);
    const qint64 a = store.createConversation(QStringLiteral("edited"));
    const TurnStats t1 = session.send(a, ChatSession::kNewestBranch, QStringLiteral("Hi"), seeded());
    const TurnStats t2 = session.send(a, ChatSession::kNewestBranch, QStringLiteral("Tell me about cats"), seeded());
    const TurnStats e = session.edit(a, t2.userMessageId, QStringLiteral("Tell me about dogs"), seeded());
    QCOMPARE(e.parentId, t1.assistantMessageId);
    QCOMPARE(e.source, StateSource::Memory);
    QCOMPARE(e.prefillTokens, qint64(tokenCount(format_user_turn("Tell me about dogs", "", false))));
    // The old branch is intact and reachable.
    const QList<store::Message> old = store.branch(t2.assistantMessageId);
    QCOMPARE(old.size(), 4);
    QCOMPARE(old[2].text, QStringLiteral("Tell me about cats"));
    QCOMPARE(old[2].sibling_count, 2);
    QCOMPARE(old[3].text, t2.reply);
    QCOMPARE(store.messages(a)[2].text, QStringLiteral("Tell me about dogs"));
    // The edited turn ran from the state after turn 1: a conversation asking "dogs" directly answers the same.
    const qint64 b = store.createConversation(QStringLiteral("direct"));
    session.send(b, ChatSession::kNewestBranch, QStringLiteral("Hi"), seeded());
    const TurnStats direct = session.send(b, ChatSession::kNewestBranch, QStringLiteral("Tell me about dogs"), seeded());
    QCOMPARE(e.reply, direct.reply);
    QVERIFY(sameFloats(session.cachedState(a, e.assistantMessageId)->to_host(),
                       session.cachedState(b, direct.assistantMessageId)->to_host()));
    // Editing the first message makes a second root; branching from turn 1's reply continues there.
    const TurnStats root = session.edit(a, t1.userMessageId, QStringLiteral("Hello"), seeded());
    QCOMPARE(root.parentId, 0);
    QCOMPARE(root.source, StateSource::Fresh);
    const TurnStats branch = session.send(a, t1.assistantMessageId, QStringLiteral("Another question"), seeded());
    QCOMPARE(store.branch(branch.assistantMessageId)[1].id, t1.assistantMessageId);
    QCOMPARE(store.allMessages(a).size(), 10);
}

void TestChatBranches::noStateLeaksBetweenConversations() {
    // One session serves two conversations turn by turn (RWKV-Runner#441: the second chat knew the first's facts).
    store::ConversationStore store(QStringLiteral(":memory:"));
    ChatSession session(store, *model_, *tokenizer_);
    const qint64 a = store.createConversation(QStringLiteral("A"), QStringLiteral("Secrets are fine."));
    const qint64 b = store.createConversation(QStringLiteral("B"));
    session.send(a, ChatSession::kNewestBranch, QStringLiteral("My password is swordfish-42."), seeded());
    const TurnStats b1 = session.send(b, ChatSession::kNewestBranch, QStringLiteral("What is my password?"), seeded());
    session.send(a, ChatSession::kNewestBranch, QStringLiteral("Remember it."), seeded());
    const TurnStats b2 = session.send(b, ChatSession::kNewestBranch, QStringLiteral("Say it again."), seeded());

    // B alone, in a fresh database and session: the same replies and bit-identical states and logits.
    store::ConversationStore clean(QStringLiteral(":memory:"));
    ChatSession alone(clean, *model_, *tokenizer_);
    const qint64 only = clean.createConversation(QStringLiteral("B"));
    const TurnStats c1 = alone.send(only, ChatSession::kNewestBranch, QStringLiteral("What is my password?"), seeded());
    const TurnStats c2 = alone.send(only, ChatSession::kNewestBranch, QStringLiteral("Say it again."), seeded());
    QCOMPARE(b1.reply, c1.reply);
    QCOMPARE(b2.reply, c2.reply);
    const std::vector<float> mixed = session.cachedState(b, b2.assistantMessageId)->to_host();
    const std::vector<float> clean2 = alone.cachedState(only, c2.assistantMessageId)->to_host();
    QVERIFY(sameFloats(mixed, clean2));
    QVERIFY(sameFloats(logitsAfter(*session.cachedState(b, b2.assistantMessageId), "User: password?"),
                       logitsAfter(*alone.cachedState(only, c2.assistantMessageId), "User: password?")));
    // A's state is something else entirely.
    QVERIFY(!sameFloats(session.cachedState(a)->to_host(), mixed));
    // B's state after its first reply, read back from its snapshot, equals the clean run's too.
    session.forget(b);
    QVERIFY(!session.cachedState(b, b1.assistantMessageId));
    QVERIFY(sameFloats(session.stateAfter(b, b1.assistantMessageId).to_host(),
                       alone.cachedState(only, c1.assistantMessageId)->to_host()));
    // Forgetting A leaves B's cached states alone.
    session.forget(a);
    QVERIFY(!session.cachedState(a));
    QVERIFY(session.cachedState(b, b1.assistantMessageId));
}

void TestChatBranches::snapshotOfAnotherModelIsNeverUsed_data() {
    QTest::addColumn<int>("field");
    QTest::newRow("fingerprint") << 0;
    QTest::newRow("weight dtype") << 1;
    QTest::newRow("backend") << 2;
}

void TestChatBranches::snapshotOfAnotherModelIsNeverUsed() {
    QFETCH(int, field);
    store::ConversationStore store(QStringLiteral(":memory:"));
    const qint64 conv = store.createConversation(QStringLiteral("T"));
    TurnStats t1;
    {
        ChatSession session(store, *model_, *tokenizer_);
        t1 = session.send(conv, ChatSession::kNewestBranch, QStringLiteral("One"), seeded(8));
    }
    // The same bytes, relabelled as made by another fingerprint / dtype / backend.
    const store::SnapshotInfo info = *store.latestSnapshot(conv);
    const store::SnapshotPayload bytes = *store.snapshotPayload(info.id);
    store::SnapshotTags other = info.tags;
    (field == 0 ? other.fingerprint : field == 1 ? other.weight_dtype : other.backend) = QStringLiteral("other");
    store.clearSnapshots(conv);
    store.saveSnapshot(conv, {info.message_id, other, bytes});
    ChatSession session(store, *model_, *tokenizer_);
    const TurnStats t2 = session.send(conv, ChatSession::kNewestBranch, QStringLiteral("Two"), seeded(8));
    QCOMPARE(t2.source, StateSource::Reprefill);
    // Another fingerprint is another model; the same model on another backend or weight dtype is named as such.
    const QString want = field == 0 ? QStringLiteral("another model")
                                    : QStringLiteral("was made with %1 %2, this run uses %3 %4")
                                          .arg(other.backend, other.weight_dtype, info.tags.backend, info.tags.weight_dtype);
    QVERIFY2(t2.resumeNote().contains(want), qPrintable(t2.resumeNote()));
    // The foreign snapshot stays for its own model; this model now has its own two.
    int mine = 0, foreign = 0;
    for (const store::SnapshotInfo& s : store.snapshots(conv)) (s.tags == session.snapshotTags() ? mine : foreign)++;
    QCOMPARE(mine, 2);
    QCOMPARE(foreign, 1);
}

void TestChatBranches::otherWeightDtypeRereads() {
    // A real second model: the same file run with fp16 weights gives other states, so it must not reuse fp32 ones.
    LoadOptions f16;
    f16.weight_dtype = DType::F16;
    std::unique_ptr<Model> half = Model::load(RWKV_TESTDATA_DIR "/tiny-rwkv7-834K.pth", f16);
    store::ConversationStore store(QStringLiteral(":memory:"));
    const qint64 conv = store.createConversation(QStringLiteral("D"));
    ChatSession fp32(store, *model_, *tokenizer_);
    fp32.send(conv, ChatSession::kNewestBranch, QStringLiteral("One"), seeded(8));
    ChatSession fp16(store, *half, *tokenizer_);
    QCOMPARE(fp16.snapshotTags().fingerprint, fp32.snapshotTags().fingerprint);
    QCOMPARE(fp16.snapshotTags().weight_dtype, QStringLiteral("fp16"));
    const TurnStats t2 = fp16.send(conv, ChatSession::kNewestBranch, QStringLiteral("Two"), seeded(8));
    QCOMPARE(t2.source, StateSource::Reprefill);
    const TurnStats t3 = fp32.send(conv, ChatSession::kNewestBranch, QStringLiteral("Three"), seeded(8));
    QCOMPARE(t3.source, StateSource::Derived);  // its own snapshot of turn 1 + the text of turn 2
    QCOMPARE(t3.derivedFromMessageId, store.messages(conv)[1].id);
}

void TestChatBranches::partialReplyIsCheckpointed() {
    store::ConversationStore store(QStringLiteral(":memory:"));
    ChatSession session(store, *model_, *tokenizer_);
    const qint64 conv = store.createConversation(QStringLiteral("C"));
    ChatParams p = seeded(120);
    p.checkpointMs = 0;  // every delta
    qint64 replyId = 0;
    int checked = 0;
    std::string shown;
    TurnCallbacks cb;
    cb.onStarted = [&](qint64, qint64 assistant) { replyId = assistant; };
    cb.onDelta = [&](std::string_view d) {
        // The previous deltas are in the database already, marked unfinished.
        const std::optional<store::Message> m = store.message(replyId);
        QVERIFY(m.has_value());
        if (!shown.empty()) {
            QCOMPARE(m->text.toStdString(), shown);
            QVERIFY(!m->finished);
            ++checked;
        }
        shown += d;
    };
    const TurnStats t = session.send(conv, ChatSession::kNewestBranch, QStringLiteral("Write a long story"), p, cb);
    QVERIFY(checked >= 2);
    QVERIFY(store.message(t.assistantMessageId)->finished);
    QCOMPARE(store.message(t.assistantMessageId)->text, t.reply);
}

void TestChatBranches::regenerateStoppedBeforeItsFirstWordAddsNoVersion_data() {
    QTest::addColumn<QString>("stopAt");
    QTest::newRow("during prefill") << QStringLiteral("prefill");        // forward throws Cancelled
    QTest::newRow("prompt read, no token yet") << QStringLiteral("read");  // run() returns Cancelled, 0 tokens
    QTest::newRow("after its first word") << QStringLiteral("word");      // a partial reply: a version
}

// Session 33's check (MED): Stop during a regenerate before its first token left an empty version (‹ 2/2 › with nothing
// in it). Now no version is added: the reply it was to replace and its snapshot stay as they were. Stopped after some
// text, the partial reply is a version, as a Stop of a new message keeps its partial reply.
void TestChatBranches::regenerateStoppedBeforeItsFirstWordAddsNoVersion() {
    QFETCH(QString, stopAt);
    store::ConversationStore store(QStringLiteral(":memory:"));
    ChatSession session(store, *model_, *tokenizer_);
    const qint64 conv = store.createConversation(QStringLiteral("S"));
    const TurnStats first = session.send(conv, ChatSession::kNewestBranch, QStringLiteral("Hello"), seeded(16));
    QVERIFY(first.replySaved && !first.reply.isEmpty());
    const QList<store::SnapshotInfo> before = store.snapshots(conv);
    QCOMPARE(before.size(), 1);
    const std::optional<store::SnapshotPayload> payload = store.snapshotPayload(before[0].id);
    QVERIFY(payload.has_value());

    std::atomic<bool> cancel{stopAt == QLatin1String("prefill")};
    TurnCallbacks cb;
    cb.cancel = &cancel;
    cb.onPrefillProgress = [&](std::size_t done, std::size_t total) {
        if (stopAt == QLatin1String("read") && done == total) cancel = true;
    };
    cb.onDelta = [&](std::string_view) {
        if (stopAt == QLatin1String("word")) cancel = true;
    };
    const TurnStats again = session.regenerate(conv, first.assistantMessageId, seeded(64), cb);
    QVERIFY(again.stopped);
    const QList<qint64> versions = store.siblings(first.assistantMessageId);
    if (stopAt == QLatin1String("word")) {
        QCOMPARE(versions, (QList<qint64>{first.assistantMessageId, again.assistantMessageId}));
        QVERIFY(again.replySaved && !again.replyDiscarded);
        QCOMPARE(again.end, store::ReplyEnd::Stopped);
        QVERIFY(!again.reply.isEmpty());
        QCOMPARE(store.message(again.assistantMessageId)->text, again.reply);
        QVERIFY(store.message(again.assistantMessageId)->finished);
        return;
    }
    QCOMPARE(versions, QList<qint64>{first.assistantMessageId});  // {first, an empty one} before
    QVERIFY(!again.replySaved && again.replyDiscarded);
    QVERIFY(!store.message(again.assistantMessageId).has_value());
    const QList<store::Message> branch = store.messages(conv);
    QCOMPARE(branch.size(), 2);
    QCOMPARE(branch[1].id, first.assistantMessageId);
    QCOMPARE(branch[1].text, first.reply);
    const QList<store::SnapshotInfo> after = store.snapshots(conv);
    QCOMPARE(after.size(), 1);
    QCOMPARE(after[0].id, before[0].id);
    QCOMPARE(after[0].message_id, first.assistantMessageId);
    QCOMPARE(store.snapshotPayload(after[0].id)->bytes, payload->bytes);

    // The next regenerate is version 2 of 2.
    const TurnStats third = session.regenerate(conv, first.assistantMessageId, seeded(16));
    QVERIFY(third.replySaved && !third.reply.isEmpty());
    QCOMPARE(store.siblings(first.assistantMessageId),
             (QList<qint64>{first.assistantMessageId, third.assistantMessageId}));
}

void TestChatBranches::thinkModesShapeThePrompt() {
    store::ConversationStore store(QStringLiteral(":memory:"));
    ChatSession session(store, *model_, *tokenizer_);
    const qint64 think = store.createConversation(QStringLiteral("think"));
    store.setThinkMode(think, store::ThinkMode::Think);
    const TurnStats t = session.send(think, ChatSession::kNewestBranch, QStringLiteral("2+2?"), seeded(16));
    QCOMPARE(t.prefillTokens, qint64(tokenCount(format_user_turn("2+2?", "", true, rwkv::ThinkMode::Think))));
    // The model's ">" opens a reasoning block ("<think>"); without it the reply is the answer alone, never "<think…".
    QVERIFY2(t.reply.startsWith(QStringLiteral("<think>")) || !t.reply.startsWith(QStringLiteral("<think")),
             qPrintable(t.reply));
    const qint64 fake = store.createConversation(QStringLiteral("fake"));
    store.setThinkMode(fake, store::ThinkMode::FakeThink);
    const TurnStats f = session.send(fake, ChatSession::kNewestBranch, QStringLiteral("2+2?"), seeded(16));
    QCOMPARE(f.prefillTokens, qint64(tokenCount(format_user_turn("2+2?", "", true, rwkv::ThinkMode::FakeThink))));
    QVERIFY(!f.reply.startsWith(QLatin1Char('>')));
}

void TestChatBranches::refusesBadTargets() {
    store::ConversationStore store(QStringLiteral(":memory:"));
    ChatSession session(store, *model_, *tokenizer_);
    const qint64 a = store.createConversation(QStringLiteral("a"));
    const qint64 b = store.createConversation(QStringLiteral("b"));
    const TurnStats t = session.send(a, ChatSession::kNewestBranch, QStringLiteral("hi"), seeded(4));
    const int before = store.allMessages(a).size();
    QVERIFY_THROWS_EXCEPTION(ChatError, session.send(a, t.userMessageId, QStringLiteral("x"), seeded(4)));  // a question
    QVERIFY_THROWS_EXCEPTION(ChatError, session.send(b, t.assistantMessageId, QStringLiteral("x"), seeded(4)));
    QVERIFY_THROWS_EXCEPTION(ChatError, session.send(a, 99999, QStringLiteral("x"), seeded(4)));
    QVERIFY_THROWS_EXCEPTION(ChatError, session.regenerate(b, t.assistantMessageId, seeded(4)));
    QVERIFY_THROWS_EXCEPTION(ChatError, session.regenerate(a, 99999, seeded(4)));
    QVERIFY_THROWS_EXCEPTION(ChatError, session.edit(a, t.assistantMessageId, QStringLiteral("x"), seeded(4)));
    QVERIFY_THROWS_EXCEPTION(ChatError, session.edit(a, t.userMessageId, QStringLiteral("   "), seeded(4)));
    QCOMPARE(store.allMessages(a).size(), before);
    QCOMPARE(store.allMessages(b).size(), 0);
}

void TestChatBranches::presets() {
    QCOMPARE(samplingPresetNames(), (QStringList{"chat", "precise", "creative", "custom"}));
    QCOMPARE(samplingPreset(QStringLiteral("chat"))->top_p, 0.3f);
    QCOMPARE(samplingPreset(QStringLiteral("precise"))->top_p, 0.1f);
    QCOMPARE(samplingPreset(QStringLiteral("creative"))->temperature, 1.2f);
    QVERIFY(!samplingPreset(QString()));
    QVERIFY(!samplingPreset(QStringLiteral("bogus")));
}

// "custom" gives exactly the SamplerParams set (seed 0, as the other presets) and its own longest reply; the others
// keep the turn's.
void TestChatBranches::customPresetTakesTheSetValues() {
    CustomSampling custom;
    custom.sampler.temperature = 0.7f;
    custom.sampler.top_p = 0.85f;
    custom.sampler.presence_penalty = 0.2f;
    custom.sampler.frequency_penalty = 1.25f;
    custom.sampler.penalty_decay = 0.99f;
    custom.sampler.seed = 99;  // not kept: a reply's seed comes from its ChatParams
    custom.maxTokens = 77;
    setCustomSampling(custom);
    const std::optional<SamplerParams> p = samplingPreset(QStringLiteral("custom"));
    QVERIFY(p);
    QCOMPARE(p->temperature, 0.7f);
    QCOMPARE(p->top_p, 0.85f);
    QCOMPARE(p->top_k, 0);
    QCOMPARE(p->presence_penalty, 0.2f);
    QCOMPARE(p->frequency_penalty, 1.25f);
    QCOMPARE(p->penalty_decay, 0.99f);
    QCOMPARE(p->seed, std::uint64_t(0));
    SamplerParams base;
    base.seed = 5;
    QCOMPARE(withSamplingPreset(base, QStringLiteral("custom")).top_p, 0.85f);
    QCOMPARE(withSamplingPreset(base, QStringLiteral("custom")).seed, std::uint64_t(5));
    QCOMPARE(samplingPresetMaxTokens(QStringLiteral("custom"), 3), 77);
    QCOMPARE(samplingPresetMaxTokens(QStringLiteral("precise"), 3), 3);
    QCOMPARE(samplingPresetMaxTokens(QString(), 3), 3);
    setCustomSampling({});
    QCOMPARE(samplingPreset(QStringLiteral("custom"))->top_p, 0.3f);  // the chat preset's again
}

void TestChatBranches::greedyCustomTurnIsTheGreedyReply_data() {
    QTest::addColumn<float>("temperature");
    QTest::addColumn<float>("topP");
    QTest::newRow("temperature 0") << 0.0f << 1.0f;
    QTest::newRow("top-p 0") << 1.5f << 0.0f;
}

// A chat on Custom with temperature 0 (or top-p 0) replies greedily: whatever its seed, the reply is the demo model's
// greedy reply to the same question; Custom's longest reply is the turn's limit, read by the session at the turn.
void TestChatBranches::greedyCustomTurnIsTheGreedyReply() {
    QFETCH(float, temperature);
    QFETCH(float, topP);
    store::ConversationStore store(tmp_.filePath(QStringLiteral("custom-%1.sqlite").arg(QTest::currentDataTag())));
    ChatSession session(store, *model_, *tokenizer_);
    ChatParams greedy;
    greedy.sampler.temperature = 0;
    greedy.maxTokens = 12;
    const qint64 plain = store.createConversation(QStringLiteral("G"), QStringLiteral("Answer briefly."));
    const TurnStats expected = session.send(plain, ChatSession::kNewestBranch, QStringLiteral("Hello"), greedy);
    QCOMPARE(expected.end, store::ReplyEnd::LengthLimit);  // the demo model writes on to the limit
    QVERIFY(!expected.reply.isEmpty());

    CustomSampling custom;
    custom.sampler.temperature = temperature;
    custom.sampler.top_p = topP;
    custom.maxTokens = 12;
    setCustomSampling(custom);
    for (const std::uint64_t seed : {1u, 777u}) {
        const qint64 onCustom = store.createConversation(QStringLiteral("C"), QStringLiteral("Answer briefly."));
        store.setSamplingPreset(onCustom, QStringLiteral("custom"));
        ChatParams params = seeded(500);  // temperature 1, top-p 1: replaced by Custom's; the limit by its 12 tokens
        params.sampler.seed = seed;
        params.useConversationPreset = true;
        const TurnStats t = session.send(onCustom, ChatSession::kNewestBranch, QStringLiteral("Hello"), params);
        QCOMPARE(t.reply, expected.reply);
        QCOMPARE(t.decodeTokens, expected.decodeTokens);
        QCOMPARE(t.end, store::ReplyEnd::LengthLimit);
    }
    setCustomSampling({});
}

QTEST_GUILESS_MAIN(TestChatBranches)
#include "test_chat_branches.moc"
