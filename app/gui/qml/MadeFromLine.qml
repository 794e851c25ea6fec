// MadeFromLine.qml — the quiet line at the top of a chat made by "New chat from here" (docs/conversations.md "New
// chat from here"), under its starting state line: Made from “<title of the chat it was made from>”. A click (or
// Space / Return once reached with Tab) opens that chat at the message it was made from (Chat.openMadeFrom). Hidden
// for every other chat, and where that chat is in the trash or deleted.
import QtQuick
import QtQuick.Controls
import RwkvDesktop.Core

Button {
    id: root
    objectName: "madeFromLine"
    readonly property string lineText: qsTr("Made from “%1”").arg(Library.isolated(Chat.currentMadeFrom))
    visible: Chat.currentMadeFrom.length > 0
    flat: true
    padding: 4
    leftPadding: 8
    rightPadding: 8
    onClicked: Chat.openMadeFrom()
    background: FocusFrame { control: root }
    contentItem: Label {
        text: root.lineText
        textFormat: Text.PlainText
        horizontalAlignment: Qt.application.layoutDirection === Qt.RightToLeft ? Text.AlignRight : Text.AlignLeft
        elide: Text.ElideMiddle
        maximumLineCount: 1
        color: Theme.mutedText
        font.pixelSize: Theme.smallFontSize
    }
    ToolTip.visible: hovered
    ToolTip.text: qsTr("Open the chat this one was made from, at the message it was made from")
    ToolTip.delay: 600
    Accessible.name: root.lineText
}
