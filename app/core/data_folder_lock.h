// data_folder_lock.h — the lock file that lets one process at a time write a data folder's conversations: held by
// rwkv-desktop while it runs (app/gui/main.cpp) and by rwkv-cli's writing commands (app/cli/cli_conversations.cpp).
#pragma once

#include <QLockFile>
#include <QString>

#include <memory>

namespace rwkv::app {

/// The process holding a data folder's lock, as QLockFile recorded it: its id and executable name ("rwkv-desktop",
/// "rwkv-cli").
struct DataFolderLockHolder {
    qint64 pid = 0;
    QString appName;
};

/// The state letter of process `pid` in /proc/PID/stat (Linux: 'R', 'S', 'D', 'Z' ended but not reaped, ...), or 0
/// where there is no such process or no /proc. A zombie writes nothing any more, yet QLockFile can count it as
/// running (kill(pid, 0) succeeds on it; Qt looks at /proc/PID/exe, which some systems keep readable): a killed app
/// stays a zombie for good where its parent died too and PID 1 does not reap.
char processState(qint64 pid);

/// Whether process `pid` has ended or is ending (Linux): ended and not reaped (state Z or X), or every one of its threads
/// leaving (PF_EXITING in /proc/PID/task/TID/stat's flags: killed, its memory and files being let go). False for a live
/// process, also one whose first thread has ended while others run (that thread reads as Z), and where there is no
/// such process or no /proc.
bool processEnding(qint64 pid);

/// The longest lockDataFolder waits for a holder that is ending to let go of its lock.
constexpr int kEndingHolderWaitMs = 10000;

/// Takes the lock file kDataFolderLockFileName (app_paths.h) in `folder`, waiting up to 200 ms. Stale time 0: a lock
/// whose process is gone, ended and not yet reaped (a zombie, Linux) or ending (processEnding: still letting go of its
/// memory and files after kill -9, seconds for a big one) is taken over once the kernel has closed its file, waited for
/// up to kEndingHolderWaitMs (a start right after kill -9 works); a live one is never broken, but a lock file whose
/// process runs and holds another (copied with its folder) is taken over (Linux: nobody holds Qt's flock on it).
/// Returns the QLockFile to keep alive while writing: locked, or not locked where no lock file can be made (a
/// read-only or missing folder; the caller goes without one). Returns nullptr and fills `holder` when another running
/// process holds it.
std::unique_ptr<QLockFile> lockDataFolder(const QString& folder, DataFolderLockHolder& holder);

}  // namespace rwkv::app
