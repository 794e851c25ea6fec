// test_download_texts.cpp — a download's reason follows a language switch: made on the network thread as its parts
// (models/wording.h), worded where it is shown, and again after the switch (ModelManagerController::retranslate) on
// the Models page's card, its banner and the chat's download banner. Before (session 30's note, left by 4559a77), the
// network thread worded it once and it kept the language of its moment. The real zh_CN translation (lrelease of
// i18n/rwkv-desktop_zh_CN.ts); loopback HTTP only. Code: app/core/models/download_task.cpp, download_manager.cpp.
#include <QAbstractItemModel>
#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QProcess>
#include <QTemporaryDir>
#include <QTranslator>
#include <QtTest>

#include "model_manager_page.h"
#include "models/wording.h"

using namespace rwkv::models;

class TestDownloadTexts : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void argumentsFillInOnePass();
    void failedDownloadFollowsALanguageSwitch();
    void storedReasonIsWordedInTheLanguageOfTheRunShowingIt();
    void storedPartsReadBack();

private:
    QTemporaryDir qmDir_;
    QString qm_;  // rwkv-desktop_zh_CN.qm
};

namespace {

enum class Lang { En, Zh };

/// Why gone.pth (one source, answering 404 from `host`) was not downloaded, as the card says it.
QString goneText(Lang lang, const QString& host) {
    return (lang == Lang::En ? QStringLiteral("Downloading gone.pth failed: HTTP 404 from %1. Retry later; the model "
                                              "catalog lists no other source for it, and it may be out of date.")
                             : QStringLiteral("下载 gone.pth 失败：%1 返回 HTTP 404。请稍后重试；模型目录没有列出它的其他"
                                              "下载源，目录也可能已过时。"))
        .arg(host);
}

}  // namespace

void TestDownloadTexts::initTestCase() {
    qm_ = qmDir_.filePath(QStringLiteral("rwkv-desktop_zh_CN.qm"));
    QProcess lrelease;
    lrelease.setProcessChannelMode(QProcess::MergedChannels);
    lrelease.start(QStringLiteral(RWKV_LRELEASE),
                   {QStringLiteral(RWKV_SOURCE_DIR "/i18n/rwkv-desktop_zh_CN.ts"), QStringLiteral("-qm"), qm_});
    QVERIFY(lrelease.waitForFinished(60000));
    QVERIFY2(lrelease.exitCode() == 0, lrelease.readAll().constData());
}

// A file name with "%2" in it stays as it is (a chained QString::arg() filled it with the next argument).
void TestDownloadTexts::argumentsFillInOnePass() {
    const Wording w("rwkv::models::DownloadTask", "HTTP %1 from %2", {QStringLiteral("%2"), QStringLiteral("h")});
    QCOMPARE(w.text(), QStringLiteral("HTTP %2 from h"));
    const Wording nested("rwkv::models::DownloadTask", "connection lost: %1", {w});
    QCOMPARE(nested.text(), QStringLiteral("connection lost: HTTP %2 from h"));
    QCOMPARE(nested.briefText(), nested.text());
    QCOMPARE(Wording(QStringLiteral("plain %1")).text(), QStringLiteral("plain %1"));
    QVERIFY(Wording().isEmpty());
    QCOMPARE(w.then(QStringLiteral("More.")).text(), QStringLiteral("HTTP %2 from h More."));
}

// Two downloads fail on one loopback server: a checksum that does not match, and a 404 (one source: no other to try).
// Their cards, the page's banner and the chat's download banner say why in English, in Chinese after the switch, and in
// English again after the switch back. The checksum's banners say it without the sums, the card with them.
void TestDownloadTexts::failedDownloadFollowsALanguageSwitch() {
    QTemporaryDir dir;
    const QString models = dir.filePath(QStringLiteral("models"));
    QVERIFY(QDir().mkpath(models));
    AppDownloads app(dir);
    DownloadManager& downloads = app.manager;
    HttpTestServer server(QHostAddress(QStringLiteral("127.0.0.1")));
    QVERIFY(server.listen());
    const QByteArray body(1000, 'r');
    server.setFile("/bad.pth", body);
    const QString wrongSha(64, QLatin1Char('0'));
    const QString gotSha = QString::fromLatin1(QCryptographicHash::hash(body, QCryptographicHash::Sha256).toHex());
    const QByteArray json = R"({"models": [
        {"id": "bad", "name": "Bad", "params": "0.1B", "file": "bad.pth", "format": "pth", "size": 1000,
         "sha256": ")" + wrongSha.toLatin1() + R"(", "n_layer": 12, "n_embd": 768,
         "urls": {"huggingface": ")" + server.url("/bad.pth").toEncoded() + R"("}},
        {"id": "gone", "name": "Gone", "params": "0.1B", "file": "gone.pth", "format": "pth", "size": 1000,
         "n_layer": 12, "n_embd": 768, "urls": {"huggingface": ")" + server.url("/gone.pth").toEncoded() + R"("}}]})";
    QString error;
    const auto catalog = ModelCatalog::fromJson(json, &error);
    QVERIFY2(catalog.has_value(), qPrintable(error));
    ModelManagerController controller(*catalog, downloads, models);
    QAbstractItemModel* list = controller.catalog();
    const int messageRole = list->roleNames().key("message");
    const auto card = [&](int row) { return list->data(list->index(row, 0), messageRole).toString(); };

    const QString host = server.url("/").host();
    const QString goneEn = goneText(Lang::En, host), goneZh = goneText(Lang::Zh, host);
    const QString badEn = QStringLiteral("Checksum mismatch for bad.pth: expected sha256 %1, got %2. The downloaded file "
                                         "was deleted; try again or choose another source.")
                              .arg(wrongSha, gotSha);
    const QString badZh =
        QStringLiteral("bad.pth 的校验和不匹配：预期 sha256 为 %1，实际为 %2。已删除下载的文件；请重试或选择其他来源。")
            .arg(wrongSha, gotSha);
    // The banners above the card and in the chat: without the two sums (they stood three times, 3 lines each).
    const QString badBriefEn = QStringLiteral("Checksum mismatch for bad.pth: the downloaded file was deleted. Its card in "
                                              "Models shows both checksums; try again or choose another source.");
    const QString badBriefZh =
        QStringLiteral("bad.pth 的校验和不匹配：已删除下载的文件。“模型”页中它的卡片列出了两个校验和；请重试或选择其他来源。");

    controller.download(QStringLiteral("gone"));
    QTRY_COMPARE_WITH_TIMEOUT(card(1), goneEn, 15000);
    controller.download(QStringLiteral("bad"));
    QTRY_COMPARE_WITH_TIMEOUT(card(0), badEn, 15000);
    QCOMPARE(controller.activeDownloadState(), QStringLiteral("failed"));
    QCOMPARE(controller.activeDownloadText(), badBriefEn);
    QCOMPARE(controller.errorMessage(), badBriefEn);
    // Said by its card (the whole text, Retry) and by the chat's banner: the Models page's banner leaves it to the card
    // (errorCardId; session 44's trial: the same sentence three times at once).
    QCOMPARE(controller.errorCardId(), QStringLiteral("bad"));

    QTranslator zh;
    QVERIFY(zh.load(qm_));
    QVERIFY(QCoreApplication::installTranslator(&zh));
    controller.retranslate();
    QCOMPARE(card(1), goneZh);
    QCOMPARE(card(0), badZh);
    QCOMPARE(controller.activeDownloadText(), badBriefZh);
    QCOMPARE(controller.errorMessage(), badBriefZh);
    QCOMPARE(downloads.status(QStringLiteral("gone"))->message, goneZh);

    QVERIFY(QCoreApplication::removeTranslator(&zh));
    controller.retranslate();
    QCOMPARE(card(1), goneEn);
    QCOMPARE(card(0), badEn);
    QCOMPARE(controller.activeDownloadText(), badBriefEn);
    QCOMPARE(controller.errorMessage(), badBriefEn);
}

// A download fails (404, one source) in a Chinese run; the next run is English and lists it from the database with
// its reason in English, and in Chinese again after a switch. Before, the database kept the words of the failing run:
// the English run said "下载 gone.pth 失败：…" (session 32's note; 2ce7c9f left it).
void TestDownloadTexts::storedReasonIsWordedInTheLanguageOfTheRunShowingIt() {
    QTemporaryDir dir;
    const QString models = dir.filePath(QStringLiteral("models"));
    QVERIFY(QDir().mkpath(models));
    HttpTestServer server(QHostAddress(QStringLiteral("127.0.0.1")));
    QVERIFY(server.listen());
    const QByteArray json = R"({"models": [
        {"id": "gone", "name": "Gone", "params": "0.1B", "file": "gone.pth", "format": "pth", "size": 1000,
         "n_layer": 12, "n_embd": 768, "urls": {"huggingface": ")" + server.url("/gone.pth").toEncoded() + R"("}}]})";
    QString error;
    const auto catalog = ModelCatalog::fromJson(json, &error);
    QVERIFY2(catalog.has_value(), qPrintable(error));
    const QString host = server.url("/").host();
    const QString goneEn = goneText(Lang::En, host), goneZh = goneText(Lang::Zh, host);
    QTranslator zh;
    QVERIFY(zh.load(qm_));
    QVERIFY(QCoreApplication::installTranslator(&zh));
    {
        AppDownloads chinese(dir);
        ModelManagerController controller(*catalog, chinese.manager, models);
        controller.download(QStringLiteral("gone"));
        QTRY_COMPARE_WITH_TIMEOUT(chinese.manager.status(QStringLiteral("gone"))->message, goneZh, 15000);
    }
    QVERIFY(QCoreApplication::removeTranslator(&zh));
    AppDownloads english(dir);
    QVERIFY(english.manager.status(QStringLiteral("gone")).has_value());
    QCOMPARE(english.manager.status(QStringLiteral("gone"))->message, goneEn);
    QVERIFY(QCoreApplication::installTranslator(&zh));
    english.manager.retranslate();
    QCOMPARE(english.manager.status(QStringLiteral("gone"))->message, goneZh);
    QVERIFY(QCoreApplication::removeTranslator(&zh));
}

// Wording::stored and fromStored: a sentence with a plain argument (holding "%2" and a quote), a nested sentence and a
// brief form comes back equal and worded the same; a plain text, an older row's words and JSON that is no sentence
// come back as plain texts, as they are.
void TestDownloadTexts::storedPartsReadBack() {
    const Wording inner("rwkv::models::DownloadTask", "HTTP %1 from %2", {QStringLiteral("4\"04 %2"), QStringLiteral("h")});
    const Wording w = Wording("rwkv::models::DownloadTask", "connection lost: %1", {inner})
                          .withBrief(Wording("rwkv::models::DownloadTask", "Paused"))
                          .then(QStringLiteral("More."));
    const Wording back = Wording::fromStored(w.stored());
    QVERIFY(back == w);
    QCOMPARE(back.text(), QStringLiteral("connection lost: HTTP 4\"04 %2 from h More."));
    QCOMPARE(Wording::fromStored(QStringLiteral("plain %1")).text(), QStringLiteral("plain %1"));
    QCOMPARE(Wording(QStringLiteral("plain")).stored(), QStringLiteral("plain"));
    for (const QString& text : {QStringLiteral("{not json"), QStringLiteral("{\"source\": 3, \"context\": \"c\"}"),
                                QStringLiteral("{\"context\": \"c\"}"), QStringLiteral("[1]")})
        QCOMPARE(Wording::fromStored(text).text(), text);
    QVERIFY(Wording::fromStored(QString()).isEmpty());
}

QTEST_GUILESS_MAIN(TestDownloadTexts)
#include "test_download_texts.moc"
