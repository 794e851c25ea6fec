// SearchResults.qml — the hits of the sidebar search (Library.searchResults), newest first: conversation title,
// the matching text with the match in bold, and when. A click opens the conversation on that message's branch.
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

    delegate: ItemDelegate {
        required property var conversationId
        required property var messageId
        required property string title
        required property string snippet
        required property string whenText
        width: ListView.view.width
        padding: 8
        hoverEnabled: true
        onClicked: Library.openResult(conversationId, messageId)
        background: Rectangle {
            radius: Theme.radius - 2
            color: parent.hovered ? Theme.sidebarHover : "transparent"
        }
        contentItem: ColumnLayout {
            spacing: 2
            RowLayout {
                Label {
                    Layout.fillWidth: true
                    text: title
                    elide: Text.ElideRight
                    font.weight: Font.DemiBold
                    color: Theme.text
                }
                Label {
                    text: whenText
                    color: Theme.mutedText
                    font.pixelSize: Theme.smallFontSize - 1
                }
            }
            Label {
                Layout.fillWidth: true
                text: snippet
                textFormat: Text.StyledText
                wrapMode: Text.Wrap
                maximumLineCount: 3
                elide: Text.ElideRight
                color: Theme.mutedText
                font.pixelSize: Theme.smallFontSize
            }
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
