// models/part_file.h — who owns a download's "<file>.part" in a models folder that two windows (two data folders) may
// share: a lock beside it while a download writes it, and a record of what was written into it, so that only a .part
// this app wrote for the same file is resumed. Tests: tests/app/test_download_part.cpp.
#pragma once

#include <QLockFile>
#include <QString>
#include <QtGlobal>

#include <optional>

namespace rwkv::models {

/// What a .part holds, as recorded beside it ("<part>.json") before its first byte is written.
struct PartRecord {
    QString fileName;          ///< the final file name
    qint64 expectedSize = -1;  ///< bytes, -1 unknown
    QString sha256;            ///< lower-case hex, empty unknown
    QString url;               ///< the first-hop URL the bytes came from
    QString validator;         ///< the server's ETag or Last-Modified of those bytes (If-Range)
};

/// Who holds a .part's lock that lock() could not take, or why it cannot be taken.
struct LockHolder {
    enum class Kind {
        ThisComputer,   ///< a live process of this computer (QLockFile removes a gone one's lock itself)
        OtherComputer,  ///< another computer's (a shared models folder): whether it still runs cannot be told here
        Unusable,       ///< not a lock that can be taken or read: see problem
    };
    enum class Problem { None, NotAFile, NoPermission, Unreadable, CannotCreate };
    Kind kind = Kind::ThisComputer;
    Problem problem = Problem::None;
    qint64 pid = 0;  ///< the holder's process id, 0 unknown
    QString host;    ///< the holder's host name as written in the lock (OtherComputer)
    /// `host` as a sentence names it (oneLine): at most 64 characters, then "…" (a host name has at most 64; anyone
    /// who can write a shared models folder can write more, and 600 of them filled the download banner: session 29's
    /// check, L3), each control, format (bidi: U+202E reversed the rest of the sentence), separator, private-use,
    /// unassigned or surrogate character written as an escape ("\n", "\u202e", "\U000e0001"), never cut inside.
    QString shownHost() const;
};

/// The lock "<part>.lock" (a QLockFile: stale only when its process of this computer is gone, never by age, as a
/// download can take hours; another computer's is taken over only through takeOver) and the record "<part>.json" of
/// one .part file.
class PartFile {
public:
    explicit PartFile(const QString& partPath);

    /// Takes the lock without waiting. False when it is not taken: *holder then says who holds it or why it cannot be.
    bool lock(LockHolder* holder = nullptr);
    /// Removes another computer's lock that the caller judged abandoned (still that holder's: the same host and
    /// process, re-read here) and takes it. False when it is no longer that lock or cannot be removed or taken.
    bool takeOver(const LockHolder& holder);
    QString lockPath() const { return path_ + QStringLiteral(".lock"); }
    /// The sizes and modification times of the .part, record and lock, as one string: unchanged while nothing
    /// writes beside the lock.
    QString besideState() const;
    bool isLocked() const { return lock_.isLocked(); }
    void unlock() { lock_.unlock(); }

    /// The record beside the .part, if there is one that reads.
    std::optional<PartRecord> record() const;
    /// Whether the record says the .part holds bytes of `wanted`: the same file name, and the same size and sha256
    /// where both sides know them (the same URL where neither knows the sha256).
    bool holds(const PartRecord& wanted) const;
    /// Writes the record (atomically; skipped when it is what this object wrote last); false when it cannot be written.
    bool writeRecord(const PartRecord& record) const;
    /// Removes the .part and its record.
    void remove() const;

    const QString& path() const { return path_; }
    QString recordPath() const { return path_ + QStringLiteral(".json"); }

private:
    QString path_;
    QLockFile lock_;
    mutable QByteArray written_;  // the record's bytes as last written
};

}  // namespace rwkv::models
