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
        function onSearchTextChanged() { if (root.text !== Library.searchText) root.text = Library.searchText }
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
        implicitWidth: 26
        implicitHeight: 26
        onClicked: root.clear()
        ToolTip.visible: hovered
        ToolTip.text: qsTr("Clear the search")
    }
}
