// AppShortcuts.qml — the window's keyboard shortcuts: Ctrl+N new chat, Esc stop the reply (or the prompt being
// read) when no panel, dialog or menu is open, Ctrl+F search conversations, Ctrl+, settings, Ctrl+Q (the platform's
// Quit key) quit, Ctrl+= (or Ctrl++) / Ctrl+- / Ctrl+0 larger / smaller / standard text (AppSettings.textSize).
// Enter / Shift+Enter are handled by the Composer.
import QtQuick
import QtQuick.Controls
import RwkvDesktop.Core

Item {
    id: root
    signal newChat()
    signal search()
    signal openSettings()
    signal quit()
    signal stopReply()

    Shortcut {
        sequence: "Ctrl+N"
        context: Qt.ApplicationShortcut
        onActivated: root.newChat()
    }
    // Esc closes the topmost thing first: while Settings, Models, a dialog or a menu is open, Esc is theirs (each
    // closes on Esc by itself) and the reply behind it goes on. Before (session 20's trial, F14) this shortcut took
    // Esc from an open Settings page: the hidden reply stopped at 322 of 512 tokens and Settings stayed open.
    Shortcut {
        sequence: "Esc"
        context: Qt.ApplicationShortcut
        // Only over the chat whose reply it is: Esc in another chat stopped it unseen (Chat.replyElsewhere).
        enabled: Chat.composerState === Chat.Generating && Chat.replyElsewhere.length === 0 && !root.panelOpen
        onActivated: root.stopReply()
    }
    /// A popup that takes Esc is open: one that dims the window (the Settings and Models drawers, dialogs: its dimmer
    /// covers the whole overlay) or one holding the keyboard focus (a menu). A tooltip is neither.
    readonly property bool panelOpen: {
        const overlay = root.Overlay.overlay
        if (!overlay) return false
        const items = overlay.children
        for (let i = 0; i < items.length; ++i) {
            const item = items[i]
            if (item.visible && (item.activeFocus || (item.width >= overlay.width && item.height >= overlay.height)))
                return true
        }
        return false
    }
    // Closes the window as its title bar's ✕ does, so unsent text or a reply not saved yet is asked about first
    // (Main.qml's onClosing). Before, Ctrl+Q did nothing (session 36's trial, nit).
    Shortcut {
        sequence: StandardKey.Quit
        context: Qt.ApplicationShortcut
        onActivated: root.quit()
    }
    Shortcut {
        sequence: "Ctrl+F"
        context: Qt.ApplicationShortcut
        onActivated: root.search()
    }
    // The text size a step up or down, or back to 100 %, as browsers and editors zoom; anywhere in the window (a dialog
    // or Settings open too: the Settings page's box follows). Not StandardKey.ZoomIn as well: it is Ctrl++ on Linux, and
    // two shortcuts on one key are ambiguous and neither fires.
    Shortcut {
        sequences: ["Ctrl+=", "Ctrl++"]
        context: Qt.ApplicationShortcut
        onActivated: AppSettings.stepTextSize(1)
    }
    Shortcut {
        sequence: "Ctrl+-"
        context: Qt.ApplicationShortcut
        onActivated: AppSettings.stepTextSize(-1)
    }
    Shortcut {
        sequence: "Ctrl+0"
        context: Qt.ApplicationShortcut
        onActivated: AppSettings.textSize = 100  // AppSettings::kDefaultTextSize
    }
    Shortcut {
        sequence: "Ctrl+,"
        context: Qt.ApplicationShortcut
        onActivated: root.openSettings()
    }
}
