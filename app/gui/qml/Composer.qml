// Composer.qml — the message input with Send (Enter or Ctrl+Enter; Shift+Enter for a new line) and Stop.
// What it offers follows Chat.composerState alone. Beside Send, the conversation's sampling preset (PresetChooser).
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

    function submit() {
        if (Chat.send(input.text))
            input.clear()
    }

    Connections {
        target: Chat
        function onQueuedMessageSent(text) {
            if (input.text === text)
                input.clear()
        }
        function onMessageNotSent(text) {  // not saved (a full disk): back in the box, before anything typed since
            input.text = input.text.length > 0 ? text + "\n" + input.text : text
            input.cursorPosition = input.length
        }
    }

    implicitHeight: Math.min(Math.max(input.implicitHeight, 44), 200) + 16
    radius: Theme.radius + 6
    color: Theme.window
    border.color: input.activeFocus ? Theme.accent : Theme.border
    border.width: input.activeFocus ? 2 : 1

    RowLayout {
        anchors.fill: parent
        anchors.margins: 8
        anchors.leftMargin: 12
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
            enabled: root.generating || ((root.ready || root.loading) && input.text.trim().length > 0)
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
