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
    text: streaming ? markdown + " ▍" : markdown
    onLinkActivated: (link) => Qt.openUrlExternally(link)

    HoverHandler {
        enabled: root.hoveredLink.length > 0
        cursorShape: Qt.PointingHandCursor
    }
}
