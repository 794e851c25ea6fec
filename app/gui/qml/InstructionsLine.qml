// InstructionsLine.qml — the quiet line at the top of a chat that has instructions (its system prompt):
// "Instructions: <first line>…"; a click (or Space / Return once reached with Tab) opens them to edit
// (ConversationDialogs.askInstructions). A new chat not saved yet that has none says "Add instructions…" there, the
// same way: its "⋯" menu comes only with its first message, and before session 46 it had no way to get them. Hidden
// for a chat with messages and no instructions: its "⋯" menu has Instructions….
import QtQuick
import QtQuick.Controls
import RwkvDesktop.Core

Button {
    id: root
    signal editRequested()
    objectName: "instructionsLine"  // the test hook clicks it and prints its text
    /// The first line that has text, as the model reads it; "…" when more follows. A line of characters drawn as
    /// nothing alone (Chat.nothingToRead: "\u200b", "\u3164") is none: "Instructions: " stood over nothing
    /// (session 53's trial), and instructions of such lines alone are drawn as none.
    readonly property string firstLine: {
        const lines = Chat.currentInstructions.split("\n").map(l => l.trim()).filter(l => !Chat.nothingToRead(l))
        return lines.length === 0 ? "" : lines.length > 1 ? lines[0] + " …" : lines[0]
    }
    /// A new chat, not saved yet, without instructions: the line offers to add them.
    readonly property bool offersToAdd: firstLine.length === 0 && Chat.currentConversationId === 0
    readonly property string lineText: offersToAdd ? qsTr("Add instructions…")
                                                   : qsTr("Instructions: %1").arg(Library.isolated(root.firstLine))
    visible: firstLine.length > 0 || offersToAdd
    flat: true
    padding: 4
    leftPadding: 8
    rightPadding: 8
    onClicked: root.editRequested()
    background: FocusFrame { control: root }
    contentItem: Label {
        objectName: "instructionsLineText"  // the test hook prints what it says
        // The words of the line may be Arabic or Hebrew: the label's own side stays the window's (as the header's title).
        text: root.lineText
        textFormat: Text.PlainText
        horizontalAlignment: Qt.application.layoutDirection === Qt.RightToLeft ? Text.AlignRight : Text.AlignLeft
        elide: Text.ElideRight
        maximumLineCount: 1
        color: Theme.mutedText
        font.pixelSize: Theme.smallFontSize
    }
    ToolTip.visible: hovered
    ToolTip.text: root.offersToAdd ? qsTr("What the model reads before this new chat: a role, a tone, what to keep to")
                                   : qsTr("Change this chat's instructions")
    ToolTip.delay: 600
    Accessible.name: root.offersToAdd ? qsTr("Add instructions…") : qsTr("Instructions: %1").arg(root.firstLine)
}
