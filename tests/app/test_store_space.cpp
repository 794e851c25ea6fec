// tests/app/test_store_space.cpp — the space saved states take and freeing it (app/core/store/conversation_store_space.cpp,
// retention.h's snapshotsToThin): the figure is the blobs' sizes; thinning keeps exactly the newest state of each
// model on the version a chat opens on and every message; the file shrinks; a process killed midway, or a VACUUM
// that meets a full disk, loses nothing; a thinned chat continued (the real engine, the tiny model, greedy) resumes
// from its kept state and gives the reply an unthinned copy gives.
#include "store/conversation_store.h"
#include "store/database.h"
#include "store/retention.h"
#include "chat_session.h"
#include "rwkv/chat_format.h"
#include "damage_snapshot_pages.h"
#include "disk_quota_vfs.h"
#include "store/damage_mark.h"

#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>

using namespace rwkv::store;

namespace {

const SnapshotTags kModelA{QStringLiteral("aaaaaaaaaaaaaaaa"), QStringLiteral("fp16"), QStringLiteral("cpu")};
const SnapshotTags kModelB{QStringLiteral("bbbbbbbbbbbbbbbb"), QStringLiteral("int8"), QStringLiteral("cpu")};

// `size` random bytes (they do not compress, so the file's size follows them), stored raw.
NewSnapshot randomState(qint64 messageId, const SnapshotTags& tags, qint64 size, quint32 seed) {
    QByteArray bytes(size, Qt::Uninitialized);
    QRandomGenerator rng(seed);
    for (qint64 i = 0; i + 4 <= size; i += 4) {
        const quint32 v = rng.generate();
        std::memcpy(bytes.data() + i, &v, 4);
    }
    return {messageId, tags, {SnapshotCodec::Raw, size, bytes}};
}

// Every message of every conversation, as (id, parent, role, text): what thinning must never touch.
QStringList allRows(const ConversationStore& store) {
    QStringList rows;
    for (const Conversation& c : store.listConversations())
        for (const Message& m : store.allMessages(c.id))
            rows << QStringLiteral("%1/%2/%3/%4/%5").arg(c.id).arg(m.id).arg(m.parent_id).arg(int(m.role)).arg(m.text);
    return rows;
}

// "message id:model" of every saved state of a conversation, by message id.
QStringList stateRows(const ConversationStore& store, qint64 conversationId) {
    QStringList rows;
    for (const SnapshotInfo& s : store.snapshots(conversationId))
        rows << QStringLiteral("%1:%2").arg(s.message_id).arg(s.tags.fingerprint.left(1));
    return rows;
}

QString integrity(const QString& path) {
    Database db(path);
    auto s = db.cached("PRAGMA integrity_check");
    return s->step() ? s->columnText(0) : QString();
}

// A chat of `turns` turns with a state of model A (`size` bytes) after every reply; returns the reply ids.
QList<qint64> chatWithStates(ConversationStore& store, qint64 conversationId, int turns, qint64 size, quint32 seed,
                             qint64 parent = 0) {
    QList<qint64> replies;
    for (int t = 0; t < turns; ++t) {
        const qint64 q = store.addMessage(conversationId, parent, Role::User, QStringLiteral("question %1").arg(t));
        parent = store.addMessage(conversationId, q, Role::Assistant, QStringLiteral("answer %1").arg(t));
        store.saveSnapshot(conversationId, randomState(parent, kModelA, size, seed + quint32(t)));
        replies << parent;
    }
    return replies;
}

constexpr RetentionPolicy kKeepAll{1000, 0, false};

}  // namespace

class TestStoreSpace : public QObject {
    Q_OBJECT

private slots:
    void thinKeepsTheFirstStateUpTheBranch();
    void figureIsTheBlobsSizes();
    void modelsAreNamedAsTheChatsNamedThem();
    void thinningKeepsTheNewestStateOfTheVersionShown();
    void thinningGivesTheSpaceBack();
    void killedMidwayLosesNothing_data();
    void killedMidwayLosesNothing();
    void fullDiskKeepsTheThinningAndSaysSo();
    void damagedStateIsNotAFullDisk_data();
    void damagedStateIsNotAFullDisk();
    void thinnedChatResumesFromItsKeptState();
};

void TestStoreSpace::thinKeepsTheFirstStateUpTheBranch() {
    // 1 - 2 - 3 - 4 (leaf), and 2 - 5 (another version); states at 2, 3, 5.
    const std::vector<RetentionNode> tree{{1, 0, false}, {2, 1, true}, {3, 2, true}, {4, 3, false}, {5, 2, true}};
    const std::vector<RetentionSnapshot> snaps{{20, 2}, {30, 3}, {50, 5}};
    QCOMPARE(snapshotsToThin(tree, snaps, 4), (std::vector<qint64>{20, 50}));
    QCOMPARE(snapshotsToThin(tree, snaps, 5), (std::vector<qint64>{20, 30}));
    QCOMPARE(snapshotsToThin(tree, snaps, 1), (std::vector<qint64>{20, 30, 50}));  // none up from 1
    QCOMPARE(snapshotsToThin(tree, snaps, 99), (std::vector<qint64>{20, 30, 50}));  // not in the tree
    // A loop of parents (2 -> 3 -> 2, a damaged row) ends the walk: 3's state kept, no hang.
    const std::vector<RetentionNode> loop{{2, 3, true}, {3, 2, true}};
    QCOMPARE(snapshotsToThin(loop, {{20, 2}, {30, 3}}, 3), (std::vector<qint64>{20}));
}

void TestStoreSpace::figureIsTheBlobsSizes() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("conversations.sqlite"));
    ConversationStore store(path);
    store.setRetentionPolicy(kKeepAll);
    const qint64 c1 = store.createConversation(QStringLiteral("one")), c2 = store.createConversation(QStringLiteral("two"));
    store.createConversation(QStringLiteral("none"));
    const QList<qint64> r1 = chatWithStates(store, c1, 3, 100'003, 1);  // 3 x model A
    const QList<qint64> r2 = chatWithStates(store, c2, 1, 7'001, 9);    // 1 x model A
    store.saveSnapshot(c2, randomState(r2[0], kModelB, 250'000, 4));  // 1 x model B
    store.saveSnapshot(c1, randomState(r1[0], kModelB, 1, 5));

    const StateStorage s = store.stateStorage();
    QCOMPARE(s.states, qint64(6));
    QCOMPARE(s.stateBytes, qint64(3 * 100'003 + 7'001 + 250'000 + 1));
    QCOMPARE(s.stateBytes, store.snapshotBytes());
    QCOMPARE(s.chats, qint64(2));
    QCOMPARE(s.byModel.size(), 2);
    QCOMPARE(s.byModel[0].tags, kModelA);  // most bytes first
    QCOMPARE(s.byModel[0].states, qint64(4));
    QCOMPARE(s.byModel[0].bytes, qint64(3 * 100'003 + 7'001));
    QCOMPARE(s.byModel[1].tags, kModelB);
    QCOMPARE(s.byModel[1].bytes, qint64(250'001));
    QCOMPARE(s.fileBytes, QFileInfo(path).size() + QFileInfo(path + QStringLiteral("-wal")).size());
    QVERIFY(s.fileBytes > s.stateBytes);

    QCOMPARE(s.chatsInTrash, qint64(0));
    store.deleteConversation(c2);  // in the trash: its states still take their space, counted apart (Settings said
                                   // "10 chats" beside 9 listed: session 49)
    QCOMPARE(store.stateStorage().stateBytes, s.stateBytes);
    QCOMPARE(store.stateStorage().chats, qint64(1));
    QCOMPARE(store.stateStorage().chatsInTrash, qint64(1));
    store.deleteConversation(c1);
    QCOMPARE(store.stateStorage().chats, qint64(0));
    QCOMPARE(store.stateStorage().chatsInTrash, qint64(2));
    QCOMPARE(ConversationStore(QStringLiteral(":memory:")).stateStorage().states, qint64(0));
}

// `rwkv-cli conversations stats` named each model by its fingerprint alone (session 49). A chat records the file name
// of the model that wrote its last reply (model_name, with that reply's state): a model is named by the chats whose
// newest state is its own, the newest such chat's name first (a file renamed since); a model no chat names now (its
// chats went on with another, or its states came without a name) has none, and is said by its fingerprint.
void TestStoreSpace::modelsAreNamedAsTheChatsNamedThem() {
    ConversationStore store(QStringLiteral(":memory:"));
    store.setRetentionPolicy(kKeepAll);
    const SnapshotTags kModelC{QStringLiteral("cccccccccccccccc"), QStringLiteral("fp32"), QStringLiteral("cuda")};
    const SnapshotTags kModelD{QStringLiteral("dddddddddddddddd"), QStringLiteral("fp16"), QStringLiteral("cpu")};
    const SnapshotTags kModelAOnVulkan{kModelA.fingerprint, QStringLiteral("fp16"), QStringLiteral("vulkan")};
    quint32 seed = 1;
    // A turn of conversation `c` whose reply `size` bytes of state of `tags` are saved with, as a chat saves it.
    const auto turn = [&](qint64 c, const SnapshotTags& tags, const QString& modelName, qint64 size) {
        const QList<Message> before = store.allMessages(c);
        const qint64 q = store.addMessage(c, before.isEmpty() ? 0 : before.last().id, Role::User, QStringLiteral("Q"));
        const qint64 a = store.addMessage(c, q, Role::Assistant, QString(), false);
        QVERIFY(store.saveTurnResult(c, a, QStringLiteral("A"), 1, {}, {randomState(a, tags, size, seed++)},
                                     modelName));
    };
    const qint64 older = store.createConversation(QStringLiteral("older"));
    const qint64 newer = store.createConversation(QStringLiteral("newer"));
    const qint64 moved = store.createConversation(QStringLiteral("moved"));
    const qint64 bare = store.createConversation(QStringLiteral("bare"));
    turn(older, kModelA, QStringLiteral("rwkv7-g1a-0.1b.pth"), 4'000);
    turn(newer, kModelA, QStringLiteral("RWKV 0.1B (renamed).pth"), 4'000);
    turn(newer, kModelAOnVulkan, QStringLiteral("RWKV 0.1B (renamed).pth"), 1'000);
    turn(moved, kModelD, QStringLiteral("rwkv7-d.st"), 3'000);  // then this chat went on with model B
    turn(moved, kModelB, QStringLiteral("rwkv7-g1b-1.5b-int8.st"), 2'000);
    const qint64 bareReply = store.addMessage(bare, 0, Role::Assistant, QStringLiteral("A"));
    store.saveSnapshot(bare, randomState(bareReply, kModelC, 500, 99));

    const StateStorage s = store.stateStorage();
    QCOMPARE(s.byModel.size(), 5);
    QStringList named;
    for (const StateStorage::Model& m : s.byModel)
        named << QStringLiteral("%1 %2 %3: %4")
                     .arg(m.tags.fingerprint.left(1), m.tags.weight_dtype, m.tags.backend, m.name);
    QCOMPARE(named, (QStringList{QStringLiteral("a fp16 cpu: RWKV 0.1B (renamed).pth"),
                                 QStringLiteral("d fp16 cpu: "),  // its chat's last reply was model B's
                                 QStringLiteral("b int8 cpu: rwkv7-g1b-1.5b-int8.st"),
                                 QStringLiteral("a fp16 vulkan: RWKV 0.1B (renamed).pth"),
                                 QStringLiteral("c fp32 cuda: ")}));  // a state saved without a name
    store.deleteConversation(newer);  // in the trash: still named by it (its states are still there)
    QCOMPARE(store.stateStorage().byModel[0].name, QStringLiteral("RWKV 0.1B (renamed).pth"));
    store.deleteConversationForever(newer);
    QCOMPARE(store.stateStorage().byModel[0].name, QStringLiteral("rwkv7-g1a-0.1b.pth"));
}

void TestStoreSpace::thinningKeepsTheNewestStateOfTheVersionShown() {
    QTemporaryDir dir;
    ConversationStore store(dir.filePath(QStringLiteral("conversations.sqlite")));
    store.setRetentionPolicy(kKeepAll);
    // Chat 1: 4 turns; an edit of turn 3 (a second version), newer than the first one but not shown: the chat opens on
    // the first version (setViewedBranch), whose newest state is turn 4's. Model B's newest on that branch: turn 2's.
    const qint64 c1 = store.createConversation(QStringLiteral("shown"));
    const QList<qint64> r1 = chatWithStates(store, c1, 4, 10'000, 1);
    const QList<qint64> edit = chatWithStates(store, c1, 2, 10'000, 50, r1[1]);
    store.saveSnapshot(c1, randomState(r1[0], kModelB, 3'000, 7));
    store.saveSnapshot(c1, randomState(r1[1], kModelB, 3'000, 8));
    store.saveSnapshot(c1, randomState(edit[0], kModelB, 3'000, 9));
    store.setViewedBranch(c1, r1[3]);
    // Chat 2: nothing viewed stored: its newest message's version; the newest reply has no state (cut off).
    const qint64 c2 = store.createConversation(QStringLiteral("newest"));
    const QList<qint64> r2 = chatWithStates(store, c2, 3, 10'000, 20);
    const qint64 q = store.addMessage(c2, r2[2], Role::User, QStringLiteral("cut off"));
    store.addMessage(c2, q, Role::Assistant, QString(), false);
    // Chat 3: one state only: nothing to thin.
    const qint64 c3 = store.createConversation(QStringLiteral("one"));
    const QList<qint64> r3 = chatWithStates(store, c3, 1, 10'000, 30);
    const QStringList messagesBefore = allRows(store);
    QCOMPARE(store.stateStorage().states, qint64(4 + 2 + 3 + 3 + 1));

    const ThinResult t = store.thinSavedStates();
    QCOMPARE(stateRows(store, c1), (QStringList{QStringLiteral("%1:b").arg(r1[1]), QStringLiteral("%1:a").arg(r1[3])}));
    QCOMPARE(stateRows(store, c2), QStringList{QStringLiteral("%1:a").arg(r2[2])});
    QCOMPARE(stateRows(store, c3), QStringList{QStringLiteral("%1:a").arg(r3[0])});
    QCOMPARE(t.statesDeleted, qint64(13 - 4));
    QCOMPARE(t.stateBytesDeleted, qint64(7 * 10'000 + 2 * 3'000));
    QCOMPARE(t.chats, qint64(2));
    QCOMPARE(allRows(store), messagesBefore);  // every message, every version
    QCOMPARE(store.viewedLeaf(c1), r1[3]);

    const ThinResult again = store.thinSavedStates();  // nothing more to do
    QCOMPARE(again.statesDeleted, qint64(0));
    QCOMPARE(again.chats, qint64(0));
}

void TestStoreSpace::thinningGivesTheSpaceBack() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("conversations.sqlite"));
    ConversationStore store(path);
    store.setRetentionPolicy(kKeepAll);
    const qint64 c = store.createConversation(QStringLiteral("long"));
    const QList<qint64> replies = chatWithStates(store, c, 12, 1 << 20, 3);  // 12 states of 1 MiB
    const QStringList messagesBefore = allRows(store);
    const StateStorage before = store.stateStorage();
    QCOMPARE(before.stateBytes, qint64(12) << 20);

    const ThinResult t = store.thinSavedStates();
    QCOMPARE(t.statesDeleted, qint64(11));
    QCOMPARE(t.stateBytesDeleted, qint64(11) << 20);
    QVERIFY2(t.notShrunk.empty(), t.notShrunk.c_str());
    QCOMPARE(t.fileBytesBefore, before.fileBytes);
    const qint64 mainFile = QFileInfo(path).size(), wal = QFileInfo(path + QStringLiteral("-wal")).size();
    QCOMPARE(t.fileBytesAfter, mainFile + wal);
    QCOMPARE(wal, qint64(0));  // the log emptied
    // 11 MiB given back: the file holds the one state kept and the rows, nothing of the states deleted.
    QVERIFY2(t.freedBytes() >= (qint64(11) << 20), qPrintable(QString::number(t.freedBytes())));
    QVERIFY2(mainFile < (qint64(1) << 20) + (qint64(256) << 10), qPrintable(QString::number(mainFile)));
    const StateStorage after = store.stateStorage();
    QCOMPARE(after.stateBytes, qint64(1) << 20);
    QCOMPARE(after.freeBytes, qint64(0));
    QCOMPARE(allRows(store), messagesBefore);
    QCOMPARE(store.snapshotPayload(store.snapshots(c)[0].id)->bytes, randomState(replies[11], kModelA, 1 << 20, 14).payload.bytes);
    QCOMPARE(integrity(path), QStringLiteral("ok"));
}

void TestStoreSpace::killedMidwayLosesNothing_data() {
    QTest::addColumn<int>("writes");  // the child is killed before its writes-th write to the folder's files
    for (int n : {1, 3, 10, 40, 200, 1000, 3000}) QTest::addRow("write %d", n) << n;
}

void TestStoreSpace::killedMidwayLosesNothing() {
    QFETCH(int, writes);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("conversations.sqlite"));
    QStringList messagesBefore, statesBefore, statesThinned;
    qint64 c = 0;
    {
        ConversationStore store(path);
        store.setRetentionPolicy(kKeepAll);
        c = store.createConversation(QStringLiteral("long"));
        chatWithStates(store, c, 8, 600'000, 11);
        messagesBefore = allRows(store);
        statesBefore = stateRows(store, c);
        statesThinned = QStringList{statesBefore.last()};
    }
    const pid_t child = ::fork();
    if (child == 0) {
        disk_quota::install(dir.path(), std::numeric_limits<qint64>::max() / 2);
        static std::atomic<int> count{0};
        const int limit = writes;
        disk_quota::gBeforeWrite = [limit] {
            if (++count >= limit) ::kill(::getpid(), SIGKILL);
        };
        try {
            ConversationStore store(path);
            store.thinSavedStates();
        } catch (...) {
            ::_exit(2);
        }
        ::_exit(0);  // fewer writes than the limit: finished
    }
    QVERIFY(child > 0);
    int status = 0;
    QCOMPARE(::waitpid(child, &status, 0), child);
    QVERIFY2(WIFSIGNALED(status) || (WIFEXITED(status) && WEXITSTATUS(status) == 0), "the child failed");
    ConversationStore store(path);
    QCOMPARE(allRows(store), messagesBefore);
    const QStringList states = stateRows(store, c);
    QVERIFY2(states == statesBefore || states == statesThinned, qPrintable(states.join(u' ')));
    qInfo("%s, the states %s, the file %lld bytes", WIFSIGNALED(status) ? "killed" : "finished",
          states == statesBefore ? "as before" : "thinned", QFileInfo(path).size());
    QCOMPARE(integrity(path), QStringLiteral("ok"));
    store.thinSavedStates();  // and it can be run again
    QCOMPARE(stateRows(store, c), statesThinned);
    QCOMPARE(allRows(store), messagesBefore);
}

void TestStoreSpace::fullDiskKeepsTheThinningAndSaysSo() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("conversations.sqlite"));
    QStringList messagesBefore;
    {
        ConversationStore store(path);
        store.setRetentionPolicy(kKeepAll);
        const qint64 c = store.createConversation(QStringLiteral("long"));
        chatWithStates(store, c, 6, 1 << 20, 3);
        messagesBefore = allRows(store);
    }  // closed: the -wal checkpointed and removed
    // The disk holds what is there now and 128 KiB more (the -shm takes 32): the DELETE fits (it only frees pages),
    // the VACUUM (a copy of the 1 MiB state kept, in the -wal) does not.
    const qint64 now = QFileInfo(path).size();
    disk_quota::install(dir.path(), now + (128 << 10));
    ThinResult t;
    {
        ConversationStore full(path);
        const QStringList rowsFull = allRows(full);
        t = full.thinSavedStates();
        QCOMPARE(allRows(full), rowsFull);
    }
    disk_quota::uninstall();
    QCOMPARE(t.statesDeleted, qint64(5));
    QCOMPARE(t.notShrunkCode, SQLITE_FULL);
    QVERIFY(!t.notShrunk.empty());
    QCOMPARE(t.freedBytes(), qint64(0));
    ConversationStore after(path);
    QCOMPARE(after.stateStorage().states, qint64(1));
    QVERIFY(after.stateStorage().freeBytes >= (qint64(5) << 20));  // the pages freed, reused by the next saves
    QCOMPARE(allRows(after), messagesBefore);
    QCOMPARE(integrity(path), QStringLiteral("ok"));
}

void TestStoreSpace::damagedStateIsNotAFullDisk_data() {
    QTest::addColumn<int>("turns");  // the chat's states after the one deleted to leave free pages
    QTest::addRow("a damaged state to delete") << 3;  // the thinning meets it (its chain cannot be freed)
    QTest::addRow("only the damaged state kept") << 1;  // nothing to delete: the VACUUM alone meets it
}

// A VACUUM over a state whose chain of pages is damaged fails with SQLITE_FULL, "database or disk is full", whatever
// room the disk has (session 56's trial: a library on a disk with 71 GB free said "could not be made smaller (the disk
// is full)", and its damage was never named or noted). It is said as damage, and noted for the next open's check.
void TestStoreSpace::damagedStateIsNotAFullDisk() {
    QFETCH(int, turns);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("conversations.sqlite"));
    QStringList messagesBefore;
    {
        ConversationStore store(path);
        store.setRetentionPolicy(kKeepAll);
        const qint64 gone = store.createConversation(QStringLiteral("deleted state"));
        chatWithStates(store, gone, 1, 200'000, 5);
        const qint64 c = store.createConversation(QStringLiteral("long"));
        chatWithStates(store, c, turns, 200'000, 7);
        store.deleteConversationForever(gone);  // free pages: there is something for the VACUUM to give back
        messagesBefore = allRows(store);
    }
    QVERIFY(damageSnapshotPages(path) > 0);
    ThinResult t;
    {
        ConversationStore store(path);
        t = store.thinSavedStates();
        QCOMPARE(allRows(store), messagesBefore);
    }
    QCOMPARE(t.statesDeleted, qint64(0));  // a damaged chain cannot be freed: it stays
    QCOMPARE(t.notShrunkCode, SQLITE_CORRUPT);
    QVERIFY2(QString::fromStdString(t.notShrunk).contains(QLatin1String("damaged")), t.notShrunk.c_str());
    QVERIFY2(!QString::fromStdString(t.notShrunk).contains(QLatin1String("full")), t.notShrunk.c_str());
    QVERIFY(QFileInfo::exists(damageMarkPath(path)));  // the next open checks the whole file and offers the recovery
}

void TestStoreSpace::thinnedChatResumesFromItsKeptState() {
    using namespace rwkv;
    QTemporaryDir dir;
    auto model = Model::load(RWKV_TESTDATA_DIR "/tiny-rwkv7-834K.pth");
    auto tokenizer = tokenizer_for_vocab_size(256, RWKV_TESTDATA_DIR "/rwkv_vocab_v20230424.txt");
    app::ChatParams greedy;
    greedy.sampler.temperature = 0.0f;
    greedy.sampler.seed = 7;
    greedy.maxTokens = 16;
    const QString a = dir.filePath(QStringLiteral("a.sqlite")), b = dir.filePath(QStringLiteral("b.sqlite"));
    qint64 conv = 0;
    {
        store::ConversationStore store(a);
        app::ChatSession session(store, *model, *tokenizer);
        conv = store.createConversation(QStringLiteral("chat"));
        for (const char* q : {"Hello", "What is RWKV?", "Tell me more", "And then?"})
            QVERIFY(session.runTurn(conv, QString::fromLatin1(q), greedy).replySaved);
        QVERIFY(store.snapshots(conv).size() > 1);
    }
    QVERIFY(QFile::copy(a, b));  // closed: the file is whole, its -wal emptied
    qint64 kept = 0;
    {
        store::ConversationStore store(a);
        QVERIFY(store.thinSavedStates().statesDeleted > 0);
        QCOMPARE(store.snapshots(conv).size(), 1);
        kept = store.snapshots(conv)[0].message_id;
        QCOMPARE(kept, store.newestMessage(conv)->id);
    }
    const QString next = QStringLiteral("One more thing");
    app::TurnStats thinned, whole;
    {
        store::ConversationStore store(a);
        app::ChatSession session(store, *model, *tokenizer);
        thinned = session.runTurn(conv, next, greedy);
    }
    {
        store::ConversationStore store(b);
        app::ChatSession session(store, *model, *tokenizer);
        whole = session.runTurn(conv, next, greedy);
    }
    QCOMPARE(thinned.source, app::StateSource::SavedState);
    QVERIFY(thinned.resumeNote().isEmpty());
    const qint64 turnOnly = qint64(tokenizer->encode(format_user_turn(next.toStdString(), "", false)).size());
    QCOMPARE(thinned.prefillTokens, turnOnly);  // read only the new turn, from the kept state
    QCOMPARE(thinned.reply, whole.reply);
    QCOMPARE(thinned.decodeTokens, whole.decodeTokens);
    QVERIFY(!thinned.reply.isEmpty());
}

QTEST_GUILESS_MAIN(TestStoreSpace)
#include "test_store_space.moc"
