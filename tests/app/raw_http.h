// raw_http.h — HTTP replies read off a QTcpSocket as sent, for the tests that must see what a client library hides
// (a HEAD reply's missing body, a "100 Continue", a 405's Allow header, the order of pipelined replies):
// test_api_head, test_api_http.
#pragma once

#include <QByteArray>
#include <QTcpSocket>
#include <QtTest>

/// A reply read off a socket: its status line and headers (up to the blank line), and its body by Content-Length.
struct RawReply {
    QByteArray head;  // status line and headers, the blank line excluded
    QByteArray body;
    QByteArray header(const QByteArray& name) const {
        for (const QByteArray& line : head.split('\n'))
            if (line.toLower().startsWith(name.toLower() + ':')) return line.mid(name.size() + 1).trimmed();
        return {};
    }
    int status() const { return head.mid(9, 3).toInt(); }
};

/// Reads one reply off `socket` within `waitMs`, `got` holding what came before it: with `withBody`, Content-Length
/// bytes after the header; else the header only, then whatever else comes within 300 ms (a HEAD reply's body, which
/// must be nothing). An empty head when none came.
inline RawReply readRawReply(QTcpSocket& socket, int waitMs, bool withBody = true, QByteArray got = {}) {
    if (!QTest::qWaitFor([&] { return (got += socket.readAll()).contains("\r\n\r\n"); }, waitMs)) return {};
    RawReply r;
    const qsizetype end = got.indexOf("\r\n\r\n");
    r.head = got.left(end);
    r.body = got.mid(end + 4);
    if (withBody) {
        const qsizetype length = r.header("Content-Length").toLongLong();
        if (!QTest::qWaitFor([&] { return (r.body += socket.readAll()).size() >= length; }, waitMs))
            r.body += "(timed out)";
    } else {
        QTest::qWait(300);
        r.body += socket.readAll();
    }
    return r;
}
