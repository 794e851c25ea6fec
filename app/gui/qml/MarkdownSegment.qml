// MarkdownSegment.qml — a prose part of an assistant reply, rendered with Qt's Markdown support (md4c: emphasis,
// lists, tables, links, inline code). Selectable, also while the reply is written (LiveTextEdit keeps the selection);
// web and mail links open in the browser / mail program, any other link (file://, smb://, a custom scheme: written by
// the model or by whoever sent an imported chat) is copied instead, and a note under the pointer says so.
// `streaming` adds the typing cursor. An ordered list shows the number its author started it at (MarkdownLists,
// app/gui/markdown_lists.h: Qt 6.4 counts every list from 1), and a single line break stays a line break (markBreaks/showBreaks there: Markdown reads it as a space, so a poem's lines ran together), and its
// paragraphs, lists and tables have a gap between them (spaceBlocks, spaceTableBlocks: Qt 6.4 gives none for a font set
// in pixels). Its document is read and laid out once per new text, one with a table twice (MarkdownLists.beginEdit:
// 2,000 emphasis runs in one 4 K piece froze the window for 16 s). Raw HTML in it is shown as text and an image as a
// link to it, nothing loaded (markdown_inert.h: session 30's trial, A1, A2, A6). TeX math ("\(x^2\)", "$$\frac{a}{b}$$") is
// shown as Unicode text (x², a/b: MarkdownLists.showMath, app/core/math_text.h). Inline code takes the language's
// monospace faces (MarkdownLists.codeFamilies: Han in its forms).
import QtQuick
import RwkvDesktop.Core

LiveTextEdit {
    id: root
    property string markdown
    property bool streaming: false
    // Above each paragraph but the first (none between a list's items): Qt's own spacing is nothing for a font set in
    // pixels (MarkdownLists.spaceBlocks; session 23's trial, T11).
    readonly property int paragraphGap: Math.round(font.pixelSize * 0.6)

    // Each line break inside a paragraph marked, to be shown as a line break, and each '<' that could start raw HTML
    // marked, to be read as text (MarkdownLists.markBreaks). The marks are taken out of the document before it is laid
    // out, where each image becomes a link (showInert: nothing is ever loaded for a message; markdown_inert.h).
    // TeX math spans as Unicode text first (MarkdownLists.showMath): before, "\(x^2\)" showed as "(x^2)".
    readonly property string shown: MarkdownLists.showMath(markdown)
    readonly property string marked: MarkdownLists.markBreaks(shown)
    liveText: streaming ? marked + " ▍" : marked
    wrapMode: TextEdit.Wrap
    textFormat: TextEdit.MarkdownText
    font: Theme.font({ pixelSize: Theme.fontSize })
    color: Theme.text
    selectionColor: Theme.accent
    selectedTextColor: Theme.accentText
    // Only http(s) and mailto links are opened; any other is copied and the note says so (MarkdownLists.openLink),
    // as is a web link no program opened (no browser).
    // The click selected the link's words (Qt marks a clicked link so for keyboard users): nothing stays selected.
    onLinkActivated: (link) => {
        root.deselect()
        const outcome = MarkdownLists.openLink(link)
        if (outcome === MarkdownLists.Opened) return
        const shown = link.length > 60 ? link.slice(0, 59) + "…" : link
        linkNote.text = outcome === MarkdownLists.CopiedUnopened
                ? qsTr("No browser opened the link %1 — it was copied: paste it into a browser.").arg(shown)
                : qsTr("Copied the link %1 — RWKV Desktop opens only web links.").arg(shown)
        linkNote.open(linkHover.point.position.x - 12, linkHover.point.position.y + 18)
    }
    // Links in the theme's colour, also after a theme switch (Qt's reader gives them the application palette's blue).
    readonly property color linkColor: Theme.link
    onLinkColorChanged: MarkdownLists.tintLinks(root.textDocument, linkColor)
    // The text is read and edited in one edit block of its document: laid out once (MarkdownLists.beginEdit).
    onAboutToReplaceText: editing = MarkdownLists.beginEdit(root.textDocument)
    property bool editing: false
    onTextReplaced: {
        MarkdownLists.showInert(root.textDocument)
        MarkdownLists.tintLinks(root.textDocument, root.linkColor)
        MarkdownLists.showStarts(root.textDocument, root.liveText)
        MarkdownLists.showBreaks(root.textDocument, root.shown)
        MarkdownLists.spaceBlocks(root.textDocument, root.paragraphGap)
        MarkdownLists.codeFamilies(root.textDocument, root.codeFamilies)
        if (editing) MarkdownLists.endEdit(root.textDocument)
        editing = false
        // Tables are found outside the edit block only (a reply with one is laid out once more).
        MarkdownLists.spaceTableBlocks(root.textDocument, root.paragraphGap)
        Qt.callLater(placeQuoteBars)
    }

    // Inline code in the language's monospace faces, also after a language switch: Qt's reader names "monospace"
    // alone, and fontconfig drew its Han in the system locale's forms (the SC face in 日本語 on a zh_CN system).
    readonly property var codeFamilies: Theme.monoFamilies
    onCodeFamiliesChanged: MarkdownLists.codeFamilies(root.textDocument, codeFamilies)

    // A bar at each quote's left (MarkdownLists.quoteBars: Qt's rich text draws none, a quote was only indented),
    // placed again when the text is laid out anew (new text, another width). Only a text with a ">" can hold one.
    property var quoteBars: []
    function placeQuoteBars() {
        quoteBars = shown.indexOf(">") >= 0 ? MarkdownLists.quoteBarsOf(root.textDocument, 3) : []
    }
    onContentHeightChanged: Qt.callLater(placeQuoteBars)
    onWidthChanged: Qt.callLater(placeQuoteBars)
    Repeater {
        model: root.quoteBars
        Rectangle {
            required property rect modelData
            x: root.leftPadding + modelData.x
            y: root.topPadding + modelData.y
            width: modelData.width
            height: modelData.height
            radius: width / 2
            color: Theme.quoteBar
        }
    }

    HoverHandler {
        id: linkHover
        enabled: root.hoveredLink.length > 0
        cursorShape: Qt.PointingHandCursor
    }
    // "Copied the link … — RWKV Desktop opens only web links.", under the pointer, for a few seconds. Drawn above the
    // window's content, not as a ToolTip: a popup takes every press on its area, so the line under it could be neither
    // clicked nor selected for 5 s (session 30's note). This takes none (no handler): presses reach the text below.
    Rectangle {
        id: linkNote
        objectName: "linkNote"
        property alias text: noteText.text
        parent: root.Window.contentItem
        z: 1000
        visible: false
        width: Math.min(noteText.implicitWidth, 520) + 2 * noteText.x  // one line but for a long link
        height: noteText.implicitHeight + 2 * noteText.y
        radius: 4
        color: Theme.control
        border.color: Theme.border
        function open(x, y) {
            const at = root.mapToItem(parent, x, y)
            linkNote.x = Math.max(8, Math.min(at.x, parent.width - width - 8))  // inside the window, as margins: 8
            linkNote.y = Math.max(8, Math.min(at.y, parent.height - height - 8))
            visible = true
            noteTimer.restart()
        }
        Text {
            id: noteText
            x: 8
            y: 5
            width: Math.min(implicitWidth, 520)
            textFormat: Text.PlainText  // the link is the reply's text: markup in it stays text
            wrapMode: Text.Wrap
            font: Theme.font({ pixelSize: Theme.smallFontSize })
            color: Theme.text
        }
        Timer {
            id: noteTimer
            interval: 5000
            onTriggered: linkNote.visible = false
        }
    }
}
