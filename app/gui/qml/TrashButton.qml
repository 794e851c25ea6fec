// TrashButton.qml — "Trash (N)" at the foot of the sidebar and the trash dialog it opens: conversations deleted in
// the last 30 days, each with Restore and Delete forever, and Empty trash (which asks first).
// Keyboard: the dialog takes the focus when it opens (its first Restore, else Close); Tab / Shift+Tab walk its
// buttons in reading order (each row's, Empty trash, Close), Space, Return or Enter presses the focused one, Esc
// closes it. A row scrolled out of view comes into view when its button gets the focus, and a button removed with its
// row hands the focus to the row that takes its place. Before (session 27's trial), the focus stayed on the Trash
// button behind the modal dialog: Tab walked the window under it and nothing in the dialog could be reached.
// The banner of an error raised while it is open (a Restore or Delete forever refused: another program's lock) is
// shown at its top too: the window's banner is under the dialog until it closes. An error shown before it opened
// (a failed --download, a model that did not load) is not about the trash and stays in the window's banner alone
// (session 36's trial: the dialog repeated "--download: there is no model …").
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import RwkvDesktop.Core

ToolButton {
    id: root
    /// The dialog closed once the trash was emptied (this button is gone, so the focus it would get back goes nowhere),
    /// or after a Restore (the restored chat is open behind it: typing goes there, not to this button).
    signal keyboardFocusLeft()
    objectName: "trashButton"
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

    // A button of the dialog: Return and Enter press it as Space does.
    component KeyButton: Button {
        // Off (Empty trash in an empty trash) it is drawn faded, as the desktop's dialogs draw an off button: the
        // theme's muted text alone on the same background looked on (session 32's trial, dark theme).
        opacity: enabled ? 1 : 0.45
        Keys.onReturnPressed: clicked()
        Keys.onEnterPressed: clicked()
    }

    Dialog {
        id: dialog
        Component.onCompleted: Theme.followPalette(dialog)  // the content follows a theme switch (Theme.qml)
        parent: Overlay.overlay
        anchors.centerIn: parent
        // Larger with the text (Theme.px): at 150 % a trashed chat's title beside Restore and Delete forever read
        // "Packing list for…" in 480 px.
        width: Math.min(Theme.px(480), parent ? parent.width - 80 : Theme.px(480))
        height: Math.min(Theme.px(460), parent ? parent.height - 80 : Theme.px(460))
        modal: true
        // Empty trash off (the trash empty) looks off, as the rename dialog's OK: the window's palette gave it the
        // enabled colours (session 28's trial, N4).
        palette.disabled.buttonText: Theme.mutedText
        focus: true
        title: qsTr("Trash")
        /// A Restore was pressed since the dialog opened.
        property bool restored: false
        /// An error was raised (Chat.errorText set) since the dialog opened: its banner shows it.
        property bool errorRaised: false
        onOpened: { restored = false; errorRaised = false; focusRow(0) }
        Connections {
            target: Chat
            enabled: dialog.visible
            function onErrorTextChanged() { dialog.errorRaised = Chat.errorText.length > 0 }
        }
        onClosed: if (!root.visible || restored) root.keyboardFocusLeft()

        /// Gives the focus to row `index`'s Restore (the last row's when there are fewer), else to Empty trash or
        /// Close: where the keyboard goes on after the focused row left the list.
        function focusRow(index) {
            const row = rows.count > 0 ? rows.itemAt(Math.min(index, rows.count - 1)) : null
            if (row) row.restoreButton.forceActiveFocus()
            else closeButton.forceActiveFocus()
        }
        /// After Restore, Delete forever or Empty trash: the list is made again, so the row of `index` is looked up
        /// once it has been.
        function focusRowLater(index) {
            Qt.callLater(() => { if (dialog.visible) dialog.focusRow(index) })
        }
        /// Scrolls the list just enough to show `row` (a row reached with Tab below or above the view).
        function showRow(row) {
            const flick = scroll.contentItem
            if (row.y < flick.contentY) flick.contentY = row.y
            else if (row.y + row.height > flick.contentY + flick.height) flick.contentY = row.y + row.height - flick.height
        }

        footer: DialogButtonBox {
            alignment: Qt.AlignRight
            KeyButton {
                id: closeButton
                objectName: "trashCloseButton"
                text: qsTr("Close")
                DialogButtonBox.buttonRole: DialogButtonBox.RejectRole
            }
        }

        ColumnLayout {
            anchors.fill: parent
            spacing: Theme.spacing
            ErrorBanner {
                objectName: "trashErrorBanner"  // the test hook's "trash dialog banner:" line
                Layout.fillWidth: true
                errorsOnly: true
                visible: dialog.errorRaised && shown.length > 0
            }
            Label {
                Layout.fillWidth: true
                wrapMode: Text.WordWrap
                text: qsTr("Deleted conversations are kept here for 30 days, then removed for good.")
                color: Theme.mutedText
            }
            Item {
                Layout.fillWidth: true
                Layout.fillHeight: true
                ScrollView {
                    id: scroll
                    anchors.fill: parent
                    contentWidth: availableWidth
                    clip: true
                    // A Repeater, not a ListView: every row is made, in the list's order, so Tab reaches each one (a
                    // ListView makes only the rows near its view). The trash holds 30 days of deleted chats.
                    Column {
                        width: scroll.availableWidth
                        Repeater {
                            id: rows
                            model: Library.trash
                            delegate: RowLayout {
                                id: row
                                required property int index
                                required property var conversationId
                                required property string title
                                property alias restoreButton: restoreButton
                                width: scroll.availableWidth
                                Label {
                                    Layout.fillWidth: true
                                    text: row.title
                                    textFormat: Text.PlainText  // one line (shownTitle); markup in a title stays text
                                    elide: Text.ElideRight
                                    color: Theme.text
                                }
                                KeyButton {
                                    id: restoreButton
                                    objectName: "restoreButton-" + row.conversationId
                                    text: qsTr("Restore")
                                    onActiveFocusChanged: if (activeFocus) dialog.showRow(row)
                                    onClicked: {
                                        // Read first: the row goes with the restore, and with it the names it sees.
                                        const at = row.index, box = dialog
                                        if (Library.restore(row.conversationId)) { box.restored = true; box.focusRowLater(at) }
                                    }
                                }
                                KeyButton {
                                    objectName: "deleteForeverButton-" + row.conversationId
                                    text: qsTr("Delete forever")
                                    onActiveFocusChanged: if (activeFocus) dialog.showRow(row)
                                    onClicked: {
                                        const at = row.index, box = dialog
                                        if (Library.deleteForever(row.conversationId)) box.focusRowLater(at)
                                    }
                                }
                            }
                        }
                    }
                }
                Label {
                    anchors.centerIn: parent
                    visible: rows.count === 0
                    text: qsTr("The trash is empty.")
                    color: Theme.mutedText
                }
            }
            KeyButton {
                id: emptyButton
                objectName: "emptyTrashButton"
                Layout.alignment: Qt.AlignRight
                text: qsTr("Empty trash")
                enabled: rows.count > 0
                onClicked: emptyQuestion.open()
            }
        }
    }

    // Empty trash asks first, naming how many conversations go for good: it deleted them all at once (session 35's
    // check). Keyboard as the other questions: Cancel has the focus (Return or Space presses it), Esc cancels, Tab
    // reaches Delete forever; the keys then go back to Empty trash.
    QuestionDialog {
        id: emptyQuestion
        objectName: "emptyTrashDialog"
        Component.onCompleted: Theme.followPalette(emptyQuestion)
        title: qsTr("Empty trash?")
        textWidth: 360
        onOpened: emptyCancel.forceActiveFocus(Qt.TabFocusReason)  // drawn focused (DialogButton)
        onRejected: emptyButton.forceActiveFocus(Qt.TabFocusReason)
        Label {
            objectName: "emptyTrashQuestion"  // the test hook's "empty trash question:" line
            width: emptyQuestion.availableWidth
            wrapMode: Text.Wrap
            textFormat: Text.PlainText
            text: rows.count === 1
                  ? qsTr("Delete the conversation in the trash for good? This cannot be undone.")
                  : qsTr("Delete all %1 conversations in the trash for good? This cannot be undone.").arg(rows.count)
        }
        footer: DialogButtonBox {
            alignment: Qt.AlignRight
            DialogButton {
                objectName: "emptyTrashConfirm"
                text: qsTr("Delete forever")
                DialogButtonBox.buttonRole: DialogButtonBox.DestructiveRole
                onClicked: {
                    emptyQuestion.close()
                    Library.emptyTrash()
                    dialog.focusRowLater(0)
                }
            }
            DialogButton {
                id: emptyCancel
                objectName: "emptyTrashCancel"
                text: qsTr("Cancel")
                DialogButtonBox.buttonRole: DialogButtonBox.RejectRole
            }
        }
    }
}
