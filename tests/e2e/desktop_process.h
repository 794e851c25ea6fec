// desktop_process.h — how the e2e tests start the real rwkv-desktop and read how it ended. Under an Xvfb of its own
// (own-display.sh) where Xvfb is installed (the xcb platform: real rendering for the screenshots), else on the offscreen
// platform.
#pragma once

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QHash>
#include <QList>
#include <QProcess>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <csignal>
#include <functional>
#include <map>
#include <memory>
#include <vector>

#include <sys/types.h>

namespace rwkv::e2e {

// The app runs under sh, which reports its real status on stderr (a signal: 128 + its number). Before session 38
// xvfb-run (Debian 12) stood in between and answered 5 instead of its command's status when it could not remove its
// temporary folder: 3 of 30 runs of an app that refused a bad --set within a second, on the 2-core box.
inline const QString kStatusMark = QStringLiteral("rwkv-desktop exit status: ");
/// The Xvfb of each run (own-display.sh's first argument): the screen, and -terminate: it ends once its last client
/// (the app) has gone, also where own-display.sh was killed before it could stop it.
inline const QString kXvfbServerArgs = QStringLiteral("-screen 0 1280x800x24 -terminate");

/// The program and first arguments that run a command under an Xvfb of its own (tests/e2e/own-display.sh: Xvfb picks a
/// free display itself, so e2e tests run side by side under ctest -j), or empty where Xvfb is not installed.
inline QStringList ownDisplayCommand() {
    if (QStandardPaths::findExecutable(QStringLiteral("Xvfb")).isEmpty()) return {};
    return {QStringLiteral("/bin/sh"), QStringLiteral(RWKV_SOURCE_DIR "/tests/e2e/own-display.sh"), kXvfbServerArgs};
}

/// After `p` finished: the app's exit status (-2 when a signal ended it) and, in `err`, its stderr without the lines
/// startDesktop's wrapper adds.
inline int finishDesktop(QProcess& p, QString* err) {
    QString e = QString::fromUtf8(p.readAllStandardError());
    int status = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2;
    if (const qsizetype at = e.lastIndexOf(kStatusMark); at >= 0) {
        const qsizetype end = e.indexOf(u'\n', at);
        const qsizetype stop = end < 0 ? e.size() : end + 1;
        status = e.mid(at + kStatusMark.size(), stop - at - kStatusMark.size()).trimmed().toInt();
        if (status > 128) status = -2;  // sh reports 128 + the signal's number
        e.remove(at, stop - at);
    }
    *err = e;
    return status;
}

/// The rwkv-desktop processes at or under process `root` (under own-display.sh: it, sh, rwkv-desktop), from /proc.
inline QList<qint64> desktopPidsUnder(qint64 root) {
    QHash<qint64, QList<qint64>> children;
    for (const QString& entry : QDir(QStringLiteral("/proc")).entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        bool number = false;
        const qint64 pid = entry.toLongLong(&number);
        QFile stat(QStringLiteral("/proc/%1/stat").arg(entry));
        if (!number || !stat.open(QIODevice::ReadOnly)) continue;
        const QByteArray line = stat.read(4096);  // "PID (COMM) STATE PPID ...": COMM may hold spaces and ')'
        const QList<QByteArray> rest = line.mid(line.lastIndexOf(')') + 2).split(' ');
        if (rest.size() > 1) children[rest.at(1).toLongLong()].append(pid);
    }
    QList<qint64> found, todo{root};
    while (!todo.isEmpty()) {
        const qint64 pid = todo.takeFirst();
        QFile comm(QStringLiteral("/proc/%1/comm").arg(pid));
        if (comm.open(QIODevice::ReadOnly) && comm.readAll().trimmed() == "rwkv-desktop") found.append(pid);
        todo.append(children.value(pid));
    }
    return found;
}

/// Ends a desktop started by startDesktop() that is still running, as a crash would: SIGKILL to the app itself (its
/// lock file stays behind), so that the sh around it and own-display.sh end by themselves and the latter stops its Xvfb.
/// Once `p` has ended the app is gone, not just signalled: the sh reaped it first. Before, SIGKILL to xvfb-run returned at
/// once, left its Xvfb running for good (an orphan of the test) and, on timeout, the app too. `p` itself is killed
/// only if it has not ended 10 s later.
inline void stopDesktop(QProcess& p) {
    if (p.state() == QProcess::NotRunning) return;
    for (const qint64 pid : desktopPidsUnder(p.processId())) ::kill(pid_t(pid), SIGKILL);
    if (!p.waitForFinished(10000)) {
        p.kill();
        p.waitForFinished(5000);
    }
}

/// --screenshot-at's time brought forward: SIGUSR1 to the app started in `p` (ScreenshotHook::captureOnSignal), which
/// saves the window as at that time. For a test that can see the state it waits for (a reply stored, a line on stdout):
/// the time given stays the limit, long enough for a busy machine, and a quiet one does not wait it out. Send it only
/// once the app shows it is past its start (a line of the hook, a row stored): before, SIGUSR1 ends it. False when no
/// app runs under `p`.
inline bool captureNow(const QProcess& p) {
    const QList<qint64> pids = desktopPidsUnder(p.processId());
    return !pids.isEmpty() && ::kill(pid_t(pids.first()), SIGUSR1) == 0;
}

/// The QProcess of a desktop started by startDesktop(): destroyed while the app still runs (a failed QVERIFY, a wait
/// that timed out), it ends it as stopDesktop() does, and own-display.sh then stops its Xvfb. A plain QProcess SIGKILLed
/// xvfb-run alone: the app and its Xvfb ran on (session 34's check: a stray Xvfb after a failed e2e test).
class DesktopProcess : public QProcess {
public:
    using QProcess::QProcess;
    ~DesktopProcess() override { stopDesktop(*this); }
};

/// Starts `RWKV_DESKTOP_BIN args` in `p` with `env` (QT_QPA_PLATFORM set here). Read the end with finishDesktop().
/// Its Xvfb runs with kXvfbServerArgs.
inline void startDesktop(DesktopProcess& p, QProcessEnvironment env, const QStringList& args) {
    const QStringList display = ownDisplayCommand();
    if (!display.isEmpty()) {
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("xcb"));
        p.setProgram(display.first());
        p.setArguments(display.mid(1) +
                       QStringList{QStringLiteral("/bin/sh"), QStringLiteral("-c"),
                                   QStringLiteral("\"$0\" \"$@\"; s=$?; echo \"") + kStatusMark +
                                       QStringLiteral("$s\" >&2; exit $s"),
                                   QStringLiteral(RWKV_DESKTOP_BIN)} +
                       args);
    } else {
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        p.setProgram(QStringLiteral(RWKV_DESKTOP_BIN));
        p.setArguments(args);
    }
    p.setProcessEnvironment(env);
    p.start();
}

/// How a run of the app ended: its exit status (-1: it did not start or timed out), stdout and stderr.
struct DesktopRun {
    int exitCode = -1;
    QString out, err;
};

/// The XDG_CONFIG_HOME (the Settings) of runDesktop() calls given none: one folder per test function (and data row),
/// shared by the runs of that test, never by two tests. Before, one folder served the whole test program, so what one
/// test stored — chat/lastModel naming a model in its deleted temporary folder, a language, a conversations folder —
/// changed the next test's start (session 23's CI failure: damagedDatabaseIsMovedAsideOnRequest got the remembered
/// model's banner in place of the notice it checks). A test that means its runs to share Settings with another passes
/// its own folder.
inline QString defaultConfigDir() {
    static std::map<QString, std::unique_ptr<QTemporaryDir>> folders;  // removed when the program ends
    const char* function = QTest::currentTestFunction();
    const char* row = QTest::currentDataTag();
    std::unique_ptr<QTemporaryDir>& folder =
        folders[QString::fromUtf8(function ? function : "") + u'/' + QString::fromUtf8(row ? row : "")];
    if (!folder) folder = std::make_unique<QTemporaryDir>();
    return folder->path();
}

/// The environment runDesktop() starts the app in: `configDir` its XDG_CONFIG_HOME (the Settings; empty =
/// defaultConfigDir(), the current test's own folder, never the user's), no data folder or language from this one's.
inline QProcessEnvironment desktopEnvironment(const QString& configDir = {}) {
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("RWKV_DESKTOP_DATA_DIR"));
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), configDir.isEmpty() ? defaultConfigDir() : configDir);
    env.remove(QStringLiteral("RWKV_DESKTOP_LANG"));
    return env;
}

/// How the app started in `p` ended: `waitForEnd` waits for it once it runs (false: it did not end in time; it is then
/// stopped and the run says "timed out").
inline DesktopRun desktopRunOf(DesktopProcess& p, const std::function<bool()>& waitForEnd) {
    DesktopRun r;
    // Started and maybe ended already (runDesktopsAtOnce: while the event loop waited for another start).
    if (p.error() == QProcess::FailedToStart || (p.state() != QProcess::NotRunning && !p.waitForStarted(10000))) {
        r.err = p.errorString();
        return r;
    }
    if (!waitForEnd()) {
        stopDesktop(p);
        r.err = QStringLiteral("timed out");
        return r;
    }
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.exitCode = finishDesktop(p, &r.err);
    return r;
}

/// Runs the app with `args` and waits up to `timeoutMs`; with `serveWhileRunning` the caller's event loop keeps running
/// meanwhile (for a loopback HttpTestServer living on this thread). `configDir`: the XDG_CONFIG_HOME of this run (the
/// Settings); empty = defaultConfigDir(), the current test's own folder, never the user's.
inline DesktopRun runDesktop(const QStringList& args, int timeoutMs = 180000, bool serveWhileRunning = false,
                             const QString& configDir = {}) {
    DesktopProcess p;
    QSignalSpy finished(&p, &QProcess::finished);
    startDesktop(p, desktopEnvironment(configDir), args);
    return desktopRunOf(p, [&] { return serveWhileRunning ? finished.wait(timeoutMs) : p.waitForFinished(timeoutMs); });
}

/// One start of runDesktopsAtOnce(): the app's arguments and its XDG_CONFIG_HOME (the Settings; empty =
/// defaultConfigDir(), the current test's own folder, which its runs share).
struct DesktopStart {
    QStringList args;
    QString configDir;
    QString workingDirectory;              ///< empty: this program's
    QHash<QString, QString> environment;  ///< over desktopEnvironment()'s (HOME: the folder a file dialog opens in)
};

/// The folders of one start among runDesktopsAtOnce()'s: a data folder and a settings folder of its own, both empty
/// until the test fills them (a second start on one data folder finds it locked).
struct StartFolders {
    QTemporaryDir data, config;
    bool isValid() const { return data.isValid() && config.isValid(); }
    QString path() const { return data.path(); }
    QString filePath(const QString& name) const { return data.filePath(name); }
    DesktopStart start(const QStringList& args) const { return {args, config.path(), {}, {}}; }
};

/// Runs the app once for each of `starts`, side by side (each under an Xvfb of its own, as ctest -j runs the e2e
/// tests; at most kMostAtOnce at a time, the next once the oldest running has ended), and waits up to `timeoutMs` for
/// all of them; their runs in the order given. For starts that do not depend on each other: each with a data folder of
/// its own (a second start on one folder finds it locked) and, where what one start keeps in its Settings (a draft, a
/// folder, the last model) would change another's, a settings folder of its own (StartFolders). One start after another
/// was most of a test's time (session 42: a start waits for its model, presses its keys 150 ms apart, then waits 400 ms
/// for the window to be drawn; test_keyboard_e2e, test_file_dialogs_e2e), and a start mostly waits: the starts of one
/// test side by side take about as long as the longest.
inline QList<DesktopRun> runDesktopsAtOnce(const QList<DesktopStart>& starts, int timeoutMs = 180000) {
    constexpr qsizetype kMostAtOnce = 6;  // ~200 MB each with its Xvfb; CI runs two suites at once on 2 cores
    std::vector<std::unique_ptr<DesktopProcess>> processes;
    const auto launch = [&](const DesktopStart& start) {
        processes.push_back(std::make_unique<DesktopProcess>());
        QProcessEnvironment env = desktopEnvironment(start.configDir);
        for (auto it = start.environment.cbegin(); it != start.environment.cend(); ++it) env.insert(it.key(), it.value());
        if (!start.workingDirectory.isEmpty()) processes.back()->setWorkingDirectory(start.workingDirectory);
        startDesktop(*processes.back(), env, start.args);
    };
    for (qsizetype i = 0; i < std::min(kMostAtOnce, starts.size()); ++i) launch(starts[i]);
    QElapsedTimer clock;
    clock.start();
    QList<DesktopRun> runs;
    for (qsizetype i = 0; i < starts.size(); ++i) {
        DesktopProcess& p = *processes[size_t(i)];
        runs << desktopRunOf(p, [&] {  // the event loop reads every app's output meanwhile
            return QTest::qWaitFor([&] { return p.state() == QProcess::NotRunning; },
                                   int(std::max<qint64>(1, timeoutMs - clock.elapsed())));
        });
        if (i + kMostAtOnce < starts.size()) launch(starts[i + kMostAtOnce]);
    }
    return runs;
}

/// runDesktop() for `args` with --screenshot-at S: the window is saved as soon as `reached` (asked every 100 ms while
/// the app runs; e.g. a reply stored in the database, which the app writes only once past its start) says the state
/// the test waits for is there and the keys are done (captureNow), at the latest S seconds after the start as before.
/// So S can be long enough for a loaded machine, and a quiet one does not wait it out: a fixed S of 6 to 12 s was most
/// of such a run (session 40).
inline DesktopRun runDesktopUntil(const QStringList& args, const std::function<bool()>& reached,
                                  int timeoutMs = 180000, const QString& configDir = {}) {
    DesktopProcess p;
    startDesktop(p, desktopEnvironment(configDir), args);
    return desktopRunOf(p, [&] {
        QElapsedTimer clock;
        clock.start();
        bool asked = false;
        while (p.state() != QProcess::NotRunning && clock.elapsed() < timeoutMs) {
            if (!asked && reached()) asked = captureNow(p);
            p.waitForFinished(100);
        }
        return p.state() == QProcess::NotRunning;
    });
}

/// The value of the hook's first line "`name`: VALUE" in a run's `out`, or "(no NAME)" (long_conversation.h's hookLine
/// takes the last one).
inline QString hookValue(const QString& out, const QString& name) {
    const QRegularExpressionMatch m =
        QRegularExpression(QStringLiteral("^") + QRegularExpression::escape(name) + QStringLiteral(": (.*)$"),
                           QRegularExpression::MultilineOption)
            .match(out);
    return m.hasMatch() ? m.captured(1) : QStringLiteral("(no %1)").arg(name);
}

}  // namespace rwkv::e2e
