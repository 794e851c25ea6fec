// SearchResults.qml — the hits of the sidebar search (Library.searchResults), newest first: conversation title,
// the matching text with the match in bold (two lines), and when. A click opens the conversation on a branch that
// holds that message (the one viewed last when it does: ChatController::showMessage), as Space / Return on a hit
// reached with Tab or Down (from the search field). The first 20 hits come at once, more as the list scrolls
// (SearchResultModel::fetchMore).
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import RwkvDesktop.Core

KeyboardListView {
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

    /// Opens hit `row` as a click does; false when there is none.
    function openRow(row) {
        forceLayout()
        const item = itemAtIndex(row)
        if (!item) return false
        item.open()
        return true
    }

    delegate: Item {
        id: hit
        required property var conversationId
        required property var messageId
        required property string title
        required property string snippet
        required property string whenText
        required property int index  // the row; Tab follows it, also for a delegate reused (KeyboardListView.sortTabOrder)
        Component.onCompleted: Qt.callLater(list.sortTabOrder)
        onIndexChanged: Qt.callLater(list.sortTabOrder)
        width: ListView.view.width
        height: snippetText.y + snippetText.height + 8
        objectName: "searchResult-" + messageId  // the test hook's "active focus:" line
        // Reached with Tab, or Down from the search field; Space, Return or Enter opens it, Up / Down move.
        activeFocusOnTab: true
        function open() { Library.openResult(hit.conversationId, hit.messageId) }
        Keys.onPressed: (event) => {
            if (event.key === Qt.Key_Space || event.key === Qt.Key_Return || event.key === Qt.Key_Enter) {
                event.accepted = true
                if (!event.isAutoRepeat) hit.open()
            } else if (event.key === Qt.Key_Up || event.key === Qt.Key_Down) {
                event.accepted = list.moveRowFocus(hit, event.key === Qt.Key_Up ? -1 : 1)
            }
        }

        Rectangle {
            anchors.fill: parent
            radius: Theme.radius - 2
            color: mouse.containsMouse || hit.activeFocus ? Theme.sidebarHover : "transparent"
            border.width: hit.activeFocus ? 1 : 0  // where Space / Return will act (as FocusFrame)
            border.color: Theme.accent
        }
        MouseArea {
            id: mouse
            anchors.fill: parent
            hoverEnabled: true
            cursorShape: Qt.PointingHandCursor
            onClicked: hit.open()
        }
        Text {
            id: whenLabel
            anchors.right: parent.right
            anchors.rightMargin: 8
            anchors.baseline: titleText.baseline
            text: hit.whenText
            color: Theme.mutedText
            font: Theme.font({ pixelSize: Theme.smallFontSize - 1 })
        }
        Text {
            id: titleText
            x: 8
            y: 8
            width: whenLabel.x - x - 6
            text: hit.title
            textFormat: Text.PlainText  // one line (shownTitle); markup in a title stays text
            elide: Text.ElideRight
            font: Theme.font({ pixelSize: Theme.fontSize, weight: Font.DemiBold })
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
            font: Theme.font({ pixelSize: Theme.smallFontSize })
        }
    }

    Label {
        anchors.centerIn: parent
        width: parent.width - 24
        visible: list.count === 0
        textFormat: Text.PlainText
        // The user's text isolated (Library.isolated, U+2068…U+2069): a Hebrew or Arabic search took the sentence's
        // closing quote and full stop into its right-to-left run ("No messages match ”שלום“.", session 40's check).
        text: qsTr("No messages match “%1”.").arg(Library.isolated(Library.searchText.trim()))
        horizontalAlignment: Text.AlignHCenter
        wrapMode: Text.Wrap
        maximumLineCount: 4  // a pasted search of 1,000 characters filled the sidebar with itself (session 39's trial)
        elide: Text.ElideRight
        color: Theme.mutedText
    }
}
