// models/model_settings.cpp — see model_settings.h.
#include "model_settings.h"

#include "model_manager_controller.h"

#include <QSettings>

namespace rwkv::models {
namespace {

const QString kSourceKey = QStringLiteral("models/source");
const QString kFolderKey = QStringLiteral("models/folder");
const QString kImportFolderKey = QStringLiteral("models/importFolder");

}  // namespace

void persistModelSettings(ModelManagerController& controller, QSettings& settings) {
    if (const QString source = settings.value(kSourceKey).toString(); !source.isEmpty())
        controller.setSource(source);  // an unknown key (older/newer app) keeps "auto" and says so
    if (const QString folder = settings.value(kFolderKey).toString(); !folder.isEmpty())
        controller.setModelsDir(folder);  // a folder that went away keeps the default and says so
    controller.setImportFolder(settings.value(kImportFolderKey).toString());  // one gone: home
    QObject::connect(&controller, &ModelManagerController::importFolderChanged, &controller, [&controller, &settings] {
        settings.setValue(kImportFolderKey, controller.importFolder().toLocalFile());
    });
    QObject::connect(&controller, &ModelManagerController::sourceChanged, &controller, [&controller, &settings] {
        settings.setValue(kSourceKey, controller.source());
    });
    QObject::connect(&controller, &ModelManagerController::modelsDirChanged, &controller, [&controller, &settings] {
        settings.setValue(kFolderKey, controller.modelsDir());
    });
}

}  // namespace rwkv::models
