// api_connection_guard.h — what the local API server (api_server.h) reads of a connection's bytes before Qt
// HttpServer 6.4's request parser does: each request's head (request line and header fields), so that
//   - a head that says "Expect: 100-continue" is answered "100 Continue" at once (RFC 9110 §10.1.1): Qt 6.4 never sends
//     it, and a client that asks for it waits for it before it sends the body (curl: 1 s);
//   - a head over kMaxHeadBytes, or with more than kMaxHeaderFields fields, is a 431 saying the limit (RFC 6585 §5);
//     Qt's parser dropped every header of it, so it was the 403 "forbidden_host" of a request without Host;
//   - a body over the server's limit (ApiServer::kMaxBodyBytes) is a 413 before it comes, by its Content-Length; one
//     sent in chunks (Transfer-Encoding: chunked), whose length no header says, once twice the limit has come (below
//     that the server's own check says its exact size): Qt's parser kept all of a body in memory before the server's
//     check, so a client grew the process as far as it sent (session 58's trial2: Content-Length 1.2 GB, 3.6 GB of
//     RSS; chunked, 315 MB in 2 s, no reply);
//   - bytes that do not begin a request — a TLS ClientHello (0x16) sent to this plain-HTTP port, `curl https://` — are
//     a 400 at once; Qt's parser waited for a line end that never came, until the client gave up.
// A refusal is written as the server's other errors (JSON, docs/api.md "Errors"), Qt's parser is cut off from the
// connection, and the connection is closed once the client has read it (what it sends on is read and dropped).
#pragma once

#include <QByteArray>
#include <QObject>

#include <functional>

class QTcpSocket;

namespace rwkv::app {

struct ApiError;

class ApiConnectionGuard : public QObject {
    Q_OBJECT
public:
    /// A request's head (its request line and header fields, their line ends included) is at most this long.
    static constexpr qsizetype kMaxHeadBytes = 64 * 1024;
    /// A request has at most this many header fields: Qt's parser (QHttpHeaderParser) reads no more.
    static constexpr int kMaxHeaderFields = 100;

    /// Watches `socket` (its child from now on). Made before Qt's server connects its parser to the socket's readyRead
    /// (QTcpServer::incomingConnection), so that each new byte is read here first. `parser`: the object Qt's parser is
    /// connected through (the QAbstractHttpServer), cut off from the socket at a refusal. `replyOpen`: whether a reply
    /// on this connection is still being written — then nothing is written here (a "100 Continue" or an error would
    /// land inside it): that reply must close the connection, and the request is left unanswered.
    ApiConnectionGuard(QTcpSocket* socket, QObject* parser, std::function<bool()> replyOpen);

    /// The guard of `socket`, or null.
    static ApiConnectionGuard* of(QTcpSocket* socket);
    /// What the head of a request handed over to ApiServer::handle said, as far as the server needs it.
    struct HandedOver {
        QByteArray method;  ///< its method as the request line sent it ("get"); empty when no head was read
        /// The connection ends after its reply (RFC 9112 §9.3, §9.6): "Connection: close", or an HTTP/1.0 request
        /// (whose "keep-alive" this server does not honour).
        bool close = false;
        /// Its request target as the request line sent it ("/v1//models?x=1"): Qt's parser reads one that begins
        /// with "//" as a URL's authority ("//v1/models" as the path "/models").
        QByteArray target;
        bool http11 = false;  ///< its request line says HTTP/1.1, which must send one Host (RFC 9112 §3.2)
        int hostFields = 0;   ///< how many Host header fields it has
    };
    /// Qt has handed over the request whose head was read last (ApiServer::handle): returns what its head said; the
    /// bytes Qt has not read yet begin the next request.
    HandedOver requestHandedOver();
    /// The reply written last is the connection's last (a stream's end, "Connection: close", a request behind it):
    /// Qt's parser reads no more of it (a request sent behind the reply is left unanswered, never written after it),
    /// what the client sends on is read and dropped, the sending side is shut once the reply is out, and the
    /// connection ends when the client closes its side, or kLingerMs later (RFC 9112 §9.6). Closed at once instead, a
    /// request unread here reset the connection (RST), and the client could lose the end of the reply.
    void endAfterReply();
    /// How long a connection that endAfterReply() ended waits for the client to close its side.
    static constexpr int kLingerMs = 5000;

private:
    void onReadyRead();
    /// Reads `bytes` as the next bytes of the current request's head (ignored once the head has ended).
    void scan(QByteArrayView bytes);
    /// The head is head_'s first `end` bytes; `bodyHere`: bytes after it have come already.
    void headEnded(qsizetype end, bool bodyHere);
    /// Answers `error` (Connection: close) and ends the connection once the client has read it; Qt's parser is cut off.
    void refuse(const ApiError& error);

    QTcpSocket* socket_;
    QObject* parser_;
    std::function<bool()> replyOpen_;
    QByteArray head_;            ///< the current request's head so far (leading line ends before it skipped)
    bool headDone_ = false;      ///< its end was read: what follows is its body, until the request is handed over
    HandedOver read_;            ///< what its head said (method, close, target, version, Host fields)
    bool chunked_ = false;       ///< its body comes in chunks: no header says its length
    qint64 bodyBytes_ = 0;       ///< the bytes of such a body come so far (its chunks' framing included)
    qint64 leftByParser_ = 0;    ///< the bytes Qt's parser left unread at the end of the last readyRead
    bool watchingParser_ = false;
    bool refused_ = false;
    bool ending_ = false;        ///< endAfterReply() was called
};

}  // namespace rwkv::app
