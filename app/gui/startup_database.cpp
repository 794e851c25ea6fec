// startup_database.cpp — opening the conversation database at start, and the choices when it cannot be (see the
// header).
#include "startup_database.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QGuiApplication>
#include <QStringList>
#include <QTextStream>

#include "gui_options.h"
#include "models/one_line.h"  // isolatedPath, isolatedOneLine
#include "recovery_notice.h"
#include "startup_error.h"
#include "store_error_text.h"
#include "store/damaged_database.h"
#include "store/store_error.h"

namespace rwkv::gui {

StartupDatabase openStartupDatabase(QGuiApplication& app, const GuiOptions& options, const QString& dbPath,
                                    QTextStream& err, const std::function<std::optional<int>()>& retakeLock) {
    std::unique_ptr<rwkv::store::ConversationStore> store;
    std::unique_ptr<rwkv::store::DownloadStore> downloadStore;
    QString movedAsideTo;  // where a damaged database went (the user chose to start fresh)
    std::optional<rwkv::store::RecoveryReport> recovered;  // what came back from it (the user chose to recover)
    QString recoveryFailure;  // why nothing came back (the new database could not be written)
    bool notADatabase = false;  // what was moved aside was a file of another kind (not SQLite), not a damaged one
    // Each path these windows name is isolatedPath: on one line, a U+202E or a line break in a folder's name written as
    // an escape, as the banners and the Models page quote a path (session 46's trial: the window drew
    // "/tmp/dir\u202eodd\nline/conversations.sqlite" as "/tmp/dirddo", then "etilqs.snoitasrevnoc/enil" on a line of
    // its own — isolated() kept the rest of the sentence in order, not the path).
    for (;;) {
        try {
            // migrates; a file (or folder) that cannot be written opens read-only: the library can still be read
            store = std::make_unique<rwkv::store::ConversationStore>(dbPath,
                                                                     rwkv::store::ConversationStore::OpenMode::Automatic);
            downloadStore = std::make_unique<rwkv::store::DownloadStore>(dbPath, store->isReadOnly());
            break;
        } catch (const std::exception& e) {
            store.reset();
            const bool damaged = rwkv::store::isDamagedDatabase(e) && movedAsideTo.isEmpty();
            // A file of another kind (a PNG) under the database's name: not damaged, nothing to recover, and not ours
            // (session 37's trial: "damaged" with a Recover offer; rwkv-cli said it better).
            const bool foreign = damaged && rwkv::store::isSqliteFile(dbPath) == rwkv::store::SqliteFile::NotSqlite;
            const QString details = rwkv::app::storeEnglishText(e);
            rwkv::gui::StartupChoice choice = rwkv::gui::StartupChoice::Quit;
            if (damaged && options.ifDamaged == QLatin1String("move-aside")) {
                choice = rwkv::gui::StartupChoice::StartFresh;
            } else if (foreign) {
                // Not "Settings → Folders": this window comes before the main one at every start, so Settings cannot
                // be reached from here (session 44's trial).
                choice = rwkv::gui::showStartupError(
                    app, QCoreApplication::translate("main", "This is not a conversation database."),
                    QCoreApplication::translate(
                        "main", "File: %1\n\nIt is not a conversation database (it is not an SQLite file), so "
                                "RWKV Desktop left it as it is. You can start a new library beside it: the file keeps "
                                "its content and is renamed to %2…, and a new, empty conversation database takes "
                                "its place. Or quit and move it yourself, or start RWKV Desktop on another folder "
                                "from a terminal: rwkv-desktop --data-dir FOLDER.")
                        .arg(rwkv::models::isolatedPath(dbPath),
                             rwkv::models::isolatedOneLine(QFileInfo(dbPath).fileName() +
                                                           QStringLiteral(".not-a-database-"))),
                    options.screenshot, QCoreApplication::translate("main", "Start a new library beside it"));
            } else if (damaged && options.ifDamaged == QLatin1String("recover")) {
                choice = rwkv::gui::StartupChoice::Recover;
            } else if (damaged) {
                // A backup is named only when there is one (new-user trial, session 20: "named
                // conversations.sqlite.bak-v*" beside none).
                const QStringList backups = rwkv::store::upgradeBackups(dbPath);
                const QString quit =
                    backups.isEmpty()
                        ? QCoreApplication::translate("main", "Or quit and move it yourself.")
                        : QCoreApplication::translate("main", "Or quit and move it yourself (the copy kept before its "
                                                              "last upgrade is next to it: %1).")
                              .arg(rwkv::models::isolatedPath(backups.first()));
                choice = rwkv::gui::showStartupError(
                    app, QCoreApplication::translate("main", "Your conversation database is damaged."),
                    QCoreApplication::translate(
                        "main", "File: %1\n\nRWKV Desktop cannot read it (SQLite: %2). You can recover the chats "
                                "that can still be read into a new database, or move it aside and start with an "
                                "empty history: either way the file is renamed, not deleted, so it can still be "
                                "repaired or sent for help later. %3")
                        .arg(rwkv::models::isolatedPath(dbPath), rwkv::store::sqliteReason(e, details), quit),
                    options.screenshot, QCoreApplication::translate("main", "Move it aside and start fresh"),
                    QCoreApplication::translate("main", "Recover what can be read"));
            } else if (const rwkv::app::StartupStoreProblem disk =
                           rwkv::app::startupStoreProblem(e, rwkv::models::isolatedPath(dbPath));
                       !disk.headline.isEmpty()) {
                // A full disk (or a failed write) while a new database is set up: the message of a change made later
                // ("this change was not saved") read oddly here, and Quit was the only way on (new-user trial, s14).
                if (rwkv::gui::showStartupError(app, disk.headline, disk.detail, options.screenshot,
                                                QCoreApplication::translate("main", "Try again")) !=
                    rwkv::gui::StartupChoice::StartFresh)
                    return {.exitCode = 1};
                // The full disk may have kept the lock file from being made too: take it before trying again, or a
                // second window on this folder was not refused (session 15, a full tmpfs freed, then Try again).
                if (const std::optional<int> status = retakeLock()) return {.exitCode = status};
                continue;
            } else {
                rwkv::gui::showStartupError(
                    app, QCoreApplication::translate("main", "RWKV Desktop cannot open its conversation database."),
                    // Read-only and damaged files have their own paths above; what is left (a newer schema, a lock,
                    // a disk error) is best said by the store's message, which names what to do.
                    // storeErrorText: translated where it knows the case (a folder in the file's place, a folder
                    // that cannot be written), else the store's English.
                    QCoreApplication::translate("main", "File: %1\nNothing was changed. What happened and what to do:\n\n%2")
                        .arg(rwkv::models::isolatedPath(dbPath), rwkv::app::storeErrorText(e)),
                    options.screenshot);
            }
            if (choice == rwkv::gui::StartupChoice::Quit) return {.exitCode = 1};
            QString why;
            movedAsideTo = rwkv::store::moveDamagedDatabaseAside(
                dbPath, &why, foreign ? QStringLiteral(".not-a-database-") : QStringLiteral(".damaged-"));
            notADatabase = foreign;
            if (movedAsideTo.isEmpty()) {
                rwkv::gui::showStartupError(
                    app, QCoreApplication::translate("main", "The damaged conversation database could not be moved."),
                    QCoreApplication::translate("main", "File: %1\nNothing was changed. Move or rename it yourself, "
                                                        "then start RWKV Desktop again.\n\nDetails: %2")
                        .arg(rwkv::models::isolatedPath(dbPath), why),
                    options.screenshot);
                return {.exitCode = 1};
            }
            if (choice == rwkv::gui::StartupChoice::Recover) {
                // The rows that can be read, into a new database at dbPath (session 36's trial, F5: 5 of ~730 pages
                // overwritten, and every chat was out of view). A failure leaves an empty history, said why.
                try {
                    recovered = rwkv::store::recoverDatabase(movedAsideTo, dbPath);
                } catch (const std::exception& e) {
                    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) QFile::remove(dbPath + QLatin1String(suffix));
                    recoveryFailure = rwkv::app::storeEnglishText(e);
                }
            }
            err << (foreign ? "rwkv-desktop: the file in its place, not an SQLite file, was moved to "
                            : "rwkv-desktop: the damaged database was moved to ")
                << movedAsideTo
                << (recovered ? recoveryLogLine(*recovered) : QStringLiteral("; starting with an empty history\n"));
            err.flush();
        }
    }
    return {std::move(store), std::move(downloadStore), movedAsideTo, recovered, recoveryFailure, notADatabase, {}};
}

}  // namespace rwkv::gui
