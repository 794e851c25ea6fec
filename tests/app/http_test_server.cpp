// tests/app/http_test_server.cpp — the loopback HTTP/1.1 test server (see http_test_server.h).
#include "http_test_server.h"

#include <QTcpSocket>
#include <QTimer>

#include <memory>

namespace {

constexpr qint64 kPiece = 64 * 1024;

const char* reason(int status) {
    switch (status) {
    case 200: return "OK";
    case 206: return "Partial Content";
    case 301: return "Moved Permanently";
    case 302: return "Found";
    case 307: return "Temporary Redirect";
    case 308: return "Permanent Redirect";
    case 404: return "Not Found";
    case 416: return "Range Not Satisfiable";
    default: return "Status";
    }
}

// Sends a body slice, honouring the drop and trickle switches, then closes (or aborts) the connection.
struct BodyPump {
    QTcpSocket* socket = nullptr;
    QByteArray body;
    qint64 pos = 0;
    qint64 stopAt = 0;   // body.size(), or the drop point
    int trickle = 0;
    bool silent = false;  // at stopAt: stay connected and send nothing (a server gone quiet)
    QTimer* timer = nullptr;

    void pump(bool fromTimer) {
        if (!socket || socket->state() != QAbstractSocket::ConnectedState)
            return;
        if (trickle > 0 && !fromTimer && pos < stopAt)
            return;  // trickled pieces go out on the timer only
        if (pos >= stopAt) {
            if (socket->bytesToWrite() > 0)
                return;  // wait for bytesWritten
            if (timer)
                timer->stop();
            if (silent && stopAt < body.size())
                return;  // the client gives up on its own (its stall timeout)
            // A drop closes gracefully after exactly stopAt bytes (an abort's RST could make the client
            // discard bytes already sent, which would make the drop point vary).
            socket->disconnectFromHost();
            socket = nullptr;
            return;
        }
        if (trickle > 0) {
            const qint64 n = qMin<qint64>(trickle, stopAt - pos);
            socket->write(body.constData() + pos, n);
            pos += n;
            return;
        }
        while (pos < stopAt && socket->bytesToWrite() < 4 * kPiece) {
            const qint64 n = qMin(kPiece, stopAt - pos);
            socket->write(body.constData() + pos, n);
            pos += n;
        }
    }
};

}  // namespace

HttpTestServer::HttpTestServer(const QHostAddress& address, QObject* parent) : QObject(parent), address_(address) {
    connect(&server_, &QTcpServer::newConnection, this, &HttpTestServer::onNewConnection);
}

bool HttpTestServer::listen() { return server_.listen(address_, 0); }

QUrl HttpTestServer::url(const QByteArray& path) const {
    return QUrl(QStringLiteral("http://%1:%2%3")
                    .arg(address_.toString())
                    .arg(server_.serverPort())
                    .arg(QString::fromLatin1(path)));
}

void HttpTestServer::setFile(const QByteArray& path, const QByteArray& body, const QByteArray& contentType) {
    files_[path] = body;
    contentTypes_[path] = contentType;
}

void HttpTestServer::addRedirect(const QByteArray& path, int status, const QByteArray& location,
                                 const QMap<QByteArray, QByteArray>& headers) {
    redirects_[path] = Redirect{status, location, headers};
}

void HttpTestServer::onNewConnection() {
    while (QTcpSocket* socket = server_.nextPendingConnection()) {
        auto buffer = std::make_shared<QByteArray>();
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        connect(socket, &QTcpSocket::readyRead, this, [this, socket, buffer] {
            buffer->append(socket->readAll());
            const qsizetype end = buffer->indexOf("\r\n\r\n");
            if (end < 0)
                return;
            const QList<QByteArray> lines = buffer->left(end).split('\n');
            buffer->clear();
            SeenRequest request;
            const QList<QByteArray> first = lines.value(0).trimmed().split(' ');
            request.method = first.value(0);
            request.path = first.value(1);
            for (qsizetype i = 1; i < lines.size(); ++i) {
                const qsizetype colon = lines[i].indexOf(':');
                if (colon > 0)
                    request.headers.insert(lines[i].left(colon).trimmed().toLower(), lines[i].mid(colon + 1).trimmed());
            }
            requests.append(request);
            respond(socket, request);
        });
    }
}

void HttpTestServer::respond(QTcpSocket* socket, const SeenRequest& request) {
    QByteArray head;
    const auto line = [&head](const QByteArray& name, const QByteArray& value) {
        head += name + ": " + value + "\r\n";
    };
    const QByteArray path = request.path.left(request.path.indexOf('?') < 0 ? request.path.size()
                                                                            : request.path.indexOf('?'));
    if (redirects_.contains(path)) {
        const Redirect& r = redirects_[path];
        head = "HTTP/1.1 " + QByteArray::number(r.status) + ' ' + reason(r.status) + "\r\n";
        line("Location", r.location);
        for (auto it = r.headers.begin(); it != r.headers.end(); ++it)
            line(it.key(), it.value());
        line("Content-Length", "0");
        line("Connection", "close");
        socket->write(head + "\r\n");
        socket->disconnectFromHost();
        return;
    }
    if (!files_.contains(path)) {
        socket->write("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        socket->disconnectFromHost();
        return;
    }
    const QByteArray& file = files_[path];
    const qint64 size = file.size();
    qint64 start = 0;
    int status = 200;
    const QByteArray range = request.header("Range");
    const bool ifRangeOk = !request.has("If-Range") || request.header("If-Range") == etag;
    if (honourRange && ifRangeOk && range.startsWith("bytes=") && range.endsWith('-')) {
        start = range.mid(6, range.size() - 7).toLongLong();
        if (start >= size) {
            head = "HTTP/1.1 416 Range Not Satisfiable\r\nContent-Range: bytes */" + QByteArray::number(size) +
                   "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
            socket->write(head);
            socket->disconnectFromHost();
            return;
        }
        status = 206;
    }
    head = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reason(status) + "\r\n";
    line("Content-Type", contentTypes_.value(path));
    line("Content-Length", QByteArray::number(size - start));
    if (status == 206)
        line("Content-Range", "bytes " + QByteArray::number(start) + '-' + QByteArray::number(size - 1) + '/' +
                                  QByteArray::number(size));
    line("Accept-Ranges", "bytes");
    line("ETag", etag);
    line("Connection", "close");
    socket->write(head + "\r\n");

    auto pump = std::make_shared<BodyPump>();
    pump->socket = socket;
    pump->body = file.mid(start);
    pump->stopAt = pump->body.size();
    if (dropTimes > 0 && dropAfterBytes >= 0 && dropAfterBytes < pump->stopAt) {
        --dropTimes;
        pump->stopAt = dropAfterBytes;
        pump->silent = dropBySilence;
    }
    pump->trickle = trickleBytes;
    connect(socket, &QTcpSocket::bytesWritten, socket, [pump] { pump->pump(false); });
    if (trickleBytes > 0) {
        pump->timer = new QTimer(socket);
        connect(pump->timer, &QTimer::timeout, socket, [pump] { pump->pump(true); });
        pump->timer->start(trickleIntervalMs);
    }
    pump->pump(trickleBytes > 0 ? false : true);
}
