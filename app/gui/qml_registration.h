// qml_registration.h — hands the controllers built in main.cpp to QML as singleton instances of the module
// RwkvDesktop.Core ("Chat", "ModelManager"), and registers the enums the views compare against (MessageModel.Streaming, ...).
#pragma once

namespace rwkv::app {
class AppSettings;
class ChatController;
class DeviceListModel;
class TurnReadouts;
}
namespace rwkv::models {
class ModelManagerController;
}

namespace rwkv::gui {

/// Registers "Chat" and "ModelManager" (the model manager page's controller) as singletons.
void registerQmlTypes(rwkv::app::ChatController* chat, rwkv::models::ModelManagerController* models);

class AboutInfo;
class LanguageSwitcher;
class SystemTheme;

/// The objects behind Settings, About, themes and reply readouts, as singletons of RwkvDesktop.Core: "AppSettings",
/// "Devices", "Readouts", "SystemTheme", "Languages", "AboutInfo"; the creatable "MessageSegments" model; and "TabOrder"
/// (tab_order.h), "Clipboard" (clipboard_text.h) and "MarkdownLists" (markdown_lists.h), made by the engine.
struct AppServices {
    rwkv::app::AppSettings* settings = nullptr;
    rwkv::app::DeviceListModel* devices = nullptr;
    rwkv::app::TurnReadouts* readouts = nullptr;
    SystemTheme* systemTheme = nullptr;
    LanguageSwitcher* languages = nullptr;
    AboutInfo* about = nullptr;
};
void registerAppServices(const AppServices& services);

}  // namespace rwkv::gui
