// FocusFrame.qml — the background of a flat button (the header's Models and Settings, a conversation's "⋯", Import…
// and Trash at the sidebar's foot): the hover colour when hovered or reached with Tab (visualFocus), and a 1 px accent
// outline while it has the keyboard focus, so a keyboard user sees where Space will act (as MessageActions' buttons).
import QtQuick
import QtQuick.Controls

Rectangle {
    required property var control  // the button (a ToolButton or Button; typed var: the style's types differ)
    radius: 4
    color: (control.hovered || control.visualFocus) && control.enabled ? Theme.sidebarHover : "transparent"
    border.width: control.visualFocus ? 1 : 0
    border.color: Theme.accent
}
