// unix_signals.cpp — see unix_signals.h. The handler only writes one byte to a socket (async-signal-safe);
// the GUI thread reads it and quits the event loop.
#include "unix_signals.h"

#include <QCoreApplication>
#include <QSocketNotifier>

#include <csignal>
#include <sys/socket.h>
#include <unistd.h>

namespace rwkv::gui {
namespace {

int g_fds[2] = {-1, -1};

void onSignal(int) {
    const char c = 1;
    [[maybe_unused]] const auto n = ::write(g_fds[0], &c, 1);
}

}  // namespace

bool quitOnTerminationSignals() {
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, g_fds) != 0) return false;
    auto* notifier = new QSocketNotifier(g_fds[1], QSocketNotifier::Read, QCoreApplication::instance());
    QObject::connect(notifier, &QSocketNotifier::activated, QCoreApplication::instance(), [notifier] {
        notifier->setEnabled(false);
        char c;
        [[maybe_unused]] const auto n = ::read(g_fds[1], &c, 1);
        QCoreApplication::exit(0);  // not quit(): in Qt 6 that closes the windows first, and a window may ask (Main.qml)
    });
    struct sigaction sa = {};
    sa.sa_handler = onSignal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART;
    for (int sig : {SIGTERM, SIGINT, SIGHUP}) ::sigaction(sig, &sa, nullptr);
    return true;
}

}  // namespace rwkv::gui
