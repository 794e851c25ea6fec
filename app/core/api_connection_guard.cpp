// api_connection_guard.cpp — a connection's request heads read before Qt's parser reads them (api_connection_guard.h).
#include "api_connection_guard.h"

#include <QTcpSocket>
#include <QTimer>

#include <sys/socket.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <utility>

#include "api_request.h"
#include "api_server.h"

namespace rwkv::app {
namespace {

// A byte that may begin a method: RFC 9110 §5.6.2's tchar.
bool tokenChar(unsigned char c) {
    return std::isalnum(c) || (c != 0 && std::strchr("!#$%&'*+-.^_`|~", c) != nullptr);
}

// What Qt's parser skips before a request line (what a previous request may have left).
bool blankBeforeRequest(char c) { return c == '\r' || c == '\n' || c == ' ' || c == '\t' || c == '\v'; }

QByteArray reasonPhrase(int status) {
    switch (status) {
    case 400: return QByteArrayLiteral("Bad Request");
    case 413: return QByteArrayLiteral("Content Too Large");
    case 431: return QByteArrayLiteral("Request Header Fields Too Large");
    default: return QByteArrayLiteral("Error");
    }
}

ApiError notHttp(unsigned char firstByte, quint16 port) {
    if (firstByte == 0x16)  // a TLS record of the handshake: a ClientHello
        return ApiError{400,
                        QStringLiteral("This server speaks plain HTTP, not HTTPS: the connection began with a TLS "
                                       "handshake. Send the request to http://127.0.0.1:%1/v1, not https://.")
                            .arg(port),
                        QStringLiteral("invalid_request_error"), {}, QStringLiteral("not_http")};
    return ApiError{400,
                    QStringLiteral("The connection's first byte, 0x%1, begins no HTTP request: a request begins with "
                                   "its method (GET, POST, …).")
                        .arg(uint(firstByte), 2, 16, QLatin1Char('0')),
                    QStringLiteral("invalid_request_error"), {}, QStringLiteral("not_http")};
}

ApiError headTooLarge(const QString& what) {
    return ApiError{431, what, QStringLiteral("invalid_request_error"), {},
                    QStringLiteral("request_header_fields_too_large")};
}

}  // namespace

ApiConnectionGuard::ApiConnectionGuard(QTcpSocket* socket, QObject* parser, std::function<bool()> replyOpen)
    : QObject(socket), socket_(socket), parser_(parser), replyOpen_(std::move(replyOpen)) {
    connect(socket_, &QTcpSocket::readyRead, this, &ApiConnectionGuard::onReadyRead);
}

ApiConnectionGuard* ApiConnectionGuard::of(QTcpSocket* socket) {
    return socket ? socket->findChild<ApiConnectionGuard*>(QString(), Qt::FindDirectChildrenOnly) : nullptr;
}

ApiConnectionGuard::HandedOver ApiConnectionGuard::requestHandedOver() {
    // What Qt has not read yet begins the next request: the next readyRead reads it from the read position (Qt reads
    // it then too, not before).
    head_.clear();
    headDone_ = false;
    chunked_ = false;
    bodyBytes_ = 0;
    return std::exchange(read_, {});
}

void ApiConnectionGuard::onReadyRead() {
    if (refused_) {  // what the client sends after a refusal is dropped
        socket_->readAll();
        return;
    }
    if (!watchingParser_) {
        // Connected now, after Qt's parser (connected once the socket was handed over): what it left unread at the end
        // of each readyRead, so that the bytes that came with the next one are known.
        watchingParser_ = true;
        connect(socket_, &QTcpSocket::readyRead, this, [this] { leftByParser_ = socket_->bytesAvailable(); });
    }
    if (headDone_) {  // a body: Qt's, but one sent in chunks only up to a limit
        if (chunked_) {
            bodyBytes_ += std::max<qint64>(0, socket_->bytesAvailable() - leftByParser_);
            if (bodyBytes_ > 2 * ApiServer::kMaxBodyBytes)
                refuse(ApiError{413,
                                QStringLiteral("The request body, sent in chunks, is over %1 bytes already; at most %2 "
                                               "are accepted.")
                                    .arg(bodyBytes_)
                                    .arg(ApiServer::kMaxBodyBytes),
                                QStringLiteral("invalid_request_error"), {}, QStringLiteral("request_too_large")});
        }
        return;
    }
    // Qt's parser reads all of it after this (it has read everything before), unless it hands a request over first:
    // then it stops there, and what it left is the next request's beginning (requestHandedOver). A head's worth is
    // enough to read here (and a byte after it: whether its body came with it).
    scan(socket_->peek(std::min<qint64>(socket_->bytesAvailable(), kMaxHeadBytes + 8 - head_.size())));
}

void ApiConnectionGuard::scan(QByteArrayView bytes) {
    if (headDone_ || refused_) return;
    qsizetype i = 0;
    if (head_.isEmpty()) {
        while (i < bytes.size() && blankBeforeRequest(bytes[i])) ++i;
        if (i == bytes.size()) return;
        if (!tokenChar(static_cast<unsigned char>(bytes[i])))
            return refuse(notHttp(static_cast<unsigned char>(bytes[i]), socket_->localPort()));
    }
    const qsizetype before = head_.size();
    const qsizetype room = kMaxHeadBytes + 4 - before;  // enough to see where a head of the limit ends
    const qsizetype taken = std::min(bytes.size() - i, room);
    head_.append(bytes.sliced(i, taken));
    // Where the head ends, as Qt's parser finds it: a blank line after a line end ("\n\r\n" or "\n\n").
    const qsizetype from = std::max<qsizetype>(0, before - 2);
    const qsizetype crlf = head_.indexOf("\n\r\n", from), lf = head_.indexOf("\n\n", from);
    qsizetype end = -1;
    if (crlf >= 0 && (lf < 0 || crlf < lf)) end = crlf + 3;
    else if (lf >= 0) end = lf + 2;
    if (end < 0) {
        if (head_.size() > kMaxHeadBytes)
            refuse(headTooLarge(QStringLiteral("The request's head (its request line and header fields) is over %1 "
                                               "bytes; this server reads at most %1. Send large data in the body.")
                                    .arg(kMaxHeadBytes)));
        return;
    }
    headEnded(end, end < head_.size() || taken < bytes.size() - i);
}

void ApiConnectionGuard::headEnded(qsizetype end, bool bodyHere) {
    headDone_ = true;
    head_.truncate(end);
    if (end > kMaxHeadBytes)
        return refuse(headTooLarge(QStringLiteral("The request's head (its request line and header fields) is %1 bytes; "
                                                  "this server reads at most %2. Send large data in the body.")
                                       .arg(end)
                                       .arg(kMaxHeadBytes)));
    const QList<QByteArray> lines = head_.split('\n');
    const QByteArray requestLine = lines.front().trimmed();
    const QList<QByteArray> words = requestLine.split(' ');
    read_ = HandedOver{words.front(), false, words.size() > 1 ? words[1] : QByteArray(),
                       requestLine.endsWith("HTTP/1.1"), 0};
    int fields = 0;
    bool expectContinue = false, body = false;
    qint64 length = 0;
    // HTTP/1.0 closes after each reply unless "keep-alive" is honoured, which it is not here (RFC 9112 §9.3).
    read_.close = requestLine.endsWith("HTTP/1.0");
    for (qsizetype k = 1; k < lines.size(); ++k) {
        const QByteArray line = lines[k].trimmed();
        const qsizetype colon = line.indexOf(':');
        if (line.isEmpty() || colon < 0) continue;
        ++fields;
        const QByteArray name = line.left(colon).trimmed().toLower(), value = line.mid(colon + 1).trimmed().toLower();
        if (name == "host") ++read_.hostFields;
        else if (name == "expect") expectContinue = value == "100-continue";
        else if (name == "content-length") body = (length = value.toLongLong()) > 0;
        else if (name == "transfer-encoding") body = chunked_ = value.contains("chunked");
        else if (name == "connection")  // a list of options, any of them "close" (RFC 9110 §7.6.1)
            for (const QByteArray& option : value.split(','))
                if (option.trimmed() == "close") read_.close = true;
    }
    if (fields > kMaxHeaderFields)
        return refuse(headTooLarge(QStringLiteral("The request has %1 header fields; this server reads at most %2.")
                                       .arg(fields)
                                       .arg(kMaxHeaderFields)));
    // A body over the limit is refused before it comes: Qt's parser kept all of it first (session 58's trial2: a
    // Content-Length of 1.2 GB, sent in 5 s, grew the process to 3.6 GB of RSS before the 413).
    if (length > ApiServer::kMaxBodyBytes && !chunked_)
        return refuse(ApiError{413,
                               QStringLiteral("The request body holds %1 bytes; at most %2 are accepted.")
                                   .arg(length)
                                   .arg(ApiServer::kMaxBodyBytes),
                               QStringLiteral("invalid_request_error"), {}, QStringLiteral("request_too_large")});
    // RFC 9110 §10.1.1: a client that asks for it waits for "100 Continue" (curl: 1 s) before it sends the body; an
    // HTTP/1.0 request's Expect is ignored. None is sent when the body is on its way already.
    if (expectContinue && body && !bodyHere && requestLine.endsWith("HTTP/1.1") && !replyOpen_())
        socket_->write(QByteArrayLiteral("HTTP/1.1 100 Continue\r\n\r\n"));
}

void ApiConnectionGuard::refuse(const ApiError& error) {
    refused_ = true;
    head_.clear();
    // Qt's parser reads no more of this connection: its slot, connected after this guard's, is not called for the
    // readyRead being emitted either (a slot disconnected during an emission is skipped).
    QObject::disconnect(socket_, &QTcpSocket::readyRead, parser_, nullptr);
    if (socket_->isTransactionStarted()) socket_->commitTransaction();
    socket_->readAll();
    // A reply still being written on this connection: nothing goes in the middle of it; it closes the connection.
    if (replyOpen_()) return;
    const QByteArray body = errorJson(error);
    socket_->write("HTTP/1.1 " + QByteArray::number(error.status) + ' ' + reasonPhrase(error.status) +
                   "\r\nContent-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size()) +
                   "\r\nConnection: close\r\n\r\n" + body);
    // Closed at once, what the client still sent (a 200 KB head) unread here would reset the connection.
    endAfterReply();
}

void ApiConnectionGuard::endAfterReply() {
    if (ending_) return;
    ending_ = true;
    refused_ = true;  // what comes from now on is read and dropped (onReadyRead)
    QObject::disconnect(socket_, &QTcpSocket::readyRead, parser_, nullptr);
    if (socket_->isTransactionStarted()) socket_->commitTransaction();
    socket_->readAll();
    // The sending side is shut once the reply is out; the connection ends when the client closes its side.
    const auto shutWhenWritten = [socket = socket_] {
        if (socket->bytesToWrite() == 0) ::shutdown(int(socket->socketDescriptor()), SHUT_WR);
    };
    connect(socket_, &QTcpSocket::bytesWritten, this, shutWhenWritten);
    socket_->flush();
    shutWhenWritten();
    QTimer::singleShot(kLingerMs, socket_, [socket = socket_] { socket->abort(); });  // a client that never closes
}

}  // namespace rwkv::app
