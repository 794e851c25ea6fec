// StartStateLine.qml — the quiet line at the top of a chat that starts from a state-tuning file (its starting state,
// docs/conversations.md "Starting state"), under its instructions line: "Starting state: <file name>". A click (or
// Space / Return once reached with Tab) offers another file or the zero state. Hidden for a chat without one: its "⋯"
// menu has Starting state….
import QtQuick
import QtQuick.Controls
import RwkvDesktop.Core

Button {
    id: root
    signal chooseRequested()
    objectName: "startStateLine"  // the test hook clicks it and prints its text
    readonly property string lineText: qsTr("Starting state: %1").arg(Library.isolated(Chat.currentStartState))
    visible: Chat.currentStartState.length > 0
    flat: true
    padding: 4
    leftPadding: 8
    rightPadding: 8
    // Opened with the keyboard (Space), the menu starts on its first item, as the sidebar's "⋯" menu does.
    onClicked: {
        lineMenu.popup(root, 0, root.height)
        if (root.visualFocus) lineMenu.currentIndex = 0
    }
    background: FocusFrame { control: root }
    contentItem: Label {
        objectName: "startStateLineText"  // the test hook prints what it says
        text: root.lineText
        textFormat: Text.PlainText
        horizontalAlignment: Qt.application.layoutDirection === Qt.RightToLeft ? Text.AlignRight : Text.AlignLeft
        elide: Text.ElideMiddle
        maximumLineCount: 1
        color: Theme.mutedText
        font.pixelSize: Theme.smallFontSize
    }
    ToolTip.visible: hovered
    ToolTip.text: qsTr("This chat starts from a state-tuning file instead of an empty state")
    ToolTip.delay: 600
    Accessible.name: root.lineText
    Menu {
        id: lineMenu
        palette: root.palette
        Component.onCompleted: Theme.followPalette(lineMenu)  // the content follows a theme switch (Theme.qml)
        MenuItem {
            objectName: "startStateChooseItem"
            text: qsTr("Choose another file…")
            onTriggered: root.chooseRequested()
        }
        MenuItem {
            objectName: "startStateClearItem"
            text: qsTr("Start from an empty state")
            onTriggered: Chat.setStartState(Chat.currentConversationId, "")
        }
    }
}
