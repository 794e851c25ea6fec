// tests/app/test_download_write_lock.cpp — Download and Resume on the Models page while another program holds the
// app database's write lock: the card changes at once (queued: a moving bar, "Starting…"), the download goes on once
// the lock goes, and a card whose network thread does not answer comes back paused or failed with a sentence (session
// 29's check, W1; 025b6f7, b040401). Moved out of test_model_manager.cpp (which had grown past 800 lines).
#include "download_test_util.h"
#include "model_manager_page.h"
#include "other_program.h"

#include <QFileInfo>
#include <QSignalSpy>
#include <QTest>

using namespace rwkv::models;

class TestDownloadWriteLock : public QObject {
    Q_OBJECT

private slots:
    void downloadUnderAWriteLockIsQueuedAtOnce();
    void resumeUnderAWriteLockIsQueuedAtOnce();
    void resumeWithoutAnAnswerIsPausedAgain();
    void cancelUnderAWriteLockActsAtOnce();
};

// Download pressed while another program holds the database's write lock: the card says at once that it was taken
// (queued: a moving bar, "Starting…"), then downloads once the lock goes. Before (session 29's check, W1) the card
// showed nothing — still "Download", no bar — until the row was saved, up to the store's 5 s busy timeout.
void TestDownloadWriteLock::downloadUnderAWriteLockIsQueuedAtOnce() {
    ModelMPage page;
    QVERIFY2(page.open(), qPrintable(page.error));
    QSignalSpy ready(&*page.controller, &ModelManagerController::modelReady);
    OtherProgram other(page.dir.filePath(QStringLiteral("app.sqlite")));
    QVERIFY(other.begin(true));
    page.controller->download(QStringLiteral("m"));
    QCOMPARE(page.role("downloadState").toString(), QStringLiteral("queued"));
    QCOMPARE(page.role("progress").toDouble(), -1.0);  // the bar moves: no bytes yet
    QCOMPARE(page.role("progressText").toString(), QStringLiteral("Starting…"));
    QVERIFY(other.commit());
    QVERIFY2(ready.wait(20000), qPrintable(page.controller->errorMessage()));
    QCOMPARE(page.role("downloadState").toString(), QStringLiteral("completed"));
    QCOMPARE(QFileInfo(QDir(page.models).filePath(QStringLiteral("m.pth"))).size(), 3000);
}

namespace {
// Model "m" of `page` paused part way through its download (the server sends it slowly until then, at full speed
// after); its card says "paused" and the .part holds `*kept` bytes.
void pauseModelM(ModelMPage& page, qint64* kept) {
    const QString part = QDir(page.models).filePath(QStringLiteral("m.pth.part"));
    page.server.trickleBytes = 10;
    page.server.trickleIntervalMs = 20;
    page.controller->download(QStringLiteral("m"));
    QTRY_VERIFY_WITH_TIMEOUT(QFileInfo(part).size() > 0, 20000);
    page.controller->pause(QStringLiteral("m"));
    QTRY_COMPARE_WITH_TIMEOUT(page.role("downloadState").toString(), QStringLiteral("paused"), 20000);
    *kept = QFileInfo(part).size();
    QVERIFY2(*kept > 0 && *kept < 3000, qPrintable(QString::number(*kept)));
    page.server.trickleBytes = 0;
}
}  // namespace

// Resume pressed on a paused download while another program holds the database's write lock: the card says at once
// that it was taken (queued: a moving bar, "Starting…", the pause's note gone), as Download does (025b6f7), then goes
// on from the .part once the lock goes. Before (session 29's check, W1) it still said "Paused" until the network
// thread got past its first save of the download's progress, up to the store's 5 s busy timeout.
void TestDownloadWriteLock::resumeUnderAWriteLockIsQueuedAtOnce() {
    ModelMPage page;
    QVERIFY2(page.open(), qPrintable(page.error));
    qint64 kept = 0;
    pauseModelM(page, &kept);
    if (QTest::currentTestFailed()) return;
    QCOMPARE(page.role("message").toString(), QStringLiteral("Paused"));
    QSignalSpy ready(&*page.controller, &ModelManagerController::modelReady);
    OtherProgram other(page.dir.filePath(QStringLiteral("app.sqlite")));
    QVERIFY(other.begin(true));
    page.controller->resume(QStringLiteral("m"));
    QCOMPARE(page.role("downloadState").toString(), QStringLiteral("queued"));
    QCOMPARE(page.role("progress").toDouble(), -1.0);  // the bar moves
    QCOMPARE(page.role("progressText").toString(), QStringLiteral("Starting…"));
    QCOMPARE(page.role("message").toString(), QString());
    QCOMPARE(page.controller->activeDownloadState(), QStringLiteral("downloading"));  // the banner: not "paused"
    QVERIFY(other.commit());
    QVERIFY2(ready.wait(20000), qPrintable(page.controller->errorMessage()));
    QCOMPARE(page.role("downloadState").toString(), QStringLiteral("completed"));
    QCOMPARE(page.server.requests.constLast().header("Range"), QByteArray("bytes=") + QByteArray::number(kept) + '-');
    QCOMPARE(QFileInfo(QDir(page.models).filePath(QStringLiteral("m.pth"))).size(), 3000);
}

// No word from the network thread within DownloadOptions::answerWaitMs (here 300 ms) of Download or Resume: the card
// does not stay "Starting…" — a resumed download is paused again, a new one failed, each saying so. The thread is kept
// busy by Download of n, whose row waits for another program's write lock (up to the store's 5 s busy timeout), so the
// Resume of m queued behind it has no answer either. Their late answers still count: once the lock goes, both end.
void TestDownloadWriteLock::resumeWithoutAnAnswerIsPausedAgain() {
    ModelMPage page({.useSystemProxy = false, .answerWaitMs = 300});
    page.server.setFile("/n.pth", QByteArray(2000, 'n'));
    QVERIFY2(page.open(R"(, {"id": "n", "name": "N", "params": "0.1B", "file": "n.pth", "format": "pth", "size": 2000,
        "sha256": null, "n_layer": 12, "n_embd": 768, "urls": {"huggingface": ")" +
                       page.server.url("/n.pth").toEncoded() + R"("}})"),
             qPrintable(page.error));
    QCOMPARE(page.role("modelId", 1).toString(), QStringLiteral("n"));
    qint64 kept = 0;
    pauseModelM(page, &kept);
    if (QTest::currentTestFailed()) return;
    QSignalSpy ready(&*page.controller, &ModelManagerController::modelReady);
    OtherProgram other(page.dir.filePath(QStringLiteral("app.sqlite")));
    QVERIFY(other.begin(true));
    page.controller->download(QStringLiteral("n"));
    page.controller->resume(QStringLiteral("m"));
    QCOMPARE(page.role("downloadState").toString(), QStringLiteral("queued"));
    QCOMPARE(page.role("downloadState", 1).toString(), QStringLiteral("queued"));
    QTRY_COMPARE_WITH_TIMEOUT(page.role("downloadState").toString(), QStringLiteral("paused"), 4000);
    const QString noAnswer = QStringLiteral("The download did not start: no answer within 1 s (another program may be "
                                            "holding the database, or the models folder does not respond). Try again.");
    QCOMPARE(page.role("message").toString(), noAnswer);
    QCOMPARE(page.role("resumable").toBool(), true);
    QCOMPARE(page.role("downloadState", 1).toString(), QStringLiteral("failed"));
    QCOMPARE(page.role("message", 1).toString(), noAnswer);
    QVERIFY(other.commit());
    QTRY_COMPARE_WITH_TIMEOUT(ready.size(), 2, 20000);
    QCOMPARE(page.role("downloadState").toString(), QStringLiteral("completed"));
    QCOMPARE(page.role("downloadState", 1).toString(), QStringLiteral("completed"));
}

// Cancel pressed while the network thread waits for another program's write lock (Download's row being saved): the
// card goes back to Download at once, and once the lock goes nothing of the download is left — no file, no .part, no
// row — and its card does not come back. Before (session 30's note) Cancel did nothing until the network thread got
// past its save, up to the store's 5 s busy timeout.
void TestDownloadWriteLock::cancelUnderAWriteLockActsAtOnce() {
    ModelMPage page;
    QVERIFY2(page.open(), qPrintable(page.error));
    OtherProgram other(page.dir.filePath(QStringLiteral("app.sqlite")));
    QVERIFY(other.begin(true));
    page.controller->download(QStringLiteral("m"));
    QCOMPARE(page.role("downloadState").toString(), QStringLiteral("queued"));
    QSignalSpy changed(&page.app.manager, &DownloadManager::stateChanged);
    page.controller->cancel(QStringLiteral("m"));
    QCOMPARE(changed.size(), 1);  // before cancel() returned
    QCOMPARE(changed.constFirst().at(1).value<DownloadState>(), DownloadState::Cancelled);
    QCOMPARE(page.role("downloadState").toString(), QString());  // no download: the card offers Download
    QCOMPARE(page.role("progress").toDouble(), -1.0);
    QVERIFY(!page.app.manager.status(QStringLiteral("m")).has_value());
    QVERIFY(other.commit());
    // Its words about m (the row saved, the task started and cancelled) have arrived once it answers.
    QVERIFY(download_test::networkThreadAnswered(page.app.manager));
    QCOMPARE(changed.size(), 2);  // Cancelled for m, Failed for the probe: nothing else of m was shown
    QCOMPARE(page.role("downloadState").toString(), QString());
    QVERIFY(!page.app.manager.status(QStringLiteral("m")).has_value());
    QVERIFY(!page.app.store.find(QStringLiteral("m")).has_value());
    QCOMPARE(QDir(page.models).entryList(QDir::Files | QDir::Hidden), QStringList());
}

QTEST_GUILESS_MAIN(TestDownloadWriteLock)
#include "test_download_write_lock.moc"
