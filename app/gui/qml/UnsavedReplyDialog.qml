// UnsavedReplyDialog.qml — asked when the window is closed while a reply a full disk (or another program's lock on
// the database: Chat.replyAwaitsLock, then said so) kept from being saved is still on screen (Chat.saveBeforeQuit()
// false): Try again (saved now: the window closes), Copy reply (its text on the clipboard; the dialog stays), Quit
// anyway (the reply is lost), Cancel (Esc: back to the chat). Before, the window closed and the reply was lost without
// a word, although the banner promised a save "when you quit" (session 24's trial, F1). Saved meanwhile by the app's
// own retry (every few seconds, Chat.replyAwaitsRoom false): the window closes as asked — the dialog stayed, still
// saying the reply was not saved (session 25's trial, N1). Quits that nobody can answer (SIGTERM, logout, the test
// hooks' end) do not come here: ChatController.
import QtQuick
import QtQuick.Controls
import RwkvDesktop.Core

QuestionDialog {
    id: root
    signal quitConfirmed()
    property bool copied: false
    property bool stillUnsaved: false
    property int versions: 1  // the versions Copy takes (Chat.unsavedReplyCount): "Copy replies" for several
    title: qsTr("A reply is not saved")
    textWidth: 520  // not the wrapped label's implicitWidth: its whole text on one line (and a loop, 9decf44)
    property bool quitting: false
    onAboutToShow: quitting = false
    onOpened: {
        copied = false
        stillUnsaved = false
        versions = Chat.unsavedReplyCount()
        tryAgainButton.forceActiveFocus(Qt.TabFocusReason)  // drawn focused (DialogButton)
    }
    /// Closes the dialog and the window, once (Try again's save also announces replyAwaitsRoomChanged).
    function quit() {
        if (quitting) return
        quitting = true
        close()
        quitConfirmed()
    }
    Connections {
        target: Chat
        function onReplyAwaitsRoomChanged() {
            if (root.visible && !Chat.replyAwaitsRoom) root.quit()
        }
    }
    footer: DialogButtonBox {
        alignment: Qt.AlignRight
        DialogButton {
            id: tryAgainButton
            objectName: "unsavedTryAgain"
            text: qsTr("Try again")
            onClicked: {
                if (Chat.saveBeforeQuit()) root.quit()
                else root.stillUnsaved = true
            }
        }
        DialogButton {
            objectName: "unsavedCopy"
            // Every version not saved, each under "Reply k of N:" (Chat.unsavedReplyText): the one shown alone before
            text: root.copied ? qsTr("Copied") : root.versions > 1 ? qsTr("Copy replies") : qsTr("Copy reply")
            onClicked: {
                Clipboard.setText(Chat.unsavedReplyText())
                root.copied = true
            }
        }
        DialogButton {
            objectName: "unsavedQuitAnyway"
            text: qsTr("Quit anyway")
            onClicked: root.quit()
        }
        DialogButton {
            text: qsTr("Cancel")
            DialogButtonBox.buttonRole: DialogButtonBox.RejectRole
        }
    }
    Label {
        id: question
        objectName: "unsavedQuestion"  // the test hook's "unsaved question:" line
        width: root.availableWidth
        wrapMode: Text.Wrap
        textFormat: Text.PlainText
        text: Chat.quitQuestion + (!root.stillUnsaved ? ""
                                   : "\n\n" + (Chat.replyAwaitsLock
                                                ? qsTr("Still in use by another program: the reply is not saved yet.")
                                                : Chat.replyAwaitsWrite
                                                ? qsTr("Still cannot be written: the reply is not saved yet.")
                                                : qsTr("Still no room: the reply is not saved yet.")))
    }
}
