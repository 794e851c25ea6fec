// api_tcp_server.h — the local API server's listening socket (ApiServer's, api_server.h): each connection guarded
// (api_connection_guard.h) before Qt's HTTP parser reads it, and accepting paused while the process is short of file
// descriptors. tests/app/test_api_connections.cpp; docs/api.md, "Threading and limits".
#pragma once

#include <QPointer>
#include <QSocketNotifier>
#include <QTcpServer>
#include <QTimer>

#include <functional>

class QTcpSocket;

namespace rwkv::app {

/// Listens for the server: each connection gets its ApiConnectionGuard before Qt's parser is connected to it, so that
/// the guard reads each new byte first.
///
/// Accepting pauses while the process is short of file descriptors (kHeadroom left, under `ulimit -n`), and resumes
/// once they are there again: Qt's accept fails with EMFILE as a "temporary" error, which leaves its notifier on, so
/// with the limit reached and a client waiting it called accept again and again (session 57's trial: 100 idle
/// connections under `ulimit -n 64`, `rwkv-cli serve` at 60 % CPU, answering none of them). A client that comes
/// meanwhile waits in the listen backlog; the connections open are answered as before. Looked at after each
/// connection taken, and when a client comes — before Qt's accept, whose listening notifier this server filters:
/// descriptors the rest of the program takes (a model's file, the database, a download) leave none for an accept just
/// as connections do (until session 58 that spin came back then, until they were given back). While accepting is
/// paused, every kWatchMs until descriptors are back; else no timer runs (session 58's watch ran every kWatchMs for
/// as long as the server listened: 4 wakeups a second of an idle window or `rwkv-cli serve`, session 59).
class ApiTcpServer final : public QTcpServer {
public:
    /// File descriptors kept free for the rest of the program (its database, a model's file) and the next accept.
    static constexpr int kHeadroom = 8;
    /// How often the descriptors left are looked at while accepting is paused. Opening and closing kHeadroom
    /// descriptors of /dev/null: microseconds.
    static constexpr int kWatchMs = 250;

    /// `parser`: Qt's HTTP server, which each connection's guard hands the bytes it let through; `replyOpen(socket)`:
    /// whether a reply is still being written on `socket` (its guard then leaves closing it to that reply).
    ApiTcpServer(QObject* parser, std::function<bool(QTcpSocket*)> replyOpen);
    /// Called once Qt's server is bound to this one and listens: the check runs after Qt has taken each new connection
    /// (taking it, QTcpServer::nextPendingConnection turns accepting back on, paused or not), and before Qt accepts a
    /// client that comes (an event filter on the listening socket's notifier). Where that notifier is not found (a Qt
    /// that makes it otherwise), every kWatchMs while listening, as in session 58.
    void pauseWhenShort();
    /// A client waits to be accepted: with fewer than kHeadroom descriptors left, accepting pauses before Qt's accept
    /// fails (EMFILE, "temporary": its notifier would stay on and fire again at once), and the event is taken.
    bool eventFilter(QObject* watched, QEvent* event) override;

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    /// Pauses accepting while fewer than kHeadroom descriptors are left, watching every kWatchMs for them to come
    /// back, else resumes it and stops watching (Qt's pause and resume are idempotent: they only turn its listening
    /// socket's notifier off or on). Whether accepting goes on.
    bool acceptWhileDescriptorsLeft();
    /// Whether kHeadroom more file descriptors can be opened now.
    static bool descriptorsLeft();

    QObject* parser_;
    std::function<bool(QTcpSocket*)> replyOpen_;
    QTimer watch_{this};  // a child: a test counts its timer events (test_api_connections::idleServerSetsNoTimer)
    QPointer<QSocketNotifier> listening_;  // Qt's notifier of the listening socket, filtered
};

}  // namespace rwkv::app
