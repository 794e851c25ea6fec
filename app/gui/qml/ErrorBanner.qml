// ErrorBanner.qml — shows Chat.errorText (refused messages, failed loads or replies) until dismissed.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import RwkvDesktop.Core

Rectangle {
    visible: Chat.errorText.length > 0
    implicitHeight: visible ? message.implicitHeight + 20 : 0
    radius: Theme.radius
    color: Theme.dangerBackground
    border.color: Theme.danger

    RowLayout {
        anchors.fill: parent
        anchors.leftMargin: 14
        anchors.rightMargin: 6
        spacing: 8
        Label {
            id: message
            Layout.fillWidth: true
            text: Chat.errorText
            wrapMode: Text.WordWrap
            color: Theme.danger
        }
        ToolButton {
            text: "✕"
            onClicked: Chat.dismissError()
            ToolTip.visible: hovered
            ToolTip.text: qsTr("Dismiss")
        }
    }
}
