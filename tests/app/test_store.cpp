// tests/app/test_store.cpp — ConversationStore, Database, Transaction and the migration ladder
// (app/core/store/), on ":memory:" and on files in a QTemporaryDir.
#include "store/conversation_store.h"
#include "store/database.h"
#include "store/download_store.h"
#include "store/migrations.h"
#include "store/transaction.h"

#include <sqlite3.h>  // result-code constants only

#include <QCryptographicHash>
#include <QFile>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include <array>
#include <atomic>
#include <thread>

using namespace rwkv::store;

namespace {

QByteArray randomBytes(qsizetype size, quint32 seed) {
    QByteArray bytes(size, Qt::Uninitialized);
    QRandomGenerator rng(seed);
    rng.fillRange(reinterpret_cast<quint32*>(bytes.data()), size / 4);
    return bytes;
}

QByteArray fileHash(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256);
}

// A file as version 1 of the app wrote it (step 1 is never edited, so this is the v1 schema), holding one
// conversation titled `title`; returns its id.
qint64 writeVersion1File(const QString& path, const QString& title) {
    qint64 id = 0;
    {
        ConversationStore store(path);
        id = store.createConversation(title);
    }
    Database db(path);
    db.exec("DROP TABLE downloads");
    db.setUserVersion(1);
    return id;
}

}  // namespace

class TestStore : public QObject {
    Q_OBJECT

private slots:
    void conversationsRoundTrip();
    void messageTree();
    void stateBlobRoundTrip_data();
    void stateBlobRoundTrip();
    void saveTurnResultIsAtomic();
    void deleteCascades();
    void transactionRollsBackUnlessCommitted();
    void freshFileIsCurrentVersionInWalMode();
    void newerFileIsRefusedAndUntouched();
    void migrationBacksUpAndNamesFailingStep();
    void version1FileMigratesToVersion2();
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
    const QByteArray blob = randomBytes(2 * 1024 * 1024, 42);
    const QString fingerprint = QStringLiteral("rwkv7-0.1b-L12-D768:abc123");

    auto store = std::make_unique<ConversationStore>(path);
    const qint64 c = store->createConversation(QStringLiteral("state"));
    const qint64 u = store->addMessage(c, 0, Role::User, QStringLiteral("Hi"));
    const qint64 a = store->addMessage(c, u, Role::Assistant, QString(), false);
    store->saveTurnResult(c, a, QStringLiteral("Hello! 你好"), 7, fingerprint, blob);

    auto check = [&](ConversationStore& s) {
        const std::optional<StateBlob> st = s.latestState(c);
        QVERIFY(st.has_value());
        QCOMPARE(st->conversation_id, c);
        QCOMPARE(st->message_id, a);
        QCOMPARE(st->model_fingerprint, fingerprint);
        QCOMPARE(st->blob.size(), blob.size());
        QVERIFY(st->blob == blob);
        QVERIFY(st->created_at > 0);
        const QList<Message> msgs = s.messages(c);
        QCOMPARE(msgs.size(), 2);
        QCOMPARE(msgs[1].text, QStringLiteral("Hello! 你好"));
        QCOMPARE(msgs[1].token_count, 7);
        QCOMPARE(msgs[1].finished, true);
    };
    check(*store);
    if (onFile) {
        store.reset();
        ConversationStore reopened(path);
        check(reopened);
        // Replacing keeps one row per conversation; an empty blob leaves the state alone.
        const QByteArray second = randomBytes(1000, 7);
        reopened.saveState({c, u, fingerprint, second, 0});
        QCOMPARE(reopened.latestState(c)->blob, second);
        QCOMPARE(reopened.latestState(c)->message_id, u);
        reopened.saveTurnResult(c, a, QStringLiteral("edited"), 3, QString(), QByteArray());
        QCOMPARE(reopened.latestState(c)->blob, second);
        reopened.clearState(c);
        QVERIFY(!reopened.latestState(c).has_value());
    }
}

void TestStore::saveTurnResultIsAtomic() {
    ConversationStore store(QStringLiteral(":memory:"));
    const qint64 c = store.createConversation(QStringLiteral("atomic"));
    const qint64 u = store.addMessage(c, 0, Role::User, QStringLiteral("Q"));
    const qint64 a = store.addMessage(c, u, Role::Assistant, QStringLiteral("partial"), false);
    store.saveState({c, u, QStringLiteral("fp-old"), QByteArray("old state"), 0});
    const qint64 updatedBefore = store.conversation(c)->updated_at;

    // The message update succeeds, then the state write violates CHECK(length(model_fingerprint) > 0).
    try {
        store.saveTurnResult(c, a, QStringLiteral("final text"), 42, QString(), randomBytes(4096, 1));
        QFAIL("saveTurnResult with an empty fingerprint did not throw");
    } catch (const StoreError& e) {
        QCOMPARE(e.extendedCode(), SQLITE_CONSTRAINT_CHECK);
        QVERIFY2(QByteArray(e.what()).contains("CHECK constraint failed"), e.what());
        QVERIFY2(QByteArray(e.what()).contains("saveTurnResult"), e.what());
        QVERIFY(QByteArray::fromStdString(e.sql()).contains("INSERT INTO states"));
    }
    const std::optional<Message> m = store.message(a);
    QCOMPARE(m->text, QStringLiteral("partial"));
    QCOMPARE(m->finished, false);
    QCOMPARE(m->token_count, 0);
    QCOMPARE(store.latestState(c)->blob, QByteArray("old state"));
    QCOMPARE(store.latestState(c)->message_id, u);
    QCOMPARE(store.conversation(c)->updated_at, updatedBefore);

    // A message of another conversation is refused, and nothing is written either.
    const qint64 other = store.createConversation(QStringLiteral("other"));
    QVERIFY_THROWS_EXCEPTION(StoreError, store.saveTurnResult(other, a, QStringLiteral("x"), 1,
                                                              QStringLiteral("fp"), QByteArray("s")));
    QCOMPARE(store.message(a)->text, QStringLiteral("partial"));
    QVERIFY(!store.latestState(other).has_value());

    // The store is still usable after the failures.
    store.saveTurnResult(c, a, QStringLiteral("final text"), 42, QStringLiteral("fp-new"), QByteArray("new"));
    QCOMPARE(store.message(a)->text, QStringLiteral("final text"));
    QCOMPARE(store.latestState(c)->model_fingerprint, QStringLiteral("fp-new"));
}

void TestStore::deleteCascades() {
    ConversationStore store(QStringLiteral(":memory:"));
    const qint64 keep = store.createConversation(QStringLiteral("keep"));
    const qint64 kept = store.addMessage(keep, 0, Role::User, QStringLiteral("stay"));
    const qint64 gone = store.createConversation(QStringLiteral("gone"));
    const qint64 u = store.addMessage(gone, 0, Role::User, QStringLiteral("Q"));
    const qint64 a = store.addMessage(gone, u, Role::Assistant, QStringLiteral("A"));
    store.saveState({gone, a, QStringLiteral("fp"), randomBytes(1024, 3), 0});

    store.deleteConversation(gone);
    QVERIFY(!store.conversation(gone).has_value());
    QCOMPARE(store.allMessages(gone).size(), 0);
    QVERIFY(!store.message(u).has_value());
    QVERIFY(!store.message(a).has_value());
    QVERIFY(!store.latestState(gone).has_value());
    QCOMPARE(store.listConversations().size(), 1);
    QCOMPARE(store.message(kept)->text, QStringLiteral("stay"));
    store.deleteConversation(gone);  // unknown ids are ignored
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

void TestStore::freshFileIsCurrentVersionInWalMode() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("fresh.sqlite"));
    { ConversationStore store(path); }
    QCOMPARE(ConversationStore::schemaVersion(), 2);
    Database db(path);
    QCOMPARE(db.userVersion(), 2);
    QCOMPARE(db.journalMode(), QStringLiteral("wal"));
    auto fk = db.cached("PRAGMA foreign_keys");
    fk->step();
    QCOMPARE(fk->columnInt64(0), 1);
    QVERIFY(!QFile::exists(path + QStringLiteral(".bak-v0")));  // nothing to back up in a new file
}

void TestStore::newerFileIsRefusedAndUntouched() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("future.sqlite"));
    {
        Database db(path);
        db.exec("CREATE TABLE from_the_future (x INTEGER); INSERT INTO from_the_future VALUES (1);");
        db.setUserVersion(99);
    }
    const QByteArray before = fileHash(path);
    QVERIFY(!before.isEmpty());

    try {
        ConversationStore store(path);
        QFAIL("a version-99 file was opened");
    } catch (const StoreError& e) {
        const QByteArray what(e.what());
        QVERIFY2(what.contains("schema version 99"), e.what());
        QVERIFY2(what.contains("newer than this version"), e.what());
        QVERIFY2(what.contains("future.sqlite"), e.what());
    }
    QCOMPARE(fileHash(path), before);
    QVERIFY(!QFile::exists(path + QStringLiteral("-wal")));
    QVERIFY(!QFile::exists(path + QStringLiteral(".bak-v99")));
    Database db(path);
    QCOMPARE(db.userVersion(), 99);
    QCOMPARE(db.journalMode(), QStringLiteral("delete"));
}

void TestStore::migrationBacksUpAndNamesFailingStep() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("old.sqlite"));
    const qint64 conv = writeVersion1File(path, QStringLiteral("precious"));  // in WAL mode
    const std::array<MigrationStep, 3> steps = {{
        {1, "v1 (already applied)", [](Database&) { QFAIL("step 1 must be skipped"); }},
        {2, "add tags", [](Database& db) { db.exec("ALTER TABLE conversations ADD COLUMN tags TEXT"); }},
        {3, "broken step", [](Database& db) {
             db.exec("CREATE TABLE step3_partial (x INTEGER)");
             db.exec("CREATE TABLE conversations (x INTEGER)");  // already exists: fails
         }},
    }};
    Database db(path);
    try {
        migrate(db, steps);
        QFAIL("the broken step did not fail");
    } catch (const StoreError& e) {
        const QByteArray what(e.what());
        QVERIFY2(what.contains("migration step 3 (\"broken step\") failed"), e.what());
        QVERIFY2(what.contains("stays at version 2"), e.what());
        QVERIFY2(what.contains("table conversations already exists"), e.what());
    }
    QCOMPARE(db.userVersion(), 2);  // step 2 committed, step 3 rolled back whole
    {
        auto s = db.cached("SELECT count(*) FROM sqlite_schema WHERE name = 'step3_partial'");
        s->step();
        QCOMPARE(s->columnInt64(0), 0);
    }  // resets the statement: VACUUM INTO (the backup) refuses to run while a statement is in progress

    const QString backup = path + QStringLiteral(".bak-v1");
    QVERIFY(QFile::exists(backup));
    Database copy(backup);
    QCOMPARE(copy.userVersion(), 1);
    auto t = copy.cached("SELECT title FROM conversations WHERE id = ?1");
    t->bindInt64(1, conv);
    QVERIFY(t->step());
    QCOMPARE(t->columnText(0), QStringLiteral("precious"));

    // A second attempt from version 2 backs up under a new name and leaves the first backup alone.
    try {
        migrate(db, steps);
        QFAIL("the broken step did not fail the second time");
    } catch (const StoreError& e) {
        QVERIFY2(QByteArray(e.what()).contains("migration step 3"), e.what());
    }
    QVERIFY(QFile::exists(path + QStringLiteral(".bak-v2")));
    QCOMPARE(Database(backup).userVersion(), 1);
}

void TestStore::version1FileMigratesToVersion2() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("v1.sqlite"));
    const qint64 conv = writeVersion1File(path, QStringLiteral("kept"));
    QCOMPARE(Database(path).userVersion(), 1);
    {
        ConversationStore store(path);
        QCOMPARE(store.listConversations().size(), 1);
        QCOMPARE(store.conversation(conv)->title, QStringLiteral("kept"));
    }
    QCOMPARE(Database(path).userVersion(), 2);
    QCOMPARE(Database(path + QStringLiteral(".bak-v1")).userVersion(), 1);
    DownloadStore downloads(path);  // the v2 table exists
    QCOMPARE(downloads.list().size(), 0);
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
                store.saveTurnResult(c, reply, QString::number(i), i, QStringLiteral("fp"), QByteArray(64, char(i)));
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
    QCOMPARE(store.latestState(c)->blob, QByteArray(64, char(199)));
    QCOMPARE(store.allMessages(c).size(), 202);
}

QTEST_GUILESS_MAIN(TestStore)
#include "test_store.moc"
