// TrashButton.qml — "Trash (N)" at the foot of the sidebar and the trash dialog it opens: conversations deleted in
// the last 30 days, each with Restore and Delete forever, and Empty trash.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import RwkvDesktop.Core

ToolButton {
    id: root
    visible: Library.trashCount > 0
    text: qsTr("🗑 Trash (%1)").arg(Library.trashCount)
    font.pixelSize: Theme.smallFontSize
    onClicked: {
        Library.refreshTrash()
        dialog.open()
    }
    contentItem: Label {
        text: root.text
        font: root.font
        color: root.hovered || root.visualFocus ? Theme.text : Theme.mutedText
    }
    background: FocusFrame { control: root }

    Dialog {
        id: dialog
        parent: Overlay.overlay
        anchors.centerIn: parent
        width: Math.min(480, parent ? parent.width - 80 : 480)
        height: Math.min(460, parent ? parent.height - 80 : 460)
        modal: true
        title: qsTr("Trash")
        standardButtons: Dialog.Close

        ColumnLayout {
            anchors.fill: parent
            spacing: Theme.spacing
            Label {
                Layout.fillWidth: true
                wrapMode: Text.WordWrap
                text: qsTr("Deleted conversations are kept here for 30 days, then removed for good.")
                color: Theme.mutedText
            }
            ListView {
                id: list
                Layout.fillWidth: true
                Layout.fillHeight: true
                clip: true
                model: Library.trash
                delegate: RowLayout {
                    required property var conversationId
                    required property string title
                    width: ListView.view.width
                    Label {
                        Layout.fillWidth: true
                        text: title
                        textFormat: Text.PlainText  // one line (oneLineTitle); markup in a title stays text
                        elide: Text.ElideRight
                        color: Theme.text
                    }
                    Button {
                        text: qsTr("Restore")
                        onClicked: Library.restore(conversationId)
                    }
                    Button {
                        text: qsTr("Delete forever")
                        onClicked: Library.deleteForever(conversationId)
                    }
                }
                Label {
                    anchors.centerIn: parent
                    visible: list.count === 0
                    text: qsTr("The trash is empty.")
                    color: Theme.mutedText
                }
            }
            Button {
                Layout.alignment: Qt.AlignRight
                text: qsTr("Empty trash")
                enabled: list.count > 0
                onClicked: Library.emptyTrash()
            }
        }
    }
}
