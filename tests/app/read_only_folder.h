// read_only_folder.h — a folder made read-only for the test process while a ReadOnlyFolder lives, as a disk mounted
// read-only (a team's read-only share of models, a write-protected drive) is: root writes through permissions, so
// as root it is a read-only bind mount of the folder onto itself (the files already in it stay visible; writes fail
// with "Read-only file system"), else chmod 0555. Undone at the end. Used by test_app_settings (a data folder that
// cannot be written), test_model_manager and test_local_models (a read-only models folder), test_store_files,
// test_damaged_database and test_cli_conversations (a library in a read-only folder).
#pragma once

#include <QDir>
#include <QFile>
#include <QString>

#include <sys/mount.h>
#include <unistd.h>

struct ReadOnlyFolder {
    /// Makes `path` (created when missing) read-only. A test checks QFileInfo(path).isWritable() after and skips when
    /// it still is (root without the right to mount, e.g. in a container without CAP_SYS_ADMIN).
    explicit ReadOnlyFolder(const QString& path) : path(path) {
        QDir().mkpath(path);
        const QByteArray p = QFile::encodeName(path);
        if (::geteuid() == 0 && ::mount(p.constData(), p.constData(), nullptr, MS_BIND, nullptr) == 0) {
            mounted = ::mount(nullptr, p.constData(), nullptr, MS_BIND | MS_REMOUNT | MS_RDONLY, nullptr) == 0;
            if (!mounted) ::umount2(p.constData(), MNT_DETACH);
        }
        if (!mounted) QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::ExeOwner);
    }
    ~ReadOnlyFolder() {
        if (mounted) ::umount2(QFile::encodeName(path).constData(), MNT_DETACH);
        else QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    }
    ReadOnlyFolder(const ReadOnlyFolder&) = delete;
    ReadOnlyFolder& operator=(const ReadOnlyFolder&) = delete;
    QString path;
    bool mounted = false;  ///< a read-only mount (its writes fail with EROFS), not a chmod
};
