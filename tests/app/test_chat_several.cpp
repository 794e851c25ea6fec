// test_chat_several.cpp — ChatSession::regenerateSeveral ("3 replies") with the real engine and the bundled tiny RWKV-7
// on the CPU: three versions written at once are, each, what a Regenerate with the same seed writes and stores (text,
// tokens, how it ended, readouts, state_tokens, the saved state's bytes), from the hot state and after a restart (the
// saved state); each is checkpointed as it is written; Stop mid-way keeps each version's text as Stopped; Stop before
// the first word adds none; no seed or too many is refused with nothing written. Code: app/core/chat_session_several.cpp.
#include <QTemporaryDir>
#include <QtTest>

#include <array>
#include <atomic>
#include <map>
#include <memory>

#include "chat_session.h"
#include "store/conversation_store.h"

using namespace rwkv;
using namespace rwkv::app;

class TestChatSeveral : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void threeVersionsAreThreeRegenerates_data();
    void threeVersionsAreThreeRegenerates();
    void eachVersionIsCheckpointedAsItIsWritten();
    void aVersionIsSavedWholeWhenItEnds();
    void stopMidwayKeepsEachTextAsStopped();
    void stopBeforeTheFirstWordAddsNoVersion();
    void noSeedOrTooManyIsRefused();

private:
    static ChatParams params(int maxTokens, quint64 seed = 11) {
        ChatParams p;
        p.sampler.temperature = 1.0f;
        p.sampler.top_p = 0.9f;
        p.sampler.seed = seed;
        p.maxTokens = maxTokens;
        return p;
    }
    /// A chat of two turns ("Hello", then kQuestion answered): (conversation, the answer's id).
    static std::pair<qint64, qint64> chat(store::ConversationStore& store, ChatSession& session) {
        const qint64 conv = store.createConversation(QStringLiteral("C"));
        session.runTurn(conv, QStringLiteral("Hello"), params(8));
        return {conv, session.runTurn(conv, kQuestion, params(24, 3)).assistantMessageId};
    }
    /// The stored bytes of the state saved after message `id`.
    static QByteArray savedState(const store::ConversationStore& store, qint64 conv, qint64 id) {
        for (const store::SnapshotInfo& s : store.snapshots(conv))
            if (s.message_id == id) return store.snapshotPayload(s.id)->bytes;
        return {};
    }

    static inline const QString kQuestion = QStringLiteral("Tell me a story about a cat");
    static constexpr std::array<std::uint64_t, 3> kSeeds{101, 202, 303};
    QTemporaryDir tmp_;
    std::unique_ptr<Model> model_;
    std::unique_ptr<Tokenizer> tokenizer_;
};

void TestChatSeveral::initTestCase() {
    QVERIFY(tmp_.isValid());
    model_ = Model::load(RWKV_TESTDATA_DIR "/tiny-rwkv7-834K.pth");
    tokenizer_ = tokenizer_for_vocab_size(256, RWKV_TESTDATA_DIR "/rwkv_vocab_v20230424.txt");
}

void TestChatSeveral::threeVersionsAreThreeRegenerates_data() {
    QTest::addColumn<bool>("restarted");
    QTest::newRow("hot state") << false;
    QTest::newRow("saved state, after a restart") << true;
}

// The decisive test: two libraries made alike; in one, "3 replies" with three seeds; in the other, three Regenerates
// with those seeds. Each version is stored as its Regenerate is (the rows' ids alike too: the same order).
void TestChatSeveral::threeVersionsAreThreeRegenerates() {
    QFETCH(bool, restarted);
    const QString tag = restarted ? QStringLiteral("restart") : QStringLiteral("hot");
    const QString pathA = tmp_.filePath(tag + QStringLiteral("-several.sqlite"));
    const QString pathB = tmp_.filePath(tag + QStringLiteral("-regenerated.sqlite"));
    store::ConversationStore a(pathA), b(pathB);
    auto sessionA = std::make_unique<ChatSession>(a, *model_, *tokenizer_);
    auto sessionB = std::make_unique<ChatSession>(b, *model_, *tokenizer_);
    const auto [conv, reply] = chat(a, *sessionA);
    QCOMPARE(chat(b, *sessionB), std::make_pair(conv, reply));
    if (restarted) {  // a new session: no state in memory, the one saved after "Hello"'s reply is read
        sessionA = std::make_unique<ChatSession>(a, *model_, *tokenizer_);
        sessionB = std::make_unique<ChatSession>(b, *model_, *tokenizer_);
    }

    std::map<std::size_t, std::string> streamed;
    std::vector<qint64> started;
    std::string firstStreamed;
    TurnCallbacks cb;
    cb.onVersionDelta = [&](std::size_t i, std::string_view d) { streamed[i] += d; };
    cb.onDelta = [&](std::string_view d) { firstStreamed += d; };
    cb.onVersionsStarted = [&](qint64, const std::vector<qint64>& ids) { started = ids; };
    const std::vector<TurnStats> several = sessionA->regenerateSeveral(conv, reply, kSeeds, params(40));
    QCOMPARE(several.size(), kSeeds.size());
    const std::vector<TurnStats> withCallbacks = [&] {
        store::ConversationStore c(QStringLiteral(":memory:"));
        ChatSession s(c, *model_, *tokenizer_);
        const auto [cc, cr] = chat(c, s);
        return s.regenerateSeveral(cc, cr, kSeeds, params(40), cb);
    }();

    QStringList texts;
    for (std::size_t i = 0; i < kSeeds.size(); ++i) {
        if (restarted)  // each Regenerate after its own restart, as the three versions all read the saved state
            sessionB = std::make_unique<ChatSession>(b, *model_, *tokenizer_);
        const TurnStats r = sessionB->regenerate(conv, reply, params(40, kSeeds[i]));
        const TurnStats& s = several[i];
        QCOMPARE(s.assistantMessageId, r.assistantMessageId);
        QCOMPARE(s.userMessageId, r.userMessageId);
        QVERIFY(s.regenerated);
        QCOMPARE(s.reply, r.reply);
        QVERIFY2(!s.reply.isEmpty(), qPrintable(QStringLiteral("version %1").arg(i)));
        QCOMPARE(s.decodeTokens, r.decodeTokens);
        QCOMPARE(s.prefillTokens, r.prefillTokens);
        QCOMPARE(s.end, r.end);
        QCOMPARE(s.reason, r.reason);
        QCOMPARE(s.source, r.source);
        QCOMPARE(s.source, restarted ? StateSource::SavedState : StateSource::Memory);
        QCOMPARE(s.stateTokens, r.stateTokens);
        QVERIFY(s.stateTokens > 0);
        QVERIFY(s.replySaved && s.stateSaved);
        const store::Message ma = *a.message(s.assistantMessageId), mb = *b.message(r.assistantMessageId);
        QCOMPARE(ma.text, mb.text);
        QCOMPARE(ma.token_count, mb.token_count);
        QCOMPARE(ma.end, mb.end);
        QVERIFY(ma.finished);
        QCOMPARE(ma.parent_id, mb.parent_id);
        QCOMPARE(ma.readouts.prefill_tokens, mb.readouts.prefill_tokens);
        QCOMPARE(ma.readouts.state_source, mb.readouts.state_source);
        QCOMPARE(ma.readouts.state_tokens, mb.readouts.state_tokens);
        const QByteArray stateA = savedState(a, conv, s.assistantMessageId);
        QVERIFY(!stateA.isEmpty());
        QCOMPARE(stateA, savedState(b, conv, r.assistantMessageId));  // the state after it, byte for byte
        // Streamed per version, the first one's through onDelta too (what the window shows).
        QCOMPARE(QString::fromStdString(streamed[i]).trimmed(), withCallbacks[i].reply);
        QCOMPARE(withCallbacks[i].reply, s.reply);
        texts << s.reply;
    }
    QCOMPARE(QString::fromStdString(firstStreamed), QString::fromStdString(streamed[0]));
    QCOMPARE(started.size(), kSeeds.size());
    QCOMPARE(started.front(), withCallbacks.front().assistantMessageId);
    QCOMPARE(texts.size(), 3);
    QVERIFY2(texts[0] != texts[1] && texts[1] != texts[2] && texts[0] != texts[2], qPrintable(texts.join(" | ")));
    // Siblings of the old reply: ‹ k/4 ›.
    const QList<store::Message> branch = a.branch(several.back().assistantMessageId);
    QCOMPARE(branch.back().sibling_index, 4);
    QCOMPARE(branch.back().sibling_count, 4);
    // The next turn after a version goes on from its state, as after its Regenerate.
    const TurnStats nextA = sessionA->send(conv, several[1].assistantMessageId, QStringLiteral("And then?"), params(12));
    const TurnStats nextB = sessionB->send(conv, several[1].assistantMessageId, QStringLiteral("And then?"), params(12));
    QCOMPARE(nextA.source, StateSource::Memory);
    QCOMPARE(nextA.reply, nextB.reply);
}

// Every version's row holds its words while they are written (its first words at once): a kill leaves each with its
// text, unfinished (read as "Unfinished" by the window), in a chat that names the model writing them.
void TestChatSeveral::eachVersionIsCheckpointedAsItIsWritten() {
    store::ConversationStore store(QStringLiteral(":memory:"));
    ChatSession session(store, *model_, *tokenizer_);
    const auto [conv, reply] = chat(store, session);
    std::vector<qint64> ids;
    std::map<std::size_t, std::string> streamed;
    std::map<std::size_t, bool> checkedUnfinished;
    TurnCallbacks cb;
    cb.onVersionsStarted = [&](qint64, const std::vector<qint64>& v) { ids = v; };
    cb.onVersionDelta = [&](std::size_t i, std::string_view d) {
        const store::Message m = *store.message(ids[i]);  // read as a killed app leaves it: the pieces before this one
        QVERIFY(!m.finished);
        QCOMPARE(m.text, QString::fromStdString(streamed[i]));
        if (!streamed[i].empty()) checkedUnfinished[i] = true;
        streamed[i] += d;
    };
    ChatParams p = params(30);
    p.checkpointMs = 0;  // every piece (the window: its first words at once, then every 2 s)
    session.setModelName(QStringLiteral("several.pth"));
    QString midReply;  // the chat's model as a kill -9 while the versions are written leaves it
    cb.onDelta = [&](std::string_view) {
        if (midReply.isNull()) midReply = store.conversation(conv)->model_name;
    };
    const std::vector<TurnStats> all = session.regenerateSeveral(conv, reply, kSeeds, p, cb);
    QCOMPARE(checkedUnfinished.size(), kSeeds.size());
    QCOMPARE(midReply, QStringLiteral("several.pth"));  // named as the versions begin, as a regenerate's reply
    for (const TurnStats& s : all) QVERIFY(store.message(s.assistantMessageId)->finished);
}

// A version that ends while another is still written is saved whole at once (text, end, readouts, state), as its
// Regenerate's would be: a kill from then on leaves it finished, not Unfinished with its last checkpoint.
void TestChatSeveral::aVersionIsSavedWholeWhenItEnds() {
    store::ConversationStore store(QStringLiteral(":memory:"));
    ChatSession session(store, *model_, *tokenizer_);
    const auto [conv, reply] = chat(store, session);
    std::vector<qint64> ids;
    std::map<std::size_t, bool> savedWhileOthersWrote;  // version j: its row finished, with its state, at a later delta
    TurnCallbacks cb;
    cb.onVersionsStarted = [&](qint64, const std::vector<qint64>& v) { ids = v; };
    cb.onVersionDelta = [&](std::size_t i, std::string_view) {
        for (std::size_t j = 0; j < ids.size(); ++j)
            if (j != i && store.message(ids[j])->finished && !savedState(store, conv, ids[j]).isEmpty())
                savedWhileOthersWrote[j] = true;
    };
    const std::vector<TurnStats> all = session.regenerateSeveral(conv, reply, kSeeds, params(200), cb);
    // The seeds' versions end at different lengths — at 200 tokens, or the 1-3 bytes more a byte-level reply takes to
    // end its last character (the tiny model does not write the turn's "\n\n" within 200): the shortest ended while
    // the longest went on.
    std::size_t shortest = 0, longest = 0;
    for (std::size_t i = 1; i < all.size(); ++i) {
        if (all[i].decodeTokens < all[shortest].decodeTokens) shortest = i;
        if (all[i].decodeTokens > all[longest].decodeTokens) longest = i;
    }
    QVERIFY2(all[shortest].decodeTokens < all[longest].decodeTokens,
             qPrintable(QStringLiteral("%1 and %2 tokens").arg(all[shortest].decodeTokens).arg(all[longest].decodeTokens)));
    QVERIFY(savedWhileOthersWrote[shortest]);
    const store::Message m = *store.message(all[shortest].assistantMessageId);
    QCOMPARE(m.text, all[shortest].reply);
    QCOMPARE(m.end, all[shortest].end);
    for (const TurnStats& s : all) QVERIFY(s.replySaved && s.stateSaved);
}

// Stop once every version has written words: each keeps its text, saved as Stopped with its state.
void TestChatSeveral::stopMidwayKeepsEachTextAsStopped() {
    store::ConversationStore store(QStringLiteral(":memory:"));
    ChatSession session(store, *model_, *tokenizer_);
    const auto [conv, reply] = chat(store, session);
    std::atomic<bool> cancel{false};
    std::map<std::size_t, int> pieces;
    TurnCallbacks cb;
    cb.cancel = &cancel;
    cb.onVersionDelta = [&](std::size_t i, std::string_view) {
        ++pieces[i];
        if (pieces.size() == kSeeds.size() && pieces[kSeeds.size() - 1] >= 3) cancel = true;
    };
    const std::vector<TurnStats> all = session.regenerateSeveral(conv, reply, kSeeds, params(200), cb);
    QCOMPARE(all.size(), kSeeds.size());
    const TurnStats& last = all.back();
    QVERIFY(last.stopped);
    QCOMPARE(last.end, store::ReplyEnd::Stopped);
    for (const TurnStats& s : all) {
        QVERIFY(!s.replyDiscarded);
        QVERIFY(!s.reply.isEmpty());
        QVERIFY(s.replySaved && s.stateSaved);
        const store::Message m = *store.message(s.assistantMessageId);
        QVERIFY(m.finished);
        QCOMPARE(m.text, s.reply);
        QCOMPARE(m.end, s.end);
        QVERIFY(s.decodeTokens < 200);
    }
    QCOMPARE(store.branch(last.assistantMessageId).back().sibling_count, 4);
}

// Stop before the first word (as the rows are committed): no version is added, the old reply is shown alone again.
void TestChatSeveral::stopBeforeTheFirstWordAddsNoVersion() {
    store::ConversationStore store(QStringLiteral(":memory:"));
    ChatSession session(store, *model_, *tokenizer_);
    const auto [conv, reply] = chat(store, session);
    std::atomic<bool> cancel{false};
    std::vector<qint64> ids;
    TurnCallbacks cb;
    cb.cancel = &cancel;
    cb.onVersionsStarted = [&](qint64, const std::vector<qint64>& v) {
        ids = v;
        QCOMPARE(store.branch(v.back()).back().sibling_count, 4);  // all three rows are there while they are written
        cancel = true;
    };
    const std::vector<TurnStats> all = session.regenerateSeveral(conv, reply, kSeeds, params(50), cb);
    QCOMPARE(all.size(), kSeeds.size());
    for (std::size_t i = 0; i < all.size(); ++i) {
        QCOMPARE(all[i].assistantMessageId, ids[i]);
        QVERIFY(all[i].stopped && all[i].replyDiscarded);
        QVERIFY(!store.message(ids[i]));
    }
    QCOMPARE(store.branch(reply).back().sibling_count, 1);
}

void TestChatSeveral::noSeedOrTooManyIsRefused() {
    store::ConversationStore store(QStringLiteral(":memory:"));
    ChatSession session(store, *model_, *tokenizer_);
    const auto [conv, reply] = chat(store, session);
    const qsizetype before = store.allMessages(conv).size();
    const std::vector<std::uint64_t> none, nine(9, 1);
    QVERIFY_THROWS_EXCEPTION(ChatError, session.regenerateSeveral(conv, reply, none, params(10)));
    QVERIFY_THROWS_EXCEPTION(ChatError, session.regenerateSeveral(conv, reply, nine, params(10)));
    QVERIFY_THROWS_EXCEPTION(ChatError, session.regenerateSeveral(conv, 9999, kSeeds, params(10)));
    QCOMPARE(store.allMessages(conv).size(), before);
}

QTEST_GUILESS_MAIN(TestChatSeveral)
#include "test_chat_several.moc"
