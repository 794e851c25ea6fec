// LiveTextEdit.qml — read-only, selectable text that may change while it is read: a reply being written (its prose,
// a code block, the reasoning). Set `liveText`, not `text`. A new text keeps the selection where it was (its anchor end
// kept) as long as it still fits — the text grows at its end —, and while the mouse button is held on the text the
// new text waits for the release. Bound to `text`, every piece of a reply (~30 ms) cleared the selection, also under a
// held button, so nothing in a reply being written could be selected to copy (test_mouse_while_streaming_e2e).
// `aboutToReplaceText` comes right before each new text is set and `textReplaced` right after, before the selection is
// put back (MarkdownSegment opens an edit block of the document before and numbers its lists and closes it after).
import QtQuick

TextEdit {
    id: root
    property string liveText
    signal aboutToReplaceText()
    signal textReplaced()

    readOnly: true
    selectByMouse: true
    // Only once the item is complete: `liveText` set while it is made would set `text` then, and TextEdit reads a text
    // set before its completion at componentComplete, outside aboutToReplaceText's edit block (MarkdownSegment), and
    // then again in onCompleted (its Markdown read back differs): 7 s for one 4 K piece of 2,000 short lines.
    property bool complete: false
    onLiveTextChanged: if (complete && !pointer.active) replaceText()
    Component.onCompleted: { aboutToReplaceText(); text = liveText; textReplaced(); complete = true }
    PointHandler {
        id: pointer
        acceptedButtons: Qt.LeftButton
        onActiveChanged: if (!active && root.text !== root.liveText) root.replaceText()
    }
    function replaceText() {
        const from = selectionStart, to = selectionEnd
        const anchorAtEnd = cursorPosition === from
        aboutToReplaceText()
        text = liveText
        textReplaced()
        if (to > from && to <= length) {
            if (anchorAtEnd) select(to, from)
            else select(from, to)
        }
    }
}
