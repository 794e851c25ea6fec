// PrefillBar.qml — while a long prompt is being read (Chat.prefillProgress >= 0: more than one prefill chunk), a
// progress bar with Cancel. Cancel is Stop: the engine checks the flag between prefill chunks, nothing is saved
// for the cancelled turn, and the conversation continues from its previous state.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import RwkvDesktop.Core

Rectangle {
    id: root
    readonly property bool active: Chat.prefillProgress >= 0
    visible: active
    implicitHeight: active ? row.implicitHeight + 16 : 0
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
            text: qsTr("Reading the prompt… %1%").arg(Math.floor(Math.max(0, Chat.prefillProgress) * 100))
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
