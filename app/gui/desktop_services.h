// desktop_services.h — the objects behind Settings, About, themes and reply readouts, built and wired in one
// place for main.cpp: AppSettings -> InferenceWorker load options (and a model reload when the device or threads
// change), -> ChatController sampling preset, -> language switch (retranslate); TurnReadouts fed by the chat
// signals; the device list, system theme and About facts. Registers them with QML (qml_registration.h).
#pragma once

#include <QObject>
#include <QString>

#include "about_info.h"
#include "device_list_model.h"
#include "system_theme.h"
#include "turn_readouts.h"

class QQmlEngine;

namespace rwkv::app {
class AppSettings;
class ChatController;
class InferenceWorker;
}  // namespace rwkv::app

namespace rwkv::gui {

class LanguageSwitcher;

class DesktopServices : public QObject {
    Q_OBJECT
public:
    /// Applies the saved backend, threads and preset to `worker` and `chat` now, and every later change.
    DesktopServices(rwkv::app::AppSettings& settings, LanguageSwitcher& languages, rwkv::app::ChatController& chat,
                    rwkv::app::InferenceWorker& worker, const QString& resourceDir);

    /// Registers the QML singletons (before the engine loads Main.qml).
    void registerWithQml();
    /// The engine whose bindings a language switch re-evaluates.
    void setEngine(QQmlEngine* engine);
    /// The device list Settings shows (listed when Settings or Models first opens).
    rwkv::app::DeviceListModel& devices() { return devices_; }

private:
    void applyLoadOptions();

    rwkv::app::AppSettings& settings_;
    LanguageSwitcher& languages_;
    rwkv::app::ChatController& chat_;
    rwkv::app::InferenceWorker& worker_;
    rwkv::app::TurnReadouts readouts_;
    rwkv::app::DeviceListModel devices_;
    SystemTheme systemTheme_;
    AboutInfo about_;
};

}  // namespace rwkv::gui
