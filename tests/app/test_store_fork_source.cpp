// tests/app/test_store_fork_source.cpp — "read once, ask many" (ux-anchors §3 item 5): the message a chat was made from
// by "New chat from here" keeps its saved states in the chat it belongs to (retention.h, keepForkSources;
// conversations.forked_from_message_id, schema v8), so every later chat made there goes on from the state too; a
// chat in the trash still holds it, one deleted for good lets go; "Free space used by saved states" does not keep it.
// The policy alone: snapshotsToPrune. That such a chat
// resumes without reading the text again: tests/cli/test_cli_fork.cpp (readOnceAskMany).
#include "store/conversation_store.h"
#include "store/retention.h"

#include <QDateTime>
#include <QTest>

#include <algorithm>

using namespace rwkv::store;

namespace {

NewSnapshot state(qint64 messageId, char fill) {
    const QByteArray bytes(4096, fill);
    return {messageId, {QStringLiteral("0123456789abcdef"), QStringLiteral("fp16"), QStringLiteral("cpu")},
            {CodecId::Raw, bytes.size(), bytes}};
}

/// One turn under `parent` with the state right after its reply (as the app saves it, retention applied); the reply.
qint64 turn(ConversationStore& store, qint64 id, qint64 parent, const QString& question, char fill) {
    const auto [user, reply] = store.beginTurn(id, parent, question);
    store.saveTurnResult(id, reply, QStringLiteral("Answer to ") + question, 3, Readouts{}, {state(reply, fill)},
                         QStringLiteral("tiny.pth"), true, ReplyEnd::ByItself);
    return reply;
}

/// The messages of conversation `id` that have a saved state, oldest first.
QList<qint64> statesAt(const ConversationStore& store, qint64 id) {
    QList<qint64> at;
    for (const SnapshotInfo& s : store.snapshots(id)) at << s.message_id;
    std::sort(at.begin(), at.end());
    return at;
}

}  // namespace

class TestStoreForkSource : public QObject {
    Q_OBJECT

private slots:
    // A chat read a document (its reply r1), a chat was made from r1, then three more turns in the first chat: r1's
    // state stays (before: only the newest two, r3 and r4, were left), and a second chat made from r1 gets it.
    void theStateAChatWasMadeFromStays() {
        ConversationStore store(QStringLiteral(":memory:"));
        const qint64 c = store.createConversation(QStringLiteral("Report"));
        const qint64 r1 = turn(store, c, 0, QStringLiteral("Read this report: ..."), 'd');
        const qint64 first = store.forkConversation(c, r1, QStringLiteral("From here: Report"));
        QCOMPARE(store.conversation(first)->forked_from_message_id, r1);
        QCOMPARE(store.snapshots(first).size(), 1);
        const qint64 r2 = turn(store, c, r1, QStringLiteral("Q2"), '2');
        const qint64 r3 = turn(store, c, r2, QStringLiteral("Q3"), '3');
        const qint64 r4 = turn(store, c, r3, QStringLiteral("Q4"), '4');
        QCOMPARE(statesAt(store, c), (QList<qint64>{r1, r3, r4}));
        const qint64 second = store.forkConversation(c, r1, QStringLiteral("From here: Report"));
        const QList<SnapshotInfo> copied = store.snapshots(second);
        QCOMPARE(copied.size(), 1);
        QCOMPARE(store.snapshotPayload(copied.first().id)->bytes, QByteArray(4096, 'd'));
        // What it costs: one state per message chats were made from; r2's (no chat made there) goes as before.
        QVERIFY(!statesAt(store, c).contains(r2));
    }

    // A chat made from r1 in the trash still holds r1's state (restored, it is as it was, and the trash is emptied
    // after 30 days); deleted for good, it lets go, and the next turn of the first chat prunes it.
    void theTrashHoldsItAndDeletingForGoodLetsGo() {
        ConversationStore store(QStringLiteral(":memory:"));
        const qint64 c = store.createConversation(QStringLiteral("Report"));
        const qint64 r1 = turn(store, c, 0, QStringLiteral("Read this report: ..."), 'd');
        const qint64 made = store.forkConversation(c, r1, QStringLiteral("From here: Report"));
        store.deleteConversation(made);
        qint64 at = turn(store, c, r1, QStringLiteral("Q2"), '2');
        at = turn(store, c, at, QStringLiteral("Q3"), '3');
        QVERIFY(statesAt(store, c).contains(r1));
        store.deleteConversationForever(made);
        at = turn(store, c, at, QStringLiteral("Q4"), '4');
        QCOMPARE(statesAt(store, c).size(), 2);
        QVERIFY(!statesAt(store, c).contains(r1));
    }

    // "Free space used by saved states" keeps each chat's newest state only, as it says: a message chats were made
    // from is no exception (the chats made there keep their own copies; the next one made there reads the text once).
    void freeingTheSpaceDoesNotKeepThem() {
        ConversationStore store(QStringLiteral(":memory:"));
        const qint64 c = store.createConversation(QStringLiteral("Report"));
        const qint64 r1 = turn(store, c, 0, QStringLiteral("Read this report: ..."), 'd');
        const qint64 made = store.forkConversation(c, r1, QStringLiteral("From here: Report"));
        const qint64 r2 = turn(store, c, r1, QStringLiteral("Q2"), '2');
        QCOMPARE(statesAt(store, c), (QList<qint64>{r1, r2}));
        const ThinResult thinned = store.thinSavedStates();
        QCOMPARE(thinned.statesDeleted, 1);
        QCOMPARE(statesAt(store, c), (QList<qint64>{r2}));
        QCOMPARE(store.snapshots(made).size(), 1);
        QCOMPARE(store.conversation(made)->forked_from_message_id, r1);
    }

    // The policy: a snapshot at a fork source is kept (keepForkSources), not without it; the rest as before.
    void thePolicyKeepsForkSources() {
        // 1 -> 2 -> 3 -> 4 -> 5 -> 6 (user, assistant alternating), a chat made from 2.
        std::vector<RetentionNode> tree;
        for (qint64 id = 1; id <= 6; ++id) tree.push_back({id, id - 1, id % 2 == 0, id == 2});
        const std::vector<RetentionSnapshot> snaps = {{20, 2}, {40, 4}, {60, 6}};
        RetentionPolicy newestOnly{1, 0, true};
        QCOMPARE(snapshotsToPrune(tree, snaps, newestOnly), (std::vector<qint64>{40}));
        newestOnly.keepForkSources = false;
        std::vector<qint64> pruned = snapshotsToPrune(tree, snaps, newestOnly);
        std::sort(pruned.begin(), pruned.end());
        QCOMPARE(pruned, (std::vector<qint64>{20, 40}));
    }
};

QTEST_GUILESS_MAIN(TestStoreForkSource)
#include "test_store_fork_source.moc"
