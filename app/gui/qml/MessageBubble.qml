// MessageBubble.qml — one message row: user text right-aligned in an accent bubble; an assistant reply left with
// an avatar, drawn by ReplyContent (Markdown, code blocks with Copy, collapsible reasoning) with its readout line
// (ReplyReadout) below. A streaming reply shows a cursor, an interrupted one a note. Reads MessageModel roles.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import RwkvDesktop.Core

Item {
    id: root
    required property int index  // the row in Chat.messages (MessageView keeps the Tab order by it)
    required property var messageId
    required property int author
    required property string text
    required property int status
    required property var tokenCount
    // What the store kept with the reply (MessageModel roles): readouts of replies from earlier sessions.
    required property real ttftMs
    required property real decodeTokensPerSecond
    required property var prefillTokens
    required property real prefillMs
    required property int siblingIndex
    required property int siblingCount

    readonly property bool fromUser: author === MessageModel.User
    readonly property bool noReply: status === MessageModel.Interrupted && text.length === 0
    readonly property bool richReply: !fromUser && !noReply
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

        ColumnLayout {
            id: column
            readonly property real maxWidth: root.width * (root.fromUser ? 0.75 : 0.88)
            Layout.maximumWidth: maxWidth
            Layout.alignment: Qt.AlignTop
            spacing: 4

            Rectangle {
                id: bubble
                Layout.maximumWidth: column.maxWidth
                Layout.preferredWidth: (root.richReply ? reply.implicitWidth : body.implicitWidth) + 28
                Layout.preferredHeight: (root.richReply ? reply.implicitHeight : body.implicitHeight) + 20
                Layout.alignment: root.fromUser ? Qt.AlignRight : Qt.AlignLeft
                radius: Theme.radius + 4
                color: root.fromUser ? Theme.userBubble : Theme.assistantBubble

                TextEdit {
                    id: body
                    visible: !root.richReply
                    anchors.fill: parent
                    anchors.margins: 10
                    anchors.leftMargin: 14
                    anchors.rightMargin: 14
                    readOnly: true
                    selectByMouse: true
                    wrapMode: TextEdit.Wrap
                    font.pixelSize: Theme.fontSize
                    color: root.noReply ? Theme.mutedText : root.fromUser ? Theme.userText : Theme.text
                    font.italic: root.noReply
                    textFormat: TextEdit.PlainText
                    text: root.noReply ? qsTr("No reply: it ended before its first word (stopped, failed or cut off). Regenerate to try again.")
                                       : root.richReply ? "" : root.text
                }

                ReplyContent {
                    id: reply
                    visible: root.richReply
                    anchors.fill: parent
                    anchors.margins: 10
                    anchors.leftMargin: 14
                    anchors.rightMargin: 14
                    text: root.richReply ? root.text : ""
                    streaming: root.status === MessageModel.Streaming
                }
            }

            ReplyReadout {
                Layout.leftMargin: 6
                visible: !root.fromUser && root.status !== MessageModel.Streaming && text.length > 0
                messageId: root.messageId
                stored: ({ tokens: root.tokenCount, ttftMs: root.ttftMs, tokensPerSecond: root.decodeTokensPerSecond,
                           prefillTokens: root.prefillTokens, prefillMs: root.prefillMs })
            }

            Label {  // a reply cut off part-way (the app was closed or killed while it was written)
                Layout.leftMargin: 6
                visible: !root.fromUser && root.status === MessageModel.Interrupted && !root.noReply
                text: qsTr("Unfinished: this reply was cut off. Regenerate for a complete one.")
                color: Theme.mutedText
                font.italic: true
                font.pixelSize: Theme.smallFontSize
            }

            MessageActions {  // ‹ 2/3 ›, Regenerate, Edit
                Layout.alignment: root.fromUser ? Qt.AlignRight : Qt.AlignLeft
                messageId: root.messageId
                fromUser: root.fromUser
                text: root.text
                siblingIndex: root.siblingIndex
                siblingCount: root.siblingCount
                finished: root.status !== MessageModel.Streaming
            }
        }

        Item { Layout.fillWidth: true }
    }
}
