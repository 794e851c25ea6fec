// MessageBubble.qml — one message row: user text right-aligned in an accent bubble, assistant text left with
// an avatar; a streaming reply shows a cursor, an interrupted one a note. Reads MessageModel roles.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import RwkvDesktop.Core

Item {
    id: root
    required property var messageId
    required property int author
    required property string text
    required property int status

    readonly property bool fromUser: author === MessageModel.User
    implicitHeight: row.implicitHeight

    RowLayout {
        id: row
        width: parent.width
        spacing: 10
        layoutDirection: root.fromUser ? Qt.RightToLeft : Qt.LeftToRight

        Rectangle {
            Layout.alignment: Qt.AlignTop
            width: 30
            height: 30
            radius: 15
            visible: !root.fromUser
            color: Theme.sidebarSelected
            Label {
                anchors.centerIn: parent
                text: "R"
                font.weight: Font.Bold
                color: Theme.accent
            }
        }

        Rectangle {
            id: bubble
            Layout.maximumWidth: root.width * (root.fromUser ? 0.75 : 0.88)
            Layout.preferredWidth: body.implicitWidth + 28
            Layout.preferredHeight: body.implicitHeight + 20
            radius: Theme.radius + 4
            color: root.fromUser ? Theme.userBubble : Theme.assistantBubble

            TextEdit {
                id: body
                anchors.fill: parent
                anchors.margins: 10
                anchors.leftMargin: 14
                anchors.rightMargin: 14
                readOnly: true
                selectByMouse: true
                wrapMode: TextEdit.Wrap
                font.pixelSize: Theme.fontSize
                color: root.status === MessageModel.Interrupted ? Theme.mutedText
                       : root.fromUser ? Theme.userText : Theme.text
                font.italic: root.status === MessageModel.Interrupted && root.text.length === 0
                textFormat: root.fromUser ? TextEdit.PlainText : TextEdit.MarkdownText
                text: root.status === MessageModel.Streaming ? root.text + " ▍"
                      : root.status === MessageModel.Interrupted && root.text.length === 0
                        ? qsTr("No reply: it was stopped before it began.")
                        : root.text
            }
        }

        Item { Layout.fillWidth: true }
    }
}
