// main.cpp — rwkv-desktop: builds the object graph in one visible place (store -> worker -> controller), hands the
// controller to QML and loads the RwkvDesktop module. Logic lives in app/core; the start's data folder and database
// (and their start-up windows) in startup_data_folder.h and startup_database.h; test hooks in screenshot_hook.h.
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QGuiApplication>
#include <QPalette>
#include <QQmlApplicationEngine>
#include <QQmlEngine>
#include <QQuickStyle>
#include <QQuickWindow>
#include <QScopeGuard>
#include <QSettings>
#include <QStringList>
#include <QTextStream>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <optional>

#include "api_server.h"
#include "app_paths.h"
#include "low_disk.h"
#include "app_settings.h"
#include "chat_controller.h"
#include "data_folder_lock.h"
#include "desktop_services.h"
#include "gui_options.h"
#include "bundle_import_controller.h"
#include "library_controller.h"
#include "library_registration.h"
#include "scripted_actions.h"
#include "timing_probe.h"
#include "inference_worker.h"
#include "language_switcher.h"
#include "qml_registration.h"
#include "recovery_notice.h"
#include "screenshot_hook.h"
#include "startup_data_folder.h"
#include "startup_database.h"
#include "startup_error.h"
#include "system_theme.h"
#include "unix_signals.h"
#include "window_handoff.h"
#include "models/download_manager.h"
#include "models/one_line.h"  // isolated, isolatedPath
#include "bidi_control.h"  // forTerminal
#include "rwkv/devices.h"
#include "models/model_manager_controller.h"
#include "models/model_settings.h"
#include "store/conversation_store.h"
#include "store/database_recovery.h"
#include "store/download_store.h"

namespace {

void setIdentity() {
    rwkv::app::setApplicationIdentity();  // shared with rwkv-cli chat: the same Settings file
    QCoreApplication::setApplicationVersion(QStringLiteral(RWKV_VERSION));
}

/// --version and --help print and exit without a window system (no display needed).
bool wantsInfoOnly(int argc, char** argv) {
    for (int i = 1; i < argc; ++i) {
        const QByteArray a(argv[i]);
        if (a == "--version" || a == "-v" || a == "--help" || a == "-h" || a == "--help-all") return true;
    }
    return false;
}

/// The interface language: --lang (read before the parser so that --help is translated too), else
/// $RWKV_DESKTOP_LANG; empty means the one chosen in Settings, else the system locale.
QString requestedLanguage(int argc, char** argv) {
    for (int i = 1; i < argc; ++i) {
        const QByteArray a(argv[i]);
        if (a == "--lang" && i + 1 < argc) return QString::fromLocal8Bit(argv[i + 1]);
        if (a.startsWith("--lang=")) return QString::fromLocal8Bit(a.mid(7));
    }
    return qEnvironmentVariable("RWKV_DESKTOP_LANG");
}

}  // namespace

int main(int argc, char** argv) {
    QElapsedTimer sinceStart;  // RWKV_TIMING=1: start-to-interactive (timing_probe.h)
    sinceStart.start();
    if (wantsInfoOnly(argc, argv)) {
        QCoreApplication info(argc, argv);
        setIdentity();
        rwkv::app::AppSettings saved;
        const QString language = requestedLanguage(argc, argv);
        (new rwkv::gui::LanguageSwitcher(info))->apply(language.isEmpty() ? saved.language() : language);
        rwkv::gui::parseGuiOptions(info);  // prints and exits
        return 0;
    }
    QGuiApplication app(argc, argv);
    setIdentity();
    QQuickStyle::setStyle(QStringLiteral("Basic"));  // before any QML: the start-up error window uses Controls too
    rwkv::gui::quitOnTerminationSignals();  // kill/logout mid-reply: stop and save like the Stop button
    rwkv::app::AppSettings appSettings;  // the Settings page's choices (QSettings, standard place)
    auto* languages = new rwkv::gui::LanguageSwitcher(app);
    appSettings.setLanguages(languages->languages());  // a saved code without a translation reads as the system's
    // --lang / $RWKV_DESKTOP_LANG win over the saved language for this start; Settings shows the one in use, and a
    // choice there applies and saves it (AppSettings::setLanguageOverride).
    const QString language = requestedLanguage(argc, argv);
    languages->apply(language.isEmpty() ? appSettings.language() : language);
    if (!language.isEmpty()) appSettings.setLanguageOverride(languages->current());
    QGuiApplication::setApplicationDisplayName(QCoreApplication::translate("main", "RWKV Desktop"));
    const rwkv::gui::GuiOptions options = rwkv::gui::parseGuiOptions(app);
    if (!options.startupClick.isEmpty()) rwkv::gui::setStartupClick(options.startupClick, options.startupClickWhen);
    if (!options.startupKeys.isEmpty()) rwkv::gui::setStartupKeys(options.startupKeys);
    // The start-up windows (a damaged database, a folder that cannot be used) in the theme chosen in Settings.
    rwkv::gui::setStartupDark(appSettings.theme() == QLatin1String("dark") ||
                              (appSettings.theme() == QLatin1String("system") &&
                               rwkv::gui::SystemTheme::isDark(QGuiApplication::palette())));
    QTextStream err(stderr);
    for (const QString& kv : options.settings)  // a bad --set stops here, before anything was changed, like a bad option
        if (QString whyNot; !rwkv::app::AppSettings::check(kv, languages->languages(), &whyNot)) {
            err << "rwkv-desktop: --set " << kv << " was not applied: " << whyNot << "\n";
            return 1;
        }

    // --data-dir, else $RWKV_DESKTOP_DATA_DIR, else the folder chosen in Settings, else the standard one.
    const rwkv::gui::StartupFolder folder = rwkv::gui::chooseDataFolder(app, options, appSettings, err);
    if (folder.exitCode) return *folder.exitCode;
    const QString& dataDir = folder.dir;
    const std::function<QString()>& folderNotice = folder.notice;  // the start's notices are made again after a switch

    // One window per data folder. Two wrote the same conversations: the second continued a reply the first was still
    // writing (from its half), then the first finished it, and the second's saved state no longer matched the text;
    // both could also download into the same file. A lock left by a killed process is taken over (QLockFile checks
    // its process); a folder where no lock can be made (read-only) opens read-only anyway, so it goes without one.
    // rwkv-cli's writing commands (chat, import, conversations upgrade) hold the same lock while they run.
    rwkv::app::DataFolderLockHolder holder;
    std::unique_ptr<QLockFile> instanceLock = rwkv::app::lockDataFolder(dataDir, holder);
    if (!instanceLock) return rwkv::gui::refuseHeldFolder(app, options, dataDir, holder);
    // A conversations.sqlite that is a link to a database in another folder: that folder's lock too, as rwkv-cli takes
    // it there (session 57's trial: a second window on a folder linking to an open window's database opened and wrote
    // it beside the first).
    std::unique_ptr<QLockFile> linkedDatabaseLock;
    if (const QFileInfo db(rwkv::app::databasePath(dataDir)); db.isSymLink() && db.exists()) {
        const QString folderOfDb = QFileInfo(db.canonicalFilePath()).absolutePath();
        if (folderOfDb != QFileInfo(dataDir).canonicalFilePath()) {
            linkedDatabaseLock = rwkv::app::lockDataFolder(folderOfDb, holder);
            if (!linkedDatabaseLock) return rwkv::gui::refuseHeldFolder(app, options, folderOfDb, holder);
        }
    }
    // A second start on this folder brings this window forward (window_handoff.h); not where no lock is held (read-only).
    std::unique_ptr<rwkv::gui::WindowHandoff> handoff;
    if (instanceLock->isLocked()) handoff = std::make_unique<rwkv::gui::WindowHandoff>(dataDir);
    const QString resourceDir = rwkv::app::findResourceDir(QCoreApplication::applicationDirPath());
    // No resources folder (a binary copied away from it, a broken install): said at once, in the banner and on stderr,
    // naming what is missing and every folder looked in. Before, the only signs were "model catalog unavailable:
    // cannot read models.json" on stderr (a models.json in the current folder was read instead, if there was one) and
    // "The model file … does not exist." in the window.
    const QString resourcesNotice =
        resourceDir.isEmpty() ? rwkv::app::missingResourcesText(QCoreApplication::applicationDirPath()) : QString();
    if (!resourcesNotice.isEmpty()) {
        err << "rwkv-desktop: " << rwkv::app::forTerminal(resourcesNotice) << "\n";
        err.flush();
    }

    // store -> worker -> controllers (destroyed in reverse order)
    const QString dbPath = rwkv::app::databasePath(dataDir);
    // Before Try again after a full disk (openStartupDatabase): the lock file may not have been made either.
    const auto retakeLock = [&]() -> std::optional<int> {
        if (!instanceLock->isLocked()) {
            instanceLock = rwkv::app::lockDataFolder(dataDir, holder);
            if (!instanceLock) return rwkv::gui::refuseHeldFolder(app, options, dataDir, holder);
            if (instanceLock->isLocked()) handoff = std::make_unique<rwkv::gui::WindowHandoff>(dataDir);
        }
        return std::nullopt;
    };
    rwkv::gui::StartupDatabase opened = rwkv::gui::openStartupDatabase(app, options, dbPath, err, retakeLock);
    if (opened.exitCode) {
        // "Nothing was changed": a folder this start made (a full disk kept the database from being set up) is taken
        // away with what it left there, the lock first (session 56's loose ends: the empty folder stayed behind).
        if (!folder.made.isEmpty()) {
            handoff.reset();
            instanceLock.reset();
            rwkv::app::removeMadeDataFolder(dataDir, folder.made);
        }
        return *opened.exitCode;
    }
    const std::unique_ptr<rwkv::store::ConversationStore>& store = opened.store;
    const QString& movedAsideTo = opened.movedAsideTo;  // where a damaged database went (the user chose to start fresh)
    const std::optional<rwkv::store::RecoveryReport>& recovered = opened.recovered;  // what came back from it
    const QString& recoveryFailure = opened.recoveryFailure;  // why nothing came back
    const bool notADatabase = opened.notADatabase;  // what was moved aside was not an SQLite file
    if (const QString why = rwkv::gui::selectProblem(*store, dbPath, options.selectIds); !why.isEmpty()) {
        err << why << "\n";
        return 1;
    }
    rwkv::app::InferenceWorker worker(*store, resourceDir);
    // A quit while a model's weights are read ends the process once what was made after the worker is gone (the
    // window, the controllers and the API server, their saving done), as the worker's destructor would wait for the
    // load, which cannot be cut short: the window was gone while the process and its data-folder lock stayed for the
    // rest of the load — 14 s for a 1.5B model on a 2-core box — and a start meanwhile said "RWKV Desktop is already
    // open with this data folder" with no window to switch to (session 57's trial2). The load writes nothing, and a
    // turn queued behind it would not run at a quit either; the system releases the lock and SQLite's WAL holds every
    // commit. Only after app.exec() (an early return waits, as before).
    std::optional<int> quitStatus;
    const auto endDuringLoad = qScopeGuard([&worker, &quitStatus] {
        if (!quitStatus || !worker.loadingWeights()) return;
        std::fflush(nullptr);
        std::_Exit(*quitStatus);
    });
    rwkv::app::ChatController chat(*store, worker);
    rwkv::app::LibraryController library(*store, chat);  // search, pin, folders, trash
    // The sidebar's folders stay collapsed or open from one start to the next (per database, as the drafts)
    chat.conversations()->setCollapsedFolders(appSettings.collapsedFolders());
    QObject::connect(chat.conversations(), &rwkv::app::ConversationListModel::folderCollapsedChanged, &appSettings,
                     &rwkv::app::AppSettings::setFolderCollapsed);
    // A chat deleted for good takes its draft with it (from the drafts file when it can be written): the question at
    // quit named a chat that no longer existed, "the chat “”" (session 36's check).
    QObject::connect(&library, &rwkv::app::LibraryController::deletedForever, &appSettings,
                     [&appSettings](qint64 id) { appSettings.setDraft(id, QString()); });
    // So do the chats gone while the app was not running: purged from the trash after 30 days (at this open), or
    // deleted by rwkv-cli or another build. Not after a damaged file was moved aside: its chats, which the drafts are
    // of, are in the file kept aside. Nor when the library was not read whole: a read-only one (its -wal may hold chats
    // that could not be read, "newest changes could not be read", or a damaged index read around) keeps every draft;
    // before (session 37's check) the text of a chat only in an unread -wal was dropped for good.
    if (movedAsideTo.isEmpty() && !store->isReadOnly() && !store->newestChangesUnread()) {
        QSet<qint64> chats;
        try {
            for (const auto& list : {store->listConversations(), store->listTrash()})
                for (const rwkv::store::Conversation& c : list) chats.insert(c.id);
            if (const int dropped = appSettings.dropDraftsOfOtherChats(chats); dropped > 0)
                err << "rwkv-desktop: dropped the unsent text of " << dropped << " chat(s) no longer in the library\n";
        } catch (const std::exception&) {  // the list unread: every draft kept, as before
        }
    }
    // The most recent chat opens, unless the new chat holds unsent text typed after any chat was last opened or
    // written in: then the new chat, as it was left. Before (session 34's check) that text was kept but the start showed
    // another chat, so it seemed lost; an older text took every start over (session 35's check): it waits for New chat.
    qint64 lastUsed = 0;
    for (const rwkv::store::Conversation& c : store->listConversations()) lastUsed = std::max(lastUsed, c.last_used_at);
    if (appSettings.draft(0).trimmed().isEmpty() || appSettings.draftSavedAt(0) <= lastUsed) chat.selectMostRecent();
    // The start's notices in the error banner (one text: each showError replaces the last), after loadModel() cleared it;
    // the demo model standing in for the start model adds its sentence after them (below).
    std::function<QString()> downloadNotice;  // --download with an id the catalog does not know (set below)
    std::function<QString()> lowDiskNotice;   // the data folder's disk almost full (low_disk.h; set once a model loaded)
    bool lowDiskWatched = false;              // the banner watches the disk (setStandingNotice) since a model loaded
    std::function<QString()> apiNotice;       // the start's API server could not listen (set below; "" once it serves)
    std::function<QString()> downloadListNotice;  // the list of unfinished downloads made again or unread (set below)
    const auto startNotices = [&movedAsideTo, &notADatabase, &recovered, &recoveryFailure, &folderNotice, &resourceDir,
                               &downloadNotice, &lowDiskNotice, &apiNotice, &downloadListNotice,
                               statesRemade = store->savedStatesRemade(),
                               indexRepair = store->indexRepair(), walUnread = store->newestChangesUnread(),
                               dbFile = store->path()] {
        QStringList notices;
        if (resourceDir.isEmpty()) notices << rwkv::app::missingResourcesText(QCoreApplication::applicationDirPath());
        if (folderNotice) notices << folderNotice();
        if (downloadNotice) notices << downloadNotice();
        if (lowDiskNotice)  // made again at a language switch: with the free space then (none once room was made)
            if (const QString low = lowDiskNotice(); !low.isEmpty()) notices << low;
        if (recovered) {
            notices << rwkv::gui::recoveryNotice(*recovered, movedAsideTo);
        } else if (notADatabase) {
            notices << QCoreApplication::translate("main", "The file in the conversation database's place was not one "
                                                           "(not an SQLite file). It was moved to %1 as it was, and a "
                                                           "new, empty conversation database was started.")
                           .arg(rwkv::models::isolatedPath(movedAsideTo));
        } else if (!movedAsideTo.isEmpty()) {
            notices << QCoreApplication::translate("main", "Your conversation database was damaged. It was moved "
                                                           "to %1 (nothing was deleted) and a new, empty one was "
                                                           "started.")
                           .arg(rwkv::models::isolatedPath(movedAsideTo));
            if (!recoveryFailure.isEmpty())
                notices << QCoreApplication::translate("main", "Nothing could be recovered from it: %1")
                               .arg(recoveryFailure);
        }
        if (statesRemade)  // a cache: said, as the trial asked (never a silent loss), with what it costs
            notices << QCoreApplication::translate("main", "The saved states of your chats were damaged in the "
                                                           "conversation database and were cleared; no message was "
                                                           "touched. Each chat reads its text again once when you "
                                                           "continue it.");
        using IndexRepair = rwkv::store::ConversationStore::IndexRepair;
        // Derived data made again (session 35's trial: it cost every chat). Any index of the conversations or messages
        // table: "the conversation list's index" was said of messages_unfinished too (session 54).
        if (indexRepair == IndexRepair::Rebuilt)
            notices << QCoreApplication::translate("main", "An index of your conversation database was damaged and "
                                                           "has been rebuilt; nothing was lost.");
        if (indexRepair == IndexRepair::LeftDamaged)  // read-only: the rows are whole, read without the index
            notices << QCoreApplication::translate("main", "Your conversation database is read-only and an index "
                                                           "in it is damaged, so the index cannot be rebuilt. Your "
                                                           "chats are listed and can be read (more slowly), but "
                                                           "nothing can be changed. Make the file and its folder "
                                                           "writable and start again to rebuild it.");
        if (walUnread)  // a -wal without its -shm in a read-only folder, and no room to read a copy of them
            notices << QCoreApplication::translate("main", "The newest changes to your conversation database could "
                                                           "not be read: they are in %1-wal, and its folder is "
                                                           "read-only. The chats are shown as they were before them. "
                                                           "Copy the folder somewhere writable and choose the copy in "
                                                           "Settings → Folders (used from the next start) to see them.")
                           .arg(rwkv::models::isolatedPath(dbFile));
        if (downloadListNotice)
            if (const QString list = downloadListNotice(); !list.isEmpty()) notices << list;
        if (apiNotice)
            if (const QString api = apiNotice(); !api.isEmpty()) notices << api;
        return notices;
    };
    // The saved states cleared, the indexes or the list of unfinished downloads made again, alone, are notices: nothing
    // failed for the user (drawn as such: session 34's check).
    const int infoNotices = int(store->savedStatesRemade()) + int(opened.downloadStore->listRemade()) +
                            int(store->indexRepair() == rwkv::store::ConversationStore::IndexRepair::Rebuilt);
    const auto announceMove = [&chat, &startNotices, infoNotices] {
        if (!startNotices().isEmpty())
            chat.showError([&startNotices, infoNotices] {
                const QStringList notices = startNotices();
                return rwkv::app::ChatController::ErrorTexts{notices.join(u'\n'), {}, {},
                                                             infoNotices > 0 && notices.size() == infoNotices};
            });
    };
    if (store->isReadOnly())  // the error banner says so too (Chat.libraryReadOnly)
        err << "rwkv-desktop: " << rwkv::app::databasePath(dataDir) << " is read-only"
            << (store->readOnlyReason().empty() ? QString() : " (" + QString::fromStdString(store->readOnlyReason()) + ")")
            << ": changes will not be saved\n";
    rwkv::gui::DesktopServices services(appSettings, *languages, chat, worker, resourceDir);  // device, preset, ...

    rwkv::models::DownloadManager downloads(*opened.downloadStore);
    QString catalogError;
    // Without a resources folder there is no bundled catalog (resourcesNotice says so): not "./models.json".
    const QString catalogFile = !options.catalog.isEmpty() ? options.catalog
                                : resourceDir.isEmpty()    ? QString()
                                                           : QDir(resourceDir).filePath(QStringLiteral("models.json"));
    std::optional<rwkv::models::ModelCatalog> catalog;
    if (!catalogFile.isEmpty()) {
        catalog = rwkv::models::ModelCatalog::load(catalogFile, &catalogError);
        if (!catalog)  // its words quote the path isolated, for the Models page: not on a terminal (forTerminal)
            err << "rwkv-desktop: model catalog " << catalogFile << " unavailable: " << rwkv::app::forTerminal(catalogError)
                << "\n";
        else
            for (const QString& skipped : catalog->skipped())
                err << "rwkv-desktop: model catalog " << catalogFile << ": entry left out: " << skipped << "\n";
    }
    const QString modelsDir = QDir(dataDir).filePath(QStringLiteral("models"));
    QDir().mkpath(modelsDir);
    const rwkv::models::ModelCatalog catalogOrEmpty = catalog.value_or(rwkv::models::ModelCatalog{});  // outlives the controller
    rwkv::models::ModelManagerController modelManager(catalogOrEmpty, downloads, modelsDir);
    // A damaged list of unfinished downloads was made again (or cannot be read): said once, in the start's banner, with
    // the .part files kept (session 59: stderr alone said it, and a paused download's Resume banner was simply gone).
    downloadListNotice = [&downloads, &modelManager] {
        return downloads.earlierListProblem(modelManager.modelFolders()).text();
    };
    if (!catalogFile.isEmpty() && (!catalog || catalog->entries().isEmpty() || !catalog->skipped().isEmpty()))
        modelManager.setUnusableCatalog(catalogFile);  // the Models page says so (an empty one: session 24's F10)
    QSettings settings;
    rwkv::models::persistModelSettings(modelManager, settings);
    if (const QString note = modelManager.modelsDirNote(); !note.isEmpty())  // a read-only share: downloads go elsewhere
        err << "rwkv-desktop: " << rwkv::app::forTerminal(note) << "\n";
    // The "fits your GPU" hints: the largest discrete GPU, CUDA's at once as before, then any backend's once the
    // devices are listed (below).
    if (const qint64 gpuBytes = rwkv::models::fitHintGpuBytes(rwkv::list_gpu_devices()); gpuBytes > 0)
        modelManager.setGpuMemoryBytes(gpuBytes);
    modelManager.setWeightType(appSettings.weightType());  // the hints measure the load Settings chose (fp16, int8)
    QObject::connect(&appSettings, &rwkv::app::AppSettings::weightTypeChanged, &modelManager,
                     [&] { modelManager.setWeightType(appSettings.weightType()); });
    // Models' GPU line and fit hints go by what Settings lists: a Vulkan GPU too (session 59: CUDA's alone, so a
    // build without CUDA never said "Fits your GPU"), and a software renderer (llvmpipe) as one (session 27's N5).
    QObject::connect(&services.devices(), &rwkv::app::DeviceListModel::countChanged, &modelManager, [&] {
        if (services.devices().listed()) modelManager.setDevices(services.devices().devices());
    });
    // A verified download (or an import) loads at once, or after the reply being written (or the load running).
    QObject::connect(&modelManager, &rwkv::models::ModelManagerController::modelReady, &chat,
                     [&chat](const QString& path) { chat.loadModelWhenIdle(path); });
    QObject::connect(&modelManager, &rwkv::models::ModelManagerController::modelDeleted, &appSettings,
                     &rwkv::app::AppSettings::forgetDeletedModel);
    // Models marks the model in use, and keeps it listed once its file is deleted: it is still loaded.
    QObject::connect(&chat, &rwkv::app::ChatController::modelChanged, &modelManager,
                     [&chat, &modelManager] { modelManager.setModelInUse(chat.modelPath()); });
    // A load of the path in use (Use on a file put in its place) makes that file the one in use.
    QObject::connect(&chat, &rwkv::app::ChatController::modelLoadFinished, &modelManager, [&chat, &modelManager](bool ok) {
        if (ok) modelManager.setModelLoaded(chat.modelPath());
    });
    // Renamed while in use: the footer and the model loaded at the next start follow the file (they kept the old name).
    QObject::connect(&modelManager, &rwkv::models::ModelManagerController::modelInUseRenamed, &chat,
                     [&chat, &appSettings](const QString& oldPath, const QString& newPath) {
                         appSettings.followRenamedModel(oldPath, newPath);
                         chat.followRenamedModel(oldPath, newPath);
                     });
    QObject::connect(languages, &rwkv::gui::LanguageSwitcher::languageChanged, &modelManager,
                     &rwkv::models::ModelManagerController::retranslate);

    rwkv::gui::registerQmlTypes(&chat, &modelManager);
    // The local OpenAI-compatible API server (docs/api.md): on 127.0.0.1 only, as Settings → Local API server says, or
    // on --api-port's port this run (a change in Settings then applies).
    rwkv::app::ApiServer api(worker);
    QObject::connect(&chat, &rwkv::app::ChatController::loadModelRequested, &api, &rwkv::app::ApiServer::modelChanging);
    bool portFromOption = false;  // the last port tried was --api-port's: the banner then names the option, not Settings
    const auto serveApi = [&api, &err, &portFromOption](int port, bool on, bool fromOption = false) {
        portFromOption = fromOption;
        if (!on) return api.stop();
        if (api.start(quint16(port)))
            err << "rwkv-desktop: serving the OpenAI-compatible API at http://127.0.0.1:" << api.port() << "/v1\n";
        else
            err << "rwkv-desktop: the local API server cannot listen on 127.0.0.1:" << port << ": " << api.errorString()
                << "\n";
        err.flush();
    };
    const auto serveAsSettingsSay = [&serveApi, &appSettings] { serveApi(appSettings.apiPort(), appSettings.apiServer()); };
    QObject::connect(&appSettings, &rwkv::app::AppSettings::apiServerChanged, &api, serveAsSettingsSay);
    QObject::connect(&appSettings, &rwkv::app::AppSettings::apiPortChanged, &api, serveAsSettingsSay);
    if (options.apiPort > 0)
        serveApi(options.apiPort, true, true);
    else
        serveAsSettingsSay();
    // A server the start asked for (--api-port, or Settings' switch) that cannot listen is said in the banner with
    // the start's notices: before, only stderr said so, and the window was silent unless Settings was open (session
    // 51's trial). Said while it is so: once Settings makes it serve, the banner made again leaves it out. In the
    // Settings page's words (ApiServer::failureText), what to do by where the port came from.
    if (!api.failure().isEmpty())
        apiNotice = [&api, &portFromOption] {
            return api.failureText(portFromOption ? rwkv::app::ApiServer::PortFrom::Option
                                                  : rwkv::app::ApiServer::PortFrom::Settings);
        };
    QObject::connect(languages, &rwkv::gui::LanguageSwitcher::languageChanged, &api, &rwkv::app::ApiServer::retranslate);
    qmlRegisterSingletonInstance("RwkvDesktop.Core", 1, 0, "ApiServer", &api);
    rwkv::app::BundleImportController importer(*store, chat, modelManager, catalogOrEmpty,
                                               &appSettings);  // Import…, Export…, model offer
    rwkv::gui::registerLibrary(&library, &importer);
    // A search typed while an import ran shows the imported conversation's hits once it lands (it missed them until
    // the user typed again).
    QObject::connect(&importer, &rwkv::app::BundleImportController::conversationImported, &library,
                     &rwkv::app::LibraryController::refreshSearch);
    QObject::connect(languages, &rwkv::gui::LanguageSwitcher::languageChanged, &importer,
                     &rwkv::app::BundleImportController::retranslate);  // the import banner's message
    services.registerWithQml();
    QQmlApplicationEngine engine;
    services.setEngine(&engine);
    engine.load(QUrl(QStringLiteral("qrc:/RwkvDesktop/Main.qml")));
    if (engine.rootObjects().isEmpty()) return 1;
    auto* window = qobject_cast<QQuickWindow*>(engine.rootObjects().constFirst());
    if (handoff) handoff->setWindow(window);
    rwkv::gui::TimingProbe timing(sinceStart);
    if (rwkv::gui::TimingProbe::enabled() && window) {
        timing.watch(window);
        QObject::connect(&chat, &rwkv::app::ChatController::uiActionStarted, &timing, &rwkv::gui::TimingProbe::begin);
        QObject::connect(&library, &rwkv::app::LibraryController::uiActionStarted, &timing,
                         &rwkv::gui::TimingProbe::begin);
    }
    // Test hooks: change settings at run time (as the Settings page does) and open a page for a screenshot.
    for (const QString& kv : options.settings)
        if (QString whyNot; !appSettings.apply(kv, &whyNot))
            err << "rwkv-desktop: --set " << kv << " was not applied: " << whyNot << "\n";
    if (!options.openPage.isEmpty())
        QMetaObject::invokeMethod(window, "openPage", Q_ARG(QVariant, options.openPage));

    // The model chosen last loads at start (--model is for this start only), else the demo model. When that model does
    // not load (a remembered file gone, replaced or damaged, a bad --model), the demo model takes its place and the
    // banner says why, so the window can be used at once; the remembered choice stays as it was (a model on a drive
    // not mounted at this start loads again at the next one). Connected before the test hook: it hears of the
    // stand-in first.
    const QString demoModel =
        resourceDir.isEmpty() ? QString() : QDir(resourceDir).filePath(QString::fromLatin1(rwkv::app::kDemoModelFileName));
    importer.setDemoModelPath(demoModel);  // a conversation made with it is not "not here"
    modelManager.setDemoModelPath(demoModel);  // a row of Models → On this computer: Use goes back to it
    const QString model = appSettings.startModel(options.modelPath, demoModel);
    const QString commandLineModel = options.modelPath.isEmpty() ? QString() : QFileInfo(options.modelPath).absoluteFilePath();
    enum class Fallback { Off, Watching, LoadingDemo };
    Fallback fallback = model != demoModel && !demoModel.isEmpty() ? Fallback::Watching : Fallback::Off;
    rwkv::app::ChatController::ErrorMaker fallbackWhy;  // the failed load's banner, made in the language of the moment
    QObject::connect(&chat, &rwkv::app::ChatController::modelLoadFinished, &chat, [&](bool ok) {
        // A model chosen without the resources folder fails for the want of its vocabulary: the notice stays first.
        if (!ok && !resourcesNotice.isEmpty() && !chat.errorText().startsWith(resourcesNotice)) {
            rwkv::app::ChatController::ErrorMaker failed = chat.errorMaker();
            if (!failed)
                failed = [summary = chat.errorSummary(), detail = chat.errorDetail()] {
                    return rwkv::app::ChatController::ErrorTexts{summary, detail};
                };
            chat.showError([failed] {
                auto texts = failed();
                texts.summary.prepend(rwkv::app::missingResourcesText(QCoreApplication::applicationDirPath()) + u'\n');
                return texts;
            });
        }
        // The data folder's disk too full for a reply (its state + a margin): said at start, once the model's state
        // size is known, not first by the failed save of the first reply (session 35's trial, LOW). A library opened
        // read-only (no room at all) has its own banner, which says more.
        const QString noticesBefore = startNotices().join(u'\n');
        const bool lowDiskNew = ok && !lowDiskNotice && !store->isReadOnly() &&
                                !rwkv::app::lowDiskNotice(dataDir, chat.modelStateBytes()).isEmpty();
        if (lowDiskNew) {
            lowDiskNotice = [&dataDir, bytes = chat.modelStateBytes()] { return rwkv::app::lowDiskNotice(dataDir, bytes); };
            chat.setStandingNotice(lowDiskNotice);  // back after a Send closes the banner, while the disk stays full
        } else if (ok && !lowDiskWatched && !store->isReadOnly()) {
            // Room now: the same banner once a disk that fills later keeps a reply's state from being saved (session
            // 57's trial: only "too little disk space: state not saved" in the status line), and at each turn after.
            chat.setStandingNotice([&dataDir, bytes = chat.modelStateBytes()] {
                return rwkv::app::lowDiskNotice(dataDir, bytes);
            });
        }
        lowDiskWatched = lowDiskWatched || (ok && !store->isReadOnly());
        const QString loaded = QFileInfo(chat.modelPath()).absoluteFilePath();
        // The demo model standing in for the start model leaves the remembered choice as it was. (Before, a remembered
        // file that was gone was not even tried: the demo model loaded without a word and took its place in
        // chat/lastModel — session 23's trial, T4.)
        const bool standsIn = fallback == Fallback::LoadingDemo;
        if (ok && loaded != commandLineModel && !standsIn)
            appSettings.setLastModel(loaded == QFileInfo(demoModel).absoluteFilePath() ? QString() : loaded);
        if (fallback == Fallback::Watching) {
            fallback = Fallback::Off;
            if (!ok) {
                fallbackWhy = chat.errorMaker();
                if (!fallbackWhy)
                    fallbackWhy = [summary = chat.errorSummary(), detail = chat.errorDetail()] {
                        return rwkv::app::ChatController::ErrorTexts{summary, detail};
                    };
                fallback = Fallback::LoadingDemo;
                chat.loadModel(demoModel);
            }
        } else if (fallback == Fallback::LoadingDemo) {
            fallback = Fallback::Off;
            if (ok) {  // after the start's notices (a database moved aside, a folder not usable), not instead of them
                chat.showError([&startNotices, failed = fallbackWhy] {
                    const auto failure = failed();
                    QString why = failure.summary;
                    const QString& detail = failure.detail;
                    // "… does not exist." + ". The demo …"; "…另一个模型。" + "。已改为…" (zh_CN)
                    while (why.endsWith(u'.') || why.endsWith(QChar(0x3002))) why.chop(1);
                    QStringList notices = startNotices();
                    notices << QCoreApplication::translate("main", "%1. The demo model was loaded instead.").arg(why);
                    return rwkv::app::ChatController::ErrorTexts{notices.join(u'\n'), detail};
                });
            }
        }
        // Not over another banner (a fallback's note); the demo model standing in says it with its sentence (above).
        if (lowDiskNew && !standsIn && (chat.errorText().isEmpty() || chat.errorText() == noticesBefore)) announceMove();
    });

    std::unique_ptr<rwkv::gui::ScreenshotHook> hook;
    if (!options.sendText.isEmpty() || !options.screenshot.isEmpty())
        hook = std::make_unique<rwkv::gui::ScreenshotHook>(chat, window, options.sendText, options.screenshot,
                                                           options.timeoutS);
    if (hook && options.screenshotAtS > 0) {
        hook->captureAfter(options.screenshotAtS);
        hook->captureOnSignal();  // a test may bring that time forward (SIGUSR1)
    }
    if (hook) hook->setKeys(options.keys);
    chat.setReplyPace(options.replyPaceMs);
    api.setReplyPaceMs(options.replyPaceMs);  // a Local API reply too: long enough for a test to act while it writes
    chat.setUnsavedRetryMs(options.saveRetryMs);  // 0: kUnsavedRetryMs

    // --download: the model arrives by download (modelReady loads it); the demo model (or --model) answers meanwhile.
    if (!options.downloadId.isEmpty()) {
        // An id the catalog does not know (a typo): said on stderr and in the chat's banner, where the user looks; the
        // Models page says it too. Before, only the Models page did (session 20's trial, F20): the window opened as
        // usual and the user waited for a download that never started.
        if (!catalogOrEmpty.find(options.downloadId)) {
            QStringList known;
            for (const rwkv::models::CatalogEntry& e : catalogOrEmpty.entries()) known << e.id;
            downloadNotice = [id = options.downloadId] {
                return QCoreApplication::translate("main", "--download: there is no model \"%1\" in the catalog. "
                                                           "Models lists the ones to download.")
                    .arg(id);
            };
            err << "rwkv-desktop: " << rwkv::app::forTerminal(downloadNotice()) << "\n"
                << (known.isEmpty() ? QStringLiteral("rwkv-desktop: the model catalog is unavailable\n")
                                    : QStringLiteral("rwkv-desktop: known models: %1\n").arg(known.join(QStringLiteral(", "))));
            err.flush();
        }
        if (hook) {
            hook->awaitDownloadedModel();
            QObject::connect(&modelManager, &rwkv::models::ModelManagerController::modelReady, hook.get(),
                             &rwkv::gui::ScreenshotHook::expectModel);
            QObject::connect(&modelManager, &rwkv::models::ModelManagerController::errorMessageChanged, hook.get(),
                             [&modelManager, &hook] {
                                 if (!modelManager.errorMessage().isEmpty())
                                     hook->abort(QStringLiteral("download failed: ") + modelManager.errorMessage());
                             });
        }
        // A download refused at once (a file of that name that cannot be replaced, a models folder that cannot be
        // written, no address for the source) is said in the chat's banner too: it was a line on stderr only and the
        // window said nothing (session 28's check, C3).
        QString refusal;
        std::function<QString()> refusalMaker;  // the Models page's maker of it: the reason follows a switch too
        const auto heard =
            QObject::connect(&modelManager, &rwkv::models::ModelManagerController::errorMessageChanged, &modelManager,
                             [&refusal, &refusalMaker, &modelManager] {
                                 refusal = modelManager.errorMessage();
                                 refusalMaker = modelManager.errorMaker();
                             });
        modelManager.download(options.downloadId);
        QObject::disconnect(heard);
        if (const rwkv::models::CatalogEntry* e = catalogOrEmpty.find(options.downloadId); e && !refusal.isEmpty()) {
            downloadNotice = [name = e->name, refusal, refusalMaker] {
                const QString why = refusalMaker ? refusalMaker() : refusal;
                return QCoreApplication::translate("main", "--download: %1 was not downloaded: %2")
                    .arg(name, why.isEmpty() ? refusal : why);
            };
            err << "rwkv-desktop: " << rwkv::app::forTerminal(downloadNotice()) << "\n";
            err.flush();
        }
    }
    // --select / --search test hooks run first (each timed on its own), then --import and the model's load.
    const auto loadAtStart = [&chat, model, &announceMove, &hook] {
        // (a --download that finished first has loaded its model already; without a resources folder there is no
        // demo model to load: the notice says why)
        const auto loading = [&chat] {
            return chat.composerState() == rwkv::app::ChatController::ComposerState::LoadingModel;
        };
        if (chat.modelPath().isEmpty() && !model.isEmpty() && !loading()) chat.loadModel(model);
        announceMove();
        // No load to wait for: the test hook shoots the window as it is.
        if (hook && chat.modelPath().isEmpty() && !loading()) hook->noModelLoads();
    };
    rwkv::gui::runScriptedActions(chat, library, options.selectIds, options.searches,
                                  [&importer, &options, window, &hook, loadAtStart] {
                                      if (options.importFiles.isEmpty()) return loadAtStart();
                                      // The window is first drawn with "Importing “NAME”…" in the banner; the
                                      // import runs on a thread of its own (a 60,000-message JSON: 4 s of CPU). Before,
                                      // it ran before the first frame and the window stayed undrawn (session 30's
                                      // trial, A3), then on this thread, the window frozen. The model loads beside it:
                                      // the header and the status line say "Loading…", then the model, as at any
                                      // start; until session 32 it loaded after the import, and the window said "No
                                      // model loaded" and "Choose a model…" all the while.
                                      // Several (--import a --import b): each in turn, as Import… twice does — the
                                      // banner names the next and shows each outcome on its line. Before (session
                                      // 34's check) only the last was imported, without a word of the others.
                                      importer.announceImport(options.importFiles.constFirst());
                                      if (hook) hook->awaitImport();
                                      loadAtStart();
                                      rwkv::gui::afterNextFrame(window, &importer, [&importer, &options, &hook] {
                                          if (hook) hook->importStarts();
                                          for (qsizetype i = 0; i < options.importFiles.size(); ++i)
                                              importer.importInBackground(
                                                  options.importFiles[i],
                                                  [&hook, last = i + 1 == options.importFiles.size()] {
                                                      if (hook && last) hook->importEnds();
                                                  });
                                      });
                                  });
    quitStatus = app.exec();
    return *quitStatus;
}
