// DialogButton.qml — a button of a question dialog's button row. Return and Enter press it as Space does (Qt Quick's
// Button takes Space only), so the focused button acts on Return. The dialog focuses its safe button with
// Qt.TabFocusReason, so that the button is drawn focused (visualFocus): forceActiveFocus() without a reason gave it the
// keys without the outline. Session 34's check: in the unsent-text question Return did nothing, and Cancel, focused,
// did not look it.
import QtQuick
import QtQuick.Controls

Button {
    Keys.onReturnPressed: clicked()  // a DialogButtonBox's role (Reject: the dialog closes) follows clicked, as for Space
    Keys.onEnterPressed: clicked()
}
