// MessageTabKeys.qml — Tab and Shift+Tab on a control inside a message (MessageActions' Regenerate / Edit, the
// branch switcher's steps, a code block's Copy, the reasoning toggle): each such control calls keyPressed from its
// Keys.onPressed, which hands the key to the MessageView around it (tabFrom). A control with activeFocusOnTab takes
// Tab itself, so the MessageView never sees it otherwise.
pragma Singleton
import QtQuick

QtObject {
    function keyPressed(control, event) {
        event.accepted = false
        if (event.key !== Qt.Key_Tab && event.key !== Qt.Key_Backtab) return
        const forward = event.key === Qt.Key_Tab && !(event.modifiers & Qt.ShiftModifier)
        for (let p = control.parent; p; p = p.parent) {
            if (typeof p.tabFrom === "function") {
                event.accepted = p.tabFrom(control, forward)
                return
            }
        }
    }
}
