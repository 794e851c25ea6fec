// tests/app/test_store_files.cpp — opening a conversation library file (app/core/store/): a fresh file, one newer
// than the code, a damaged one, read-only files and folders, a full disk, a file replaced while open, the words
// StoreError::userMessage gives a person, and store::isSqliteFile.
// The rest of ConversationStore: test_store.cpp; the migration ladder, the v2 fixture and foreign files:
// test_store_migration.cpp.
#include "store/conversation_store.h"
#include "store/damaged_database.h"
#include "store/database.h"
#include "store/download_store.h"
#include "store/schema.h"
#include "store/store_error.h"
#include "disk_quota_vfs.h"
#include "read_only_folder.h"

#include <sqlite3.h>  // result-code constants only

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QScopeGuard>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace rwkv::store;

namespace {

QByteArray fileHash(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256);
}

// Another library to move over the one open (a backup restore, a sync tool): "other.sqlite" in `dir`, holding one
// conversation, "Theirs". Returns its path.
QString theirLibrary(const QTemporaryDir& dir) {
    const QString other = dir.filePath(QStringLiteral("other.sqlite"));
    ConversationStore theirs(other);
    theirs.createConversation(QStringLiteral("Theirs"));
    return other;
}

}  // namespace

class TestStoreFiles : public QObject {
    Q_OBJECT

private slots:
    void freshFileIsCurrentVersionInWalMode();
    void newerFileIsRefusedAndUntouched();
    void damagedLibraryIsRefusedAtOpen();
    void readOnlyLibraryIsReadable();
    void missingSearchIndexIsMadeAgain();
    void readOnlyFolderIsOpenedReadOnly();
    void fullDiskOpensReadOnly();
    void newDatabaseOnAFullDiskLeavesNothing();
    void userMessagesSayWhatToDoWithoutSql();
    void databaseThatCannotBeOpenedIsNamedByCase();
    void folderWhereNoFileCanBeMadeSaysWhy();
    void sqliteFilesAreToldApart();
    void replacedFileIsNotWrittenThrough();
    void walOfAReplacedFileIsSetAside_data();
    void walOfAReplacedFileIsSetAside();
};

void TestStoreFiles::freshFileIsCurrentVersionInWalMode() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("fresh.sqlite"));
    { ConversationStore store(path); }
    QCOMPARE(ConversationStore::schemaVersion(), 11);
    Database db(path);
    QCOMPARE(db.userVersion(), 11);
    QCOMPARE(db.journalMode(), QStringLiteral("wal"));
    auto fk = db.cached("PRAGMA foreign_keys");
    fk->step();
    QCOMPARE(fk->columnInt64(0), 1);
    QVERIFY(!QFile::exists(path + QStringLiteral(".bak-v0")));  // nothing to back up in a new file
}

void TestStoreFiles::newerFileIsRefusedAndUntouched() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("future.sqlite"));
    {
        Database db(path);
        // A future RWKV Desktop's file keeps our conversations table (without it, it is another program's file).
        db.exec("CREATE TABLE conversations (id INTEGER PRIMARY KEY); CREATE TABLE from_the_future (x INTEGER); "
                "INSERT INTO from_the_future VALUES (1);");
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

// A file whose header and schema page are intact but whose table pages are garbage migrates fine; the store must
// still refuse it at open (the app then shows its "database damaged" dialog), not show an empty history.
void TestStoreFiles::damagedLibraryIsRefusedAtOpen() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("damaged.sqlite"));
    {
        ConversationStore store(path);
        for (int i = 0; i < 300; ++i) {
            const qint64 c = store.createConversation(QStringLiteral("Conversation %1").arg(i));
            const qint64 u = store.addMessage(c, 0, Role::User, QStringLiteral("Question %1").arg(i));
            store.addMessage(c, u, Role::Assistant, QStringLiteral("Answer %1").arg(i).repeated(8));
        }
    }
    ConversationStore(path).listConversations();  // opens cleanly before the damage
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadWrite));
    const qint64 page = 4096;
    QVERIFY(f.size() > 4 * page);
    f.seek(page);  // page 1 (header + schema) stays; pages 2-4 are overwritten (dd seek=1 count=3)
    QVERIFY(f.write(QByteArray(int(3 * page), char(0xA5))) == 3 * page);
    f.close();
    try {
        ConversationStore store(path);
        QFAIL("a damaged library was opened");
    } catch (const StoreError& e) {
        QVERIFY2(QByteArray(e.what()).contains("malformed"), e.what());
    }
}

// The search index's table dropped by hand (sqlite3 … "drop table messages_fts"; every message intact) is made again
// at open, filled from the messages: search finds the old text and new messages are written and found. Before, its
// triggers failed every write to messages ("no such table: main.messages_fts") and the app could not start: only Quit
// (session 22's trial, F2).
void TestStoreFiles::missingSearchIndexIsMadeAgain() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("conversations.sqlite"));
    qint64 conv = 0, answer = 0;
    {
        ConversationStore store(path);
        conv = store.createConversation(QStringLiteral("Harbour"));
        const qint64 u = store.addMessage(conv, 0, Role::User, QStringLiteral("Where is the harbour?"));
        answer = store.addMessage(conv, u, Role::Assistant, QStringLiteral("Down the hill, past the mill."));
        Database db(path);
        db.exec("DROP TABLE messages_fts");
    }
    ConversationStore store(path);
    QVERIFY(!store.isReadOnly());
    const auto hits = store.search(QStringLiteral("the mill"));
    QCOMPARE(hits.size(), 1);
    QCOMPARE(hits.constFirst().message_id, answer);
    const qint64 more = store.addMessage(conv, answer, Role::User, QStringLiteral("And the lighthouse?"));
    QCOMPARE(store.search(QStringLiteral("lighthouse")).constFirst().message_id, more);
    store.updateMessageText(more, QStringLiteral("And the quay?"), true);
    QVERIFY(store.search(QStringLiteral("lighthouse")).isEmpty());
    QCOMPARE(store.search(QStringLiteral("quay")).size(), 1);
}

// A library the user may not write (a read-only disk, a file shared without write access) is opened for reading:
// no migration, no WAL switch, no trash purge; the file stays byte-for-byte the same; a change is refused with
// SQLITE_READONLY and words for people.
void TestStoreFiles::readOnlyLibraryIsReadable() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("conversations.sqlite"));
    qint64 conv = 0;
    {
        ConversationStore store(path);
        conv = store.createConversation(QStringLiteral("Kept"));
        const qint64 u = store.addMessage(conv, 0, Role::User, QStringLiteral("Question"));
        store.addMessage(conv, u, Role::Assistant, QStringLiteral("Answer"));
        const qint64 old = store.createConversation(QStringLiteral("Old trash"));
        store.deleteConversation(old);
        Database db(path);  // deleted 40 days ago: a read-write open would purge it
        db.exec("UPDATE conversations SET deleted_at = deleted_at - 40 * 86400000 WHERE title = 'Old trash'");
    }
    const QByteArray before = fileHash(path);
    {
        ConversationStore store(path, ConversationStore::OpenMode::ReadOnly);
        QVERIFY(store.isReadOnly());
        QCOMPARE(store.purgedOnOpen(), 0);
        QCOMPARE(store.listConversations().size(), 1);
        QCOMPARE(store.listTrash().size(), 1);  // not purged: nothing is written
        const QList<Message> branch = store.messages(conv);
        QCOMPARE(branch.size(), 2);
        QCOMPARE(branch[1].text, QStringLiteral("Answer"));
        QCOMPARE(store.search(QStringLiteral("Answ")).size(), 1);
        store.markUsed(conv);  // ignored, not an error: opening a conversation only re-sorts the list
        try {
            store.createConversation(QStringLiteral("New"));
            QFAIL("a read-only library was written");
        } catch (const StoreError& e) {
            QCOMPARE(e.code(), SQLITE_READONLY);
            const QString shown = QString::fromStdString(e.userMessage());
            QVERIFY2(shown.contains(QStringLiteral("is read-only, so this change was not saved")), qPrintable(shown));
            QVERIFY2(shown.contains(path), qPrintable(shown));
            QVERIFY2(!shown.contains(QStringLiteral("INSERT")), qPrintable(shown));
        }
    }
    QCOMPARE(fileHash(path), before);
    ConversationStore writable(path, ConversationStore::OpenMode::Automatic);
    QVERIFY(!writable.isReadOnly());
    QCOMPARE(writable.purgedOnOpen(), 1);
}

// The real case: the library's folder cannot be written, so SQLite cannot create the WAL index next to the file.
// Automatic opens it read-only (immutable) and reads it. As root it is a read-only bind mount (ReadOnlyFolder): root
// writes through permissions. Opening it for writing (ReadWrite, a DownloadStore) opens it read-only as well: before
// (session 35), SQLite opened it for reading without a word and the first read failed with "unable to open database
// file". A second library there holds the -wal and -shm a killed writer leaves (copied while one was open): its last
// conversation, only in the -wal, is read too. A third holds that -wal without its -shm: immutable read only its last
// checkpoint, without a word (session 36's list); it is read from a temporary copy of the two (Database::readsACopy,
// under TMPDIR, gone once closed), and where none can be made (TMPDIR read-only) the store says the newest changes
// were not read. Nothing in the folder changes.
void TestStoreFiles::readOnlyFolderIsOpenedReadOnly() {
    QTemporaryDir dir;
    const QString folder = dir.filePath(QStringLiteral("ro"));
    QVERIFY(QDir().mkpath(folder));
    const QString path = folder + QStringLiteral("/conversations.sqlite");
    const QString killed = folder + QStringLiteral("/killed.sqlite");
    const QString noIndex = folder + QStringLiteral("/no-index.sqlite");
    const QString tmp = dir.filePath(QStringLiteral("tmp"));
    QVERIFY(QDir().mkpath(tmp));
    const QByteArray tmpBefore = qgetenv("TMPDIR");
    qputenv("TMPDIR", QFile::encodeName(tmp));
    const auto restoreTmp = qScopeGuard([&] { qputenv("TMPDIR", tmpBefore); });
    const auto copiesInTmp = [&tmp] { return QDir(tmp).entryList(QDir::AllEntries | QDir::NoDotAndDotDot).size(); };
    {
        ConversationStore store(path);
        store.addMessage(store.createConversation(QStringLiteral("On a read-only disk")), 0, Role::User,
                         QStringLiteral("Hello"));
    }
    QVERIFY(!QFile::exists(path + QStringLiteral("-shm")));  // closed cleanly: the WAL index is gone
    QVERIFY(QFile::copy(path, dir.filePath(QStringLiteral("open.sqlite"))));
    {
        ConversationStore open(dir.filePath(QStringLiteral("open.sqlite")));
        open.createConversation(QStringLiteral("Only in the -wal"));
        for (const char* suffix : {"", "-wal", "-shm"})
            QVERIFY(QFile::copy(dir.filePath(QStringLiteral("open.sqlite")) + QLatin1String(suffix),
                                killed + QLatin1String(suffix)));
        for (const char* suffix : {"", "-wal"})
            QVERIFY(QFile::copy(dir.filePath(QStringLiteral("open.sqlite")) + QLatin1String(suffix),
                                noIndex + QLatin1String(suffix)));
    }
    QVERIFY(QFileInfo(killed + QStringLiteral("-wal")).size() > 0);
    const auto folderBytes = [&folder] {  // every file's name and hash
        QByteArray all;
        for (const QString& name : QDir(folder).entryList(QDir::Files, QDir::Name))
            all += name.toUtf8() + fileHash(folder + u'/' + name);
        return all;
    };
    const QByteArray before = folderBytes();
    {
        const ReadOnlyFolder readOnly(folder);
        if (QFileInfo(folder).isWritable()) QSKIP("this user (root) can write a read-only folder and cannot mount");
        QVERIFY(ConversationStore::cannotWrite(path));
        for (const auto mode : {ConversationStore::OpenMode::Automatic, ConversationStore::OpenMode::ReadWrite}) {
            ConversationStore store(path, mode);
            QVERIFY(store.isReadOnly());
            QCOMPARE(store.listConversations().size(), 1);
            QCOMPARE(store.listConversations()[0].title, QStringLiteral("On a read-only disk"));
            QCOMPARE(store.search(QStringLiteral("Hello")).size(), 1);
            try {
                store.createConversation(QStringLiteral("New"));
                QFAIL("a read-only library was written");
            } catch (const StoreError& e) {
                QCOMPARE(e.code(), SQLITE_READONLY);
            }
            ConversationStore other(killed, mode);
            QVERIFY(other.isReadOnly());
            const QList<Conversation> list = other.listConversations();
            QCOMPARE(list.size(), 2);
            QCOMPARE(list[0].title, QStringLiteral("Only in the -wal"));
            ConversationStore third(noIndex, mode);
            QVERIFY(third.isReadOnly());
            QVERIFY(!third.newestChangesUnread());
            QCOMPARE(third.listConversations().size(), 2);  // before: 1, "Only in the -wal" unread
            QCOMPARE(third.listConversations()[0].title, QStringLiteral("Only in the -wal"));
            QCOMPARE(copiesInTmp(), 1);
            QVERIFY_THROWS_EXCEPTION(StoreError, third.createConversation(QStringLiteral("New")));
        }
        QCOMPARE(copiesInTmp(), 0);  // removed with the store
        DownloadStore downloads(path);  // asked for writing: read-only here, and no error
        QVERIFY(downloads.list().isEmpty());
        const ReadOnlyFolder noCopies(tmp);  // no copy can be made: read as of the checkpoint, and said
        ConversationStore third(noIndex, ConversationStore::OpenMode::Automatic);
        QVERIFY(third.newestChangesUnread());
        QCOMPARE(third.listConversations().size(), 1);
        ConversationStore first(path, ConversationStore::OpenMode::Automatic);  // no -wal: nothing unread, no word
        QVERIFY(!first.newestChangesUnread());
    }
    QCOMPARE(folderBytes(), before);
}

// A full disk: the -shm index cannot grow to 32 KiB, so before this every open (and every read) failed with "disk I/O
// error" and the app could only quit (new-user trial, session 7). Now Automatic opens the library read-only and says
// why. A file-size limit below 32 KiB stands in for the full disk (EFBIG instead of ENOSPC, which reads "the disk is
// full"); the folder stays writable, so cannotWrite() does not foresee it.
void TestStoreFiles::fullDiskOpensReadOnly() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("conversations.sqlite"));
    qint64 c = 0;
    {
        ConversationStore store(path);
        c = store.createConversation(QStringLiteral("On a full disk"));
        store.addMessage(c, 0, Role::User, QStringLiteral("Hello"));
    }
    QVERIFY(!QFile::exists(path + QStringLiteral("-shm")));  // closed cleanly
    QVERIFY(!ConversationStore::cannotWrite(path));
    rlimit old{};
    QCOMPARE(getrlimit(RLIMIT_FSIZE, &old), 0);
    rlimit small = old;
    small.rlim_cur = 16384;
    const auto oldHandler = std::signal(SIGXFSZ, SIG_IGN);  // the write fails with EFBIG instead of killing us
    QCOMPARE(setrlimit(RLIMIT_FSIZE, &small), 0);
    std::unique_ptr<ConversationStore> store;
    std::string error;
    try {
        store = std::make_unique<ConversationStore>(path, ConversationStore::OpenMode::Automatic);
    } catch (const std::exception& e) {
        error = e.what();
    }
    setrlimit(RLIMIT_FSIZE, &old);
    std::signal(SIGXFSZ, oldHandler);
    QVERIFY2(store, error.c_str());
    QVERIFY(store->isReadOnly());
    QCOMPARE(store->readOnlyReason(), std::string("disk I/O error"));
    const QList<Message> messages = store->messages(c);
    QCOMPARE(messages.size(), 1);
    QCOMPARE(messages[0].text, QStringLiteral("Hello"));
    QVERIFY_THROWS_EXCEPTION(StoreError, store->createConversation(QStringLiteral("x")));  // read-only: nothing written
    store.reset();
    // The library is not changed: once there is room again it opens for writing.
    ConversationStore again(path, ConversationStore::OpenMode::Automatic);
    QVERIFY(!again.isReadOnly());
    QCOMPARE(again.readOnlyReason(), std::string());
    QCOMPARE(again.messages(c).size(), 1);
}

// What a person is shown (the CLI's error line, the app's dialogs) names the file and what to do, and never the SQL.
void TestStoreFiles::userMessagesSayWhatToDoWithoutSql() {
    const std::string file = "/home/u/.local/share/rwkv-desktop/conversations.sqlite";
    const std::string sql = "INSERT INTO messages (conversation_id) VALUES (?1)";
    const struct {
        int code;
        const char* sqlite;
        const char* expected;
    } cases[] = {
        {SQLITE_BUSY, "database is locked", "is locked by another process (database is locked)"},
        {SQLITE_FULL, "database or disk is full", "is full, so this change was not saved"},
        {SQLITE_READONLY, "attempt to write a readonly database", "is read-only"},
        {SQLITE_IOERR, "disk I/O error", "A disk error occurred"},
        {SQLITE_CONSTRAINT, "CHECK constraint failed: role IN (0, 1, 2)", "CHECK constraint failed"},
    };
    for (const auto& c : cases) {
        const StoreError e("addMessage: " + std::string(c.sqlite) + " in: " + sql, c.code, c.code, sql, file, c.sqlite);
        const QString shown = QString::fromStdString(e.userMessage());
        QVERIFY2(shown.contains(QLatin1String(c.expected)), qPrintable(shown));
        QVERIFY2(shown.contains(QString::fromStdString(file)), qPrintable(shown));
        QVERIFY2(!shown.contains(QStringLiteral("INSERT")) && !shown.contains(QStringLiteral(" in: ")), qPrintable(shown));
    }
    // The store's own words (code 0) are already for people.
    QCOMPARE(StoreError("the bundle is newer").userMessage(), std::string("the bundle is newer"));
    // A real damaged file: the error SQLite gives at open carries the probe's SELECT; the user message does not.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("conversations.sqlite"));
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray(8192, 'x'));  // not SQLite at all
    }
    try {
        ConversationStore store(path);
        QFAIL("a file of garbage was opened");
    } catch (const StoreError& e) {
        const QString shown = QString::fromStdString(e.userMessage());
        QVERIFY2(shown.contains(QStringLiteral("is not a conversation database (it is not an SQLite file)")),
                 qPrintable(shown));
        QVERIFY2(!shown.contains(QStringLiteral("bak-v")), qPrintable(shown));  // nothing of ours to restore
        QVERIFY2(shown.contains(path), qPrintable(shown));
        QVERIFY2(!shown.contains(QStringLiteral("SELECT")) && !shown.contains(QStringLiteral("PRAGMA")), qPrintable(shown));
    }
    // SQLite's header, then garbage: a damaged database. No backup beside it: none is named (new-user trial,
    // session 20: "backups … named mine.db.bak-v*" beside none); with upgrade copies there, the newest is named.
    const QString mine = dir.filePath(QStringLiteral("mine.db"));
    {
        QFile f(mine);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray("SQLite format 3", 16) + QByteArray(8176, 'x'));
    }
    const auto damagedMessage = [&]() -> QString {
        try {
            ConversationStore store(mine);
        } catch (const StoreError& e) {
            return QString::fromStdString(e.userMessage());
        }
        return QStringLiteral("(a damaged file was opened)");
    };
    QString shown = damagedMessage();
    QVERIFY2(shown.contains(QStringLiteral("is damaged or is not a conversation database")), qPrintable(shown));
    QVERIFY2(!shown.contains(QStringLiteral("bak-v")) && shown.endsWith(QStringLiteral("empty history.")),
             qPrintable(shown));
    // rwkv-cli's words name the app's recovery (session 40's trial: only "Move it away").
    QVERIFY2(shown.contains(QStringLiteral("Nothing was changed. RWKV Desktop offers to recover the chats that can still "
                                           "be read when it starts with this file; or move it away to start with an "
                                           "empty history.")),
             qPrintable(shown));
    QVERIFY(QFile::copy(mine, mine + QStringLiteral(".bak-v2")));
    QFile newer(mine + QStringLiteral(".bak-v3"));
    QVERIFY(newer.open(QIODevice::WriteOnly));
    QVERIFY(newer.setFileTime(QDateTime::currentDateTime().addSecs(60), QFileDevice::FileModificationTime));
    newer.close();
    QCOMPARE(rwkv::store::upgradeBackups(mine), (QStringList{QStringLiteral("mine.db.bak-v3"),
                                                             QStringLiteral("mine.db.bak-v2")}));
    shown = damagedMessage();
    QVERIFY2(shown.endsWith(QStringLiteral("; the copy kept before its last upgrade is next to it: mine.db.bak-v3.")),
             qPrintable(shown));
}

// SQLITE_CANTOPEN by what is at the path (sessions 23-24's trials, T12, T13, F5): each case in its sentence —
// store::databaseFileProblem, the one place that tells them apart for rwkv-cli (here, English), the window
// (storeErrorText) and the start's offer of the standard folder (databaseFolderProblem) — and "Check that its folder
// exists and can be read" for none of them. A folder that cannot be written is a read-only tmpfs as root (chmod 0555
// otherwise); an existing database there, and a new one in a writable folder, are no problem.
void TestStoreFiles::databaseThatCannotBeOpenedIsNamedByCase() {
    QTemporaryDir dir;
    const QString folder = dir.filePath(QStringLiteral("folder.sqlite"));
    const QString dangling = dir.filePath(QStringLiteral("dangling.sqlite"));
    const QString nowhere = dir.filePath(QStringLiteral("nowhere/x.sqlite"));
    const QString ro = dir.filePath(QStringLiteral("ro"));
    QVERIFY(QDir().mkpath(folder) && QFile::link(nowhere, dangling) && QDir().mkpath(ro));
    const bool mounted = ::geteuid() == 0 && ::mount("tmpfs", QFile::encodeName(ro).constData(), "tmpfs", MS_RDONLY,
                                                     "size=64k") == 0;
    const auto unmount = qScopeGuard([&] { if (mounted) ::umount2(QFile::encodeName(ro).constData(), MNT_DETACH); });
    if (!mounted) QVERIFY(QFile::setPermissions(ro, QFileDevice::ReadOwner | QFileDevice::ExeOwner));
    const auto restore = qScopeGuard([&] { if (!mounted) QFile::setPermissions(ro, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner); });
    const QString inRo = QDir(ro).filePath(QStringLiteral("new.sqlite"));
    const QString missing = dir.filePath(QStringLiteral("gone/new.sqlite"));
    // A link to /dev/null (session 40's trial: "A disk error occurred … the disk may be full") and a named pipe.
    const QString toDevice = dir.filePath(QStringLiteral("null.sqlite"));
    const QString pipe = dir.filePath(QStringLiteral("pipe.sqlite"));
    QVERIFY(QFile::link(QStringLiteral("/dev/null"), toDevice));
    QCOMPARE(::mkfifo(QFile::encodeName(pipe).constData(), 0600), 0);
    const struct {
        QString path, sentence;
    } cases[] = {
        {folder, QStringLiteral("The conversation database %1 is a folder, not a database file: move or rename it.").arg(folder)},
        {dangling, QStringLiteral("The conversation database %1 is a link to %2, which does not exist: remove the link, or "
                                  "point it at a database file.").arg(dangling, nowhere)},
        {missing, QStringLiteral("Cannot create the conversation database %1: its folder %2 does not exist. Create the "
                                 "folder, or keep the database in another one.").arg(missing, dir.filePath(QStringLiteral("gone")))},
        {inRo, QStringLiteral("Cannot create the conversation database %1: its folder %2 cannot be written. Make the "
                              "folder writable, or keep the database in another one.").arg(inRo, ro)},
        // Which it is (session 57's loose ends: "a device, a named pipe or a socket" for both)
        {toDevice, QStringLiteral("The conversation database %1 is a character device, not a file stored on a disk: move "
                                  "or remove it.").arg(toDevice)},
        {pipe, QStringLiteral("The conversation database %1 is a named pipe (FIFO), not a file stored on a disk: move or "
                              "remove it.").arg(pipe)},
    };
    for (const auto& c : cases) {
        if (c.path == inRo && QFileInfo(ro).isWritable()) continue;  // root without mount
        QCOMPARE(databaseFileProblem(c.path, Words::English), c.sentence);
        try {
            ConversationStore store(c.path);
            QFAIL(qPrintable(c.path + QStringLiteral(" was opened")));
        } catch (const StoreError& e) {
            QCOMPARE(e.code(), SQLITE_CANTOPEN);
            QCOMPARE(QString::fromStdString(e.userMessage()), c.sentence);
        }
        qInfo("%s", qPrintable(c.sentence));
    }
    QVERIFY(QFileInfo(dangling).isSymLink() && QFileInfo(folder).isDir() && !QFileInfo::exists(missing));  // as they were
    QCOMPARE(databaseFileProblem(dir.filePath(QStringLiteral("fine.sqlite")), Words::English), QString());
}

// A folder whose permission bits let root write it, where still no file can be made: /proc (ENOENT: SQLite's "unable to
// open database file" and "Check that its folder exists and can be read" before; session 53's trial), a tmpfs with no
// inode left (ENOSPC). store::fileCreationProblem says why in words, and databaseFileProblem names the folder with it;
// a folder that takes files gets nothing, and the probe leaves nothing there.
void TestStoreFiles::folderWhereNoFileCanBeMadeSaysWhy() {
    QTemporaryDir dir;
    QCOMPARE(fileCreationProblem(dir.path(), Words::English), QString());
    QCOMPARE(QDir(dir.path()).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot), QStringList());
    QCOMPARE(fileCreationProblem(dir.filePath(QStringLiteral("gone")), Words::English), QStringLiteral("it does not exist"));
    if (::geteuid() != 0) QSKIP("root's cases: /proc and a mount (another user cannot write them by their bits)");
    QCOMPARE(fileCreationProblem(QStringLiteral("/proc"), Words::English),
             QStringLiteral("the system lets no file be made in it"));
    const QString inProc = QStringLiteral("/proc/conversations.sqlite");
    const QString sentence = QStringLiteral("Cannot create the conversation database /proc/conversations.sqlite: no "
                                            "file can be made in its folder /proc (the system lets no file be made in "
                                            "it). Keep the database in another folder.");
    QCOMPARE(databaseFileProblem(inProc, Words::English), sentence);
    try {
        ConversationStore store(inProc);
        QFAIL("a database was opened in /proc");
    } catch (const StoreError& e) {
        QCOMPARE(QString::fromStdString(e.userMessage()), sentence);
    }
    const QString full = dir.filePath(QStringLiteral("full"));
    QVERIFY(QDir().mkpath(full));
    if (::mount("tmpfs", QFile::encodeName(full).constData(), "tmpfs", 0, "size=64k,nr_inodes=2") != 0)
        QSKIP("no tmpfs could be mounted");
    const auto unmount = qScopeGuard([&] { ::umount2(QFile::encodeName(full).constData(), MNT_DETACH); });
    for (int i = 0; i < 4; ++i) QFile(QDir(full).filePath(QString::number(i))).open(QIODevice::WriteOnly);  // inodes
    QCOMPARE(fileCreationProblem(full, Words::English), QStringLiteral("the disk is full"));
}

// store::isSqliteFile, the one check behind userMessage's "it is not an SQLite file" and `rwkv-cli export --out`'s
// refusal (two copies of it before): a database, readable files that are not one, and files that cannot be read.
void TestStoreFiles::sqliteFilesAreToldApart() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString db = dir.filePath(QStringLiteral("c.sqlite"));
    { ConversationStore store(db); }
    QCOMPARE(isSqliteFile(db), SqliteFile::Sqlite);
    const auto write = [&dir](const char* name, const QByteArray& bytes) {
        QFile f(dir.filePath(QString::fromLatin1(name)));
        if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size()) return QString();
        return f.fileName();
    };
    QString why = QStringLiteral("unchanged");
    QCOMPARE(isSqliteFile(write("c1.json", "{\"format\": \"rwkv-desktop-conversation\"}"), &why), SqliteFile::NotSqlite);
    QCOMPARE(why, QStringLiteral("unchanged"));  // only Unreadable says why
    QCOMPARE(isSqliteFile(write("empty.sqlite", QByteArray())), SqliteFile::NotSqlite);
    QCOMPARE(isSqliteFile(write("short.sqlite", QByteArray("SQLite ", 7))), SqliteFile::NotSqlite);
    QCOMPARE(isSqliteFile(write("no-nul.sqlite", QByteArray("SQLite format 3!and more"))), SqliteFile::NotSqlite);
    QCOMPARE(isSqliteFile(dir.filePath(QStringLiteral("missing.sqlite")), &why), SqliteFile::Unreadable);
    QCOMPARE(why, QStringLiteral("it does not exist"));
    QCOMPARE(isSqliteFile(dir.path(), &why), SqliteFile::Unreadable);
    QCOMPARE(why, QStringLiteral("it is a folder"));
}

// New-user trial (session 14, a 3 MB tmpfs with 60 KB free, no database yet): the schema is written step by step, the
// disk filled after step 2, and the half-made file stayed: the next start called it "written by an older RWKV Desktop
// (schema version 2)", and upgrading it left conversations.sqlite.bak-v2 beside it. Every quota from nothing to
// enough, in 4 KiB steps: either the database opens at the current version with no backup, or nothing is left.
void TestStoreFiles::newDatabaseOnAFullDiskLeavesNothing() {
    int failed = 0, opened = 0;
    for (qint64 room = 0; room <= 256 * 1024; room += 4096) {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("conversations.sqlite"));
        disk_quota::install(dir.path(), room);
        std::string error;
        try {
            ConversationStore store(path, ConversationStore::OpenMode::Automatic);
            disk_quota::uninstall();
            QCOMPARE(store.openedAtVersion(), 0);
            QVERIFY(store.upgradeBackup().isEmpty());
            QVERIFY(!store.isReadOnly());
            ++opened;
            continue;
        } catch (const StoreError& e) {
            error = e.userMessage();
        }
        disk_quota::uninstall();
        ++failed;
        QVERIFY2(error.find("is full") != std::string::npos, error.c_str());
        const QStringList left = QDir(dir.path()).entryList(QDir::Files | QDir::Hidden);
        QVERIFY2(left.isEmpty(), qPrintable(QString::number(room) + QStringLiteral(" bytes: left ") + left.join(u' ')));
    }
    qInfo("quotas that failed: %d, opened: %d", failed, opened);
    QVERIFY(failed > 0 && opened > 0);
}

// Session 27's trial, F5: another library moved over the open one (a backup restore, a sync tool) was damaged by the
// app's next writes through its -wal, without a word. Now each commit checks that the file at the path is the one
// opened (Database::fileWasReplaced): the change is refused with the reason, and the file moved in stays whole.
void TestStoreFiles::replacedFileIsNotWrittenThrough() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("conversations.sqlite"));
    const QString other = theirLibrary(dir);
    {
        ConversationStore store(path);
        const qint64 mine = store.createConversation(QStringLiteral("Mine"));
        store.addMessage(mine, 0, Role::User, QStringLiteral("Before the move"));
        QCOMPARE(::rename(QFile::encodeName(other).constData(), QFile::encodeName(path).constData()), 0);
        for (int attempt = 0; attempt < 2; ++attempt) {  // and it stays refused
            try {
                store.addMessage(mine, 0, Role::User, QStringLiteral("After the move"));
                QFAIL("a change was written into the file moved over the library");
            } catch (const StoreError& e) {
                QCOMPARE(e.extendedCode(), SQLITE_CONSTRAINT_COMMITHOOK);
                const QString shown = QString::fromStdString(e.userMessage());
                QVERIFY2(shown.contains(QStringLiteral("was replaced or removed by another program")), qPrintable(shown));
                QVERIFY2(shown.contains(path), qPrintable(shown));
            }
        }
        QCOMPARE(store.messages(mine).size(), 1);  // what it read before stays readable
    }
    Database db(path);
    auto check = db.cached("PRAGMA integrity_check");
    QVERIFY(check->step());
    QCOMPARE(check->columnText(0), QStringLiteral("ok"));
    ConversationStore now(path);
    QCOMPARE(now.listConversations().size(), 1);
    QCOMPARE(now.listConversations()[0].title, QStringLiteral("Theirs"));
}

void TestStoreFiles::walOfAReplacedFileIsSetAside_data() {
    QTest::addColumn<bool>("throughALink");
    QTest::newRow("the file") << false;
    QTest::newRow("through a link") << true;
}

// The same move, but the app is killed before its next statement (a crash, a power cut): the pages it had committed to
// its -wal stay there, next to the file moved in, and SQLite's next open read them into that file (its WAL header and
// frames say nothing of which file they belong to): integrity_check errors and the old conversation shown. A writing
// Database tags its -wal with the file it belongs to; the next open sets aside a -wal tagged for another file.
void TestStoreFiles::walOfAReplacedFileIsSetAside() {
    QFETCH(bool, throughALink);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("conversations.sqlite"));
    const QString link = dir.filePath(QStringLiteral("library.sqlite"));  // SQLite's -wal: next to the file, not it
    if (throughALink) QVERIFY(QFile::link(path, link));
    const QString other = theirLibrary(dir);
    int ready[2];
    QCOMPARE(::pipe(ready), 0);
    const pid_t child = ::fork();
    if (child == 0) {  // the app: writes, says so, and waits to be killed with its library open
        auto* store = new ConversationStore(throughALink ? link : path);
        const qint64 mine = store->createConversation(QStringLiteral("Mine"));
        for (int i = 0; i < 50; ++i)
            store->addMessage(mine, 0, Role::User, QStringLiteral("Before the move %1 ").arg(i).repeated(40));
        const char written = 1;
        if (::write(ready[1], &written, 1) != 1) ::_exit(1);
        for (;;) ::pause();
    }
    QVERIFY(child > 0);
    char written = 0;
    QCOMPARE(::read(ready[0], &written, 1), ssize_t(1));
    ::close(ready[0]);
    ::close(ready[1]);
    QCOMPARE(::rename(QFile::encodeName(other).constData(), QFile::encodeName(path).constData()), 0);
    QCOMPARE(::kill(child, SIGKILL), 0);
    int status = 0;
    QCOMPARE(::waitpid(child, &status, 0), child);
    const QString wal = path + QStringLiteral("-wal");
    QVERIFY2(QFileInfo(wal).size() > 32, "the killed writer left no committed pages in its -wal");
    const QByteArray stale = fileHash(wal);

    const QStringList titles = [&] {
        ConversationStore now(throughALink ? link : path);
        QStringList t;
        for (const Conversation& c : now.listConversations()) t << c.title;
        return t;
    }();
    QCOMPARE(titles, QStringList{QStringLiteral("Theirs")});
    Database db(path);
    auto check = db.cached("PRAGMA integrity_check");
    QVERIFY(check->step());
    QCOMPARE(check->columnText(0), QStringLiteral("ok"));
    const QStringList aside = QDir(dir.path()).entryList({QStringLiteral("conversations.sqlite-wal.*")}, QDir::Files);
    QCOMPARE(aside.size(), 1);
    QCOMPARE(fileHash(dir.filePath(aside[0])), stale);  // kept whole, for whoever wants the old file's last changes
}

QTEST_GUILESS_MAIN(TestStoreFiles)
#include "test_store_files.moc"
