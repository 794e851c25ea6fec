// KeyboardListView.qml — a ListView whose rows the keyboard walks: the sidebar's conversations and its search hits.
// A row (ConversationDelegate, a SearchResults hit) calls moveRowFocus on Up / Down; Up from the first row emits
// keyboardUpFromTop (the sidebar gives the search field the focus back). Tab walks the rows top to bottom: each
// row calls sortTabOrder when it is made and when its row changes.
import QtQuick
import RwkvDesktop.Core

ListView {
    id: view

    /// Up from the first row.
    signal keyboardUpFromTop()

    // No current row: the rows' keys move the focus themselves (focusRow). ListView gives its current item (the first
    // row, unless told otherwise) the focus in its scope whenever the current index changes, and rows inserted or moved
    // above it change it: after New folder… made the first folder (its row inserted, the chat moved under it) the focus
    // the dialog handed back went to another row, which drew its "⋯" (session 48's trial).
    currentIndex: -1

    /// Puts the rows among the list's children in row order, the order Tab follows (TabOrder, tab_order.h): it was the
    /// order ListView made them in, so after a chat moved to the top of the sidebar (sent to, opened) Tab from the
    /// search field went to the row below it and reached the top one last (session 32's trial).
    function sortTabOrder() { TabOrder.sortChildren(contentItem, "index") }

    /// Gives row `row` the keyboard focus, scrolled into view; false when there is no such row.
    function focusRow(row) {
        if (row < 0 || row >= count) return false
        positionViewAtIndex(row, ListView.Contain)
        const item = itemAtIndex(row)
        if (item) item.forceActiveFocus(Qt.TabFocusReason)
        return item !== null
    }
    /// The focus from row delegate `item` to the row `step` (-1 up, 1 down) away; false when there is none below.
    function moveRowFocus(item, step) {
        const row = indexAt(item.x + 1, item.y + 1) + step
        if (row < 0) { keyboardUpFromTop(); return true }
        return focusRow(row)
    }
}
