// api_server.h — the local OpenAI-compatible API server: Qt HttpServer on 127.0.0.1 only (no network exposure, no
// authentication), GET /v1/models, POST /v1/chat/completions, POST /v1/completions and POST /v1/responses (whole or
// streamed as server-sent events), GET and DELETE /v1/responses/{id}, GET /v1/responses/{id}/input_items and POST
// /v1/responses/{id}/cancel (a 400: only background responses can be cancelled, and there are none). Replies are
// written by the InferenceWorker (runApiCompletion), one at a time with the window's chat turns. docs/api.md.
#pragma once

#include <QObject>
#include <QPointer>
#include <QString>

#include <map>
#include <memory>
#include <optional>

#include "api_completion.h"
#include "api_connection_guard.h"
#include "api_request.h"
#include "api_responses.h"

class QHttpServerRequest;
class QHttpServerResponder;
class QTcpSocket;

namespace rwkv::app {

class InferenceWorker;
class ApiHttpServer;  // api_server.cpp: QAbstractHttpServer that hands every request to ApiServer::handle

class ApiServer : public QObject {
    Q_OBJECT
    /// The Settings page's line: serving at http://127.0.0.1:port/v1, or why not.
    Q_PROPERTY(bool listening READ isListening NOTIFY stateChanged)
    /// The port served, or the one that could not be (0: never started).
    Q_PROPERTY(int port READ triedPort NOTIFY stateChanged)
    /// Why the last start() failed: "" (it did not), "portInUse", "reservedPort" (below kLowestPort), "noPermission"
    /// (the system refused it) or "other" (errorString() then says it in Qt's words).
    Q_PROPERTY(QString failure READ failure NOTIFY stateChanged)
    Q_PROPERTY(QString errorString READ errorString NOTIFY stateChanged)
    /// failureText(PortFrom::Settings): the Settings page's line when it does not serve.
    Q_PROPERTY(QString failureText READ failureText NOTIFY failureTextChanged)
public:
    /// The lowest port start() listens on (0 aside: any free port). The ports below are the system's services', which
    /// only an administrator may take; the server refuses them whoever runs it, so that the window and `rwkv-cli serve`
    /// follow one rule (session 54's trial: `rwkv-cli serve --port 80` served when run as root).
    static constexpr int kLowestPort = 1024;
    /// "port 80 is below 1024, where the system's services listen: choose a port from 1024 to 65535" where `port` (not
    /// 0) is below kLowestPort, else "" (English: rwkv-cli serve's --port and the terminal's line).
    static QString reservedPortProblem(int port);
    /// Where the port of the last start() came from, which decides what to do about a failure.
    enum class PortFrom { Settings, Option };
    /// A request body larger than this is refused (413) once read.
    static constexpr qint64 kMaxBodyBytes = 4 * 1024 * 1024;
    /// A streamed reply's output its client has left unread, waiting in this process beyond what the kernel's socket
    /// buffers took (QTcpSocket::bytesToWrite), above which the client is taken as gone: its reply stops and the
    /// connection is aborted. Bytes; about 7,000 tokens' chunks, tens of seconds of a fast model's output.
    static constexpr qint64 kMaxUnreadBytes = 1024 * 1024;

    /// `host`: the program that runs the server, as a client's 503 "server_stopped", "model_changed" and
    /// "model_loading" name it ("RWKV Desktop", or "rwkv-cli serve" for the headless server).
    explicit ApiServer(InferenceWorker& worker, QString host = QStringLiteral("RWKV Desktop"), QObject* parent = nullptr);
    /// Stops (stop()).
    ~ApiServer() override;

    /// Listens on 127.0.0.1:`port` (0: a free port, then port() says which). Returns false when it cannot (a port
    /// below kLowestPort, in use, not allowed): errorString() says why (reservedPortProblem's words, else Qt's). A
    /// server listening already is stopped first.
    bool start(quint16 port);
    /// Stops listening, closes every connection and cancels the replies it asked for (each ends within a token);
    /// forgets a failed start's failure(). Settings' switch calls it for a server started by --api-port.
    Q_INVOKABLE void stop();
    bool isListening() const { return http_ != nullptr; }
    quint16 port() const { return port_; }
    QString errorString() const { return error_; }
    QString failure() const { return failure_; }
    int triedPort() const { return triedPort_; }
    /// Why the last start() failed, with what to do, in the window's language; "" while it serves or when nothing
    /// failed. The start's banner and the Settings page say these words: choose another port in Settings, or start
    /// again with another one where it came from --api-port (`from`: PortFrom::Option).
    QString failureText(PortFrom from = PortFrom::Settings) const;
    /// failureText's sentence for a start() that failed with `failure` (failure()) on `port`, `error` its
    /// errorString(): what a failure no test can cause (a port the system refuses) says.
    static QString failureTextOf(const QString& failure, int port, const QString& error, PortFrom from);
    /// Says failureText again in the language now (a language switch: failureTextChanged).
    void retranslate() { emit failureTextChanged(); }

    /// Test hook: each API reply pauses this long after each streamed piece (ApiJob::paceMs). 0 = none.
    void setReplyPaceMs(int ms) { paceMs_ = ms; }
    /// Requests waiting or being answered (tests).
    int pendingCount() const { return int(pending_.size()); }

    /// How a reply is written: `headOnly` for a HEAD request (GET's status and headers, no body); `close` where the
    /// request asked the connection to end after it ("Connection: close", HTTP/1.0): the reply says
    /// "Connection: close" and the connection is closed once it is out.
    struct ReplyForm {
        bool headOnly = false;
        bool close = false;
    };

signals:
    void stateChanged();
    /// With stateChanged, and at a language switch (retranslate).
    void failureTextChanged();

public slots:
    /// A model is about to be loaded (ChatController::loadModelRequested): the running and waiting requests end with
    /// a 503 error, and new ones get 503 until the worker has loaded it (or failed to).
    void modelChanging();

private:
    friend class ApiHttpServer;
    struct Pending {
        ApiJob job;  ///< with the ids its reply's objects carry
        QPointer<QTcpSocket> socket;
        std::unique_ptr<QHttpServerResponder> responder;
        bool stream = false;
        /// A streamed Response: its events (their sequence numbers), and whether its headers went out — at the worker's
        /// first answer, so that a previous response that is not kept is a plain 400, not an event.
        std::optional<ApiResponseEvents> events;
        bool headersSent = false;
        /// The choices whose final chunk (finish_reason) went out as they ended (n > 1), not again at the end.
        std::vector<bool> choiceEnded;
        QMetaObject::Connection disconnected;
        /// Another request came on this connection before this reply was written (HTTP pipelining), or this one asked
        /// for it (ReplyForm::close): the reply says "Connection: close" and the connection is closed after it, any
        /// other request left unanswered (handle()).
        bool closeAfter = false;
    };

    void handle(const QHttpServerRequest& request, QTcpSocket* socket);
    /// handle()'s routes: the request answered (or queued) as `head` says; `sent`: what its head said, as read
    /// before Qt's parser (its method and target as the request line sent them, its version, its Host fields).
    void route(const QHttpServerRequest& request, QTcpSocket* socket, const ApiConnectionGuard::HandedOver& sent,
               ReplyForm head);
    /// A reply on `socket` is still being written (or waits its turn).
    bool replyOpen(const QTcpSocket* socket) const;
    /// The reply written last on `socket` ends its connection (ApiConnectionGuard::endAfterReply).
    static void endConnection(QTcpSocket* socket);
    /// POST /v1/chat/completions (Chat), /v1/completions (Completion) or /v1/responses (Response): checked, then
    /// queued to the worker.
    void handleCompletion(ApiKind kind, const QHttpServerRequest& request, QTcpSocket* socket, ReplyForm form,
                          std::unique_ptr<QHttpServerResponder> responder);
    /// GET /v1/responses/{id} (the response object as its POST answered it) or, with `drop`, DELETE (its state and
    /// object dropped): answered at once, not queued behind a reply. An id not kept — never made here, store: false,
    /// dropped from the last 8, deleted, from before a model change — is a 404; a store: true one still being written
    /// answers GET "in_progress" (no output) and DELETE a 409.
    /// `head`: a HEAD request, answered as GET without the body.
    void handleKeptResponse(const QString& id, bool drop, ReplyForm head, QHttpServerResponder& responder);
    /// GET /v1/responses/{id}/input_items: a page of the input items of a kept response's request (or of a store: true
    /// one still being written), OpenAI's list, paged by the query's limit / order / after / before. Answered at once;
    /// an id not kept is GET's 404. `head`: a HEAD request, answered as GET without the body.
    void handleInputItems(const QString& id, const QHttpServerRequest& request, ReplyForm head,
                          QHttpServerResponder& responder);
    /// The store: true response `id` still being written (kept once the worker has finished it), or null.
    const Pending* keptResponseBeingWritten(const QString& id) const;
    /// The reason no reply can be written now (no model, one being loaded), or nullopt.
    std::optional<ApiError> unavailable() const;
    /// A stream's status line, headers and (a Response's) first events, once.
    void beginStream(Pending& p);
    void onDelta(quint64 jobId, int choice, const QString& text);
    /// A streamed choice of n > 1 ended: its final chunk (finish_reason) goes out now, not with the others at the end.
    void onChoiceEnded(quint64 jobId, int choice, bool lengthLimit);
    void onFinished(quint64 jobId, const rwkv::app::ApiOutcome& outcome);
    void onFailed(quint64 jobId, const rwkv::app::ApiError& error);
    /// Ends a pending request: `error` to its client (as JSON, or as the stream's last event), then forgets it.
    void fail(quint64 jobId, const ApiError& error);
    /// Forgets it; a stream's connection is closed (its end is the end of the body).
    void forget(quint64 jobId);

    InferenceWorker& worker_;
    QString host_;
    std::unique_ptr<ApiHttpServer> http_;
    std::map<quint64, Pending> pending_;
    quint64 nextId_ = 1;
    int paceMs_ = 0;
    quint16 port_ = 0;
    QString error_;
    QString failure_;
    int triedPort_ = 0;
    bool modelChanging_ = false;
};

}  // namespace rwkv::app
