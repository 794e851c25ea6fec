// A long streamed Local API request, for the tests that need the model held by the API while the window acts
// (test_send_during_api, test_actions_during_api, test_api_wait_e2e): one chat completion of up to 100,000 tokens
// ("Talk"), streamed, asked of 127.0.0.1:PORT, its bytes collected as they come.
#pragma once

#include <QByteArray>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QObject>
#include <QUrl>

namespace rwkv::test {

class LongApiRequest {
public:
    LongApiRequest() = default;
    LongApiRequest(const LongApiRequest&) = delete;
    LongApiRequest& operator=(const LongApiRequest&) = delete;
    ~LongApiRequest() { abort(); }

    /// Posts the request to http://127.0.0.1:port/v1/chat/completions (an earlier one is dropped first).
    void post(quint16 port) {
        abort();
        const QJsonObject body{{QStringLiteral("model"), QStringLiteral("anything")},
                               {QStringLiteral("messages"),
                                QJsonArray{QJsonObject{{QStringLiteral("role"), QStringLiteral("user")},
                                                       {QStringLiteral("content"), QStringLiteral("Talk")}}}},
                               {QStringLiteral("max_tokens"), 100000},
                               {QStringLiteral("stream"), true}};
        QNetworkRequest request{QUrl(QStringLiteral("http://127.0.0.1:%1/v1/chat/completions").arg(port))};
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
        reply_ = net_.post(request, QJsonDocument(body).toJson(QJsonDocument::Compact));
        QObject::connect(reply_, &QNetworkReply::readyRead, reply_, [this, r = reply_] { sent_ += r->readAll(); });
    }
    /// True once it streams its text: its role and two more chunks (3 "data: " lines) have come.
    bool writing() const { return sent_.count("data: ") >= 3; }
    /// Its bytes so far (a refusal's JSON error, a stream's "data: " lines): what a failed check says came.
    QByteArray received() const { return sent_; }
    /// True while a request was posted and not dropped.
    bool active() const { return reply_ != nullptr; }
    /// True when the posted request has ended (answered, refused or failed).
    bool finished() const { return reply_ && reply_->isFinished(); }
    /// Drops the request, as a client that leaves; nothing when none was posted.
    void abort() {
        if (!reply_) return;
        reply_->abort();
        reply_->deleteLater();
        reply_ = nullptr;
        sent_.clear();
    }

private:
    QNetworkAccessManager net_;
    QNetworkReply* reply_ = nullptr;
    QByteArray sent_;
};

}  // namespace rwkv::test
