// api_server_fixture.h — the set-up test_api_server and test_api_responses share: ApiServer on 127.0.0.1 (a free
// port) with the demo model (the tiny RWKV-7 of the test data) loaded on a real InferenceWorker thread, the same file
// loaded again the way the worker loads it (CPU, fp16 weights) as the reference the replies are checked against,
// requests over HTTP (QNetworkAccessManager), and a client that leaves mid-reply. A test class derives from QObject
// and this, and calls startServer() / stopServer() from its initTestCase() / cleanupTestCase().
#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QString>

#include <memory>
#include <string>
#include <vector>

#include "api_server.h"
#include "inference_worker.h"
#include "rwkv/generator.h"
#include "store/conversation_store.h"

/// A request's answer, read whole.
struct ApiAnswer {
    int status = 0;
    QByteArray body;
    QByteArray contentType;
    QJsonObject json() const;
    QJsonObject error() const { return json().value(QStringLiteral("error")).toObject(); }
};

class ApiServerFixture {
protected:
    /// A reply of the demo model takes milliseconds; the margin is a loaded 2-core box's.
    static constexpr int kWaitMs = 60000;

    /// Starts the server, loads the demo model in the worker and as the reference. "" or what failed.
    QString startServer();
    /// The server and the worker (its thread joined) gone.
    void stopServer();

    /// http://127.0.0.1:PORT + path.
    QString url(const QString& path) const;
    /// Sends a request (a body as `contentType`, none when empty), its answer not awaited.
    QNetworkReply* begin(const QByteArray& method, const QString& path, const QByteArray& body = {},
                         const QByteArray& contentType = "application/json");
    /// Waits for `reply` (kWaitMs at most) and reads it; the reply is deleted later.
    ApiAnswer finish(QNetworkReply* reply);
    ApiAnswer send(const QByteArray& method, const QString& path, const QByteArray& body = {},
                   const QByteArray& contentType = "application/json") {
        return finish(begin(method, path, body, contentType));
    }
    /// A response POSTed to /v1/responses with `body` as a stream ("stream": true added), read until its first text
    /// delta: the reply (still open), what it sent so far, and the response's id (empty when no delta came in kWaitMs).
    struct Streaming {
        QNetworkReply* reply = nullptr;
        QByteArray sent;
        QString id;
    };
    Streaming beginStreamedResponse(QJsonObject body);
    /// A client that leaves mid-reply: `reply`, the one request the server holds, aborted; the server must forget it,
    /// and the worker (its pace back to 0) answer the next chat request, "Hi" greedy for 5 tokens, with the engine's
    /// reply within 30 s, not after the hours the left reply had to go. Check QTest::currentTestFailed() after it.
    void leaveMidReply(QNetworkReply* reply);
    /// The greedy reply the engine writes after `prompt` from a new state as a chat turn on the demo model's byte
    /// vocabulary writes it (no penalties), with `stops` besides the turn separator.
    rwkv::GenerateResult engineReply(const std::string& prompt, int maxTokens, std::vector<std::string> stops = {});

    rwkv::store::ConversationStore store_{QStringLiteral(":memory:")};
    std::unique_ptr<rwkv::app::InferenceWorker> worker_;
    std::unique_ptr<rwkv::app::ApiServer> api_;
    QNetworkAccessManager net_;
    std::unique_ptr<rwkv::Model> model_;  // the reference
    std::unique_ptr<rwkv::Tokenizer> tokenizer_;
};
