// test_api_connections.cpp — how the local API server (the demo model, api_server_fixture.h) keeps serving when it
// cannot take more connections (session 57's loose ends), over raw sockets (raw_http.h): out of file descriptors, the
// server neither spins nor stops answering.
#include <QDir>
#include <QHostAddress>
#include <QTcpSocket>
#include <QtTest>

#include <sys/resource.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <unistd.h>


#include <memory>
#include <vector>

#include "api_server_fixture.h"
#include "raw_http.h"

using namespace rwkv::app;

namespace {

// The CPU time this process has used (all its threads), in ms.
qint64 cpuMs() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return (qint64(usage.ru_utime.tv_sec) + usage.ru_stime.tv_sec) * 1000 +
           (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1000;
}

// A client's socket, connected (blocking: the kernel completes it from the listen backlog, accepted or not); -1 when
// none could be made.
int rawConnect(quint16 port) {
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) return -1;
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

// Sends GET /v1/models on `fd` and waits (running the server's events) for a whole 200 within `waitMs`.
bool modelsAnswered(int fd, int waitMs) {
    const QByteArray request = "GET /v1/models HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
    if (::send(fd, request.constData(), size_t(request.size()), MSG_NOSIGNAL) != request.size()) return false;
    QByteArray got;
    return QTest::qWaitFor([&] {
        char buffer[4096];
        const ssize_t n = ::recv(fd, buffer, sizeof buffer, MSG_DONTWAIT);
        if (n > 0) got.append(buffer, n);
        const qsizetype end = got.indexOf("\r\n\r\n");
        if (!got.startsWith("HTTP/1.1 200") || end < 0) return false;
        const RawReply reply{got.left(end), got.mid(end + 4)};
        return reply.body.size() == reply.header("Content-Length").toLongLong() && reply.body.contains("\"list\"");
    }, waitMs);
}

}  // namespace

class TestApiConnections : public QObject, private ApiServerFixture {
    Q_OBJECT
private slots:
    void initTestCase() {
        const QString failed = startServer();
        QVERIFY2(failed.isEmpty(), qPrintable(failed));
    }
    void cleanupTestCase() { stopServer(); }

    // Out of file descriptors (`ulimit -n`), with clients waiting to be accepted: the server neither spins nor stops
    // answering the connections it has, and takes the waiting ones once descriptors are free again. Qt's accept
    // failed with EMFILE, a "temporary" error that leaves its notifier on: `rwkv-cli serve` under `ulimit -n 64` with
    // 100 idle connections ran at 60 % CPU and answered none (session 57's trial).
    void outOfDescriptorsNeitherSpinsNorStops() {
        rlimit before{};
        QCOMPARE(getrlimit(RLIMIT_NOFILE, &before), 0);
        const qint64 open = QDir(QStringLiteral("/proc/self/fd")).entryList(QDir::Files | QDir::System).size();
        QVERIFY(open > 0);
        std::vector<int> clients;
        struct Restore {
            rlimit limit;
            std::vector<int>& clients;
            ~Restore() {
                for (int fd : clients)
                    if (fd >= 0) ::close(fd);
                setrlimit(RLIMIT_NOFILE, &limit);
            }
        } restore{before, clients};
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
};

QTEST_GUILESS_MAIN(TestApiConnections)
#include "test_api_connections.moc"
