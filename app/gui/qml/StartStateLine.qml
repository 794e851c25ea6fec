// StartStateLine.qml — the quiet line at the top of a chat that starts from a state-tuning file (its starting state,
// docs/conversations.md "Starting state"), under its instructions line: "Starting state: <file name>". A click (or
// Space / Return once reached with Tab) offers another file or the zero state. A new chat not saved yet that has none
// says "Add a starting state…" there, under "Add instructions…" and the same way: a click opens the file dialog, and
// its first message creates the chat starting from that file. Hidden for a chat with messages and no starting state:
// its "⋯" menu has Starting state….
import QtQuick
import QtQuick.Controls
import RwkvDesktop.Core

Button {
    id: root
    signal chooseRequested()
    objectName: "startStateLine"  // the test hook clicks it and prints its text
    /// A new chat, not saved yet, without a starting state: the line offers to add one.
    readonly property bool offersToAdd: Chat.currentStartState.length === 0 && Chat.currentConversationId === 0
    readonly property string lineText: offersToAdd ? qsTr("Add a starting state…")
                                                   : qsTr("Starting state: %1").arg(Library.isolated(Chat.currentStartState))
    visible: Chat.currentStartState.length > 0 || offersToAdd
    flat: true
    padding: 4
    leftPadding: 8
    rightPadding: 8
    // Opened with the keyboard (Space), the menu starts on its first item, as the sidebar's "⋯" menu does.
    onClicked: {
        if (root.offersToAdd) {
            root.chooseRequested()
            return
        }
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
    ToolTip.text: root.offersToAdd ? qsTr("Start this new chat from a state-tuning file instead of an empty state")
                                   : qsTr("This chat starts from a state-tuning file instead of an empty state")
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
