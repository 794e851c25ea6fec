// test_models_e2e.cpp — the real rwkv-desktop window (Xvfb when available, else offscreen) and its models: a --model
// that does not load or a remembered one that is gone (the demo model stands in, the banner says why), a download from
// a loopback server (loaded and chatted with; a checksum error's banner), an unknown --download id, a catalog that
// cannot be used, an imported chat's missing model (its Download opens Models there) and the device chosen in Settings.
// The rest of the window: test_app_e2e.cpp. App: app/gui/main.cpp.
#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QDir>
#include <QImage>
#include <QRegularExpression>
#include <QSettings>
#include <QTemporaryDir>
#include <QtTest>

#include "app/http_test_server.h"
#include "desktop_process.h"
#include "store/conversation_store.h"
#include "window_checks.h"

#include <array>

class TestModelsE2e : public QObject {
    Q_OBJECT

private slots:
    void badModelGivesWayToTheDemoModel();
    void rememberedModelGoneIsNamedAndKept();
    void importOfferOpensModelsAtItsDownload();
    void downloadedModelLoadsAndChats();
    void longDownloadErrorWrapsBesideItsButtons();
    void unknownDownloadIdIsSaidOnStderr();
    void refusedDownloadIsSaidInTheWindow();
    void lockHostWithMarkupIsShownAsText();
    void unusableCatalogIsNamedOnTheModelsPage();
    void chosenBackendIsUsed();
    void memoryLineStaysInThePage();
    void localModelsShareATallWindow();
    void tabReachesEveryCatalogModelInView();
    void aSmallWindowShowsACatalogCard();
};

namespace {

using Run = rwkv::e2e::DesktopRun;
using rwkv::e2e::keepScreenshot;
using rwkv::e2e::redTextInButtonColumns;
using rwkv::e2e::redTextUnderTheCloseButton;
using rwkv::e2e::runDesktop;

/// The Models page (in English) of the data folder `dir`, whose models folder holds `copies` copies of the tiny model
/// (mine-1.pth …), in a window of `geometry` ("WxH"); its screenshot at dir/png. Empty Run (exit code -1) where a copy failed.
Run modelsPageWithCopies(const QTemporaryDir& dir, int copies, const QString& geometry, const QString& png) {
    const QDir models(dir.filePath(QStringLiteral("models")));
    if (!models.mkpath(QStringLiteral("."))) return Run{};
    for (int i = 1; i <= copies; ++i)
        if (!QFile::copy(QStringLiteral(RWKV_TESTDATA_DIR "/tiny-rwkv7-834K.pth"),
                         models.filePath(QStringLiteral("mine-%1.pth").arg(i))))
            return Run{};
    return runDesktop({QStringLiteral("-geometry"), geometry, QStringLiteral("--data-dir"), dir.path(),
                       QStringLiteral("--lang"), QStringLiteral("en"), QStringLiteral("--open"), QStringLiteral("models"),
                       QStringLiteral("--screenshot"), dir.filePath(png)});
}

/// A catalog of one model "tiny" (tiny.pth, 1000 bytes) whose addresses nobody answers (port 9).
bool writeTinyCatalog(const QString& path) {
    QFile json(path);
    return json.open(QIODevice::WriteOnly) &&
           json.write(R"({"models": [{"id": "tiny", "name": "Tiny", "params": "834K", "file": "tiny.pth",
        "format": "pth", "size": 1000, "sha256": ")" + QByteArray(64, '0') + R"(", "urls": {"huggingface":
        "http://127.0.0.1:9/t.pth", "hf-mirror": "http://127.0.0.1:9/t.pth", "modelscope": "http://127.0.0.1:9/t.pth"}}]})") > 0;
}

}  // namespace

// A --model that does not load gives way to the demo model, so the window can be used at once, and the banner says
// why (new-user trial, session 11: `--model bad.safetensors` left "No model loaded" and a disabled Send). At the
// narrowest window a long path in that banner wraps left of its ✕ (it ran on under ✕ and past the window's edge).
void TestModelsE2e::badModelGivesWayToTheDemoModel() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString notAModel = dir.filePath(QStringLiteral("notes.pth"));
    QFile f(notAModel);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("this is not a checkpoint\n");
    f.close();
    const Run r = runDesktop({QStringLiteral("--data-dir"), dir.path(), QStringLiteral("--model"), notAModel,
                          QStringLiteral("--send"), QStringLiteral("Hello"), QStringLiteral("--timeout"),
                          QStringLiteral("60")});
    QVERIFY2(r.exitCode == 0, qPrintable(QStringLiteral("exit %1\nstdout: %2\nstderr: %3").arg(r.exitCode).arg(r.out, r.err)));
    QVERIFY2(r.out.contains(QStringLiteral("\nmodel: tiny-rwkv7-834K")) &&
                 r.out.contains(QStringLiteral("notice: Could not load “\u2068notes.pth\u2069”")) &&
                 r.out.contains(QStringLiteral("The demo model was loaded instead.\n")),
             qPrintable(r.out));
    // A model of another architecture (a Llama .safetensors): the engine's sentence and the window's make one clear
    // pair, "instead" once (session 26's trial, F12: "Choose an RWKV-7 model instead. The demo model was loaded
    // instead.").
    const QString llama = dir.filePath(QStringLiteral("llama.safetensors"));
    QFile llamaFile(llama);
    QVERIFY(llamaFile.open(QIODevice::WriteOnly));
    const QByteArray header = R"({"model.embed_tokens.weight":{"dtype":"F32","shape":[2,2],"data_offsets":[0,16]}})";
    QByteArray length(8, '\0');
    length[0] = char(header.size());  // u64 LE header length (< 256 here), JSON, data
    llamaFile.write(length + header + QByteArray(16, '\0'));
    llamaFile.close();
    const Run other = runDesktop({QStringLiteral("--data-dir"), dir.path(), QStringLiteral("--lang"), QStringLiteral("en"),
                                  QStringLiteral("--model"), llama, QStringLiteral("--screenshot"),
                                  dir.filePath(QStringLiteral("llama.png"))});
    QVERIFY2(other.exitCode == 0, qPrintable(other.err));
    QVERIFY2(other.out.contains(QStringLiteral("\nnotice: Could not load “\u2068llama.safetensors\u2069”: This file is not an RWKV "
                                               "model (the details say what it is): RWKV Desktop runs RWKV-7 models only. "
                                               "Choose an RWKV-7 model. The demo model was loaded instead.\n"
                                               "llama.safetensors: not an RWKV model: a Llama-style model (key "
                                               "model.embed_tokens.weight); only RWKV-7 is supported\n")),
             qPrintable(other.out));
    rwkv::store::ConversationStore store(QDir(dir.path()).filePath(QStringLiteral("conversations.sqlite")));
    const auto conversations = store.listConversations();
    QCOMPARE(conversations.size(), 1);
    const auto messages = store.messages(conversations[0].id);
    QCOMPARE(messages.size(), 2);
    QVERIFY(messages[1].finished && !messages[1].text.trimmed().isEmpty());  // the demo model answered

    const QString missing =
        dir.filePath(QStringLiteral("averylongmodelfilenamewithoutanyspacesorhyphens").repeated(3) + QStringLiteral(".safetensors"));
    const QString png = dir.filePath(QStringLiteral("banner.png"));
    const Run narrow = runDesktop({QStringLiteral("-geometry"), QStringLiteral("720x720"), QStringLiteral("--data-dir"),
                               dir.path(), QStringLiteral("--model"), missing, QStringLiteral("--screenshot"), png});
    QVERIFY2(narrow.exitCode == 0, qPrintable(narrow.err));
    QVERIFY2(narrow.out.contains(QStringLiteral("does not exist. The demo model was loaded instead.\n")),
             qPrintable(narrow.out));  // one period between the two sentences
    const QImage image(png);
    QCOMPARE(image.size(), QSize(720, 720));
    const int overlap = redTextUnderTheCloseButton(image);
    QVERIFY2(overlap == 0, qPrintable(QStringLiteral("%1 red text pixels in the ✕ button's columns (-1: no banner)")
                                          .arg(overlap)));
}

// The model chosen last is gone at a start (deleted, or its drive not mounted): the demo model stands in and the
// banner names the file, and the choice stays, so the start after the file is back loads it again. Before (session
// 23's trial, T4) the demo model loaded without a word (AppSettings::startModel skipped a missing file) and the
// demo's load cleared chat/lastModel, so even with the drive back the next start loaded the demo model.
void TestModelsE2e::rememberedModelGoneIsNamedAndKept() {
    QTemporaryDir dir, config;
    QVERIFY(dir.isValid() && config.isValid());
    const QString models = QDir(dir.path()).filePath(QStringLiteral("models"));
    QVERIFY(QDir().mkpath(models));
    const QString chosen = QDir(models).filePath(QStringLiteral("good.pth"));
    const QString conf = QDir(config.path()).filePath(QStringLiteral("rwkv-desktop/rwkv-desktop.conf"));
    QSettings(conf, QSettings::IniFormat).setValue(QStringLiteral("chat/lastModel"), chosen);
    const QString png = dir.filePath(QStringLiteral("gone.png"));
    const QStringList args{QStringLiteral("--data-dir"), dir.path(), QStringLiteral("--lang"), QStringLiteral("en"),
                           QStringLiteral("--screenshot"), png, QStringLiteral("--timeout"), QStringLiteral("60")};
    const Run gone = runDesktop(args, 180000, false, config.path());
    QVERIFY2(gone.exitCode == 0, qPrintable(QStringLiteral("exit %1\nstdout: %2\nstderr: %3").arg(gone.exitCode).arg(gone.out, gone.err)));
    QVERIFY2(gone.out.contains(QStringLiteral("\nmodel: tiny-rwkv7-834K")) &&
                 gone.out.contains(QStringLiteral("notice: The model file “\u2068%1\u2069” does not exist. The demo model was loaded "
                                                  "instead.\n").arg(chosen)),
             qPrintable(gone.out));
    QCOMPARE(QSettings(conf, QSettings::IniFormat).value(QStringLiteral("chat/lastModel")).toString(), chosen);

    QVERIFY(QFile::copy(QStringLiteral(RWKV_SOURCE_DIR "/resources/tiny-rwkv7-834K.pth"), chosen));  // the drive is back
    const Run back = runDesktop(args, 180000, false, config.path());
    QVERIFY2(back.exitCode == 0, qPrintable(back.err));
    QVERIFY2(back.out.startsWith(QStringLiteral("model: good · CPU")) && !back.out.contains(QStringLiteral("notice:")),
             qPrintable(back.out));
    QCOMPARE(QSettings(conf, QSettings::IniFormat).value(QStringLiteral("chat/lastModel")).toString(), chosen);
}

// An imported conversation whose model is missing: the banner's Download (reached with Shift+Tab x2, Space) starts
// the download and opens Models scrolled to that model, whose card shows the progress and why it waits (here:
// nothing listens on port 9). Before, the page opened at its top: the sixth model's card was out of sight, and a new
// user saw nothing happen (new-user trial, session 13: G1i 1.5B is the fifth of the bundled catalog).
void TestModelsE2e::importOfferOpensModelsAtItsDownload() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QStringList models;
    for (int i = 0; i < 6; ++i)
        models << QStringLiteral(R"({"id": "m%1", "name": "Model %1", "params": "1B", "file": "m%1.pth", "format": "pth",
            "size": 1000000000, "sha256": "%2", "n_layer": 24, "n_embd": 2048,
            "urls": {"huggingface": "http://127.0.0.1:9/m%1.pth", "hf-mirror": "http://127.0.0.1:9/m%1.pth",
                     "modelscope": "http://127.0.0.1:9/m%1.pth"}})").arg(i).arg(QString(64, u'0'));
    const QString catalog = dir.filePath(QStringLiteral("models.json"));
    QFile c(catalog);
    QVERIFY(c.open(QIODevice::WriteOnly));
    c.write((QStringLiteral(R"({"models": [)") + models.join(u',') + QStringLiteral("]}")).toUtf8());
    c.close();
    const QString conversation = dir.filePath(QStringLiteral("kyoto.json"));
    QFile k(conversation);
    QVERIFY(k.open(QIODevice::WriteOnly));
    k.write(R"({"format": "rwkv-desktop-conversation", "version": 1,
        "conversation": {"title": "Kyoto", "system_prompt": "", "created_at": 1764410400000, "sampling_preset": "",
                         "think_mode": 0},
        "model": {"file_name": "m5.pth", "catalog_id": "m5", "fingerprint": ""},
        "messages": [{"id": 1, "parent": null, "role": "user", "text": "Three days in Kyoto?",
                      "created_at": 1764410400000, "finished": true},
                     {"id": 2, "parent": 1, "role": "assistant", "text": "East, north, west.",
                      "created_at": 1764410401000, "finished": true, "token_count": 5}]})");
    k.close();
    const Run r = runDesktop({QStringLiteral("--data-dir"), dir.filePath(QStringLiteral("data")), QStringLiteral("--catalog"),
                              catalog, QStringLiteral("--import"), conversation, QStringLiteral("--keys"),
                              QStringLiteral("Shift+Tab,Shift+Tab,Space"), QStringLiteral("--screenshot"),
                              dir.filePath(QStringLiteral("models.png")), QStringLiteral("--screenshot-at"),
                              QStringLiteral("8")});
    QVERIFY2(r.exitCode == 0, qPrintable(QStringLiteral("exit %1\nstdout: %2\nstderr: %3").arg(r.exitCode).arg(r.out, r.err)));
    const QRegularExpressionMatch m = QRegularExpression(QStringLiteral("\nmodels in view: (\\S*)\n")).match(r.out);
    QVERIFY2(m.hasMatch(), qPrintable(r.out));  // the Models page is open
    QVERIFY2(m.captured(1).split(u',').contains(QStringLiteral("m5")), qPrintable(m.captured(1)));
}

// Issue 7's end-to-end check: the app downloads the demo model from a loopback server through a relative
// redirect (the Hugging Face "resolve" pattern), verifies its sha256, loads it and chats with it.
void TestModelsE2e::downloadedModelLoadsAndChats() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QFile demo(QStringLiteral(RWKV_SOURCE_DIR "/resources/tiny-rwkv7-834K.pth"));
    QVERIFY(demo.open(QIODevice::ReadOnly));
    const QByteArray body = demo.readAll();
    const QByteArray sha = QCryptographicHash::hash(body, QCryptographicHash::Sha256).toHex();
    HttpTestServer server(QHostAddress(QStringLiteral("127.0.0.1")));
    QVERIFY(server.listen());
    server.setFile("/files/tiny.pth", body);
    server.addRedirect("/resolve/main/tiny.pth", 307, "../../files/tiny.pth");  // relative, like Hugging Face
    server.trickleBytes = 64 * 1024;  // 28 pieces over about 3 s: the demo model loads before the download ends
    server.trickleIntervalMs = 100;
    const QByteArray url = server.url("/resolve/main/tiny.pth").toEncoded();
    const QString catalog = dir.filePath(QStringLiteral("models.json"));
    QFile json(catalog);
    QVERIFY(json.open(QIODevice::WriteOnly));
    json.write(R"({"models": [{"id": "tiny-demo", "name": "Tiny demo", "params": "834K", "file": "tiny-demo.pth",
        "format": "pth", "size": )" + QByteArray::number(body.size()) + R"(, "sha256": ")" + sha +
               R"(", "n_layer": 2, "n_embd": 128, "urls": {"huggingface": ")" + url + R"(", "hf-mirror": ")" + url +
               R"(", "modelscope": ")" + url + R"("}}]})");
    json.close();

    const QString png = dir.filePath(QStringLiteral("downloaded.png"));
    const Run r = runDesktop({QStringLiteral("--data-dir"), dir.path(), QStringLiteral("--catalog"), catalog,
                          QStringLiteral("--download"), QStringLiteral("tiny-demo"), QStringLiteral("--send"),
                          QStringLiteral("Hello"), QStringLiteral("--screenshot"), png, QStringLiteral("--timeout"),
                          QStringLiteral("120")},
                         180000, /*serveWhileRunning=*/true);
    QVERIFY2(r.exitCode == 0, qPrintable(QStringLiteral("exit %1\nstdout: %2\nstderr: %3").arg(r.exitCode).arg(r.out, r.err)));
    QVERIFY(QFileInfo::exists(png));
    // The demo model answers while the download runs (it did not load at all before), then the download replaces it.
    QVERIFY2(r.out.contains(QStringLiteral("model while downloading: tiny-rwkv7-834K · CPU")), qPrintable(r.out));
    QVERIFY2(r.out.contains(QStringLiteral("\nmodel: tiny-demo · CPU")), qPrintable(r.out));

    // The verified file sits in the models folder under its catalog name, byte for byte; nothing partial is left.
    const QString models = QDir(dir.path()).filePath(QStringLiteral("models"));
    QFile downloaded(QDir(models).filePath(QStringLiteral("tiny-demo.pth")));
    QVERIFY(downloaded.open(QIODevice::ReadOnly));
    QCOMPARE(QCryptographicHash::hash(downloaded.readAll(), QCryptographicHash::Sha256).toHex(), sha);
    QCOMPARE(QDir(models).entryList(QDir::Files), QStringList{QStringLiteral("tiny-demo.pth")});
    QVERIFY(server.requests.size() >= 2);  // the redirect, then the file
    QCOMPARE(server.requests.constFirst().path, QByteArray("/resolve/main/tiny.pth"));

    // And the chat ran on it: a finished reply and a saved state.
    rwkv::store::ConversationStore store(QDir(dir.path()).filePath(QStringLiteral("conversations.sqlite")));
    const auto conversations = store.listConversations();
    QCOMPARE(conversations.size(), 1);
    const auto messages = store.messages(conversations[0].id);
    QCOMPARE(messages.size(), 2);
    QCOMPARE(messages[0].text, QStringLiteral("Hello"));
    QVERIFY(messages[1].finished);
    QVERIFY(!messages[1].text.trimmed().isEmpty());
    QVERIFY(store.latestSnapshot(conversations[0].id));
}

// A download error with long unbroken words (a checksum mismatch names two 64-digit sha256 values) wraps inside the
// banner, left of Retry / Models: before, Text.WordWrap could not break the hex and it ran on under the buttons.
void TestModelsE2e::longDownloadErrorWrapsBesideItsButtons() {
    QTemporaryDir dir, config;
    QVERIFY(dir.isValid() && config.isValid());
    QFile demo(QStringLiteral(RWKV_SOURCE_DIR "/resources/tiny-rwkv7-834K.pth"));
    QVERIFY(demo.open(QIODevice::ReadOnly));
    const QByteArray body = demo.readAll();
    HttpTestServer server(QHostAddress(QStringLiteral("127.0.0.1")));
    QVERIFY(server.listen());
    server.setFile("/files/tiny.pth", body);
    const QByteArray url = server.url("/files/tiny.pth").toEncoded();
    const QString catalog = dir.filePath(QStringLiteral("models.json"));
    QFile json(catalog);
    QVERIFY(json.open(QIODevice::WriteOnly));
    json.write(R"({"models": [{"id": "tiny-bad", "name": "Tiny, wrong sha256", "params": "834K", "file": "tiny.pth",
        "format": "pth", "size": )" + QByteArray::number(body.size()) + R"(, "sha256": ")" + QByteArray(64, '0') +
               R"(", "urls": {"huggingface": ")" + url + R"(", "hf-mirror": ")" + url + R"(", "modelscope": ")" + url +
               R"("}}]})");
    json.close();

    const QString png = dir.filePath(QStringLiteral("checksum.png"));
    const Run r = runDesktop({QStringLiteral("--data-dir"), dir.path(), QStringLiteral("--catalog"), catalog,
                          QStringLiteral("--download"), QStringLiteral("tiny-bad"), QStringLiteral("--screenshot"), png},
                         120000, /*serveWhileRunning=*/true, config.path());
    // The hook saves the window as the download fails, and exits with status 1.
    QVERIFY2(r.exitCode == 1, qPrintable(QStringLiteral("exit %1\nstdout: %2\nstderr: %3").arg(r.exitCode).arg(r.out, r.err)));
    QVERIFY2(r.err.contains(QStringLiteral("download failed: Checksum mismatch for tiny.pth")), qPrintable(r.err));
    const QImage image(png);
    QVERIFY(!image.isNull());
    const int overlap = redTextInButtonColumns(image);
    QVERIFY2(overlap == 0, qPrintable(QStringLiteral("%1 red text pixels in the buttons' columns (-1: no banner)")
                                          .arg(overlap)));
}

// `rwkv-desktop --download <typo>`: stderr says the id is not in the catalog and lists the known ones (the chat's
// banner says it too; the test hook stops at the download's error). Before (new-user trial, session 20, F20) nothing
// was said outside the Models page: the window opened as usual and no download ever started.
void TestModelsE2e::unknownDownloadIdIsSaidOnStderr() {
    QTemporaryDir dir, config;
    QVERIFY(dir.isValid() && config.isValid());
    const Run r = runDesktop({QStringLiteral("--data-dir"), dir.path(), QStringLiteral("--download"),
                              QStringLiteral("rwkv7-g1d-0.1b-TYPO"), QStringLiteral("--screenshot"),
                              dir.filePath(QStringLiteral("typo.png"))},
                             120000, false, config.path());
    QVERIFY2(r.err.contains(QStringLiteral("rwkv-desktop: --download: there is no model \"rwkv7-g1d-0.1b-TYPO\" in the "
                                           "catalog.")),
             qPrintable(r.err));
    QVERIFY2(r.err.contains(QStringLiteral("rwkv-desktop: known models: rwkv7-g1d-0.1b-20260129-ctx8192, ")), qPrintable(r.err));
}

// `rwkv-desktop --download ID` refused at once (here: the models folder holds a folder of the model's file name): the
// chat's banner says why, as stderr does. Before (session 28's check, C3) only the test hook's stderr line did
// ("download failed: … is already in the models folder."), and the window said nothing.
void TestModelsE2e::refusedDownloadIsSaidInTheWindow() {
    QTemporaryDir dir, config;
    QVERIFY(dir.isValid() && config.isValid());
    const QString catalog = dir.filePath(QStringLiteral("models.json"));
    QVERIFY(writeTinyCatalog(catalog));
    QVERIFY(QDir(dir.path()).mkpath(QStringLiteral("models/tiny.pth")));
    const Run r = runDesktop({QStringLiteral("--data-dir"), dir.path(), QStringLiteral("--catalog"), catalog,
                              QStringLiteral("--download"), QStringLiteral("tiny"), QStringLiteral("--screenshot"),
                              dir.filePath(QStringLiteral("refused.png"))},
                             120000, false, config.path());
    const QString why = QStringLiteral("--download: Tiny was not downloaded: The models folder holds a folder named "
                                       "tiny.pth, so Tiny cannot be downloaded: its file has that name.");
    QVERIFY2(r.exitCode == 1, qPrintable(QStringLiteral("exit %1\nstdout: %2\nstderr: %3").arg(r.exitCode).arg(r.out, r.err)));
    QVERIFY2(r.err.contains(QStringLiteral("rwkv-desktop: ") + why), qPrintable(r.err));
    QVERIFY2(r.out.contains(QStringLiteral("\nerror banner: ") + why + QStringLiteral(" | ")), qPrintable(r.out));
}

// A .part.lock on a shared models folder names its computer as its third line, which anyone who can write the share
// sets. The download banner's note quotes it as text: before (session 29's check, L1) it was drawn as rich text, so a
// host "<img src=http://…>" made each waiting window fetch that address, and "<b>" drew bold. A 600-character host
// is named by its first 64 characters and "…" (LockHolder::shownHost): before (session 29's check, L3) it filled the
// banner and pushed the banner's first line (what downloads) and the bar out of view. A host with U+202E (right-to-left
// override), U+2066 (an isolate), a bell and U+E0001 (a tag) names them as escapes: before (session 30's note) they were
// drawn raw, and U+202E turned the rest of the sentence around.
void TestModelsE2e::lockHostWithMarkupIsShownAsText() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    HttpTestServer server(QHostAddress(QStringLiteral("127.0.0.1")));
    QVERIFY(server.listen());
    server.setFile("/img.png", QByteArray(64, 'x'));
    const QString catalog = dir.filePath(QStringLiteral("models.json"));
    QVERIFY(writeTinyCatalog(catalog));
    const QByteArray markup = "<b>BIG</b><img src=\"" + server.url("/img.png").toEncoded() + "\">";
    const QByteArray bidi = "pc\xe2\x80\xae" "exe.txt\xe2\x81\xa6" "x\x07" "y\xf3\xa0\x80\x81";  // hex escapes end at the quotes
    const QByteArray hosts[] = {markup, QByteArray(600, 'h'), bidi};
    // The three starts side by side, each in folders of its own; the server answers meanwhile (runDesktopsAtOnce runs
    // the event loop while it waits).
    std::array<rwkv::e2e::StartFolders, 3> folders;
    QList<rwkv::e2e::DesktopStart> starts;
    for (int i = 0; i < 3; ++i) {
        const QByteArray& host = hosts[i];
        const rwkv::e2e::StartFolders& f = folders[i];
        QVERIFY(f.isValid() && QDir(f.path()).mkpath(QStringLiteral("models")));
        QFile lock(f.filePath(QStringLiteral("models/tiny.pth.part.lock")));
        QVERIFY(lock.open(QIODevice::WriteOnly | QIODevice::Truncate));
        lock.write("4242\nrwkv-desktop\n" + host + "\n");
        lock.close();
        QFile part(f.filePath(QStringLiteral("models/tiny.pth.part")));  // another computer writes it: this one waits
        QVERIFY(part.open(QIODevice::WriteOnly | QIODevice::Truncate));
        part.write(QByteArray(100, 'p'));
        part.close();
        starts << f.start({QStringLiteral("--data-dir"), f.path(), QStringLiteral("--lang"), QStringLiteral("en"),
                           QStringLiteral("--catalog"), catalog, QStringLiteral("--download"), QStringLiteral("tiny"),
                           QStringLiteral("--screenshot"), f.filePath(QStringLiteral("lock.png")),
                           QStringLiteral("--screenshot-at"), QStringLiteral("4")});
    }
    const QList<Run> runs = rwkv::e2e::runDesktopsAtOnce(starts, 120000);
    for (int i = 0; i < 3; ++i) {
        const QByteArray& host = hosts[i];
        const Run& r = runs[i];
        QVERIFY2(r.exitCode == 0, qPrintable(QStringLiteral("exit %1\nstdout: %2\nstderr: %3").arg(r.exitCode).arg(r.out, r.err)));
        const QString shown = host == markup ? QString::fromUtf8(host)
                              : host == bidi ? QStringLiteral("pc\\u202eexe.txt\\u2066x\\u0007y\\U000e0001")
                                             : QString(64, u'h') + QChar(0x2026);
        QVERIFY2(r.out.contains(QStringLiteral("\ndownload note: tiny.pth is being downloaded by RWKV Desktop on another "
                                               "computer (%1, process 4242)")
                                    .arg(shown)),
                 qPrintable(r.out));
        QVERIFY2(!r.out.contains(QStringLiteral("drawn as markup:")), qPrintable(r.out));
        QVERIFY2(r.out.contains(QStringLiteral("\ndownload line in the banner: yes\n")), qPrintable(r.out));
        keepScreenshot(folders[i].filePath(QStringLiteral("lock.png")),
                       host == markup ? QStringLiteral("models-lock-host-markup.png")
                       : host == bidi ? QStringLiteral("models-lock-host-bidi.png")
                                      : QStringLiteral("models-lock-host-600.png"));
    }
    QCOMPARE(server.requests.size(), 0);  // the image was not fetched
}

// A --catalog file the app cannot use (damaged JSON, an entry it refuses): the Models page says which file could not be
// used and why, in the window (the app is started from a menu: stderr is not seen), and stderr names that file. Before
// (session 23's trial, T6) the page showed "Available models" over an empty list without a word, and stderr said
// "models.json is not valid JSON" of a file named otherwise.
void TestModelsE2e::unusableCatalogIsNamedOnTheModelsPage() {
    QTemporaryDir dir, config;
    QVERIFY(dir.isValid() && config.isValid());
    // Each case: the file's text and the page's line; a file that does not load is named on stderr too (`why`).
    struct Case {
        QByteArray json;
        QString line, why;
    };
    const QString catalog = dir.filePath(QStringLiteral("cat-broken.json"));
    const auto unusable = [&](const QString& why) {
        return QStringLiteral("The model catalog “\u2068%1\u2069” could not be used, so no models are listed: %2").arg(catalog, why);
    };
    const QString notJson = QStringLiteral("cat-broken.json is not valid JSON: unterminated object at offset 25");
    const QString notBare = QStringLiteral("cat-broken.json, model 1 (abs): file \"/tmp/abs-evil.pth\" is not a bare file name");
    const QList<Case> cases{
        {R"({"models": [ {"id": "x", )", unusable(notJson), notJson},
        {R"({"models": [{"id": "abs", "name": "Abs", "params": "1B", "file": "/tmp/abs-evil.pth", "format": "pth",
             "urls": {"huggingface": "https://h/abs.pth"}}]})",
         unusable(notBare), notBare},
        // A catalog that lists no models: said in one line, not an empty list without a word (session 24's trial, F10).
        {R"({"models": []})", QStringLiteral("The model catalog “\u2068%1\u2069” lists no models.").arg(catalog), QString()},
    };
    for (const Case& c : cases) {
        QFile json(catalog);
        QVERIFY(json.open(QIODevice::WriteOnly | QIODevice::Truncate));
        json.write(c.json);
        json.close();
        const Run r = runDesktop({QStringLiteral("--data-dir"), dir.filePath(QStringLiteral("data")), QStringLiteral("--catalog"),
                                  catalog, QStringLiteral("--open"), QStringLiteral("models"), QStringLiteral("--screenshot"),
                                  dir.filePath(QStringLiteral("catalog.png"))},
                                 120000, false, config.path());
        QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
        const QString line = QStringLiteral("\ncatalog problem: %1\n").arg(c.line);
        QVERIFY2(r.out.contains(line), qPrintable(line + u'\n' + r.out));
        if (c.why.isEmpty()) continue;
        QVERIFY2(r.err.contains(QStringLiteral("rwkv-desktop: model catalog %1 unavailable: %2\n").arg(catalog, c.why)),
                 qPrintable(r.err));
        keepScreenshot(dir.filePath(QStringLiteral("catalog.png")), QStringLiteral("catalog-unusable.png"));
    }
    // One bad entry among good ones (session 27's trial, N6: the whole catalog was unusable): the good one is listed,
    // the page and stderr name the one left out.
    {
        QFile json(catalog);
        QVERIFY(json.open(QIODevice::WriteOnly | QIODevice::Truncate));
        json.write(R"({"models": [{"id": "good", "name": "Good", "params": "1B", "file": "good.pth", "format": "pth",
                      "urls": {"huggingface": "https://h/good.pth"}},
                     {"id": "abs", "name": "Abs", "params": "1B", "file": "/tmp/abs-evil.pth", "format": "pth",
                      "urls": {"huggingface": "https://h/abs.pth"}}]})");
        json.close();
        const QString left = QStringLiteral("cat-broken.json, model 2 (abs): file \"/tmp/abs-evil.pth\" is not a bare file name");
        const Run r = runDesktop({QStringLiteral("--data-dir"), dir.filePath(QStringLiteral("data")), QStringLiteral("--catalog"),
                                  catalog, QStringLiteral("--open"), QStringLiteral("models"), QStringLiteral("--screenshot"),
                                  dir.filePath(QStringLiteral("catalog.png"))},
                                 120000, false, config.path());
        QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
        const QString line = QStringLiteral("\ncatalog problem: Some models of the catalog “\u2068%1\u2069” cannot be used and are left "
                                            "out; the others are listed. Left out: %2\n").arg(catalog, left);
        QVERIFY2(r.out.contains(line), qPrintable(line + u'\n' + r.out));
        QVERIFY2(r.err.contains(QStringLiteral("rwkv-desktop: model catalog %1: entry left out: %2\n").arg(catalog, left)),
                 qPrintable(r.err));
        keepScreenshot(dir.filePath(QStringLiteral("catalog.png")), QStringLiteral("catalog-entry-left-out.png"));
    }
    // A catalog that cannot be read: its path isolated in the page's line (as the page quotes every path, session 45),
    // not on stderr, where a path copied from the terminal kept the isolates and named no file (forTerminal).
    {
        const QString missing = dir.filePath(QStringLiteral("gone.json"));
        const Run r = runDesktop({QStringLiteral("--data-dir"), dir.filePath(QStringLiteral("data")), QStringLiteral("--catalog"),
                                  missing, QStringLiteral("--open"), QStringLiteral("models"), QStringLiteral("--screenshot"),
                                  dir.filePath(QStringLiteral("catalog.png"))},
                                 120000, false, config.path());
        QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
        const QString line = QStringLiteral("\ncatalog problem: The model catalog “\u2068%1\u2069” could not be used, so no "
                                            "models are listed: Cannot read the model catalog \u2068%1\u2069: No such file "
                                            "or directory\n").arg(missing);
        QVERIFY2(r.out.contains(line), qPrintable(line + u'\n' + r.out));
        QVERIFY2(r.err.contains(QStringLiteral("rwkv-desktop: model catalog %1 unavailable: Cannot read the model catalog "
                                               "%1: No such file or directory\n").arg(missing)),
                 qPrintable(r.err));
    }
    // The bundled catalog: no such line.
    const Run r = runDesktop({QStringLiteral("--data-dir"), dir.filePath(QStringLiteral("data")), QStringLiteral("--open"),
                              QStringLiteral("models"), QStringLiteral("--screenshot"),
                              dir.filePath(QStringLiteral("catalog.png"))},
                             120000, false, config.path());
    QVERIFY2(r.exitCode == 0 && !r.out.contains(QStringLiteral("catalog problem:")), qPrintable(r.out + r.err));
}

// Issue 8: the device chosen in Settings is the one the model loads on; one that is not there falls back to the CPU
// and says why, and the reply still comes.
void TestModelsE2e::chosenBackendIsUsed() {
    QTemporaryDir dir, config;
    QVERIFY(dir.isValid() && config.isValid());
    const QStringList base{QStringLiteral("--data-dir"), dir.path(), QStringLiteral("--lang"), QStringLiteral("en"),
                           QStringLiteral("--send"), QStringLiteral("Hello"), QStringLiteral("--timeout"),
                           QStringLiteral("120")};
    // --set names only a device this computer has (session 22's trial, F9: vulkan:7 was saved): refused, nothing saved.
    const Run refused = runDesktop(base + QStringList{QStringLiteral("--set"), QStringLiteral("backend=cuda:7")}, 180000,
                                   false, config.path());
    QCOMPARE(refused.exitCode, 1);
    QVERIFY2(refused.err.contains(QStringLiteral("rwkv-desktop: --set backend=cuda:7 was not applied: cuda:7 is not a GPU "
                                                 "device of this computer")) &&
                 refused.err.contains(QStringLiteral("backend must be one of auto, cpu")),
             qPrintable(refused.err));
    const QString conf = config.filePath(QStringLiteral("rwkv-desktop/rwkv-desktop.conf"));
    QVERIFY(!QSettings(conf, QSettings::IniFormat).contains(QStringLiteral("engine/backend")));
    {
        QSettings other(conf, QSettings::IniFormat);  // saved on another computer: read as it is, then the CPU
        other.setValue(QStringLiteral("engine/backend"), QStringLiteral("cuda:7"));
    }
    const Run missing = runDesktop(base, 180000, false, config.path());
    QVERIFY2(missing.exitCode == 0, qPrintable(missing.err));
    QVERIFY2(missing.out.contains(QStringLiteral("model: tiny-rwkv7-834K · CPU · byte tokenizer")), qPrintable(missing.out));
    QVERIFY2(missing.out.contains(QStringLiteral("notice: cuda:7 could not be used")) &&
                 missing.out.contains(QStringLiteral("using the CPU")),
             qPrintable(missing.out));
    // Without an NVIDIA driver (CI, the dev box: CUDA compiled in) the notice says so in a sentence; CUDA's words
    // ("CUDA driver version is insufficient for CUDA runtime version") only in the log (session 22's trial, F7).
    QVERIFY2(!missing.out.contains(QStringLiteral("CUDA driver version")) &&
                 !missing.out.contains(QStringLiteral("no CUDA device found")),
             qPrintable(missing.out));
#ifdef RWKV_E2E_VULKAN
    // Mesa's lavapipe is Vulkan adapter 0 on CI and here: the model must run there, not on the CPU backend.
    // Loading is enough here (a 512-token reply on lavapipe takes a minute; tests/vulkan cover generation).
    const Run vulkan = runDesktop({QStringLiteral("--data-dir"), dir.path(), QStringLiteral("--lang"), QStringLiteral("en"),
                               QStringLiteral("--set"), QStringLiteral("backend=vulkan:0"), QStringLiteral("--screenshot"),
                               dir.filePath(QStringLiteral("vulkan.png")), QStringLiteral("--timeout"),
                               QStringLiteral("120")},
                              180000, false, config.path());
    QVERIFY2(vulkan.exitCode == 0, qPrintable(vulkan.err));
    QVERIFY2(vulkan.out.contains(QStringLiteral("(vulkan:0) · byte tokenizer")), qPrintable(vulkan.out));
    QVERIFY2(!vulkan.out.contains(QStringLiteral("notice:")), qPrintable(vulkan.out));
#endif
}

QTEST_GUILESS_MAIN(TestModelsE2e)
// The Models page's GPU and RAM line right of "Download from" is drawn whole inside the page, in English and Chinese, at
// the default 1,100 px window and at 720 px (wrapped there). Session 39's trial: at 1,100 px, after a language set at
// the start, it ran past the window's edge, "GPU llvmpipe (software, on th" (the grid was laid out for a shorter line).
void TestModelsE2e::memoryLineStaysInThePage() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString data = dir.filePath(QStringLiteral("data/rwkv-desktop/rwkv-desktop"));  // a models folder path as long
    for (const QString& lang : {QStringLiteral("zh_CN"), QStringLiteral("en")})  // en after zh_CN: a switch, as the trial
        for (const QString& size : {QStringLiteral("1100x720"), QStringLiteral("720x720")}) {
            const QString png = dir.filePath(QStringLiteral("models-%1-%2.png").arg(lang, size));
            const Run r = runDesktop({QStringLiteral("-geometry"), size, QStringLiteral("--data-dir"), data,
                                      QStringLiteral("--set"), QStringLiteral("language=") + lang,
                                      QStringLiteral("--open"), QStringLiteral("models"), QStringLiteral("--screenshot"), png});
            QVERIFY2(r.exitCode == 0, qPrintable(lang + size + r.err));
            const QRegularExpressionMatch line =
                QRegularExpression(QStringLiteral("\nmodels memory line: (GPU [^\n]+) \\| (whole|cut)\n")).match(r.out);
            QVERIFY2(line.hasMatch(), qPrintable(r.out));
            QVERIFY2(line.captured(2) == QLatin1String("whole"), qPrintable(lang + u' ' + size + u' ' + line.captured(0)));
            keepScreenshot(png, QStringLiteral("models-memory-line-%1-%2.png").arg(lang, size));
        }
}

// A models folder of 8 models in a window 1,400 px high: *On this computer* shows every row (with the bundled demo
// model's, 9), and the catalog above still shows 4 cards or more. Before, that list was at most 180 px high whatever
// the window's height, 4 rows, while the catalog took the rest (session 54's trial2: 4 rows of a folder of 39 files).
void TestModelsE2e::localModelsShareATallWindow() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const Run r = modelsPageWithCopies(dir, 8, QStringLiteral("1100x1400"), QStringLiteral("models-tall.png"));
    const QString png = dir.filePath(QStringLiteral("models-tall.png"));
    QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
    QCOMPARE(rwkv::e2e::hookValue(r.out, QStringLiteral("local models in view")), QStringLiteral("9 of 9"));
    const QString cards = rwkv::e2e::hookValue(r.out, QStringLiteral("models in view"));
    QVERIFY2(cards.split(u',').size() >= 4, qPrintable(cards));
    keepScreenshot(png, QStringLiteral("models-tall.png"));
}

// A models folder of 6 models in a window of the least size, 640 × 480: the catalog still shows a whole card, and *On
// this computer* a row or more (it scrolls). Before (session 59's trial), that list kept its 180 px and the catalog 10 px: no
// model to download was in view ("models in view: " empty).
void TestModelsE2e::aSmallWindowShowsACatalogCard() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const Run r = modelsPageWithCopies(dir, 6, QStringLiteral("640x480"), QStringLiteral("models-small.png"));
    const QString png = dir.filePath(QStringLiteral("models-small.png"));
    QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
    const QString cards = rwkv::e2e::hookValue(r.out, QStringLiteral("models in view"));
    QVERIFY2(!cards.isEmpty() && cards.split(u',').size() >= 1, qPrintable(r.out));
    const QString local = rwkv::e2e::hookValue(r.out, QStringLiteral("local models in view"));
    QVERIFY2(local.section(u' ', 0, 0).toInt() >= 1 && local.endsWith(QStringLiteral(" of 7")), qPrintable(local));
    keepScreenshot(png, QStringLiteral("models-small.png"));
}

// Tab on the Models page walks every model of the bundled catalog, each card scrolled into view: past the header's ✕,
// Change… and the source picker, one button a card (Download), the last card's Download has the focus, in view with its
// card, and one more Tab reaches Import from disk…; Shift+Tab from there walks back to the first card's Download, in
// view. Before (session 58's trial), the focus went on below the list's foot, out of sight ("active focus in view:
// no"), and no card after the 7th was reached: the Tab after its Download went to Import from disk…; Shift+Tab skipped
// the cards the list had dropped above its view.
void TestModelsE2e::tabReachesEveryCatalogModelInView() {
    QFile catalogFile(QStringLiteral(RWKV_SOURCE_DIR "/resources/models.json"));
    QVERIFY(catalogFile.open(QIODevice::ReadOnly));
    const QJsonArray models = QJsonDocument::fromJson(catalogFile.readAll()).object().value(QStringLiteral("models")).toArray();
    QVERIFY2(models.size() > 8, "the bundled catalog holds more models than the page shows at once");
    const QString firstId = models.first().toObject().value(QStringLiteral("id")).toString();
    const QString lastId = models.last().toObject().value(QStringLiteral("id")).toString();
    const auto tabs = [](qsizetype n, const QString& key) {
        QStringList keys;
        for (qsizetype k = 0; k < n; ++k) keys << key;
        return keys;
    };
    const QStringList toLast = tabs(3 + models.size(), QStringLiteral("Tab"));
    const QList<QStringList> keysOf{toLast, toLast + tabs(1, QStringLiteral("Tab")),
                                    toLast + tabs(1, QStringLiteral("Tab")) + tabs(models.size(), QStringLiteral("Shift+Tab"))};
    std::array<rwkv::e2e::StartFolders, 3> dirs;
    QList<rwkv::e2e::DesktopStart> starts;
    for (int i = 0; i < 3; ++i) {
        QVERIFY(dirs[i].isValid());
        starts << dirs[i].start({QStringLiteral("--data-dir"), dirs[i].path(), QStringLiteral("--lang"), QStringLiteral("en"),
                                 QStringLiteral("--open"), QStringLiteral("models"), QStringLiteral("--keys"),
                                 keysOf[i].join(u','), QStringLiteral("--screenshot"), dirs[i].filePath(QStringLiteral("tab.png"))});
    }
    const QList<Run> runs = rwkv::e2e::runDesktopsAtOnce(starts);
    for (const Run& r : runs) QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
    const QStringList focusOf{QStringLiteral("download-") + lastId, QStringLiteral("importModelButton"),
                              QStringLiteral("download-") + firstId};
    const QStringList cardOf{lastId, QString(), firstId};
    for (int i = 0; i < 3; ++i) {
        QCOMPARE(rwkv::e2e::hookValue(runs[i].out, QStringLiteral("active focus")), focusOf[i]);
        QCOMPARE(rwkv::e2e::hookValue(runs[i].out, QStringLiteral("active focus in view")), QStringLiteral("yes"));
        const QString cards = rwkv::e2e::hookValue(runs[i].out, QStringLiteral("models in view"));
        QVERIFY2(cardOf[i].isEmpty() || cards.split(u',').contains(cardOf[i]), qPrintable(cards));
    }
    keepScreenshot(dirs[0].filePath(QStringLiteral("tab.png")), QStringLiteral("models-tab-last.png"));
}

#include "test_models_e2e.moc"
