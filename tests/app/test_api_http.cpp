// test_api_http.cpp — HTTP itself on the local API server (the demo model, api_server_fixture.h), over raw sockets
// (raw_http.h): what Qt HttpServer 6.4's parser left undone or said wrong, which ApiConnectionGuard
// (api_connection_guard.h) and ApiServer::handle now answer (session 57's loose ends): "Expect: 100-continue" answered
// at once, a method Qt does not know a 501, a known path with a trailing '/' a 404 that names the path without it, a
// head over the limit a 431, a TLS handshake on this plain-HTTP port a 400 at once; and session 58's: a Content-Type
// only application/json, each run of '/' in a path one, Host fields as RFC 9112 §3.2 asks, a body over the limit a
// 413 before it is kept.
#include <QHostAddress>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpSocket>
#include <QtTest>

#include <memory>
#include <tuple>

#include "api_connection_guard.h"
#include "api_server.h"
#include "api_server_fixture.h"
#include "raw_http.h"

using namespace rwkv::app;

namespace {

const QByteArray kChat = R"({"messages":[{"role":"user","content":"Hi"}],"max_tokens":2,"temperature":0})";

QByteArray chatHead(const QByteArray& extra, const QByteArray& version = "HTTP/1.1") {
    return "POST /v1/chat/completions " + version + "\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n" +
           "Content-Length: " + QByteArray::number(kChat.size()) + "\r\n" + extra + "\r\n";
}

QJsonObject errorOf(const RawReply& reply) {
    return QJsonDocument::fromJson(reply.body).object().value(QStringLiteral("error")).toObject();
}

}  // namespace

class TestApiHttp : public QObject, private ApiServerFixture {
    Q_OBJECT
private slots:
    void initTestCase() {
        const QString failed = startServer();
        QVERIFY2(failed.isEmpty(), qPrintable(failed));
    }
    void cleanupTestCase() { stopServer(); }

    // RFC 9110 §10.1.1: a client that sends "Expect: 100-continue" waits for "100 Continue" before the body — curl
    // 1 s for a body over 1 KiB (`curl -d @big.json`). Qt 6.4 never sent it: every such request took a second more.
    // Now it comes as soon as the head is read; then the body, the reply, and the next request on the connection.
    void expectContinueIsAnsweredAtOnce() {
        auto socket = connected();
        socket->write(chatHead("Expect: 100-continue\r\n"));
        QByteArray got;  // the body is not sent until it comes: it comes of the head alone (no time is asserted)
        QVERIFY2(QTest::qWaitFor([&] { return (got += socket->readAll()).contains("\r\n\r\n"); }, 5000),
                 "no 100 Continue within 5 s");
        QCOMPARE(got, QByteArray("HTTP/1.1 100 Continue\r\n\r\n"));
        socket->write(kChat);
        const RawReply reply = readRawReply(*socket, kWaitMs);
        QVERIFY2(reply.status() == 200 && reply.body.contains("\"chat.completion\""), reply.head + reply.body);
        // The same connection, its next request: again, once.
        socket->write(chatHead("Expect: 100-continue\r\n"));
        got.clear();
        QVERIFY(QTest::qWaitFor([&] { return (got += socket->readAll()).contains("\r\n\r\n"); }, 5000));
        QCOMPARE(got, QByteArray("HTTP/1.1 100 Continue\r\n\r\n"));
        socket->write(kChat);
        QCOMPARE(readRawReply(*socket, kWaitMs).status(), 200);
    }

    // No "100 Continue" where none is asked for or due: the body sent with the head, an HTTP/1.0 request (whose
    // Expect is ignored), a request without a body. The first reply on the connection is the final one.
    void continueOnlyWhereItIsDue() {
        const QList<QByteArray> requests = {
            chatHead("Expect: 100-continue\r\n") + kChat,
            chatHead("Expect: 100-continue\r\n", "HTTP/1.0"),
            chatHead({}),
            "GET /v1/models HTTP/1.1\r\nHost: 127.0.0.1\r\nExpect: 100-continue\r\n\r\n",
        };
        for (const QByteArray& request : requests) {
            auto socket = connected();
            socket->write(request);
            QTest::qWait(300);
            if (!request.endsWith("\r\n\r\n") || request.startsWith("GET")) {
                const RawReply reply = readRawReply(*socket, kWaitMs);
                QVERIFY2(reply.status() == 200, request + " → " + reply.head);
            } else {  // the body comes once the final reply did not: nothing came before it
                QCOMPARE(socket->readAll(), QByteArray());
                socket->write(kChat);
                QVERIFY2(readRawReply(*socket, kWaitMs).status() == 200, request.constData());
            }
        }
    }

    // Methods are case-sensitive (RFC 9110 §9.1); a method the server does not implement is a 501 (§15.6.2), with a
    // JSON error that names it. Before (session 56), "get /v1/models" was a 405 that said the path takes GET.
    void unknownMethodIsNotImplemented() {
        const QList<std::tuple<QByteArray, QByteArray, QString>> rows = {
            {"get", "/v1/models", QStringLiteral("Methods are case-sensitive: send it as GET.")},
            {"Post", "/v1/chat/completions", QStringLiteral("Methods are case-sensitive: send it as POST.")},
            {"FOO", "/v1/models", QStringLiteral("The method 'FOO' is not one this server implements.")},
            {"BREW", "/v1/nothing", QStringLiteral("The method 'BREW' is not one this server implements.")},
        };
        for (const auto& [method, path, words] : rows) {
            auto socket = connected();
            socket->write(method + ' ' + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
            const RawReply reply = readRawReply(*socket, kWaitMs);
            QVERIFY2(reply.head.startsWith("HTTP/1.1 501"), method + ' ' + path + ": " + reply.head);
            QCOMPARE(reply.header("Content-Type"), QByteArray("application/json"));
            const QJsonObject error = errorOf(reply);
            QCOMPARE(error.value(QStringLiteral("code")).toString(), QStringLiteral("method_not_implemented"));
            QVERIFY2(error.value(QStringLiteral("message")).toString().contains(words), reply.body.constData());
        }
        // A method Qt knows that the path does not take is still the 405 with its Allow header.
        auto socket = connected();
        socket->write("PUT /v1/models HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        const RawReply put = readRawReply(*socket, kWaitMs);
        QVERIFY2(put.head.startsWith("HTTP/1.1 405"), put.head.constData());
        QCOMPARE(put.header("Allow"), QByteArray("GET, HEAD"));
    }

    // OpenAI answers "/v1/models/" (a trailing '/') with a 404, and its client libraries never send one; so does this
    // server, its message naming the path as sent and the path without the '/'.
    void trailingSlashIsNamed() {
        const QList<std::pair<QString, QString>> rows = {
            {QStringLiteral("/v1/models/"), QStringLiteral("/v1/models")},
            {QStringLiteral("/v1/chat/completions/"), QStringLiteral("/v1/chat/completions")},
            {QStringLiteral("/responses//"), QStringLiteral("/responses")},
        };
        for (const auto& [path, without] : rows) {
            const ApiAnswer answer = send("GET", path);
            QCOMPARE(answer.status, 404);
            QCOMPARE(answer.error().value(QStringLiteral("code")).toString(), QStringLiteral("unknown_url"));
            const QString message = answer.error().value(QStringLiteral("message")).toString();
            QVERIFY2(message.startsWith(QStringLiteral("Unknown request URL: %1. ").arg(path)), qPrintable(message));
            QVERIFY2(message.contains(QStringLiteral("without the trailing '/': %1").arg(without)), qPrintable(message));
        }
        const ApiAnswer other = send("GET", QStringLiteral("/v1/nothing/"));
        QVERIFY2(!other.error().value(QStringLiteral("message")).toString().contains(QStringLiteral("trailing")),
                 other.body.constData());
    }

    // A head over the limit, or with more header fields than Qt's parser reads, is a 431 that says the limit
    // (RFC 6585 §5), sent at once, the connection then closed. Before (session 56), Qt's parser dropped every header
    // of it and the request was the 403 "forbidden_host" of one without Host.
    void headOverTheLimitIs431() {
        const QByteArray big = "GET /v1/models HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + QByteArray(200 * 1024, 'a') +
                               "\r\n\r\n";
        QByteArray many = "GET /v1/models HTTP/1.1\r\nHost: 127.0.0.1\r\n";
        for (int i = 0; i < ApiConnectionGuard::kMaxHeaderFields; ++i) many += "X-H" + QByteArray::number(i) + ": 1\r\n";
        many += "\r\n";  // 101 fields
        const QByteArray limit = QByteArray::number(ApiConnectionGuard::kMaxHeadBytes);
        for (const auto& [request, words] : {std::pair{big, "this server reads at most " + limit},
                                             std::pair{many, QByteArray("The request has 101 header fields; this "
                                                                        "server reads at most 100.")}}) {
            auto socket = connected();
            socket->write(request);
            const RawReply reply = readRawReply(*socket, kWaitMs);
            QVERIFY2(reply.head.startsWith("HTTP/1.1 431 Request Header Fields Too Large"), reply.head.constData());
            QCOMPARE(reply.header("Connection"), QByteArray("close"));
            const QJsonObject error = errorOf(reply);
            QCOMPARE(error.value(QStringLiteral("code")).toString(), QStringLiteral("request_header_fields_too_large"));
            QVERIFY2(error.value(QStringLiteral("message")).toString().contains(QString::fromLatin1(words)),
                     reply.body.constData());
            QVERIFY2(QTest::qWaitFor([&] { return socket->state() == QAbstractSocket::UnconnectedState; }, kWaitMs),
                     "the connection stays open");
        }
        // Under the limit: served (one field of 60 KiB, 100 fields).
        many.replace("X-H0: 1\r\n", "");
        for (const QByteArray& request :
             {"GET /v1/models HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + QByteArray(60 * 1024, 'a') + "\r\n\r\n", many}) {
            auto socket = connected();
            socket->write(request);
            const RawReply reply = readRawReply(*socket, kWaitMs);
            QVERIFY2(reply.status() == 200 && reply.body.contains("\"object\":\"list\""), reply.head + reply.body);
        }
    }

    // `curl https://127.0.0.1:PORT/…`: a TLS ClientHello on this plain-HTTP port is a 400 at once, saying so, and the
    // connection closed. Before (session 56), Qt's parser waited for a line end: a ClientHello without a 0x0A byte
    // held the connection until the client gave up. The first bytes here are a TLS record's header and no line end.
    void tlsOnThePlainPortIsRefusedAtOnce() {
        auto socket = connected();
        socket->write(QByteArray::fromHex("160301020001") + QByteArray(200, '\x03'));
        const RawReply reply = readRawReply(*socket, 5000);
        QVERIFY2(reply.head.startsWith("HTTP/1.1 400"), reply.head.isEmpty() ? "no reply within 5 s" : reply.head);
        const QJsonObject error = errorOf(reply);
        QCOMPARE(error.value(QStringLiteral("code")).toString(), QStringLiteral("not_http"));
        QVERIFY2(error.value(QStringLiteral("message"))
                     .toString()
                     .contains(QStringLiteral("http://127.0.0.1:%1/v1, not https://").arg(api_->port())),
                 reply.body.constData());
        QVERIFY2(QTest::qWaitFor([&] { return socket->state() == QAbstractSocket::UnconnectedState; }, 5000),
                 "the connection stays open");
        // Any other byte that begins no method: the same 400, which names it.
        auto other = connected();
        other->write(QByteArray("\x01\x02\x03", 3));
        const RawReply binary = readRawReply(*other, 5000);
        QVERIFY2(binary.head.startsWith("HTTP/1.1 400") && binary.body.contains("first byte, 0x01"),
                 binary.head + binary.body);
        // The server goes on serving.
        QCOMPARE(send("GET", QStringLiteral("/v1/models")).status, 200);
    }

    // A POST's body must be sent as application/json — in any case, with any parameters —, or it is a 415 that names
    // the type sent: a web page can post a form's types to 127.0.0.1 without asking, never this one. Until session 58
    // any type that began with it passed ("application/jsonx" was a 200).
    void contentTypeIsJsonOnly() {
        const auto post = [&](const QByteArray& type) {
            auto socket = connected();
            socket->write("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\n" +
                          (type.isNull() ? QByteArray() : "Content-Type: " + type + "\r\n") +
                          "Content-Length: " + QByteArray::number(kChat.size()) + "\r\n\r\n" + kChat);
            return readRawReply(*socket, kWaitMs);
        };
        for (const QByteArray& type : {QByteArray("application/json"), QByteArray("application/json; charset=utf-8"),
                                       QByteArray("Application/JSON"), QByteArray("application/json ;charset=UTF-8")}) {
            const RawReply reply = post(type);
            QVERIFY2(reply.status() == 200 && reply.body.contains("\"chat.completion\""), type + ": " + reply.head);
        }
        for (const QByteArray& type : {QByteArray("application/jsonx"), QByteArray("application/json-seq"),
                                       QByteArray("text/plain"), QByteArray("application/x-www-form-urlencoded")}) {
            const RawReply reply = post(type);
            QVERIFY2(reply.status() == 415, type + ": " + reply.head);
            const QJsonObject error = errorOf(reply);
            QCOMPARE(error.value(QStringLiteral("code")).toString(), QStringLiteral("unsupported_media_type"));
            QCOMPARE(error.value(QStringLiteral("message")).toString(),
                     QStringLiteral("The request's Content-Type is '%1': send the request as JSON, with the header "
                                    "'Content-Type: application/json'.")
                         .arg(QString::fromLatin1(type)));
        }
        const RawReply none = post(QByteArray());
        QCOMPARE(none.status(), 415);
        QVERIFY2(errorOf(none).value(QStringLiteral("message")).toString().startsWith(
                     QStringLiteral("The request has no Content-Type: ")),
                 none.body.constData());
    }

    // Each run of '/' in a path is read as one (nginx's merge_slashes): "/v1//chat/completions" — a base URL ending in
    // '/' joined to a path beginning with one — is served as "//v1/chat/completions" is. Until session 58 the first
    // was a 404, and the second was served only because Qt's parser read "//v1" as a URL's authority: the path it
    // routed was "/chat/completions", and "//x/v1/models" was served as "/v1/models", "//models" a 404 for "".
    void repeatedSlashesAreOne() {
        const QList<std::pair<QByteArray, int>> rows = {
            {"GET /v1//models", 200},       {"GET //v1/models", 200},      {"GET ///v1///models", 200},
            {"GET //models", 200},          {"GET //x/v1/models", 404},   {"HEAD /v1//models", 200},
            {"GET /v1//models?x=//", 200},  {"GET /v1/models//", 404},
        };
        for (const auto& [line, status] : rows) {
            auto socket = connected();
            socket->write(line + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
            const RawReply reply = readRawReply(*socket, kWaitMs, !line.startsWith("HEAD"));
            QVERIFY2(reply.status() == status, line + ": " + reply.head);
            if (status == 200 && !line.startsWith("HEAD")) QVERIFY2(reply.body.contains("\"object\":\"list\""), reply.body);
        }
        auto socket = connected();  // the trailing '/' named as before, the path quoted as sent
        socket->write("GET /v1/models// HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        const QString message = errorOf(readRawReply(*socket, kWaitMs)).value(QStringLiteral("message")).toString();
        QVERIFY2(message.startsWith(QStringLiteral("Unknown request URL: /v1/models//. Send it without the trailing "
                                                   "'/': /v1/models.")),
                 qPrintable(message));
        for (const QByteArray& path : {QByteArray("/v1//chat/completions"), QByteArray("//v1/chat/completions")}) {
            auto chat = connected();
            chat->write(QByteArray(chatHead({})).replace("/v1/chat/completions", path) + kChat);
            const RawReply reply = readRawReply(*chat, kWaitMs);
            QVERIFY2(reply.status() == 200 && reply.body.contains("\"chat.completion\""), path + ": " + reply.head);
        }
    }

    // RFC 9112 §3.2: an HTTP/1.1 request without Host, or any request with two, is a 400 (a 403 forbidden_host until
    // session 58, as of a Host naming another computer). HTTP/1.0 need not send one: without it nothing says the
    // request was meant for this computer, still the 403; so is an empty Host.
    void hostFieldsAreChecked() {
        const QList<std::tuple<QByteArray, int, QString>> rows = {
            {"GET /v1/models HTTP/1.1\r\n\r\n", 400, QStringLiteral("bad_host")},
            {"GET /v1/models HTTP/1.1\r\nHost: 127.0.0.1\r\nHost: localhost\r\n\r\n", 400, QStringLiteral("bad_host")},
            {"GET /v1/models HTTP/1.0\r\nHost: 127.0.0.1\r\nhost: 127.0.0.1\r\n\r\n", 400, QStringLiteral("bad_host")},
            {"GET /v1/models HTTP/1.0\r\n\r\n", 403, QStringLiteral("forbidden_host")},
            {"GET /v1/models HTTP/1.1\r\nHost:\r\n\r\n", 403, QStringLiteral("forbidden_host")},
            {"GET /v1/models HTTP/1.0\r\nHost: localhost:1\r\n\r\n", 200, QString()},
        };
        for (const auto& [request, status, code] : rows) {
            auto socket = connected();
            socket->write(request);
            const RawReply reply = readRawReply(*socket, kWaitMs);
            QVERIFY2(reply.status() == status, request + reply.head);
            QCOMPARE(errorOf(reply).value(QStringLiteral("code")).toString(), code);
        }
        auto socket = connected();
        socket->write("GET /v1/models HTTP/1.1\r\n\r\n");
        QCOMPARE(errorOf(readRawReply(*socket, kWaitMs)).value(QStringLiteral("message")).toString(),
                 QStringLiteral("An HTTP/1.1 request must have a Host header field (RFC 9112 §3.2): send "
                                "'Host: 127.0.0.1'."));
    }

    // Qt's parser kept all of a body before the server's 4 MiB check: a Content-Length of 1.2 GB grew `rwkv-cli serve`
    // to 3.6 GB of RSS before its 413, and a body sent in chunks (Transfer-Encoding: chunked; Python's http.client with
    // a generator, `curl -T -`), which says no length up front, grew it as far as the client sent (session 58's
    // trial2: 315 MB in 2 s, no reply). Now a Content-Length over the limit is a 413 at the head, before the body; a
    // chunked body once twice the limit has come; and the connection ends. A chunked request under it is served.
    void bodyOverTheLimitIsRefusedBeforeItIsKept() {
        auto announced = connected();
        announced->write("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                         "Content-Length: 1073741824\r\n\r\n");
        const RawReply early = readRawReply(*announced, kWaitMs);
        QVERIFY2(early.head.startsWith("HTTP/1.1 413"), early.head.isEmpty() ? "no reply" : early.head.constData());
        QVERIFY2(early.body.contains("holds 1073741824 bytes; at most 4194304 are accepted"), early.body.constData());
        QCOMPARE(early.header("Connection"), QByteArray("close"));

        auto socket = connected();
        socket->write("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                      "Transfer-Encoding: chunked\r\n\r\n");
        const QByteArray chunk = QByteArray::number(64 * 1024, 16) + "\r\n" + QByteArray(64 * 1024, ' ') + "\r\n";
        qint64 sent = 0;
        QByteArray got;
        // Sent on for up to 8 times the limit; a reply (or the connection's end) stops it.
        while (sent < 8 * ApiServer::kMaxBodyBytes && socket->state() == QAbstractSocket::ConnectedState &&
               !got.contains("\r\n\r\n")) {
            socket->write(chunk);
            sent += chunk.size();
            socket->waitForBytesWritten(kWaitMs);
            QTest::qWait(1);
            got += socket->readAll();
        }
        QVERIFY2(got.startsWith("HTTP/1.1 413"), qPrintable(QStringLiteral("no 413 after %1 bytes sent: '%2'")
                                                               .arg(sent)
                                                               .arg(QString::fromLatin1(got.left(200)))));
        QVERIFY2(sent <= 3 * ApiServer::kMaxBodyBytes, qPrintable(QString::number(sent)));
        QVERIFY(QTest::qWaitFor([&] { return (got += socket->readAll()).contains("request_too_large"); }, kWaitMs));
        QVERIFY2(got.contains("sent in chunks, is over"), got.constData());
        QVERIFY2(QTest::qWaitFor([&] { return socket->state() == QAbstractSocket::UnconnectedState; }, 3 * kWaitMs),
                 "the connection stays open");
        // Under the limit, in chunks: served.
        auto small = connected();
        small->write("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                     "Transfer-Encoding: chunked\r\n\r\n" +
                     QByteArray::number(kChat.size(), 16) + "\r\n" + kChat + "\r\n0\r\n\r\n");
        const RawReply reply = readRawReply(*small, kWaitMs);
        QVERIFY2(reply.status() == 200 && reply.body.contains("\"chat.completion\""), reply.head + reply.body);
    }

private:
    std::unique_ptr<QTcpSocket> connected() {
        auto socket = std::make_unique<QTcpSocket>();
        socket->connectToHost(QHostAddress::LocalHost, api_->port());
        if (!socket->waitForConnected(kWaitMs)) qWarning("not connected");
        return socket;
    }
};

QTEST_GUILESS_MAIN(TestApiHttp)
#include "test_api_http.moc"
