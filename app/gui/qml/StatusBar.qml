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
            // All the room when there is no reply status yet; then a share that keeps the reply numbers visible.
            Layout.maximumWidth: Chat.replyStatus.length > 0 ? parent.width * 0.36 : parent.width
            color: Theme.mutedText
            font.pixelSize: Theme.smallFontSize
        }
        Item { Layout.fillWidth: true }
        Label {
            text: Chat.replyStatus
            elide: Text.ElideRight  // keep the numbers at the start readable
            Layout.maximumWidth: parent.width * 0.62
            color: Theme.mutedText
            font.pixelSize: Theme.smallFontSize
        }
    }
}
