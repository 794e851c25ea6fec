// held_open.h — a program run under strace with its first open of one file held for a while (a model's load that takes
// long, without a large file), and what /proc says of its threads: test_cli_serve (rwkv-cli serve stopped while its
// model loads) and test_quit_while_loading_e2e (rwkv-desktop quit while its model loads). Linux only; a test skips
// where strace is not installed.
#pragma once

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QStandardPaths>
#include <QString>
#include <QStringList>
#include <QThread>

#include <functional>

namespace held_open {

/// strace, or empty where it is not installed.
inline QString strace() { return QStandardPaths::findExecutable(QStringLiteral("strace")); }

/// strace's arguments before the command: its first openat of `path` (-P: only calls on that path; when=1: the first
/// only) is held `seconds` before it runs; strace's own lines go nowhere. It follows threads and children (-f).
inline QStringList straceArgs(const QString& path, int seconds) {
    return {QStringLiteral("-f"), QStringLiteral("-qq"), QStringLiteral("-o"), QStringLiteral("/dev/null"),
            QStringLiteral("-P"), path, QStringLiteral("-e"), QStringLiteral("trace=openat"), QStringLiteral("-e"),
            QStringLiteral("inject=openat:delay_enter=%1:when=1").arg(qint64(seconds) * 1000000)};
}

/// Field `index` of /proc/PID/stat counted from 0 as proc(5) numbers them less one, read after the command's closing
/// parenthesis (2: the state, "Z" for a zombie; 3: the parent; 51: exit_code, as waitpid gives it); empty when the
/// process is gone.
inline QString procStat(qint64 pid, int index) {
    QFile f(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!f.open(QIODevice::ReadOnly)) return {};
    const QByteArray stat = f.readAll();
    const QList<QByteArray> fields = stat.mid(stat.lastIndexOf(')') + 2).trimmed().split(' ');
    return index >= 2 && index - 2 < fields.size() ? QString::fromLatin1(fields[index - 2]) : QString();
}

/// The first child of process `pid` (the program strace runs), or 0.
inline qint64 firstChild(qint64 pid) {
    QFile children(QStringLiteral("/proc/%1/task/%1/children").arg(pid));
    return children.open(QIODevice::ReadOnly) ? children.readAll().trimmed().split(' ').value(0).toLongLong() : 0;
}

/// A thread of process `pid` other than its main one in a traced stop in openat (syscall 257), or empty.
inline QString threadInOpen(qint64 pid) {
    const QString tasks = QStringLiteral("/proc/%1/task").arg(pid);
    for (const QString& tid : QDir(tasks).entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        QFile syscall(tasks + QLatin1Char('/') + tid + QStringLiteral("/syscall"));
        if (tid.toLongLong() != pid && procStat(tid.toLongLong(), 2) == QLatin1String("t") &&
            syscall.open(QIODevice::ReadOnly) && syscall.readAll().startsWith("257 "))
            return tid;
    }
    return {};
}

/// The pid `find` names (0: none yet) once one of its threads other than the main one (free to take a signal) has been
/// held in openat at three looks 300 ms apart: strace's delay, not a passing stop. 0 after `timeoutMs`.
inline qint64 waitForHeldOpen(const std::function<qint64()>& find, int timeoutMs = 60000) {
    QElapsedTimer clock;
    clock.start();
    QString last;
    int looks = 0;
    while (clock.elapsed() < timeoutMs) {
        const qint64 pid = find();
        const QString held = pid > 0 ? threadInOpen(pid) : QString();
        looks = !held.isEmpty() && held == last ? looks + 1 : 1;
        last = held;
        if (!held.isEmpty() && looks >= 3) return pid;
        QThread::msleep(300);
    }
    return 0;
}

/// Whether process `pid` has ended (a zombie its parent has not reaped, or gone), waiting up to `timeoutMs`; its
/// exit_code in `status` where it could be read.
inline bool waitForEnd(qint64 pid, int timeoutMs, int* status) {
    QElapsedTimer clock;
    clock.start();
    for (;;) {
        const QString state = procStat(pid, 2);
        if (state == QLatin1String("Z") || state.isEmpty()) {
            if (status && !state.isEmpty()) *status = procStat(pid, 51).toInt();
            return true;
        }
        if (clock.elapsed() >= timeoutMs) return false;
        QThread::msleep(50);
    }
}

}  // namespace held_open
