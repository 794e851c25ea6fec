// QuestionDialog.qml — a modal question in the middle of the window (Delete conversation, Delete model, Replace “…”?,
// Empty trash?, the questions at quit): its width follows the text size and the window's width, and its title wraps.
// Before session 48 they kept a fixed width (360-520 px, a width that followed the text size printed "Binding loop
// detected for property implicitWidth" at each Ctrl+=: the Popup's implicitWidth reads the button row's, whose
// buttons are sized from the dialog's width), so at 150 % a question ran to twice as many lines and a long title was
// cut with "…". Here `width` is set, not left to implicitWidth, which breaks that loop. Put the question's Label in it
// with `width: availableWidth` and wrapping on.
import QtQuick
import QtQuick.Controls

Dialog {
    id: root
    /// The question's width in pixels at 100 % text (Theme.px scales it), within the window less 24 px each side.
    property int textWidth: 420

    parent: Overlay.overlay
    anchors.centerIn: parent
    modal: true
    /// The window's width (the overlay's; 0 until the window is shown: no limit then).
    readonly property real room: parent && parent.width > 0 ? parent.width : Infinity
    width: Math.max(0, Math.min(Theme.px(textWidth), room - 48 - leftPadding - rightPadding)) + leftPadding + rightPadding
    contentWidth: availableWidth  // not the question's implicitWidth: a wrapped label's is worked out anew as it is read
    // The Basic style's title elides: "Replace “…”?" and the quit questions lost their ends at 150 %. Plain text: the
    // title may quote a file or chat name. In an item of no implicit width, for the reason above.
    header: Item {
        implicitHeight: title.implicitHeight
        visible: root.title.length > 0
        Label {
            id: title
            objectName: "questionTitle"
            width: root.width  // not the header's: the header's width is set while the dialog's implicitHeight is read
            text: root.title
            wrapMode: Text.Wrap
            textFormat: Text.PlainText
            font.bold: true
            padding: 12
            background: Rectangle {
                x: 1
                y: 1
                width: parent.width - 2
                height: parent.height - 1
                color: root.palette.window
            }
        }
    }
}
