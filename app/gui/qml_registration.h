// qml_registration.h — hands the controllers built in main.cpp to QML as singleton instances of the module
// RwkvDesktop.Core ("Chat", "ModelManager"), and registers the enums the views compare against (MessageModel.Streaming, ...).
#pragma once

namespace rwkv::app {
class ChatController;
}
namespace rwkv::models {
class ModelManagerController;
}

namespace rwkv::gui {

/// Registers "Chat" and "ModelManager" (the model manager page's controller) as singletons.
void registerQmlTypes(rwkv::app::ChatController* chat, rwkv::models::ModelManagerController* models);

}  // namespace rwkv::gui
