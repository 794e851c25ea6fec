// tests/app/test_download_part.cpp — who owns a download's .part (models/part_file.h), against the loopback server:
// two windows (two data folders) on one models folder, a .part the app did not write, a resumed .part whose bytes went
// bad, and the words of a full disk. Session 28's trial: F5, F8, N3.
#include "download_test_util.h"
#include "http_test_server.h"

#include "models/disk_space.h"
#include "models/download_manager.h"
#include "models/one_line.h"
#include "models/part_file.h"
#include "store/conversation_store.h"
#include "store/download_store.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <memory>

using namespace rwkv::models;
using namespace download_test;

namespace {

constexpr qint64 kFileSize = 2 * 1024 * 1024 + 77;
constexpr int kWaitMs = 20000;
const QString kId = QStringLiteral("model");

// One app window: its own data folder (database, downloads table) and download manager.
struct Window {
    Window(const QString& dataDir, qint64 maxWritable = -1, int otherComputerStaleMs = 300000) {
        QDir().mkpath(dataDir);
        const QString db = QDir(dataDir).filePath(QStringLiteral("app.sqlite"));
        conversations = std::make_unique<rwkv::store::ConversationStore>(db);  // creates the downloads table
        downloads = std::make_unique<rwkv::store::DownloadStore>(db);
        DownloadOptions o;
        o.useSystemProxy = false;
        o.retryBaseMs = 20;
        o.retryMaxMs = 200;
        o.progressIntervalMs = 10;
        o.partLockPollMs = 20;
        o.maxWritableBytes = maxWritable;
        o.otherComputerStaleMs = otherComputerStaleMs;
        manager = std::make_unique<DownloadManager>(*downloads, o);
    }
    DownloadState state() const {
        const auto s = manager->status(kId);
        return s ? s->state : DownloadState::Queued;
    }
    QString message() const {
        const auto s = manager->status(kId);
        return s ? s->message : QString();
    }
    std::unique_ptr<rwkv::store::ConversationStore> conversations;
    std::unique_ptr<rwkv::store::DownloadStore> downloads;
    std::unique_ptr<DownloadManager> manager;
};

}  // namespace

class TestDownloadPart : public QObject {
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void twoWindowsDownloadOneFileOnce();
    void cancelWhileWaitingKeepsTheOtherWindowsPart();
    void partNotWrittenByTheAppIsStartedOver();
    void damagedResumedPartIsFetchedWholeOnce();
    void diskFullNamesTheDisk();
    void otherComputersLockWithNothingBesideIsTakenOver();
    void otherComputersLockIsWaitedForWhileItsPartGrows();
    void unusableLockIsAnError_data();
    void unusableLockIsAnError();
    void lockHostIsShownOnOneLine();

private:
    DownloadRequest request() const;
    QString modelsDir() const { return dir_->filePath(QStringLiteral("models")); }
    QString finalPath() const { return modelsDir() + QStringLiteral("/model.pth"); }
    QString partPath() const { return finalPath() + QStringLiteral(".part"); }
    QString lockPath() const { return partPath() + QStringLiteral(".lock"); }
    /// The lock QLockFile leaves behind on another computer (format before Qt 5.10's machine id: pid, app, host).
    void writeOtherComputersLock() const {
        QFile f(lockPath());
        QVERIFY(f.open(QIODevice::WriteOnly));
        QCOMPARE(f.write("4242\nrwkv-desktop\notherpc\n"), 26);
    }
    QString otherComputerWaits(int minutes) const {
        return QStringLiteral("model.pth is being downloaded by RWKV Desktop on another computer (otherpc, process "
                              "4242) into this shared models folder: its lock is %1. This one waits and uses the file "
                              "once it is there; if nothing changes beside that lock for %2 min, this one takes the "
                              "download over.")
            .arg(isolatedPath(lockPath()))
            .arg(minutes);
    }
    QStringList modelsFolderFiles() const {
        return QDir(modelsDir()).entryList(QDir::Files | QDir::Hidden, QDir::Name);
    }
    /// Messages of id's state changes, in order.
    static void collectMessages(DownloadManager& m, QStringList* out);

    std::unique_ptr<QTemporaryDir> dir_;
    std::unique_ptr<HttpTestServer> server_;
    QByteArray body_;
    QString sha_;
};

void TestDownloadPart::init() {
    dir_ = std::make_unique<QTemporaryDir>();
    QVERIFY(QDir().mkpath(modelsDir()));
    body_ = randomBytes(kFileSize, 11);
    sha_ = sha256Hex(body_);
    server_ = std::make_unique<HttpTestServer>(QHostAddress(QStringLiteral("127.0.0.1")));
    QVERIFY(server_->listen());
    server_->setFile("/file.bin", body_);
}

void TestDownloadPart::cleanup() {
    server_.reset();
    dir_.reset();
}

DownloadRequest TestDownloadPart::request() const {
    DownloadRequest r;
    r.id = kId;
    r.fileName = QStringLiteral("model.pth");
    r.targetDir = modelsDir();
    r.urls.insert(Source::HuggingFace, server_->url("/file.bin"));
    r.source = Source::HuggingFace;
    r.expectedSize = kFileSize;
    r.expectedSha256 = sha_;
    return r;
}

void TestDownloadPart::collectMessages(DownloadManager& m, QStringList* out) {
    connect(&m, &DownloadManager::stateChanged, &m,
            [out](const QString&, DownloadState, const QString& message) { out->append(message); });
}

// F5: window B, started while window A downloads the same file into the same models folder, neither reads nor writes
// A's .part: it says who downloads it, shows A's bytes, and takes A's verified file when it is there. One GET in all.
void TestDownloadPart::twoWindowsDownloadOneFileOnce() {
    server_->trickleBytes = 16 * 1024;
    Window a(dir_->filePath(QStringLiteral("a")));
    Window b(dir_->filePath(QStringLiteral("b")));
    QSignalSpy aDone(a.manager.get(), &DownloadManager::finished);
    QSignalSpy bDone(b.manager.get(), &DownloadManager::finished);
    QSignalSpy bProgress(b.manager.get(), &DownloadManager::progress);
    QVERIFY(a.manager->start(request()));
    QTRY_VERIFY_WITH_TIMEOUT(QFileInfo(partPath()).size() > 0, kWaitMs);
    QVERIFY(b.manager->start(request()));
    const QString waiting = QStringLiteral("model.pth is being downloaded by another RWKV Desktop window (process %1) "
                                           "into the same models folder. This one waits and uses the file once it is "
                                           "there.")
                                .arg(QCoreApplication::applicationPid());
    QTRY_COMPARE_WITH_TIMEOUT(b.message(), waiting, kWaitMs);
    QCOMPARE(b.state(), DownloadState::Downloading);
    // A note, not a problem: the chat window's banner draws it muted, not red (session 28's review of fix1).
    QVERIFY(b.manager->status(kId)->waitingForOtherWindow);
    QVERIFY(!a.manager->status(kId)->waitingForOtherWindow);
    QVERIFY(aDone.wait(kWaitMs));
    QTRY_COMPARE_WITH_TIMEOUT(bDone.size(), 1, kWaitMs);
    QCOMPARE(aDone.at(0).at(1).toString(), finalPath());
    QCOMPARE(bDone.at(0).at(1).toString(), finalPath());
    QCOMPARE(fileSha256(finalPath()), sha_);
    QCOMPARE(QFileInfo(finalPath()).size(), kFileSize);
    const auto requests = gets(*server_, "/file.bin");
    QCOMPARE(requests.size(), 1);
    QVERIFY(!requests[0].has("Range"));
    // B's bar followed A's bytes, never past the file.
    QVERIFY(!bProgress.isEmpty());
    for (const QList<QVariant>& p : bProgress)
        QVERIFY(p.at(1).toLongLong() <= kFileSize);
    QCOMPARE(b.state(), DownloadState::Completed);
    QVERIFY(!b.manager->status(kId)->waitingForOtherWindow);
    QVERIFY(!a.downloads->find(kId).has_value());
    QVERIFY(!b.downloads->find(kId).has_value());
    QCOMPARE(modelsFolderFiles(), QStringList{QStringLiteral("model.pth")});  // no .part, lock or record left
}

// F5: Cancel in the waiting window drops its own download only: the other window's .part and record stay.
void TestDownloadPart::cancelWhileWaitingKeepsTheOtherWindowsPart() {
    server_->trickleBytes = 16 * 1024;
    Window a(dir_->filePath(QStringLiteral("a")));
    Window b(dir_->filePath(QStringLiteral("b")));
    QSignalSpy aDone(a.manager.get(), &DownloadManager::finished);
    QVERIFY(a.manager->start(request()));
    QTRY_VERIFY_WITH_TIMEOUT(QFileInfo(partPath()).size() > 0, kWaitMs);
    QVERIFY(b.manager->start(request()));
    QTRY_VERIFY_WITH_TIMEOUT(b.message().contains(QStringLiteral("another RWKV Desktop window")), kWaitMs);
    QSignalSpy bState(b.manager.get(), &DownloadManager::stateChanged);
    b.manager->cancel(kId);
    QTRY_VERIFY_WITH_TIMEOUT(!bState.isEmpty() && bState.last().at(1).value<DownloadState>() == DownloadState::Cancelled,
                             kWaitMs);
    QVERIFY(networkThreadAnswered(*b.manager));  // Cancelled is said at once; the network thread acts on it after
    QVERIFY(QFile::exists(partPath()));
    QVERIFY(QFile::exists(partPath() + QStringLiteral(".json")));
    QVERIFY(!b.downloads->find(kId).has_value());
    QVERIFY(aDone.wait(kWaitMs));
    QCOMPARE(fileSha256(finalPath()), sha_);
    QCOMPARE(gets(*server_, "/file.bin").size(), 1);
}

// F8: a .part the app did not write (no record beside it: another program's, a copy tool's) is not resumed: the file
// is fetched from the start, and the download says so while it runs.
void TestDownloadPart::partNotWrittenByTheAppIsStartedOver() {
    QByteArray stray = body_.left(1000000);
    stray[1000] = char(stray[1000] ^ 0x5a);  // one bad byte: resumed, it could only fail at the checksum
    {
        QFile f(partPath());
        QVERIFY(f.open(QIODevice::WriteOnly));
        QCOMPARE(f.write(stray), stray.size());
    }
    Window w(dir_->filePath(QStringLiteral("a")));
    QStringList messages;
    collectMessages(*w.manager, &messages);
    QSignalSpy done(w.manager.get(), &DownloadManager::finished);
    QVERIFY(w.manager->start(request()));
    QVERIFY(done.wait(kWaitMs));
    QCOMPARE(fileSha256(finalPath()), sha_);
    const auto requests = gets(*server_, "/file.bin");
    QCOMPARE(requests.size(), 1);
    QVERIFY(!requests[0].has("Range"));
    QVERIFY2(messages.contains(QStringLiteral("Starting over: model.pth.part in the models folder was not written by "
                                              "this download (another program's or another file's), so the file is "
                                              "downloaded from the start.")),
             qPrintable(messages.join(QLatin1Char('|'))));
    QCOMPARE(modelsFolderFiles(), QStringList{QStringLiteral("model.pth")});
}

// F8: the app's own .part is resumed (its record says what it is); when its kept bytes went bad, the checksum mismatch
// fetches the whole file once more instead of failing with a Retry that would start from zero anyway.
void TestDownloadPart::damagedResumedPartIsFetchedWholeOnce() {
    server_->trickleBytes = 16 * 1024;
    const QString dataDir = dir_->filePath(QStringLiteral("a"));
    {
        Window w(dataDir);
        QVERIFY(w.manager->start(request()));
        QTRY_VERIFY_WITH_TIMEOUT(QFileInfo(partPath()).size() >= kFileSize / 3, kWaitMs);
        w.manager->pause(kId);
        QTRY_COMPARE_WITH_TIMEOUT(w.state(), DownloadState::Paused, kWaitMs);
    }  // the app closes
    const qint64 kept = QFileInfo(partPath()).size();
    {
        QFile f(partPath());
        QVERIFY(f.open(QIODevice::ReadWrite));
        QVERIFY(f.seek(500));
        QCOMPARE(f.write("XYZ", 3), 3);  // a disk or copy error inside the kept bytes
    }
    server_->trickleBytes = 0;
    Window w(dataDir);
    QStringList messages;
    collectMessages(*w.manager, &messages);
    QSignalSpy done(w.manager.get(), &DownloadManager::finished);
    QSignalSpy failed(w.manager.get(), &DownloadManager::failed);
    w.manager->resume(kId);
    QVERIFY(done.wait(kWaitMs));
    QCOMPARE(failed.size(), 0);
    QCOMPARE(fileSha256(finalPath()), sha_);
    const auto requests = gets(*server_, "/file.bin");
    QCOMPARE(requests.size(), 3);
    QCOMPARE(requests[1].header("Range"), "bytes=" + QByteArray::number(kept) + "-");  // the own .part: resumed
    QVERIFY(!requests[2].has("Range"));
    QVERIFY2(messages.contains(QStringLiteral("Starting over: the checksum of model.pth did not match after resuming "
                                              "the %1 downloaded earlier, so the file is downloaded again from the "
                                              "start")
                                   .arg(humanBytes(kept))),
             qPrintable(messages.join(QLatin1Char('|'))));
}

// N3: a download stopped by a full disk named Qt's empty error string ("(Unknown error)") where the reason belongs;
// it names the disk now.
void TestDownloadPart::diskFullNamesTheDisk() {
    Window w(dir_->filePath(QStringLiteral("a")), 1000000);  // writes past 1 MB fail like ENOSPC
    QVERIFY(w.manager->start(request()));
    QTRY_COMPARE_WITH_TIMEOUT(w.state(), DownloadState::Paused, kWaitMs);
    const QString message = w.message();
    const QString head = QStringLiteral("Disk full while writing model.pth: the disk holding %1 has no room left (")
                             .arg(isolatedPath(QDir(modelsDir()).absolutePath()));  // isolated, as every path
    QVERIFY2(message.startsWith(head), qPrintable(message));
    QVERIFY2(message.endsWith(QStringLiteral(" free). Free some space, then resume; the %1 already downloaded are kept.")
                                  .arg(humanBytes(1000000))),
             qPrintable(message));
    QCOMPARE(QFileInfo(partPath()).size(), 1000000);
}

// T2: another computer's lock on a shared models folder (its window crashed) with no .part or record beside it made
// Download wait forever without a request. It is named with its host and path, and taken over at the next look.
void TestDownloadPart::otherComputersLockWithNothingBesideIsTakenOver() {
    writeOtherComputersLock();
    Window w(dir_->filePath(QStringLiteral("a")));
    QStringList messages;
    collectMessages(*w.manager, &messages);
    // The note of a normal start, drawn as a note and not as an error (session 29's check, L4: it was red).
    int tookOverNotes = 0, tookOverAsInformation = 0;
    connect(w.manager.get(), &DownloadManager::stateChanged, this,
            [&](const QString& id, DownloadState, const QString& message) {
                if (!message.startsWith(QLatin1String("Took over"))) return;
                ++tookOverNotes;
                tookOverAsInformation += w.manager->status(id)->waitingForOtherWindow ? 1 : 0;
            });
    QSignalSpy done(w.manager.get(), &DownloadManager::finished);
    QVERIFY(w.manager->start(request()));
    QVERIFY2(done.wait(kWaitMs), qPrintable(messages.join(QLatin1Char('|'))));
    QCOMPARE(fileSha256(finalPath()), sha_);
    const auto requests = gets(*server_, "/file.bin");
    QCOMPARE(requests.size(), 1);
    QVERIFY(!requests[0].has("Range"));
    QVERIFY(tookOverNotes > 0);
    QCOMPARE(tookOverAsInformation, tookOverNotes);
    QVERIFY2(messages.contains(otherComputerWaits(5)), qPrintable(messages.join(QLatin1Char('|'))));
    QVERIFY2(messages.contains(QStringLiteral("Took over the lock %1 of otherpc (process 4242): no download was "
                                              "writing beside it.")
                                   .arg(isolatedPath(lockPath()))),
             qPrintable(messages.join(QLatin1Char('|'))));
    QCOMPARE(modelsFolderFiles(), QStringList{QStringLiteral("model.pth")});
}

// T2: while the other computer's .part grows, this window waits (no request); once it stopped changing for
// otherComputerStaleMs, the lock is taken over and that .part (the app's, by its record) resumed where it ended.
void TestDownloadPart::otherComputersLockIsWaitedForWhileItsPartGrows() {
    writeOtherComputersLock();
    qint64 kept = 500000;
    {
        QFile f(partPath());
        QVERIFY(f.open(QIODevice::WriteOnly));
        QCOMPARE(f.write(body_.left(kept)), kept);
    }
    QVERIFY(PartFile(partPath()).writeRecord(
        {QStringLiteral("model.pth"), kFileSize, sha_, server_->url("/file.bin").toString(), QString()}));
    Window w(dir_->filePath(QStringLiteral("a")), -1, 300);
    QStringList messages;
    collectMessages(*w.manager, &messages);
    // The other computer writes 10,000 bytes between this window's looks, five times.
    int grown = 0;
    bool requestWhileGrowing = false;
    connect(w.manager.get(), &DownloadManager::progress, this, [&] {
        if (grown == 5)
            return;
        requestWhileGrowing |= !gets(*server_, "/file.bin").isEmpty();
        QFile f(partPath());
        QVERIFY(f.open(QIODevice::Append));
        QCOMPARE(f.write(body_.mid(kept, 10000)), 10000);
        kept += 10000;
        ++grown;
    });
    QSignalSpy done(w.manager.get(), &DownloadManager::finished);
    QVERIFY(w.manager->start(request()));
    QVERIFY2(done.wait(kWaitMs), qPrintable(messages.join(QLatin1Char('|'))));
    QCOMPARE(grown, 5);
    QVERIFY(!requestWhileGrowing);
    QCOMPARE(fileSha256(finalPath()), sha_);
    const auto requests = gets(*server_, "/file.bin");
    QCOMPARE(requests.size(), 1);
    QCOMPARE(requests[0].header("Range"), "bytes=550000-");
    QVERIFY2(messages.contains(otherComputerWaits(1)), qPrintable(messages.join(QLatin1Char('|'))));
    const QString took = QStringLiteral("Took over the lock %1 of otherpc (process 4242): its .part did not change for ")
                             .arg(isolatedPath(lockPath()));
    QVERIFY2(std::any_of(messages.begin(), messages.end(), [&](const QString& m) { return m.startsWith(took); }),
             qPrintable(messages.join(QLatin1Char('|'))));
    QCOMPARE(modelsFolderFiles(), QStringList{QStringLiteral("model.pth")});
}

void TestDownloadPart::unusableLockIsAnError_data() {
    QTest::addColumn<QString>("lock");
    QTest::addColumn<QString>("expected");
    const QString unreadable = QStringLiteral("Cannot download model.pth: its lock %1 cannot be read (it was not written "
                                              "by RWKV Desktop). If no window on any computer downloads this model, "
                                              "remove it, then retry.");
    QTest::newRow("a folder") << QStringLiteral("folder")
                              << QStringLiteral("Cannot download model.pth: its lock %1 is not a file (a folder or "
                                                "something else has that name). Remove it, then retry.");
    QTest::newRow("not QLockFile's") << QStringLiteral("text") << unreadable;
    // Session 29's check (L2): read as "an empty lock just made" (size 0, no time) at every look, it waited forever.
    QTest::newRow("a link to nothing") << QStringLiteral("dangling link") << unreadable;
}

// T2: a lock that cannot be taken or read (a folder of its name, a file that is not QLockFile's) made the download
// wait forever for "another RWKV Desktop window". It fails at once, naming the lock and why; nothing is sent or made.
void TestDownloadPart::unusableLockIsAnError() {
    QFETCH(QString, lock);
    QFETCH(QString, expected);
    if (lock == QLatin1String("folder")) {
        QVERIFY(QDir().mkpath(lockPath()));
    } else if (lock == QLatin1String("dangling link")) {
        QVERIFY(QFile::link(dir_->filePath(QStringLiteral("nothing-here")), lockPath()));
    } else {
        QFile f(lockPath());
        QVERIFY(f.open(QIODevice::WriteOnly));
        QCOMPARE(f.write("locked by sync tool\n"), 20);
    }
    Window w(dir_->filePath(QStringLiteral("a")));
    QVERIFY(w.manager->start(request()));
    QTRY_COMPARE_WITH_TIMEOUT(w.state(), DownloadState::Failed, kWaitMs);
    QCOMPARE(w.message(), expected.arg(isolatedPath(lockPath())));
    QCOMPARE(gets(*server_, "/file.bin").size(), 0);
    QVERIFY(!QFile::exists(partPath()));
    // left as it was
    QCOMPARE(QFileInfo(lockPath()).isDir(), lock == QLatin1String("folder"));
    QCOMPARE(QFileInfo(lockPath()).isFile(), lock == QLatin1String("text"));
    QCOMPARE(QFileInfo(lockPath()).isSymLink(), lock == QLatin1String("dangling link"));
}

// The host a lock names is shown by the rule of the Models page's file names (oneLine): a line break as "\\n" (it was
// "\\u000a" here and "\\n" there before session 32), a bidi override escaped, a bell as "\\u0007", at most 64
// characters and "…", never cut inside an escape.
void TestDownloadPart::lockHostIsShownOnOneLine() {
    LockHolder h;
    h.host = QStringLiteral("pc\nname\u202eexe\x07");
    QCOMPARE(h.shownHost(), QStringLiteral("pc\\nname\\u202eexe\\u0007"));
    h.host = QString(60, u'h') + QStringLiteral("\t") + QStringLiteral("tail");
    QCOMPARE(h.shownHost(), QString(60, u'h') + QStringLiteral("\\t") + QStringLiteral("ta") + QChar(0x2026));
    h.host = QString(62, u'h') + QStringLiteral("\u202e");  // its escape (6) does not fit after 62: cut before it
    QCOMPARE(h.shownHost(), QString(62, u'h') + QChar(0x2026));
}

QTEST_GUILESS_MAIN(TestDownloadPart)
#include "test_download_part.moc"
