// Composer.qml — the message input with Send (Enter or Ctrl+Enter; Shift+Enter for a new line) and Stop.
// What it offers follows Chat.composerState alone. Beside Send, the conversation's sampling preset (PresetChooser).
// A paste longer than longPaste characters is held above the box as "Pasted text" (its size and first line) and sent
// before what is typed in the box: the box lays out all of its text, 4.8 s of CPU for a 2 MB log on a 2-core machine
// (docs/gui.md "Long messages").
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import RwkvDesktop.Core

Rectangle {
    id: root
    readonly property bool generating: Chat.composerState === Chat.Generating
    readonly property bool ready: Chat.composerState === Chat.Ready
    // While the model loads, Send queues the message (Chat.send returns false: the text stays in the box until the
    // model has loaded and answers it, then queuedMessageSent clears the box).
    readonly property bool loading: Chat.composerState === Chat.LoadingModel

    function focusInput() { input.forceActiveFocus() }
    function openPresetChooser() { presetChooser.popup.open() }  // --open presets

    /// A paste longer than this (characters) is held beside the box instead of in it (about 2,000 lines of a log).
    readonly property int longPaste: 100000
    /// The long text pasted (empty: none), sent before the box's text; the e2e hook reads it.
    property string pasted: ""
    readonly property bool hasText: pasted.length > 0 || input.text.trim().length > 0
    /// What Send sends: the pasted text, a blank line, then what is typed.
    function message() {
        if (pasted.length === 0) return input.text
        if (input.text.trim().length === 0) return pasted
        return pasted + (pasted.endsWith("\n") ? "\n" : "\n\n") + input.text
    }
    function clearAll() {
        input.clear()
        pasted = ""
    }
    /// Paste (Ctrl+V, Shift+Insert): a long clipboard text is held beside the box (after one held before it); a short
    /// one is left to the box. Returns whether it was held.
    function holdLongPaste() {
        if (Clipboard.textLength() <= longPaste) return false
        const text = Clipboard.text()
        pasted = pasted.length === 0 ? text : pasted + (pasted.endsWith("\n") ? "" : "\n") + text
        return true
    }
    function submit() {
        if (Chat.send(message()))
            clearAll()
    }

    Connections {
        target: Chat
        function onQueuedMessageSent(text) {
            if (root.message() === text)
                root.clearAll()
        }
        function onMessageNotSent(text) {  // not saved (a full disk): back in the box, before anything typed since
            if (text.length > root.longPaste) {  // a long one beside the box again (what is typed since stays)
                root.pasted = text
                return
            }
            input.text = input.text.length > 0 ? text + "\n" + input.text : text
            input.cursorPosition = input.length
        }
    }

    implicitHeight: Math.min(Math.max(input.implicitHeight, 44), 200) + 16 + (pastedRow.visible ? pastedRow.height + 8 : 0)
    radius: Theme.radius + 6
    color: Theme.window
    border.color: input.activeFocus ? Theme.accent : Theme.border
    border.width: input.activeFocus ? 2 : 1

    // The long text pasted: its size and first line, and ✕ to drop it.
    Rectangle {
        id: pastedRow
        objectName: "pastedText"
        visible: root.pasted.length > 0
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.top: parent.top
        anchors.margins: 8
        height: 36
        radius: Theme.radius
        color: Theme.control

        readonly property int lines: {
            const text = root.pasted  // once: every read of the property copies the whole text
            let n = text.length > 0 ? 1 : 0
            for (let i = text.indexOf("\n"); i >= 0 && i < text.length - 1; i = text.indexOf("\n", i + 1))
                ++n
            return n
        }
        readonly property string firstLine: root.pasted.substring(0, 300).split("\n")[0]

        RowLayout {
            anchors.fill: parent
            anchors.leftMargin: 10
            spacing: 8
            Label {
                readonly property string characters: root.pasted.length.toLocaleString(Qt.locale(), "f", 0)
                text: pastedRow.lines === 1 ? qsTr("Pasted text: one line, %1 characters").arg(characters)
                                            : qsTr("Pasted text: %1 lines, %2 characters")
                                                  .arg(pastedRow.lines.toLocaleString(Qt.locale(), "f", 0)).arg(characters)
                color: Theme.controlText
                font.weight: Font.DemiBold
            }
            Label {
                Layout.fillWidth: true
                text: pastedRow.firstLine
                elide: Text.ElideRight
                color: Theme.mutedText
                font.family: Theme.monoFamily
                font.pixelSize: Theme.smallFontSize
            }
            ToolButton {
                objectName: "dropPastedText"
                text: "✕"
                onClicked: {
                    root.pasted = ""
                    input.forceActiveFocus()
                }
                ToolTip.visible: hovered
                ToolTip.text: qsTr("Remove the pasted text")
            }
        }
        ToolTip.visible: pastedHover.hovered
        ToolTip.text: qsTr("Sent with your message, before what you type in the box")
        HoverHandler { id: pastedHover }
    }

    RowLayout {
        anchors.fill: parent
        anchors.margins: 8
        anchors.leftMargin: 12
        anchors.topMargin: pastedRow.visible ? pastedRow.height + 16 : 8
        spacing: 8

        ScrollView {
            Layout.fillWidth: true
            Layout.fillHeight: true
            TextArea {
                id: input
                objectName: "messageInput"  // the test hook's "active focus:" line names it
                focus: true
                wrapMode: TextArea.Wrap
                placeholderText: Chat.composerState === Chat.NoModel ? qsTr("Choose a model to start chatting")
                               : Chat.composerState === Chat.LoadingModel ? qsTr("Loading the model… (you can type: Enter sends once it has loaded)")
                               : Chat.composerState === Chat.ReadOnly ? qsTr("Read-only library: new messages cannot be saved")
                               : input.width < 360 ? qsTr("Message RWKV…")  // a narrow window: no "(Ent…"
                               : qsTr("Message RWKV…  (Enter to send, Shift+Enter for a new line)")
                placeholderTextColor: Theme.mutedText
                color: Theme.text
                background: null
                Keys.onPressed: (event) => {
                    // Tab / Shift+Tab move on (the preset, Send, the rest of the window) instead of typing a tab:
                    // keyboard-only users could not leave the box.
                    if (event.key === Qt.Key_Tab || event.key === Qt.Key_Backtab) {
                        const forward = event.key === Qt.Key_Tab && !(event.modifiers & Qt.ShiftModifier)
                        const next = input.nextItemInFocusChain(forward)
                        if (next)
                            next.forceActiveFocus(forward ? Qt.TabFocusReason : Qt.BacktabFocusReason)
                        event.accepted = true
                        return
                    }
                    if (event.matches(StandardKey.Paste) && root.holdLongPaste()) {  // Ctrl+V, Shift+Insert
                        event.accepted = true
                        return
                    }
                    if ((event.key === Qt.Key_Return || event.key === Qt.Key_Enter)
                            && !(event.modifiers & Qt.ShiftModifier)) {
                        event.accepted = true
                        if (root.ready || root.loading)
                            root.submit()
                    }
                }
            }
        }

        PresetChooser {
            id: presetChooser
            Layout.alignment: Qt.AlignBottom
        }

        Button {
            id: action
            Layout.alignment: Qt.AlignBottom
            text: root.generating ? qsTr("Stop") : qsTr("Send")
            enabled: root.generating || ((root.ready || root.loading) && root.hasText)
            onClicked: root.generating ? Chat.stop() : root.submit()
            ToolTip.visible: hovered
            ToolTip.text: root.generating ? qsTr("Stop the reply (the text so far is kept)")
                        : root.loading ? qsTr("Send once the model has loaded (Enter)") : qsTr("Send (Enter)")
            contentItem: Label {
                text: action.text
                color: Theme.accentText
                font.weight: Font.DemiBold
                horizontalAlignment: Text.AlignHCenter
                verticalAlignment: Text.AlignVCenter
            }
            background: Rectangle {
                implicitWidth: 76
                implicitHeight: 36
                radius: 18
                opacity: action.enabled ? 1.0 : 0.4
                color: root.generating ? Theme.stopButton : action.hovered ? Theme.accentHover : Theme.accent
            }
        }
    }
}
