// ThinkBlock.qml — the model's reasoning (<think>…</think>, RWKV-7 spec §7.2): open while it is being written,
// collapsed once the answer begins; a click on the header toggles it. Long reasoning comes in pieces (ReplyContent):
// the first has the header, and the reply opens and closes them together (ownsState false).
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

Rectangle {
    id: root
    property string reasoning
    property bool closed: true
    property bool first: true  // the reasoning's first piece: it has the header
    property bool last: true   // its last piece: the margin below
    // Follows `closed` until the user toggles it (ownsState); else set by the reply, which hears `toggled`.
    property bool ownsState: true
    property bool expanded: !closed
    signal toggled()
    /// The reasoning's text item (ReplyContent.showWords selects a search's words in it).
    readonly property Item textItem: body
    onClosedChanged: if (ownsState && closed) expanded = false

    implicitWidth: Math.max(first ? toggle.implicitWidth + 20 : 0, expanded ? body.implicitWidth + 28 : 0)
    implicitHeight: (first ? toggle.height : 0) + (expanded ? body.implicitHeight + (last ? 12 : 0) : 0)
    radius: first && last ? Theme.radius - 2 : 0
    color: Theme.thinkBackground
    clip: true

    ItemDelegate {
        id: toggle
        objectName: "thinkToggle"
        width: parent.width
        height: root.first ? 32 : 0
        visible: root.first
        onClicked: {
            if (root.ownsState) root.expanded = !root.expanded
            root.toggled()
        }
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
        anchors.top: root.first ? toggle.bottom : root.top
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.leftMargin: 14
        anchors.rightMargin: 14
        wrapMode: TextEdit.Wrap
        textFormat: TextEdit.PlainText
        font: Theme.font({ pixelSize: Theme.fontSize - 1, italic: true })
        color: Theme.mutedText
        liveText: root.reasoning.length > 0 || !root.first ? root.reasoning : qsTr("(no reasoning written)")
    }
}
