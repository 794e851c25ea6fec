// MarkdownSegment.qml — a prose part of an assistant reply, rendered with Qt's Markdown support (md4c: emphasis,
// lists, tables, links, inline code). Selectable, also while the reply is written (LiveTextEdit keeps the selection);
// links open in the browser. `streaming` adds the typing cursor.
import QtQuick
import QtQuick.Controls

LiveTextEdit {
    id: root
    property string markdown
    property bool streaming: false

    liveText: streaming ? markdown + " ▍" : markdown
    wrapMode: TextEdit.Wrap
    textFormat: TextEdit.MarkdownText
    font.pixelSize: Theme.fontSize
    color: Theme.text
    selectionColor: Theme.accent
    selectedTextColor: Theme.accentText
    onLinkActivated: (link) => Qt.openUrlExternally(link)

    HoverHandler {
        enabled: root.hoveredLink.length > 0
        cursorShape: Qt.PointingHandCursor
    }
}
