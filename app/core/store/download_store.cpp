// store/download_store.cpp — SQL of the downloads table (schema step v2 and the queries).
// See download_store.h; tests in tests/app/test_store.cpp and tests/app/test_download.cpp.
#include "download_store.h"

#include "database.h"
#include "schema.h"

#include <sqlite3.h>

#include <QDateTime>

#include <string>

namespace rwkv::store {
namespace {

constexpr int kRequiredVersion = 2;

const char* const kColumns =
    "id, file_name, target_dir, source, urls_json, extra_headers_json, current_url, validator, expected_size, "
    "expected_sha256, bytes_done, state, message, created_at, updated_at";

DownloadRecord readRecord(const Statement& s) {
    DownloadRecord r;
    r.id = s.columnText(0);
    r.file_name = s.columnText(1);
    r.target_dir = s.columnText(2);
    r.source = s.columnText(3);
    r.urls_json = s.columnText(4);
    r.extra_headers_json = s.columnText(5);
    r.current_url = s.columnText(6);
    r.validator = s.columnText(7);
    r.expected_size = s.columnInt64(8);
    r.expected_sha256 = s.columnText(9);
    r.bytes_done = s.columnInt64(10);
    r.state = int(s.columnInt64(11));
    r.message = s.columnText(12);
    r.created_at = s.columnInt64(13);
    r.updated_at = s.columnInt64(14);
    return r;
}

}  // namespace

void createDownloadsTable(Database& db) {
    db.exec(R"sql(
-- One row per unfinished model download; the row goes away when the file is verified and renamed.
CREATE TABLE downloads (
    id                 TEXT    PRIMARY KEY,
    file_name          TEXT    NOT NULL CHECK (length(file_name) > 0),
    target_dir         TEXT    NOT NULL,
    source             TEXT    NOT NULL DEFAULT 'auto',
    urls_json          TEXT    NOT NULL DEFAULT '{}',
    extra_headers_json TEXT    NOT NULL DEFAULT '{}',
    current_url        TEXT    NOT NULL DEFAULT '',
    validator          TEXT    NOT NULL DEFAULT '',  -- ETag or Last-Modified, for If-Range
    expected_size      INTEGER NOT NULL DEFAULT -1,  -- bytes; -1 = unknown
    expected_sha256    TEXT    NOT NULL DEFAULT '',
    bytes_done         INTEGER NOT NULL DEFAULT 0,
    state              INTEGER NOT NULL DEFAULT 0,
    message            TEXT    NOT NULL DEFAULT '',
    created_at         INTEGER NOT NULL,
    updated_at         INTEGER NOT NULL
);
)sql");
}

DownloadStore::DownloadStore(const QString& databasePath, bool readOnly)
    : db_(std::make_unique<Database>(databasePath, 5000, readOnly)) {
    const int version = db_->userVersion();
    if (version < kRequiredVersion)
        throw StoreError(databasePath.toStdString() + ": DownloadStore needs schema version " +
                         std::to_string(kRequiredVersion) + " or later, the file has " + std::to_string(version) +
                         "; open a ConversationStore on it first (it runs the migrations)");
    // A damaged list of unfinished downloads (a page of it overwritten: session 54's trial) failed every download at
    // once ("Cannot record the download: … damaged …"), at each start. What it records is kept beside each .part
    // too (PartFile's record), so a download started again goes on from its bytes: the list is made again, empty.
    // Read-only nothing is recorded, and the list's reader says why it cannot be read (DownloadManager's log).
    if (db_->isReadOnly()) return;
    const std::string damage = tablePagesDamage(*db_, "downloads");
    if (damage.empty()) return;
    qWarning("%s: the list of unfinished model downloads is damaged (%s); making it again, empty (each .part file "
             "stays: downloading the model again goes on from it)",
             qPrintable(databasePath), damage.c_str());
    remakeDownloadsTable(*db_);
    listRemade_ = true;
}

DownloadStore::~DownloadStore() = default;

std::unique_lock<std::timed_mutex> DownloadStore::lock() const {
    int limitMs = -1;
    auto lock = lockWithinLimit(mutex_, &limitMs);
    if (!lock.owns_lock())
        throw StoreError("the download list is busy with this program's other call (a download's record being "
                         "saved); this thread waited " + std::to_string(limitMs) + " ms for it",
                         SQLITE_BUSY, SQLITE_BUSY, {}, db_->path().toStdString(), "busy with this program's other call");
    return lock;
}

void DownloadStore::save(const DownloadRecord& r) {
    const auto lock = this->lock();
    auto s = db_->cached(
        "INSERT INTO downloads (id, file_name, target_dir, source, urls_json, extra_headers_json, current_url, "
        "validator, expected_size, expected_sha256, bytes_done, state, message, created_at, updated_at) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?14) "
        "ON CONFLICT(id) DO UPDATE SET file_name = ?2, target_dir = ?3, source = ?4, urls_json = ?5, "
        "extra_headers_json = ?6, current_url = ?7, validator = ?8, expected_size = ?9, expected_sha256 = ?10, "
        "bytes_done = ?11, state = ?12, message = ?13, updated_at = ?14");
    s->bindText(1, r.id);
    s->bindText(2, r.file_name);
    s->bindText(3, r.target_dir);
    s->bindText(4, r.source);
    s->bindText(5, r.urls_json.isEmpty() ? QStringLiteral("{}") : r.urls_json);
    s->bindText(6, r.extra_headers_json.isEmpty() ? QStringLiteral("{}") : r.extra_headers_json);
    s->bindText(7, r.current_url);
    s->bindText(8, r.validator);
    s->bindInt64(9, r.expected_size);
    s->bindText(10, r.expected_sha256);
    s->bindInt64(11, r.bytes_done);
    s->bindInt64(12, r.state);
    s->bindText(13, r.message);
    s->bindInt64(14, QDateTime::currentMSecsSinceEpoch());
    s->run();
}

void DownloadStore::updateProgress(const QString& id, qint64 bytesDone, int state, const QString& message) {
    const auto lock = this->lock();
    auto s = db_->cached("UPDATE downloads SET bytes_done = ?2, state = ?3, message = ?4, updated_at = ?5 "
                         "WHERE id = ?1");
    s->bindText(1, id);
    s->bindInt64(2, bytesDone);
    s->bindInt64(3, state);
    s->bindText(4, message);
    s->bindInt64(5, QDateTime::currentMSecsSinceEpoch());
    s->run();
}

std::optional<DownloadRecord> DownloadStore::find(const QString& id) const {
    const auto lock = this->lock();
    auto s = db_->cached(std::string("SELECT ") + kColumns + " FROM downloads WHERE id = ?1");
    s->bindText(1, id);
    if (!s->step())
        return std::nullopt;
    return readRecord(*s);
}

QList<DownloadRecord> DownloadStore::list() const {
    const auto lock = this->lock();
    auto s = db_->cached(std::string("SELECT ") + kColumns + " FROM downloads ORDER BY created_at, id");
    QList<DownloadRecord> out;
    while (s->step())
        out.append(readRecord(*s));
    return out;
}

void DownloadStore::remove(const QString& id) {
    const auto lock = this->lock();
    auto s = db_->cached("DELETE FROM downloads WHERE id = ?1");
    s->bindText(1, id);
    s->run();
}

}  // namespace rwkv::store
