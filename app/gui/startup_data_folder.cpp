// startup_data_folder.cpp — the data folder of a start and the refusal of one held by another process (see the header).
#include "startup_data_folder.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QGuiApplication>
#include <QStandardPaths>
#include <QTextStream>

#include "app_paths.h"
#include "bidi_control.h"  // forTerminal
#include "app_settings.h"
#include "data_folder_lock.h"
#include "gui_options.h"
#include "models/one_line.h"  // isolatedPath
#include "startup_error.h"
#include "window_handoff.h"

namespace rwkv::gui {

StartupFolder chooseDataFolder(QGuiApplication& app, const GuiOptions& options, rwkv::app::AppSettings& appSettings,
                               QTextStream& err) {
    QString dataDirProblem;
    QString dataDir;
    QString made;  // the topmost folder made for dataDir
    std::function<QString()> folderNotice;  // the start's notices are made again after a language switch
    const bool folderFromSettings = options.dataDir.isEmpty() && qEnvironmentVariableIsEmpty("RWKV_DESKTOP_DATA_DIR") &&
                                    !appSettings.dataDir().isEmpty();
    for (;;) {  // again after Try again, when neither folder could be used
        dataDirProblem.clear();
        // A chosen folder whose parent is missing too is not made (session 26's trial, F4): it is a drive not connected.
        if (folderFromSettings) dataDirProblem = rwkv::app::missingParentsProblem(appSettings.dataDir());
        dataDir = dataDirProblem.isEmpty() ? rwkv::app::resolveDataDir(folderFromSettings ? appSettings.dataDir()
                                                                                          : options.dataDir,
                                                                       &dataDirProblem, &made)
                                           : QString();
        // A chosen folder that exists but where no database can be made (read-only, no database yet; a
        // conversations.sqlite that is a folder) gets the same offer: before, only Quit, in English (session 23's
        // trial, T13).
        if (!dataDir.isEmpty() && folderFromSettings)
            if (const QString why = rwkv::app::databaseFolderProblem(dataDir); !why.isEmpty()) {
                dataDirProblem = why;
                dataDir.clear();
            }
        if (!dataDir.isEmpty() || !folderFromSettings) break;
        // The folder chosen in Settings cannot be used (a removed drive, say): offer the standard folder for this start
        // instead of only Quit, which left a user who starts the app from the menu without a way in (--data-dir). The
        // setting is kept, so the chosen folder is used again once it is back; the banner says so.
        QString standardProblem;
        QString standardMade;
        const QString standard = rwkv::app::resolveDataDir(QString(), &standardProblem, &standardMade);
        if (!standard.isEmpty()) standardProblem = rwkv::app::databaseFolderProblem(standard);
        if (!standardProblem.isEmpty()) {
            // Neither can be used (session 24's trial, F4: the chosen folder read-only, the standard one on a read-only
            // mount): both are named with what is wrong with each, and Try again checks them again once one is fixed.
            // Before: "cannot create its data folder" (it existed), only the chosen folder named, --data-dir advised
            // (no help from the menu), and Quit only.
            const QString standardName =
                standard.isEmpty() ? QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) : standard;
            // Each folder named once, its reason and the advice that fits it (session 25's trial, N4: "The folder
            // chosen in Settings, D: “D” is a file, not a folder." and advice for a drive or permissions only).
            const auto line = [](const char* role, const QString& dir, const QString& sentence) {
                rwkv::app::DataFolderProblem why = rwkv::app::dataFolderProblem(dir);
                if (why.reason.isEmpty()) {  // fixed since: the sentence found first
                    QString first = sentence;
                    while (first.endsWith(u'.') || first.endsWith(QChar(0x3002))) first.chop(1);
                    why.reason = QCoreApplication::translate("main", "cannot be used (%1)").arg(first);
                }
                return QCoreApplication::translate("main", role)
                    .arg(rwkv::models::isolatedPath(dir), why.reason, why.advice)
                    .trimmed();
            };
            const rwkv::gui::StartupChoice again = rwkv::gui::showStartupError(
                app,
                QCoreApplication::translate("main", "Neither the conversations folder chosen in Settings nor the "
                                                    "standard folder can be used."),
                line(QT_TRANSLATE_NOOP("main", "The folder chosen in Settings, %1, %2. %3"), appSettings.dataDir(),
                     dataDirProblem) +
                    QStringLiteral("\n\n") +
                    line(QT_TRANSLATE_NOOP("main", "The standard folder, %1, %2. %3"), standardName, standardProblem) +
                    QStringLiteral("\n\n") +
                    QCoreApplication::translate("main", "Nothing was changed. Once one of them is fixed, click Try "
                                                        "again. From a terminal, --data-dir FOLDER starts with another "
                                                        "folder."),
                options.screenshot, QCoreApplication::translate("main", "Try again"));
            if (again != rwkv::gui::StartupChoice::StartFresh) return {.exitCode = 1};
            continue;
        }
        const bool useStandard =
            options.ifFolderUnusable == QLatin1String("use-standard") ||
            (options.ifFolderUnusable == QLatin1String("ask") &&
             rwkv::gui::showStartupError(
                 app, QCoreApplication::translate("main", "The conversations folder chosen in Settings cannot be used."),
                 QCoreApplication::translate("main", "%1\n\nNothing was changed. You can start with the standard "
                                                     "folder %2 this time (the conversations kept there); Settings "
                                                     "keeps your choice, which is used again once it can be.")
                     .arg(dataDirProblem, rwkv::models::isolatedPath(standard)),
                 options.screenshot, QCoreApplication::translate("main", "Use the standard folder")) ==
                 rwkv::gui::StartupChoice::StartFresh);
        if (!useStandard) return {.exitCode = 1};
        QString why = dataDirProblem;
        while (why.endsWith(u'.') || why.endsWith(QChar(0x3002))) why.chop(1);  // "… created." inside the brackets
        // dataDirProblem is in the language of the start; the sentence around it follows a switch
        folderNotice = [why, standard] {
            return QCoreApplication::translate("main", "The conversations folder chosen in Settings cannot be used "
                                                       "(%1), so the standard folder %2 is used this time.")
                .arg(why, rwkv::models::isolatedPath(standard));
        };
        err << "rwkv-desktop: " << rwkv::app::forTerminal(folderNotice()) << "\n";
        dataDir = standard;
        made = standardMade;
        break;
    }
    appSettings.setActiveDataDir(dataDir);
    if (dataDir.isEmpty()) {
        rwkv::gui::showStartupError(
            app, QCoreApplication::translate("main", "RWKV Desktop cannot create its data folder."),
            QCoreApplication::translate("main", "%1\n\nNothing was changed. Start the app with --data-dir naming a "
                                                "folder that can be written (it is created if missing).")
                .arg(dataDirProblem),
            options.screenshot);
        return {.exitCode = 1};
    }
    return {dataDir, folderNotice, std::nullopt, made};
}

int refuseHeldFolder(QGuiApplication& app, const GuiOptions& options, const QString& givenDataDir,
                     const rwkv::app::DataFolderLockHolder& holder) {
    // The folder by its canonical path (links and ".." resolved), the one the running window uses and its socket is
    // named for (handoffName): the path as typed (a link to it) named another folder (session 57's loose ends).
    const QString canonical = QFileInfo(givenDataDir).canonicalFilePath();
    const QString dataDir = canonical.isEmpty() ? givenDataDir : canonical;
    if (holder.appName == QLatin1String("rwkv-cli")) {
        rwkv::gui::showStartupError(
            app, QCoreApplication::translate("main", "rwkv-cli is writing to this data folder."),
            QCoreApplication::translate("main", "An rwkv-cli command (process %1) is writing to the conversations "
                                                "in %2. Wait for it to finish, or stop it, then start RWKV Desktop "
                                                "again; nothing was changed.")
                .arg(holder.pid)
                .arg(rwkv::models::isolatedPath(dataDir)),
            options.screenshot);
        return 1;
    }
    // The running window brought forward where it answers (window_handoff.h); else the notice, on top.
    if (rwkv::gui::askToBringForward(dataDir)) {
        QTextStream(stderr) << "rwkv-desktop: "
                            << QCoreApplication::translate("main", "RWKV Desktop is already open with this data folder.")
                            << "\n"
                            << rwkv::app::forTerminal(
                                   QCoreApplication::translate("main", "Another RWKV Desktop (process %1) uses %2: its "
                                                                       "window was brought forward.")
                                       .arg(holder.pid)
                                       .arg(rwkv::models::isolatedPath(dataDir)))
                            << "\n";
        return 0;
    }
    rwkv::gui::showStartupError(
        app, QCoreApplication::translate("main", "RWKV Desktop is already open with this data folder."),
        QCoreApplication::translate("main", "Another RWKV Desktop (process %1) uses %2. Switch to its window, or "
                                            "close it first; nothing was changed.")
            .arg(holder.pid)
            .arg(rwkv::models::isolatedPath(dataDir)),
        options.screenshot);
    return 1;
}

}  // namespace rwkv::gui
