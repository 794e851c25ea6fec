// test_window_handoff.cpp — a second start's ask reaches the app that holds its data folder (app/gui/window_handoff.h)
// whichever way the folder is named: through a symlink, with a trailing slash, or as "..": the socket is named for the
// folder's canonical path, as the folder's lock (a file inside it) is one file whatever the path.
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>
#include <atomic>
#include <thread>

#include "window_handoff.h"

class TestWindowHandoff : public QObject {
    Q_OBJECT

private slots:
    void symlinkedFolderIsHandedToItsApp();
};

// Session 56's loose ends (LOW): the app on D, a second start with --data-dir L/ (L -> D) found the folder locked but
// asked a socket named for L's path: no answer, its notice and exit 1 instead of the window brought forward.
void TestWindowHandoff::symlinkedFolderIsHandedToItsApp() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString data = dir.filePath(QStringLiteral("data"));
    QVERIFY(QDir().mkpath(data));
    const QString link = dir.filePath(QStringLiteral("link"));
    QVERIFY(QFile::link(data, link));
    QCOMPARE(rwkv::gui::handoffName(link + QLatin1Char('/')), rwkv::gui::handoffName(data));
    QCOMPARE(rwkv::gui::handoffName(data + QStringLiteral("/../data")), rwkv::gui::handoffName(data));
    QVERIFY(rwkv::gui::handoffName(dir.path()) != rwkv::gui::handoffName(data));  // another folder, another socket
    // A folder not there (yet) keeps its absolute path's name.
    QCOMPARE(rwkv::gui::handoffName(dir.filePath(QStringLiteral("new/"))),
             rwkv::gui::handoffName(dir.filePath(QStringLiteral("new"))));

    rwkv::gui::WindowHandoff app(data);
    QVERIFY(app.listening());
    // The second start asks from its own thread: the app answers from this one's event loop.
    std::atomic<int> answered{-1};  // -1: still asking
    std::thread second([&] { answered = rwkv::gui::askToBringForward(link + QLatin1Char('/'), 5000) ? 1 : 0; });
    QVERIFY(QTest::qWaitFor([&] { return answered >= 0; }, 10000));
    second.join();
    QCOMPARE(answered.load(), 1);
}

QTEST_GUILESS_MAIN(TestWindowHandoff)
#include "test_window_handoff.moc"
