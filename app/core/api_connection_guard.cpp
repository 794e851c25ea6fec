// api_connection_guard.cpp — a connection's request heads read before Qt's parser reads them (api_connection_guard.h).
#include "api_connection_guard.h"

#include <QTcpSocket>

#include <algorithm>
#include <utility>

namespace rwkv::app {
namespace {

// What Qt's parser skips before a request line (what a previous request may have left).
bool blankBeforeRequest(char c) { return c == '\r' || c == '\n' || c == ' ' || c == '\t' || c == '\v'; }

}  // namespace

ApiConnectionGuard::ApiConnectionGuard(QTcpSocket* socket, QObject* parser, std::function<bool()> replyOpen)
    : QObject(socket), socket_(socket), parser_(parser), replyOpen_(std::move(replyOpen)) {
    connect(socket_, &QTcpSocket::readyRead, this, &ApiConnectionGuard::onReadyRead);
}

ApiConnectionGuard* ApiConnectionGuard::of(QTcpSocket* socket) {
    return socket ? socket->findChild<ApiConnectionGuard*>(QString(), Qt::FindDirectChildrenOnly) : nullptr;
}

QByteArray ApiConnectionGuard::requestHandedOver() {
    // What Qt has not read yet begins the next request: the next readyRead reads it from the read position (Qt reads
    // it then too, not before).
    head_.clear();
    headDone_ = false;
    return std::exchange(method_, {});
}

void ApiConnectionGuard::onReadyRead() {
    if (headDone_) return;  // a body: Qt's
    // Qt's parser reads all of it after this (it has read everything before), unless it hands a request over first:
    // then it stops there, and what it left is the next request's beginning (requestHandedOver). A head's worth is
    // enough to read here (and a byte after it: whether its body came with it).
    scan(socket_->peek(std::min<qint64>(socket_->bytesAvailable(), kMaxHeadBytes + 8 - head_.size())));
}

void ApiConnectionGuard::scan(QByteArrayView bytes) {
    if (headDone_) return;
    qsizetype i = 0;
    if (head_.isEmpty()) {
        while (i < bytes.size() && blankBeforeRequest(bytes[i])) ++i;
        if (i == bytes.size()) return;
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
    if (end < 0) return;
    headEnded(end, end < head_.size() || taken < bytes.size() - i);
}

void ApiConnectionGuard::headEnded(qsizetype end, bool bodyHere) {
    headDone_ = true;
    head_.truncate(end);
    const QList<QByteArray> lines = head_.split('\n');
    const QByteArray requestLine = lines.front().trimmed();
    method_ = requestLine.left(requestLine.indexOf(' '));
    bool expectContinue = false, body = false;
    for (qsizetype k = 1; k < lines.size(); ++k) {
        const QByteArray line = lines[k].trimmed();
        const qsizetype colon = line.indexOf(':');
        if (line.isEmpty() || colon < 0) continue;
        const QByteArray name = line.left(colon).trimmed().toLower(), value = line.mid(colon + 1).trimmed().toLower();
        if (name == "expect") expectContinue = value == "100-continue";
        else if (name == "content-length") body = value.toLongLong() > 0;
        else if (name == "transfer-encoding") body = value.contains("chunked");
    }
    // RFC 9110 §10.1.1: a client that asks for it waits for "100 Continue" (curl: 1 s) before it sends the body; an
    // HTTP/1.0 request's Expect is ignored. None is sent when the body is on its way already.
    if (expectContinue && body && !bodyHere && requestLine.endsWith("HTTP/1.1") && !replyOpen_())
        socket_->write(QByteArrayLiteral("HTTP/1.1 100 Continue\r\n\r\n"));
}

}  // namespace rwkv::app
