// test_api_connections.cpp — when the local API server (the demo model, api_server_fixture.h) ends a connection, and
// how it keeps serving when it cannot take more (session 57's loose ends), over raw sockets (raw_http.h):
// "Connection: close" and HTTP/1.0 end the connection after the reply; a request behind a stream that ended is not
// answered inside the stream's body; out of file descriptors — taken by its connections or, since session 58, by the
// rest of the program —, the server neither spins nor stops answering, and it wakes for no timer unless it is so (since
// session 59); a client that stops reading its stream is let go.
#include <QDir>
#include <QElapsedTimer>
#include <QHostAddress>
#include <QScopeGuard>
#include <QTcpSocket>
#include <QtTest>

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <unistd.h>

#include <cerrno>
#include <memory>
#include <vector>

#include "api_server_fixture.h"
#include "raw_http.h"

using namespace rwkv::app;

namespace {

const QByteArray kChat = R"({"messages":[{"role":"user","content":"Hi"}],"max_tokens":2,"temperature":0})";

QByteArray chatRequest(const QByteArray& body, const QByteArray& extra = {}) {
    return "POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n" + extra +
           "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
}

// The CPU time this process has used (all its threads), in ms.
qint64 cpuMs() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return (qint64(usage.ru_utime.tv_sec) + usage.ru_stime.tv_sec) * 1000 +
           (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1000;
}

// A client's socket, connected (blocking: the kernel completes it from the listen backlog, accepted or not); -1 when
// none could be made. `receiveBuffer` > 0: its SO_RCVBUF, set before connecting (the window it offers).
int rawConnect(quint16 port, int receiveBuffer = 0) {
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) return -1;
    if (receiveBuffer > 0 && ::setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &receiveBuffer, sizeof receiveBuffer) != 0) {
        ::close(fd);
        return -1;
    }
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
        ::close(fd);
        return -1;
    }
    return fd;
}

// Sends `request` on `fd` and waits (running the server's events) for a whole 200 whose body holds `holds` within
// `waitMs`.
bool answered(int fd, const QByteArray& request, const QByteArray& holds, int waitMs) {
    if (::send(fd, request.constData(), size_t(request.size()), MSG_NOSIGNAL) != request.size()) return false;
    QByteArray got;
    return QTest::qWaitFor([&] {
        char buffer[4096];
        const ssize_t n = ::recv(fd, buffer, sizeof buffer, MSG_DONTWAIT);
        if (n > 0) got.append(buffer, n);
        const qsizetype end = got.indexOf("\r\n\r\n");
        if (!got.startsWith("HTTP/1.1 200") || end < 0) return false;
        const RawReply reply{got.left(end), got.mid(end + 4)};
        return reply.body.size() == reply.header("Content-Length").toLongLong() && reply.body.contains(holds);
    }, waitMs);
}

// Sends GET /v1/models on `fd` and waits (running the server's events) for a whole 200 within `waitMs`.
bool modelsAnswered(int fd, int waitMs) {
    return answered(fd, "GET /v1/models HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", "\"list\"", waitMs);
}

// The descriptors a test opened and the file-descriptor limit it found (`before`): closed and set back at the end of
// its scope, whatever the test's outcome.
struct DescriptorsTaken {
    rlimit before{};
    std::vector<int> fds;
    ~DescriptorsTaken() {
        for (int fd : fds)
            if (fd >= 0) ::close(fd);
        setrlimit(RLIMIT_NOFILE, &before);
    }
};

// The timer events delivered on the main thread (the server's) while it is installed on the application: how often
// the process wakes for a timer. Each one's receiver (its class, and its parent's) in `receivers`.
struct TimerEvents : QObject {
    TimerEvents() { QCoreApplication::instance()->installEventFilter(this); }
    ~TimerEvents() override { QCoreApplication::instance()->removeEventFilter(this); }
    bool eventFilter(QObject* receiver, QEvent* event) override {
        if (event->type() == QEvent::Timer) {
            const QObject* parent = receiver->parent();
            receivers << QStringLiteral("%1 of %2").arg(QLatin1String(receiver->metaObject()->className()),
                                                         parent ? QLatin1String(parent->metaObject()->className())
                                                                : QLatin1String("none"));
        }
        return false;
    }
    QStringList receivers;
};

}  // namespace

class TestApiConnections : public QObject, private ApiServerFixture {
    Q_OBJECT
private slots:
    void initTestCase() {
        const QString failed = startServer();
        QVERIFY2(failed.isEmpty(), qPrintable(failed));
    }
    void cleanupTestCase() { stopServer(); }

    // A server that listens and has nothing to do sets no timer: it looks at the file descriptors left when a client
    // comes, and every 250 ms only while accepting is paused for lack of them — then stops once it takes clients
    // again. Until session 59 that look ran every 250 ms for as long as the server listened: 4 wakeups a second of an
    // idle window or `rwkv-cli serve` (6 timer events in 1.5 s here).
    void idleServerSetsNoTimer() {
        const auto idleFor = [](int ms) {
            TimerEvents timers;
            QTest::qWait(ms);
            return timers.receivers;
        };
        QStringList woken = idleFor(1500);
        QVERIFY2(woken.isEmpty(), qPrintable(woken.join(QStringLiteral(", "))));
        const int first = rawConnect(api_->port());
        QVERIFY(first >= 0);
        const auto closeFirst = qScopeGuard([first] { ::close(first); });
        QVERIFY(modelsAnswered(first, kWaitMs));
        woken = idleFor(1000);  // a connection open and idle: none either
        QVERIFY2(woken.isEmpty(), qPrintable(woken.join(QStringLiteral(", "))));

        // Paused for lack of descriptors, the watch runs; once the waiting client is taken, it stops.
        rlimit before{};
        QCOMPARE(getrlimit(RLIMIT_NOFILE, &before), 0);
        const qint64 open = QDir(QStringLiteral("/proc/self/fd")).entryList(QDir::Files | QDir::System).size();
        DescriptorsTaken taken{before, {}};
        rlimit low = before;
        low.rlim_cur = rlim_t(open + 32);
        QCOMPARE(setrlimit(RLIMIT_NOFILE, &low), 0);
        const int waiting = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        QVERIFY(waiting >= 0);
        taken.fds.push_back(waiting);
        const std::size_t takenFrom = taken.fds.size();
        for (int fd; (fd = ::open("/dev/null", O_RDONLY | O_CLOEXEC)) >= 0;) taken.fds.push_back(fd);
        QCOMPARE(errno, EMFILE);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_port = htons(api_->port());
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        QCOMPARE(::connect(waiting, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
        woken = idleFor(1000);
        QVERIFY2(woken.size() >= 2 && woken.size() <= 6, qPrintable(woken.join(QStringLiteral(", "))));
        for (std::size_t i = takenFrom; i < taken.fds.size(); ++i) {  // given back
            ::close(taken.fds[i]);
            taken.fds[i] = -1;
        }
        QVERIFY2(modelsAnswered(waiting, 10000), "the waiting client was not answered once descriptors were free");
        woken = idleFor(1000);
        QVERIFY2(woken.isEmpty(), qPrintable(woken.join(QStringLiteral(", "))));
    }

    // RFC 9112 §9.3 / §9.6: a request that says "Connection: close", or any HTTP/1.0 one, ends the connection after
    // its reply, which says "Connection: close". Before, the connection stayed open: a client that reads the reply to
    // the end of the connection (`GET /v1/models HTTP/1.0` over a raw socket) waited for ever.
    void closeIsHonoured_data() {
        QTest::addColumn<QByteArray>("request");
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("bodyHas");
        const QByteArray models = "GET /v1/models HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n";
        QTest::newRow("HTTP/1.0") << models << 200 << QByteArray("\"object\":\"list\"");
        QTest::newRow("HTTP/1.0 keep-alive (not honoured)")
            << QByteArray("GET /v1/models HTTP/1.0\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n") << 200
            << QByteArray("\"object\":\"list\"");
        QTest::newRow("Connection: close")
            << QByteArray("GET /v1/models HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: Close\r\n\r\n") << 200
            << QByteArray("\"object\":\"list\"");
        QTest::newRow("close among options")
            << QByteArray("GET /v1/models HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: TE, close\r\n\r\n") << 200
            << QByteArray("\"object\":\"list\"");
        QTest::newRow("HEAD") << QByteArray("HEAD /v1/models HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n") << 200
                              << QByteArray();
        QTest::newRow("404") << QByteArray("GET /v2 HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                             << 404 << QByteArray("unknown_url");
        QTest::newRow("completion") << chatRequest(kChat, "Connection: close\r\n") << 200
                                    << QByteArray("\"object\":\"chat.completion\"");
        QTest::newRow("completion's 400")
            << chatRequest(R"({"messages":[]})", "Connection: close\r\n") << 400 << QByteArray("messages");
        // What comes behind it on the connection is not answered (the connection ends with the first reply).
        QTest::newRow("pipelined behind close")
            << QByteArray("GET /v1/models HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n" + models) << 200
            << QByteArray("\"object\":\"list\"");
    }
    void closeIsHonoured() {
        QFETCH(QByteArray, request);
        QFETCH(int, status);
        QFETCH(QByteArray, bodyHas);
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, api_->port());
        QVERIFY(socket.waitForConnected(kWaitMs));
        socket.write(request);
        QByteArray got;
        QVERIFY2(QTest::qWaitFor([&] {
                     got += socket.readAll();
                     return socket.state() == QAbstractSocket::UnconnectedState;
                 }, 10000),
                 "the connection is still open 10 s after: " + got);
        got += socket.readAll();
        const qsizetype end = got.indexOf("\r\n\r\n");
        QVERIFY2(end > 0, got.constData());
        const RawReply reply{got.left(end), got.mid(end + 4)};
        QCOMPARE(reply.status(), status);
        QCOMPARE(reply.header("Connection"), QByteArray("close"));
        if (request.startsWith("HEAD")) {
            QCOMPARE(reply.body, QByteArray());
            QVERIFY(reply.header("Content-Length").toLongLong() > 0);
        } else {
            QCOMPARE(reply.body.size(), reply.header("Content-Length").toLongLong());  // one reply, nothing after it
            QVERIFY2(reply.body.contains(bodyHas), reply.body.constData());
        }
    }

    // HTTP/1.1 without "Connection: close" keeps the connection for the next request.
    void keepAliveStaysOpen() {
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, api_->port());
        QVERIFY(socket.waitForConnected(kWaitMs));
        for (int i = 0; i < 2; ++i) {
            socket.write(chatRequest(kChat));
            const RawReply reply = readRawReply(socket, kWaitMs);
            QVERIFY2(reply.status() == 200 && reply.header("Connection").isEmpty(), reply.head.constData());
        }
        QTest::qWait(200);
        QCOMPARE(socket.state(), QAbstractSocket::ConnectedState);
    }

    // A GET sent on a stream's connection as the stream ends: the stream's connection ends at its [DONE], with a
    // clean close, and the GET is left unanswered (a client retries it). It was at times answered after [DONE],
    // inside the close-delimited SSE body, or its bytes, unread when the connection closed, reset the connection
    // (RST: a client could lose the stream's end) (session 57's trial: a GET pipelined behind a stream of
    // max_tokens 5; 10 resets in 400 such streams of `rwkv-cli serve`). Sent here 0 to 8 ms behind the stream's request,
    // in steps of a quarter of a millisecond, round after round, so that some come as it ends.
    void nothingAfterTheStreamsEnd() {
        const QByteArray stream =
            chatRequest(R"({"messages":[{"role":"user","content":"Hi"}],"max_tokens":5,"stream":true})");
        const QByteArray models = "GET /v1/models HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
        int resets = 0, answered = 0;
        for (int round = 0; round < 96; ++round) {
            const int fd = rawConnect(api_->port());
            QVERIFY(fd >= 0);
            const auto closeFd = qScopeGuard([fd] { ::close(fd); });
            QCOMPARE(::send(fd, stream.constData(), size_t(stream.size()), MSG_NOSIGNAL), stream.size());
            QElapsedTimer sent;
            sent.start();
            while (sent.nsecsElapsed() < qint64(round % 32) * 250'000) QCoreApplication::processEvents();
            ::send(fd, models.constData(), size_t(models.size()), MSG_NOSIGNAL);
            QByteArray got;
            bool reset = false;
            QVERIFY2(QTest::qWaitFor([&] {
                         char buffer[4096];
                         const ssize_t n = ::recv(fd, buffer, sizeof buffer, MSG_DONTWAIT);
                         if (n > 0) got.append(buffer, n);
                         reset = n < 0 && errno == ECONNRESET;
                         return n == 0 || reset;  // the server closed the connection
                     }, kWaitMs),
                     got.constData());
            resets += reset;
            answered += got.count("HTTP/1.1 ") > 1;
            QVERIFY2(got.startsWith("HTTP/1.1 200") && got.contains("data: [DONE]\n\n"), got.constData());
            QVERIFY2(got.endsWith("data: [DONE]\n\n") || reset, got.constData());
        }
        QVERIFY2(resets == 0 && answered == 0,
                 qPrintable(QStringLiteral("of 96 streams, %1 reset, %2 with the GET answered after [DONE]")
                                .arg(resets)
                                .arg(answered)));
    }

    // A client that asks for a long stream and then stops reading, staying connected, is taken as gone once
    // ApiServer::kMaxUnreadBytes of its chunks wait unread in the server: its connection is aborted and the worker
    // serves the next client. Before (session 58's trial2), the unread chunks piled up in the server (~0.45 MB/s) until
    // max_tokens, and the one worker stayed with that reply: the second client here waited for 1,000,000 tokens. The
    // reader's window is kept small (SO_RCVBUF 4 KiB), so that the kernel's buffers hold little of the stream.
    void clientThatStopsReadingIsLetGo() {
        const int slow = rawConnect(api_->port(), 4096);
        QVERIFY(slow >= 0);
        const auto closeSlow = qScopeGuard([slow] { ::close(slow); });
        const QByteArray body = R"({"prompt":"The","max_tokens":1000000,"stream":true,"temperature":1,"seed":5})";
        const QByteArray request = "POST /v1/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                                   "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
        QCOMPARE(::send(slow, request.constData(), size_t(request.size()), MSG_NOSIGNAL), request.size());
        const int next = rawConnect(api_->port());
        QVERIFY(next >= 0);
        const auto closeNext = qScopeGuard([next] { ::close(next); });
        QVERIFY2(answered(next, chatRequest(kChat), "\"choices\"", kWaitMs),
                 "the next client was not answered while the first left its stream unread");
        // Its connection ended (aborted: a reset, which may drop what its buffer held) before the stream's end.
        QByteArray got;
        bool reset = false;
        QVERIFY(QTest::qWaitFor([&] {
            char buffer[4096];
            const ssize_t n = ::recv(slow, buffer, sizeof buffer, MSG_DONTWAIT);
            if (n > 0) got.append(buffer, n);
            reset = n < 0 && errno == ECONNRESET;
            return n == 0 || reset;
        }, kWaitMs));
        QVERIFY2(!got.contains("[DONE]") && (got.isEmpty() || got.startsWith("HTTP/1.1 200")), got.left(300).constData());
    }

    // Out of file descriptors (`ulimit -n`), with clients waiting to be accepted: the server neither spins nor stops
    // answering the connections it has, and takes the waiting ones once descriptors are free again. Qt's accept
    // failed with EMFILE, a "temporary" error that leaves its notifier on: `rwkv-cli serve` under `ulimit -n 64` with
    // 100 idle connections ran at 60 % CPU and answered none (session 57's trial).
    void outOfDescriptorsNeitherSpinsNorStops() {
        rlimit before{};
        QCOMPARE(getrlimit(RLIMIT_NOFILE, &before), 0);
        const qint64 open = QDir(QStringLiteral("/proc/self/fd")).entryList(QDir::Files | QDir::System).size();
        QVERIFY(open > 0);
        DescriptorsTaken taken{before, {}};
        std::vector<int>& clients = taken.fds;
        rlimit low = before;
        low.rlim_cur = rlim_t(open + 24);
        QCOMPARE(setrlimit(RLIMIT_NOFILE, &low), 0);

        clients.push_back(rawConnect(api_->port()));  // accepted and answered: the connection kept through it all
        QVERIFY(clients.back() >= 0);
        QVERIFY(modelsAnswered(clients.front(), kWaitMs));
        while (clients.size() < 22) {  // what is left of the limit, most of them not accepted
            const int fd = rawConnect(api_->port());
            if (fd < 0) break;
            clients.push_back(fd);
        }
        QVERIFY2(clients.size() >= 16, qPrintable(QString::number(clients.size())));
        QTest::qWait(300);  // the server takes what it can

        const qint64 cpuBefore = cpuMs();
        QTest::qWait(1000);
        const qint64 used = cpuMs() - cpuBefore;
        QVERIFY2(used < 300, qPrintable(QStringLiteral("%1 ms of CPU in 1 s while out of descriptors").arg(used)));
        QVERIFY2(modelsAnswered(clients.front(), 10000), "the open connection was not answered");

        // Descriptors free again: the last client, waiting all along, is answered.
        for (std::size_t i = 1; i + 1 < clients.size(); ++i) {
            ::close(clients[i]);
            clients[i] = -1;
        }
        QVERIFY2(modelsAnswered(clients.back(), 10000), "a waiting client was not answered once descriptors were free");
    }

    // Descriptors used up by the rest of the program (a model's file, the database, a download) while the server
    // still accepts: a client that connects then is not accepted (EMFILE), the server does not spin on it, the
    // connections open are answered — a completion too, which opens no descriptor —, and the client is answered once
    // descriptors are free again. Until session 58 the pause was looked at only after a connection was taken: with
    // room left then and the descriptors taken later, Qt's accept failed with EMFILE again and again (the spin of
    // session 57's trial, ~100 % of a core here).
    void descriptorsTakenElsewhereNeitherSpinNorStop() {
        rlimit before{};
        QCOMPARE(getrlimit(RLIMIT_NOFILE, &before), 0);
        const qint64 open = QDir(QStringLiteral("/proc/self/fd")).entryList(QDir::Files | QDir::System).size();
        DescriptorsTaken taken{before, {}};
        std::vector<int>& fds = taken.fds;  // clients and descriptors taken, closed at the end
        rlimit low = before;
        low.rlim_cur = rlim_t(open + 32);
        QCOMPARE(setrlimit(RLIMIT_NOFILE, &low), 0);

        const int first = rawConnect(api_->port());  // accepted with room to spare: the server goes on accepting
        fds.push_back(first);
        QVERIFY(first >= 0);
        QVERIFY(modelsAnswered(first, kWaitMs));
        // A client's socket made now, connected once the descriptors are gone (connect() takes none).
        const int waiting = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        fds.push_back(waiting);
        QVERIFY(waiting >= 0);
        const std::size_t takenFrom = fds.size();
        for (int fd; (fd = ::open("/dev/null", O_RDONLY | O_CLOEXEC)) >= 0;) fds.push_back(fd);
        QCOMPARE(errno, EMFILE);
        QVERIFY(fds.size() - takenFrom > 8);  // the server's headroom taken too
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_port = htons(api_->port());
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        QCOMPARE(::connect(waiting, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
        QTest::qWait(600);  // Qt's accept fails (EMFILE); the server sees it is short

        const qint64 cpuBefore = cpuMs();
        QTest::qWait(1000);
        const qint64 used = cpuMs() - cpuBefore;
        QVERIFY2(used < 300, qPrintable(QStringLiteral("%1 ms of CPU in 1 s while out of descriptors").arg(used)));
        QVERIFY2(modelsAnswered(first, 10000), "the open connection was not answered");
        QVERIFY2(answered(first, chatRequest(kChat), "\"chat.completion\"", kWaitMs),
                 "a completion on the open connection was not answered");

        for (std::size_t i = takenFrom; i < fds.size(); ++i) {  // given back
            ::close(fds[i]);
            fds[i] = -1;
        }
        QVERIFY2(modelsAnswered(waiting, 10000), "the waiting client was not answered once descriptors were free");
    }
};

QTEST_GUILESS_MAIN(TestApiConnections)
#include "test_api_connections.moc"
