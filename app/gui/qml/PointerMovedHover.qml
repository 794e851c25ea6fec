// PointerMovedHover.qml — a HoverHandler for the buttons under a message (BranchSwitcher's ‹ ›, MessageActions'
// Regenerate / Edit / Copy): `moved` turns true once the pointer has moved on its button, and their tooltips wait for
// it (ToolTip.visible: hovered && moved). Regenerate writes a new reply under a pointer left still, and its row's
// buttons arrive under it: "Next version", then Regenerate's own tooltip covered the new reply's readouts (session 38's
// trial and check). Where the pointer entered is kept in window coordinates, so the row moving under a still pointer
// is no move; more than 2 px (|dx| + |dy|) is one.
import QtQuick

HoverHandler {
    id: handler
    property point enteredAt
    property bool moved: false
    onHoveredChanged: {
        moved = false
        enteredAt = point.scenePosition
    }
    onPointChanged: if (hovered && !moved)
        moved = Math.abs(point.scenePosition.x - enteredAt.x) + Math.abs(point.scenePosition.y - enteredAt.y) > 2
}
