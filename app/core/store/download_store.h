// store/download_store.h — the `downloads` table: one row per unfinished model download (its .part file,
// the server validator for If-Range, the expected size and sha256), so a download resumes after a restart.
// Schema step v2 (createDownloadsTable) is called from the ladder in conversation_store.cpp; tests in
// tests/app/test_store.cpp and tests/app/test_download.cpp.
#pragma once

#include <QList>
#include <QString>
#include <QtGlobal>

#include <memory>
#include <mutex>
#include <optional>

#include "store_error.h"

namespace rwkv::store {

class Database;

/// One download, as persisted. The .part file on disk is the truth for how many bytes are done;
/// bytes_done is only a hint for lists shown before the file is looked at.
struct DownloadRecord {
    QString id;                ///< the catalog id (primary key)
    QString file_name;         ///< final file name inside target_dir
    QString target_dir;        ///< the models folder the file goes into
    QString source;            ///< "auto", "huggingface", "hf-mirror" or "modelscope"
    QString urls_json;         ///< {"huggingface": url, ...}: every source's URL, for auto fallback
    QString extra_headers_json;///< {"Authorization": "..."}: sent to the first host only
    QString current_url;       ///< the first-hop URL in use (the source being tried)
    QString validator;         ///< ETag or Last-Modified of the .part's bytes (for If-Range); empty = none
    qint64 expected_size = -1; ///< bytes, -1 = unknown
    QString expected_sha256;   ///< lower-case hex, empty = unknown
    qint64 bytes_done = 0;     ///< bytes in the .part file when last saved
    int state = 0;             ///< DownloadState value of app/core/models (stored, never renumber)
    QString message;           ///< the last error or pause reason shown to the user, as its parts (models::Wording::stored)
    qint64 created_at = 0;     ///< ms since epoch
    qint64 updated_at = 0;     ///< ms since epoch
};

/// Schema step 2 of the app database: creates the downloads table. Called by the migration ladder only.
void createDownloadsTable(Database& db);

/// Reads and writes the downloads table through its own connection to the app database file.
/// The file must already be at schema version 2 or later (open a ConversationStore on it first, which
/// runs the migrations); otherwise the constructor throws StoreError. Thread-safe: one call at a time on its
/// connection; a call waits for another thread's at most this thread's lock wait limit (store::lockWaitLimitNow(),
/// set by ConversationStore::LockWaitLimit), as for a lock another connection holds, then throws StoreError
/// SQLITE_BUSY; without a limit as long as that call takes.
class DownloadStore {
public:
    /// readOnly: the app's library is read-only (ConversationStore::isReadOnly); saving a download then throws.
    /// Writable, a damaged downloads table is made again, empty, and logged (listRemade()).
    explicit DownloadStore(const QString& databasePath, bool readOnly = false);
    ~DownloadStore();
    DownloadStore(const DownloadStore&) = delete;
    DownloadStore& operator=(const DownloadStore&) = delete;

    /// Inserts or replaces the row with record.id (created_at is kept on replace; updated_at set to now).
    void save(const DownloadRecord& record);
    /// Updates only bytes_done, state and message of an existing row (cheap progress checkpoint).
    void updateProgress(const QString& id, qint64 bytesDone, int state, const QString& message);
    std::optional<DownloadRecord> find(const QString& id) const;
    /// All rows, oldest first.
    QList<DownloadRecord> list() const;
    /// Deletes the row; unknown ids are ignored.
    void remove(const QString& id);
    /// Whether the constructor found the downloads table damaged and made it again, empty.
    bool listRemade() const noexcept { return listRemade_; }

private:
    /// The connection for one call (see the class comment).
    std::unique_lock<std::timed_mutex> lock() const;

    mutable std::timed_mutex mutex_;
    std::unique_ptr<Database> db_;
    bool listRemade_ = false;
};

}  // namespace rwkv::store
