// tests/app/test_store_fork.cpp — "New chat from here" in the store (ConversationStore::forkConversation,
// app/core/store/conversation_store_fork.cpp): the branch up to a message and its saved states copied as stored, the
// chat's settings kept, other versions and the message's replies left out; bad ids and a chat in the trash refused
// with nothing written. That the copy goes on from the state without reading the text again:
// tests/cli/test_cli_fork.cpp.
#include "store/conversation_store.h"

#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include "store/database.h"

using namespace rwkv::store;

namespace {

SnapshotTags tags(const char* dtype) { return {QStringLiteral("0123456789abcdef"), QString::fromLatin1(dtype), QStringLiteral("cpu")}; }

NewSnapshot state(qint64 messageId, const char* dtype, int size, quint32 seed) {
    QByteArray bytes(size, Qt::Uninitialized);
    QRandomGenerator rng(seed);
    for (char& b : bytes) b = char(rng.bounded(256));
    return {messageId, tags(dtype), {CodecId::Zstd, qint64(size) * 3, bytes}};
}

/// One reply's turn: the question under `parent`, the reply with its readouts and `states` taken right after it.
std::pair<qint64, qint64> turn(ConversationStore& store, qint64 id, qint64 parent, const QString& q, const QString& r,
                               qint64 tokens, QList<NewSnapshot> states = {}) {
    const auto [user, reply] = store.beginTurn(id, parent, q);
    for (NewSnapshot& s : states) s.message_id = reply;
    Readouts ro{tokens * 10 + 3, tokens * 1.5, tokens * 2.25, 41.5, StateSourceCode::Snapshot};
    store.saveTurnResult(id, reply, r, tokens, ro, states, QStringLiteral("rwkv7-g1-0.1b.gguf"), true,
                         tokens % 2 ? ReplyEnd::Stopped : ReplyEnd::LengthLimit);
    return {user, reply};
}

/// What a reader of the whole library sees: every conversation (trash too) with its messages and states.
QString everything(const ConversationStore& store) {
    QString out;
    QList<Conversation> all = store.listConversations() + store.listTrash();
    for (const Conversation& c : all) {
        out += QStringLiteral("%1 %2 %3|").arg(c.id).arg(c.title).arg(c.updated_at);
        for (const Message& m : store.allMessages(c.id)) out += QString::number(m.id) + m.text + QLatin1Char(',');
        for (const SnapshotInfo& s : store.snapshots(c.id)) out += QStringLiteral("s%1@%2,").arg(s.id).arg(s.message_id);
    }
    return out;
}

}  // namespace

class TestStoreFork : public QObject {
    Q_OBJECT

private slots:
    void copiesTheBranchUpToTheMessageAndItsStates();
    void withoutAStateItCopiesTheText();
    void atNoMessageItKeepsTheSettingsOnly();
    void badIdsAndTheTrashWriteNothing();
    void onlyThePathsMessagesAreCopied();
};

void TestStoreFork::copiesTheBranchUpToTheMessageAndItsStates() {
    ConversationStore store(QStringLiteral(":memory:"));
    store.setRetentionPolicy({100, 0, true});  // every state stays: which ones go over is what is tested
    const qint64 folder = store.createFolder(QStringLiteral("Reading"));
    const qint64 c = store.createConversation(QStringLiteral("Long report"), QStringLiteral("Answer briefly."),
                                              QStringLiteral("/states/tuned.pth"), QString(64, u'a'));
    store.setSamplingPreset(c, QStringLiteral("precise"));
    store.setThinkMode(c, ThinkMode::FakeThink);
    store.setFolder(c, folder);
    const auto [q1, r1] = turn(store, c, 0, QStringLiteral("Read this: …"), QStringLiteral("Done reading."), 7,
                               {state(0, "fp32", 5000, 1)});
    const auto [q2, r2] = turn(store, c, r1, QStringLiteral("What is on page 2?"), QStringLiteral("A table."), 12,
                               {state(0, "fp32", 70000, 2), state(0, "int8", 3000, 3)});
    const qint64 r2b = store.beginReply(c, q2);  // another version of that reply: not copied
    store.saveTurnResult(c, r2b, QStringLiteral("A chart."), 3, {}, {state(r2b, "fp32", 900, 4)});
    turn(store, c, r2, QStringLiteral("And page 3?"), QStringLiteral("Notes."), 5,
         {state(0, "fp32", 800, 5)});  // R2's replies: not copied
    const QList<Message> before = store.allMessages(c);
    const QList<SnapshotInfo> statesBefore = store.snapshots(c);

    const qint64 f = store.forkConversation(c, r2, QStringLiteral("From here: Long report"));
    QVERIFY(f != c && f > 0);
    const Conversation orig = *store.conversation(c);
    const Conversation fork = *store.conversation(f);
    QCOMPARE(fork.title, QStringLiteral("From here: Long report"));
    QCOMPARE(fork.system_prompt, QStringLiteral("Answer briefly."));
    QCOMPARE(fork.start_state, QStringLiteral("/states/tuned.pth"));
    QCOMPARE(fork.start_state_sha256, QString(64, u'a'));
    QCOMPARE(fork.sampling_preset, QStringLiteral("precise"));
    QCOMPARE(fork.think_mode, ThinkMode::FakeThink);
    QCOMPARE(fork.model_name, QStringLiteral("rwkv7-g1-0.1b.gguf"));
    QCOMPARE(fork.folder_id, folder);
    QVERIFY(!fork.pinned);
    QCOMPARE(fork.viewed_leaf_id, 0);
    QVERIFY(fork.last_used_at > orig.last_used_at);
    QCOMPARE(store.listConversations().first().id, f);  // the sidebar lists it first

    // The branch root → R2, as stored, renumbered: not R2's other version (A chart.) nor its replies (page 3).
    const QList<Message> copied = store.allMessages(f);
    const QList<qint64> origIds{q1, r1, q2, r2};
    QCOMPARE(copied.size(), 4);
    for (int i = 0; i < 4; ++i) {
        const Message o = *store.message(origIds[i]);
        const Message& m = copied[i];
        QVERIFY(m.id != o.id);
        QCOMPARE(m.conversation_id, f);
        QCOMPARE(m.parent_id, i == 0 ? 0 : copied[i - 1].id);
        QCOMPARE(m.role, o.role);
        QCOMPARE(m.text, o.text);
        QCOMPARE(m.created_at, o.created_at);
        QCOMPARE(m.token_count, o.token_count);
        QCOMPARE(m.finished, o.finished);
        QCOMPARE(m.end, o.end);
        QCOMPARE(m.readouts.prefill_tokens, o.readouts.prefill_tokens);
        QCOMPARE(m.readouts.prefill_ms, o.readouts.prefill_ms);
        QCOMPARE(m.readouts.decode_ms, o.readouts.decode_ms);
        QCOMPARE(m.readouts.ttft_ms, o.readouts.ttft_ms);
        QCOMPARE(m.readouts.state_source, o.readouts.state_source);
    }
    QCOMPARE(copied[3].text, QStringLiteral("A table."));
    QCOMPARE(copied[3].end, ReplyEnd::LengthLimit);
    QCOMPARE(copied[3].token_count, 12);
    QCOMPARE(store.messages(f).last().id, copied[3].id);  // it opens on R2's copy, one version only
    QCOMPARE(store.messages(f).last().sibling_count, 1);

    // R2's two states (fp32 and int8), byte for byte, at R2's copy; R1's is not needed (R2's go on from R2).
    const QList<SnapshotInfo> states = store.snapshots(f);
    QCOMPARE(states.size(), 2);
    for (const SnapshotInfo& s : states) {
        QCOMPARE(s.message_id, copied[3].id);
        const auto o = std::find_if(statesBefore.begin(), statesBefore.end(), [&](const SnapshotInfo& x) {
            return x.message_id == r2 && x.tags == s.tags;
        });
        QVERIFY(o != statesBefore.end());
        QCOMPARE(s.codec, CodecId::Zstd);
        QCOMPARE(s.raw_size, o->raw_size);
        QCOMPARE(store.snapshotPayload(s.id)->bytes, store.snapshotPayload(o->id)->bytes);
    }
    QCOMPARE(store.snapshotPayload(states[0].id)->bytes.size() + store.snapshotPayload(states[1].id)->bytes.size(),
             73000);
    QCOMPARE(store.snapshotPayload(states[1].id)->bytes, state(0, "int8", 3000, 3).payload.bytes);

    // The chat forked from is as it was.
    QCOMPARE(store.allMessages(c).size(), before.size());
    QCOMPARE(store.snapshots(c).size(), statesBefore.size());
    QCOMPARE(store.search(QStringLiteral("A table")).size(), 2);  // the copy is found too
}

void TestStoreFork::withoutAStateItCopiesTheText() {
    ConversationStore store(QStringLiteral(":memory:"));
    const qint64 c = store.createConversation(QStringLiteral("Chat"));
    const auto [q1, r1] = turn(store, c, 0, QStringLiteral("Hi"), QStringLiteral("Hello."), 2);
    turn(store, c, r1, QStringLiteral("More"), QStringLiteral("Sure."), 3, {state(0, "fp16", 100, 9)});
    const qint64 f = store.forkConversation(c, r1, QStringLiteral("From here: Chat"));
    QCOMPARE(store.allMessages(f).size(), 2);
    QCOMPARE(store.messages(f).last().text, QStringLiteral("Hello."));
    QVERIFY(store.snapshots(f).isEmpty());  // the next turn reads "Hi" / "Hello." again, as any chat without a state
    QCOMPARE(store.snapshotBytes(f), 0);
    // At a question: the chat up to it, the question last (the window forks at its parent instead: ChatController).
    const qint64 g = store.forkConversation(c, q1, QStringLiteral("x"));
    QCOMPARE(store.allMessages(g).size(), 1);
    QCOMPARE(store.allMessages(g).first().role, Role::User);
}

void TestStoreFork::atNoMessageItKeepsTheSettingsOnly() {
    ConversationStore store(QStringLiteral(":memory:"));
    const qint64 c = store.createConversation(QStringLiteral("Chat"), QStringLiteral("Be kind."));
    store.setThinkMode(c, ThinkMode::Think);
    turn(store, c, 0, QStringLiteral("Hi"), QStringLiteral("Hello."), 2, {state(0, "fp16", 100, 9)});
    const qint64 f = store.forkConversation(c, 0, QStringLiteral("From here: Chat"));
    QVERIFY(store.allMessages(f).isEmpty());
    QVERIFY(store.snapshots(f).isEmpty());
    QCOMPARE(store.conversation(f)->system_prompt, QStringLiteral("Be kind."));
    QCOMPARE(store.conversation(f)->think_mode, ThinkMode::Think);
}

void TestStoreFork::badIdsAndTheTrashWriteNothing() {
    ConversationStore store(QStringLiteral(":memory:"));
    const qint64 a = store.createConversation(QStringLiteral("A"));
    const auto [qa, ra] = turn(store, a, 0, QStringLiteral("Hi"), QStringLiteral("Hello."), 2, {state(0, "fp32", 64, 1)});
    const qint64 b = store.createConversation(QStringLiteral("B"));
    const auto [qb, rb] = turn(store, b, 0, QStringLiteral("Yo"), QStringLiteral("Hey."), 2, {state(0, "fp32", 64, 2)});
    const qint64 trashed = store.createConversation(QStringLiteral("Old"));
    const auto [qt, rt] = turn(store, trashed, 0, QStringLiteral("Old"), QStringLiteral("Gone."), 2);
    store.deleteConversation(trashed);
    const QString before = everything(store);
    const qint64 bytes = store.snapshotBytes();

    const auto refused = [&](qint64 conv, qint64 msg, const QByteArray& words) {
        try {
            store.forkConversation(conv, msg, QStringLiteral("Fork"));
        } catch (const StoreError& e) {
            const QString what = QString::fromUtf8(e.what());
            if (!what.contains(QString::fromUtf8(words)) || !what.contains(QLatin1String("nothing was written")))
                qWarning("%s", e.what());
            return what.contains(QString::fromUtf8(words)) && what.contains(QLatin1String("nothing was written"));
        }
        return false;
    };
    QVERIFY(refused(999, ra, "unknown conversation 999"));
    QVERIFY(refused(a, 999, "unknown message 999"));
    QVERIFY(refused(a, rb, "message " + QByteArray::number(rb) + " belongs to conversation " + QByteArray::number(b)));
    QVERIFY(refused(trashed, rt, "is in the trash"));
    QVERIFY(refused(trashed, 0, "is in the trash"));
    QCOMPARE(everything(store), before);
    QCOMPARE(store.snapshotBytes(), bytes);
    QCOMPARE(store.listConversations().size(), 2);
    QCOMPARE(store.listTrash().size(), 1);
    Q_UNUSED(qa);
    Q_UNUSED(qb);
    Q_UNUSED(qt);
}

// The copy is made by id from the parent walk alone (branchIds), not from the rows read whole: a chat of several
// versions at several turns gives the path's messages only, in order, each the parent of the next, numbered after
// every id the table ever held (a deleted newest message's id is not taken again); a loop of parents or a parent in
// another chat (damaged rows) gives the messages the window shows for that branch (ConversationStore::branch).
void TestStoreFork::onlyThePathsMessagesAreCopied() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("versions.sqlite"));
    ConversationStore store(path);
    const qint64 c = store.createConversation(QStringLiteral("Versions"));
    const auto [q1, r1] = turn(store, c, 0, QStringLiteral("Q1"), QStringLiteral("R1"), 1);
    const qint64 r1b = store.beginReply(c, q1);  // R1's other version, with its own turn below
    store.saveTurnResult(c, r1b, QStringLiteral("R1b"), 1, {}, {});
    turn(store, c, r1b, QStringLiteral("Q2 under R1b"), QStringLiteral("R2 under R1b"), 1);
    const auto [q2, r2] = turn(store, c, r1, QStringLiteral("Q2"), QStringLiteral("R2"), 2);
    const auto [q2b, r2b] = turn(store, c, r1, QStringLiteral("Q2b"), QStringLiteral("R2b"), 3);  // Q2 edited
    const auto [q3, r3] = turn(store, c, r2b, QStringLiteral("Q3"), QStringLiteral("R3"), 4);
    const qint64 r3b = store.beginReply(c, q3);
    store.saveTurnResult(c, r3b, QStringLiteral("R3b"), 1, {}, {});
    turn(store, c, r3, QStringLiteral("Q4"), QStringLiteral("R4"), 5);  // below the fork point
    const qint64 gone = store.addMessage(c, r3b, Role::User, QStringLiteral("deleted"));  // the table's largest id
    Database(path).exec("DELETE FROM messages WHERE id = " + std::to_string(gone));
    const auto texts = [](const QList<Message>& ms) {
        QStringList out;
        for (const Message& m : ms) out << m.text;
        return out;
    };

    const qint64 f = store.forkConversation(c, r3, QStringLiteral("From here"));
    const QList<Message> copied = store.allMessages(f);
    QCOMPARE(texts(copied), (QStringList{QStringLiteral("Q1"), QStringLiteral("R1"), QStringLiteral("Q2b"),
                                         QStringLiteral("R2b"), QStringLiteral("Q3"), QStringLiteral("R3")}));
    QCOMPARE(copied.first().id, gone + 1);
    for (qsizetype i = 0; i < copied.size(); ++i) {
        QCOMPARE(copied[i].parent_id, i == 0 ? 0 : copied[i - 1].id);
        QCOMPARE(copied[i].sibling_count, 1);
    }
    QCOMPARE(texts(store.messages(f)), texts(copied));
    QCOMPARE(copied.last().token_count, 4);
    Q_UNUSED(q2);
    Q_UNUSED(r2);
    Q_UNUSED(q2b);

    // Damaged rows: Q1 made a reply to R2b (a loop: R2b → Q2b → R1 → Q1 → R2b, cut where it closes), then to a message
    // of another chat.
    const qint64 other = store.createConversation(QStringLiteral("Other"));
    const qint64 elsewhere = store.addMessage(other, 0, Role::User, QStringLiteral("elsewhere"));
    for (const qint64 parent : {r2b, elsewhere}) {
        Database(path).exec("UPDATE messages SET parent_id = " + std::to_string(parent) + " WHERE id = " +
                            std::to_string(q1));
        const QList<Message> shown = store.branch(r3);
        const qint64 g = store.forkConversation(c, r3, QStringLiteral("From here"));
        QCOMPARE(texts(store.allMessages(g)), texts(shown));
        QCOMPARE(store.allMessages(g).size(), 6);  // from Q1, where the loop closes or the parent is not of this chat
        QCOMPARE(store.messages(g).first().damage, 0);  // the copy is a plain chain
    }
}

QTEST_GUILESS_MAIN(TestStoreFork)
#include "test_store_fork.moc"
