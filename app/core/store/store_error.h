// store/store_error.h — the one exception type of the SQLite store layer.
// Carries SQLite's message, its (extended) result code and the statement that failed, so nothing is lost
// on the way to the log; userMessage() is what a person is shown instead. Tested in tests/app/test_store_files.cpp.
#pragma once

#include <QString>

#include <exception>
#include <stdexcept>
#include <string>

struct sqlite3;

namespace rwkv::store {

/// How a sentence names a file or folder: as it is (rwkv-cli, which escapes bidi controls when it writes to a terminal;
/// logs), or isolated (app::isolated, U+2068 … U+2069) for the window, where a U+202E in a folder's name would draw the
/// rest of the sentence backwards.
enum class Paths { AsTheyAre, Isolated };

/// Thrown by every store class on failure. what() is for developers and logs and reads like
/// "saveTurnResult: CHECK constraint failed: length(model_fingerprint) > 0 [SQLITE_CONSTRAINT_CHECK 275]
///  in: INSERT INTO states ..."; userMessage() is for people (no SQL, what to do).
class StoreError : public std::runtime_error {
public:
    /// code/extendedCode are SQLite result codes (0 when the failure is not SQLite's, e.g. a version check);
    /// sql is the failing statement's text (empty when none); file the database file (empty when unknown);
    /// sqliteMessage SQLite's own text (sqlite3_errmsg), without context or statement.
    StoreError(const std::string& message, int code = 0, int extendedCode = 0, std::string sql = {},
               std::string file = {}, std::string sqliteMessage = {});

    /// Builds an error from the connection's current error state: "<context>: <sqlite3_errmsg> [...] in: <sql>".
    static StoreError fromConnection(sqlite3* db, const std::string& context, const std::string& sql = {});

    int code() const noexcept { return code_; }                  ///< primary SQLite result code, e.g. SQLITE_CONSTRAINT
    int extendedCode() const noexcept { return extendedCode_; }  ///< e.g. SQLITE_CONSTRAINT_CHECK
    const std::string& sql() const noexcept { return sql_; }     ///< the failing statement, or empty
    const std::string& file() const noexcept { return file_; }   ///< the database file, or empty
    const std::string& sqliteMessage() const noexcept { return sqliteMessage_; }

    /// One or two sentences for a person, in English, without SQL: what happened to which file and what to do.
    /// SQLite's own words are kept only where they help ("database is locked", "disk I/O error"). Errors the store
    /// wrote itself (code 0: a newer schema, a bad import) are already written that way: what() unchanged. `paths`:
    /// how it names the database, its folder, a link's target and an upgrade's backup.
    std::string userMessage(Paths paths = Paths::AsTheyAre) const;

private:
    int code_ = 0;
    int extendedCode_ = 0;
    std::string sql_;
    std::string file_;
    std::string sqliteMessage_;
};

/// StoreError::extendedCode() of a change refused because this program's own other store call (a reply and its state
/// being saved, on the InferenceWorker's thread) held the store's writer longer than the calling thread's lock wait
/// limit (ConnectionGate::lockWriter). Its code() is SQLITE_BUSY (5), but no other program is involved.
inline constexpr int kBusyWithThisProgram = 5 | (64 << 8);
/// The same when that call is "Free space used by saved states" (thinSavedStates: its VACUUM holds the writer for
/// seconds on a big library): a rename or a new chat meanwhile said "still saving a reply" (session 49's trial).
inline constexpr int kBusyFreeingStates = 5 | (65 << 8);
/// StoreError::extendedCode() of a full disk met while the open mended a damaged free-page list (checkMarkedDamage's
/// VACUUM writes the whole file anew): code() SQLITE_FULL (13), said with the room it needs (session 54's trial3:
/// "read-only (the disk is full)" with 424 KB free, the need unsaid).
inline constexpr int kFullWhileMending = 13 | (66 << 8);

/// SQLite's message (StoreError::sqliteMessage) as a sentence quotes it: a damaged file's bytes that SQLite quotes
/// ("malformed database schema (…) - near \"…\": syntax error") shown as escapes — a byte that is no whole UTF-8
/// character as \xa5, a control, format or direction character as \u0007, \u202e — and cut after 300 characters
/// ("…"). The damaged database's start window quoted them as they were (session 42's trial: boxes, U+FFFD and a line
/// break inside the sentence), userMessage until session 44. Said so by userMessage (rwkv-cli, the window's English
/// details) and app::sqliteWords, storeErrorText and the start window (app::printableSqliteWords is this one).
QString printableSqliteWords(const std::string& words);

/// SQLite's own words for `e` as a sentence quotes them: the message a StoreError kept (sqlite3_errmsg: "file is not a
/// database"), printableSqliteWords; else — another exception, or a StoreError without one — `fallback`, which each
/// caller words: userMessage and app::sqliteWords the text of the error's extended code (sqlite3_errstr: "disk I/O
/// error"), the damaged database's start window the store's English sentence. One rule for all of them (until session
/// 45 the start window and app::sqliteWords each wrote it again).
QString sqliteReason(const std::exception& e, const QString& fallback);

/// userMessage(paths) for a StoreError, what() for any other exception.
std::string userMessage(const std::exception& e, Paths paths = Paths::AsTheyAre);

/// The language of a sentence: English (rwkv-cli, logs) or the window's (QCoreApplication::translate, context
/// "StoreError"; English too while no translator is installed).
enum class Words { English, Translated };

/// Why no file can be made in the folder `folder`, in a few words for a sentence's brackets, or empty when one can:
/// it tries, creating and removing at once a hidden file (.rwkv-desktop-write-check-XXXXXX), as the permission bits
/// do not tell (root "may write" /proc and /sys). "permission denied", "a disk mounted read-only", "the disk is full",
/// "the disk quota is used up", "the system lets no file be made in it" (a folder of the kernel's: /proc said "No such
/// file or directory", session 53's trial), "it does not exist", "it is a file, not a folder", else the system's own
/// words (strerror).
QString fileCreationProblem(const QString& folder, Words words);

/// Why no conversation database can be opened or made at `file`, seen from the file system alone, or empty when it
/// sees nothing wrong there: `file` is a folder; a link to nothing; no such file, and its folder does not exist or
/// cannot be written, or no file can be made in it (fileCreationProblem: /proc as root). (An existing file in a folder
/// that cannot be written is usable: it opens read-only.) The one
/// place these cases are told apart and worded, e.g. "The conversation database /d/conversations.sqlite is a folder,
/// not a database file: move or rename it.": StoreError::userMessage (SQLITE_CANTOPEN, English), the window's
/// app::storeErrorText and app::databaseFolderProblem (the offer of the standard folder at start; translated). With
/// Words::Translated each path is isolated (app::isolated, U+2068 … U+2069), as the window's sentences quote names;
/// English ones as `paths` says (the two-argument form: as they are).
QString databaseFileProblem(const QString& file, Words words, Paths paths);
inline QString databaseFileProblem(const QString& file, Words words) {
    return databaseFileProblem(file, words, words == Words::Translated ? Paths::Isolated : Paths::AsTheyAre);
}

/// What the start of a file says about it: SQLite's 16-byte header string ("SQLite format 3" and a NUL).
enum class SqliteFile {
    Sqlite,      ///< the header is there (the file may still be damaged further on)
    NotSqlite,   ///< readable, and it does not start with the header (a JSON export, a model; also an empty file)
    Unreadable,  ///< missing, a folder, or cannot be opened for reading
};

/// Reads at most the first 16 bytes of `path`. `why` (optional) gets the reason for Unreadable, e.g. "Permission
/// denied". Used where an error or a refusal depends on whether a file is an SQLite database: userMessage() and
/// `rwkv-cli export --out`.
SqliteFile isSqliteFile(const QString& path, QString* why = nullptr);

}  // namespace rwkv::store
