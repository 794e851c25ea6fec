// store/database.cpp — SQLite connection, pragmas, statement cache and backups.
// Tested in tests/app/test_store.cpp.
#include "database.h"
#include "damage_mark.h"
#include "read_copy.h"

#include "invisible_format.h"  // isInvisibleFormat (app/core): the characters rwkv_holds_invisible_format finds
#include "utf8_char.h"  // utf8CharAt (app/core)

#include <sqlite3.h>

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStorageInfo>
#include <QString>
#include <QUrl>

#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/xattr.h>

#include <cerrno>
#include <cstdio>
#include <cstdint>
#include <cstring>

#include <algorithm>
#include <bitset>
#include <chrono>
#include <iterator>
#include <mutex>
#include <optional>
#include <set>
#include <tuple>
#include <utility>

namespace rwkv::store {

namespace {

/// The first two bytes of the UTF-8 of the characters `of` says yes to (isInvisibleFormat's: C2 AD, D8 9C, E2 80, E2
/// 81, EF BB today), as bits lead << 8 | second: a character starting otherwise (every letter of most scripts, CJK's
/// E4…E9, a fullwidth comma's EF BC) is not decoded: decoding at every lead byte made the scan of 20,000 Chinese
/// messages of 700 characters 1.8 times slower than the byte patterns this replaced. Worked out from `of` itself, once
/// (under 1 ms).
std::bitset<65536> startsOf(bool (*of)(char32_t)) {
    std::bitset<65536> bits;
    for (char32_t c = 0x80; c <= 0x10FFFF; ++c) {
        if (!of(c)) continue;
        const unsigned lead = c < 0x800 ? 0xC0 | c >> 6 : c < 0x10000 ? 0xE0 | c >> 12 : 0xF0 | c >> 18;
        const unsigned second = 0x80 | ((c < 0x800 ? c : c < 0x10000 ? c >> 6 : c >> 12) & 0x3F);
        bits.set(lead << 8 | second);
    }
    return bits;
}

const std::bitset<65536>& startsOfInvisibleFormat() {
    static const std::bitset<65536> starts = startsOf(rwkv::app::isInvisibleFormat);
    return starts;
}

/// Whether NFC (Unicode's composed form) changes `text`.
bool changedByNfc(const QString& text) { return text.normalized(QString::NormalizationForm_C) != text; }

/// Whether NFC (Unicode's composed form, what a keyboard types) may change `c` or join it to the character before:
/// a combining mark (é typed as e + U+0301, as a Mac's file names and some web pages hold it), a Hangul vowel or final
/// consonant jamo (한 as three jamo), or a character NFC replaces by another (U+212B ANGSTROM SIGN by U+00C5). Asked of
/// Qt once per code point (a table of 139 KB): asking at each character read made Japanese text, whose kana share
/// their first UTF-8 bytes with U+3099, a QString per character.
bool mayChangeUnderNfc(char32_t c) {
    static const std::bitset<0x110000>* const table = [] {
        auto* bits = new std::bitset<0x110000>;
        for (char32_t u = 0x80; u <= 0x10FFFF; ++u) {
            const QChar::Category category = QChar::category(u);
            if (category == QChar::Mark_NonSpacing || category == QChar::Mark_SpacingCombining ||
                category == QChar::Mark_Enclosing || (u >= 0x1161 && u <= 0x1175) || (u >= 0x11A8 && u <= 0x11C2) ||
                (QChar::decompositionTag(u) == QChar::Canonical && changedByNfc(QString::fromUcs4(&u, 1))))
                bits->set(u);
        }
        return bits;
    }();
    return c < 0x110000 && table->test(c);
}

const std::bitset<65536>& startsOfMayChangeUnderNfc() {
    static const std::bitset<65536> starts = startsOf(mayChangeUnderNfc);
    return starts;
}

/// Calls `seen` with each character of the UTF-8 text [p, end) whose first two bytes are among `starts` (startsOf),
/// until it returns true; returns whether it did. ASCII is skipped eight bytes at a time.
template <class Seen>
bool anyCharStartingAs(const unsigned char* p, const unsigned char* end, const std::bitset<65536>& starts, Seen seen) {
    for (; p && end - p >= 2; ++p) {
        if (*p < 0x80) {  // ASCII (most of a chat's text): past the next eight bytes while they are ASCII too
            std::uint64_t eight;
            while (end - p >= 9 && (std::memcpy(&eight, p + 1, 8), (eight & 0x8080808080808080u) == 0)) p += 8;
            continue;
        }
        if (*p < 0xC2 || !starts[unsigned(*p) << 8 | p[1]]) continue;  // a continuation byte, or no such start
        const std::optional<rwkv::app::Utf8Char> c = rwkv::app::utf8CharAt(p, end);
        if (c && seen(c->code)) return true;
    }
    return false;
}

/// SQL rwkv_holds_invisible_format(text): 1 when the text holds an invisible formatting character (isInvisibleFormat,
/// app/core/invisible_format.h, the one place the set is written), else 0; ConversationStore::search reads such
/// messages by their letters. Reads the text's bytes once, ASCII eight at a time, and asks isInvisibleFormat about
/// the character at each lead byte that starts as one of the set does (before session 43 the set was spelled out again
/// here as UTF-8 byte patterns). Over 20,000 messages of 700 characters (CPU time, a loaded 2-core box): 11 -> 7 ms in
/// English, 47 -> 53 ms in Chinese; a search's 12 -> 8 ms and 58 -> 64 ms. A scan for the bidi controls alone with
/// GLOB '*[\u202A-\u202E\u2066-\u2069]*' took 0.41 s for 20,000 messages (14 M characters; LIKE '%x%' 0.015 s).
void holdsInvisibleFormat(sqlite3_context* context, int, sqlite3_value** argv) {
    const auto* p = sqlite3_value_text(argv[0]);
    const unsigned char* end = p ? p + sqlite3_value_bytes(argv[0]) : nullptr;
    sqlite3_result_int(context, anyCharStartingAs(p, end, startsOfInvisibleFormat(), rwkv::app::isInvisibleFormat));
}

/// Whether the UTF-8 text [p, p + bytes) is not in Unicode's composed form (NFC). Only a text holding a character NFC
/// may change (mayChangeUnderNfc) is made a QString and asked; Thai or Hindi in NFC is asked and says no.
bool notNfcText(const unsigned char* p, int bytes) {
    return anyCharStartingAs(p, p ? p + bytes : nullptr, startsOfMayChangeUnderNfc(), mayChangeUnderNfc) &&
           changedByNfc(QString::fromUtf8(reinterpret_cast<const char*>(p), bytes));
}

/// SQL rwkv_not_nfc(text): 1 when the text is not in Unicode's composed form (NFC), else 0: a message pasted with "é"
/// as e + U+0301 (decomposed, NFD) looks as "é" typed does, but the index holds other characters, and a search for
/// "café" found nothing (session 44's trial).
void notNfc(sqlite3_context* context, int, sqlite3_value** argv) {
    sqlite3_result_int(context, notNfcText(sqlite3_value_text(argv[0]), sqlite3_value_bytes(argv[0])));
}

/// SQL rwkv_read_as_letters(text): rwkv_holds_invisible_format(text) OR rwkv_not_nfc(text) in one pass over the text,
/// what ConversationStore::search asks of the messages it scans: such a message is matched by its letters
/// (withoutInvisibleFormat, composed). One call a message instead of two: with the two, a search's scan of 20,000
/// messages took 8.4 ms for "harbour" (300 conversations of gen_conversations --measure, a loaded 2-core box), with
/// this one 6.1 ms, as rwkv_holds_invisible_format alone did (6.0 ms).
void readAsLetters(sqlite3_context* context, int, sqlite3_value** argv) {
    static const std::bitset<65536> starts = startsOfInvisibleFormat() | startsOfMayChangeUnderNfc();
    const auto* p = sqlite3_value_text(argv[0]);
    const int bytes = sqlite3_value_bytes(argv[0]);
    bool mayBeDecomposed = false;
    const bool invisible = anyCharStartingAs(p, p ? p + bytes : nullptr, starts, [&](char32_t c) {
        mayBeDecomposed = mayBeDecomposed || mayChangeUnderNfc(c);
        return rwkv::app::isInvisibleFormat(c);
    });
    sqlite3_result_int(context, invisible || (mayBeDecomposed && notNfcText(p, bytes)));
}

/// The app's SQL functions on a new connection (holdsInvisibleFormat, notNfc, readAsLetters).
void addFunctions(sqlite3* db) {
    sqlite3_create_function_v2(db, "rwkv_holds_invisible_format", 1,
                               SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, nullptr, holdsInvisibleFormat,
                               nullptr, nullptr, nullptr);
    sqlite3_create_function_v2(db, "rwkv_not_nfc", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, nullptr,
                               notNfc, nullptr, nullptr, nullptr);
    sqlite3_create_function_v2(db, "rwkv_read_as_letters", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
                               nullptr, readAsLetters, nullptr, nullptr, nullptr);
}

/// Opens path with flags; on failure closes the half-open handle and throws StoreError naming the file.
sqlite3* openOrThrow(const QByteArray& name, int flags, const std::string& shownPath) {
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(name.constData(), &db, flags, nullptr) != SQLITE_OK) {
        StoreError error = StoreError::fromConnection(db, "open " + shownPath);
        sqlite3_close(db);
        throw StoreError(error.what(), error.code(), error.extendedCode(), {}, shownPath, error.sqliteMessage());
    }
    addFunctions(db);
    return db;
}

}  // namespace

/// SQLite's busy handler for a Database: sleeps in SQLite's own steps (1, 2, 5 … 100 ms) until the lock is free or
/// the connection's timeout, or this thread's shorter limit, has passed (then 0: SQLITE_BUSY). sqlite3_busy_timeout
/// has one timeout per connection, and the app's GUI thread and its InferenceWorker share one. The live limit is read
/// at every step, so a wait already under way ends as soon as another thread has set one it has passed.
int Database::waitForLock(void* database, int count) {
    static constexpr int kDelays[] = {1, 2, 5, 10, 15, 20, 25, 25, 25, 50, 50, 100};
    constexpr int kLast = int(std::size(kDelays)) - 1;
    auto* db = static_cast<Database*>(database);
    int limit = db->busyTimeoutMs_;
    if (const int mine = lockWaitLimitNow(); mine >= 0) limit = std::min(limit, mine);
    int waited = 0;
    for (int i = 0; i < count; ++i) waited += kDelays[std::min(i, kLast)];
    db->waitingForLock_ = waited < limit;
    if (waited >= limit) return 0;
    sqlite3_sleep(std::min(kDelays[std::min(count, kLast)], limit - waited));
    return 1;
}

/// After each commit in WAL mode (sqlite3_wal_hook, which replaces SQLite's own checkpoint after 1,000 pages: kept
/// here): on a disk with less than kLowDiskBytes free, the write-ahead log is moved into the database and emptied
/// (truncated to 0 bytes). The log only grew until those 1,000 pages (~4 MiB), and with the 64 MiB journal_size_limit
/// it kept its size after them: on a 2 MiB disk it took the room of the database, whose pages freed by the retention
/// policy went unused, and ~6 turns of the demo model fitted (session 35's check). Without waiting for a reader
/// (another connection reading: emptied after a later commit). Best effort: a checkpoint that fails changes nothing.
int Database::walCommitted(void* database, sqlite3* db, const char* name, int pages) {
    auto* self = static_cast<Database*>(database);
    struct statvfs disk {};
    if (::statvfs(self->absolutePath_.constData(), &disk) == 0 &&
        qint64(disk.f_bavail) * qint64(disk.f_frsize) < kLowDiskBytes) {
        sqlite3_busy_handler(db, nullptr, nullptr);
        sqlite3_wal_checkpoint_v2(db, name, SQLITE_CHECKPOINT_TRUNCATE, nullptr, nullptr);
        sqlite3_busy_handler(db, waitForLock, self);
    } else if (pages >= kAutoCheckpointPages) {
        sqlite3_wal_checkpoint_v2(db, name, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
    }
    return SQLITE_OK;
}

void Database::allocateGrowthBeforeCommit() {
    if (readOnly_ || isMemory() || device_ == 0) return;
    struct statvfs disk {};
    if (::statvfs(absolutePath_.constData(), &disk) != 0) return;
    const qint64 freeBytes = qint64(disk.f_bavail) * qint64(disk.f_frsize);
    if (freeBytes >= kLowDiskBytes) return;
    struct stat st {};
    if (::stat(absolutePath_.constData(), &st) != 0) return;
    qint64 pages = 0, pageSize = 0;
    {
        auto s = cached("PRAGMA page_count");
        if (s->step()) pages = s->columnInt64(0);
    }
    {
        auto s = cached("PRAGMA page_size");
        if (s->step()) pageSize = s->columnInt64(0);
    }
    sqlite3_int64 size = pages * pageSize;
    const qint64 growth = size - qint64(st.st_size);
    if (growth <= 0) return;
    const auto full = [&](const char* why) {
        return StoreError(std::string("commit: database or disk is full (") + why + ", " + std::to_string(growth) +
                              " bytes more for " + path_.toStdString() + ", " + std::to_string(freeBytes) + " free)",
                          SQLITE_FULL, SQLITE_FULL, {}, path_.toStdString(), "database or disk is full");
    };
    if (freeBytes - growth < kLogRoomBytes) throw full("the log's room would be taken");
    // SQLite's unix VFS allocates on SQLITE_FCNTL_SIZE_HINT only with a chunk size set: the page size, for this call.
    int chunk = int(pageSize);
    sqlite3_file_control(db_, "main", SQLITE_FCNTL_CHUNK_SIZE, &chunk);
    const int rc = sqlite3_file_control(db_, "main", SQLITE_FCNTL_SIZE_HINT, &size);
    chunk = 0;
    sqlite3_file_control(db_, "main", SQLITE_FCNTL_CHUNK_SIZE, &chunk);
    if (rc != SQLITE_OK) throw full("could not allocate");
}

namespace {

/// The (device, inode) of the file at path, or (0, 0) when there is none.
std::pair<quint64, quint64> fileIdentity(const QByteArray& path) {
    struct stat st {};
    if (::stat(path.constData(), &st) != 0) return {0, 0};
    return {quint64(st.st_dev), quint64(st.st_ino)};
}

/// SQLite's commit hook: non-zero turns the commit into a rollback (SQLITE_CONSTRAINT_COMMITHOOK).
int checkBeforeCommit(void* database) { return static_cast<Database*>(database)->refusesCommit() ? 1 : 0; }

/// The extended attribute by which a writing Database names, on its -wal, the file that -wal belongs to: SQLite's WAL
/// header and frames do not say (their salts only tie the frames to that header).
constexpr const char* kWalOwner = "user.rwkv-desktop.database";
constexpr qint64 kWalHeaderBytes = 32;  // a -wal no longer than its header holds no pages

// True the first time this process says something of `file`: the store and the downloads open the same library, and a
// warning about it is printed once.
bool saidFirstTime(const QByteArray& file) {
    static std::mutex mutex;
    static std::set<QByteArray> said;
    const std::lock_guard guard(mutex);
    return said.insert(file).second;
}

QByteArray ownerTag(std::pair<quint64, quint64> identity) {
    return QByteArray::number(identity.first) + ' ' + QByteArray::number(identity.second);
}

/// The file whose -wal SQLite keeps for `path`: the file a link points to (SQLite puts the -wal next to it), else
/// `path` made absolute.
QByteArray walOwnerPath(const QString& path) {
    const QString real = QFileInfo(path).canonicalFilePath();
    return QFile::encodeName(real.isEmpty() ? QFileInfo(path).absoluteFilePath() : real);
}

/// Sets aside a -wal next to `path` that holds pages and is tagged for another file than the one now at `path` (or
/// none): the file that was there before, replaced by another program while its writer had it open, the writer then
/// killed before it emptied that -wal (emptyWalOfAReplacedFile). SQLite's next open would read those pages into the
/// file now at `path` and damage it. The -wal is renamed, not deleted: it is the old file's last changes.
void setAsideWalOfAnotherFile(const QByteArray& path) {
    const QByteArray wal = path + "-wal";
    struct stat st {};
    if (::stat(wal.constData(), &st) != 0 || st.st_size <= kWalHeaderBytes) return;
    char tag[64];
    const ssize_t n = ::getxattr(wal.constData(), kWalOwner, tag, sizeof tag);
    if (n <= 0 || QByteArray(tag, int(n)) == ownerTag(fileIdentity(path))) return;  // untagged: SQLite's own rules
    const QByteArray aside =
        wal + '.' + QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss-zzz")).toUtf8() + "-of-" +
        QByteArray(tag, int(n)).replace(' ', '-');
    if (std::rename(wal.constData(), aside.constData()) == 0)
        qWarning("rwkv store: %s-wal belonged to the file that was at that path before (it was replaced while a "
                 "program had it open); set aside as %s so that its pages are not read into the file there now",
                 path.constData(), aside.constData());
    else
        qWarning("rwkv store: %s-wal belongs to another file than %s, and it could not be set aside: %s",
                 path.constData(), path.constData(), std::strerror(errno));
}

}  // namespace

int& lockWaitLimitOfThisThread() {
    thread_local int limit = -1;
    return limit;
}

const std::atomic<int>*& liveLockWaitLimitOfThisThread() {
    thread_local const std::atomic<int>* limit = nullptr;
    return limit;
}

int lockWaitLimitNow() noexcept {
    if (const std::atomic<int>* live = liveLockWaitLimitOfThisThread())
        if (const int set = live->load(); set >= 0) return set;
    return std::max(lockWaitLimitOfThisThread(), -1);
}

std::unique_lock<std::timed_mutex> lockWithinLimit(std::timed_mutex& mutex, int* limitMs) {
    // The step bounds how late a lowered live limit is seen; a free mutex is taken at once whatever the step.
    constexpr std::chrono::milliseconds kStep{10};
    std::unique_lock lock(mutex, std::try_to_lock);
    const auto start = std::chrono::steady_clock::now();
    while (!lock.owns_lock()) {
        const int limit = lockWaitLimitNow();
        auto step = kStep;
        if (limit >= 0) {
            const auto left = std::chrono::milliseconds(limit) - (std::chrono::steady_clock::now() - start);
            if (left <= left.zero()) {
                if (limitMs) *limitMs = limit;
                break;
            }
            step = std::min(step, std::chrono::ceil<std::chrono::milliseconds>(left));
        }
        if (lock.try_lock_for(step)) break;
    }
    return lock;
}

Database::Database(const QString& path, int busyTimeoutMs, bool readOnly)
    : path_(path), busyTimeoutMs_(busyTimeoutMs), readOnly_(readOnly) {
    const QByteArray file = path.toUtf8();
    // A device (a link to /dev/null), a named pipe or a socket in the file's place: SQLite opened /dev/null and failed
    // at its first write with "disk I/O error", which the start-up window read as a full disk (session 40's trial); a
    // pipe would wait for a writer. Refused before SQLite sees it, as SQLITE_CANTOPEN, which databaseFileProblem names.
    if (const QFileInfo info(path); !isMemory() && info.exists() && !info.isFile() && !info.isDir())
        throw StoreError("open " + file.toStdString() + ": not a regular file", SQLITE_CANTOPEN, SQLITE_CANTOPEN, {},
                         file.toStdString(), "not a regular file");
    if (!isMemory()) setAsideWalOfAnotherFile(walOwnerPath(path));
    if (!readOnly || isMemory()) {
        readOnly_ = false;
        db_ = openOrThrow(file, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, file.toStdString());
        // SQLite opens a file the system will not let it write (a read-only mount, no write permission) for reading
        // only, without a word; a WAL file then failed its first read with "unable to open database file" where its
        // folder cannot take the -shm index (session 35: a healthy library in a read-only bind mount, opened for
        // writing in a test), or read as writable until its first change. It is opened as a read-only Database is.
        if (!isMemory() && sqlite3_db_readonly(db_, "main") == 1) {
            sqlite3_close(db_);
            db_ = nullptr;
            readOnly_ = true;
            qWarning("rwkv store: %s cannot be written (a read-only disk or no write permission): opened read-only",
                     file.constData());
        }
    }
    if (!db_) {
        // A URI so that mode=rw / mode=ro / immutable=1 apply; the path is percent-encoded ('?' and '#' in folders).
        const QByteArray name = "file:" + QUrl::toPercentEncoding(path, "/");
        const QFileInfo info(path);
        if (info.isFile() && info.isWritable() && QFileInfo(info.absolutePath()).isWritable()) {
            // Read-only by query_only on a read-write connection (mode=rw: never created): closing it removes the
            // -wal/-shm of a WAL file as any last reader does, so `rwkv-cli conversations list` leaves the library as
            // it was. When even that cannot read (a full disk: the -shm index cannot grow), read it as below.
            db_ = openOrThrow(name + "?mode=rw", SQLITE_OPEN_READWRITE | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX,
                              file.toStdString());
            sqlite3_busy_handler(db_, waitForLock, this);
            if (sqlite3_exec(db_, "PRAGMA query_only = ON; SELECT count(*) FROM sqlite_schema", nullptr, nullptr,
                             nullptr) != SQLITE_OK) {
                sqlite3_close(db_);
                db_ = nullptr;
            }
        }
        if (!db_) {
            const QByteArray uri = name + "?mode=ro";
            const int flags = SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX;
            db_ = openOrThrow(uri, flags, file.toStdString());
            // A WAL file needs its -shm index; with a read-only folder and no -shm left behind, the first read fails
            // with SQLITE_CANTOPEN. Nobody can write such a file (no -wal can be created), so immutable is exact.
            // On a full disk the -shm cannot grow (SQLITE_IOERR_SHMSIZE): immutable is exact there too as long as
            // the -wal holds nothing (a clean exit checkpoints it), since no writer can run without that index.
            const auto walIsEmpty = [&path] { return QFileInfo(path + QStringLiteral("-wal")).size() == 0; };
            if (sqlite3_exec(db_, "SELECT count(*) FROM sqlite_schema", nullptr, nullptr, nullptr) != SQLITE_OK &&
                (sqlite3_errcode(db_) == SQLITE_CANTOPEN || sqlite3_errcode(db_) == SQLITE_READONLY ||
                 (sqlite3_errcode(db_) == SQLITE_IOERR && walIsEmpty()))) {
                sqlite3_close(db_);
                db_ = nullptr;
                // Immutable reads what the file holds, not its -wal: the -wal's pages are read from a copy instead.
                const bool walHoldsPages = QFileInfo(path + QStringLiteral("-wal")).size() > kWalHeaderBytes;
                bool madeTheCopy = false;
                if (walHoldsPages && openCopyWithItsLog(path, &madeTheCopy)) {
                    if (madeTheCopy)  // once per start: every other connection reads the same copy
                        qWarning("rwkv store: %s cannot be written and its -wal has no -shm index: read from a "
                                 "temporary copy of the two, so that the newest changes are read (the originals are "
                                 "not changed)",
                                 file.constData());
                } else {
                    db_ = openOrThrow(uri + "&immutable=1", flags, file.toStdString());
                    newestChangesUnread_ = walHoldsPages;
                    if (walHoldsPages && saidFirstTime(file))  // not again for the downloads' connection
                        qWarning("rwkv store: %s cannot be written and its -wal has no -shm index, and no copy of them "
                                 "could be made: read as of its last checkpoint (the newest changes, in the -wal, are "
                                 "not read)",
                                 file.constData());
                }
            }
        }
    }
    sqlite3_extended_result_codes(db_, 1);
    if (!readOnly_ && !isMemory()) {
        absolutePath_ = QFile::encodeName(QFileInfo(path).absoluteFilePath());  // a later chdir changes nothing
        walPath_ = walOwnerPath(path) + "-wal";  // now that the file exists
        std::tie(device_, inode_) = fileIdentity(absolutePath_);
        if (inode_ != 0) sqlite3_commit_hook(db_, checkBeforeCommit, this);
        sqlite3_wal_hook(db_, walCommitted, this);
    }
    // Connection-level settings only: none of these writes to the file, so a file we later refuse
    // (too new) is left byte-for-byte untouched.
    sqlite3_busy_handler(db_, waitForLock, this);
    try {
        exec("PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL; PRAGMA journal_size_limit = 67108864;");
    } catch (...) {
        sqlite3_close(db_);
        db_ = nullptr;
        throw;
    }
}

bool Database::openCopyWithItsLog(const QString& path, bool* made) {
    std::shared_ptr<ReadCopy> copy = ReadCopy::of(path, made);
    if (!copy) return false;
    // Read-write with query_only, as a writable file is read: SQLite makes the -shm index beside the copy.
    const QByteArray name = "file:" + QUrl::toPercentEncoding(copy->file(), "/") + "?mode=rw";
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(name.constData(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX,
                        nullptr) != SQLITE_OK ||
        sqlite3_exec(db, "PRAGMA query_only = ON; SELECT count(*) FROM sqlite_schema", nullptr, nullptr, nullptr) !=
            SQLITE_OK) {
        sqlite3_close(db);
        return false;
    }
    addFunctions(db);
    db_ = db;
    copy_ = std::move(copy);
    return true;
}

Database::~Database() {
    cache_.clear();  // statements must be finalized before the connection closes
    if (db_) emptyWalOfAReplacedFile();
    if (db_ && sqlite3_close(db_) != SQLITE_OK)
        qWarning("rwkv store: closing %s: %s", qPrintable(path_), sqlite3_errmsg(db_));
}

void Database::exec(const std::string& sql) {
    waitingForLock_ = false;
    char* err = nullptr;
    if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
        sqlite3_free(err);  // the same text is still available through sqlite3_errmsg
        // A write (a COMMIT, a VACUUM) that meets a damaged file leaves a note for the next open (damage_mark.h).
        const int rc = sqlite3_errcode(db_) & 0xff;
        if ((rc == SQLITE_CORRUPT || rc == SQLITE_NOTADB) && !readOnly_ && sql.rfind("PRAGMA", 0) != 0 &&
            sql.rfind("SELECT", 0) != 0)
            markDamageSeen(db_, sqlite3_errmsg(db_));
        throw StoreError::fromConnection(db_, "exec", sql);
    }
}

CachedStatement Database::cached(const std::string& sql) {
    waitingForLock_ = false;
    emptyWalOfAReplacedFile();
    auto it = cache_.find(sql);
    if (it == cache_.end()) {
        try {
            it = cache_.emplace(sql, std::make_unique<Statement>(db_, sql)).first;
        } catch (const StoreError& e) {
            // A change to a table read through readWithoutIndexes()'s view: read-only, as it is
            if (readsWithoutIndexes_ && e.sqliteMessage().find("because it is a view") != std::string::npos)
                throw StoreError(path_.toStdString() + ": attempt to write a readonly database", SQLITE_READONLY,
                                 SQLITE_READONLY, sql, path_.toStdString(), "attempt to write a readonly database");
            throw;
        }
    }
    it->second->reset();
    return CachedStatement(*it->second);
}

void Database::readWithoutIndexes(const std::string& table) {
    bool queryOnly = false;
    {
        auto s = cached("PRAGMA query_only");
        queryOnly = s->step() && s->columnInt64(0) != 0;
    }
    if (queryOnly) exec("PRAGMA query_only = OFF");
    try {
        exec("CREATE TEMP VIEW \"" + table + "\" AS SELECT * FROM main.\"" + table + "\" NOT INDEXED");
    } catch (...) {
        if (queryOnly) exec("PRAGMA query_only = ON");
        throw;
    }
    if (queryOnly) exec("PRAGMA query_only = ON");
    readsWithoutIndexes_ = true;
}

bool Database::fileWasReplaced() {
    if (!replaced_ && inode_ != 0) replaced_ = fileIdentity(absolutePath_) != std::pair{device_, inode_};
    return replaced_;
}

bool Database::refusesCommit() {
    if (fileWasReplaced()) return true;
    if (!walTagged_) {
        // Once the -wal exists (not yet while the migrations run in rollback-journal mode). A file system without
        // user extended attributes is not asked again: such a -wal stays untagged, as before.
        const QByteArray tag = ownerTag({device_, inode_});
        walTagged_ = ::setxattr(walPath_.constData(), kWalOwner, tag.constData(), size_t(tag.size()),
                                0) == 0 ||
                     errno != ENOENT;
    }
    return false;
}

void Database::emptyWalOfAReplacedFile() {
    if (!replaced_ || walEmptied_) return;
    // Through this connection's own descriptors: the file it opened (wherever it is now) and its own -wal, never a
    // -wal another program put at the path. While a statement of this connection is reading it fails (locked):
    // tried again at the next statement and when closing.
    walEmptied_ = sqlite3_wal_checkpoint_v2(db_, nullptr, SQLITE_CHECKPOINT_TRUNCATE, nullptr, nullptr) == SQLITE_OK;
    if (!walEmptied_ && cache_.empty())
        qWarning("rwkv store: %s was replaced; emptying its -wal: %s", qPrintable(path_), sqlite3_errmsg(db_));
}

qint64 Database::lastInsertRowId() const { return sqlite3_last_insert_rowid(db_); }

qint64 Database::changes() const { return sqlite3_changes64(db_); }

int Database::userVersion() {
    auto s = cached("PRAGMA user_version");
    s->step();
    return int(s->columnInt64(0));
}

void Database::setUserVersion(int version) {
    // PRAGMA takes no bound parameters; version is an int, so formatting it is safe.
    exec("PRAGMA user_version = " + std::to_string(version));
}

bool Database::isEmpty() {
    auto s = cached("SELECT count(*) FROM sqlite_schema");
    s->step();
    return s->columnInt64(0) == 0;
}

void Database::enableWal() {
    if (isMemory())
        return;
    auto s = cached("PRAGMA journal_mode = WAL");
    s->step();
    const QString mode = s->columnText(0).toLower();
    if (mode != QLatin1String("wal"))
        throw StoreError("enable WAL on " + path_.toStdString() + ": SQLite kept journal_mode=" +
                         mode.toStdString());
}

QString Database::journalMode() {
    auto s = cached("PRAGMA journal_mode");
    s->step();
    return s->columnText(0).toLower();
}

void Database::backupTo(const QString& target) {
    auto s = cached("VACUUM INTO ?1");
    s->bindText(1, target);
    s->run();
}

}  // namespace rwkv::store
