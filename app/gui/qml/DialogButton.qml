// DialogButton.qml — a button of a question dialog's button row. Return and Enter press it as Space does (Qt Quick's
// Button takes Space only), so the focused button acts on Return. The dialog focuses its safe button with
// Qt.TabFocusReason, so that the button is drawn focused (visualFocus): forceActiveFocus() without a reason gave it the
// keys without the outline. Session 34's check: in the unsent-text question Return did nothing, and Cancel, focused,
// did not look it. A button of DestructiveRole (Delete forever, Quit and lose it) reads in the danger colour: Empty
// trash's Delete forever was drawn like its Cancel (session 36's check).
import QtQuick
import QtQuick.Controls

Button {
    palette.buttonText: DialogButtonBox.buttonRole === DialogButtonBox.DestructiveRole ? Theme.danger : Theme.controlText
    Keys.onReturnPressed: clicked()  // a DialogButtonBox's role (Reject: the dialog closes) follows clicked, as for Space
    Keys.onEnterPressed: clicked()
}
