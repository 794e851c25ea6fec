// api_server.cpp — HTTP on 127.0.0.1 (Qt HttpServer 6.4's QAbstractHttpServer, routed here), requests queued to the
// InferenceWorker, its answers written back as JSON or server-sent events.
#include "api_server.h"

#include <QDateTime>
#include <QHostAddress>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTcpSocket>
#include <QUrl>
#include <QtHttpServer/QAbstractHttpServer>
#include <QtHttpServer/QHttpServerRequest>
#include <QtHttpServer/QHttpServerResponder>

#include "api_connection_guard.h"
#include "api_tcp_server.h"
#include "app_settings.h"
#include "inference_worker.h"

namespace rwkv::app {

/// Every request goes to ApiServer::handle (the routes, 404 and 405 are there, not in QHttpServer's router).
class ApiHttpServer final : public QAbstractHttpServer {
public:
    explicit ApiHttpServer(ApiServer& owner) : owner_(owner) {}
    static QHttpServerResponder responderFor(const QHttpServerRequest& request, QTcpSocket* socket) {
        return makeResponder(request, socket);
    }

protected:
    bool handleRequest(const QHttpServerRequest& request, QTcpSocket* socket) override {
        owner_.handle(request, socket);
        return true;
    }
    void missingHandler(const QHttpServerRequest&, QTcpSocket*) override {}

private:
    ApiServer& owner_;
};

namespace {

using Status = QHttpServerResponder::StatusCode;

const QByteArray kJson = QByteArrayLiteral("application/json");

using ReplyForm = ApiServer::ReplyForm;

void writeError(QHttpServerResponder& responder, const ApiError& error) {
    responder.write(errorJson(error), {{QByteArrayLiteral("Content-Type"), kJson}}, Status(error.status));
}

/// `body` with `headers` and `status`, or for a HEAD request (form.headOnly) the same status line and headers, the
/// Content-Length the body would have included, and no body; "Connection: close" besides where form.close.
void writeJson(QHttpServerResponder& responder, ReplyForm form, const QByteArray& body,
               QHttpServerResponder::HeaderList headers, Status status = Status::Ok) {
    if (!form.headOnly && !form.close) return responder.write(body, std::move(headers), status);
    responder.writeStatusLine(status);
    responder.writeHeaders(std::move(headers));
    if (form.close) responder.writeHeader(QByteArrayLiteral("Connection"), QByteArrayLiteral("close"));
    responder.writeHeader(QByteArrayLiteral("Content-Length"), QByteArray::number(body.size()));
    responder.writeBody(form.headOnly ? QByteArray() : body);  // the first body write ends the header
}

void writeError(QHttpServerResponder& responder, ReplyForm form, const ApiError& error) {
    writeJson(responder, form, errorJson(error), {{QByteArrayLiteral("Content-Type"), kJson}},
              Status(error.status));
}

// A request line's method that Qt's parser does not know ("get", "FOO"), `sent` as the line has it ("" when unknown).
ApiError notImplemented(const QByteArray& sent) {
    const QString method = shownClientText(QString::fromLatin1(sent));
    QString message = sent.isEmpty() ? QStringLiteral("The request's method is not one this server implements.")
                                     : QStringLiteral("The method '%1' is not one this server implements.").arg(method);
    static const QList<QByteArray> known = {"GET", "HEAD", "POST", "DELETE", "PUT", "PATCH", "OPTIONS"};
    if (sent != sent.toUpper() && known.contains(sent.toUpper()))
        message += QStringLiteral(" Methods are case-sensitive: send it as %1.").arg(QString::fromLatin1(sent.toUpper()));
    message += QStringLiteral(" This server answers GET, HEAD, POST and DELETE.");
    return ApiError{501, message, QStringLiteral("invalid_request_error"), {}, QStringLiteral("method_not_implemented")};
}

/// The methods a path takes: in the 405's words ("GET and DELETE") and as its Allow header lists them, HEAD wherever
/// GET is (answered as GET is, without the body).
struct Allowed {
    const char* words;
    const char* header;
};
constexpr Allowed kGetOnly{"GET (and HEAD)", "GET, HEAD"};  // the words as the Allow header (session 59's trial2)
constexpr Allowed kPostOnly{"POST", "POST"};
constexpr Allowed kGetOrDelete{"GET (and HEAD) and DELETE", "GET, HEAD, DELETE"};

/// A 405 for `path`, with the Allow header that RFC 9110 §15.5.6 asks of one (none before session 56: a client could
/// not tell from the reply which method the path takes).
void writeNotAllowed(QHttpServerResponder& responder, ReplyForm form, const QString& path, Allowed allowed) {
    const ApiError error{405,
                         QStringLiteral("%1 accepts %2 requests only.")
                             .arg(shownClientText(path), QLatin1String(allowed.words)),
                         QStringLiteral("invalid_request_error"), {}, QStringLiteral("method_not_allowed")};
    writeJson(responder, form, errorJson(error),
              {{QByteArrayLiteral("Content-Type"), kJson}, {QByteArrayLiteral("Allow"), QByteArray(allowed.header)}},
              Status(error.status));
}

// A Content-Length header that is no number of bytes: "abc", "-5", "2, 2", or more digits than any body has. Qt's
// parser read such a header as no body, so the POST was answered "The body of the request is empty" with its JSON
// sent after the header (session 50's trial); said as what it is instead. Up to 18 digits: any length fits a qint64.
std::optional<ApiError> badContentLength(const QHttpServerRequest& request) {
    const QByteArray length = request.value(QByteArrayLiteral("Content-Length")).trimmed();
    static const QRegularExpression digits(QStringLiteral("^[0-9]{1,18}$"));
    if (length.isEmpty() || digits.match(QString::fromLatin1(length)).hasMatch()) return std::nullopt;
    return ApiError{400,
                    QStringLiteral("The request's Content-Length header, '%1', is not a number of bytes: send it as "
                                   "the body's size in bytes, or leave it to the HTTP library.")
                        .arg(shownClientText(QString::fromLatin1(length))),
                    QStringLiteral("invalid_request_error"), {}, QStringLiteral("bad_content_length")};
}

// The Host header names this machine's loopback: a web page whose name resolves to 127.0.0.1 (DNS rebinding) would
// send its own name, so it cannot use the server from a browser.
bool loopbackHost(const QByteArray& host) {
    QByteArray name = host.trimmed().toLower();
    if (name.startsWith('[')) name = name.left(name.indexOf(']') + 1);  // [::1]:port
    else if (const qsizetype colon = name.lastIndexOf(':'); colon >= 0) name = name.left(colon);
    return name == "127.0.0.1" || name == "localhost" || name == "[::1]";
}

QString randomHex() {
    return QString::number(QRandomGenerator::global()->generate64(), 16).rightJustified(16, QLatin1Char('0'));
}

QString newCompletionId(ApiKind kind) {
    switch (kind) {
    case ApiKind::Chat: return QStringLiteral("chatcmpl-") + randomHex();
    case ApiKind::Completion: return QStringLiteral("cmpl-") + randomHex();
    case ApiKind::Response: break;
    }
    return QStringLiteral("resp_") + randomHex() + randomHex();  // 128 bits: a client cannot guess another's
}

// An id newCompletionId(Response) may have minted: "resp_" and 32 lowercase hex digits. Anything else is not looked up.
bool mintedResponseId(const QString& id) {
    if (id.size() != 37 || !id.startsWith(QLatin1String("resp_"))) return false;
    for (qsizetype i = 5; i < id.size(); ++i)
        if (!((id[i] >= u'0' && id[i] <= u'9') || (id[i] >= u'a' && id[i] <= u'f'))) return false;
    return true;
}

// A path /v1/models/{model} (or /models/{model}), as sent: the model's name, one non-empty path segment decoded
// (a file's name may hold a blank: "My%20model"). nullopt for another path.
std::optional<QString> modelPathName(const QString& path) {
    for (const QLatin1String prefix : {QLatin1String("/v1/models/"), QLatin1String("/models/")})
        if (path.startsWith(prefix)) {
            const QString segment = path.mid(prefix.size());
            if (segment.isEmpty() || segment.contains(QLatin1Char('/'))) return std::nullopt;
            return QUrl::fromPercentEncoding(segment.toUtf8());
        }
    return std::nullopt;
}

// OpenAI's answer to a model it does not have (404 model_not_found), with the one this server has.
ApiError modelNotFound(const QString& name, const QString& loaded) {
    return ApiError{404,
                    QStringLiteral("The model '%1' does not exist: this server serves '%2' (GET /v1/models lists it).")
                        .arg(shownClientText(name), shownClientText(loaded)),
                    QStringLiteral("invalid_request_error"), QStringLiteral("model"),
                    QStringLiteral("model_not_found")};
}

// A path under /v1/responses/{id} (or /responses/{id}), as sent (percent-encoded): the id, one non-empty path segment
// decoded, and what follows it — "", "input_items" or "cancel". nullopt for another path (a deeper one, another word
// after the id). Split before it is decoded: an id's "%2F" is a character of it, not a "/" that made
// "/v1/responses/ID%2Finput_items" a GET of ID's input items (session 49's trial).
struct KeptResponsePath {
    QString id;
    QString route;
};
std::optional<KeptResponsePath> keptResponsePath(const QString& path) {
    for (const QLatin1String prefix : {QLatin1String("/v1/responses/"), QLatin1String("/responses/")})
        if (path.startsWith(prefix)) {
            const QStringList segments = path.mid(prefix.size()).split(QLatin1Char('/'));
            if (segments.size() > 2 || segments[0].isEmpty()) return std::nullopt;
            if (segments.size() == 2 && segments[1] != QLatin1String("input_items") &&
                segments[1] != QLatin1String("cancel"))
                return std::nullopt;
            return KeptResponsePath{QUrl::fromPercentEncoding(segments[0].toUtf8()),
                                    segments.size() == 2 ? segments[1] : QString()};
        }
    return std::nullopt;
}

// The paths answered as they are, without a parameter (the /v1 ones and the same without /v1).
bool fixedPath(const QString& path) {
    static const QStringList paths = {QStringLiteral("/models"), QStringLiteral("/chat/completions"),
                                      QStringLiteral("/completions"), QStringLiteral("/responses")};
    return paths.contains(path.startsWith(QLatin1String("/v1/")) ? path.mid(3) : path);
}

// The path a request is routed by: its target's as the request line sent it (Qt's parser read "//v1/models" as the
// authority "v1" and the path "/models", and "//x/v1/models" as "/v1/models"), each run of '/' read as one, as nginx
// reads them by default (merge_slashes): "/v1//chat/completions" — a base URL that ends in '/' joined to a path that
// begins with one — is "/v1/chat/completions", as "//v1/chat/completions" is (until session 58 the first was a 404
// and the second was served as "/chat/completions"). An encoded slash, %2F, is a character, not merged. `sent` as
// the request line wrote it: `path` decoded as Qt decodes one, `encoded` percent-encoded.
struct RequestPath {
    QString sent, path, encoded;
};
RequestPath requestPath(const QHttpServerRequest& request, const QByteArray& target) {
    // Origin form ("/v1/models?x"), as clients send; any other (absolute form, "http://127.0.0.1/v1/models") as Qt
    // read it.
    QByteArray raw = target.startsWith('/') ? target : QByteArray();
    if (const qsizetype end = raw.indexOf('?'); end >= 0) raw.truncate(end);
    if (const qsizetype end = raw.indexOf('#'); end >= 0) raw.truncate(end);
    if (raw.isEmpty()) raw = request.url().path(QUrl::FullyEncoded).toUtf8();
    QByteArray merged;
    merged.reserve(raw.size());
    for (const char c : raw)
        if (c != '/' || !merged.endsWith('/')) merged.append(c);
    const QUrl url = QUrl::fromEncoded(merged);
    return RequestPath{QUrl::fromPercentEncoding(raw), url.path(), url.path(QUrl::FullyEncoded)};
}

// The Host fields RFC 9112 §3.2 answers with a 400: none in an HTTP/1.1 request, more than one in any.
std::optional<ApiError> badHostFields(const ApiConnectionGuard::HandedOver& sent) {
    if (sent.hostFields > 1)
        return ApiError{400,
                        QStringLiteral("The request has %1 Host header fields; an HTTP request has one (RFC 9112 "
                                       "§3.2): 'Host: 127.0.0.1'.")
                            .arg(sent.hostFields),
                        QStringLiteral("invalid_request_error"), {}, QStringLiteral("bad_host")};
    if (sent.hostFields == 0 && sent.http11)
        return ApiError{400,
                        QStringLiteral("An HTTP/1.1 request must have a Host header field (RFC 9112 §3.2): send "
                                       "'Host: 127.0.0.1'."),
                        QStringLiteral("invalid_request_error"), {}, QStringLiteral("bad_host")};
    return std::nullopt;
}

// A POST body's media type must be application/json, in any case and with any parameters ("; charset=utf-8"): a web
// page can post a form's types to 127.0.0.1 without asking, never this one. Until session 58 any type that began
// with it passed ("application/jsonx").
std::optional<ApiError> notJson(const QByteArray& contentType) {
    const qsizetype semicolon = contentType.indexOf(';');
    if ((semicolon < 0 ? contentType : contentType.left(semicolon)).trimmed().toLower() == kJson) return std::nullopt;
    const QString sent = contentType.trimmed().isEmpty()
                             ? QStringLiteral("The request has no Content-Type")
                             : QStringLiteral("The request's Content-Type is '%1'")
                                   .arg(shownClientText(QString::fromLatin1(contentType.trimmed())));
    return ApiError{415,
                    sent + QStringLiteral(": send the request as JSON, with the header 'Content-Type: "
                                          "application/json'."),
                    QStringLiteral("invalid_request_error"), {}, QStringLiteral("unsupported_media_type")};
}

ApiError notFound(const RequestPath& target) {
    QString message = QStringLiteral("Unknown request URL: %1. ").arg(shownClientText(target.sent));
    // A known path with a '/' after it ("/v1/models/"): a 404, as OpenAI answers it (its libraries never send one),
    // that says which path is meant.
    QString without = target.encoded;
    while (without.size() > 1 && without.endsWith(QLatin1Char('/'))) without.chop(1);
    if (without != target.encoded && (fixedPath(without) || modelPathName(without) || keptResponsePath(without)))
        message += QStringLiteral("Send it without the trailing '/': %1. ")
                       .arg(shownClientText(QUrl::fromPercentEncoding(without.toUtf8())));
    message += QStringLiteral("This server answers GET /v1/models, GET /v1/models/{model}, POST /v1/chat/completions, "
                              "POST /v1/completions, POST /v1/responses, GET or DELETE /v1/responses/{id}, "
                              "GET /v1/responses/{id}/input_items and POST /v1/responses/{id}/cancel.");
    return ApiError{404, message, QStringLiteral("invalid_request_error"), {}, QStringLiteral("unknown_url")};
}

}  // namespace

ApiServer::ApiServer(InferenceWorker& worker, QString host, QObject* parent)
    : QObject(parent), worker_(worker), host_(std::move(host)) {
    connect(&worker_, &InferenceWorker::apiDelta, this, &ApiServer::onDelta);
    connect(&worker_, &InferenceWorker::apiChoiceEnded, this, &ApiServer::onChoiceEnded);
    connect(&worker_, &InferenceWorker::apiFinished, this, &ApiServer::onFinished);
    connect(&worker_, &InferenceWorker::apiFailed, this, &ApiServer::onFailed);
    // The load that modelChanging() announced is over (either way): the model there is now is served.
    connect(&worker_, &InferenceWorker::modelLoaded, this, [this] { modelChanging_ = false; });
    connect(&worker_, &InferenceWorker::modelLoadFailed, this, [this] { modelChanging_ = false; });
    connect(this, &ApiServer::stateChanged, this, &ApiServer::failureTextChanged);
}

ApiServer::~ApiServer() { stop(); }

bool ApiServer::start(quint16 port) {
    stop();
    error_.clear();
    failure_.clear();
    triedPort_ = port;
    if (const QString problem = reservedPortProblem(port); !problem.isEmpty()) {
        error_ = problem;
        failure_ = QStringLiteral("reservedPort");
        emit stateChanged();
        return false;
    }
    auto http = std::make_unique<ApiHttpServer>(*this);
    // Our own QTcpServer, so that a port in use is said in words (QAbstractHttpServer::listen only returns 0), and
    // each connection is guarded (api_connection_guard.h). A guard that would write inside a reply still being
    // written on its connection leaves it to that reply to close the connection.
    auto* tcp = new ApiTcpServer(http.get(), [this](QTcpSocket* socket) {
        for (auto& [id, p] : pending_)
            if (p.socket == socket) {
                p.closeAfter = true;
                return true;
            }
        return false;
    });
    tcp->setParent(http.get());
    if (!tcp->listen(QHostAddress::LocalHost, port)) {
        error_ = tcp->errorString();
        failure_ = tcp->serverError() == QAbstractSocket::AddressInUseError ? QStringLiteral("portInUse")
                   : tcp->serverError() == QAbstractSocket::SocketAccessError ? QStringLiteral("noPermission")
                                                                              : QStringLiteral("other");
        emit stateChanged();
        return false;
    }
    port_ = tcp->serverPort();
    triedPort_ = port_;
    http->bind(tcp);
    tcp->pauseWhenShort();
    http_ = std::move(http);
    emit stateChanged();
    return true;
}

// One rule for the server and for what Settings, --set apiPort and --api-port take (session 55: the port field went
// from 1, --api-port said "from 1 to 65535" while the server refused below 1024).
static_assert(ApiServer::kLowestPort == AppSettings::kLowestApiPort);

QString ApiServer::reservedPortProblem(int port) {
    if (port == 0 || port >= kLowestPort) return {};
    return QStringLiteral("port %1 is below %2, where the system's services listen: choose a port from %2 to 65535")
        .arg(port)
        .arg(kLowestPort);
}

QString ApiServer::failureText(PortFrom from) const {
    if (isListening() || failure_.isEmpty()) return {};
    return failureTextOf(failure_, triedPort_, error_, from);
}

QString ApiServer::failureTextOf(const QString& failure, int port, const QString& error, PortFrom from) {
    // A port --api-port gave is changed there, not in Settings (session 52's trial: "Choose another port in Settings"
    // of a port given on the command line). The option early in the sentence: the banner broke the line at its hyphen
    // ("--api-" / "port") where it ended the sentence.
    const bool option = from == PortFrom::Option;
    QString text;
    if (failure == QLatin1String("portInUse"))
        text = option ? tr("The local API server is not serving: port %1 (--api-port) is in use by another program. "
                           "Start again with another port.")
                      : tr("The local API server is not serving: port %1 is in use by another program. Choose another "
                           "port in Settings.");
    else if (failure == QLatin1String("reservedPort"))
        return (option ? tr("The local API server is not serving: port %1 (--api-port) is below %2, where the "
                            "system's services listen. Start again with a port from %2 to 65535.")
                       : tr("The local API server is not serving: port %1 is below %2, where the system's services "
                            "listen. Choose a port from %2 to 65535 in Settings."))
            .arg(port)
            .arg(kLowestPort);
    else if (failure == QLatin1String("noPermission"))
        // A port from kLowestPort up (those below are "reservedPort"): the system's own rule, a security policy for
        // one, not administrator rights; "a port above 1023" was the advice of a port below 1024.
        text = option ? tr("The local API server is not serving: port %1 (--api-port) is refused by the system, as a "
                           "security policy may keep it from programs like this one. Start again with another port.")
                      : tr("The local API server is not serving: port %1 is refused by the system, as a security "
                           "policy may keep it from programs like this one. Choose another port in Settings.");
    else
        return tr("The local API server is not serving on port %1: %2").arg(port).arg(error);
    return text.arg(port);
}

void ApiServer::stop() {
    // Each request still open is answered before its connection closes: 503 "server_stopped" (in a stream that began,
    // an error event). Before, the window's Settings switch, `rwkv-cli serve`'s SIGTERM or quitting the app closed it
    // with no reply at all (session 47's trial: curl's code 000, a stream without its end). The message names the
    // program that runs the server: `rwkv-cli serve`'s clients were told "RWKV Desktop closed it" (session 51's trial).
    std::vector<quint64> ids;
    for (const auto& [id, p] : pending_) ids.push_back(id);
    const QString message = QStringLiteral("The server stopped before this reply was finished (%1 stopped serving or "
                                           "quit); send the request again once it is back.")
                                .arg(host_);
    for (quint64 id : ids)
        fail(id, ApiError{503, message, QStringLiteral("server_error"), {}, QStringLiteral("server_stopped")});
    const bool was = http_ != nullptr || !failure_.isEmpty();
    http_.reset();  // its QTcpServer and every connection's socket are its children
    port_ = 0;
    // A server turned off has no failure left to show: Settings said "Not serving: port … in use" under an unchecked
    // box otherwise (session 48's trial, with --api-port's port taken).
    failure_.clear();
    error_.clear();
    if (was) emit stateChanged();
}

void ApiServer::modelChanging() {
    modelChanging_ = true;
    std::vector<quint64> ids;
    for (const auto& [id, p] : pending_) ids.push_back(id);
    // Named as stop()'s message names it: the program that runs the server (host_), not always the app.
    const QString message = QStringLiteral("%1 changed its model while this reply was written.").arg(host_);
    for (quint64 id : ids)
        fail(id, ApiError{503, message, QStringLiteral("server_error"), {}, QStringLiteral("model_changed")});
}

std::optional<ApiError> ApiServer::unavailable() const {
    if (modelChanging_)
        return ApiError{503, QStringLiteral("%1 is loading a model; try again once it is loaded.").arg(host_),
                        QStringLiteral("server_error"), {}, QStringLiteral("model_loading")};
    if (worker_.apiModelName().isEmpty())
        return ApiError{503, QStringLiteral("No model is loaded in RWKV Desktop: load one in its window first."),
                        QStringLiteral("server_error"), {}, QStringLiteral("model_not_loaded")};
    return std::nullopt;
}

void ApiServer::handle(const QHttpServerRequest& request, QTcpSocket* socket) {
    // HTTP/1.1 answers the requests of a connection in their order (RFC 9112 §9.3.2). Qt hands over a request sent
    // right behind another (pipelined: two in one TCP write) at once, and a reply the worker writes comes later: the
    // second (a GET /v1/models, say) was answered before the first (session 55's loose ends). A request that comes
    // while a reply on its connection is still being written is left unanswered, and that reply closes the connection
    // ("Connection: close"): a client retries the requests a closed connection left unanswered (RFC 9112 §9.3.2).
    ApiConnectionGuard* guard = ApiConnectionGuard::of(socket);
    const ApiConnectionGuard::HandedOver sent = guard ? guard->requestHandedOver() : ApiConnectionGuard::HandedOver{};
    for (auto& [id, p] : pending_)
        if (p.socket == socket) {
            p.closeAfter = true;
            return;
        }
    // HEAD is answered wherever GET is, as GET would be but without the body (RFC 9110 §9.3.2): a HEAD of
    // /v1/models was a 405 with a JSON body, which no HEAD reply carries (session 55's trial2). Any other reply to a
    // HEAD (a 404, a 405) has no body either.
    route(request, socket, sent, ReplyForm{request.method() == QHttpServerRequest::Method::Head, sent.close});
    // "Connection: close" or HTTP/1.0 (RFC 9112 §9.6): the connection ends once the reply is out. Before session 57 it
    // stayed open, and a client that reads to the end of the connection waited for ever. A reply still to be written
    // closes it itself (closeAfter).
    if (sent.close && !replyOpen(socket)) endConnection(socket);
}

void ApiServer::endConnection(QTcpSocket* socket) {
    if (ApiConnectionGuard* guard = ApiConnectionGuard::of(socket)) guard->endAfterReply();
    else socket->disconnectFromHost();
}

bool ApiServer::replyOpen(const QTcpSocket* socket) const {
    for (const auto& [id, p] : pending_)
        if (p.socket == socket) return true;
    return false;
}

void ApiServer::route(const QHttpServerRequest& request, QTcpSocket* socket, const ApiConnectionGuard::HandedOver& sent,
                      ReplyForm head) {
    auto owned = std::make_unique<QHttpServerResponder>(ApiHttpServer::responderFor(request, socket));
    QHttpServerResponder& responder = *owned;
    const auto method = head.headOnly ? QHttpServerRequest::Method::Get : request.method();
    // RFC 9112 §3.2: an HTTP/1.1 request without Host, or any with more than one, is a 400 (a 403 forbidden_host
    // until session 58, as of a Host that names another computer). An HTTP/1.0 request need not send one: without
    // it, nothing says it was meant for this computer, and it is the 403 below.
    if (const std::optional<ApiError> error = badHostFields(sent)) return writeError(responder, head, *error);
    if (!loopbackHost(request.value(QByteArrayLiteral("Host")))) {
        writeError(responder, head,
                   ApiError{403, QStringLiteral("This server answers requests to 127.0.0.1 or localhost only."),
                            QStringLiteral("invalid_request_error"), {}, QStringLiteral("forbidden_host")});
        return;
    }
    // Methods are case-sensitive (RFC 9110 §9.1): "get" is none that Qt knows. A method the server does not know is a
    // 501 (§15.6.2), not the 405 of a path that takes others, which it was until session 57.
    if (request.method() == QHttpServerRequest::Method::Unknown)
        return writeError(responder, head, notImplemented(sent.method));
    if (const std::optional<ApiError> error = badContentLength(request)) return writeError(responder, head, *error);
    const RequestPath target = requestPath(request, sent.target);
    const QString& path = target.path;
    if (path == QLatin1String("/v1/models") || path == QLatin1String("/models")) {
        if (method != QHttpServerRequest::Method::Get) return writeNotAllowed(responder, head, path, kGetOnly);
        writeJson(responder, head,
                  modelsJson(modelChanging_ ? QString() : worker_.apiModelName(), QDateTime::currentSecsSinceEpoch()),
                  {{QByteArrayLiteral("Content-Type"), kJson}});
        return;
    }
    // OpenAI's "retrieve model" (client.models.retrieve): a 404 before session 55's trial, as an unknown URL.
    if (const std::optional<QString> name = modelPathName(target.encoded)) {
        if (method != QHttpServerRequest::Method::Get) return writeNotAllowed(responder, head, path, kGetOnly);
        // None loaded, or one loading: the 503 a completion gets (a client that checks its model first waits too).
        if (const std::optional<ApiError> error = unavailable()) return writeError(responder, head, *error);
        const QString loaded = worker_.apiModelName();
        if (*name != loaded) return writeError(responder, head, modelNotFound(*name, loaded));
        return writeJson(responder, head, modelJson(loaded, QDateTime::currentSecsSinceEpoch()),
                         {{QByteArrayLiteral("Content-Type"), kJson}});
    }
    if (const std::optional<KeptResponsePath> kept = keptResponsePath(target.encoded)) {
        if (kept->route == QLatin1String("input_items")) {
            if (method != QHttpServerRequest::Method::Get)
                return writeNotAllowed(responder, head, path, kGetOnly);
            return handleInputItems(kept->id, request, head, responder);
        }
        if (kept->route == QLatin1String("cancel")) {
            if (method != QHttpServerRequest::Method::Post)
                return writeNotAllowed(responder, head, path, kPostOnly);
            // No body is read and nothing changes (none can be cancelled): no JSON Content-Type is asked for.
            const bool known = mintedResponseId(kept->id) &&
                               (worker_.apiResponse(kept->id) || keptResponseBeingWritten(kept->id) != nullptr);
            return writeError(responder, head, known ? responseNotCancellable(kept->id) : responseNotFound(kept->id));
        }
        if (method != QHttpServerRequest::Method::Get && method != QHttpServerRequest::Method::Delete)
            return writeNotAllowed(responder, head, path, kGetOrDelete);
        return handleKeptResponse(kept->id, method == QHttpServerRequest::Method::Delete, head, responder);
    }
    std::optional<ApiKind> kind;
    if (path == QLatin1String("/v1/chat/completions") || path == QLatin1String("/chat/completions"))
        kind = ApiKind::Chat;
    else if (path == QLatin1String("/v1/completions") || path == QLatin1String("/completions"))
        kind = ApiKind::Completion;
    else if (path == QLatin1String("/v1/responses") || path == QLatin1String("/responses"))
        kind = ApiKind::Response;
    if (!kind) return writeError(responder, head, notFound(target));
    if (method != QHttpServerRequest::Method::Post) return writeNotAllowed(responder, head, path, kPostOnly);
    if (request.body().size() > kMaxBodyBytes)
        return writeError(responder, head, ApiError{413,
                                              QStringLiteral("The request body holds %1 bytes; at most %2 are accepted.")
                                                  .arg(request.body().size())
                                                  .arg(kMaxBodyBytes),
                                              QStringLiteral("invalid_request_error"), {},
                                              QStringLiteral("request_too_large")});
    // A web page can send a form's types without asking (no CORS preflight), never application/json.
    if (const std::optional<ApiError> error = notJson(request.value(QByteArrayLiteral("Content-Type"))))
        return writeError(responder, head, *error);
    handleCompletion(*kind, request, socket, head, std::move(owned));
}

void ApiServer::handleKeptResponse(const QString& id, bool drop, ReplyForm head, QHttpServerResponder& responder) {
    const bool minted = mintedResponseId(id);  // any other text is never looked up
    if (!drop) {
        if (const std::optional<QByteArray> json = minted ? worker_.apiResponse(id) : std::nullopt)
            return writeJson(responder, head, *json, {{QByteArrayLiteral("Content-Type"), kJson}});
    } else if (minted && worker_.deleteApiResponse(id)) {
        return writeJson(responder, head, responseDeletedJson(id), {{QByteArrayLiteral("Content-Type"), kJson}});
    }
    // Not kept yet: one still being written (kept once the worker has finished it, looked up first above).
    if (const Pending* p = minted ? keptResponseBeingWritten(id) : nullptr) {
        if (drop) return writeError(responder, head, responseInProgress(id));
        return writeJson(responder, head, responseInProgressJson(p->job.ids, p->job.request),
                               {{QByteArrayLiteral("Content-Type"), kJson}});
    }
    writeError(responder, head, responseNotFound(id));
}

const ApiServer::Pending* ApiServer::keptResponseBeingWritten(const QString& id) const {
    for (const auto& [jobId, p] : pending_)
        if (p.job.request.kind == ApiKind::Response && p.job.request.response.store && p.job.ids.id == id) return &p;
    return nullptr;
}

void ApiServer::handleInputItems(const QString& id, const QHttpServerRequest& request, ReplyForm head,
                                 QHttpServerResponder& responder) {
    std::optional<QJsonArray> items;
    if (mintedResponseId(id)) {  // any other text is never looked up
        items = worker_.apiResponseInputItems(id);
        if (!items)  // not kept yet: one still being written has its items already
            if (const Pending* p = keptResponseBeingWritten(id)) items = p->job.request.response.inputItems;
    }
    if (!items) return writeError(responder, head, responseNotFound(id));
    const auto query = parseItemsQuery(request.query());
    if (const auto* error = std::get_if<ApiError>(&query)) return writeError(responder, head, *error);
    const auto list = inputItemsListJson(*items, std::get<ApiItemsQuery>(query));
    if (const auto* error = std::get_if<ApiError>(&list)) return writeError(responder, head, *error);
    writeJson(responder, head, std::get<QByteArray>(list), {{QByteArrayLiteral("Content-Type"), kJson}});
}

void ApiServer::handleCompletion(ApiKind kind, const QHttpServerRequest& request, QTcpSocket* socket, ReplyForm form,
                                 std::unique_ptr<QHttpServerResponder> responder) {
    auto parsed = kind == ApiKind::Chat         ? parseChatRequest(request.body())
                  : kind == ApiKind::Completion ? parseCompletionRequest(request.body())
                                                : parseResponseRequest(request.body());
    if (auto* error = std::get_if<ApiError>(&parsed)) return writeError(*responder, form, *error);
    if (auto error = unavailable()) return writeError(*responder, form, *error);

    const quint64 id = nextId_++;
    Pending& p = pending_[id];
    p.job.id = id;
    p.job.request = std::move(std::get<ApiRequest>(parsed));
    p.job.paceMs = paceMs_;
    p.job.ids = ApiReplyIds{newCompletionId(kind), QDateTime::currentSecsSinceEpoch(), worker_.apiModelName()};
    if (kind == ApiKind::Response) {
        p.job.messageId = QStringLiteral("msg_") + randomHex() + randomHex();
        // Its input items' ids, as OpenAI gives each item one (GET /v1/responses/{id}/input_items pages by them).
        QJsonArray& items = p.job.request.response.inputItems;
        for (qsizetype i = 0; i < items.size(); ++i) {
            QJsonObject item = items.at(i).toObject();
            item.insert(QStringLiteral("id"), QStringLiteral("msg_") + randomHex() + randomHex());
            items.replace(i, item);
        }
    }
    p.socket = socket;
    p.closeAfter = form.close;
    p.stream = p.job.request.stream;
    p.responder = std::move(responder);
    // A client that goes away stops its reply within a token (or forgets it while it waits its turn).
    p.disconnected = connect(socket, &QTcpSocket::disconnected, this, [this, id] {
        if (auto it = pending_.find(id); it != pending_.end()) {
            it->second.job.cancel->store(true);
            forget(id);
        }
    });
    if (p.stream && kind == ApiKind::Response)
        p.events.emplace(p.job.ids, p.job.messageId, p.job.request);
    else if (p.stream)  // the headers (and a chat's role) go out at once; the reply may wait behind a chat turn
        beginStream(p);
    QMetaObject::invokeMethod(&worker_, [worker = &worker_, job = p.job] { worker->runApiCompletion(job); },
                              Qt::QueuedConnection);
}

void ApiServer::beginStream(Pending& p) {
    if (p.headersSent) return;
    p.headersSent = true;
    p.responder->writeStatusLine(Status::Ok);
    p.responder->writeHeaders({{QByteArrayLiteral("Content-Type"), QByteArrayLiteral("text/event-stream")},
                               {QByteArrayLiteral("Cache-Control"), QByteArrayLiteral("no-cache")},
                               {QByteArrayLiteral("Connection"), QByteArrayLiteral("close")}});
    if (p.events)
        p.responder->writeBody(p.events->begin());
    else if (p.job.request.kind == ApiKind::Chat)  // a completion's chunks carry no role
        for (int i = 0; i < p.job.request.choices; ++i) p.responder->writeBody(firstChunk(p.job.ids, i));
}

void ApiServer::onDelta(quint64 jobId, int choice, const QString& text) {
    const auto it = pending_.find(jobId);
    if (it == pending_.end() || !it->second.stream || !it->second.socket) return;
    Pending& p = it->second;
    beginStream(p);
    switch (p.job.request.kind) {
    case ApiKind::Chat: p.responder->writeBody(textChunk(p.job.ids, text, choice)); break;
    case ApiKind::Completion: p.responder->writeBody(textCompletionChunk(p.job.ids, text, false, false, choice)); break;
    case ApiKind::Response: p.responder->writeBody(p.events->delta(text)); break;
    }
    // A client that stops reading but stays connected: its unread chunks piled up here until max_tokens (session 58's
    // trial: ~0.45 MB/s, a stream of max_tokens 1,048,576 never read), and it held the one worker meanwhile. Past
    // kMaxUnreadBytes it is taken as a client gone: its reply stops within a token and its connection is aborted.
    if (p.socket->bytesToWrite() > kMaxUnreadBytes) {
        const QPointer<QTcpSocket> socket = p.socket;
        p.job.cancel->store(true);
        forget(jobId);
        if (socket) socket->abort();
    }
}

void ApiServer::onChoiceEnded(quint64 jobId, int choice, bool lengthLimit) {
    const auto it = pending_.find(jobId);
    if (it == pending_.end() || !it->second.stream || !it->second.socket) return;
    Pending& p = it->second;
    const ApiKind kind = p.job.request.kind;
    if (kind == ApiKind::Response || choice < 0 || choice >= p.job.request.choices) return;
    beginStream(p);
    p.responder->writeBody(kind == ApiKind::Chat ? lastChunk(p.job.ids, lengthLimit, choice)
                                                 : textCompletionChunk(p.job.ids, {}, true, lengthLimit, choice));
    p.choiceEnded.resize(std::size_t(p.job.request.choices), false);
    p.choiceEnded[std::size_t(choice)] = true;
}

void ApiServer::onFinished(quint64 jobId, const rwkv::app::ApiOutcome& outcome) {
    const auto it = pending_.find(jobId);
    if (it == pending_.end()) return;
    Pending& p = it->second;
    if (p.socket) {
        const ApiKind kind = p.job.request.kind;
        if (p.stream && kind == ApiKind::Response) {
            beginStream(p);
            p.responder->writeBody(
                p.events->end(outcome.choices.front().text, outcome.choices.front().lengthLimit, outcome.usage));
        } else if (p.stream) {
            QByteArray tail;  // each choice's finish reason (index i) not sent as it ended, then the usage and [DONE]
            for (std::size_t i = 0; i < outcome.choices.size(); ++i) {
                if (i < p.choiceEnded.size() && p.choiceEnded[i]) continue;
                const bool lengthLimit = outcome.choices[i].lengthLimit;
                tail += kind == ApiKind::Chat ? lastChunk(p.job.ids, lengthLimit, int(i))
                                              : textCompletionChunk(p.job.ids, {}, true, lengthLimit, int(i));
            }
            if (p.job.request.includeUsage) tail += usageChunk(p.job.ids, outcome.usage, kind);
            p.responder->writeBody(tail + doneEvent());
        } else {
            const QByteArray body =
                kind == ApiKind::Chat         ? completionJson(p.job.ids, outcome.choices, outcome.usage)
                : kind == ApiKind::Completion ? textCompletionJson(p.job.ids, outcome.choices, outcome.usage)
                                              : outcome.response;  // as it is kept for GET /v1/responses/{id}
            if (p.closeAfter)
                p.responder->write(body, {{QByteArrayLiteral("Content-Type"), kJson},
                                          {QByteArrayLiteral("Connection"), QByteArrayLiteral("close")}});
            else
                p.responder->write(body, {{QByteArrayLiteral("Content-Type"), kJson}});
        }
    }
    forget(jobId);
}

void ApiServer::onFailed(quint64 jobId, const rwkv::app::ApiError& error) { fail(jobId, error); }

void ApiServer::fail(quint64 jobId, const ApiError& error) {
    const auto it = pending_.find(jobId);
    if (it == pending_.end()) return;
    Pending& p = it->second;
    p.job.cancel->store(true);
    if (p.socket) {
        if (p.stream && p.headersSent)
            p.responder->writeBody(p.events ? p.events->error(error) : errorEvent(error));
        else if (p.closeAfter)  // another request came behind it (handle()): the connection ends with this reply
            p.responder->write(errorJson(error),
                               {{QByteArrayLiteral("Content-Type"), kJson},
                                {QByteArrayLiteral("Connection"), QByteArrayLiteral("close")}},
                               Status(error.status));
        else
            writeError(*p.responder, error);  // before a stream began: a plain error with its status
        p.socket->flush();  // out now: stop() destroys the connections right after
    }
    forget(jobId);
}

void ApiServer::forget(quint64 jobId) {
    const auto it = pending_.find(jobId);
    if (it == pending_.end()) return;
    Pending p = std::move(it->second);
    pending_.erase(it);
    disconnect(p.disconnected);
    // A stream has no length: its end is the connection's. A reply with a request behind it ends it too (handle()),
    // as one whose request asked for it. What the client sent behind it is read and dropped, never answered after
    // the reply: a GET pipelined behind a short stream was at times answered after its [DONE], inside the stream's
    // body, or reset the connection, unread (session 57's trial).
    if (p.socket && ((p.stream && p.headersSent) || p.closeAfter)) endConnection(p.socket);
}

}  // namespace rwkv::app
