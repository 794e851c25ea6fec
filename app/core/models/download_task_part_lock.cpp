// models/download_task_part_lock.cpp — DownloadTask and the .part's lock: another window or computer downloading the
// same file (waiting for it, taking over an abandoned lock, adopting the file it finished), a lock that cannot be
// used, and whether the .part on disk is this download's. The rest: download_task.cpp. Tests: test_download_part.
#include "download_task.h"

#include <QDir>
#include <QFileInfo>

#include "one_line.h"  // isolatedPath

namespace rwkv::models {

void DownloadTask::waitForOtherWindow(qint64 holderPid) {
    showWaiting(holderPid > 0 ? said(QT_TR_NOOP("%1 is being downloaded by another RWKV Desktop window (process %2) into "
                                                "the same models folder. This one waits and uses the file once it is "
                                                "there."),
                                     {record_.file_name, QString::number(holderPid)})
                              : said(QT_TR_NOOP("%1 is being downloaded by another RWKV Desktop window into the same models "
                                                "folder. This one waits and uses the file once it is there."),
                                     {record_.file_name}));
}

void DownloadTask::showWaiting(const Wording& message) {
    waitingForOther_ = true;
    partSize_ = QFileInfo(partPath()).size();  // the other window's bytes: the bar follows them
    if (state_ != DownloadState::Downloading || message_ != message)
        setState(DownloadState::Downloading, message);
    else
        emitProgress(true);
    lockTimer_.start(options_.partLockPollMs);
}

// Session 29's trial (T2): another computer's lock on a shared models folder was waited for forever. Whether its
// window still runs cannot be asked from here, so it is judged by what it writes: the .part and its record beside the
// lock. Unchanged for options_.otherComputerStaleMs (5 min: a live window writes, or gives up and unlocks, sooner),
// or absent at two looks (a window makes its .part right after taking the lock), the lock is taken as abandoned.
bool DownloadTask::otherComputerGaveUp(const LockHolder& holder) {
    const bool nothingBeside = !QFileInfo::exists(partPath()) && !QFileInfo::exists(partFile_.recordPath());
    const QString seen = QStringLiteral("%1|%2|").arg(holder.host).arg(holder.pid) + partFile_.besideState();
    const qint64 now = clock_.elapsed();
    if (foreignSinceMs_ < 0 || seen != foreignSeen_) {
        foreignSeen_ = seen;
        foreignSinceMs_ = now;
        return false;
    }
    return nothingBeside || now - foreignSinceMs_ >= options_.otherComputerStaleMs;
}

void DownloadTask::waitForOtherComputer(const LockHolder& holder) {
    showWaiting(said(QT_TR_NOOP("%1 is being downloaded by RWKV Desktop on another computer (%2, process %3) into this "
                                "shared models folder: its lock is %4. This one waits and uses the file once it is there; "
                                "if nothing changes beside that lock for %5 min, this one takes the download over."),
                     {record_.file_name, holder.shownHost(), QString::number(holder.pid),
                      isolatedPath(partFile_.lockPath()),
                      QString::number(qMax<qint64>(1, (options_.otherComputerStaleMs + 30000) / 60000))}));
}

void DownloadTask::failOnLock(LockHolder::Problem problem) {
    const QString lock = isolatedPath(partFile_.lockPath());
    switch (problem) {
    case LockHolder::Problem::NotAFile:
        return fail(said(QT_TR_NOOP("Cannot download %1: its lock %2 is not a file (a folder or something else has that "
                                    "name). Remove it, then retry."),
                         {record_.file_name, lock}),
                    false);
    case LockHolder::Problem::NoPermission:
        return fail(said(QT_TR_NOOP("Cannot download %1: its lock %2 cannot be made (no permission to write in the "
                                    "models folder)."),
                         {record_.file_name, lock}),
                    false);
    case LockHolder::Problem::Unreadable:
        return fail(said(QT_TR_NOOP("Cannot download %1: its lock %2 cannot be read (it was not written by RWKV "
                                    "Desktop). If no window on any computer downloads this model, remove it, then retry."),
                         {record_.file_name, lock}),
                    false);
    case LockHolder::Problem::None:
    case LockHolder::Problem::CannotCreate:
        break;
    }
    fail(said(QT_TR_NOOP("Cannot download %1: its lock %2 cannot be made in the models folder."), {record_.file_name, lock}),
         false);
}

// The window that held the lock finished: its verified file is in place (checked by size here; its sha256 was).
void DownloadTask::adoptFinishedFile() {
    waitingForOther_ = false;
    const qint64 size = QFileInfo(finalPath()).size();
    if (record_.expected_size >= 0 && size != record_.expected_size)
        return fail(said(QT_TR_NOOP("%1 is already in the models folder."), {record_.file_name}), false);
    try {
        store_.remove(record_.id);
    } catch (const std::exception& e) {
        qWarning("DownloadTask: %s", e.what());
    }
    partSize_ = size;
    setState(DownloadState::Completed);
    emit completed(record_.id, finalPath(), record_.expected_sha256);
}

PartRecord DownloadTask::partRecord() const {
    return {record_.file_name, record_.expected_size, record_.expected_sha256, record_.current_url, record_.validator};
}

bool DownloadTask::ownsPart() const {
    if (partFile_.holds(partRecord()))
        return true;
    // A .part of an app version before the records: this data folder's row of the download says it wrote it.
    return !partFile_.record() && record_.bytes_done > 0;
}

}  // namespace rwkv::models
