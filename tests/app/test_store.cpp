// tests/app/test_store.cpp — ConversationStore (conversations, message tree, library: pin, last use, trash, search),
// Database, Transaction and the download store (app/core/store/), on ":memory:" and on files in a QTemporaryDir.
// Opening a library file (versions, migrations, damaged, read-only, full disk, error messages): test_store_files.cpp;
// snapshots: test_store_snapshots.cpp; the v2 fixture and damaged files: test_store_migration.cpp.
#include "store/conversation_store.h"
#include "store/database.h"
#include "store/download_store.h"
#include "store/transaction.h"

#include <sqlite3.h>  // result-code constants only

#include <QDateTime>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <thread>
#include <tuple>

using namespace rwkv::store;


namespace {

QByteArray randomBytes(qsizetype size, quint32 seed) {
    QByteArray bytes(size, Qt::Uninitialized);
    QRandomGenerator rng(seed);
    rng.fillRange(reinterpret_cast<quint32*>(bytes.data()), size / 4);
    return bytes;
}

NewSnapshot rawSnapshot(qint64 messageId, const QByteArray& bytes, const QString& fingerprint = QStringLiteral("fp")) {
    return {messageId, {fingerprint, QStringLiteral("fp32"), QStringLiteral("cpu")},
            {SnapshotCodec::Raw, bytes.size(), bytes}};
}

QByteArray payloadOf(ConversationStore& store, qint64 conversationId) {
    const auto info = store.latestSnapshot(conversationId);
    if (!info) return {};
    return store.snapshotPayload(info->id)->bytes;
}

// A new conversation of `turns` questions "Q1", "Q2", ... each answered, every question a reply to the answer before:
// the ids, question then answer, turn by turn (for the hand-made damage of the parent tests).
QList<qint64> chainOfTurns(ConversationStore& store, qint64 conversation, int turns) {
    QList<qint64> ids;
    qint64 parent = 0;
    for (int turn = 1; turn <= turns; ++turn) {
        const auto [u, a] = store.beginTurn(conversation, parent, QStringLiteral("Q%1").arg(turn));
        ids << u << a;
        parent = a;
    }
    return ids;
}

}  // namespace

class TestStore : public QObject {
    Q_OBJECT

private slots:
    void conversationsRoundTrip();
    void halfASurrogatePairIsStoredAsAReplacementCharacter();
    void messageTree();
    void siblingsAndNewestLeaf();
    void viewedBranchIsKept();
    void aLoopOfParentsEndsEveryWalk();
    void aParentThatDoesNotExistIsAFirstMessage();
    void stateBlobRoundTrip_data();
    void stateBlobRoundTrip();
    void saveTurnResultIsAtomic();
    void replyEndIsKept();
    void deleteCascades();
    void pinLastUseAndSettings();
    void trashRestoreAndPurge();
    void searchFindsSubstringsInAnyScript();
    void transactionRollsBackUnlessCommitted();
    void downloadStoreRoundTrip();
    void sharedBetweenTwoThreads();
};

void TestStore::conversationsRoundTrip() {
    ConversationStore store(QStringLiteral(":memory:"));
    QCOMPARE(store.listConversations().size(), 0);

    const qint64 a = store.createConversation(QStringLiteral("First"), QStringLiteral("Be brief."));
    const qint64 b = store.createConversation(QStringLiteral("第二个 chat"));
    QVERIFY(a > 0 && b > a);

    QList<Conversation> list = store.listConversations();
    QCOMPARE(list.size(), 2);
    QCOMPARE(list[0].id, b);  // newest first
    QCOMPARE(list[0].title, QStringLiteral("第二个 chat"));
    QCOMPARE(list[1].system_prompt, QStringLiteral("Be brief."));
    QVERIFY(list[0].updated_at > list[1].updated_at);

    // A new message moves a conversation to the top; a rename does not.
    store.addMessage(a, 0, Role::User, QStringLiteral("hello"));
    store.renameConversation(b, QStringLiteral("Renamed"));
    list = store.listConversations();
    QCOMPARE(list[0].id, a);
    QCOMPARE(list[1].title, QStringLiteral("Renamed"));

    store.setSystemPrompt(b, QStringLiteral("You are RWKV."));
    const std::optional<Conversation> c = store.conversation(b);
    QVERIFY(c.has_value());
    QCOMPARE(c->system_prompt, QStringLiteral("You are RWKV."));
    QVERIFY(c->created_at > 0 && c->created_at <= c->updated_at);
    QVERIFY(!store.conversation(12345).has_value());

    QVERIFY_THROWS_EXCEPTION(StoreError, store.renameConversation(12345, QStringLiteral("x")));
    QVERIFY_THROWS_EXCEPTION(StoreError, store.addMessage(12345, 0, Role::User, QStringLiteral("x")));
}

// Session 47's trial: a JSON export whose message held half a surrogate pair ("A\ud800B", valid JSON) was imported as
// "A?B" — QString::toUtf8 writes "?" for it, a character a reader and the model take for a question mark. Every text
// stored gets U+FFFD there instead, as a title did already (cappedTitle); a whole pair (an emoji) is kept.
void TestStore::halfASurrogatePairIsStoredAsAReplacementCharacter() {
    ConversationStore store(QStringLiteral(":memory:"));
    const QString lone = QStringLiteral("A") + QChar(0xD800) + QStringLiteral("B") + QChar(0xDFFF) +
                         QStringLiteral(" \U0001F986 ") + QChar(0xDC00);
    const QString kept = QStringLiteral("A\uFFFDB\uFFFD \U0001F986 \uFFFD");
    const qint64 c = store.createConversation(QStringLiteral("t"), lone);
    const qint64 m = store.addMessage(c, 0, Role::User, lone);
    QCOMPARE(store.message(m)->text, kept);  // before: "A?B? 🦆 ?"
    QCOMPARE(store.conversation(c)->system_prompt, kept);
    QCOMPARE(store.search(QStringLiteral("A\uFFFDB")).size(), 1);
}

void TestStore::messageTree() {
    ConversationStore store(QStringLiteral(":memory:"));
    const qint64 c = store.createConversation(QStringLiteral("tree"));
    QCOMPARE(store.messages(c).size(), 0);

    const qint64 sys = store.addMessage(c, 0, Role::System, QStringLiteral("sys"));
    const qint64 u1 = store.addMessage(c, sys, Role::User, QStringLiteral("Q1"));
    const qint64 a1 = store.addMessage(c, u1, Role::Assistant, QStringLiteral("A1 first try"));
    const qint64 a1b = store.addMessage(c, u1, Role::Assistant, QString(), /*finished=*/false);  // regenerate

    QList<Message> branch = store.messages(c);
    QCOMPARE(branch.size(), 3);
    QCOMPARE(branch[0].id, sys);
    QCOMPARE(branch[0].parent_id, 0);
    QCOMPARE(branch[0].role, Role::System);
    QCOMPARE(branch[1].id, u1);
    QCOMPARE(branch[2].id, a1b);
    QCOMPARE(branch[2].parent_id, u1);
    QCOMPARE(branch[2].finished, false);

    store.updateMessageText(a1b, QStringLiteral("A1 second try, partial"), false);
    store.updateMessageText(a1b, QStringLiteral("A1 second try, done"), true);
    const std::optional<Message> m = store.message(a1b);
    QVERIFY(m.has_value());
    QCOMPARE(m->text, QStringLiteral("A1 second try, done"));
    QCOMPARE(m->finished, true);
    QCOMPARE(m->conversation_id, c);

    const QList<Message> old = store.branch(a1);
    QCOMPARE(old.size(), 3);
    QCOMPARE(old[2].text, QStringLiteral("A1 first try"));
    QCOMPARE(store.allMessages(c).size(), 4);
    QCOMPARE(store.branch(999).size(), 0);

    // Continuing the old branch makes it current again.
    const qint64 u2 = store.addMessage(c, a1, Role::User, QStringLiteral("Q2"));
    branch = store.messages(c);
    QCOMPARE(branch.size(), 4);
    QCOMPARE(branch[2].id, a1);
    QCOMPARE(branch[3].id, u2);

    // A parent from another conversation is refused.
    const qint64 other = store.createConversation(QStringLiteral("other"));
    QVERIFY_THROWS_EXCEPTION(StoreError, store.addMessage(other, u1, Role::User, QStringLiteral("x")));
    QCOMPARE(store.allMessages(other).size(), 0);
    QVERIFY_THROWS_EXCEPTION(StoreError, store.updateMessageText(999, QStringLiteral("x"), true));
}

void TestStore::stateBlobRoundTrip_data() {
    QTest::addColumn<bool>("onFile");
    QTest::newRow("memory") << false;
    QTest::newRow("file") << true;
}

void TestStore::stateBlobRoundTrip() {
    QFETCH(bool, onFile);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = onFile ? dir.filePath(QStringLiteral("chats.sqlite")) : QStringLiteral(":memory:");
    const QByteArray blob = randomBytes(3 * 1024 * 1024 + 12, 42);  // > 3 chunks of incremental blob I/O
    const QString fingerprint = QStringLiteral("b470775281e7425a");

    auto store = std::make_unique<ConversationStore>(path);
    const qint64 c = store->createConversation(QStringLiteral("state"));
    const auto [u, a] = store->beginTurn(c, 0, QStringLiteral("Hi"));
    QCOMPARE(store->message(a)->finished, false);
    Readouts r;
    r.prefill_tokens = 12;
    r.prefill_ms = 3.5;
    r.decode_ms = 70;
    r.ttft_ms = 9.25;
    r.state_source = StateSourceCode::Fresh;
    store->saveTurnResult(c, a, QStringLiteral("Hello! 你好"), 7, r, {rawSnapshot(a, blob, fingerprint)},
                          QStringLiteral("tiny.pth"));

    auto check = [&](ConversationStore& s) {
        const QList<SnapshotInfo> snaps = s.snapshots(c);
        QCOMPARE(snaps.size(), 1);
        QCOMPARE(snaps[0].conversation_id, c);
        QCOMPARE(snaps[0].message_id, a);
        QCOMPARE(snaps[0].tags.fingerprint, fingerprint);
        QCOMPARE(snaps[0].tags.weight_dtype, QStringLiteral("fp32"));
        QCOMPARE(snaps[0].tags.backend, QStringLiteral("cpu"));
        QCOMPARE(snaps[0].raw_size, blob.size());
        QCOMPARE(snaps[0].stored_size, blob.size());
        const auto payload = s.snapshotPayload(snaps[0].id);
        QVERIFY(payload.has_value());
        QCOMPARE(payload->codec, SnapshotCodec::Raw);
        QVERIFY(payload->bytes == blob);
        QCOMPARE(s.snapshotBytes(c), blob.size());
        const QList<Message> msgs = s.messages(c);
        QCOMPARE(msgs.size(), 2);
        QCOMPARE(msgs[1].text, QStringLiteral("Hello! 你好"));
        QCOMPARE(msgs[1].token_count, 7);
        QCOMPARE(msgs[1].finished, true);
        QCOMPARE(msgs[1].readouts.prefill_tokens, 12);
        QCOMPARE(msgs[1].readouts.prefill_ms, 3.5);
        QCOMPARE(msgs[1].readouts.decode_ms, 70.0);
        QCOMPARE(msgs[1].readouts.ttft_ms, 9.25);
        QCOMPARE(msgs[1].readouts.state_source, StateSourceCode::Fresh);
        QCOMPARE(msgs[1].decodeTokensPerSecond(), 100.0);
        QCOMPARE(s.conversation(c)->model_name, QStringLiteral("tiny.pth"));
    };
    check(*store);
    if (onFile) {
        store.reset();
        ConversationStore reopened(path);
        check(reopened);
        // Same message and tags: replaced in place; other tags: a second row; no snapshots: left alone.
        const QByteArray second = randomBytes(1000, 7);
        reopened.saveSnapshot(c, rawSnapshot(a, second, fingerprint));
        QCOMPARE(reopened.snapshots(c).size(), 1);
        QCOMPARE(payloadOf(reopened, c), second);
        reopened.saveSnapshot(c, rawSnapshot(a, blob, QStringLiteral("00000000deadbeef")));
        QCOMPARE(reopened.snapshots(c).size(), 2);
        reopened.saveTurnResult(c, a, QStringLiteral("edited"), 3, {}, {});
        QCOMPARE(reopened.snapshots(c).size(), 2);
        reopened.clearSnapshots(c);
        QVERIFY(!reopened.latestSnapshot(c).has_value());
        QCOMPARE(reopened.snapshotBytes(), 0);
    }
}

// How a reply ended (schema v5) is kept with it: read back by every reader after the file is opened again, through an
// import, and an unknown stored value (a later version's) reads as a reply that ended by itself. Before, a reply stopped
// or cut by a quit was kept as a finished one without a word (session 28's trial, N8).
void TestStore::replyEndIsKept() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("ends.sqlite"));
    qint64 c = 0;
    QList<qint64> replies;
    const QList<ReplyEnd> ends = {ReplyEnd::ByItself, ReplyEnd::Stopped, ReplyEnd::Closed, ReplyEnd::LengthLimit};
    {
        ConversationStore store(path);
        c = store.createConversation(QStringLiteral("ends"));
        qint64 parent = 0;
        for (const ReplyEnd end : ends) {
            const auto [u, a] = store.beginTurn(c, parent, QStringLiteral("Q%1").arg(int(end)));
            QCOMPARE(store.message(a)->end, ReplyEnd::ByItself);  // the placeholder
            store.saveTurnResult(c, a, QStringLiteral("A%1").arg(int(end)), 4, {}, {}, {}, true, end);
            replies << a;
            parent = a;
        }
    }
    ConversationStore store(path);
    const QList<Message> branch = store.messages(c);
    QCOMPARE(branch.size(), 8);
    const QList<Message> all = store.allMessages(c);
    for (qsizetype i = 0; i < ends.size(); ++i) {
        QCOMPARE(store.message(replies[i])->end, ends[i]);
        QCOMPARE(branch[2 * i + 1].end, ends[i]);
        QCOMPARE(all[2 * i + 1].end, ends[i]);
        QVERIFY(branch[2 * i + 1].finished);
        QCOMPARE(branch[2 * i].end, ReplyEnd::ByItself);  // the questions
    }
    ConversationImport copy;
    copy.conversation.title = QStringLiteral("copy");
    copy.messages = all;
    const qint64 imported = store.importConversation(copy);
    const QList<Message> importedBranch = store.messages(imported);
    QCOMPARE(importedBranch.size(), 8);
    for (qsizetype i = 0; i < ends.size(); ++i) QCOMPARE(importedBranch[2 * i + 1].end, ends[i]);
    {
        Database db(path);
        auto s = db.cached("UPDATE messages SET reply_end = 7 WHERE id = ?1");
        s->bindInt64(1, replies[1]);
        s->run();
    }
    QCOMPARE(store.message(replies[1])->end, ReplyEnd::ByItself);  // a later version's value: read as finished
}

void TestStore::saveTurnResultIsAtomic() {
    ConversationStore store(QStringLiteral(":memory:"));
    const qint64 c = store.createConversation(QStringLiteral("atomic"));
    const qint64 u = store.addMessage(c, 0, Role::User, QStringLiteral("Q"));
    const qint64 a = store.addMessage(c, u, Role::Assistant, QStringLiteral("partial"), false);
    store.saveSnapshot(c, rawSnapshot(a, QByteArray("old state"), QStringLiteral("fp-old")));
    const qint64 updatedBefore = store.conversation(c)->updated_at;

    // The message update and the first snapshot succeed, then the second violates CHECK (raw_size >= 0).
    NewSnapshot bad = rawSnapshot(a, randomBytes(4096, 1), QStringLiteral("fp-new"));
    bad.payload.raw_size = -1;
    try {
        store.saveTurnResult(c, a, QStringLiteral("final text"), 42, {},
                             {rawSnapshot(a, QByteArray("good"), QStringLiteral("fp-other")), bad});
        QFAIL("saveTurnResult with a negative raw size did not throw");
    } catch (const StoreError& e) {
        QCOMPARE(e.extendedCode(), SQLITE_CONSTRAINT_CHECK);
        QVERIFY2(QByteArray(e.what()).contains("CHECK constraint failed"), e.what());
        QVERIFY2(QByteArray(e.what()).contains("saveTurnResult (nothing was written)"), e.what());
        QVERIFY(QByteArray::fromStdString(e.sql()).contains("INTO snapshots ("));
    }
    const std::optional<Message> m = store.message(a);
    QCOMPARE(m->text, QStringLiteral("partial"));
    QCOMPARE(m->finished, false);
    QCOMPARE(m->token_count, 0);
    QCOMPARE(store.snapshots(c).size(), 1);
    QCOMPARE(payloadOf(store, c), QByteArray("old state"));
    QCOMPARE(store.conversation(c)->updated_at, updatedBefore);

    // A message of another conversation is refused, and nothing is written either.
    const qint64 other = store.createConversation(QStringLiteral("other"));
    QVERIFY_THROWS_EXCEPTION(StoreError, store.saveTurnResult(other, a, QStringLiteral("x"), 1, {},
                                                              {rawSnapshot(a, QByteArray("s"))}));
    QCOMPARE(store.message(a)->text, QStringLiteral("partial"));
    QVERIFY(!store.latestSnapshot(other).has_value());
    // An empty fingerprint is refused before SQL.
    QVERIFY_THROWS_EXCEPTION(StoreError, store.saveSnapshot(c, rawSnapshot(a, QByteArray("s"), QString())));

    // The store is still usable after the failures.
    store.saveTurnResult(c, a, QStringLiteral("final text"), 42, {}, {rawSnapshot(a, QByteArray("new"), QStringLiteral("fp-new"))});
    QCOMPARE(store.message(a)->text, QStringLiteral("final text"));
    QCOMPARE(store.snapshots(c).size(), 2);  // fp-old and fp-new: one per model
}

void TestStore::deleteCascades() {
    ConversationStore store(QStringLiteral(":memory:"));
    const qint64 keep = store.createConversation(QStringLiteral("keep"));
    const qint64 kept = store.addMessage(keep, 0, Role::User, QStringLiteral("stay here"));
    const qint64 gone = store.createConversation(QStringLiteral("gone"));
    const qint64 u = store.addMessage(gone, 0, Role::User, QStringLiteral("Q about zebras"));
    const qint64 a = store.addMessage(gone, u, Role::Assistant, QStringLiteral("A about zebras"));
    store.saveSnapshot(gone, rawSnapshot(a, randomBytes(1024, 3)));
    QCOMPARE(store.search(QStringLiteral("zebras")).size(), 2);

    store.deleteConversationForever(gone);
    QVERIFY(!store.conversation(gone).has_value());
    QCOMPARE(store.allMessages(gone).size(), 0);
    QVERIFY(!store.message(u).has_value());
    QVERIFY(!store.message(a).has_value());
    QVERIFY(!store.latestSnapshot(gone).has_value());
    QCOMPARE(store.snapshotBytes(), 0);
    QCOMPARE(store.search(QStringLiteral("zebras")).size(), 0);  // the FTS rows went with the messages
    QCOMPARE(store.listConversations().size(), 1);
    QCOMPARE(store.message(kept)->text, QStringLiteral("stay here"));
    QCOMPARE(store.search(QStringLiteral("stay")).size(), 1);
    store.deleteConversationForever(gone);  // unknown ids are ignored
}

void TestStore::siblingsAndNewestLeaf() {
    ConversationStore store(QStringLiteral(":memory:"));
    const qint64 c = store.createConversation(QStringLiteral("branches"));
    const auto [u1, a1] = store.beginTurn(c, 0, QStringLiteral("Q1"));
    const qint64 a1b = store.beginReply(c, u1);                       // regenerate: sibling of a1
    const auto [u2, a2] = store.beginTurn(c, a1, QStringLiteral("Q2 on the first reply"));
    const auto [u1b, a1c] = store.beginTurn(c, 0, QStringLiteral("Q1 edited"));  // edit of Q1: a second root

    QList<Message> b = store.messages(c);  // the newest branch: u1b, a1c
    QCOMPARE(b.size(), 2);
    QCOMPARE(store.newestMessage(c).value().id, a1c);  // its last message, read alone (leafToShow)
    QCOMPARE(store.newestMessage(c)->role, Role::Assistant);
    QVERIFY(!store.newestMessage(store.createConversation(QStringLiteral("empty"))));
    QCOMPARE(b[0].id, u1b);
    QCOMPARE(b[0].sibling_index, 2);
    QCOMPARE(b[0].sibling_count, 2);
    QCOMPARE(b[1].sibling_count, 1);

    b = store.branch(a2);
    QCOMPARE(b.size(), 4);
    QCOMPARE(b[0].id, u1);
    QCOMPARE(b[0].sibling_index, 1);
    QCOMPARE(b[0].sibling_count, 2);
    QCOMPARE(b[1].id, a1);
    QCOMPARE(b[1].sibling_index, 1);
    QCOMPARE(b[1].sibling_count, 2);
    QCOMPARE(b[3].id, a2);
    QCOMPARE(store.branch(a1b)[1].sibling_index, 2);

    QCOMPARE(store.newestLeafUnder(u1), a2);   // a2 is newer than a1b
    QCOMPARE(store.newestLeafUnder(a1b), a1b);
    QCOMPARE(store.newestLeafUnder(u1b), a1c);
    QCOMPARE(store.newestLeafUnder(9999), 0);
    QVERIFY_THROWS_EXCEPTION(StoreError, store.beginTurn(c, 9999, QStringLiteral("x")));
    QCOMPARE(store.allMessages(c).size(), 7);
}

// A damaged row that makes a message its own ancestor (UPDATE messages SET parent_id = <the newest> WHERE id = <the
// first>: 1 -> 6 -> 5 -> ... -> 1; PRAGMA integrity_check still says ok) ends every walk of the tree: the viewed and the
// newest leaf, the branch shown (the chain from the leaf up to the first message seen twice), a new turn under it and
// the retention of its snapshots (a leaf below the loop). Before, each walk went round the loop for ever: the app hung
// at start in viewedLeaf, rwkv-cli conversations list / export / chat too (session 22's trial, F1).
void TestStore::aLoopOfParentsEndsEveryWalk() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("loop.sqlite"));
    qint64 c = 0;
    QList<qint64> ids;
    {
        ConversationStore store(path);
        c = store.createConversation(QStringLiteral("Loop"));
        ids = chainOfTurns(store, c, 3);
        store.setViewedBranch(c, ids[3]);
        Database db(path);
        db.exec("UPDATE messages SET parent_id = " + std::to_string(ids[5]) + " WHERE id = " + std::to_string(ids[0]));
    }
    ConversationStore store(path);
    QCOMPARE(store.viewedLeaf(c), ids[5]);  // the subtree of ids[3] is the whole loop
    QCOMPARE(store.newestLeafUnder(ids[0]), ids[5]);
    const auto idsOf = [](const QList<Message>& branch) {
        QList<qint64> out;
        for (const Message& m : branch) out << m.id;
        return out;
    };
    QCOMPARE(idsOf(store.messages(c)), ids);
    QCOMPARE(idsOf(store.branch(ids[2])), (QList<qint64>{ids[3], ids[4], ids[5], ids[0], ids[1], ids[2]}));
    // Where the loop closes is said on the branch's first message, for the window (session 25's trial, N3c: stderr only).
    QCOMPARE(store.branch(ids[2]).first().damage, int(ParentsLoop));
    QCOMPARE(store.messages(c).first().damage, int(ParentsLoop));
    QCOMPARE(store.messages(c).first().parent_id, ids[5]);
    for (const Message& m : store.messages(c).mid(1)) QCOMPARE(m.damage, 0);

    // A turn continues it; saving its reply with a snapshot applies the retention policy (every walk up from a leaf).
    const auto [u, a] = store.beginTurn(c, ids[5], QStringLiteral("Q4"));
    QVERIFY(store.saveTurnResult(c, a, QStringLiteral("A4"), 2, {}, {rawSnapshot(a, randomBytes(4096, 7))}));
    QCOMPARE(idsOf(store.messages(c)), (ids + QList<qint64>{u, a}));
    QCOMPARE(store.latestSnapshot(c)->message_id, a);
}

// A parent_id naming no message (a hand-made row, session 26's trial, F6) hid the messages above it without a word: the
// branch began at the orphan with no flag, and "Hello" / "Hi" had no sibling arrow leading to them.
void TestStore::aParentThatDoesNotExistIsAFirstMessage() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("orphan.sqlite"));
    qint64 c = 0, other = 0, otherMessage = 0;
    QList<qint64> ids;
    {
        ConversationStore store(path);
        c = store.createConversation(QStringLiteral("Orphan"));
        ids = chainOfTurns(store, c, 2);
        other = store.createConversation(QStringLiteral("Other"));
        otherMessage = store.addMessage(other, 0, Role::User, QStringLiteral("elsewhere"));
        Database db(path);
        db.exec("PRAGMA foreign_keys = OFF");  // as the sqlite3 shell has it
        db.exec("UPDATE messages SET parent_id = 999 WHERE id = " + std::to_string(ids[2]));
    }
    ConversationStore store(path);
    const QList<Message> shown = store.messages(c);
    QCOMPARE(shown.size(), 2);
    QCOMPARE(shown[0].id, ids[2]);
    QCOMPARE(shown[0].parent_id, 999);  // read as it is, flagged, nothing written
    QCOMPARE(shown[0].damage, int(ParentMissing));
    QCOMPARE(shown[1].damage, 0);
    QCOMPARE(damageRow(shown[0]), QStringLiteral("message %1: it is saved as a reply to message 999, which does not "
                                                 "exist, so it is shown as a first message").arg(ids[2]));
    // It and the true first message are siblings: the branch of each is one step away.
    QCOMPARE(shown[0].sibling_index, 2);
    QCOMPARE(shown[0].sibling_count, 2);
    QCOMPARE(store.siblings(ids[2]), (QList<qint64>{ids[0], ids[2]}));
    QCOMPARE(store.siblings(ids[0]), (QList<qint64>{ids[0], ids[2]}));
    const QList<Message> hidden = store.branch(store.newestLeafUnder(ids[0]));
    QCOMPARE(hidden.size(), 2);
    QCOMPARE(hidden[0].id, ids[0]);
    QCOMPARE(hidden[0].damage, 0);
    QCOMPARE(hidden[0].sibling_count, 2);
    QCOMPARE(hidden[0].sibling_index, 1);
    // A parent in another conversation is not this one's either.
    Database(path).exec("UPDATE messages SET parent_id = " + std::to_string(otherMessage) + " WHERE id = " +
                        std::to_string(ids[2]));  // the key is met: the message exists
    QCOMPARE(store.messages(c).size(), 2);
    QCOMPARE(store.messages(c).first().damage, int(ParentMissing));
    QCOMPARE(store.siblings(otherMessage), QList<qint64>{otherMessage});
}

// The branch a conversation was last viewed on (schema v4): kept per conversation, grows with its branch, and a
// message that is not in that conversation is never stored.
void TestStore::viewedBranchIsKept() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("viewed.sqlite"));
    qint64 c = 0, other = 0, u1 = 0, a1 = 0, a1b = 0, a1c = 0, otherLeaf = 0;
    {
        ConversationStore store(path);
        c = store.createConversation(QStringLiteral("branches"));
        other = store.createConversation(QStringLiteral("other"));
        std::tie(u1, a1) = store.beginTurn(c, 0, QStringLiteral("Q1"));
        a1b = store.beginReply(c, u1);  // regenerated: the newest branch
        otherLeaf = store.beginTurn(other, 0, QStringLiteral("elsewhere")).second;
        QCOMPARE(store.viewedLeaf(c), 0);  // nothing stored: the newest branch
        QCOMPARE(store.conversation(c)->viewed_leaf_id, 0);
        const qint64 updated = store.conversation(c)->updated_at;
        const qint64 used = store.conversation(c)->last_used_at;

        store.setViewedBranch(c, a1);
        QCOMPARE(store.conversation(c)->viewed_leaf_id, a1);
        QCOMPARE(store.viewedLeaf(c), a1);
        QCOMPARE(store.conversation(c)->updated_at, updated);  // a view setting: the list order stays
        QCOMPARE(store.conversation(c)->last_used_at, used);
        store.setViewedBranch(c, otherLeaf);  // another conversation's message: ignored
        store.setViewedBranch(c, 9999);       // no such message: ignored
        store.setViewedBranch(9999, a1);      // no such conversation: ignored
        QCOMPARE(store.conversation(c)->viewed_leaf_id, a1);
        QCOMPARE(store.viewedLeaf(other), 0);

        // The viewed branch grows: the new turn under a1 is shown whole, not a1 alone.
        a1c = store.beginTurn(c, a1, QStringLiteral("Q2 on the first reply")).second;
        QVERIFY(a1c > a1b);
        QCOMPARE(store.viewedLeaf(c), a1c);
        store.setViewedBranch(c, a1b);
        QCOMPARE(store.viewedLeaf(c), a1b);
    }
    {
        ConversationStore store(path);  // kept in the file
        QCOMPARE(store.viewedLeaf(c), a1b);
        QCOMPARE(store.branch(store.viewedLeaf(c)).size(), 2);
        store.setViewedBranch(c, 0);  // back to the newest branch
        QCOMPARE(store.conversation(c)->viewed_leaf_id, 0);
        QCOMPARE(store.viewedLeaf(c), 0);
        store.setViewedBranch(c, a1);
    }
    {
        ConversationStore store(path, ConversationStore::OpenMode::ReadOnly);
        store.setViewedBranch(c, a1b);  // ignored, not an error (like markUsed)
        QCOMPARE(store.viewedLeaf(c), a1c);
    }
}

void TestStore::pinLastUseAndSettings() {
    ConversationStore store(QStringLiteral(":memory:"));
    const qint64 a = store.createConversation(QStringLiteral("a"));
    const qint64 b = store.createConversation(QStringLiteral("b"));
    const qint64 c = store.createConversation(QStringLiteral("c"));
    auto order = [&] {
        QList<qint64> ids;
        for (const Conversation& x : store.listConversations()) ids << x.id;
        return ids;
    };
    QCOMPARE(order(), (QList<qint64>{c, b, a}));
    store.markUsed(a);  // opened: moves up without a new message
    QCOMPARE(order(), (QList<qint64>{a, c, b}));
    QVERIFY(store.conversation(a)->last_used_at > store.conversation(a)->updated_at);
    store.setPinned(b, true);
    QCOMPARE(order(), (QList<qint64>{b, a, c}));
    store.addMessage(c, 0, Role::User, QStringLiteral("hi"));
    QCOMPARE(order(), (QList<qint64>{b, c, a}));  // pinned stays first
    store.setPinned(b, false);
    QCOMPARE(order(), (QList<qint64>{c, a, b}));
    QVERIFY_THROWS_EXCEPTION(StoreError, store.setPinned(999, true));

    store.setSamplingPreset(a, QStringLiteral("creative"));
    store.setThinkMode(a, ThinkMode::FakeThink);
    const Conversation x = *store.conversation(a);
    QCOMPARE(x.sampling_preset, QStringLiteral("creative"));
    QCOMPARE(x.think_mode, ThinkMode::FakeThink);
    QVERIFY(!x.pinned);
    QCOMPARE(x.deleted_at, 0);
    QVERIFY_THROWS_EXCEPTION(StoreError, store.setThinkMode(999, ThinkMode::Think));
}

void TestStore::trashRestoreAndPurge() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("trash.sqlite"));
    qint64 old = 0, recent = 0, live = 0;
    {
        ConversationStore store(path);
        old = store.createConversation(QStringLiteral("old"));
        recent = store.createConversation(QStringLiteral("recent"));
        live = store.createConversation(QStringLiteral("live"));
        const qint64 m = store.addMessage(old, 0, Role::User, QStringLiteral("forgotten words"));
        store.saveSnapshot(old, rawSnapshot(store.addMessage(old, m, Role::Assistant, QStringLiteral("ok")),
                                            randomBytes(512, 9)));
        store.deleteConversation(old);
        store.deleteConversation(recent);
        QCOMPARE(store.listConversations().size(), 1);
        QCOMPARE(store.listTrash().size(), 2);
        QVERIFY(store.conversation(old)->deleted_at > 0);
        // No new turn in a trashed conversation (it would be purged with it): rwkv-cli chat --conversation wrote one.
        QVERIFY_THROWS_EXCEPTION(StoreError, store.beginTurn(old, m + 1, QStringLiteral("more")));
        try {
            store.beginReply(old, m);
            QFAIL("beginReply wrote into a trashed conversation");
        } catch (const StoreError& e) {
            QVERIFY2(QString::fromUtf8(e.what()).contains(QLatin1String("is in the trash")), e.what());
        }
        QCOMPARE(store.messages(old).size(), 2);
        QCOMPARE(store.search(QStringLiteral("forgotten")).size(), 0);  // trash is not searched
        QVERIFY(store.restoreConversation(recent));
        QVERIFY(!store.restoreConversation(recent));  // not in the trash any more
        QVERIFY(!store.restoreConversation(12345));
        QCOMPARE(store.listConversations().size(), 2);
        QVERIFY(store.restoreConversation(old));
        QCOMPARE(store.search(QStringLiteral("forgotten")).size(), 1);
        store.deleteConversation(old);
    }
    {
        // 31 days later: opening the store purges it with its messages and snapshots.
        Database db(path);
        auto s = db.cached("UPDATE conversations SET deleted_at = deleted_at - 31 * 86400000 WHERE id = ?1");
        s->bindInt64(1, old);
        s->run();
    }
    ConversationStore store(path);
    QCOMPARE(store.purgedOnOpen(), 1);
    QVERIFY(!store.conversation(old).has_value());
    QCOMPARE(store.snapshotBytes(), 0);
    QCOMPARE(store.listTrash().size(), 0);
    QCOMPARE(store.listConversations().size(), 2);
    store.deleteConversation(live);
    QCOMPARE(store.purgeTrash(QDateTime::currentMSecsSinceEpoch() - 1000 * 86400000LL), 0);  // too recent
    QCOMPARE(store.purgeTrash(QDateTime::currentMSecsSinceEpoch() + 1), 1);
    QVERIFY(!store.conversation(live).has_value());
}

void TestStore::searchFindsSubstringsInAnyScript() {
    ConversationStore store(QStringLiteral(":memory:"));
    const qint64 c1 = store.createConversation(QStringLiteral("Travel"));
    const qint64 c2 = store.createConversation(QStringLiteral("中文"));
    const qint64 m1 = store.addMessage(c1, 0, Role::User, QStringLiteral("Which Ferry goes to Helsinki?"));
    const qint64 m2 = store.addMessage(c1, m1, Role::Assistant, QStringLiteral("The ferry from Tallinn."));
    const qint64 m3 = store.addMessage(c2, 0, Role::User, QStringLiteral("我想学习人工智能的基础知识"));
    const qint64 m4 = store.addMessage(c2, m3, Role::Assistant, QString(), false);

    QList<SearchHit> hits = store.search(QStringLiteral("FERRY"));  // case-insensitive, newest first
    QCOMPARE(hits.size(), 2);
    QCOMPARE(hits[0].message_id, m2);
    QCOMPARE(hits[0].conversation_id, c1);
    QCOMPARE(hits[0].title, QStringLiteral("Travel"));
    QCOMPARE(hits[0].role, Role::Assistant);
    QVERIFY2(hits[0].snippet.contains(QStringLiteral("\uE000ferry\uE001")), qPrintable(hits[0].snippet));
    QCOMPARE(hits[1].message_id, m1);

    hits = store.search(QStringLiteral("人工智能"));  // no spaces to split at: trigrams still match
    QCOMPARE(hits.size(), 1);
    QCOMPARE(hits[0].message_id, m3);
    QCOMPARE(hits[0].title, QStringLiteral("中文"));
    hits = store.search(QStringLiteral("学习"));  // 2 characters: the scan path
    QCOMPARE(hits.size(), 1);
    QVERIFY2(hits[0].snippet.contains(QStringLiteral("\uE000学习\uE001")), qPrintable(hits[0].snippet));
    QCOMPARE(store.search(QStringLiteral("elsink")).size(), 1);
    QCOMPARE(store.search(QStringLiteral("submarine")).size(), 0);
    QCOMPARE(store.search(QStringLiteral("  ")).size(), 0);
    QCOMPARE(store.search(QStringLiteral("\"quoted\" OR text*")).size(), 0);  // no FTS syntax leaks through

    // Kept in sync: streamed text becomes searchable, replaced text stops matching.
    store.updateMessageText(m4, QStringLiteral("机器学习是人工智能的一部分"), true);
    QCOMPARE(store.search(QStringLiteral("人工智能")).size(), 2);
    store.updateMessageText(m2, QStringLiteral("Take the boat."), true);
    QCOMPARE(store.search(QStringLiteral("ferry")).size(), 1);
    QCOMPARE(store.search(QStringLiteral("boat")).size(), 1);
    QCOMPARE(store.search(QStringLiteral("e"), 2).size(), 2);  // limit

    // The 1-2 character scan (LIKE): ASCII case folding, and %, _ and \ are plain characters there.
    const qint64 c3 = store.createConversation(QStringLiteral("Symbols"));
    store.addMessage(c3, 0, Role::User, QStringLiteral("Disk 95% full, path C:\\tmp"));
    QCOMPARE(store.search(QStringLiteral("TA")).size(), 1);  // "Take the boat."
    QCOMPARE(store.search(QStringLiteral("5%")).size(), 1);
    QCOMPARE(store.search(QStringLiteral("%")).size(), 1);
    QCOMPARE(store.search(QStringLiteral("_")).size(), 0);   // not "any character"
    QCOMPARE(store.search(QStringLiteral("k%")).size(), 0);  // not "k, then anything"
    QCOMPARE(store.search(QStringLiteral(":\\")).size(), 1);
    QCOMPARE(store.search(QStringLiteral("\\")).size(), 1);
}

void TestStore::transactionRollsBackUnlessCommitted() {
    Database db(QStringLiteral(":memory:"));
    db.exec("CREATE TABLE t (x INTEGER)");
    auto count = [&] {
        auto s = db.cached("SELECT count(*) FROM t");
        s->step();
        return s->columnInt64(0);
    };
    {
        Transaction tx(db);
        db.exec("INSERT INTO t VALUES (1)");
        QCOMPARE(count(), 1);
    }  // no commit: rolled back
    QCOMPARE(count(), 0);
    {
        Transaction tx(db);
        db.exec("INSERT INTO t VALUES (2)");
        tx.commit();
    }
    QCOMPARE(count(), 1);

    // Statement errors carry the SQL and SQLite's message.
    try {
        db.exec("INSERT INTO missing VALUES (1)");
        QFAIL("no error");
    } catch (const StoreError& e) {
        QVERIFY2(QByteArray(e.what()).contains("no such table: missing"), e.what());
        QCOMPARE(e.sql(), std::string("INSERT INTO missing VALUES (1)"));
        QCOMPARE(e.code(), SQLITE_ERROR);
    }
}

void TestStore::downloadStoreRoundTrip() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("dl.sqlite"));
    try {
        DownloadStore tooEarly(path);  // a new file, not migrated yet
        QFAIL("DownloadStore opened an unmigrated file");
    } catch (const StoreError& e) {
        QVERIFY2(QByteArray(e.what()).contains("schema version 2"), e.what());
    }
    ConversationStore conversations(path);
    const qint64 conv = conversations.createConversation(QStringLiteral("chat"));
    DownloadStore store(path);
    DownloadRecord r;
    r.id = QStringLiteral("m1");
    r.file_name = QStringLiteral("m1.pth");
    r.target_dir = dir.path();
    r.source = QStringLiteral("hf-mirror");
    r.urls_json = QStringLiteral("{\"hf-mirror\":\"https://hf-mirror.com/x\"}");
    r.validator = QStringLiteral("\"etag\"");
    r.expected_size = 5000000000;
    r.expected_sha256 = QStringLiteral("ab");
    r.bytes_done = 42;
    r.state = 3;
    store.save(r);
    store.updateProgress(QStringLiteral("m1"), 4096, 4, QStringLiteral("Disk full"));
    const auto back = store.find(QStringLiteral("m1"));
    QVERIFY(back.has_value());
    QCOMPARE(back->file_name, r.file_name);
    QCOMPARE(back->source, r.source);
    QCOMPARE(back->urls_json, r.urls_json);
    QCOMPARE(back->validator, r.validator);
    QCOMPARE(back->expected_size, 5000000000);
    QCOMPARE(back->bytes_done, 4096);
    QCOMPARE(back->state, 4);
    QCOMPARE(back->message, QStringLiteral("Disk full"));
    QVERIFY(back->created_at > 0);
    QCOMPARE(store.list().size(), 1);
    store.remove(QStringLiteral("m1"));
    QVERIFY(!store.find(QStringLiteral("m1")).has_value());
    QCOMPARE(conversations.conversation(conv)->title, QStringLiteral("chat"));  // same file, untouched
}

void TestStore::sharedBetweenTwoThreads() {
    // The GUI thread reads and adds messages while the InferenceWorker thread checkpoints and saves turns.
    QTemporaryDir dir;
    ConversationStore store(dir.filePath(QStringLiteral("threads.sqlite")));
    const qint64 c = store.createConversation(QStringLiteral("threads"));
    const qint64 root = store.addMessage(c, 0, Role::User, QStringLiteral("Q"));
    const qint64 reply = store.addMessage(c, root, Role::Assistant, QString(), false);
    std::atomic<int> workerErrors{0};
    std::thread worker([&] {
        try {
            for (int i = 0; i < 200; ++i) {
                store.updateMessageText(reply, QString::number(i), false);
                store.saveTurnResult(c, reply, QString::number(i), i, {}, {rawSnapshot(reply, QByteArray(64, char(i)))});
            }
        } catch (const StoreError&) {
            ++workerErrors;
        }
    });
    for (int i = 0; i < 200; ++i) {
        store.addMessage(c, root, Role::Assistant, QStringLiteral("sibling %1").arg(i));
        QVERIFY(store.messages(c).size() == 2);
        QVERIFY(store.listConversations().size() == 1);
    }
    worker.join();
    QCOMPARE(workerErrors.load(), 0);
    QCOMPARE(store.message(reply)->text, QStringLiteral("199"));
    QCOMPARE(payloadOf(store, c), QByteArray(64, char(199)));
    QCOMPARE(store.allMessages(c).size(), 202);
}


QTEST_GUILESS_MAIN(TestStore)
#include "test_store.moc"
