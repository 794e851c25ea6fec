// desktop_services.cpp — see desktop_services.h.
#include "desktop_services.h"

#include <QGuiApplication>

#include "app_settings.h"
#include "chat_controller.h"
#include "inference_worker.h"
#include "language_switcher.h"
#include "qml_registration.h"

namespace rwkv::gui {

DesktopServices::DesktopServices(rwkv::app::AppSettings& settings, LanguageSwitcher& languages,
                                 rwkv::app::ChatController& chat, rwkv::app::InferenceWorker& worker,
                                 const QString& resourceDir)
    : settings_(settings), languages_(languages), chat_(chat), worker_(worker), about_(resourceDir) {
    using rwkv::app::AppSettings;
    readouts_.wire(chat, worker);

    // The device, threads and weight type take effect on the next load: the current model loads again right away when idle, else
    // once the reply or load under way ends (only when idle before: session 27's trial, F3).
    applyLoadOptions();
    auto reload = [this] {
        applyLoadOptions();
        chat_.reloadModelWhenIdle();
    };
    connect(&settings_, &AppSettings::backendChanged, this, reload);
    connect(&settings_, &AppSettings::threadsChanged, this, reload);
    connect(&settings_, &AppSettings::weightTypeChanged, this, reload);

    // The "custom" preset's values are published for every chat on it (sampling_presets.h); a change applies to
    // the next reply of each (ChatController resolves the preset at each Send).
    rwkv::app::setCustomSampling(settings_.customSampling());
    chat_.setParams(rwkv::app::chatParamsForPreset(settings_.samplingPreset()));
    connect(&settings_, &AppSettings::samplingPresetChanged, this,
            [this] { chat_.setParams(rwkv::app::chatParamsForPreset(settings_.samplingPreset())); });
    connect(&settings_, &AppSettings::customSamplingChanged, this,
            [this] { rwkv::app::setCustomSampling(settings_.customSampling()); });
    chat_.setNewChatInstructions(settings_.newChatInstructions());
    connect(&settings_, &AppSettings::newChatInstructionsChanged, this,
            [this] { chat_.setNewChatInstructions(settings_.newChatInstructions()); });

    connect(&settings_, &AppSettings::languageChanged, this, [this] { languages_.apply(settings_.language()); });
    connect(&languages_, &LanguageSwitcher::languageChanged, this, [this] {
        QGuiApplication::setApplicationDisplayName(QCoreApplication::translate("main", "RWKV Desktop"));
        chat_.retranslate();
        readouts_.retranslate();
        devices_.retranslate();  // the Settings page's device texts (session 22's trial, F6)
    });
}

void DesktopServices::applyLoadOptions() {
    worker_.setLoadOptions(settings_.backend(), settings_.threads(), settings_.weightType());
}

void DesktopServices::registerWithQml() {
    registerAppServices({&settings_, &devices_, &readouts_, &systemTheme_, &languages_, &about_});
}

void DesktopServices::setEngine(QQmlEngine* engine) { languages_.setEngine(engine); }

}  // namespace rwkv::gui
