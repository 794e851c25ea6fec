// MessageView.qml — the messages of the current conversation (Chat.messages), kept scrolled to the newest
// while a reply streams in; an empty chat shows a short welcome instead.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import RwkvDesktop.Core

Item {
    id: root

    ListView {
        id: list
        anchors.fill: parent
        clip: true
        model: Chat.messages
        spacing: Theme.spacing + 4
        topMargin: Theme.spacing * 2
        bottomMargin: Theme.spacing * 2
        boundsBehavior: Flickable.StopAtBounds
        // Virtualized: only the visible replies plus this margin are instantiated; the margin keeps Markdown
        // layout work out of the frames of a scroll.
        cacheBuffer: 1600
        ScrollBar.vertical: ScrollBar { policy: ScrollBar.AsNeeded }
        // Follow the newest text unless the user scrolled up to read.
        property bool following: true
        onMovementEnded: following = atYEnd
        onCountChanged: if (following) Qt.callLater(positionViewAtEnd)
        onContentHeightChanged: if (following) Qt.callLater(positionViewAtEnd)

        delegate: MessageBubble {
            width: Math.min(list.width - Theme.spacing * 4, Theme.contentMaxWidth)
            x: (list.width - width) / 2
        }
    }

    Connections {
        target: Chat
        function onCurrentConversationChanged() { list.following = true }
        function onMessageShown(messageId) {  // a search hit: show that message, not the newest one
            list.following = false
            const row = Chat.messages.indexOfId(messageId)
            if (row >= 0) Qt.callLater(() => list.positionViewAtIndex(row, ListView.Center))
        }
    }

    ColumnLayout {
        anchors.centerIn: parent
        width: Math.min(parent.width - 48, 480)
        visible: list.count === 0
        spacing: 10

        Rectangle {
            Layout.alignment: Qt.AlignHCenter
            width: 56
            height: 56
            radius: 28
            color: Theme.sidebarSelected
            Label {
                anchors.centerIn: parent
                text: "R"
                font.pixelSize: 26
                font.weight: Font.Bold
                color: Theme.accent
            }
        }
        Label {
            Layout.fillWidth: true
            horizontalAlignment: Text.AlignHCenter
            text: qsTr("How can I help?")
            font.pixelSize: 22
            font.weight: Font.DemiBold
            color: Theme.text
        }
        Label {
            Layout.fillWidth: true
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.WordWrap
            text: qsTr("Everything runs on this computer. Conversations are saved with the model's memory, so long chats continue instantly.")
            color: Theme.mutedText
        }
    }
}
