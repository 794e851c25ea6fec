// tests/app/test_store_migration.cpp — the migration ladder (a backup before each step, a failing step named and rolled
// back, files of versions 1, 3, 4, 5, 6 and 7 opening at the current one with what they held) and a database written by the
// v2 schema (fixtures/conversations-v2.sqlite, see fixtures/README.md) opens with every conversation, message, branch
// and download intact, is backed up first, and its old state row becomes a snapshot; damaged data (a NULL field, a
// truncated state blob) still opens and the bad state is ignored and re-derived by the real engine (tiny model); a v7
// file gets the message each chat was made from (v8).
// Code: app/core/store/schema.cpp, migrations.cpp.
#include <QCryptographicHash>
#include <QDateTime>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include "chat_session.h"
#include "store/conversation_store.h"
#include "store/database.h"
#include "store/download_store.h"
#include "store/migrations.h"
#include "store/schema.h"
#include "store/store_error.h"

#include <array>

using namespace rwkv;
using namespace rwkv::store;

namespace {

QString fixture() { return QStringLiteral(RWKV_SOURCE_DIR "/tests/app/fixtures/conversations-v2.sqlite"); }

QByteArray fileHash(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256) : QByteArray();
}

/// One message row as the v2 schema holds it.
struct V2Row {
    qint64 id, conversation, parent;
    int role;
    QString text;
    qint64 created, tokens;
    bool finished;
};

QList<V2Row> v2Rows(const QString& path) {
    Database db(path);
    auto s = db.cached("SELECT id, conversation_id, coalesce(parent_id, 0), role, text, created_at, token_count, "
                       "finished FROM messages ORDER BY id");
    QList<V2Row> rows;
    while (s->step())
        rows.append({s->columnInt64(0), s->columnInt64(1), s->columnInt64(2), int(s->columnInt64(3)),
                     s->columnText(4), s->columnInt64(5), s->columnInt64(6), s->columnBool(7)});
    return rows;
}

// A file as version 1 of the app wrote it (step 1 is never edited, so this is the v1 schema), in WAL mode, holding
// one conversation titled `title`; returns its id.
qint64 writeVersion1File(const QString& path, const QString& title) {
    Database db(path);
    schemaSteps()[0].apply(db);
    db.setUserVersion(1);
    db.enableWal();
    auto s = db.cached("INSERT INTO conversations (title, created_at, updated_at) VALUES (?1, 1, 1)");
    s->bindText(1, title);
    s->run();
    return db.lastInsertRowId();
}

}  // namespace

class TestStoreMigration : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void fixtureOpensWithEverythingIntact();
    void oldStateIsIgnoredAndRederived();
    void nullFieldStillOpens();
    void foreignDatabaseIsRefusedAndUntouched();
    void ourTablesComeFromTheSchemaSteps();
    void readOnlyRefusesAnOlderSchemaUntouched();
    void migrationBacksUpAndNamesFailingStep();
    void version6FileGetsFolders();
    void version7FileIsRefusedByVersion6();
    void version7FileGetsForkSources();
    void version8FileGetsStateTokens();
    void version1FileMigratesToCurrent();
    void version3FileGetsViewedBranch();
    void version4FileGetsReplyEnds();
    void version5FileGetsStartStates();

private:
    QString copyFixture(const QString& name) {
        const QString path = tmp_.filePath(name);
        QFile::remove(path);
        if (!QFile::copy(fixture(), path)) return {};
        QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner);
        return path;
    }
    app::ChatParams greedy() const {
        app::ChatParams p;
        p.sampler.temperature = 0;
        p.maxTokens = 12;
        return p;
    }
    QTemporaryDir tmp_;
    std::unique_ptr<Model> model_;
    std::unique_ptr<Tokenizer> tokenizer_;
};

void TestStoreMigration::initTestCase() {
    QVERIFY(QFile::exists(fixture()));
    model_ = Model::load(RWKV_TESTDATA_DIR "/tiny-rwkv7-834K.pth");
    tokenizer_ = tokenizer_for_vocab_size(256, RWKV_TESTDATA_DIR "/rwkv_vocab_v20230424.txt");
}

void TestStoreMigration::fixtureOpensWithEverythingIntact() {
    const QString path = copyFixture(QStringLiteral("v2.sqlite"));
    QVERIFY(!path.isEmpty());
    QCOMPARE(Database(path).userVersion(), 2);
    const QList<V2Row> before = v2Rows(path);
    QCOMPARE(before.size(), 13);
    const QByteArray originalHash = fileHash(path);

    ConversationStore store(path);
    QCOMPARE(Database(path).userVersion(), ConversationStore::schemaVersion());
    // The backup is the untouched v2 file's content.
    const QString backup = path + QStringLiteral(".bak-v2");
    QVERIFY(QFile::exists(backup));
    QCOMPARE(Database(backup).userVersion(), 2);
    QCOMPARE(v2Rows(backup).size(), 13);
    QVERIFY(!originalHash.isEmpty());

    // Every conversation, in the old order (last update = last use), with its settings.
    const QList<Conversation> list = store.listConversations();
    QCOMPARE(list.size(), 3);
    QCOMPARE(list[0].title, QStringLiteral("你好，世界 — 第二个对话"));
    QCOMPARE(list[1].title, QStringLiteral("Third chat, one turn"));
    QCOMPARE(list[2].title, QStringLiteral("Hello there"));
    QCOMPARE(list[2].system_prompt, QStringLiteral("You are terse."));
    for (const Conversation& c : list) {
        QCOMPARE(c.last_used_at, c.updated_at);
        QVERIFY(!c.pinned);
        QCOMPARE(c.deleted_at, 0);
        QCOMPARE(c.think_mode, ThinkMode::Off);
    }
    // Every message, field by field.
    int seen = 0;
    for (const Conversation& c : list) {
        for (const Message& m : store.allMessages(c.id)) {
            const auto it = std::find_if(before.begin(), before.end(), [&](const V2Row& r) { return r.id == m.id; });
            QVERIFY(it != before.end());
            QCOMPARE(m.conversation_id, it->conversation);
            QCOMPARE(m.parent_id, it->parent);
            QCOMPARE(int(m.role), it->role);
            QCOMPARE(m.text, it->text);
            QCOMPARE(m.created_at, it->created);
            QCOMPARE(m.token_count, it->tokens);
            QCOMPARE(m.finished, it->finished);
            QCOMPARE(m.readouts.state_source, StateSourceCode::Unknown);
            ++seen;
        }
    }
    QCOMPARE(seen, 13);
    // The branches: the newest is the edited question; the regenerated reply stays reachable.
    const QList<Message> newest = store.messages(1);
    QCOMPARE(newest.size(), 4);
    QCOMPARE(newest[2].id, 10);
    QCOMPARE(newest[2].sibling_index, 2);
    QCOMPARE(newest[2].sibling_count, 2);
    QCOMPARE(store.branch(9)[3].sibling_index, 2);
    QCOMPARE(store.messages(3).back().finished, false);
    // The v2 state became a snapshot tagged as what v2 ran (CPU, fp32), stored raw.
    const QList<SnapshotInfo> snaps = store.snapshots(1);
    QCOMPARE(snaps.size(), 1);
    QCOMPARE(snaps[0].message_id, 4);
    QCOMPARE(snaps[0].tags.fingerprint, QStringLiteral("b470775281e7425a"));
    QCOMPARE(snaps[0].tags.weight_dtype, QStringLiteral("fp32"));
    QCOMPARE(snaps[0].tags.backend, QStringLiteral("cpu"));
    QCOMPARE(snaps[0].codec, SnapshotCodec::Raw);
    QCOMPARE(snaps[0].raw_size, 2048);
    // Old messages are searchable; the downloads table is untouched.
    QCOMPARE(store.search(QStringLiteral("rivers")).size(), 2);
    QCOMPARE(store.search(QStringLiteral("第二个")).size(), 1);
    DownloadStore downloads(path);
    QCOMPARE(downloads.list().size(), 1);
    QCOMPARE(downloads.find(QStringLiteral("rwkv7-g1-0.1b"))->bytes_done, 1048576);
    Database db(path);
    db.exec("INSERT INTO messages_fts (messages_fts) VALUES ('integrity-check')");
    auto check = db.cached("PRAGMA integrity_check");
    QVERIFY(check->step());
    QCOMPARE(check->columnText(0), QStringLiteral("ok"));
}

void TestStoreMigration::oldStateIsIgnoredAndRederived() {
    const QString path = copyFixture(QStringLiteral("v2-state.sqlite"));
    ConversationStore store(path);
    app::ChatSession session(store, *model_, *tokenizer_);
    // Conversation 1's old state (after message 4) is truncated: continuing that branch re-reads the text.
    const app::TurnStats t = session.send(1, 4, QStringLiteral("And the mountains?"), greedy());
    QVERIFY(t.replySaved);
    QCOMPARE(t.source, app::StateSource::Reprefill);
    QVERIFY2(t.resumeNote().contains(QStringLiteral("damaged")), qPrintable(t.resumeNote()));
    QVERIFY(!t.resumeDetail.isEmpty());
    QCOMPARE(t.reprefillMessages, 4);
    // The derived state of message 4 replaced the bad one, and the reply has its own snapshot.
    QList<qint64> at;
    for (const SnapshotInfo& s : store.snapshots(1)) at << s.message_id;
    QCOMPARE(at, (QList<qint64>{4, t.assistantMessageId}));
    QCOMPARE(store.snapshots(1)[0].codec, SnapshotCodec::ShuffleZstd);
    // A new session resumes the next turn from the saved snapshot: zero re-prefill.
    app::ChatSession fresh(store, *model_, *tokenizer_);
    const app::TurnStats t2 = fresh.send(1, t.assistantMessageId, QStringLiteral("Thanks"), greedy());
    QCOMPARE(t2.source, app::StateSource::SavedState);
    // The unfinished reply of conversation 3 has text: it is read again with its question (the chat shows both),
    // after the complete turn before it, and the conversation goes on.
    const app::TurnStats t3 = fresh.send(3, app::ChatSession::kNewestBranch, QStringLiteral("Hello again"), greedy());
    QVERIFY(t3.replySaved);
    QCOMPARE(t3.source, app::StateSource::Reprefill);
    QCOMPARE(t3.reprefillMessages, 4);
}

void TestStoreMigration::nullFieldStillOpens() {
    const QString path = copyFixture(QStringLiteral("v2-null.sqlite"));
    {
        // Damage the file the way another tool could: drop NOT NULL from messages.text and .finished, store NULLs.
        Database db(path);
        db.exec("PRAGMA writable_schema = ON");
        db.exec("UPDATE sqlite_schema SET sql = replace(replace(sql, 'text            TEXT    NOT NULL', "
                "'text            TEXT'), 'finished        INTEGER NOT NULL', 'finished        INTEGER') "
                "WHERE name = 'messages'");
        db.exec("PRAGMA writable_schema = OFF");
    }
    {
        Database db(path);
        db.exec("UPDATE messages SET text = NULL WHERE id = 3; UPDATE messages SET finished = NULL WHERE id = 6;");
    }
    ConversationStore store(path);
    const QList<Message> b = store.branch(9);
    QCOMPARE(b.size(), 4);
    QCOMPARE(b[2].text, QString());  // NULL reads as empty
    QCOMPARE(b[2].role, Role::User);
    QVERIFY(!store.message(6)->finished);  // NULL finished reads as unfinished: no snapshot is ever taken at it
    QCOMPARE(store.listConversations().size(), 3);
    QCOMPARE(store.search(QStringLiteral("sea")).size(), 2);
    // Regenerating the reply under the NULL question works (the empty question is re-read as empty text).
    app::ChatSession session(store, *model_, *tokenizer_);
    const app::TurnStats t = session.regenerate(1, 9, greedy());
    QVERIFY(t.replySaved);
    QCOMPARE(t.userMessageId, 3);
    QCOMPARE(store.branch(t.assistantMessageId)[3].sibling_count, 3);
    // Conversation 2 (reply 6 unfinished by the damage, its text intact) re-reads that turn as text.
    const app::TurnStats t2 = session.send(2, 6, QStringLiteral("Go on"), greedy());
    QVERIFY(t2.replySaved);
    QCOMPARE(t2.source, app::StateSource::Reprefill);
    QCOMPARE(t2.reprefillMessages, 2);
}

// New-user trial: another program's SQLite file (a `customers` table, user_version 0) given as the database got our
// tables added to it, and one with user_version 7 was called "newer than this version of RWKV Desktop". Both are
// refused now, in every mode and by fileSchemaVersion, byte for byte unchanged; an empty file still becomes ours.
void TestStoreMigration::foreignDatabaseIsRefusedAndUntouched() {
    for (const int version : {0, 7}) {
        const QString path = tmp_.filePath(QStringLiteral("shop-v%1.sqlite").arg(version));
        {
            Database db(path);
            db.exec("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO customers VALUES (1, 'Ann');");
            db.setUserVersion(version);
        }
        const QByteArray before = fileHash(path);
        for (const auto mode : {ConversationStore::OpenMode::ReadWrite, ConversationStore::OpenMode::ReadOnly,
                                ConversationStore::OpenMode::Automatic}) {
            try {
                ConversationStore store(path, mode);
                QFAIL(qPrintable(QStringLiteral("the customers file (user_version %1) was opened").arg(version)));
            } catch (const StoreError& e) {
                const QByteArray what(e.what());
                QVERIFY2(what.contains("belongs to another program") && what.contains("left unchanged"), e.what());
                QVERIFY2(!what.contains("newer than"), e.what());
                QVERIFY2(what.contains("\"customers\""), e.what());
            }
        }
        QVERIFY_THROWS_EXCEPTION(StoreError, ConversationStore::fileSchemaVersion(path));
        QCOMPARE(fileHash(path), before);
        QVERIFY(!QFile::exists(path + QStringLiteral("-wal")));
        QVERIFY(!QFile::exists(path + QStringLiteral(".bak-v%1").arg(version)));
    }
    // user_version 7 and no tables at all: not ours either (no conversations table).
    const QString bare = tmp_.filePath(QStringLiteral("bare-v7.sqlite"));
    Database(bare).setUserVersion(7);
    try {
        ConversationStore store(bare);
        QFAIL("a user_version-7 file without tables was opened");
    } catch (const StoreError& e) {
        QVERIFY2(QByteArray(e.what()).contains("schema version 7 and no RWKV Desktop conversations"), e.what());
    }
    // An empty file (0 bytes) and a new one become conversation databases.
    const QString empty = tmp_.filePath(QStringLiteral("empty.sqlite"));
    QFile f(empty);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.close();
    for (const QString& path : {empty, tmp_.filePath(QStringLiteral("new.sqlite"))}) {
        ConversationStore store(path);
        QCOMPARE(ConversationStore::fileSchemaVersion(path), ConversationStore::schemaVersion());
        QVERIFY(store.createConversation(QStringLiteral("ok")) > 0);
    }
}

// The tables refuseForeignDatabase calls ours are read from the schema steps (schemaTableNames), not listed by hand
// beside them: every table of a new database and of the v2 fixture is in the list (v1-v2's states, dropped in v3, and
// FTS5's shadow tables included), every name in it is a table one of them has, and another program's is not.
void TestStoreMigration::ourTablesComeFromTheSchemaSteps() {
    const auto tablesOf = [](const QString& path) {
        Database db(path, 5000, true);
        auto s = db.cached("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' "
                           "ESCAPE '\\'");
        QStringList out;
        while (s->step()) out << s->columnText(0);
        return out;
    };
    const QString fresh = tmp_.filePath(QStringLiteral("tables-new.sqlite"));
    { ConversationStore store(fresh); }
    const QStringList now = tablesOf(fresh), v2 = tablesOf(copyFixture(QStringLiteral("tables-v2.sqlite")));
    QVERIFY2(now.contains(QStringLiteral("messages_fts_data")) && v2.contains(QStringLiteral("states")),
             qPrintable((now + v2).join(u' ')));
    for (const QString& table : now + v2) QVERIFY2(schemaTableNames().contains(table), qPrintable(table));
    for (const QString& table : schemaTableNames())
        QVERIFY2(now.contains(table) || v2.contains(table), qPrintable(table));
    QVERIFY(!schemaTableNames().contains(QStringLiteral("customers")));
    // Ours are accepted: both files open again (the copy of the fixture upgraded).
    QCOMPARE(ConversationStore(fresh).openedAtVersion(), ConversationStore::schemaVersion());
    QCOMPARE(ConversationStore(tmp_.filePath(QStringLiteral("tables-v2.sqlite"))).openedAtVersion(), 2);
}

// A store opened read-only refuses a file of an older schema itself (reading needs the upgrade, which writes) with
// OlderSchemaError and its version, so rwkv-cli's reading commands open the file once and name their own upgrade;
// the file is unchanged. An empty file has no schema: version 0.
void TestStoreMigration::readOnlyRefusesAnOlderSchemaUntouched() {
    const QString old = copyFixture(QStringLiteral("read-only-v2.sqlite"));
    const QString empty = tmp_.filePath(QStringLiteral("read-only-empty.sqlite"));
    QFile f(empty);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.close();
    for (const auto& [path, version] : {std::pair{old, 2}, std::pair{empty, 0}}) {
        const QByteArray before = fileHash(path);
        try {
            ConversationStore store(path, ConversationStore::OpenMode::ReadOnly);
            QFAIL(qPrintable(path + QStringLiteral(" was opened read-only")));
        } catch (const OlderSchemaError& e) {
            QCOMPARE(e.fileVersion(), version);
            QVERIFY2(QByteArray(e.what()).contains("must be upgraded"), e.what());
            QCOMPARE(QString::fromStdString(e.file()), path);
        }
        QCOMPARE(fileHash(path), before);
        QVERIFY(!QFile::exists(path + QStringLiteral("-wal")) && !QFile::exists(path + QStringLiteral(".bak-v2")));
    }
}

void TestStoreMigration::migrationBacksUpAndNamesFailingStep() {
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

void TestStoreMigration::version1FileMigratesToCurrent() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("v1.sqlite"));
    const qint64 conv = writeVersion1File(path, QStringLiteral("kept"));
    QCOMPARE(Database(path).userVersion(), 1);
    {
        ConversationStore store(path);
        QCOMPARE(store.listConversations().size(), 1);
        QCOMPARE(store.conversation(conv)->title, QStringLiteral("kept"));
    }
    QCOMPARE(Database(path).userVersion(), ConversationStore::schemaVersion());
    QCOMPARE(Database(path + QStringLiteral(".bak-v1")).userVersion(), 1);
    DownloadStore downloads(path);  // the v2 table exists
    QCOMPARE(downloads.list().size(), 0);
}

// A v3 file (the schema before viewed_leaf_id) is backed up and migrates with every conversation on its newest
// branch, as v3 opened them.
void TestStoreMigration::version3FileGetsViewedBranch() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("v3.sqlite"));
    qint64 conv = 0, reply = 0;
    {
        Database db(path);
        migrate(db, schemaSteps().first(3));
        QCOMPARE(db.userVersion(), 3);
        db.exec("INSERT INTO conversations (title, created_at, updated_at) VALUES ('three', 1, 1)");
        conv = db.lastInsertRowId();
        auto s = db.cached("INSERT INTO messages (conversation_id, parent_id, role, text, created_at) "
                           "VALUES (?1, NULL, 1, 'Q', 1)");
        s->bindInt64(1, conv);
        s->run();
        const qint64 question = db.lastInsertRowId();
        auto r = db.cached("INSERT INTO messages (conversation_id, parent_id, role, text, created_at) "
                           "VALUES (?1, ?2, 2, 'A', 2)");
        r->bindInt64(1, conv);
        r->bindInt64(2, question);
        r->run();
        reply = db.lastInsertRowId();
    }
    ConversationStore store(path);
    QCOMPARE(Database(path).userVersion(), ConversationStore::schemaVersion());
    QCOMPARE(Database(path + QStringLiteral(".bak-v3")).userVersion(), 3);
    QCOMPARE(store.conversation(conv)->title, QStringLiteral("three"));
    QCOMPARE(store.conversation(conv)->viewed_leaf_id, 0);
    QCOMPARE(store.viewedLeaf(conv), 0);
    QCOMPARE(store.messages(conv).back().id, reply);
    store.setViewedBranch(conv, reply);
    QCOMPARE(store.viewedLeaf(conv), reply);
}

// A v4 file (the schema before reply_end) is backed up and migrates to v5: each reply reads as ended by itself, as v4
// showed it, finished or not as it was, found by search; a turn saved afterwards keeps how it ended, also after the
// file is opened again.
void TestStoreMigration::version4FileGetsReplyEnds() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("v4.sqlite"));
    qint64 conv = 0, whole = 0, cut = 0;
    {
        Database db(path);
        migrate(db, schemaSteps().first(4));
        QCOMPARE(db.userVersion(), 4);
        db.exec("INSERT INTO conversations (title, created_at, updated_at) VALUES ('four', 1, 1)");
        conv = db.lastInsertRowId();
        const auto add = [&](qint64 parent, int role, const char* text, int finished) {
            auto s = db.cached("INSERT INTO messages (conversation_id, parent_id, role, text, created_at, finished, "
                               "token_count) VALUES (?1, ?2, ?3, ?4, 1, ?5, 3)");
            s->bindInt64(1, conv);
            if (parent != 0)
                s->bindInt64(2, parent);
            else
                s->bindNull(2);
            s->bindInt64(3, role);
            s->bindText(4, QString::fromUtf8(text));
            s->bindInt64(5, finished);
            s->run();
            return db.lastInsertRowId();
        };
        const qint64 q1 = add(0, 1, "Q1", 1);
        whole = add(q1, 2, "a whole harbour reply", 1);
        const qint64 q2 = add(whole, 1, "Q2", 1);
        cut = add(q2, 2, "a cut harbour", 0);  // kill -9 mid-reply
    }
    {
        ConversationStore store(path);
        QCOMPARE(store.openedAtVersion(), 4);
        QCOMPARE(Database(path).userVersion(), ConversationStore::schemaVersion());
        QCOMPARE(Database(path + QStringLiteral(".bak-v4")).userVersion(), 4);
        const QList<Message> branch = store.messages(conv);
        QCOMPARE(branch.size(), 4);
        QCOMPARE(branch[1].id, whole);
        QCOMPARE(branch[1].end, ReplyEnd::ByItself);
        QVERIFY(branch[1].finished);
        QCOMPARE(branch[3].id, cut);
        QCOMPARE(branch[3].end, ReplyEnd::ByItself);
        QVERIFY(!branch[3].finished);
        QCOMPARE(store.search(QStringLiteral("harbour")).size(), 2);
        const auto [q3, a3] = store.beginTurn(conv, cut, QStringLiteral("Q3"));
        store.saveTurnResult(conv, a3, QStringLiteral("stopped here"), 2, {}, {}, {}, true, ReplyEnd::Stopped);
    }
    ConversationStore reopened(path);
    QCOMPARE(reopened.messages(conv).back().end, ReplyEnd::Stopped);
    QCOMPARE(reopened.message(whole)->end, ReplyEnd::ByItself);
}

// A v5 file (the schema before start_state) is backed up and migrates to v6: every conversation starts from zeros, as
// v5 read it, its saved state kept; a starting state chosen afterwards is kept, also after the file is opened again.
void TestStoreMigration::version5FileGetsStartStates() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("v5.sqlite"));
    qint64 conv = 0, reply = 0;
    {
        Database db(path);
        migrate(db, schemaSteps().first(5));
        QCOMPARE(db.userVersion(), 5);
        db.exec("INSERT INTO conversations (title, system_prompt, created_at, updated_at) VALUES ('five', 'Be brief.', "
                "1, 1)");
        conv = db.lastInsertRowId();
        auto q = db.cached("INSERT INTO messages (conversation_id, parent_id, role, text, created_at) "
                           "VALUES (?1, NULL, 1, 'Q', 1)");
        q->bindInt64(1, conv);
        q->run();
        auto r = db.cached("INSERT INTO messages (conversation_id, parent_id, role, text, created_at) "
                           "VALUES (?1, ?2, 2, 'A', 2)");
        r->bindInt64(1, conv);
        r->bindInt64(2, db.lastInsertRowId());
        r->run();
        reply = db.lastInsertRowId();
        auto s = db.cached("INSERT INTO snapshots (conversation_id, message_id, model_fingerprint, weight_dtype, backend, "
                           "codec, raw_size, blob, created_at) VALUES (?1, ?2, 'fp', 'fp16', 'cpu', 0, 3, x'010203', 3)");
        s->bindInt64(1, conv);
        s->bindInt64(2, reply);
        s->run();
    }
    {
        ConversationStore store(path);
        QCOMPARE(store.openedAtVersion(), 5);
        QCOMPARE(Database(path).userVersion(), ConversationStore::schemaVersion());
        QCOMPARE(Database(path + QStringLiteral(".bak-v5")).userVersion(), 5);
        const Conversation c = *store.conversation(conv);
        QCOMPARE(c.title, QStringLiteral("five"));
        QCOMPARE(c.system_prompt, QStringLiteral("Be brief."));
        QCOMPARE(c.start_state, QString());
        QCOMPARE(c.start_state_sha256, QString());
        QCOMPARE(store.snapshots(conv).size(), 1);
        QCOMPARE(store.listConversations().size(), 1);
        QVERIFY(store.setStartState(conv, QStringLiteral("/states/pirate.pth"), QString(64, u'a')));
        QCOMPARE(store.snapshots(conv).size(), 0);  // made from zeros: dropped with the change
    }
    ConversationStore reopened(path);
    QCOMPARE(reopened.conversation(conv)->start_state, QStringLiteral("/states/pirate.pth"));
    QCOMPARE(reopened.conversation(conv)->start_state_sha256, QString(64, u'a'));
}

// A v6 file (the schema before folders) is backed up and migrates to v7: every conversation (one in the trash) and
// message stays, each unfiled, as v6 listed it; a folder made afterwards is kept, also after the file is opened again.
void TestStoreMigration::version6FileGetsFolders() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("v6.sqlite"));
    qint64 kept = 0, trashed = 0;
    {
        Database db(path);
        migrate(db, schemaSteps().first(6));
        QCOMPARE(db.userVersion(), 6);
        db.exec("INSERT INTO conversations (title, created_at, updated_at, last_used_at, pinned, start_state) "
                "VALUES ('six', 1, 1, 5, 1, '/states/a.pth')");
        kept = db.lastInsertRowId();
        auto t = db.cached("INSERT INTO conversations (title, created_at, updated_at, last_used_at, deleted_at) "
                           "VALUES ('binned', 2, 2, 2, ?1)");  // deleted now: not purged at open
        t->bindInt64(1, QDateTime::currentMSecsSinceEpoch());
        t->run();
        trashed = db.lastInsertRowId();
        auto m = db.cached("INSERT INTO messages (conversation_id, parent_id, role, text, created_at) "
                           "VALUES (?1, NULL, 1, 'a folded question', 3)");
        m->bindInt64(1, kept);
        m->run();
    }
    const QByteArray v6Hash = fileHash(path);
    {
        ConversationStore store(path);
        QCOMPARE(store.openedAtVersion(), 6);
        QCOMPARE(Database(path).userVersion(), ConversationStore::schemaVersion());
        QCOMPARE(Database(path + QStringLiteral(".bak-v6")).userVersion(), 6);
        const QList<Conversation> list = store.listConversations();
        QCOMPARE(list.size(), 1);
        QCOMPARE(list[0].id, kept);
        QCOMPARE(list[0].title, QStringLiteral("six"));
        QVERIFY(list[0].pinned);
        QCOMPARE(list[0].last_used_at, 5);
        QCOMPARE(list[0].start_state, QStringLiteral("/states/a.pth"));
        QCOMPARE(list[0].folder_id, 0);
        QCOMPARE(store.listTrash().size(), 1);
        QCOMPARE(store.listTrash()[0].folder_id, 0);
        QCOMPARE(store.messages(kept).size(), 1);
        QCOMPARE(store.search(QStringLiteral("folded")).size(), 1);
        QVERIFY(store.listFolders().isEmpty());
        const qint64 work = store.createFolder(QStringLiteral("Work"));
        store.setFolder(kept, work);
        store.setFolder(trashed, work);
    }
    QVERIFY(fileHash(path) != v6Hash);
    ConversationStore reopened(path);
    QCOMPARE(reopened.listFolders().size(), 1);
    QCOMPARE(reopened.listFolders()[0].name, QStringLiteral("Work"));
    QCOMPARE(reopened.conversation(kept)->folder_id, reopened.listFolders()[0].id);
    QCOMPARE(reopened.conversation(trashed)->folder_id, reopened.listFolders()[0].id);
}

// An app of schema v6 opening a v7 file refuses it untouched ("newer than this version"), as migrate() refuses every
// newer file.
void TestStoreMigration::version7FileIsRefusedByVersion6() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("v7.sqlite"));
    {
        Database v7(path);
        migrate(v7, schemaSteps().first(7));
        v7.exec("INSERT INTO folders (name, created_at) VALUES ('Work', 1);"
                "INSERT INTO conversations (title, created_at, updated_at, folder_id) VALUES ('filed', 1, 1, 1);");
    }
    const QByteArray before = fileHash(path);
    Database db(path);
    try {
        migrate(db, schemaSteps().first(6));
        QFAIL("v6's ladder opened a v7 file");
    } catch (const StoreError& e) {
        QVERIFY2(QByteArray(e.what()).contains("schema version 7, newer than this version of RWKV Desktop understands "
                                               "(6)"),
                 e.what());
    }
    QCOMPARE(db.userVersion(), 7);
    QCOMPARE(fileHash(path), before);
}

// A v7 file (the schema before forked_from_message_id) is backed up and migrates to v8: every conversation and message
// stays, none made from another (0); a chat made from a message afterwards names it, also after the file is opened
// again, and lets go of it (0) when that message's chat is deleted for good (ON DELETE SET NULL), itself kept.
void TestStoreMigration::version7FileGetsForkSources() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("v7.sqlite"));
    qint64 kept = 0, question = 0, reply = 0;
    {
        Database db(path);
        migrate(db, schemaSteps().first(7));
        QCOMPARE(db.userVersion(), 7);
        db.exec("INSERT INTO folders (name, created_at) VALUES ('Work', 1);"
                "INSERT INTO conversations (title, created_at, updated_at, last_used_at, folder_id) "
                "VALUES ('seven', 1, 1, 5, 1)");
        kept = db.lastInsertRowId();
        db.exec("INSERT INTO messages (conversation_id, parent_id, role, text, created_at) VALUES (" +
                std::to_string(kept) + ", NULL, 1, 'read this report', 3)");
        question = db.lastInsertRowId();
        db.exec("INSERT INTO messages (conversation_id, parent_id, role, text, created_at) VALUES (" +
                std::to_string(kept) + ", " + std::to_string(question) + ", 2, 'I read it', 4)");
        reply = db.lastInsertRowId();
    }
    qint64 fork = 0;
    {
        ConversationStore store(path);
        QCOMPARE(store.openedAtVersion(), 7);
        QCOMPARE(Database(path).userVersion(), ConversationStore::schemaVersion());
        QVERIFY(ConversationStore::schemaVersion() >= 8);
        QCOMPARE(Database(path + QStringLiteral(".bak-v7")).userVersion(), 7);
        QCOMPARE(store.conversation(kept)->title, QStringLiteral("seven"));
        QCOMPARE(store.conversation(kept)->folder_id, store.listFolders().first().id);
        QCOMPARE(store.conversation(kept)->forked_from_message_id, 0);
        QCOMPARE(store.allMessages(kept).size(), 2);
        fork = store.forkConversation(kept, reply, QStringLiteral("From here: seven"));
        QCOMPARE(store.conversation(fork)->forked_from_message_id, reply);
        QCOMPARE(store.conversation(store.forkConversation(kept, 0, QStringLiteral("settings")))->forked_from_message_id,
                 0);
    }
    {
        ConversationStore reopened(path);
        QCOMPARE(reopened.conversation(fork)->forked_from_message_id, reply);
        reopened.deleteConversation(kept);
        QCOMPARE(reopened.conversation(fork)->forked_from_message_id, reply);  // in the trash, still there
        QCOMPARE(reopened.purgeTrash(QDateTime::currentMSecsSinceEpoch() + 1), 1);
        QVERIFY(!reopened.conversation(kept));
        QCOMPARE(reopened.conversation(fork)->forked_from_message_id, 0);
        QCOMPARE(reopened.allMessages(fork).size(), 2);
    }
    // v7's ladder refuses the file untouched.
    const QByteArray before = fileHash(path);
    Database db(path);
    QVERIFY_THROWS_EXCEPTION(StoreError, migrate(db, schemaSteps().first(7)));
    QCOMPARE(db.userVersion(), ConversationStore::schemaVersion());
    QCOMPARE(fileHash(path), before);
}

// A v8 file (before messages.state_tokens) is backed up and migrates to v9 with every conversation and message, each
// reply's count unknown (0: the window shows nothing rather than a guess); a reply saved after the upgrade keeps its
// count, also in a chat made from it and after the file is opened again. v8's ladder refuses the v9 file untouched,
// "newer than this version", as an older RWKV Desktop does.
void TestStoreMigration::version8FileGetsStateTokens() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("v8.sqlite"));
    qint64 conv = 0, question = 0, reply = 0;
    {
        Database db(path);
        migrate(db, schemaSteps().first(8));
        QCOMPARE(db.userVersion(), 8);
        db.exec("INSERT INTO conversations (title, created_at, updated_at, last_used_at) VALUES ('eight', 1, 1, 5)");
        conv = db.lastInsertRowId();
        db.exec("INSERT INTO messages (conversation_id, parent_id, role, text, created_at) VALUES (" +
                std::to_string(conv) + ", NULL, 1, 'what did the state read?', 3)");
        question = db.lastInsertRowId();
        db.exec("INSERT INTO messages (conversation_id, parent_id, role, text, created_at, token_count, prefill_tokens) "
                "VALUES (" + std::to_string(conv) + ", " + std::to_string(question) + ", 2, 'nobody counted', 4, 3, 20)");
        reply = db.lastInsertRowId();
    }
    qint64 next = 0;
    {
        ConversationStore store(path);
        QCOMPARE(store.openedAtVersion(), 8);
        QVERIFY(ConversationStore::schemaVersion() >= 9);
        QCOMPARE(Database(path).userVersion(), ConversationStore::schemaVersion());
        QCOMPARE(Database(path + QStringLiteral(".bak-v8")).userVersion(), 8);
        const QList<Message> rows = store.allMessages(conv);
        QCOMPARE(rows.size(), 2);
        QCOMPARE(rows[1].text, QStringLiteral("nobody counted"));
        QCOMPARE(rows[1].token_count, 3);
        QCOMPARE(rows[1].readouts.prefill_tokens, 20);
        QCOMPARE(rows[1].readouts.state_tokens, 0);
        next = store.beginTurn(conv, reply, QStringLiteral("and now?")).second;
        Readouts r;
        r.state_tokens = 12345;
        store.saveTurnResult(conv, next, QStringLiteral("counted"), 2, r, {});
    }
    ConversationStore reopened(path);
    QCOMPARE(reopened.message(next)->readouts.state_tokens, 12345);
    QCOMPARE(reopened.message(reply)->readouts.state_tokens, 0);
    const qint64 fork = reopened.forkConversation(conv, next, QStringLiteral("From here: eight"));
    QCOMPARE(reopened.newestMessage(fork)->readouts.state_tokens, 12345);
    const QByteArray before = fileHash(path);
    Database db(path);
    try {
        migrate(db, schemaSteps().first(8));
        QFAIL("v8's ladder opened a v9 (or later) file");
    } catch (const StoreError& e) {
        QVERIFY2(QByteArray(e.what()).contains("schema version " +
                                               QByteArray::number(ConversationStore::schemaVersion()) +
                                               ", newer than this version of RWKV Desktop understands (8)"),
                 e.what());
    }
    QCOMPARE(db.userVersion(), ConversationStore::schemaVersion());
    QCOMPARE(fileHash(path), before);
}

QTEST_GUILESS_MAIN(TestStoreMigration)
#include "test_store_migration.moc"
