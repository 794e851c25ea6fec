// store/store_error.cpp — builds StoreError messages from SQLite's error state, and the user-facing text.
// Tested in tests/app/test_store_files.cpp, tests/app/test_damaged_database.cpp (printableSqliteWords) and
// tests/cli/test_cli_conversations.cpp.
#include "store_error.h"

#include <sqlite3.h>

#include <stdlib.h>  // mkstemp
#include <sys/stat.h>  // stat: what a database path that is no file is
#include <unistd.h>  // close, unlink

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStringList>

#include <cerrno>
#include <cstring>
#include <utility>

#include "bidi_control.h"  // isolated (app/core): a path in a sentence of the window
#include "utf8_char.h"     // utf8CharAt (app/core)
#include "damaged_database.h"

namespace rwkv::store {

SqliteFile isSqliteFile(const QString& path, QString* why) {
    QFile f(path);
    if (!QFileInfo(path).isFile() || !f.open(QIODevice::ReadOnly)) {
        if (why)
            *why = QFileInfo(path).isDir() ? QStringLiteral("it is a folder")
                   : !QFileInfo::exists(path) ? QStringLiteral("it does not exist")
                                              : f.errorString();
        return SqliteFile::Unreadable;
    }
    const QByteArray head = f.read(16);
    if (head.isEmpty() && f.error() != QFileDevice::NoError) {
        if (why) *why = f.errorString();
        return SqliteFile::Unreadable;
    }
    return head == QByteArray("SQLite format 3", 16) ? SqliteFile::Sqlite : SqliteFile::NotSqlite;  // 16th: the NUL
}

StoreError::StoreError(const std::string& message, int code, int extendedCode, std::string sql, std::string file,
                       std::string sqliteMessage)
    : std::runtime_error(message),
      code_(code),
      extendedCode_(extendedCode),
      sql_(std::move(sql)),
      file_(std::move(file)),
      sqliteMessage_(std::move(sqliteMessage)) {}

namespace {

/// What `file` (followed where it is a link) is when it is none of a file, a folder or nothing: "a named pipe (FIFO)",
/// "a character device", "a block device", "a socket", in English or the window's language; empty for anything else.
QString notARegularFileKind(const QString& file, Words words) {
    const auto say = [words](const char* source) {
        return words == Words::Translated ? QCoreApplication::translate("EngineError", source)
                                          : QString::fromUtf8(source);
    };
    struct stat st {};
    if (::stat(QFile::encodeName(file).constData(), &st) != 0) return {};
    if (S_ISFIFO(st.st_mode)) return say(QT_TRANSLATE_NOOP("EngineError", "a named pipe (FIFO)"));
    if (S_ISCHR(st.st_mode)) return say(QT_TRANSLATE_NOOP("EngineError", "a character device"));
    if (S_ISBLK(st.st_mode)) return say(QT_TRANSLATE_NOOP("EngineError", "a block device"));
    if (S_ISSOCK(st.st_mode)) return say(QT_TRANSLATE_NOOP("EngineError", "a socket"));
    return {};
}

/// The system's error number of the I/O error on `db`: SQLite's (sqlite3_system_errno: errno when it saw the error,
/// often 0 by then at a COMMIT), else the one the write-ahead log's (or rollback journal's) file kept, else the
/// database file's (SQLITE_FCNTL_LAST_ERRNO, which the unix VFS keeps per file).
int ioErrno(sqlite3* db) {
    if (const int e = sqlite3_system_errno(db); e != 0) return e;
    int e = 0;
    sqlite3_file* log = nullptr;
    if (sqlite3_file_control(db, "main", SQLITE_FCNTL_JOURNAL_POINTER, &log) == SQLITE_OK && log && log->pMethods &&
        log->pMethods->xFileControl(log, SQLITE_FCNTL_LAST_ERRNO, &e) == SQLITE_OK && e != 0)
        return e;
    return sqlite3_file_control(db, "main", SQLITE_FCNTL_LAST_ERRNO, &e) == SQLITE_OK ? e : 0;
}

}  // namespace

StoreError StoreError::fromConnection(sqlite3* db, const std::string& context, const std::string& sql) {
    const int ext = db ? sqlite3_extended_errcode(db) : SQLITE_CANTOPEN;
    // An I/O error because the disk is full (growing the -shm index, say), or because the user's disk quota is used up
    // (EDQUOT: the unix VFS makes only ENOSPC SQLITE_FULL), is a full disk to the user: the same words, the same
    // retries once there is room. Before, a quota read "could not be written" (session 38's check).
    int code = ext & 0xff;
    if (code == SQLITE_IOERR && db)
        if (const int e = ioErrno(db); e == ENOSPC || e == EDQUOT) code = SQLITE_FULL;
    const std::string sqliteMessage = db ? sqlite3_errmsg(db) : "out of memory opening the database";
    std::string msg = context + ": " + sqliteMessage;
    msg += " [" + std::string(sqlite3_errstr(ext)) + ", code " + std::to_string(ext) + "]";
    if (!sql.empty())
        msg += " in: " + sql;
    const char* file = db ? sqlite3_db_filename(db, "main") : nullptr;
    return StoreError(msg, code, ext, sql, file ? file : "", sqliteMessage);
}

std::string StoreError::userMessage(Paths paths) const {
    const auto shown = [paths](const std::string& path) {
        return paths == Paths::Isolated ? app::isolated(QString::fromStdString(path)).toStdString() : path;
    };
    const std::string db = file_.empty() ? "the conversation database" : "the conversation database " + shown(file_);
    std::string Db = db;  // at the start of a sentence
    Db[0] = 'T';
    // SQLite's words, a damaged file's bytes in them escaped (printableSqliteWords), as the window quotes them.
    const std::string sqlite = sqliteReason(*this, QString::fromUtf8(sqlite3_errstr(extendedCode_))).toStdString();
    switch (code_) {
    case 0:
        return what();
    case SQLITE_READONLY:
        return Db + " is read-only, so this change was not saved. Make the file and its folder writable, then "
                    "start again.";
    case SQLITE_BUSY:
        if (extendedCode_ == kBusyFreeingStates)  // ConnectionGate::lockWriter, thinSavedStates holding the writer
            return "RWKV Desktop is freeing the space used by saved states in " + db +
                   ", so this change was not made. Try again once it has finished.";
        if (extendedCode_ == kBusyWithThisProgram)  // ConnectionGate::lockWriter
            return "RWKV Desktop is still saving a reply to " + db + ", so this change was not made. Try again in "
                   "a moment.";
        [[fallthrough]];
    case SQLITE_LOCKED:
        return Db + " is locked by another process (" + sqlite +
               "). Close the other program using it (another RWKV Desktop or rwkv-cli) and try again; nothing was "
               "changed.";
    case SQLITE_FULL:
        return "The disk holding " + db + " is full, so this change was not saved. Free some space and try again.";
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB: {
        const QString path = QString::fromStdString(file_);
        // A JSON export, a bundle, a model: not ours to move away. When it cannot be read, SQLite's own words stand.
        if (!file_.empty() && isSqliteFile(path) == SqliteFile::NotSqlite)
            return "The file " + shown(file_) + " is not a conversation database (it is not an SQLite file). Nothing was "
                   "changed.";
        // Backups are named only when there are some (new-user trial, session 20: "named ….bak-v*" beside none).
        // The app's recovery is named: rwkv-cli said only "move it away", and a user lost nothing but did not learn that
        // the app gets the readable chats back (session 40's trial).
        const QStringList backups = file_.empty() ? QStringList{} : upgradeBackups(path);
        std::string message = Db + " is damaged or is not a conversation database (" + sqlite +
                              "). Nothing was changed. RWKV Desktop offers to recover the chats that can still be "
                              "read when it starts with this file; or move it away to start with an empty history";
        if (!backups.isEmpty())
            message += "; the copy kept before its last upgrade is next to it: " + shown(backups.first().toStdString());
        return message + ".";
    }
    case SQLITE_CANTOPEN:
        // "Check that its folder exists and can be read" pointed at the wrong thing for a folder in the file's place
        // (session 23's trial, T12), a link to nothing (session 24's trial, F5), a folder that cannot be written.
        if (!file_.empty())
            if (const QString why = databaseFileProblem(QString::fromStdString(file_), Words::English, paths); !why.isEmpty())
                return why.toStdString();
        return "Cannot open " + db + " (" + sqlite + "). Check that its folder exists and can be read.";
    case SQLITE_PERM:
    case SQLITE_AUTH:
        return "Not allowed to use " + db + " (" + sqlite + "). Check the file's and its folder's permissions.";
    case SQLITE_IOERR:
        return "A disk error occurred while using " + db + " (" + sqlite +
               "); the last change may not have been saved. Check the disk and try again.";
    case SQLITE_CONSTRAINT:
        if (extendedCode_ == SQLITE_CONSTRAINT_COMMITHOOK)  // Database::fileWasReplaced
            return Db + " was replaced or removed by another program while RWKV Desktop had it open, so this change "
                        "was not saved and nothing more is written to it (writing on would damage the file now at "
                        "that path). Quit and start RWKV Desktop again to use the file that is there now.";
        return "Error in " + db + ": " + sqlite + ".";
    case SQLITE_NOMEM:
        return "Out of memory while using " + db + ". Close other programs and try again.";
    default:
        // Anything else is a bug or an unexpected file: say what SQLite said, without the statement.
        return "Error in " + db + ": " + sqlite + ".";
    }
}

QString databaseFileProblem(const QString& file, Words words, Paths paths) {
    const auto say = [words](const char* source) {
        return words == Words::Translated ? QCoreApplication::translate("StoreError", source) : QString::fromUtf8(source);
    };
    // In the window each path is isolated (U+2068 … U+2069): a U+202E in a folder's name turned the rest of the sentence
    // around (session 40's check). rwkv-cli's English is written to a terminal with such characters escaped.
    const auto shown = [paths](const QString& path) { return paths == Paths::Isolated ? app::isolated(path) : path; };
    const QFileInfo f(file);
    const QFileInfo folder(f.absolutePath());
    if (f.isDir())
        return say(QT_TRANSLATE_NOOP("StoreError", "The conversation database %1 is a folder, not a database file: "
                                                   "move or rename it.")).arg(shown(file));
    if (f.exists() && !f.isFile()) {  // a device (a link to /dev/null), a named pipe, a socket (session 40's trial)
        // Which it is, as the engine's require_regular_file names it for a model, a state-tuning file and an import
        // (the same phrases, context EngineError): "a device, a named pipe or a socket" for each before (session 57's
        // loose ends).
        if (const QString kind = notARegularFileKind(file, words); !kind.isEmpty())
            return say(QT_TRANSLATE_NOOP("StoreError", "The conversation database %1 is %2, not a file stored on a "
                                                       "disk: move or remove it.")).arg(shown(file), kind);
        return say(QT_TRANSLATE_NOOP("StoreError", "The conversation database %1 is not a regular file (a device, a "
                                                   "named pipe or a socket): move or remove it.")).arg(shown(file));
    }
    if (f.isSymLink() && !f.exists())  // its folder is fine
        return say(QT_TRANSLATE_NOOP("StoreError", "The conversation database %1 is a link to %2, which does not "
                                                   "exist: remove the link, or point it at a database file."))
            .arg(shown(file), shown(f.symLinkTarget()));
    if (f.exists()) return {};
    if (!folder.exists())
        return say(QT_TRANSLATE_NOOP("StoreError", "Cannot create the conversation database %1: its folder %2 does "
                                                   "not exist. Create the folder, or keep the database in another one."))
            .arg(shown(file), shown(folder.absoluteFilePath()));
    if (folder.isDir() && !folder.isWritable())
        return say(QT_TRANSLATE_NOOP("StoreError", "Cannot create the conversation database %1: its folder %2 cannot "
                                                   "be written. Make the folder writable, or keep the database in "
                                                   "another one."))
            .arg(shown(file), shown(folder.absoluteFilePath()));
    // Writable by its permission bits, and still nothing can be made there: SQLite's "unable to open database file"
    // and "Check that its folder exists and can be read" for /proc (session 53's trial).
    if (const QString why = fileCreationProblem(folder.absoluteFilePath(), words); !why.isEmpty())
        return say(QT_TRANSLATE_NOOP("StoreError", "Cannot create the conversation database %1: no file can be made "
                                                   "in its folder %2 (%3). Keep the database in another folder."))
            .arg(shown(file), shown(folder.absoluteFilePath()), why);
    return {};
}

QString fileCreationProblem(const QString& folder, Words words) {
    const auto say = [words](const char* source) {
        return words == Words::Translated ? QCoreApplication::translate("StoreError", source) : QString::fromUtf8(source);
    };
    const QFileInfo info(folder);
    if (!info.exists()) return say(QT_TRANSLATE_NOOP("StoreError", "it does not exist"));
    if (!info.isDir()) return say(QT_TRANSLATE_NOOP("StoreError", "it is a file, not a folder"));
    QByteArray probe = QFile::encodeName(QDir(folder).filePath(QStringLiteral(".rwkv-desktop-write-check-XXXXXX")));
    if (const int fd = ::mkstemp(probe.data()); fd >= 0) {
        ::close(fd);
        ::unlink(probe.constData());
        return {};
    }
    switch (const int e = errno) {
    case EACCES:
    case EPERM: return say(QT_TRANSLATE_NOOP("StoreError", "permission denied"));
    case EROFS: return say(QT_TRANSLATE_NOOP("StoreError", "a disk mounted read-only"));
    case ENOSPC: return say(QT_TRANSLATE_NOOP("StoreError", "the disk is full"));
    case EDQUOT: return say(QT_TRANSLATE_NOOP("StoreError", "the disk quota is used up"));
    case ENOENT:  // the folder is there: one of the kernel's (/proc), which takes no new files
        return say(QT_TRANSLATE_NOOP("StoreError", "the system lets no file be made in it"));
    default: return QString::fromLocal8Bit(std::strerror(e));
    }
}

QString printableSqliteWords(const std::string& words) {
    constexpr qsizetype kMaxChars = 300;
    QString out;
    const auto escape = [&out](char32_t c, bool byte) {
        out += byte ? QStringLiteral("\\x%1").arg(uint(c), 2, 16, QLatin1Char('0'))
             : c > 0xFFFF ? QStringLiteral("\\U%1").arg(uint(c), 8, 16, QLatin1Char('0'))
                          : QStringLiteral("\\u%1").arg(uint(c), 4, 16, QLatin1Char('0'));
    };
    const auto* p = reinterpret_cast<const unsigned char*>(words.data());
    const auto* end = p + words.size();
    while (p < end && out.size() < kMaxChars) {
        const std::optional<app::Utf8Char> whole = app::utf8CharAt(p, end);  // else the byte alone, escaped
        if (!whole) {
            escape(*p++, true);
            continue;
        }
        p += whole->bytes;
        const char32_t c = whole->code;
        if (QChar::isPrint(c) && QChar::category(c) != QChar::Separator_Line && QChar::category(c) != QChar::Separator_Paragraph)
            out += QString::fromUcs4(&c, 1);
        else
            escape(c, false);
    }
    if (p < end) out += QStringLiteral("…");
    return out;
}

QString sqliteReason(const std::exception& e, const QString& fallback) {
    const auto* se = dynamic_cast<const StoreError*>(&e);
    return se && !se->sqliteMessage().empty() ? printableSqliteWords(se->sqliteMessage()) : fallback;
}

std::string userMessage(const std::exception& e, Paths paths) {
    if (const auto* se = dynamic_cast<const StoreError*>(&e))
        return se->userMessage(paths);
    return e.what();
}

}  // namespace rwkv::store
