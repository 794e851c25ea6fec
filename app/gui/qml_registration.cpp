// qml_registration.cpp — see qml_registration.h.
#include "qml_registration.h"

#include <QQmlEngine>

#include "about_info.h"
#include "app_settings.h"
#include "clipboard_text.h"
#include "dialog_rows.h"
#include "chat_controller.h"
#include "device_list_model.h"
#include "language_switcher.h"
#include "markdown_lists.h"
#include "message_segments.h"
#include "stable_rows_model.h"
#include "system_theme.h"
#include "tab_order.h"
#include "turn_readouts.h"
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

void registerAppServices(const AppServices& s) {
    const char* uri = "RwkvDesktop.Core";
    qmlRegisterSingletonInstance(uri, 1, 0, "AppSettings", s.settings);
    qmlRegisterSingletonInstance(uri, 1, 0, "Devices", s.devices);
    qmlRegisterSingletonInstance(uri, 1, 0, "Readouts", s.readouts);
    qmlRegisterSingletonInstance(uri, 1, 0, "SystemTheme", s.systemTheme);
    qmlRegisterSingletonInstance(uri, 1, 0, "Languages", s.languages);
    qmlRegisterSingletonInstance(uri, 1, 0, "AboutInfo", s.about);
    qmlRegisterType<rwkv::app::MessageSegmentModel>(uri, 1, 0, "MessageSegments");
    qmlRegisterType<StableRowsModel>(uri, 1, 0, "StableRows");
    qmlRegisterSingletonType<TabOrder>(uri, 1, 0, "TabOrder", [](QQmlEngine*, QJSEngine*) -> QObject* {
        return new TabOrder;  // owned by the engine
    });
    qmlRegisterSingletonType<ClipboardText>(uri, 1, 0, "Clipboard", [](QQmlEngine*, QJSEngine*) -> QObject* {
        return new ClipboardText;  // owned by the engine
    });
    qmlRegisterSingletonType<DialogRows>(uri, 1, 0, "DialogRows", [](QQmlEngine*, QJSEngine*) -> QObject* {
        return new DialogRows;  // owned by the engine
    });
    registerMarkdownLists();
}

}  // namespace rwkv::gui
