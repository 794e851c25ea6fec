// StatusBar.qml — the status line: loaded model and backend on the left, the last reply's speed and where
// its context came from ("resumed from saved state" / "re-read N tokens") on the right.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import RwkvDesktop.Core

Rectangle {
    implicitHeight: 28
    color: Theme.sidebar

    Rectangle {
        width: parent.width
        height: 1
        color: Theme.border
    }

    RowLayout {
        anchors.fill: parent
        anchors.leftMargin: Theme.spacing
        anchors.rightMargin: Theme.spacing
        spacing: Theme.spacing

        Label {
            text: Chat.modelStatus
            elide: Text.ElideRight
            // What the reply status leaves (it takes at most 55%), at least 30%; the full text in the tooltip.
            Layout.maximumWidth: Math.max(parent.width * 0.3,
                                          parent.width - Math.min(replyLabel.implicitWidth, parent.width * 0.55)
                                          - Theme.spacing * 2)
            color: Theme.mutedText
            font.pixelSize: Theme.smallFontSize
            HoverHandler { id: modelHover }
            ToolTip.visible: modelHover.hovered && Chat.modelDetails.length > 0
            ToolTip.text: Chat.modelDetails
        }
        Item { Layout.fillWidth: true }
        Label {
            id: replyLabel
            text: Chat.replyStatus
            elide: Text.ElideRight  // keep the numbers at the start readable
            Layout.maximumWidth: parent.width * 0.55
            color: Theme.mutedText
            font.pixelSize: Theme.smallFontSize
            // When it is cut (a long "re-read N tokens (why)" note), hovering shows all of it.
            HoverHandler { id: replyHover }
            ToolTip.visible: replyHover.hovered && replyLabel.truncated
            ToolTip.text: Chat.replyStatus
        }
    }
}
