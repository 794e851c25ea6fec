// qml_registration.cpp — see qml_registration.h.
#include "qml_registration.h"

#include <QQmlEngine>

#include "chat_controller.h"
#include "models/model_manager_controller.h"

namespace rwkv::gui {

void registerQmlTypes(rwkv::app::ChatController* chat, rwkv::models::ModelManagerController* models) {
    const char* uri = "RwkvDesktop.Core";
    qmlRegisterSingletonInstance(uri, 1, 0, "Chat", chat);
    qmlRegisterSingletonInstance(uri, 1, 0, "ModelManager", models);
    qmlRegisterUncreatableType<rwkv::app::MessageModel>(uri, 1, 0, "MessageModel",
                                                        QStringLiteral("MessageModel is provided by Chat.messages"));
    qmlRegisterUncreatableType<rwkv::app::ConversationListModel>(
        uri, 1, 0, "ConversationListModel", QStringLiteral("ConversationListModel is provided by Chat.conversations"));
}

}  // namespace rwkv::gui
