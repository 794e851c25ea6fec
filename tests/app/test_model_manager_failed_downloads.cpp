// tests/app/test_model_manager_failed_downloads.cpp — ModelManagerController with downloads that did not finish: one
// cut by a kill offered again at the next start (the chat window's banner), a failed one's bytes line kept on its card
// (after a restart too) and said in the chat window's banner. Split from test_model_manager.cpp (the controller, its
// roles, a download through the loopback server, import and delete) in session 51.
#include "http_test_server.h"
#include "model_manager_page.h"

#include "models/disk_space.h"  // humanBytes
#include "models/download_manager.h"
#include "models/model_manager_controller.h"
#include "store/conversation_store.h"
#include "store/download_store.h"

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <utility>

using namespace rwkv::models;

class TestModelManagerFailedDownloads : public QObject {
    Q_OBJECT

private slots:
    void cutDownloadIsOfferedAtStart();
    void failedDownloadKeepsItsBytesLine();
    void bannerSaysAFailedDownloadsBytes();
};

// Session 27's trial (N4): a download cut by kill -9 (its row still "downloading") was not mentioned at the next
// start; only Models showed its Resume. Now the chat window's banner offers it; one the user paused is not pushed.
void TestModelManagerFailedDownloads::cutDownloadIsOfferedAtStart() {
    QTemporaryDir dir;
    const QString models = dir.filePath(QStringLiteral("models"));
    QVERIFY(QDir().mkpath(models));
    rwkv::store::ConversationStore conversations(dir.filePath(QStringLiteral("app.sqlite")));  // migrates
    rwkv::store::DownloadStore store(dir.filePath(QStringLiteral("app.sqlite")));
    const QByteArray json = R"({"models": [
        {"id": "cut", "name": "Cut One", "file": "cut.pth", "format": "pth", "size": 700000,
         "urls": {"huggingface": "https://h/cut.pth"}},
        {"id": "held", "name": "Held One", "file": "held.pth", "format": "pth", "size": 700000,
         "urls": {"huggingface": "https://h/held.pth"}}]})";
    QString error;
    const auto catalog = ModelCatalog::fromJson(json, &error);
    QVERIFY2(catalog.has_value(), qPrintable(error));
    const auto record = [&](const QString& id, DownloadState state, const QString& message) {
        rwkv::store::DownloadRecord r;
        r.id = id;
        r.file_name = id + QStringLiteral(".pth");
        r.target_dir = models;
        r.source = QStringLiteral("auto");
        r.urls_json = QStringLiteral(R"({"huggingface": "https://h/x.pth"})");
        r.expected_size = 700000;
        r.state = int(state);
        r.message = message;
        store.save(r);
        QFile part(models + u'/' + r.file_name + QStringLiteral(".part"));
        QVERIFY(part.open(QIODevice::WriteOnly));
        part.write(QByteArray(300000, 'p'));
    };
    record(QStringLiteral("held"), DownloadState::Paused, QStringLiteral("Paused"));  // the user's Pause
    {
        DownloadOptions options;
        options.useSystemProxy = false;
        DownloadManager downloads(store, options);
        ModelManagerController controller(*catalog, downloads, models);
        QVERIFY2(controller.activeDownloadId().isEmpty(), qPrintable(controller.activeDownloadId()));
    }
    record(QStringLiteral("cut"), DownloadState::Downloading, QString());  // the app was killed mid-download
    DownloadOptions options;
    options.useSystemProxy = false;
    DownloadManager downloads(store, options);
    ModelManagerController controller(*catalog, downloads, models);
    QCOMPARE(controller.activeDownloadId(), QStringLiteral("cut"));
    QCOMPARE(controller.activeDownloadState(), QStringLiteral("paused"));
    QVERIFY(controller.activeDownloadResumable());
    QCOMPARE(controller.activeDownloadText(),
             QStringLiteral("Download of Cut One paused: interrupted when the app closed; resume to continue."));
}

// Session 34's check (LOW): a failed download's card dropped its bytes line ("312 MB of 1.2 GB") and kept only the
// reason and Retry. The card's line (transferText) keeps the bytes a failed download holds — after a restart too —
// and says none when nothing is kept (a checksum mismatch deletes the file); a paused one still has its line.
void TestModelManagerFailedDownloads::failedDownloadKeepsItsBytesLine() {
    QTemporaryDir dir;
    const QString models = dir.filePath(QStringLiteral("models"));
    QVERIFY(QDir().mkpath(models));
    {
        rwkv::store::ConversationStore conversations(dir.filePath(QStringLiteral("app.sqlite")));  // migrates
        rwkv::store::DownloadStore store(dir.filePath(QStringLiteral("app.sqlite")));
        for (const auto& [id, state] : {std::pair{QStringLiteral("failed"), DownloadState::Failed},
                                        std::pair{QStringLiteral("held"), DownloadState::Paused}}) {
            rwkv::store::DownloadRecord r;
            r.id = id;
            r.file_name = id + QStringLiteral(".pth");
            r.target_dir = models;
            r.source = QStringLiteral("auto");
            r.urls_json = QStringLiteral(R"({"huggingface": "https://h/x.pth"})");
            r.expected_size = 700000;
            r.state = int(state);
            r.message = state == DownloadState::Failed ? QStringLiteral("The server answered 404") : QStringLiteral("Paused");
            store.save(r);
            QFile part(models + u'/' + r.file_name + QStringLiteral(".part"));
            QVERIFY(part.open(QIODevice::WriteOnly));
            part.write(QByteArray(300000, 'p'));
        }
    }
    const QByteArray json = R"({"models": [
        {"id": "failed", "name": "Failed One", "file": "failed.pth", "format": "pth", "size": 700000,
         "urls": {"huggingface": "https://h/failed.pth"}},
        {"id": "held", "name": "Held One", "file": "held.pth", "format": "pth", "size": 700000,
         "urls": {"huggingface": "https://h/held.pth"}}]})";
    QString error;
    const auto catalog = ModelCatalog::fromJson(json, &error);
    QVERIFY2(catalog.has_value(), qPrintable(error));
    rwkv::store::DownloadStore store(dir.filePath(QStringLiteral("app.sqlite")));
    DownloadManager downloads(store, DownloadOptions{.useSystemProxy = false});  // the app starts
    ModelManagerController controller(*catalog, downloads, models);
    QAbstractItemModel* list = controller.catalog();
    const auto role = [list](int row, const char* name) {
        return list->data(list->index(row, 0), list->roleNames().key(name)).toString();
    };
    const QString bytes = QStringLiteral("%1 of %2").arg(humanBytes(300000), humanBytes(700000));
    QCOMPARE(role(0, "downloadState"), QStringLiteral("failed"));
    QCOMPARE(role(0, "transferText"), bytes);  // was not shown: the QML drew the line only while active or paused
    QCOMPARE(role(0, "message"), QStringLiteral("The server answered 404"));
    QCOMPARE(role(1, "downloadState"), QStringLiteral("paused"));
    QCOMPARE(role(1, "transferText"), bytes);

    // A checksum mismatch fails the download and deletes the file: no bytes kept, no line (not "2.93 KB of 2.93 KB").
    ModelMPage page;
    QVERIFY2(page.open(R"(, {"id": "bad", "name": "Bad", "params": "0.1B", "file": "bad.pth", "format": "pth",
        "size": 3000, "sha256": ")" + QByteArray(64, 'a') + R"(", "n_layer": 12, "n_embd": 768, "urls": {"huggingface": ")" +
                       page.server.url("/bad.pth").toEncoded() + R"("}})"),
             qPrintable(page.error));
    page.server.setFile("/bad.pth", QByteArray(3000, 'b'));
    QSignalSpy failed(&page.app.manager, &DownloadManager::failed);
    page.controller->download(QStringLiteral("bad"));
    QVERIFY(failed.wait(20000));
    QCOMPARE(page.role("downloadState", 1).toString(), QStringLiteral("failed"));
    QVERIFY2(page.role("message", 1).toString().contains(QStringLiteral("Checksum mismatch")),
             qPrintable(page.role("message", 1).toString()));
    QCOMPARE(page.role("transferText", 1).toString(), QString());
}

// Session 35's left list: the chat window's download banner said a failed download's reason without its bytes, where
// its card on the Models page says "1.00 KB of 3.00 KB" beside the reason. The banner says them in the card's words
// (activeDownloadBytes), once it failed; not while it runs (its first line has them), nor when none are kept.
void TestModelManagerFailedDownloads::bannerSaysAFailedDownloadsBytes() {
    ModelMPage page(DownloadOptions{.useSystemProxy = false, .retryBaseMs = 2000});
    QVERIFY2(page.open(), qPrintable(page.error));
    page.server.dropAfterBytes = 1000;  // the answer breaks off after 1,000 of m.pth's 3,000 bytes…
    page.server.dropTimes = 1;
    page.controller->download(QStringLiteral("m"));
    QCOMPARE(page.controller->activeDownloadId(), QStringLiteral("m"));
    QTRY_COMPARE_WITH_TIMEOUT(page.role("progressText").toString(), QStringLiteral("1.00 KB of 3.00 KB"), 10000);
    QCOMPARE(page.controller->activeDownloadState(), QStringLiteral("downloading"));
    QCOMPARE(page.controller->activeDownloadBytes(), QString());
    page.server.addRedirect("/m.pth", 302, "/gone.pth");  // …and the retry finds the file gone: HTTP 404
    QSignalSpy failed(&page.app.manager, &DownloadManager::failed);
    QVERIFY(failed.wait(20000));
    QCOMPARE(page.controller->activeDownloadState(), QStringLiteral("failed"));
    QVERIFY2(page.controller->activeDownloadText().contains(QStringLiteral("HTTP 404")),
             qPrintable(page.controller->activeDownloadText()));
    QCOMPARE(page.role("transferText").toString(), QStringLiteral("1.00 KB of 3.00 KB"));  // the card's line
    QCOMPARE(page.controller->activeDownloadBytes(), QStringLiteral("1.00 KB of 3.00 KB"));  // before: not said
    // Cancel deletes the .part: nothing kept, the banner goes.
    page.controller->cancel(QStringLiteral("m"));
    QTRY_COMPARE_WITH_TIMEOUT(page.controller->activeDownloadId(), QString(), 5000);
    QCOMPARE(page.controller->activeDownloadBytes(), QString());
}

QTEST_GUILESS_MAIN(TestModelManagerFailedDownloads)
#include "test_model_manager_failed_downloads.moc"
