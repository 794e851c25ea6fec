// tests/app/test_download_failures.cpp — DownloadManager where a download is refused, pauses or goes to another
// source, against loopback HTTP servers in this binary (http_test_server.h; the set-up: download_fixture.h): bad
// models folders and file names (at once, nothing written), a full disk (paused, the partial file kept), no room
// said in words, Automatic's fallback and unreachable hosts, a file of the wrong size, a web page in the file's place,
// a record not saved, the paths in the store's words isolated. Moving and verifying the file: test_download.cpp.
#include "download_fixture.h"

#include "models/disk_space.h"
#include "models/one_line.h"
#include "store/store_error.h"

#include <sqlite3.h>  // result-code constants only

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <limits>
#include <memory>
#include <optional>

using namespace rwkv::models;
using rwkv::store::ConversationStore;
using rwkv::store::DownloadStore;
using namespace download_test;

class TestDownloadFailures : public QObject, private DownloadFixture {
    Q_OBJECT

private slots:
    void init() { DownloadFixture::init(); }
    void cleanup() { DownloadFixture::cleanup(); }
    void badModelsFolderFailsAtOnce_data();
    void badModelsFolderFailsAtOnce();
    void longFileNameIsRefusedAtOnce();
    void diskFullPausesAndKeepsPartial();
    void noRoomStatesTheSizesInWords();
    void autoFallsBackToNextSource();
    void unreachableHostGoesToTheNextSourceAtOnce();
    void noServerAnsweringBlamesTheNetwork();
    void wrongSizeSaysWhatToDo();
    void webPageIsNamed();
    void aRecordNotSavedFailsTheDownload();
    void aRecordNotSavedIsolatesTheDatabasesPath();
    void storeWordsIsolateEveryPath();
};

void TestDownloadFailures::badModelsFolderFailsAtOnce_data() {
    QTest::addColumn<QString>("kind");
    QTest::newRow("missing") << QStringLiteral("missing");
    QTest::newRow("read-only") << QStringLiteral("read-only");
}

void TestDownloadFailures::badModelsFolderFailsAtOnce() {
    QFETCH(QString, kind);
    QString folder = dir_->filePath(QStringLiteral("no-such-folder"));
    QString expected = QStringLiteral("does not exist");
    if (kind == QLatin1String("read-only")) {
        folder = dir_->filePath(QStringLiteral("read-only"));
        QVERIFY(QDir().mkpath(folder));
        QVERIFY(QFile::setPermissions(folder, QFileDevice::ReadOwner | QFileDevice::ExeOwner));
        QFile probe(folder + QStringLiteral("/probe"));
        if (probe.open(QIODevice::WriteOnly)) {  // root ignores permissions: use a read-only filesystem
            probe.close();
            probe.remove();
            folder = QStringLiteral("/proc");
        }
        expected = QStringLiteral("not writable");
    }
    DownloadRequest r = request(server_->url("/file.bin"));
    r.targetDir = folder;
    auto m = newManager();
    QSignalSpy failed(m.get(), &DownloadManager::failed);
    QString error;
    QVERIFY(!m->start(r, &error));
    QVERIFY2(error.contains(expected), qPrintable(error));
    QCOMPARE(failed.size(), 1);  // synchronously, before any network traffic
    QCOMPARE(failed.at(0).at(1).toString(), error);
    QTest::qWait(50);
    QCOMPARE(server_->requests.size(), 0);
    QVERIFY(!downloads_->find(QStringLiteral("model")).has_value());
    QVERIFY(!m->status(QStringLiteral("model")).has_value());
    QVERIFY(!QFile::exists(folder + QStringLiteral("/model.pth.part")));
    QFile::setPermissions(dir_->filePath(QStringLiteral("read-only")), QFileDevice::ReadOwner |
                                                                          QFileDevice::WriteOwner |
                                                                          QFileDevice::ExeOwner);
}

// A file name of 255 - 17 = 238 bytes downloads (its "….part.json.XXXXXX" is 255 bytes); one of 239 bytes, or of 244
// bytes in 84 characters, is refused at once, saying why, with nothing written. Before (session 30's check), start()
// took a 246-byte name and the download failed at making "<name>.part.lock" (a name past 255 bytes).
void TestDownloadFailures::longFileNameIsRefusedAtOnce() {
    auto m = newManager();
    QSignalSpy finished(m.get(), &DownloadManager::finished);
    DownloadRequest r = request(server_->url("/file.bin"));
    r.fileName = QString(234, u'a') + QStringLiteral(".pth");
    QCOMPARE(r.fileName.toUtf8().size(), DownloadManager::kLongestFileName);
    QString error;
    QVERIFY2(m->start(r, &error), qPrintable(error));
    QVERIFY(finished.wait(kWaitMs));
    QCOMPARE(fileSha256(QDir(modelsDir()).filePath(r.fileName)), sha_);
    QSignalSpy failed(m.get(), &DownloadManager::failed);
    for (const QString& name : {QString(235, u'b') + QStringLiteral(".pth"), QString(80, u'模') + QStringLiteral(".pth")}) {
        r.id = name.left(8);
        r.fileName = name;
        QVERIFY(!m->start(r, &error));
        QVERIFY2(error.startsWith(name + QStringLiteral(" cannot be downloaded: its file name is %1 bytes long")
                                             .arg(name.toUtf8().size())),
                 qPrintable(error));
        QVERIFY2(error.endsWith(QStringLiteral("The longest name that downloads is 238 bytes.")), qPrintable(error));
        QCOMPARE(failed.size(), 1);  // synchronously, before any network traffic
        failed.clear();
        QVERIFY(!downloads_->find(r.id).has_value());
    }
    QCOMPARE(QDir(modelsDir()).entryList(QDir::Files | QDir::Hidden), QStringList{QString(234, u'a') + QStringLiteral(".pth")});
    QCOMPARE(gets(*server_, "/file.bin").size(), 1);
}

void TestDownloadFailures::diskFullPausesAndKeepsPartial() {
    const qint64 conv = conversations_->createConversation(QStringLiteral("keep me"));
    conversations_->addMessage(conv, 0, rwkv::store::Role::User, QStringLiteral("hello"));
    constexpr qint64 kRoom = 1000000;
    {
        auto m = newManager(kRoom);  // writes past 1 MB fail like ENOSPC
        QVERIFY(m->start(request(server_->url("/file.bin"))));
        QVERIFY(waitForState(*m, DownloadState::Paused));
        const QString message = m->status(QStringLiteral("model"))->message;
        QVERIFY2(message.contains(QStringLiteral("Disk full")), qPrintable(message));
        QCOMPARE(QFileInfo(partPath()).size(), kRoom);
        QVERIFY(!QFile::exists(finalPath()));
        const auto row = downloads_->find(QStringLiteral("model"));
        QVERIFY(row.has_value());
        QCOMPARE(row->state, int(DownloadState::Paused));
        QVERIFY(row->message.contains(QStringLiteral("Disk full")));
    }
    // The app starts again normally: the chats are intact, the download is listed and resumes.
    downloads_.reset();
    conversations_.reset();
    const QString db = dir_->filePath(QStringLiteral("app.sqlite"));
    conversations_ = std::make_unique<ConversationStore>(db);
    downloads_ = std::make_unique<DownloadStore>(db);
    QCOMPARE(conversations_->conversation(conv)->title, QStringLiteral("keep me"));
    QCOMPARE(conversations_->messages(conv).size(), 1);
    auto m = newManager();
    QCOMPARE(m->status(QStringLiteral("model"))->received, kRoom);
    QSignalSpy finished(m.get(), &DownloadManager::finished);
    m->resume(QStringLiteral("model"));
    QVERIFY(finished.wait(kWaitMs));
    QCOMPARE(fileSha256(finalPath()), sha_);
    QCOMPARE(gets(*server_, "/file.bin").last().header("Range"), QByteArray("bytes=1000000-"));
    QVERIFY(!oversized_);
}

// Session 25's trial (N3a): a model larger than the disk said "Disk full: … needs 1000000.0 TB more" (TB was the largest
// unit). A file larger than the whole disk says so, with both sizes in a fitting unit; one that fits the disk but not
// its free space says how much it needs and how much is free. Nothing is asked of the server either way.
void TestDownloadFailures::noRoomStatesTheSizesInWords() {
    QCOMPARE(humanBytes(999), QStringLiteral("999 B"));
    QCOMPARE(humanBytes(999999), QStringLiteral("1.00 MB"));  // not "1000.0 KB"
    QCOMPARE(humanBytes(3060000000), QStringLiteral("3.06 GB"));
    QCOMPARE(humanBytes(1000000000000000000), QStringLiteral("1.00 EB"));
    QCOMPARE(humanBytes(std::numeric_limits<qint64>::max()), QStringLiteral("9.22 EB"));
    QVERIFY(QDir().mkpath(modelsDir()));
    const qint64 free = freeBytes(modelsDir()), whole = totalBytes(modelsDir());
    QVERIFY(free > 0 && whole >= free);
    {
        DownloadRequest r = request(server_->url("/file.bin"));
        r.expectedSize = 1000000000000000000;  // 1 EB
        auto m = newManager();
        QVERIFY(m->start(r));
        QVERIFY(waitForState(*m, DownloadState::Paused));
        const QString message = m->status(QStringLiteral("model"))->message;
        QCOMPARE(message, QStringLiteral("model.pth (1.00 EB) is larger than the whole disk holding %1 (%2): it cannot be "
                                         "downloaded there. Choose a models folder on a larger disk.")
                              .arg(isolatedPath(modelsDir()), humanBytes(whole)));
        QVERIFY(!m->status(QStringLiteral("model"))->resumable);  // no Resume: it can never end (session 26, F9)
        m->cancel(QStringLiteral("model"));
    }
    if (whole - free < 200000000) QSKIP("the disk is all but empty: no size fits it but not its free space");
    DownloadRequest r = request(server_->url("/file.bin"));
    r.expectedSize = free + 100000000;  // 100 MB more than is free
    auto m = newManager();
    QVERIFY(m->start(r));
    QVERIFY(waitForState(*m, DownloadState::Paused));
    const QString message = m->status(QStringLiteral("model"))->message;
    static const QRegularExpression said(QStringLiteral(
        "^Not enough disk space: model\\.pth needs (.+) still to download, and only (.+) are free in (.+)\\. Free some "
        "space, then resume\\.$"));
    const QRegularExpressionMatch match = said.match(message);
    QVERIFY2(match.hasMatch(), qPrintable(message));
    QCOMPARE(match.captured(1), humanBytes(r.expectedSize));
    QCOMPARE(match.captured(3), isolatedPath(modelsDir()));
    QVERIFY(m->status(QStringLiteral("model"))->resumable);  // room can be made
    QCOMPARE(server_->requests.size(), 0);
    qInfo("%s", qPrintable(message));
}

void TestDownloadFailures::autoFallsBackToNextSource() {
    DownloadRequest r = request(server_->url("/missing.pth"));
    r.urls.insert(Source::HfMirror, server_->url("/file.bin"));
    r.source = Source::Auto;
    auto m = newManager();
    QSignalSpy finished(m.get(), &DownloadManager::finished);
    QVERIFY(m->start(r));
    QVERIFY(finished.wait(kWaitMs));
    QCOMPARE(fileSha256(finalPath()), sha_);
    QCOMPARE(server_->requests.size(), 2);
    QCOMPARE(server_->requests[0].path, QByteArray("/missing.pth"));  // 404 on Hugging Face ...
    QCOMPARE(server_->requests[1].path, QByteArray("/file.bin"));     // ... then hf-mirror
}

// With Automatic, a host that cannot be found (DNS) or refuses the connection is left for the next source at once,
// without the back-off retries (session 22's trial, F10: "Retrying in 16.0 s (attempt 5): no network or no DNS: cannot
// find huggingface.co", ~63 s per source, while the mirror worked). With one source it is still retried.
void TestDownloadFailures::unreachableHostGoesToTheNextSourceAtOnce() {
    QTcpServer closed;  // a port that was free a moment ago: nothing listens there now
    QVERIFY(closed.listen(QHostAddress::LocalHost));
    const quint16 refusedPort = closed.serverPort();
    closed.close();
    for (const QUrl& first : {QUrl(QStringLiteral("http://no-such-host.invalid/model.pth")),
                              QUrl(QStringLiteral("http://127.0.0.1:%1/model.pth").arg(refusedPort))}) {
        QDir(modelsDir()).removeRecursively();
        QVERIFY(QDir().mkpath(modelsDir()));
        DownloadRequest r = request(first);
        r.id = first.host();
        r.urls.insert(Source::HfMirror, server_->url("/file.bin"));
        r.source = Source::Auto;
        auto m = newManager();
        QSignalSpy finished(m.get(), &DownloadManager::finished);
        QSignalSpy states(m.get(), &DownloadManager::stateChanged);
        QVERIFY(m->start(r));
        QVERIFY2(finished.wait(kWaitMs), qPrintable(first.toString()));
        QCOMPARE(fileSha256(finalPath()), sha_);
        QStringList messages;
        for (const QList<QVariant>& s : states) messages << s.at(2).toString();
        QVERIFY2(!messages.join(u'\n').contains(QStringLiteral("Retrying")), qPrintable(messages.join(u'\n')));
        QVERIFY2(messages.join(u'\n').contains(QStringLiteral("trying hf-mirror")), qPrintable(messages.join(u'\n')));
    }
    // One source only: retried with back-off, then given up (the network may come back).
    QDir(modelsDir()).removeRecursively();
    QVERIFY(QDir().mkpath(modelsDir()));
    DownloadRequest one = request(QUrl(QStringLiteral("http://127.0.0.1:%1/model.pth").arg(refusedPort)));
    one.id = QStringLiteral("one source");
    auto m = newManager();
    QSignalSpy failed(m.get(), &DownloadManager::failed);
    QSignalSpy states(m.get(), &DownloadManager::stateChanged);
    QVERIFY(m->start(one));
    QVERIFY(failed.wait(kWaitMs));
    int retries = 0;
    for (const QList<QVariant>& s : states) retries += s.at(2).toString().startsWith(QStringLiteral("Retrying"));
    QCOMPARE(retries, 6);
}

// Every source unreachable (offline: no DNS, a refused connection) fails naming the network and every host asked, not
// the catalog: session 44's trial read "no network or no DNS: cannot find hf-mirror.com. Each source was tried in turn
// (Automatic): retry later; if they all keep failing, the model catalog may be out of date." A source that answered
// (a 404) still leaves the catalog's sentence.
void TestDownloadFailures::noServerAnsweringBlamesTheNetwork() {
    QTcpServer closed;  // a port that was free a moment ago: nothing listens there now
    QVERIFY(closed.listen(QHostAddress::LocalHost));
    const quint16 refusedPort = closed.serverPort();
    closed.close();
    const QUrl refused(QStringLiteral("http://127.0.0.1:%1/model.pth").arg(refusedPort));
    DownloadRequest r = request(QUrl(QStringLiteral("http://no-such-host.invalid/model.pth")));
    r.urls.insert(Source::HfMirror, refused);
    r.source = Source::Auto;
    auto m = newManager();
    QSignalSpy failed(m.get(), &DownloadManager::failed);
    QVERIFY(m->start(r));
    QVERIFY(failed.wait(kWaitMs));
    const QString message = failed.constFirst().at(1).toString();
    // The hosts asked first, the last one's error after them (session 45's trial: the sentence began with the last
    // host's error, read as that host's fault).
    QCOMPARE(message, QStringLiteral("Downloading model.pth failed: no server answered (no-such-host.invalid, 127.0.0.1; "
                                     "last error: 127.0.0.1 refused the connection). Check this computer's internet "
                                     "connection (and proxy settings), then Retry."));

    // One source that answered 404, then an unreachable one: the catalog may well be out of date.
    QDir(modelsDir()).removeRecursively();
    QVERIFY(QDir().mkpath(modelsDir()));
    DownloadRequest answered = request(server_->url("/missing.pth"));
    answered.id = QStringLiteral("answered");
    answered.urls.insert(Source::HfMirror, refused);
    answered.source = Source::Auto;
    m = newManager();
    QSignalSpy failedAgain(m.get(), &DownloadManager::failed);
    QVERIFY(m->start(answered));
    QVERIFY(failedAgain.wait(kWaitMs));
    const QString again = failedAgain.constFirst().at(1).toString();
    QVERIFY2(again.contains(QStringLiteral("the model catalog may be out of date")), qPrintable(again));
    QVERIFY2(!again.contains(QStringLiteral("no server answered")), qPrintable(again));
}

// A server whose file is not the catalog's size fails the download (the last source) with the sizes and what to do.
void TestDownloadFailures::wrongSizeSaysWhatToDo() {
    DownloadRequest r = request(server_->url("/file.bin"));
    r.expectedSize = kFileSize + 1;
    auto m = newManager();
    QSignalSpy failed(m.get(), &DownloadManager::failed);
    QVERIFY(m->start(r));
    QVERIFY(failed.wait(kWaitMs));
    const QString message = failed.constFirst().at(1).toString();
    QVERIFY2(message.contains(QStringLiteral("the server offers %1 bytes, %2 were expected").arg(kFileSize).arg(kFileSize + 1)),
             qPrintable(message));
    // The request lists one source's URL only: there is no other source to send the user to.
    QVERIFY2(message.contains(QStringLiteral("Retry later; the model catalog lists no other source")), qPrintable(message));
    QVERIFY2(!message.contains(QStringLiteral("choose another source")), qPrintable(message));
    QVERIFY(!QFile::exists(finalPath()));
    QVERIFY(!QFile::exists(partPath()));  // new-user trial: an empty model.pth.part was left in the models folder

    // The same with Hugging Face picked while the catalog also lists hf-mirror: the user can choose that one.
    r.urls.insert(Source::HfMirror, server_->url("/file.bin"));
    m = newManager();
    QSignalSpy failedAgain(m.get(), &DownloadManager::failed);
    QVERIFY(m->start(r));
    QVERIFY(failedAgain.wait(kWaitMs));
    const QString again = failedAgain.constFirst().at(1).toString();
    QVERIFY2(again.contains(QStringLiteral("Retry later, or choose another source in Models")), qPrintable(again));

    // With Automatic, both sources were tried before it failed: choosing another one is no advice (session 42's trial:
    // a new user without network read "Retry later, or choose another source in Models" under Automatic, the default).
    r.source = Source::Auto;
    m = newManager();
    QSignalSpy failedAuto(m.get(), &DownloadManager::failed);
    QVERIFY(m->start(r));
    QVERIFY(failedAuto.wait(kWaitMs));
    const QString automatic = failedAuto.constFirst().at(1).toString();
    QVERIFY2(automatic.contains(QStringLiteral("the server offers %1 bytes, %2 were expected. Each source was tried "
                                               "in turn (Automatic): retry later; if they all keep failing, the model "
                                               "catalog may be out of date.").arg(kFileSize).arg(kFileSize + 1)),
             qPrintable(automatic));
    QVERIFY2(!automatic.contains(QStringLiteral("choose another source")), qPrintable(automatic));
}

// A login or error page served with 200 in the file's place is named as a web page, with its size (session 26's
// trial, F13: "the server offers 27 bytes, 1781257 were expected"; without a catalog size it was saved as the model).
void TestDownloadFailures::webPageIsNamed() {
    const QByteArray page = "<html>Please log in</html>\n";
    server_->setFile("/login", page, "text/html; charset=utf-8");
    for (const bool withCatalogFacts : {true, false}) {
        auto m = newManager();
        QSignalSpy failed(m.get(), &DownloadManager::failed);
        DownloadRequest r = request(server_->url("/login"), withCatalogFacts);
        r.id = withCatalogFacts ? QStringLiteral("with catalog facts") : QStringLiteral("without");
        QVERIFY(m->start(r));
        QVERIFY(failed.wait(kWaitMs));
        const QString message = failed.constFirst().at(1).toString();
        const QString want =
            withCatalogFacts
                ? QStringLiteral("the server sent a web page of %1 bytes, not the model file of %2 bytes (a login or "
                                 "error page?)")
                      .arg(page.size())
                      .arg(kFileSize)
                : QStringLiteral("the server sent a web page of %1 bytes, not the model file (a login or error page?)")
                      .arg(page.size());
        QVERIFY2(message.startsWith(QStringLiteral("Downloading model.pth failed: ") + want + QStringLiteral(". ")),
                 qPrintable(message));
        QVERIFY(!QFile::exists(finalPath()));
        QVERIFY(!QFile::exists(partPath()));
    }
    // The model file itself sent as text/html (a misconfigured server) is taken: its size and sha256 are the file's.
    server_->setFile("/file.bin", body_, "text/html");
    auto m = newManager();
    QSignalSpy finished(m.get(), &DownloadManager::finished);
    QVERIFY(m->start(request(server_->url("/file.bin"))));
    QVERIFY(finished.wait(kWaitMs));
    QCOMPARE(fileSha256(finalPath()), sha_);
}

// The row saved on the network thread: a save that fails (here a read-only library) makes the download Failed and
// says why, before any request goes out.
void TestDownloadFailures::aRecordNotSavedFailsTheDownload() {
    downloads_ = std::make_unique<DownloadStore>(dir_->filePath(QStringLiteral("app.sqlite")), true);
    auto m = newManager();
    QSignalSpy failed(m.get(), &DownloadManager::failed);
    QVERIFY(m->start(request(server_->url("/file.bin"))));
    QVERIFY(failed.wait(kWaitMs));
    const QString said = failed.constFirst().at(1).toString();
    QCOMPARE(said, QStringLiteral("Cannot record the download: The conversation database \u2068%1\u2069 is read-only, so this "
                                  "change was not saved. Make the file and its folder writable, then start again.")
                       .arg(dir_->filePath(QStringLiteral("app.sqlite"))));
    QCOMPARE(m->status(QStringLiteral("model"))->state, DownloadState::Failed);
    QCOMPARE(server_->requests.size(), 0);
    QVERIFY(!QFile::exists(partPath()));
}

// Session 41: the same under a folder named with a U+202E (RIGHT-TO-LEFT OVERRIDE). The store's English sentence named
// the database bare, so the rest of it was drawn backwards; the worker isolates the path (U+2068 … U+2069) in it.
void TestDownloadFailures::aRecordNotSavedIsolatesTheDatabasesPath() {
    const QString folder = dir_->filePath(QStringLiteral("db\u202eevil"));
    QVERIFY(QDir().mkpath(folder));
    const QString db = QDir(folder).filePath(QStringLiteral("app.sqlite"));
    { const rwkv::store::ConversationStore made(db); }  // runs the migrations (downloads table)
    downloads_ = std::make_unique<DownloadStore>(db, true);
    auto m = newManager();
    QSignalSpy failed(m.get(), &DownloadManager::failed);
    QVERIFY(m->start(request(server_->url("/file.bin"))));
    QVERIFY(failed.wait(kWaitMs));
    QCOMPARE(failed.constFirst().at(1).toString(),
             QStringLiteral("Cannot record the download: The conversation database \u2068%1\u2069 is read-only, so "
                            "this change was not saved. Make the file and its folder writable, then start again.")
                 .arg(db));  // before: the path bare
    QCOMPARE(server_->requests.size(), 0);
}

// Session 42: the store's English as the download worker's "Cannot record the download: %1" quotes it
// (store::userMessage(e, Paths::Isolated)) isolates (U+2068 … U+2069) every path it names, not only the database's: its
// folder (SQLITE_CANTOPEN), a link's target, the upgrade's backup beside a damaged database. A U+202E in a folder's name
// drew the words after it backwards. rwkv-cli's words keep the paths as they are (it escapes such characters when it
// writes to a terminal). The failures are met opening a store: a download's record cannot be made to meet them.
void TestDownloadFailures::storeWordsIsolateEveryPath() {
    QTemporaryDir dir;
    const auto refusal = [](const QString& path) -> std::optional<rwkv::store::StoreError> {
        try {
            ConversationStore store(path);
        } catch (const rwkv::store::StoreError& e) {
            return e;
        }
        return std::nullopt;
    };
    const auto isolated = [](const QString& path) { return QChar(0x2068) + path + QChar(0x2069); };
    const QString folder = dir.filePath(QStringLiteral("gone\u202Eevil"));
    const QString missing = folder + QStringLiteral("/new.sqlite");
    const auto cantOpen = refusal(missing);
    QVERIFY(cantOpen && cantOpen->code() == SQLITE_CANTOPEN);
    const QString missingFolder = QStringLiteral("Cannot create the conversation database %1: its folder %2 does not "
                                                 "exist. Create the folder, or keep the database in another one.");
    QCOMPARE(QString::fromStdString(cantOpen->userMessage(rwkv::store::Paths::Isolated)),
             missingFolder.arg(isolated(missing), isolated(folder)));  // before: the folder bare
    QCOMPARE(QString::fromStdString(rwkv::store::userMessage(*cantOpen, rwkv::store::Paths::Isolated)),  // as the download worker asks
             missingFolder.arg(isolated(missing), isolated(folder)));
    QCOMPARE(QString::fromStdString(cantOpen->userMessage()), missingFolder.arg(missing, folder));

    const QString link = dir.filePath(QStringLiteral("link\u202E.sqlite"));
    QVERIFY(QFile::link(missing, link));
    const auto dangling = refusal(link);
    QVERIFY(dangling && dangling->code() == SQLITE_CANTOPEN);
    QCOMPARE(QString::fromStdString(dangling->userMessage(rwkv::store::Paths::Isolated)),
             QStringLiteral("The conversation database %1 is a link to %2, which does not exist: remove the link, or "
                            "point it at a database file.").arg(isolated(link), isolated(missing)));

    // A damaged database with an upgrade's copy beside it: the copy's name (the database's, ".bak-v3" after) isolated
    // whole; before, only the database's path was isolated, where the message had it whole.
    const QString mine = dir.filePath(QStringLiteral("mine\u202E.db"));
    {
        QFile f(mine);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray("SQLite format 3", 16) + QByteArray(8176, 'x'));
    }
    QVERIFY(QFile::copy(mine, mine + QStringLiteral(".bak-v3")));
    const auto damaged = refusal(mine);
    QVERIFY(damaged);
    const QString shown = QString::fromStdString(damaged->userMessage(rwkv::store::Paths::Isolated));
    QVERIFY2(shown.startsWith(QStringLiteral("The conversation database %1 is damaged").arg(isolated(mine))) &&
                 shown.endsWith(QStringLiteral("; the copy kept before its last upgrade is next to it: %1.")
                                    .arg(isolated(QStringLiteral("mine\u202E.db.bak-v3")))),
             qPrintable(shown));
    QVERIFY2(QString::fromStdString(damaged->userMessage()).endsWith(QStringLiteral("next to it: mine\u202E.db.bak-v3.")),
             damaged->userMessage().c_str());
}

QTEST_GUILESS_MAIN(TestDownloadFailures)
#include "test_download_failures.moc"
