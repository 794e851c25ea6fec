// InstructionsField.qml — the text field of a chat's instructions (its system prompt): the Instructions… dialog's
// (ConversationDialogs.qml) and Settings' "Instructions for new chats" (SettingsPage.qml). Instructions hold at most
// Chat.maxInstructionsLength characters (app/core/instructions_limit.h): a paste (Ctrl+V, Shift+Insert, a middle
// click) that would make the text longer is refused before it reaches the field — a TextArea lays out all of its text,
// and a 1 MB paste froze the dialog for ~20 s at 889 MB (session 47's trial) — and the line under the field says so;
// a longer text (typed, or kept from before the limit) is named there too, and `fits` is false: the dialog's OK is off,
// Settings keep the last text that fitted. Bidi controls (U+202E …) are left out as typed, as in the message boxes.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import RwkvDesktop.Core

ColumnLayout {
    id: root
    /// The field's objectName (the test hook's "active focus:" line); its note's is this and "Limit".
    property string fieldName: ""
    /// The text in the field.
    property alias text: field.text
    property alias placeholderText: field.placeholderText
    /// The field's height (it scrolls beyond).
    property real fieldHeight: 180
    readonly property int limit: Chat.maxInstructionsLength
    /// The text is within the limit (what a chat or Settings may keep).
    readonly property bool fits: field.length <= limit
    /// Why the last paste was refused, until the text changes ("" when none).
    property string refusedPaste: ""
    /// Shows `text` in the field, the cursor at its end and no note from before.
    function load(text) {
        field.text = text
        field.cursorPosition = field.length
        refusedPaste = ""
    }
    function focusField() { field.forceActiveFocus() }
    /// The note under a text over the limit: its size as the limit counts it (UTF-16 units) and, where a reader counts
    /// otherwise (an emoji family is one character of 8 units), as read too.
    function overLimitNote() {
        const units = field.length, read = Clipboard.characters(field.text)
        return read === units
            ? qsTr("Instructions hold at most %1 characters; this text has %2. Shorten it to keep it.")
                  .arg(root.limit.toLocaleString(Qt.locale(), "f", 0))
                  .arg(units.toLocaleString(Qt.locale(), "f", 0))
            : qsTr("Instructions hold at most %1 characters, an emoji, a flag or some accented letters counting as 2 "
                   + "or more; this text has %2 counted so (%3 as you read them). Shorten it to keep it.")
                  .arg(root.limit.toLocaleString(Qt.locale(), "f", 0))
                  .arg(units.toLocaleString(Qt.locale(), "f", 0))
                  .arg(read.toLocaleString(Qt.locale(), "f", 0))
    }
    /// A paste (`selection`: X11's selection, a middle click) that would make the text longer than `limit`: refused,
    /// its note shown; returns whether it was (the clipboard is read once, and only a text too long comes back).
    function refusesPaste(selection) {
        const kept = field.length - (field.selectionEnd - field.selectionStart)  // a paste replaces the selection
        const pasted = Clipboard.textIfLongerThan(Math.max(limit - kept, 0), selection)
        if (pasted.length === 0) return false
        // The limit counts UTF-16 units (app/core/instructions_limit.h); a reader counts an emoji family as one. Where
        // the two differ the note gives both and says why (session 59's loose ends).
        const read = Clipboard.characters(pasted)
        refusedPaste = read === pasted.length
            ? qsTr("Not pasted: the %1 characters on the clipboard would make these instructions longer than "
                   + "%2. A long text for the model to read goes in a message.")
                  .arg(pasted.length.toLocaleString(Qt.locale(), "f", 0))
                  .arg(limit.toLocaleString(Qt.locale(), "f", 0))
            : qsTr("Not pasted: the %1 characters on the clipboard, %2 as the limit counts them (an emoji, a flag or "
                   + "some accented letters count as 2 or more), would make these instructions longer than %3. A long "
                   + "text for the model to read goes in a message.")
                  .arg(read.toLocaleString(Qt.locale(), "f", 0))
                  .arg(pasted.length.toLocaleString(Qt.locale(), "f", 0))
                  .arg(limit.toLocaleString(Qt.locale(), "f", 0))
        return true
    }
    spacing: 4

    ScrollView {
        Layout.fillWidth: true
        Layout.preferredHeight: root.fieldHeight
        background: Rectangle {  // a field, as the message box: the text area alone draws no frame
            color: Theme.inputBackground
            border.color: field.activeFocus ? Theme.accent : Theme.quoteBar
            radius: 4
        }
        TextArea {
            id: field
            objectName: root.fieldName
            wrapMode: TextEdit.Wrap
            onTextChanged: {
                root.refusedPaste = ""
                // A bidi control pasted here (a message's Copy) turned the text around as typed and was kept in the
                // system prompt: left out where it is, as the message boxes and Rename… do (TypedText.qml; session 47's
                // trial, MED). The marks U+200E / U+200F stay.
                TypedText.leaveOutBidiControls(field)
            }
            // Tab moves on (a tab character means nothing to the model), Shift+Tab back.
            Keys.onTabPressed: nextItemInFocusChain(true).forceActiveFocus(Qt.TabFocusReason)
            Keys.onBacktabPressed: nextItemInFocusChain(false).forceActiveFocus(Qt.BacktabFocusReason)
            Keys.onPressed: (event) => {  // Ctrl+V, Shift+Insert
                if (event.matches(StandardKey.Paste) && root.refusesPaste(false)) event.accepted = true
            }
            MouseArea {  // a middle click pastes X11's selection
                anchors.fill: parent
                acceptedButtons: Qt.MiddleButton
                onPressed: (mouse) => {
                    mouse.accepted = root.refusesPaste(true)
                    if (mouse.accepted) field.forceActiveFocus()
                }
            }
        }
    }
    Label {
        objectName: root.fieldName + "Limit"  // the test hook's "instructions note:" line
        Layout.fillWidth: true
        visible: text.length > 0
        text: root.refusedPaste.length > 0 ? root.refusedPaste : root.fits ? "" : root.overLimitNote()
        color: Theme.danger
        font.pixelSize: Theme.smallFontSize
        wrapMode: Text.WordWrap
    }
}
