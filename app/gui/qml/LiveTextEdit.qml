// LiveTextEdit.qml — read-only, selectable text that may change while it is read: a reply being written (its prose,
// a code block, the reasoning). Set `liveText`, not `text`. A new text keeps the selection where it was (its anchor end
// kept) as long as it still fits — the text grows at its end —, and while the mouse button is held on the text the
// new text waits for the release. Bound to `text`, every piece of a reply (~30 ms) cleared the selection, also under a
// held button, so nothing in a reply being written could be selected to copy (test_mouse_while_streaming_e2e).
// `textReplaced` comes right after each new text is set, before the selection is put back (MarkdownSegment numbers
// its lists then).
import QtQuick

TextEdit {
    id: root
    property string liveText
    signal textReplaced()

    readOnly: true
    selectByMouse: true
    onLiveTextChanged: if (!pointer.active) replaceText()
    Component.onCompleted: { text = liveText; textReplaced() }
    PointHandler {
        id: pointer
        acceptedButtons: Qt.LeftButton
        onActiveChanged: if (!active && root.text !== root.liveText) root.replaceText()
    }
    function replaceText() {
        const from = selectionStart, to = selectionEnd
        const anchorAtEnd = cursorPosition === from
        text = liveText
        textReplaced()
        if (to > from && to <= length) {
            if (anchorAtEnd) select(to, from)
            else select(from, to)
        }
    }
}
