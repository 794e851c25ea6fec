// MessageActions.qml — the row under a message, left to right as Tab walks it: the branch switcher (‹ 2/3 ›),
// Regenerate and "3 replies" (and Continue, under a cut reply shown last) on a reply and Edit on a question, New chat
// from here, and Copy. While several versions are written at once (Chat.writingVersions), the reply being written shows
// the switcher alone, to step among them. Editing opens a small dialog; the edited question becomes a new branch and the old one stays. A long question's
// long part is held above the dialog's box
// (PastedText.qml).
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import RwkvDesktop.Core

RowLayout {
    id: root
    property var messageId
    property bool fromUser: false
    property string text
    property int siblingIndex: 1
    property int siblingCount: 1
    property bool finished: true   // not streaming
    property bool canContinue: false  // a cut reply, last on screen, with words (MessageBubble)
    readonly property bool ready: Chat.composerState === Chat.Ready
    // The reply being written is one of several versions written at once ("3 replies"): ‹ k/N › steps among them.
    readonly property bool writingVersion: !finished && !fromUser && Chat.writingVersions > 1
    // Why Regenerate, Continue, Edit and New chat from here are off in a read-only library (Chat.libraryReadOnly): their
    // tooltip, where it said what they would do (session 50's trial: the fork stayed on there and failed when pressed).
    readonly property string readOnlyTip: qsTr("Read-only library: changes cannot be saved")

    spacing: 4
    // Left to right for questions too (the row sits at the bubble's right edge, MessageBubble): Tab walks the children
    // in order, so the screen must show them in that order. A right-to-left row put a question's Copy left of its Edit
    // and the ‹ 2/3 › at the right end, and Tab went Edit → Copy leftwards (test_keyboard_e2e).
    visible: finished || writingVersion

    component Action: ToolButton {
        implicitHeight: Theme.px(22)
        padding: 2
        leftPadding: 6
        rightPadding: 6
        font.pixelSize: Theme.smallFontSize
        Keys.onPressed: (event) => MessageTabKeys.keyPressed(this, event)  // Tab walks the conversation
        // Its tooltip waits for the pointer to move on it, as ‹ ›'s (PointerMovedHover): Regenerate's row comes back
        // under a still pointer, and "Write another reply …" covered the new reply's readouts (session 38's check).
        ToolTip.visible: hovered && pointer.moved
        ToolTip.delay: 600
        PointerMovedHover { id: pointer }
        // Reached with Tab (visualFocus), it looks hovered and gets an accent outline: keyboard users see where
        // Space / Enter will act.
        contentItem: Label {
            text: parent.text
            font: parent.font
            color: parent.enabled ? (parent.hovered || parent.visualFocus ? Theme.text : Theme.mutedText) : Theme.border
        }
        background: Rectangle {
            radius: 4
            color: (parent.hovered || parent.visualFocus) && parent.enabled ? Theme.sidebarHover : "transparent"
            border.width: parent.visualFocus ? 1 : 0
            border.color: Theme.accent
        }
    }

    BranchSwitcher {
        messageId: root.messageId
        index: root.siblingIndex
        count: root.siblingCount
        newVersions: root.writingVersion ? Chat.writingVersions : 0
    }
    Action {
        objectName: "regenerateButton-" + root.messageId  // the test hook's "active focus:" line names the message
        visible: !root.fromUser && root.finished
        enabled: root.ready
        text: qsTr("↻ Regenerate")
        onClicked: Chat.regenerate(root.messageId)
        ToolTip.text: Chat.libraryReadOnly ? root.readOnlyTip
                                           : qsTr("Write another reply from the same point; this one is kept")
    }
    // "3 replies" (Chat.regenerateSeveral, docs/conversations.md "Several versions at once"): three new versions of this
    // reply written at once from the point Regenerate starts from, to compare with ‹ ›; off whenever Regenerate is.
    Action {
        objectName: "threeRepliesButton-" + root.messageId
        visible: !root.fromUser && root.finished
        enabled: root.ready
        text: qsTr("3 replies")
        onClicked: Chat.regenerateSeveral(root.messageId)
        ToolTip.text: Chat.libraryReadOnly ? root.readOnlyTip : severalTip
        Accessible.description: severalTip
        readonly property string severalTip:
            qsTr("Write three new versions of this reply at once, from the same point, to compare with ‹ ›; this one is kept")
    }
    // Continue (ChatController.continueReply, docs/conversations.md "Continue"): under the last reply shown when it was
    // cut off (the length limit, Stop, a close, a crash) and has words — a new version, its text and then more.
    Action {
        objectName: "continueButton-" + root.messageId
        visible: root.canContinue && root.finished
        enabled: root.ready
        text: qsTr("→ Continue")
        onClicked: Chat.continueReply(root.messageId)
        ToolTip.text: Chat.libraryReadOnly ? root.readOnlyTip
                                           : qsTr("Write on from where this reply was cut off, as a new version; this one is kept")
    }
    Action {
        objectName: "editButton-" + root.messageId
        visible: root.fromUser && root.finished
        enabled: root.ready
        text: qsTr("✎ Edit")
        onClicked: editor.active = true
        ToolTip.text: Chat.libraryReadOnly ? root.readOnlyTip
                                           : qsTr("Change this message; the conversation so far is kept as another version")
    }

    // "New chat from here" (Chat.forkConversation, docs/conversations.md): a new chat of the conversation up to this
    // reply, going on from its saved state without reading it again — to ask a second, separate question about what
    // was read here. Under a question: the chat before it, the question in the new chat's message box to send as it is
    // or changed. The chat is copied on a thread of its own (seconds for a chat of tens of thousands of messages): the
    // button says so meanwhile, and Main.qml opens the new chat, listed first, once made (Chat.forkMade). Under a
    // chat's first question: the new chat, not stored until its first message, with that chat's settings.
    Action {
        objectName: "forkButton-" + root.messageId
        visible: root.text.trim().length > 0 && root.finished  // as Copy: a reply without words holds nothing to go on from
        // One at a time: the others are off meanwhile; this one keeps its colour (and the focus, when Space pressed it).
        // Off in a read-only library, as Regenerate and Edit are: the new chat could not be saved, and pressing it said
        // "Could not make a new chat from here: … is read-only" (session 50's trial).
        enabled: !Chat.libraryReadOnly && (Chat.forkingMessageId == 0 || Chat.forkingMessageId == root.messageId)
        text: Chat.forkingMessageId == root.messageId ? qsTr("Making the new chat…") : qsTr("New chat from here")
        onClicked: {
            const made = Chat.forkConversation(root.messageId)
            if (made === -1) {  // ChatController.kForkIsTheNewChat: a first question, so the new chat with its settings
                const kept = AppSettings.draft(0)  // what was typed there stays, the question after it
                AppSettings.setDraft(0, kept.trim().length > 0 ? kept + "\n\n" + root.text : root.text)
                Chat.newConversation()
            }
        }
        ToolTip.text: Chat.libraryReadOnly ? root.readOnlyTip
            : root.fromUser
            ? qsTr("Start a new chat with the conversation before this question; the question waits in its message box")
            : qsTr("Start a new chat with the conversation up to this reply; it goes on from here without reading it again")
    }

    // The whole message on the clipboard, as written (a reply's Markdown), as in other chat apps: before, a reply could
    // only be copied by selecting it with the mouse. In the Tab chain after Regenerate / Edit, as the other actions
    // (session 15 had left it out: no keyboard way to copy a message; test_keyboard_e2e, test_copy_message_e2e).
    // None under a reply without words ("No reply: it ended before its first word …"): it copied nothing (session 38's
    // check). The note is the window's, not the message's. Nor under one of blanks only (spaces, line breaks: the model
    // wrote nothing to read), which copied them (session 39's check).
    Action {
        objectName: "copyButton-" + root.messageId
        visible: root.text.trim().length > 0 && root.finished
        text: copied.running ? qsTr("✓ Copied") : qsTr("Copy")
        onClicked: {
            Clipboard.setText(root.text)
            copied.restart()
        }
        ToolTip.text: qsTr("Copy this message to the clipboard")
    }
    Timer { id: copied; interval: 1500 }

    Loader {
        id: editor
        active: false
        sourceComponent: Dialog {
            parent: Overlay.overlay
            anchors.centerIn: parent
            width: Math.min(Theme.px(560), parent ? parent.width - 80 : Theme.px(560))  // wider with larger text
            modal: true
            visible: true
            title: qsTr("Edit message")
            onClosed: editor.active = false
            // A long message (more than held.limit characters, e.g. a pasted log) is not laid out in the box: its long
            // part is held above it as in the message box (PastedText.qml), its last paragraph is in the box.
            readonly property var parts: held.split(root.text)
            ColumnLayout {
                anchors.fill: parent
                spacing: Theme.spacing
                PastedText {
                    id: held
                    objectName: "editHeldText"
                    Layout.fillWidth: true
                    edited: true
                    text: parts[0]
                    onDropped: area.forceActiveFocus()
                }
                ScrollView {
                    Layout.fillWidth: true
                    Layout.preferredHeight: Theme.px(140)
                    TextArea {
                        id: area
                        objectName: "editInput"
                        text: parts[1]
                        wrapMode: TextArea.Wrap
                        onTextChanged: showWhatIsTyped()
                        Component.onCompleted: { showWhatIsTyped(); forceActiveFocus(); selectAll() }
                        function showWhatIsTyped() {
                            TypedText.showObjectReplacements(area)  // else drawn blank from U+FFFC on
                            const leftOut = TypedText.leaveOutBidiControls(area)  // else the edit turns around as typed
                            if (leftOut.length > 0) ToolTip.show(leftOut, 8000)
                        }
                        Keys.onPressed: (event) => {
                            if (event.matches(StandardKey.Paste) && held.take(false))  // a long paste: held too
                                event.accepted = true
                        }
                        Keys.onReturnPressed: (event) => {
                            if (event.modifiers & Qt.ShiftModifier) event.accepted = false
                            else send.clicked()
                        }
                        MouseArea {  // a middle click (X11's selection): a long one held too, else the box pastes it
                            anchors.fill: parent
                            acceptedButtons: Qt.MiddleButton
                            onPressed: (mouse) => mouse.accepted = held.take(true)
                        }
                    }
                }
            }
            // One button row: Send (ActionRole, so a refused edit keeps the dialog open) next to Cancel.
            footer: DialogButtonBox {
                standardButtons: DialogButtonBox.Cancel  // Qt's own translated label
                Button {
                    id: send
                    objectName: "sendEditButton"
                    text: qsTr("Send as new version")
                    enabled: held.text.length > 0 || area.text.trim().length > 0
                    DialogButtonBox.buttonRole: DialogButtonBox.ActionRole
                    onClicked: {
                        if (Chat.editMessage(root.messageId, held.joined(area.text)))
                            editor.active = false
                    }
                }
            }
        }
    }
}
