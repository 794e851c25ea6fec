// window_handoff.cpp — see window_handoff.h.
#include "window_handoff.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QLocalServer>
#include <QLocalSocket>
#include <QTextStream>
#include <QWindow>

namespace rwkv::gui {
namespace {
constexpr char kAsk[] = "bring forward\n";
constexpr char kAnswer[] = "forward\n";
}  // namespace

QString handoffName(const QString& dataDir) {
    // The canonical path: a folder named through a symlink, "..", or with a trailing slash is the same folder, and
    // its lock (a file inside it) already says so (session 56's loose ends: `--data-dir L/` with L -> D asked a socket
    // no one listened on, and exited 1). A folder not there yet keeps its absolute path.
    const QString canonical = QFileInfo(dataDir).canonicalFilePath();
    const QByteArray path = (canonical.isEmpty() ? QDir(dataDir).absolutePath() : canonical).toUtf8();
    return QStringLiteral("rwkv-desktop-") +
           QString::fromLatin1(QCryptographicHash::hash(path, QCryptographicHash::Sha256).toHex().left(16));
}

WindowHandoff::WindowHandoff(const QString& dataDir, QObject* parent)
    : QObject(parent), server_(new QLocalServer(this)) {
    const QString name = handoffName(dataDir);
    QLocalServer::removeServer(name);  // one left by a killed app: this one holds the folder now
    server_->setSocketOptions(QLocalServer::UserAccessOption);
    if (!server_->listen(name)) return;
    connect(server_, &QLocalServer::newConnection, this, [this] {
        while (QLocalSocket* socket = server_->nextPendingConnection()) {
            connect(socket, &QLocalSocket::disconnected, socket, &QObject::deleteLater);
            connect(socket, &QLocalSocket::readyRead, this, [this, socket] {
                if (!socket->canReadLine() || socket->readLine() != kAsk) return;
                if (window_) {
                    if (window_->windowState() & Qt::WindowMinimized) window_->showNormal();
                    window_->raise();
                    window_->requestActivate();
                }
                socket->write(kAnswer);
                socket->flush();
                QTextStream(stdout) << "window brought forward: a second start asked" << Qt::endl;
            });
        }
    });
}

bool WindowHandoff::listening() const { return server_->isListening(); }

bool askToBringForward(const QString& dataDir, int timeoutMs) {
    QLocalSocket socket;
    socket.connectToServer(handoffName(dataDir));
    if (!socket.waitForConnected(timeoutMs)) return false;
    socket.write(kAsk);
    if (!socket.waitForBytesWritten(timeoutMs)) return false;
    while (!socket.canReadLine())
        if (!socket.waitForReadyRead(timeoutMs)) return false;
    return socket.readLine() == kAnswer;
}

}  // namespace rwkv::gui
