// low_disk.cpp — see low_disk.h.
#include "low_disk.h"

#include "models/disk_space.h"  // freeBytes, humanBytes
#include "models/one_line.h"    // isolated

#include <QCoreApplication>
#include <QDir>

#include <algorithm>

namespace rwkv::app {

qint64 replyNeedsBytes(qint64 stateBytes) { return std::max<qint64>(stateBytes, 0) + kReplyMarginBytes; }

QString lowDiskText(const QString& dataDir, qint64 freeBytes, qint64 stateBytes) {
    const qint64 needed = replyNeedsBytes(stateBytes);
    if (freeBytes < 0 || freeBytes >= needed) return {};
    // Nothing free is full, not "almost full (0 B free…)" (session 36's trial, nit). What to do is said in the window's
    // words (Settings → Folders → Conversations, Change…), not as a command-line option: the banner is in the window,
    // and the window can choose the folder (session 39's check: "start with --data-dir on another disk"). The folder is
    // isolated (U+2068…U+2069) as every path in a sentence is (session 42's trial: it was not).
    if (freeBytes == 0)
        return QCoreApplication::translate("main", "The disk of the data folder %1 is full (a reply needs up to %2): "
                                                   "new messages cannot be saved. Free some space, or choose a data "
                                                   "folder on another disk in Settings → Folders (used from the next "
                                                   "start).")
            .arg(models::isolated(QDir::toNativeSeparators(dataDir)), models::humanBytes(needed));
    return QCoreApplication::translate("main", "The disk of the data folder %1 is almost full (%2 free; a reply needs up "
                                               "to %3): new messages may not be saved. Free some space, or choose a "
                                               "data folder on another disk in Settings → Folders (used from the next "
                                               "start).")
        .arg(models::isolated(QDir::toNativeSeparators(dataDir)), models::humanBytes(freeBytes),
             models::humanBytes(needed));
}

QString lowDiskNotice(const QString& dataDir, qint64 stateBytes) {
    return lowDiskText(dataDir, models::freeBytes(dataDir), stateBytes);
}

}  // namespace rwkv::app
