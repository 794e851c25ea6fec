// ConversationDelegate.qml — one sidebar row: title (📌 when pinned), last-update time and a "⋯" menu (rename,
// export, pin, delete). Reads the ConversationListModel roles conversationId, title, updatedText and pinned.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

ItemDelegate {
    id: root
    required property var conversationId
    required property string title
    required property string updatedText
    required property bool pinned
    property bool selected: false
    signal renameRequested()
    signal exportRequested()
    signal deleteRequested()
    signal pinRequested()

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
                text: root.pinned ? "📌 " + root.title : root.title
                textFormat: Text.PlainText  // one line (the model's oneLineTitle), and "<b>" in a title stays text
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
            objectName: "conversationMenuButton"
            text: "⋯"
            visible: root.hovered || root.selected || menu.visible || activeFocus
            implicitWidth: 28
            implicitHeight: 28
            background: FocusFrame { control: menuButton }
            onClicked: menu.popup(menuButton, 0, menuButton.height)
            ToolTip.visible: hovered
            ToolTip.text: qsTr("Rename, export, pin or delete")
            Menu {
                id: menu
                MenuItem { text: qsTr("Rename…"); onTriggered: root.renameRequested() }
                MenuItem { text: qsTr("Export…"); onTriggered: root.exportRequested() }
                MenuItem { text: root.pinned ? qsTr("Unpin") : qsTr("Pin to top"); onTriggered: root.pinRequested() }
                MenuItem { text: qsTr("Delete"); onTriggered: root.deleteRequested() }
            }
        }
    }
}
