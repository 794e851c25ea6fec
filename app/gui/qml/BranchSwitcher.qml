// BranchSwitcher.qml — "‹ 2/3 ›" under a message that has siblings (regenerated replies, edited questions):
// steps to the previous or next sibling's branch (Chat.showSibling). Hidden for a message without siblings. Under a
// reply written as one of several versions at once (newVersions, the last ones of its siblings), it steps among those
// versions while they are written.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import RwkvDesktop.Core

RowLayout {
    id: root
    property var messageId
    property int index: 1   // 1-based position among the siblings
    property int count: 1
    property int newVersions: 0  // several versions being written, this one among them (MessageActions.writingVersion)
    readonly property bool busy: Chat.composerState === Chat.Generating && newVersions === 0
    readonly property int first: newVersions > 0 ? count - newVersions + 1 : 1  // the first it steps back to

    visible: count > 1
    spacing: 0

    // Its tooltip shows once the pointer moves on the button (PointerMovedHover), after a moment: Regenerate puts ‹ ›
    // under a pointer left still, and "Next version" covered the new reply's readouts above it (session 38's trial).
    // Below the button, not above as Qt's shared ToolTip: while several versions are written the one shown streams
    // right above the switcher, and at 960 px "Next version" covered the words being written (session 51's trial2).
    component Step: ToolButton {
        id: step
        property string tip
        PointerMovedHover { id: pointer }
        ToolTip {
            visible: step.hovered && pointer.moved
            delay: 600
            text: step.tip
            y: step.height + 3
        }
        implicitWidth: Theme.px(22)
        implicitHeight: Theme.px(22)
        font.pixelSize: Theme.fontSize
        Keys.onPressed: (event) => MessageTabKeys.keyPressed(this, event)  // Tab walks the conversation
        contentItem: Label {
            text: parent.text
            color: parent.enabled ? Theme.text : Theme.mutedText
            horizontalAlignment: Text.AlignHCenter
            verticalAlignment: Text.AlignVCenter
        }
        background: FocusFrame { control: parent }  // hovered or reached with Tab (then with an accent outline)
    }

    Step {
        objectName: "previousVersionButton-" + root.messageId
        text: "‹"
        enabled: root.index > root.first && !root.busy
        onClicked: Chat.showSibling(root.messageId, -1)
        tip: qsTr("Previous version")
    }
    Label {
        objectName: "versionLabel"  // the test hook's "versions drawn:" line
        text: root.index + "/" + root.count  // numbers only: nothing to translate
        color: Theme.mutedText
        font.pixelSize: Theme.smallFontSize
    }
    Step {
        objectName: "nextVersionButton-" + root.messageId
        text: "›"
        enabled: root.index < root.count && !root.busy
        onClicked: Chat.showSibling(root.messageId, 1)
        tip: qsTr("Next version")
    }
}
