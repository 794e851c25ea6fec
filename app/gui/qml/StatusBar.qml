// StatusBar.qml — the status line: loaded model and backend on the left, the last reply's speed and where
// its context came from ("resumed from saved state" / "re-read N tokens") on the right.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import RwkvDesktop.Core

Rectangle {
    implicitHeight: Math.max(28, replyLabel.implicitHeight + 10)  // two lines when the reply's status wraps
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
            id: modelLabel
            textFormat: Text.PlainText
            text: Chat.modelStatus
            elide: Text.ElideRight
            // What the reply's status leaves, at least its own width up to 30%; the full text in the tooltip.
            Layout.maximumWidth: Math.max(Math.min(implicitWidth, parent.width * 0.3),
                                          parent.width - replyLabel.implicitWidth - Theme.spacing * 2)
            color: Theme.mutedText
            font.pixelSize: Theme.smallFontSize
            HoverHandler { id: modelHover }
            ToolTip.visible: modelHover.hovered && Chat.modelDetails.length > 0
            ToolTip.text: Chat.modelDetails
        }
        Item { Layout.fillWidth: true }
        Label {
            id: replyLabel
            textFormat: Text.PlainText
            text: Chat.replyStatus
            // All the model's status leaves (it keeps up to 30%), on two lines if need be: the why of a re-read is
            // what the user reads it for (it was capped at 55% and cut: "re-read 576 tokens (saved state was made…").
            Layout.maximumWidth: parent.width - Math.min(modelLabel.implicitWidth, parent.width * 0.3) - Theme.spacing * 2
            wrapMode: Text.Wrap
            maximumLineCount: 2
            elide: Text.ElideRight  // past two lines (a narrow window); hovering shows all of it
            color: Theme.mutedText
            font.pixelSize: Theme.smallFontSize
            // When it is cut (a long "re-read N tokens (why)" note), hovering shows all of it.
            HoverHandler { id: replyHover }
            ToolTip.visible: replyHover.hovered && replyLabel.truncated
            ToolTip.text: Chat.replyStatus
        }
    }
}
