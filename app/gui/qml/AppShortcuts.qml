// AppShortcuts.qml — the window's keyboard shortcuts: Ctrl+N new chat, Esc stop the reply (or the prompt being
// read), Ctrl+F search conversations, Ctrl+, settings. Enter / Shift+Enter are handled by the Composer.
import QtQuick
import RwkvDesktop.Core

Item {
    id: root
    signal newChat()
    signal search()
    signal openSettings()

    Shortcut {
        sequence: "Ctrl+N"
        context: Qt.ApplicationShortcut
        onActivated: root.newChat()
    }
    Shortcut {
        sequence: "Esc"
        context: Qt.ApplicationShortcut
        enabled: Chat.composerState === Chat.Generating
        onActivated: Chat.stop()
    }
    Shortcut {
        sequence: "Ctrl+F"
        context: Qt.ApplicationShortcut
        onActivated: root.search()
    }
    Shortcut {
        sequence: "Ctrl+,"
        context: Qt.ApplicationShortcut
        onActivated: root.openSettings()
    }
}
