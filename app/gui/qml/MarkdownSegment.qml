// MarkdownSegment.qml — a prose part of an assistant reply, rendered with Qt's Markdown support (md4c: emphasis,
// lists, tables, links, inline code). Selectable; links open in the browser. `streaming` adds the typing cursor.
import QtQuick
import QtQuick.Controls

TextEdit {
    id: root
    property string markdown
    property bool streaming: false

    readOnly: true
    selectByMouse: true
    wrapMode: TextEdit.Wrap
    textFormat: TextEdit.MarkdownText
    font.pixelSize: Theme.fontSize
    color: Theme.text
    selectionColor: Theme.accent
    selectedTextColor: Theme.accentText
    // Set by replaceText rather than bound: a new text clears the selection, and while a reply streams it changes
    // every ~30 ms, so words selected in it (to copy them) vanished at once, also under a held mouse button. The reply
    // grows at its end, so the selection is put back where it was (its anchor end kept), as long as it still fits.
    // While the mouse button is held on the text (a selection being made) the text waits: replaced then, the release
    // cleared the selection.
    readonly property string shownText: streaming ? markdown + " ▍" : markdown
    onShownTextChanged: if (!pointer.active) replaceText()
    Component.onCompleted: text = shownText
    PointHandler {
        id: pointer
        acceptedButtons: Qt.LeftButton
        onActiveChanged: if (!active && root.text !== root.shownText) root.replaceText()
    }
    function replaceText() {
        const from = selectionStart, to = selectionEnd
        const anchorAtEnd = cursorPosition === from
        text = shownText
        if (to > from && to <= length) {
            if (anchorAtEnd) select(to, from)
            else select(from, to)
        }
    }
    onLinkActivated: (link) => Qt.openUrlExternally(link)

    HoverHandler {
        enabled: root.hoveredLink.length > 0
        cursorShape: Qt.PointingHandCursor
    }
}
