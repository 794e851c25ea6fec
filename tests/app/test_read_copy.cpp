// test_read_copy.cpp — the temporary copy of a read-only library whose -wal lacks its -shm (store/read_copy.h): one per
// process, shared by every connection; the copies of a process that died are removed, a live one's never.
#include "store/conversation_store.h"
#include "store/database.h"
#include "store/download_store.h"
#include "store/read_copy.h"
#include "read_only_folder.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QScopeGuard>
#include <QTemporaryDir>
#include <QTest>

#include <sys/wait.h>
#include <unistd.h>

using namespace rwkv::store;

namespace {

int copyLines = 0;  // the store's "read from a temporary copy" warnings since the handler was installed
QtMessageHandler previousHandler = nullptr;
void countCopyLines(QtMsgType type, const QMessageLogContext& context, const QString& message) {
    if (message.contains(QStringLiteral("read from a temporary copy"))) ++copyLines;
    previousHandler(type, context, message);
}

}  // namespace

class TestReadCopy : public QObject {
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void oneCopyIsSharedByEveryConnection();
    void copiesOfAProcessGoneAreRemoved();

private:
    std::unique_ptr<QTemporaryDir> dir_;
    QString tmp_, folder_, noIndex_;
    QByteArray tmpBefore_;
    int copiesInTmp() const { return QDir(tmp_).entryList(QDir::AllEntries | QDir::NoDotAndDotDot).size(); }
};

// A library in folder_ whose -wal holds "Only in the -wal" and has no -shm (a writer killed), TMPDIR = tmp_.
void TestReadCopy::init() {
    dir_ = std::make_unique<QTemporaryDir>();
    folder_ = dir_->filePath(QStringLiteral("ro"));
    tmp_ = dir_->filePath(QStringLiteral("tmp"));
    QVERIFY(QDir().mkpath(folder_) && QDir().mkpath(tmp_));
    tmpBefore_ = qgetenv("TMPDIR");
    qputenv("TMPDIR", QFile::encodeName(tmp_));
    noIndex_ = folder_ + QStringLiteral("/no-index.sqlite");
    const QString open = dir_->filePath(QStringLiteral("open.sqlite"));
    { ConversationStore(open).createConversation(QStringLiteral("At the checkpoint")); }
    ConversationStore store(open);
    store.createConversation(QStringLiteral("Only in the -wal"));
    for (const char* suffix : {"", "-wal"})
        QVERIFY(QFile::copy(open + QLatin1String(suffix), noIndex_ + QLatin1String(suffix)));
    QVERIFY(QFileInfo(noIndex_ + QStringLiteral("-wal")).size() > 32);
}

void TestReadCopy::cleanup() {
    qputenv("TMPDIR", tmpBefore_);
    dir_.reset();
}

// The store's connection and the downloads' (main.cpp opens both) and any other read the same copy: one copy of the
// library in TMPDIR, one line on stderr. Before session 37 each made its own (a 440 MB library: 2 x 421 MB in /tmp),
// and with room for one only, the second read the file as of its checkpoint without a word.
void TestReadCopy::oneCopyIsSharedByEveryConnection() {
    const ReadOnlyFolder readOnly(folder_);
    if (QFileInfo(folder_).isWritable()) QSKIP("this user (root) can write a read-only folder and cannot mount");
    copyLines = 0;
    previousHandler = qInstallMessageHandler(countCopyLines);
    const auto restore = qScopeGuard([] { qInstallMessageHandler(previousHandler); });
    {
        ConversationStore store(noIndex_, ConversationStore::OpenMode::Automatic);
        DownloadStore downloads(noIndex_);
        Database third(noIndex_, 5000, true);
        QVERIFY(store.isReadOnly() && !store.newestChangesUnread());
        QVERIFY(third.readsACopy());
        QCOMPARE(copiesInTmp(), 1);  // before: 3
        const QList<Conversation> list = store.listConversations();
        QCOMPARE(list.size(), 2);
        QCOMPARE(list[0].title, QStringLiteral("Only in the -wal"));
        QVERIFY(downloads.list().isEmpty());
        auto count = third.cached("SELECT count(*) FROM conversations");
        QVERIFY(count->step());
        QCOMPARE(count->columnInt64(0), 2);  // the -wal's chat: the same copy, not the checkpoint
    }
    QCOMPARE(copyLines, 1);  // before: 3, one per connection
    QCOMPARE(copiesInTmp(), 0);  // removed with the last connection
    {  // a later open makes a copy again
        Database again(noIndex_, 5000, true);
        QVERIFY(again.readsACopy());
        QCOMPARE(copiesInTmp(), 1);
    }
    QCOMPARE(copiesInTmp(), 0);
}

// A process killed while it reads a copy (kill -9, a crash, a power cut) leaves it in TMPDIR: the next start removes
// it (ConversationStore's first open calls removeLeftBehind()), and the copy of a process still running stays.
void TestReadCopy::copiesOfAProcessGoneAreRemoved() {
    const pid_t child = ::fork();
    if (child == 0) {  // makes its copy and dies without removing it, as kill -9 does
        const auto copy = ReadCopy::of(noIndex_);
        ::_exit(copy ? 0 : 1);
    }
    QVERIFY(child > 0);
    int status = 0;
    QCOMPARE(::waitpid(child, &status, 0), child);
    QVERIFY(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    QCOMPARE(copiesInTmp(), 1);
    const QString left = QDir(tmp_).entryList(QDir::Dirs | QDir::NoDotAndDotDot).first();
    QVERIFY2(left.startsWith(QStringLiteral("rwkv-library-%1-").arg(child)), qPrintable(left));
    QVERIFY(QFileInfo::exists(tmp_ + u'/' + left + QStringLiteral("/library.sqlite")));
    // A folder of the dead process without its lock file yet (killed while making it): removed too.
    QVERIFY(QDir(tmp_).mkdir(QStringLiteral("rwkv-library-%1-AbCdEf").arg(child)));
    // Not ours: another program's folder, and a name with no pid (an older build's), whose owner cannot be told.
    QVERIFY(QDir(tmp_).mkdir(QStringLiteral("rwkv-library-XyZ123")));
    QVERIFY(QDir(tmp_).mkdir(QStringLiteral("other-program")));
    // This process's own copy, alive: kept, and still read.
    const auto live = ReadCopy::of(noIndex_);
    QVERIFY(live);
    QCOMPARE(copiesInTmp(), 5);
    QCOMPARE(ReadCopy::removeLeftBehind(), 2);
    QStringList names = QDir(tmp_).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    names.sort();
    QCOMPARE(names.size(), 3);
    QCOMPARE(names[0], QStringLiteral("other-program"));
    QVERIFY2(names[1].startsWith(QStringLiteral("rwkv-library-%1-").arg(::getpid())), qPrintable(names[1]));
    QCOMPARE(names[2], QStringLiteral("rwkv-library-XyZ123"));
    QVERIFY(QFileInfo::exists(live->file()));
    QCOMPARE(ReadCopy::removeLeftBehind(), 0);  // nothing more: the live copy's lock is held
    Database db(live->file(), 5000, true);
    auto count = db.cached("SELECT count(*) FROM conversations");
    QVERIFY(count->step());
    QCOMPARE(count->columnInt64(0), 2);
}

QTEST_GUILESS_MAIN(TestReadCopy)
#include "test_read_copy.moc"
