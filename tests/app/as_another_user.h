// as_another_user.h — runs a piece of a test as a user without root's right to write through permissions: as `nobody`
// (uid/gid 65534) in a forked child when the test runs as root (as CI does), else in this process. Used where a file
// of mode 000 or a folder without write permission must refuse the test (test_app_settings: a folder that cannot be
// entered; test_drafts: a drafts file that cannot be written).
#pragma once

#include <QByteArray>

#include <grp.h>
#include <sys/wait.h>
#include <unistd.h>

#include <functional>

/// `work`'s result, computed as a user other than root. A child that could not become `nobody` or died gives
/// "(child failed)".
inline QByteArray asAnotherUser(const std::function<QByteArray()>& work) {
    if (::geteuid() != 0) return work();
    int fds[2];
    if (::pipe(fds) != 0) return QByteArrayLiteral("(child failed)");
    const pid_t child = ::fork();
    if (child == 0) {
        ::close(fds[0]);
        if (::setgroups(0, nullptr) != 0 || ::setgid(65534) != 0 || ::setuid(65534) != 0) ::_exit(2);
        const QByteArray out = work();
        const bool written = ::write(fds[1], out.constData(), size_t(out.size())) == out.size();
        ::_exit(written ? 0 : 3);
    }
    ::close(fds[1]);
    QByteArray out;
    char buf[4096];
    for (ssize_t n; (n = ::read(fds[0], buf, sizeof buf)) > 0;) out.append(buf, n);
    ::close(fds[0]);
    int status = 0;
    ::waitpid(child, &status, 0);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) return QByteArrayLiteral("(child failed)");
    return out;
}
