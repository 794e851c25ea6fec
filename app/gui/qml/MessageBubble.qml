// MessageBubble.qml — one message row: user text right-aligned in an accent bubble (plain text); an assistant reply
// left with an avatar (Markdown, code blocks with Copy, collapsible reasoning) with its readout line (ReplyReadout)
// below; both drawn by ReplyContent, in pieces made as they come into view. A streaming reply shows a cursor; an
// interrupted, stopped or closed one a note. Reads MessageModel roles.
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
    required property var continuedFrom  // a version made by Continue: its readouts count the continuation alone
    required property int siblingIndex
    required property int siblingCount
    required property int replyEnd  // MessageModel.ByItself, Stopped, Closed or LengthLimit: the note under a finished reply
                                    // (TextLost: an unfinished one's text was shown, never saved)

    /// The list this row is a delegate of (MessageView sets it): its replies make their pieces near its view. Set by
    /// the list, not read from the attached ListView.view: session 20's trial's one crash (F1, 1 run in 6, not
    /// reproduced since) was in qmlAttachedPropertiesObject, an attached-property lookup on a deleted object.
    property Flickable listView: null
    readonly property bool fromUser: author === MessageModel.User
    readonly property bool noReply: status === MessageModel.Interrupted && text.length === 0
    /// A message of characters drawn as nothing alone (Chat.nothingToRead: "\u3164", "\u200b", spaces) drew an empty
    /// bubble (session 53's trial: an imported question): a muted note says so instead; the stored text, its Copy and
    /// what the model reads stay as they are.
    readonly property bool drawnAsNothing: text.length > 0 && status !== MessageModel.Streaming
                                           && Chat.nothingToRead(text)
    readonly property bool showsNote: noReply || drawnAsNothing
    /// A message follows this one in the branch (MessageView: a later row, or rows not read yet below). A question
    /// without a reply is then read with the next message (ChatSession's historyTurns), and its bubble says so instead
    /// of "Regenerate to try again" (session 38's trial).
    property bool followed: false
    /// A reply below began (MessageModel.AnsweredBelowRole): the question of this one, which never began, was read with
    /// it. Else (the replies below never began either) it will be read with the next one that does: "was read with the
    /// next message" stood over the first of two stopped replies (session 52's trial).
    required property bool answeredBelow
    readonly property bool readWithNext: followed && answeredBelow
    readonly property bool readLater: followed && !answeredBelow
    implicitHeight: row.implicitHeight

    /// A search hit in a message of several pieces: puts the first place that holds `words` in view and selects them
    /// there (ReplyContent.showWords: "shown", "wait" until its pieces are placed, or "none").
    function showWords(words) { return showsNote ? "none" : reply.showWords(words) }

    RowLayout {
        id: row
        width: parent.width
        spacing: 10
        layoutDirection: root.fromUser ? Qt.RightToLeft : Qt.LeftToRight

        Rectangle {
            Layout.alignment: Qt.AlignTop
            width: Theme.px(30)
            height: width
            radius: width / 2
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
                Layout.preferredWidth: (root.showsNote ? body.implicitWidth : reply.implicitWidth) + 28
                Layout.preferredHeight: (root.showsNote ? body.implicitHeight : reply.implicitHeight) + 20
                Layout.alignment: root.fromUser ? Qt.AlignRight : Qt.AlignLeft
                radius: Theme.radius + 4
                color: root.fromUser ? Theme.userBubble : Theme.assistantBubble
                // A character's marks stacked past its line (Zalgo: "e" and 59,999 U+0301) drew outside the bubble,
                // over the messages above (session 57's trial): the text stays inside its bubble.
                clip: true

                TextEdit {  // the note of a reply that ended before its first word, or of a message drawn as nothing
                    id: body
                    visible: root.showsNote
                    anchors.fill: parent
                    anchors.margins: 10
                    anchors.leftMargin: 14
                    anchors.rightMargin: 14
                    readOnly: true
                    selectByMouse: true
                    wrapMode: TextEdit.Wrap
                    font: Theme.font({ pixelSize: Theme.fontSize, italic: true })
                    color: root.fromUser ? Theme.userText : Theme.mutedText  // muted grey was unreadable on the accent
                    opacity: root.fromUser ? 0.85 : 1
                    textFormat: TextEdit.PlainText
                    // A reply shown as it was written but never saved (a full disk, another program's lock) before
                    // the app ended (killed): ChatSession's note, ReplyEnd::TextLost. It read "No reply: it ended
                    // before its first word" (session 35's check).
                    text: root.drawnAsNothing ? qsTr("(only spaces or invisible characters)")
                          : !root.noReply ? ""
                          : root.replyEnd === MessageModel.TextLost
                          ? (root.readWithNext ? qsTr("Reply not saved: it was shown as it was written, but could not be saved (the disk was full, or another program was using the database) before RWKV Desktop ended. Its question was read with the next message.")
                             : root.readLater ? qsTr("Reply not saved: it was shown as it was written, but could not be saved (the disk was full, or another program was using the database) before RWKV Desktop ended. Its question will be read with the next message that gets a reply.")
                                              : qsTr("Reply not saved: it was shown as it was written, but could not be saved (the disk was full, or another program was using the database) before RWKV Desktop ended. Regenerate to write a new one."))
                          // Stopped (Stop, or Cancel of the re-read shown above the box) or closed while the
                          // question was read: said as such (ConversationStore::markStoppedBeforeFirstWord). It read
                          // "stopped, failed or cut off" after the user's own Cancel (session 39's trial, nit).
                          : root.replyEnd === MessageModel.Stopped
                          ? (root.readWithNext ? qsTr("No reply: you stopped it before its first word, so its question was read with the next message.")
                             : root.readLater ? qsTr("No reply: you stopped it before its first word, so its question will be read with the next message that gets a reply.")
                                              : qsTr("No reply: you stopped it before its first word. Regenerate to write one."))
                          : root.replyEnd === MessageModel.Closed
                          ? (root.readWithNext ? qsTr("No reply: RWKV Desktop was closed before its first word, so its question was read with the next message.")
                             : root.readLater ? qsTr("No reply: RWKV Desktop was closed before its first word, so its question will be read with the next message that gets a reply.")
                                              : qsTr("No reply: RWKV Desktop was closed before its first word. Regenerate to write one."))
                          : root.readWithNext ? qsTr("No reply: it ended before its first word (stopped, failed or cut off), so its question was read with the next message.")
                          : root.readLater ? qsTr("No reply: it ended before its first word (stopped, failed or cut off), so its question will be read with the next message that gets a reply.")
                          : qsTr("No reply: it ended before its first word (stopped, failed or cut off). Regenerate to try again.")
                }

                // A reply (Markdown, code, reasoning) or the user's plain text, both in pieces made as they come near the
                // list's view: a message of 200 KB in one text item took seconds to open (ReplyContent).
                ReplyContent {
                    id: reply
                    visible: !root.showsNote
                    anchors.fill: parent
                    anchors.margins: 10
                    anchors.leftMargin: 14
                    anchors.rightMargin: 14
                    text: root.showsNote ? "" : root.text
                    plain: root.fromUser
                    textColor: root.fromUser ? Theme.userText : Theme.text
                    streaming: root.status === MessageModel.Streaming
                    view: root.listView
                    place: root
                    endObjectName: "replyEnd-" + root.messageId
                }
            }

            ReplyReadout {
                Layout.leftMargin: 6
                visible: !root.fromUser && root.status !== MessageModel.Streaming && text.length > 0
                messageId: root.messageId
                stored: ({ tokens: root.tokenCount, ttftMs: root.ttftMs, tokensPerSecond: root.decodeTokensPerSecond,
                           prefillTokens: root.prefillTokens, prefillMs: root.prefillMs,
                           continued: root.continuedFrom > 0 })
            }

            // A reply that did not end by itself, as saved (MessageModel's replyEnd): cut off part-way (the app was
            // killed, the engine failed), stopped by the user, or cut when the app was closed (a window closed,
            // SIGTERM, logout) — the last two were shown as whole replies once the status line was gone (session 28's
            // trial, N8) —, or cut by the reply length limit (it looked like a whole reply too). A close says "the
            // program writing it": `rwkv-cli chat` stores a reply a SIGTERM cut as Closed too, and "RWKV Desktop was
            // closed" was untrue there (session 53's trial2; the row does not say which program wrote it).
            Label {
                objectName: "replyNote"
                Layout.leftMargin: 6
                text: root.fromUser || root.noReply ? ""
                      // Under the last reply shown, Continue is beside Regenerate (MessageActions.canContinue): both named
                      : root.status === MessageModel.Interrupted
                        ? (root.followed ? qsTr("Unfinished: this reply was cut off. Regenerate for a complete one.")
                                         : qsTr("Unfinished: this reply was cut off. Continue it, or regenerate a complete one."))
                      : root.status !== MessageModel.Complete ? ""
                      : root.replyEnd === MessageModel.Stopped ? qsTr("Stopped")
                      : root.replyEnd === MessageModel.Closed
                        ? (root.followed ? qsTr("Cut off when the program writing it was closed. Regenerate for a complete one.")
                                         : qsTr("Cut off when the program writing it was closed. Continue it, or regenerate a complete one."))
                      : root.replyEnd === MessageModel.LengthLimit ? qsTr("Reached the length limit")
                      : ""
                visible: text.length > 0
                wrapMode: Text.Wrap
                Layout.maximumWidth: column.maxWidth
                color: Theme.mutedText
                font.italic: true
                font.pixelSize: Theme.smallFontSize
            }

            MessageActions {  // ‹ 2/3 ›, Regenerate, 3 replies, Continue, Edit
                objectName: "messageActions"  // the test hook's "versions drawn:" line reads its `finished`
                Layout.alignment: root.fromUser ? Qt.AlignRight : Qt.AlignLeft
                messageId: root.messageId
                fromUser: root.fromUser
                text: root.text
                siblingIndex: root.siblingIndex
                siblingCount: root.siblingCount
                finished: root.status !== MessageModel.Streaming
                // The last reply shown, cut off (unfinished: killed; or stopped, closed, at the length limit) with words
                canContinue: !root.fromUser && !root.followed && root.text.trim().length > 0
                             && (root.status === MessageModel.Interrupted
                                 || (root.status === MessageModel.Complete
                                     && (root.replyEnd === MessageModel.Stopped || root.replyEnd === MessageModel.Closed
                                         || root.replyEnd === MessageModel.LengthLimit)))
            }
        }

        Item { Layout.fillWidth: true }
    }
}
