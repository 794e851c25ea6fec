// SearchResults.qml — the hits of the sidebar search (Library.searchResults), newest first: conversation title,
// the matching text with the match in bold (two lines), and when. A click opens the conversation on that message's
// branch. The first 20 hits come at once, more as the list scrolls (SearchResultModel::fetchMore).
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import RwkvDesktop.Core

ListView {
    id: list
    clip: true
    spacing: 2
    model: Library.searchResults
    boundsBehavior: Flickable.StopAtBounds
    ScrollBar.vertical: ScrollBar { policy: ScrollBar.AsNeeded }

    // Kept cheap on purpose (a search must reach the screen within 50 ms): plain Text items with fixed anchors, no
    // layouts or styled controls; delegates are reused between searches; the model adds rows as the list scrolls.
    reuseItems: true
    cacheBuffer: 0

    delegate: Item {
        id: hit
        required property var conversationId
        required property var messageId
        required property string title
        required property string snippet
        required property string whenText
        width: ListView.view.width
        height: snippetText.y + snippetText.height + 8

        Rectangle {
            anchors.fill: parent
            radius: Theme.radius - 2
            color: mouse.containsMouse ? Theme.sidebarHover : "transparent"
        }
        MouseArea {
            id: mouse
            anchors.fill: parent
            hoverEnabled: true
            cursorShape: Qt.PointingHandCursor
            onClicked: Library.openResult(hit.conversationId, hit.messageId)
        }
        Text {
            id: whenLabel
            anchors.right: parent.right
            anchors.rightMargin: 8
            anchors.baseline: titleText.baseline
            text: hit.whenText
            color: Theme.mutedText
            font.pixelSize: Theme.smallFontSize - 1
        }
        Text {
            id: titleText
            x: 8
            y: 8
            width: whenLabel.x - x - 6
            text: hit.title
            textFormat: Text.PlainText  // one line (oneLineTitle); markup in a title stays text
            elide: Text.ElideRight
            font.pixelSize: Theme.fontSize
            font.weight: Font.DemiBold
            color: Theme.text
        }
        Text {
            id: snippetText
            x: 8
            y: titleText.y + titleText.height + 2
            width: hit.width - 16
            text: hit.snippet
            textFormat: Text.StyledText
            wrapMode: Text.Wrap
            maximumLineCount: 2
            elide: Text.ElideRight
            color: Theme.mutedText
            font.pixelSize: Theme.smallFontSize
        }
    }

    Label {
        anchors.centerIn: parent
        width: parent.width - 24
        visible: list.count === 0
        text: qsTr("No messages match “%1”.").arg(Library.searchText.trim())
        horizontalAlignment: Text.AlignHCenter
        wrapMode: Text.WordWrap
        color: Theme.mutedText
    }
}
