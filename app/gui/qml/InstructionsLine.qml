// InstructionsLine.qml — the quiet line at the top of a chat that has instructions (its system prompt):
// "Instructions: <first line>…"; a click (or Space / Return once reached with Tab) opens them to edit
// (ConversationDialogs.askInstructions). Hidden for a chat without any: its "⋯" menu has Instructions….
import QtQuick
import QtQuick.Controls
import RwkvDesktop.Core

Button {
    id: root
    signal editRequested()
    objectName: "instructionsLine"  // the test hook clicks it and prints its text
    /// The first line that has text, as the model reads it; "…" when more follows.
    readonly property string firstLine: {
        const lines = Chat.currentInstructions.split("\n").map(l => l.trim()).filter(l => l.length > 0)
        return lines.length === 0 ? "" : lines.length > 1 ? lines[0] + " …" : lines[0]
    }
    visible: firstLine.length > 0
    flat: true
    padding: 4
    leftPadding: 8
    rightPadding: 8
    onClicked: root.editRequested()
    background: FocusFrame { control: root }
    contentItem: Label {
        // The words of the line may be Arabic or Hebrew: the label's own side stays the window's (as the header's title).
        text: qsTr("Instructions: %1").arg(Library.isolated(root.firstLine))
        textFormat: Text.PlainText
        horizontalAlignment: Qt.application.layoutDirection === Qt.RightToLeft ? Text.AlignRight : Text.AlignLeft
        elide: Text.ElideRight
        maximumLineCount: 1
        color: Theme.mutedText
        font.pixelSize: Theme.smallFontSize
    }
    ToolTip.visible: hovered
    ToolTip.text: qsTr("Change this chat's instructions")
    ToolTip.delay: 600
    Accessible.name: qsTr("Instructions: %1").arg(root.firstLine)
}
