// api_server_fixture.cpp — the API suites' server and reference model (api_server_fixture.h).
#include "api_server_fixture.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTest>

#include "rwkv/chat_format.h"
#include "rwkv/sampler.h"

using namespace rwkv;
using namespace rwkv::app;

QJsonObject ApiAnswer::json() const { return QJsonDocument::fromJson(body).object(); }

QString ApiServerFixture::startServer() {
    worker_ = std::make_unique<InferenceWorker>(store_, QStringLiteral(RWKV_TESTDATA_DIR));
    api_ = std::make_unique<ApiServer>(*worker_);
    if (!api_->start(0)) return QStringLiteral("the server did not start: ") + api_->errorString();
    if (!api_->isListening() || api_->port() == 0) return QStringLiteral("the server listens on no port");
    QSignalSpy loaded(worker_.get(), &InferenceWorker::modelLoaded);
    QMetaObject::invokeMethod(worker_.get(), "loadModel", Qt::QueuedConnection,
                              Q_ARG(QString, QStringLiteral(RWKV_TESTDATA_DIR "/tiny-rwkv7-834K.pth")));
    // Waited for as a count, not with loaded.wait(): the worker's thread may emit before wait() begins, and wait()
    // then waits for a second signal that never comes (about 1 run in 30 failed so, the spy holding the signal).
    if (!QTest::qWaitFor([&] { return !loaded.isEmpty(); }, kWaitMs))
        return QStringLiteral("the worker did not load the demo model");
    LoadOptions options;
    options.weight_dtype = DType::F16;
    model_ = Model::load(RWKV_TESTDATA_DIR "/tiny-rwkv7-834K.pth", options);
    tokenizer_ = tokenizer_for_vocab_size(model_->shape().vocab_size, RWKV_TESTDATA_DIR "/rwkv_vocab_v20230424.txt");
    return {};
}

void ApiServerFixture::stopServer() {
    api_.reset();
    worker_.reset();
}

QString ApiServerFixture::url(const QString& path) const {
    return QStringLiteral("http://127.0.0.1:%1%2").arg(api_->port()).arg(path);
}

QNetworkReply* ApiServerFixture::begin(const QByteArray& method, const QString& path, const QByteArray& body,
                                       const QByteArray& contentType) {
    QNetworkRequest request{QUrl(url(path))};
    if (!contentType.isEmpty()) request.setHeader(QNetworkRequest::ContentTypeHeader, contentType);
    return net_.sendCustomRequest(request, method, body);
}

ApiServerFixture::Streaming ApiServerFixture::beginStreamedResponse(QJsonObject body) {
    body.insert(QStringLiteral("stream"), true);
    Streaming s;
    s.reply = begin("POST", QStringLiteral("/v1/responses"), QJsonDocument(body).toJson(QJsonDocument::Compact));
    if (!QTest::qWaitFor([&] { return (s.sent += s.reply->readAll()).contains("response.output_text.delta"); },
                         kWaitMs))
        return s;
    const qsizetype at = s.sent.indexOf("\"id\":\"resp_") + 6;  // response.created's, the first id sent
    s.id = QString::fromLatin1(s.sent.mid(at, 37));                // resp_ and 32 hex digits
    return s;
}

ApiAnswer ApiServerFixture::finish(QNetworkReply* reply) {
    if (!reply->isFinished()) {
        QSignalSpy done(reply, &QNetworkReply::finished);
        if (!done.wait(kWaitMs)) qWarning("no answer in %d ms", kWaitMs);
    }
    ApiAnswer a;
    a.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    a.body = reply->readAll();
    a.contentType = reply->header(QNetworkRequest::ContentTypeHeader).toByteArray();
    reply->deleteLater();
    return a;
}

void ApiServerFixture::leaveMidReply(QNetworkReply* reply) {
    QCOMPARE(api_->pendingCount(), 1);
    reply->abort();
    reply->deleteLater();
    QTRY_COMPARE_WITH_TIMEOUT(api_->pendingCount(), 0, kWaitMs);
    api_->setReplyPaceMs(0);
    QElapsedTimer clock;
    clock.start();
    const QJsonObject user{{QStringLiteral("role"), QStringLiteral("user")},
                           {QStringLiteral("content"), QStringLiteral("Hi")}};
    const QJsonObject hi{{QStringLiteral("messages"), QJsonArray{user}},
                         {QStringLiteral("temperature"), 0},
                         {QStringLiteral("max_tokens"), 5}};
    const ApiAnswer next =
        send("POST", QStringLiteral("/v1/chat/completions"), QJsonDocument(hi).toJson(QJsonDocument::Compact));
    QCOMPARE(next.status, 200);
    const QJsonObject choice = next.json().value(QStringLiteral("choices")).toArray().at(0).toObject();
    QCOMPARE(choice.value(QStringLiteral("message")).toObject().value(QStringLiteral("content")).toString(),
             QString::fromStdString(engineReply(format_user_turn("Hi", "", true), 5).text));
    QVERIFY2(clock.elapsed() < 30000, qPrintable(QString::number(clock.elapsed())));  // not the time it had left
}

GenerateResult ApiServerFixture::engineReply(const std::string& prompt, int maxTokens, std::vector<std::string> stops) {
    SamplerParams sp;
    sp.temperature = 0;
    sp.presence_penalty = sp.frequency_penalty = 0;  // as a chat turn on a byte vocabulary
    Sampler sampler(sp, model_->shape().vocab_size);
    Generator generator(*model_, *tokenizer_, sampler);
    GenerateOptions options;
    options.max_tokens = maxTokens;
    options.stop_strings.insert(options.stop_strings.end(), stops.begin(), stops.end());
    State state = model_->new_state();
    return generator.run(state, tokenizer_->encode(prompt), options);
}
