// models/model_settings.h — remembers the model manager's download source and models folder across restarts.
// Stored with QSettings (the platform's standard place, e.g. ~/.config/rwkv-desktop/rwkv-desktop.conf) under
// the keys "models/source", "models/folder" and "models/importFolder" (where Import from disk… opens). Tested in tests/app/test_model_manager.cpp.
#pragma once

class QSettings;

namespace rwkv::models {

class ModelManagerController;

/// Applies the saved source, folder and import folder to `controller` (a saved folder that is now missing is skipped: the controller
/// keeps its default and shows why in errorMessage; a read-only one is used for its models, downloads going to the
/// default: ModelManagerController::setModelsDir), then saves every later change.
/// `settings` must outlive `controller`.
void persistModelSettings(ModelManagerController& controller, QSettings& settings);

}  // namespace rwkv::models
