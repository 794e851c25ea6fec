// tests/app/http_test_server.h — a tiny HTTP/1.1 file server (QTcpServer) inside a test binary, for the
// download tests: serves in-memory files with switches for Range handling, dropped connections, redirects,
// metadata headers and slow trickling, and records every request's headers. Loopback only.
#pragma once

#include <QByteArray>
#include <QHostAddress>
#include <QList>
#include <QMap>
#include <QObject>
#include <QTcpServer>
#include <QUrl>

/// One request as the server saw it. Header names are lower-case.
struct SeenRequest {
    QByteArray method;
    QByteArray path;
    QMap<QByteArray, QByteArray> headers;
    bool has(const QByteArray& name) const { return headers.contains(name.toLower()); }
    QByteArray header(const QByteArray& name) const { return headers.value(name.toLower()); }
};

/// Listens on one address (127.0.0.1 or 127.0.0.2), port chosen by the OS. Runs on the test's thread:
/// the test must spin the event loop (QSignalSpy::wait, QTRY_*) while a client talks to it.
class HttpTestServer : public QObject {
    Q_OBJECT
public:
    explicit HttpTestServer(const QHostAddress& address, QObject* parent = nullptr);

    bool listen();
    /// "http://<address>:<port><path>"
    QUrl url(const QByteArray& path) const;

    /// Serves body at path (GET), with ETag etag, Accept-Ranges: bytes and Content-Type contentType.
    void setFile(const QByteArray& path, const QByteArray& body,
                 const QByteArray& contentType = "application/octet-stream");
    /// Answers path with status (301/302/307/...) and Location (sent as given: may be relative), plus
    /// extra headers (e.g. X-Linked-Size).
    void addRedirect(const QByteArray& path, int status, const QByteArray& location,
                     const QMap<QByteArray, QByteArray>& headers = {});
    /// Takes addRedirect's answer for path back (its file, if any, is served again).
    void removeRedirect(const QByteArray& path) { redirects_.remove(path); }

    // --- switches ---
    bool honourRange = true;       ///< false: answer every ranged request with a full 200
    qint64 dropAfterBytes = -1;    ///< close the connection after sending this many body bytes ...
    int dropTimes = 0;             ///< ... in each of the next dropTimes file responses
    bool dropBySilence = false;    ///< true: at the drop point the connection stays open and sends nothing more
    int trickleBytes = 0;          ///< > 0: send the body in pieces of this size ...
    int trickleIntervalMs = 5;     ///< ... one piece per interval
    QByteArray etag = "\"test-etag-1\"";

    QList<SeenRequest> requests;   ///< every request, in arrival order

private:
    void onNewConnection();
    void respond(class QTcpSocket* socket, const SeenRequest& request);

    QHostAddress address_;
    QTcpServer server_;
    QMap<QByteArray, QByteArray> files_;
    QMap<QByteArray, QByteArray> contentTypes_;
    struct Redirect {
        int status;
        QByteArray location;
        QMap<QByteArray, QByteArray> headers;
    };
    QMap<QByteArray, Redirect> redirects_;
};
