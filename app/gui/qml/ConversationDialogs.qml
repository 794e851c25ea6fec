// ConversationDialogs.qml — the rename, instructions and delete-confirmation dialogs for a conversation, and the
// sidebar's folder dialogs: a folder's name (new or renamed) and its delete's question.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import RwkvDesktop.Core

Item {
    id: root
    property var targetId: 0
    /// The instructions dialog closed (OK, Cancel or Esc): the message box should take the keyboard focus, as after
    /// Settings. Opened from the instructions line, the line kept it and typed letters went nowhere (session 47's trial).
    signal instructionsClosed()

    function askRename(id, title) {
        root.targetId = id
        titleField.text = title
        renameDialog.open()
        titleField.selectAll()
        titleField.forceActiveFocus()
    }
    /// A chat's instructions (its system prompt; id 0: the new chat shown, not saved yet).
    function askInstructions(id, title) {
        root.targetId = id
        instructionsDialog.title = id === 0 ? qsTr("Instructions for this new chat")
                                            : qsTr("Instructions for “%1”").arg(Library.isolated(title))
        instructionsField.load(Chat.instructionsOf(id))
        instructionsDialog.open()
        instructionsField.focusField()
    }
    /// A new folder's name; the chat `conversationId` (0: none) goes into the folder made.
    function askNewFolder(conversationId) {
        folderDialog.folderId = 0
        folderDialog.conversationId = conversationId
        folderField.text = ""
        folderDialog.open()
        folderField.forceActiveFocus()
    }
    function askRenameFolder(folderId, name) {
        folderDialog.folderId = folderId
        folderDialog.conversationId = 0
        folderField.text = name
        folderDialog.open()
        folderField.selectAll()
        folderField.forceActiveFocus()
    }
    function askDeleteFolder(folderId, name, chatCount) {
        deleteFolderDialog.folderId = folderId
        deleteFolderLabel.text = Library.deleteFolderQuestion(name, chatCount)
        deleteFolderDialog.open()
    }
    function askDelete(id, title) {
        root.targetId = id
        deleteLabel.text = qsTr("Delete “%1” and all its messages? This cannot be undone.").arg(Library.isolated(title))
        deleteDialog.open()
    }

    Dialog {
        id: renameDialog
        Component.onCompleted: Theme.followPalette(renameDialog)  // the content follows a theme switch (Theme.qml)
        anchors.centerIn: parent
        modal: true
        title: qsTr("Rename conversation")
        standardButtons: Dialog.Ok | Dialog.Cancel
        // A conversation needs a title: with the field empty (or only spaces) OK is off and Enter does nothing, so the
        // dialog stays open. Before (session 20's trial, F10) it closed and an error banner said so. The line under the
        // field says why, and OK looks off: the app's palette gave it the enabled colours, and a blank title left a
        // dialog whose OK looked ready and did nothing (session 23's trial, T7).
        // Nothing to read ("\u200b" or "\u3164" alone) is blank too: the sidebar drew an empty row (session 53's trial).
        readonly property bool titleOk: titleField.text.trim().length > 0 && !Chat.nothingToRead(titleField.text)
        palette.disabled.buttonText: Theme.mutedText
        onAboutToShow: {
            const ok = standardButton(Dialog.Ok)
            ok.objectName = "renameOkButton"  // the test hook's "rename dialog:" line
            standardButton(Dialog.Cancel).objectName = "renameCancelButton"
            ok.enabled = Qt.binding(() => renameDialog.titleOk)
        }
        onAccepted: if (titleOk) Chat.renameConversation(root.targetId, titleField.text)
        ColumnLayout {
            spacing: 4
            TextField {
                id: titleField
                objectName: "renameTitleField"  // the test hook's "active focus:" line
                implicitWidth: Theme.dialogWidth(340)
                placeholderText: qsTr("Title")
                // A title keeps its first Chat.maxTitleLength characters; a longer paste is cut here, and the line
                // below says so (session 22's trial, F8: a 1.5 M-character paste was cut to 31,233 without a word).
                maximumLength: Chat.maxTitleLength
                // A bidi control pasted here (a message's Copy) turned the title around as typed ("evil" drew "live")
                // and was stored with it: left out where it is, as the message boxes do (TypedText.qml); without
                // their note, as a shown title leaves out every invisible formatting character (session 47's trial).
                onTextChanged: TypedText.leaveOutBidiControls(titleField)
                onAccepted: if (renameDialog.titleOk) renameDialog.accept()
            }
            Label {
                objectName: "renameTitleHint"  // the test hook's "rename dialog:" line
                Layout.preferredWidth: Theme.dialogWidth(340)
                visible: !renameDialog.titleOk
                text: qsTr("A conversation needs a title.")
                color: Theme.mutedText
                font.pixelSize: Theme.smallFontSize
                wrapMode: Text.WordWrap
            }
            Label {
                objectName: "renameTitleLimit"
                Layout.preferredWidth: Theme.dialogWidth(340)
                visible: titleField.length >= Chat.maxTitleLength
                text: qsTr("A title keeps its first %1 characters.").arg(Chat.maxTitleLength)
                color: Theme.mutedText
                font.pixelSize: Theme.smallFontSize
                wrapMode: Text.WordWrap
            }
        }
    }

    Dialog {
        id: instructionsDialog
        objectName: "instructionsDialog"
        Component.onCompleted: Theme.followPalette(instructionsDialog)  // the content follows a theme switch (Theme.qml)
        anchors.centerIn: parent
        modal: true
        standardButtons: Dialog.Ok | Dialog.Cancel
        // Longer than Chat.maxInstructionsLength: OK is off (and Enter in the field is a line break); the note under the
        // field says why (InstructionsField.qml).
        palette.disabled.buttonText: Theme.mutedText
        onAboutToShow: {
            const ok = standardButton(Dialog.Ok)
            ok.objectName = "instructionsOkButton"
            standardButton(Dialog.Cancel).objectName = "instructionsCancelButton"
            ok.enabled = Qt.binding(() => instructionsField.fits)
        }
        // Kept as typed: the chat format makes each run of blank lines one line break when the model reads them (its
        // turns are separated by blank lines), and the line under the field says so.
        onAccepted: if (instructionsField.fits) Chat.setInstructions(root.targetId, instructionsField.text)
        onClosed: root.instructionsClosed()
        ColumnLayout {
            spacing: 6
            Label {
                Layout.preferredWidth: Theme.dialogWidth(460)
                text: qsTr("The model reads these before the chat, as its first turn: a role, a tone, what to keep to.")
                wrapMode: Text.WordWrap
            }
            InstructionsField {
                id: instructionsField
                fieldName: "instructionsField"
                Layout.preferredWidth: Theme.dialogWidth(460)
                fieldHeight: Theme.px(180)
                placeholderText: qsTr("For example: You are a patient tutor. Answer briefly.")
            }
            Label {
                objectName: "instructionsHint"
                Layout.preferredWidth: Theme.dialogWidth(460)
                text: qsTr("Blank lines are read as single line breaks. A chat that has messages reads them again from "
                           + "the start with new instructions at its next reply.")
                color: Theme.mutedText
                font.pixelSize: Theme.smallFontSize
                wrapMode: Text.WordWrap
            }
        }
    }

    Dialog {
        id: folderDialog
        objectName: "folderDialog"
        property var folderId: 0         // 0: a new folder
        property var conversationId: 0   // a new folder's chat to go into it
        Component.onCompleted: Theme.followPalette(folderDialog)
        anchors.centerIn: parent
        modal: true
        title: folderId === 0 ? qsTr("New folder") : qsTr("Rename folder")
        standardButtons: Dialog.Ok | Dialog.Cancel
        // The name the store would refuse (empty, taken, …): OK is off and the line under the field says why, as the
        // rename dialog does for a blank title
        readonly property string problem: Library.folderNameProblem(folderField.text, folderId)
        palette.disabled.buttonText: Theme.mutedText
        onAboutToShow: {
            const ok = standardButton(Dialog.Ok)
            ok.objectName = "folderOkButton"
            standardButton(Dialog.Cancel).objectName = "folderCancelButton"
            ok.enabled = Qt.binding(() => folderDialog.problem === "")
        }
        onAccepted: {
            if (problem !== "") return
            if (folderId === 0) Library.createFolder(folderField.text, conversationId)
            else Library.renameFolder(folderId, folderField.text)
        }
        ColumnLayout {
            spacing: 4
            TextField {
                id: folderField
                objectName: "folderNameField"
                implicitWidth: Theme.dialogWidth(340)
                placeholderText: qsTr("Folder name, e.g. Work")
                maximumLength: Library.maxFolderNameLength()
                onTextChanged: TypedText.leaveOutBidiControls(folderField)  // as the rename dialog's title
                onAccepted: if (folderDialog.problem === "") folderDialog.accept()
            }
            Label {
                objectName: "folderNameProblem"  // the test hook's "active focus:" and text lines
                Layout.preferredWidth: Theme.dialogWidth(340)
                visible: folderDialog.problem !== ""
                text: folderDialog.problem
                textFormat: Text.PlainText  // it quotes a name
                color: Theme.mutedText
                font.pixelSize: Theme.smallFontSize
                wrapMode: Text.WordWrap
            }
        }
    }

    QuestionDialog {
        id: deleteFolderDialog
        objectName: "deleteFolderDialog"
        property var folderId: 0
        Component.onCompleted: Theme.followPalette(deleteFolderDialog)
        title: qsTr("Delete folder")
        textWidth: 340
        standardButtons: Dialog.Yes | Dialog.No
        onAboutToShow: standardButton(Dialog.Yes).objectName = "deleteFolderYesButton"
        onAccepted: Library.deleteFolder(folderId)
        Label {
            id: deleteFolderLabel
            width: deleteFolderDialog.availableWidth
            wrapMode: Text.WordWrap
            textFormat: Text.PlainText  // it quotes the folder's name
        }
    }

    QuestionDialog {
        id: deleteDialog
        Component.onCompleted: Theme.followPalette(deleteDialog)  // the content follows a theme switch (Theme.qml)
        title: qsTr("Delete conversation")
        textWidth: 340
        standardButtons: Dialog.Yes | Dialog.No
        onAccepted: Chat.deleteConversation(root.targetId)
        Label {
            id: deleteLabel
            width: deleteDialog.availableWidth
            wrapMode: Text.WordWrap
            textFormat: Text.PlainText  // it quotes the title: markup in it stays text
        }
    }
}
