// PrefillBar.qml — while a long prompt is being read (Chat.prefillProgress >= 0: more than one prefill chunk), or the
// conversation is read again before the new turn (no saved state for this device: "Reading the conversation… 120 /
// 580 tokens", Chat.prefillText), a progress bar with Cancel, shown once the reading has taken 0.3 s (a fast device
// is done before: no flash). Cancel is Stop: the engine checks the flag between prefill chunks, nothing is saved for
// the cancelled turn, and the conversation continues from its previous state.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import RwkvDesktop.Core

Rectangle {
    id: root
    // Another chat's reading is not shown over this one (its Cancel would stop that chat's reply: Chat.replyElsewhere).
    readonly property bool active: Chat.prefillProgress >= 0 && Chat.replyElsewhere.length === 0
    readonly property string text: Chat.prefillText
    property bool shown: false
    onActiveChanged: if (!active) shown = false
    visible: shown
    implicitHeight: shown ? row.implicitHeight + 16 : 0

    Timer {
        interval: 300
        running: root.active && !root.shown
        onTriggered: root.shown = true
    }
    radius: Theme.radius
    color: Theme.sidebar
    border.color: Theme.border

    RowLayout {
        id: row
        anchors.fill: parent
        anchors.leftMargin: 14
        anchors.rightMargin: 8
        spacing: Theme.spacing
        Label {
            textFormat: Text.PlainText
            text: root.text
            color: Theme.text
            font.pixelSize: Theme.smallFontSize + 1
        }
        ProgressBar {
            Layout.fillWidth: true
            from: 0
            to: 1
            value: Math.max(0, Chat.prefillProgress)
        }
        Button {
            text: qsTr("Cancel")
            flat: true
            onClicked: Chat.stop()
            ToolTip.visible: hovered
            ToolTip.text: qsTr("Stop reading (Esc); the message stays, without a reply")
        }
    }
}
