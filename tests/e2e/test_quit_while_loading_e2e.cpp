// test_quit_while_loading_e2e.cpp — the real rwkv-desktop quit (SIGTERM, as a logout or `kill` quits it; the window's
// close takes the same way out) while its model loads: the process ends at once with status 0 and its data folder is
// free for the next start. It waited for the load (Model::load cannot be cut short): the window gone, the process
// and its lock stayed for the rest of it — 14 s for a 1.5B model on the 2-core box — and a start meanwhile said
// "RWKV Desktop is already open with this data folder" with no window to switch to (session 57's trial2). The load is
// made long by strace holding the model's open (tests/app/held_open.h). App: app/gui/main.cpp (endDuringLoad),
// InferenceWorker::loadingWeights.
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <csignal>

#include "app/held_open.h"
#include "desktop_process.h"

class TestQuitWhileLoadingE2e : public QObject {
    Q_OBJECT

private slots:
    void quitWhileTheModelLoadsEndsAtOnce();
};

void TestQuitWhileLoadingE2e::quitWhileTheModelLoadsEndsAtOnce() {
    if (held_open::strace().isEmpty()) QSKIP("strace not found: the model's load cannot be held");
    QTemporaryDir tmp, config;
    QVERIFY(tmp.isValid() && config.isValid());
    const QString data = tmp.filePath(QStringLiteral("data"));
    const QString model = tmp.filePath(QStringLiteral("held.pth"));  // its own path: only the load opens it first
    QVERIFY(QFile::copy(QStringLiteral(RWKV_TESTDATA_DIR "/tiny-rwkv7-834K.pth"), model));

    rwkv::e2e::DesktopProcess app;
    QProcessEnvironment env = rwkv::e2e::desktopEnvironment(config.path());
    const QStringList command = held_open::straceArgs(model, 20) +
                                QStringList{QStringLiteral(RWKV_DESKTOP_BIN), QStringLiteral("--data-dir"), data,
                                            QStringLiteral("--model"), model, QStringLiteral("--lang"),
                                            QStringLiteral("en")};
    const QStringList display = rwkv::e2e::ownDisplayCommand();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), display.isEmpty() ? QStringLiteral("offscreen") : QStringLiteral("xcb"));
    app.setProcessEnvironment(env);
    if (display.isEmpty())
        app.start(held_open::strace(), command);
    else
        app.start(display.first(), display.mid(1) + QStringList{held_open::strace()} + command);
    QVERIFY(app.waitForStarted(10000));
    const qint64 pid = held_open::waitForHeldOpen([&] {
        const QList<qint64> pids = rwkv::e2e::desktopPidsUnder(app.processId());
        return pids.size() == 1 ? pids.first() : 0;
    });
    QVERIFY2(pid > 0, "no thread of rwkv-desktop was held at the model's open");

    QElapsedTimer clock;
    clock.start();
    QCOMPARE(::kill(pid_t(pid), SIGTERM), 0);
    int status = -1;
    const bool ended = held_open::waitForEnd(pid, 10000, &status);  // 20 s and more before: the load's end
    const QString state = held_open::procStat(pid, 2);
    const qint64 tracer = held_open::procStat(pid, 3).toLongLong();  // strace, still waiting out its delay
    if (tracer > 1) ::kill(pid_t(tracer), SIGKILL);                  // then own-display.sh stops its Xvfb
    QVERIFY(app.waitForFinished(30000));
    QVERIFY2(ended, qPrintable(QStringLiteral("still %1 after %2 ms").arg(state).arg(clock.elapsed())));
    QCOMPARE(status, 0);  // exited with status 0, not killed by the signal

    // The data folder is free: the next start opens its window (it was refused while the first still loaded).
    const rwkv::e2e::DesktopRun next = rwkv::e2e::runDesktop(
        {QStringLiteral("--data-dir"), data, QStringLiteral("--lang"), QStringLiteral("en"), QStringLiteral("--screenshot"),
         tmp.filePath(QStringLiteral("next.png")), QStringLiteral("--timeout"), QStringLiteral("60")},
        120000, false, config.path());
    QVERIFY2(next.exitCode == 0, qPrintable(next.err));
    QVERIFY2(!next.err.contains(QStringLiteral("already open")), qPrintable(next.err));
    QVERIFY(QFileInfo(tmp.filePath(QStringLiteral("next.png"))).size() > 0);
}

QTEST_GUILESS_MAIN(TestQuitWhileLoadingE2e)
#include "test_quit_while_loading_e2e.moc"
