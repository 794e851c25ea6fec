// test_api_port_texts.cpp — what the window says of a port the system refuses (ApiServer::failureTextOf's
// "noPermission"). Since ports below 1024 are the server's own refusal ("reservedPort", test_api_server), the
// system's refusal comes from a port from 1024 up — a security policy's, no test can cause it — and its advice was
// still "Choose a port above 1023", which the port already was (session 54's loose ends).
#include <QtTest>

#include "api_server.h"

using namespace rwkv::app;

class TestApiPortTexts : public QObject {
    Q_OBJECT

private slots:
    void refusedPortAsksForAnotherPort();
};

void TestApiPortTexts::refusedPortAsksForAnotherPort() {
    const QString error = QStringLiteral("The address is protected");  // Qt's words for EACCES
    const QString settings =
        ApiServer::failureTextOf(QStringLiteral("noPermission"), 8080, error, ApiServer::PortFrom::Settings);
    const QString option =
        ApiServer::failureTextOf(QStringLiteral("noPermission"), 8080, error, ApiServer::PortFrom::Option);
    QCOMPARE(settings, QStringLiteral("The local API server is not serving: port 8080 is refused by the system, as a "
                                      "security policy may keep it from programs like this one. Choose another port "
                                      "in Settings."));
    QCOMPARE(option, QStringLiteral("The local API server is not serving: port 8080 (--api-port) is refused by the "
                                    "system, as a security policy may keep it from programs like this one. Start "
                                    "again with another port."));
    for (const QString& text : {settings, option}) {
        QVERIFY2(!text.contains(QStringLiteral("1023")), qPrintable(text));
        QVERIFY2(!text.contains(QStringLiteral("administrator")), qPrintable(text));
    }
    // The other failures read as failureText said them.
    QCOMPARE(ApiServer::failureTextOf(QStringLiteral("other"), 8080, error, ApiServer::PortFrom::Settings),
             QStringLiteral("The local API server is not serving on port 8080: The address is protected"));
    QCOMPARE(ApiServer::failureTextOf(QStringLiteral("portInUse"), 8080, error, ApiServer::PortFrom::Option),
             QStringLiteral("The local API server is not serving: port 8080 (--api-port) is in use by another "
                            "program. Start again with another port."));
}

QTEST_GUILESS_MAIN(TestApiPortTexts)
#include "test_api_port_texts.moc"
