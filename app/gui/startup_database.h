// startup_database.h — the conversation database of a start (rwkv-desktop's main.cpp): opened (migrated; read-only
// where it cannot be written), and when it cannot be, the start-up window that says why (startup_error.h) and offers
// what fits: a damaged database recovered into a new one or moved aside (store/database_recovery.h,
// store/damaged_database.h), a file of another kind moved aside for a new library, Try again after a full disk.
#pragma once

#include <QString>

#include <functional>
#include <memory>
#include <optional>

#include "store/conversation_store.h"
#include "store/database_recovery.h"
#include "store/download_store.h"

class QGuiApplication;
class QTextStream;

namespace rwkv::gui {

struct GuiOptions;

/// The outcome of openStartupDatabase.
struct StartupDatabase {
    std::unique_ptr<rwkv::store::ConversationStore> store = {};      ///< open (null only with exitCode set)
    std::unique_ptr<rwkv::store::DownloadStore> downloadStore = {};  ///< the same file's downloads
    QString movedAsideTo = {};  ///< where a damaged database (or a file of another kind) went; empty: nothing was moved
    std::optional<rwkv::store::RecoveryReport> recovered = {};  ///< what came back from it (the user chose to recover)
    QString recoveryFailure = {};  ///< why nothing came back (the new database could not be written)
    bool notADatabase = false;     ///< what was moved aside was a file of another kind (not SQLite), not a damaged one
    std::optional<int> exitCode = {};  ///< set: the start stops with this exit status (the user quit, nothing moved)
};

/// Opens the database at `dbPath`, asking the user (or options.ifDamaged) what to do when it cannot be; moves and
/// recoveries are said on `err`. `retakeLock` runs before Try again after a full disk: the data folder's lock may not
/// have been made either; it returns an exit status to stop with (the folder is held by another process now).
StartupDatabase openStartupDatabase(QGuiApplication& app, const GuiOptions& options, const QString& dbPath,
                                    QTextStream& err, const std::function<std::optional<int>()>& retakeLock);

}  // namespace rwkv::gui
