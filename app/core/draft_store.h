// draft_store.h — the unsent text of each chat's message box (Composer.qml's drafts), in a JSON file of its own beside
// the settings file, written all or nothing (writeWholeFile). Before session 35 the drafts were keys of the settings
// file, and on a nearly full disk Qt 6.4's QSettings wrote that whole file cut or empty (with status() NoError): a
// 9,000-character draft could wipe the language, the theme and every other chat's draft. Here a save that does not
// fit leaves the file as it was, whole. Tested in tests/app/test_app_settings.cpp (AppSettings::draft / setDraft).
#pragma once

#include <QJsonObject>
#include <QList>
#include <QSet>
#include <QString>

#include "whole_file_write.h"

namespace rwkv::app {

class DraftStore {
public:
    /// Reads `path` (JSON: {"drafts": {DATABASE: {ID: TEXT}}, "saved": {DATABASE: {ID: MS}}, "held": {DATABASE: {ID:
    /// N}}}); a missing file is no drafts. A file that is not such
    /// JSON (cut by hand, another program's), larger than kMaxFileBytes, or not a plain file (a folder, a FIFO, a
    /// dangling link) is renamed to PATH.unreadable (or
    /// PATH.unreadable-N, never over an earlier one), kept for the user, with a warning in the log, and reading starts
    /// empty; unreadable() then names it.
    explicit DraftStore(QString path);
    /// The largest drafts file read: 256 MiB (a 50 MB one reads in well under a second).
    static constexpr qint64 kMaxFileBytes = qint64(256) << 20;

    /// Whether a file was at `path` when this store was made (read, or kept aside): the settings keys of sessions
    /// 33-34 are taken over only when none was.
    bool existed() const { return existed_; }

    QString path() const { return path_; }
    /// Where an unreadable file was moved at construction; empty when none was.
    QString unreadable() const { return unreadable_; }
    /// The draft of conversation `id` (0: the new chat) of the database `database` (any stable key of it); empty when
    /// none.
    QString text(const QString& database, qint64 id) const;
    /// When that draft was last changed, in ms since the Unix epoch; 0 when unknown (none, or taken over from the
    /// settings keys of sessions 33-34).
    qint64 savedAt(const QString& database, qint64 id) const;
    /// How many characters at the start of that draft were held beside the message box (a long paste, Composer.qml),
    /// the rest — after the blank line that joins them — typed in the box; 0 when none was held or it is not known
    /// (a draft of a build before session 58, which the composer then parts by its text alone).
    qsizetype held(const QString& database, qint64 id) const;
    /// Sets that draft (a text of blanks only removes it), `held` of its first characters held beside the box (held()),
    /// and writes the whole file. Returns whether the file now holds every draft as text() answers them; false (the
    /// disk full, the folder unwritable): the file keeps what it held before, whole, text() answers the new text for
    /// this run, and the next set() or write() tries again.
    bool set(const QString& database, qint64 id, const QString& text, qsizetype held = 0);
    /// Sets that draft only where there is none, without writing (an older settings file's drafts taken over).
    void adopt(const QString& database, qint64 id, const QString& text);
    /// Removes the drafts of `database` whose conversation is not in `conversations` (the new chat's, 0, stays) and,
    /// when there were any, writes the file. Returns how many were removed.
    int keepOnly(const QString& database, const QSet<qint64>& conversations);
    /// Writes the whole file (its folder made when missing). Returns whether the file now holds every draft.
    bool write();
    /// Whether the file holds that draft as text() answers it: false after a set() or adopt() of it that no write()
    /// has carried to the file yet (all or nothing: a write that fits carries every draft).
    bool kept(const QString& database, qint64 id) const;
    /// Why the last write did not fit (None when it did, or none was tried): every draft not kept() is not kept for
    /// this reason, as each write carries them all. Before, any failure read as "the disk is full" (a file of mode 000,
    /// a read-only folder too: session 35's check).
    WriteFailure failure() const { return failure_; }
    /// The system's words for failure() ("Permission denied", "Read-only file system", "Input/output error").
    QString failureReason() const { return failureReason_; }
    /// The system's error number of that failure (EACCES, EROFS …; WholeFileWrite::systemError), 0 when none or unknown.
    int failureErrno() const { return failureErrno_; }
    /// The ids of `database`'s drafts that hold text and are not kept (kept() false), in order: the text a quit now
    /// would lose. A draft removed (a blank box) whose removal was not written is not among them: nothing is lost.
    QList<qint64> unkept(const QString& database) const;

private:
    QString path_;
    QString unreadable_;
    bool existed_ = false;
    QJsonObject drafts_;   // database -> {id -> text}
    QJsonObject saved_;    // database -> {id -> ms since the epoch}: savedAt()
    QJsonObject held_;     // database -> {id -> characters held beside the box}: held(), only where more than 0
    bool written_ = true;  // the file holds drafts_
    WriteFailure failure_ = WriteFailure::None;
    QString failureReason_;
    int failureErrno_ = 0;
    QSet<QString> unwritten_;  // "DATABASE/ID" of the drafts changed since the last write that fitted
};

}  // namespace rwkv::app
