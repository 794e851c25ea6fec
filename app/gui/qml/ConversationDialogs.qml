// ConversationDialogs.qml — the rename and delete-confirmation dialogs for a conversation.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import RwkvDesktop.Core

Item {
    id: root
    property var targetId: 0

    function askRename(id, title) {
        root.targetId = id
        titleField.text = title
        renameDialog.open()
        titleField.selectAll()
        titleField.forceActiveFocus()
    }
    function askDelete(id, title) {
        root.targetId = id
        deleteLabel.text = qsTr("Delete “%1” and all its messages? This cannot be undone.").arg(title)
        deleteDialog.open()
    }

    Dialog {
        id: renameDialog
        anchors.centerIn: parent
        modal: true
        title: qsTr("Rename conversation")
        standardButtons: Dialog.Ok | Dialog.Cancel
        onAccepted: Chat.renameConversation(root.targetId, titleField.text)
        TextField {
            id: titleField
            implicitWidth: 340
            placeholderText: qsTr("Title")
            onAccepted: renameDialog.accept()
        }
    }

    Dialog {
        id: deleteDialog
        anchors.centerIn: parent
        modal: true
        title: qsTr("Delete conversation")
        standardButtons: Dialog.Yes | Dialog.No
        onAccepted: Chat.deleteConversation(root.targetId)
        Label {
            id: deleteLabel
            width: 340
            wrapMode: Text.WordWrap
            textFormat: Text.PlainText  // it quotes the title: markup in it stays text
        }
    }
}
