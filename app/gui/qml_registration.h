// qml_registration.h — hands the controllers built in main.cpp to QML as singleton instances of the module
// RwkvDesktop.Core ("Chat"), and registers the enums the views compare against (MessageModel.Streaming, ...).
#pragma once

namespace rwkv::app {
class ChatController;
}

namespace rwkv::gui {

void registerQmlTypes(rwkv::app::ChatController* chat);

}  // namespace rwkv::gui
