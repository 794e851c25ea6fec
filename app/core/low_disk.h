// low_disk.h — the start's warning that the data folder's disk is (almost) full: a reply that cannot be saved there
// fails at its end ("The reply failed: … disk is full"), so it is said when the window opens, before a message is
// typed (session 35's trial, LOW: README promised a banner, none came). Tests: tests/app/test_low_disk.cpp.
#pragma once

#include <QString>
#include <QtGlobal>

namespace rwkv::app {

/// What saving one reply may take besides its saved state: the messages' rows, SQLite's journal and pages (1 MiB).
inline constexpr qint64 kReplyMarginBytes = qint64(1) << 20;

/// The bytes one reply needs in the data folder with a model whose state is `stateBytes` (its saved state, at most that
/// before compression, plus kReplyMarginBytes).
qint64 replyNeedsBytes(qint64 stateBytes);

/// The warning when `freeBytes` (the data folder's disk, for this user) is below replyNeedsBytes(stateBytes): "The disk
/// of the data folder /d is almost full (12.0 KB free; a reply needs up to 1.10 MB): new messages may not be saved.
/// Free some space, or choose a data folder on another disk in Settings → Folders (used from the next start)."; with
/// nothing free, "… is full (a reply needs up to 1.10 MB): new messages cannot be saved. …". Translated (context
/// "main"); empty when there is room or freeBytes is unknown (negative).
QString lowDiskText(const QString& dataDir, qint64 freeBytes, qint64 stateBytes);

/// lowDiskText for the disk of `dataDir` now (QStorageInfo).
QString lowDiskNotice(const QString& dataDir, qint64 stateBytes);

}  // namespace rwkv::app
