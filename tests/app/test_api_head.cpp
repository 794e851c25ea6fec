// test_api_head.cpp — HEAD on the local API server (the demo model, api_server_fixture.h), over a raw socket so that
// what follows the header is seen: wherever GET is answered, HEAD gets GET's status line and headers (its
// Content-Length included) and no body; any other HEAD (an unknown path, a POST-only one) its status, no body either.
// Session 55's trial2: HEAD /v1/models was a 405 with a JSON body. Each HEAD is followed on the same connection by a
// GET: the bytes after the HEAD's header must be that GET's status line, not a body. Also what a raw socket shows of
// other replies: a 405's Allow header, and pipelined requests answered in their order.
#include <QHostAddress>
#include <QJsonObject>
#include <QTcpSocket>
#include <QtTest>

#include <tuple>

#include "api_server_fixture.h"
#include "raw_http.h"

using namespace rwkv::app;

class TestApiHead : public QObject, private ApiServerFixture {
    Q_OBJECT
private slots:
    void initTestCase() {
        const QString failed = startServer();
        QVERIFY2(failed.isEmpty(), qPrintable(failed));
    }
    void cleanupTestCase() { stopServer(); }

    void headIsGetWithoutItsBody() {
        const Answer posted = send("POST", QStringLiteral("/v1/responses"),
                                   R"({"input":"Hi","max_output_tokens":2,"temperature":0})");
        QCOMPARE(posted.status, 200);
        const QString id = posted.json().value(QStringLiteral("id")).toString();
        QVERIFY(!id.isEmpty());
        const QList<QPair<QByteArray, int>> paths = {
            {"/v1/models", 200},
            {"/models", 200},
            {"/v1/models/tiny-rwkv7-834K", 200},
            {"/v1/models/gpt-4o", 404},
            {"/v1/responses/" + id.toUtf8(), 200},
            {"/v1/responses/" + id.toUtf8() + "/input_items", 200},
            {"/v1/nothing", 404},
        };
        for (const auto& [path, status] : paths) {
            QTcpSocket socket;
            socket.connectToHost(QHostAddress::LocalHost, api_->port());
            QVERIFY(socket.waitForConnected(kWaitMs));
            const RawReply head = exchange(socket, "HEAD", path, /*withBody=*/false);
            const RawReply get = exchange(socket, "GET", path, /*withBody=*/true);
            QVERIFY2(head.head.startsWith("HTTP/1.1 " + QByteArray::number(status)), path + ": " + head.head);
            QCOMPARE(head.head.left(head.head.indexOf('\r')), get.head.left(get.head.indexOf('\r')));
            QVERIFY2(head.body.isEmpty(), path + ": " + head.body);  // the GET's status line came next
            QCOMPARE(head.header("Content-Type"), QByteArray("application/json"));
            QCOMPARE(head.header("Content-Length"), QByteArray::number(get.body.size()));
            QVERIFY2(!get.body.isEmpty(), path.constData());
        }
        // A path that answers POST only: GET's 405, without its body.
        for (const QByteArray& path : {QByteArray("/v1/chat/completions"), QByteArray("/v1/responses/") + id.toUtf8() +
                                                                              "/cancel"}) {
            QTcpSocket socket;
            socket.connectToHost(QHostAddress::LocalHost, api_->port());
            QVERIFY(socket.waitForConnected(kWaitMs));
            const RawReply head = exchange(socket, "HEAD", path, false);
            const RawReply get = exchange(socket, "GET", path, true);
            QVERIFY2(head.head.startsWith("HTTP/1.1 405"), path + ": " + head.head);
            QVERIFY2(head.body.isEmpty(), path + ": " + head.body);
            QVERIFY2(get.head.startsWith("HTTP/1.1 405") && get.body.contains("method_not_allowed"), get.body.constData());
        }
    }

    // A 405 names the methods its path takes in an Allow header (RFC 9110 §15.5.6), HEAD wherever GET is; a HEAD's
    // 405 too. Before (session 55's loose ends), none: a client could not tell which method the path takes.
    void notAllowedSaysWhatIs() {
        const QList<std::tuple<QByteArray, QByteArray, QByteArray>> rows = {
            {"POST", "/v1/models", "GET, HEAD"},
            {"DELETE", "/v1/models/tiny-rwkv7-834K", "GET, HEAD"},
            {"GET", "/v1/chat/completions", "POST"},
            {"HEAD", "/v1/completions", "POST"},
            {"PUT", "/v1/responses/resp_00000000000000000000000000000000", "GET, HEAD, DELETE"},
            {"POST", "/v1/responses/resp_00000000000000000000000000000000/input_items", "GET, HEAD"},
            {"GET", "/v1/responses/resp_00000000000000000000000000000000/cancel", "POST"},
        };
        for (const auto& [method, path, allow] : rows) {
            QTcpSocket socket;
            socket.connectToHost(QHostAddress::LocalHost, api_->port());
            QVERIFY(socket.waitForConnected(kWaitMs));
            const RawReply reply = exchange(socket, method, path, method != "HEAD");
            QVERIFY2(reply.head.startsWith("HTTP/1.1 405"), method + ' ' + path + ": " + reply.head);
            QCOMPARE(reply.header("Allow"), allow);
        }
    }

    // HTTP pipelining (two requests in one TCP write): the answers come in the requests' order (RFC 9112 §9.3.2).
    // Before (session 55's loose ends), a GET behind a completion was answered first, the completion once written. A
    // request behind a reply still being written is left unanswered and that reply closes the connection (a client
    // retries it); requests answered at once are answered in turn on the open connection.
    void pipelinedRequestsAreAnsweredInOrder() {
        const QByteArray body = R"({"messages":[{"role":"user","content":"Hello"}],"max_tokens":8,"temperature":0})";
        const QByteArray completion = "POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: "
                                      "application/json\r\nContent-Length: " +
                                      QByteArray::number(body.size()) + "\r\n\r\n" + body;
        const QByteArray models = "GET /v1/models HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
        {
            QTcpSocket socket;
            socket.connectToHost(QHostAddress::LocalHost, api_->port());
            QVERIFY(socket.waitForConnected(kWaitMs));
            socket.write(completion + models);
            QByteArray got;
            QVERIFY2(QTest::qWaitFor([&] {
                         got += socket.readAll();
                         return socket.state() == QAbstractSocket::UnconnectedState;
                     }, kWaitMs),
                     got.constData());
            got += socket.readAll();
            QVERIFY2(got.startsWith("HTTP/1.1 200"), got.constData());
            const qsizetype end = got.indexOf("\r\n\r\n");
            QVERIFY(end > 0);
            RawReply first{got.left(end), got.mid(end + 4)};
            QCOMPARE(first.header("Connection"), QByteArray("close"));
            QCOMPARE(first.body.size(), first.header("Content-Length").toLongLong());  // nothing after it
            QVERIFY2(first.body.contains("\"object\":\"chat.completion\""), first.body.constData());
        }
        {  // answered at once: both, in turn, the connection left open
            QTcpSocket socket;
            socket.connectToHost(QHostAddress::LocalHost, api_->port());
            QVERIFY(socket.waitForConnected(kWaitMs));
            socket.write(models + "GET /v1/models/nothing HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
            QByteArray got;
            QVERIFY2(QTest::qWaitFor([&] { return (got += socket.readAll()).count("HTTP/1.1 ") == 2 &&
                                                  got.endsWith("}"); }, kWaitMs),
                     got.constData());
            QVERIFY2(got.startsWith("HTTP/1.1 200") && got.indexOf("HTTP/1.1 404") > got.indexOf("\"object\":\"list\""),
                     got.constData());
            QCOMPARE(socket.state(), QAbstractSocket::ConnectedState);
        }
    }

private:
    using Answer = ApiAnswer;

    /// Sends `method path` on `socket` and reads one reply (readRawReply).
    RawReply exchange(QTcpSocket& socket, const QByteArray& method, const QByteArray& path, bool withBody) {
        socket.write(method + ' ' + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        return readRawReply(socket, kWaitMs, withBody);
    }
};

QTEST_GUILESS_MAIN(TestApiHead)
#include "test_api_head.moc"
