// ConversationDelegate.qml — one sidebar row: title, last-update time and a "⋯" menu (rename, delete).
// Reads the ConversationListModel roles conversationId, title and updatedText.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

ItemDelegate {
    id: root
    required property var conversationId
    required property string title
    required property string updatedText
    property bool selected: false
    signal renameRequested()
    signal deleteRequested()

    implicitHeight: 52
    hoverEnabled: true
    padding: 10

    background: Rectangle {
        radius: Theme.radius - 2
        color: root.selected ? Theme.sidebarSelected : root.hovered ? Theme.sidebarHover : "transparent"
    }

    contentItem: RowLayout {
        spacing: 6
        ColumnLayout {
            Layout.fillWidth: true
            spacing: 2
            Label {
                Layout.fillWidth: true
                text: root.title
                elide: Text.ElideRight
                color: Theme.text
                font.weight: root.selected ? Font.DemiBold : Font.Normal
            }
            Label {
                Layout.fillWidth: true
                text: root.updatedText
                color: Theme.mutedText
                font.pixelSize: Theme.smallFontSize
            }
        }
        ToolButton {
            id: menuButton
            text: "⋯"
            visible: root.hovered || root.selected || menu.visible
            implicitWidth: 28
            implicitHeight: 28
            onClicked: menu.popup(menuButton, 0, menuButton.height)
            ToolTip.visible: hovered
            ToolTip.text: qsTr("Rename or delete")
            Menu {
                id: menu
                MenuItem { text: qsTr("Rename…"); onTriggered: root.renameRequested() }
                MenuItem { text: qsTr("Delete…"); onTriggered: root.deleteRequested() }
            }
        }
    }
}
