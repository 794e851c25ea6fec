// main.cpp — rwkv-desktop: builds the object graph in one visible place (store -> worker -> controller), hands the
// controller to QML and loads the RwkvDesktop module. Logic lives in app/core; test hooks in screenshot_hook.h.
#include <QDir>
#include <QGuiApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QQmlApplicationEngine>
#include <QQuickStyle>
#include <QQuickWindow>
#include <QSettings>
#include <QTextStream>
#include <QTranslator>

#include <algorithm>
#include <memory>

#include "app_paths.h"
#include "chat_controller.h"
#include "gui_options.h"
#include "inference_worker.h"
#include "qml_registration.h"
#include "screenshot_hook.h"
#include "startup_error.h"
#include "unix_signals.h"
#include "models/download_manager.h"
#include "rwkv/devices.h"
#include "models/model_manager_controller.h"
#include "models/model_settings.h"
#include "store/conversation_store.h"
#include "store/download_store.h"

namespace {

void setIdentity() {
    QCoreApplication::setApplicationName(QStringLiteral("rwkv-desktop"));
    QCoreApplication::setOrganizationName(QStringLiteral("rwkv-desktop"));
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
/// $RWKV_DESKTOP_LANG; empty means the system locale.
QString requestedLanguage(int argc, char** argv) {
    for (int i = 1; i < argc; ++i) {
        const QByteArray a(argv[i]);
        if (a == "--lang" && i + 1 < argc) return QString::fromLocal8Bit(argv[i + 1]);
        if (a.startsWith("--lang=")) return QString::fromLocal8Bit(a.mid(7));
    }
    return qEnvironmentVariable("RWKV_DESKTOP_LANG");
}

/// Installs the app's translation for the language (embedded from i18n/*.ts as :/i18n/rwkv-desktop_<lang>.qm by
/// qt_add_translations) and Qt's own (dialog buttons). A language without a translation shows the English source.
void installTranslations(QCoreApplication& app, const QString& language) {
    const QLocale locale = language.isEmpty() ? QLocale::system() : QLocale(language);
    if (!language.isEmpty()) QLocale::setDefault(locale);
    auto* own = new QTranslator(&app);
    if (own->load(locale, QStringLiteral("rwkv-desktop"), QStringLiteral("_"), QStringLiteral(":/i18n")))
        QCoreApplication::installTranslator(own);
    else if (!language.isEmpty() && locale.language() != QLocale::English)
        QTextStream(stderr) << "rwkv-desktop: no translation for " << language << "; using English\n";
    auto* qt = new QTranslator(&app);
    if (qt->load(locale, QStringLiteral("qt"), QStringLiteral("_"), QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt);
}

}  // namespace

int main(int argc, char** argv) {
    if (wantsInfoOnly(argc, argv)) {
        QCoreApplication info(argc, argv);
        setIdentity();
        installTranslations(info, requestedLanguage(argc, argv));
        rwkv::gui::parseGuiOptions(info);  // prints and exits
        return 0;
    }
    QGuiApplication app(argc, argv);
    setIdentity();
    rwkv::gui::quitOnTerminationSignals();  // kill/logout mid-reply: stop and save like the Stop button
    installTranslations(app, requestedLanguage(argc, argv));
    QGuiApplication::setApplicationDisplayName(QCoreApplication::translate("main", "RWKV Desktop"));
    const rwkv::gui::GuiOptions options = rwkv::gui::parseGuiOptions(app);
    QTextStream err(stderr);

    const QString dataDir = rwkv::app::resolveDataDir(options.dataDir);
    if (dataDir.isEmpty()) {
        return rwkv::gui::showStartupError(
            app, QCoreApplication::translate("main", "RWKV Desktop cannot create its data folder."),
            QCoreApplication::translate("main", "Folder: %1\nCheck that it can be written, or start the app with "
                                                "--data-dir pointing to a writable folder.")
                .arg(options.dataDir.isEmpty() ? QStringLiteral("(standard location)") : options.dataDir),
            options.screenshot);
    }
    const QString resourceDir = rwkv::app::findResourceDir(QCoreApplication::applicationDirPath());

    // store -> worker -> controllers (destroyed in reverse order)
    std::unique_ptr<rwkv::store::ConversationStore> store;
    std::unique_ptr<rwkv::store::DownloadStore> downloadStore;
    try {
        store = std::make_unique<rwkv::store::ConversationStore>(rwkv::app::databasePath(dataDir));  // migrates
        downloadStore = std::make_unique<rwkv::store::DownloadStore>(rwkv::app::databasePath(dataDir));
    } catch (const std::exception& e) {
        return rwkv::gui::showStartupError(
            app, QCoreApplication::translate("main", "RWKV Desktop cannot open its conversation database."),
            QCoreApplication::translate("main",
                                        "File: %1\nNothing was changed. If the folder is read-only, make it "
                                        "writable. If the file is damaged, move it away to start with an empty "
                                        "history (backups made before upgrades are next to it, named "
                                        "conversations.sqlite.bak-v*).\n\nDetails: %2")
                .arg(rwkv::app::databasePath(dataDir), QString::fromUtf8(e.what())),
            options.screenshot);
    }
    rwkv::app::InferenceWorker worker(*store, resourceDir);
    rwkv::app::ChatController chat(*store, worker);
    chat.selectMostRecent();

    rwkv::models::DownloadManager downloads(*downloadStore);
    QString catalogError;
    const QString catalogFile = !options.catalog.isEmpty() ? options.catalog
                                                           : QDir(resourceDir).filePath(QStringLiteral("models.json"));
    const auto catalog = rwkv::models::ModelCatalog::load(catalogFile, &catalogError);
    if (!catalog) err << "rwkv-desktop: model catalog unavailable: " << catalogError << "\n";
    const QString modelsDir = QDir(dataDir).filePath(QStringLiteral("models"));
    QDir().mkpath(modelsDir);
    const rwkv::models::ModelCatalog catalogOrEmpty = catalog.value_or(rwkv::models::ModelCatalog{});  // outlives the controller
    rwkv::models::ModelManagerController modelManager(catalogOrEmpty, downloads, modelsDir);
    QSettings settings;
    rwkv::models::persistModelSettings(modelManager, settings);
    qint64 gpuBytes = 0;  // the largest GPU the engine can use: the "fits your GPU" hints
    for (const rwkv::DeviceInfo& d : rwkv::list_gpu_devices()) gpuBytes = std::max(gpuBytes, qint64(d.total_bytes));
    if (gpuBytes > 0) modelManager.setGpuMemoryBytes(gpuBytes);
    // A verified download (or an import) can be loaded from the page.
    QObject::connect(&modelManager, &rwkv::models::ModelManagerController::modelReady, &chat,
                     [&chat](const QString& path) { chat.loadModel(path); });

    QQuickStyle::setStyle(QStringLiteral("Basic"));
    rwkv::gui::registerQmlTypes(&chat, &modelManager);
    QQmlApplicationEngine engine;
    engine.load(QUrl(QStringLiteral("qrc:/RwkvDesktop/Main.qml")));
    if (engine.rootObjects().isEmpty()) return 1;
    auto* window = qobject_cast<QQuickWindow*>(engine.rootObjects().constFirst());

    std::unique_ptr<rwkv::gui::ScreenshotHook> hook;
    if (!options.sendText.isEmpty() || !options.screenshot.isEmpty())
        hook = std::make_unique<rwkv::gui::ScreenshotHook>(chat, window, options.sendText, options.screenshot,
                                                           options.timeoutS);

    if (!options.downloadId.isEmpty()) {  // the model arrives by download (modelReady loads it)
        if (hook)
            QObject::connect(&modelManager, &rwkv::models::ModelManagerController::errorMessageChanged, hook.get(),
                             [&modelManager, &hook] {
                                 if (!modelManager.errorMessage().isEmpty())
                                     hook->abort(QStringLiteral("download failed: ") + modelManager.errorMessage());
                             });
        modelManager.download(options.downloadId);
        return app.exec();
    }
    QString model = options.modelPath;
    if (model.isEmpty() && !resourceDir.isEmpty())
        model = QDir(resourceDir).filePath(QString::fromLatin1(rwkv::app::kDemoModelFileName));
    chat.loadModel(model);
    return app.exec();
}
