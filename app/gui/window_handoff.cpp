// window_handoff.cpp — see window_handoff.h.
#include "window_handoff.h"

#include <QCryptographicHash>
#include <QDir>
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
    const QByteArray path = QDir(dataDir).absolutePath().toUtf8();
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
