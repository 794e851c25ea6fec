// ThinkBlock.qml — the model's reasoning (<think>…</think>, RWKV-7 spec §7.2): open while it is being written,
// collapsed once the answer begins; a click on the header toggles it.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

Rectangle {
    id: root
    property string reasoning
    property bool closed: true
    // Follows `closed` until the user toggles it.
    property bool expanded: !closed
    onClosedChanged: if (closed) expanded = false

    implicitWidth: Math.max(toggle.implicitWidth + 20, expanded ? body.implicitWidth + 28 : 0)
    implicitHeight: toggle.height + (expanded ? body.implicitHeight + 12 : 0)
    radius: Theme.radius - 2
    color: Theme.thinkBackground
    clip: true

    ItemDelegate {
        id: toggle
        objectName: "thinkToggle"
        width: parent.width
        height: 32
        onClicked: root.expanded = !root.expanded
        Keys.onPressed: (event) => MessageTabKeys.keyPressed(this, event)  // Tab walks the conversation
        background: null
        contentItem: Label {
            text: (root.expanded ? "▾  " : "▸  ")
                  + (root.closed ? qsTr("Reasoning") : qsTr("Thinking…"))
            color: Theme.mutedText
            font.pixelSize: Theme.smallFontSize + 1
            font.weight: Font.DemiBold
            verticalAlignment: Text.AlignVCenter
        }
        Accessible.name: root.expanded ? qsTr("Hide the reasoning") : qsTr("Show the reasoning")
    }

    LiveTextEdit {  // keeps a selection while the reasoning is written
        id: body
        visible: root.expanded
        anchors.top: toggle.bottom
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.leftMargin: 14
        anchors.rightMargin: 14
        wrapMode: TextEdit.Wrap
        textFormat: TextEdit.PlainText
        font.pixelSize: Theme.fontSize - 1
        font.italic: true
        color: Theme.mutedText
        liveText: root.reasoning.length > 0 ? root.reasoning : qsTr("(no reasoning written)")
    }
}
