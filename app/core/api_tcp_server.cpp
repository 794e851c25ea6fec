// api_tcp_server.cpp — the listening socket: connections guarded, accepting paused while descriptors are short.
#include "api_tcp_server.h"

#include <QEvent>
#include <QTcpSocket>

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>

#include "api_connection_guard.h"

namespace rwkv::app {

ApiTcpServer::ApiTcpServer(QObject* parser, std::function<bool(QTcpSocket*)> replyOpen)
    : parser_(parser), replyOpen_(std::move(replyOpen)) {
    watch_.setInterval(kWatchMs);
    connect(&watch_, &QTimer::timeout, this, [this] { acceptWhileDescriptorsLeft(); });
}

void ApiTcpServer::pauseWhenShort() {
    connect(this, &QTcpServer::newConnection, this, [this] { acceptWhileDescriptorsLeft(); });
    for (QSocketNotifier* notifier : findChildren<QSocketNotifier*>())
        if (notifier->socket() == socketDescriptor() && notifier->type() == QSocketNotifier::Read) {
            notifier->installEventFilter(this);
            listening_ = notifier;
        }
    if (!listening_) watch_.start();
}

bool ApiTcpServer::eventFilter(QObject* watched, QEvent* event) {
    if (watched != listening_ || event->type() != QEvent::SockAct) return false;
    return !acceptWhileDescriptorsLeft();
}

void ApiTcpServer::incomingConnection(qintptr descriptor) {
    auto* socket = new QTcpSocket(this);
    if (!socket->setSocketDescriptor(descriptor)) {
        delete socket;
        return;
    }
    new ApiConnectionGuard(socket, parser_, [open = replyOpen_, socket] { return open(socket); });
    addPendingConnection(socket);  // Qt's server takes it and connects its parser
}

bool ApiTcpServer::acceptWhileDescriptorsLeft() {
    if (!isListening()) {
        watch_.stop();
        return false;
    }
    if (descriptorsLeft()) {
        resumeAccepting();
        if (listening_) watch_.stop();
        return true;
    }
    pauseAccepting();
    if (!watch_.isActive()) watch_.start();
    return false;
}

bool ApiTcpServer::descriptorsLeft() {
    int probe[kHeadroom];
    int opened = 0;
    while (opened < kHeadroom && (probe[opened] = ::open("/dev/null", O_RDONLY | O_CLOEXEC)) >= 0) ++opened;
    const bool shortOfThem = opened < kHeadroom && (errno == EMFILE || errno == ENFILE);
    for (int i = 0; i < opened; ++i) ::close(probe[i]);
    return !shortOfThem;
}

}  // namespace rwkv::app
