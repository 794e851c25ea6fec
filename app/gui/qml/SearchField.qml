// SearchField.qml — the sidebar's search box: full-text search over every message (Library.search, SQLite FTS5),
// run a moment after typing stops; Escape or ✕ clears it and the conversation list comes back. Down moves into
// the hits (or the conversations), Return opens the first hit.
import QtQuick
import QtQuick.Controls
import RwkvDesktop.Core

TextField {
    id: root
    placeholderText: qsTr("Search conversations")
    selectByMouse: true
    // A longer paste keeps its first 1,000 characters (LibraryController::kMaxSearchLength): a 1 MB one took the app
    // from 345 to 1,035 MB for good (session 39's trial). The tooltip says why the text stopped there, the number in
    // the locale's digits as elsewhere ("1,000", not "1000": session 39's check).
    maximumLength: Library.maxSearchLength
    ToolTip.visible: activeFocus && length >= maximumLength
    ToolTip.text: qsTr("A search uses at most %1 characters").arg(maximumLength.toLocaleString(Qt.locale(), "f", 0))
    rightPadding: clear.visible ? clear.width + 4 : padding
    onTextChanged: if (text !== Library.searchText) debounce.restart()
    Keys.onEscapePressed: root.clear()
    /// Down (the sidebar moves the focus into the hits, or into the conversations when nothing is searched).
    signal keyboardDown()
    /// Return or Enter: the search runs now (not after the typing pause), then the sidebar opens the first hit.
    signal openFirstRequested()
    Keys.onDownPressed: root.keyboardDown()
    onAccepted: {
        if (debounce.running) {
            debounce.stop()
            Library.search(root.text)
        }
        root.openFirstRequested()
    }
    function clear() {
        text = ""
        Library.search("")
    }

    Connections {  // a search started elsewhere (the --search test hook) shows its text here
        target: Library
        function onSearchTextChanged() {
            if (root.text === Library.searchText) return
            const at = root.shownPosition(root.text, root.cursorPosition, Library.searchText)
            root.text = Library.searchText  // the cursor at the end
            if (at >= 0) root.cursorPosition = at
        }
    }
    /// Where `position` in `text` falls in `shown` when `shown` is `text` with characters left out (as
    /// LibraryController::search leaves out invisible formatting characters, in order): how many of the characters
    /// before `position` `shown` kept; -1 when `shown` is not made so (a search started elsewhere: the cursor goes to
    /// the end). A control pasted into the middle of the box put the cursor at the end
    /// once the box showed the search text (session 40's check); now it stays where the paste ended.
    function shownPosition(text, position, shown) {
        let kept = 0
        let at = 0
        for (let i = 0; i < text.length; ++i) {
            if (i === position) at = kept
            if (kept < shown.length && text[i] === shown[kept]) ++kept
        }
        if (position >= text.length) at = kept
        return kept === shown.length ? at : -1
    }

    Timer {
        id: debounce
        interval: 120
        onTriggered: Library.search(root.text)
    }
    ToolButton {
        id: clear
        anchors.right: parent.right
        anchors.verticalCenter: parent.verticalCenter
        visible: root.text.length > 0
        text: "✕"
        implicitWidth: Theme.px(26)
        implicitHeight: Theme.px(26)
        onClicked: root.clear()
        ToolTip.visible: hovered
        ToolTip.text: qsTr("Clear the search")
    }
}
