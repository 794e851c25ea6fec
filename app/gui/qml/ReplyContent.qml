// ReplyContent.qml — an assistant reply as a column of parts (MessageSegments, app/core/message_segments.h):
// Markdown prose, code blocks with Copy, and collapsible reasoning, each cut into pieces of at most 4,096 characters.
// While the reply streams, the pieces model changes in place, so each part keeps its state (an opened reasoning box
// stays open). A piece is made (laid out) only once it comes near the view it scrolls in (`view`): a Repeater makes
// all its items at once, and a 200 KB reply laid out as one text took 2-3 s of CPU (12.6 s on a busy machine) to
// open, 2 MB far more. A piece not made yet stands in with an estimated height.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import RwkvDesktop.Core

ColumnLayout {
    id: root
    property string text
    property bool streaming: false
    /// A user's message: plain text as typed (no Markdown, code blocks or reasoning) in `textColor`, cut into pieces too.
    property bool plain: false
    property color textColor: Theme.text
    /// The Flickable the reply scrolls in (MessageView's ListView, set by MessageBubble) and the view's item that
    /// holds this reply (its delegate): pieces further than `makeMargin` px from the view wait. Null: all are made.
    property Flickable view: null
    property Item place: null
    /// The objectName of the reply's last piece once it is made (the e2e tests click it: "replyEnd-<messageId>").
    property string endObjectName
    readonly property real makeMargin: 800
    /// The reasoning's pieces open and close together: open while it is written, collapsed once the answer starts;
    /// a click on its header toggles it.
    property bool thinkExpanded: false
    spacing: 0

    MessageSegments {
        id: segments
        plain: root.plain
        text: root.text
    }

    FontMetrics { id: proseMetrics; font: Theme.font({ pixelSize: Theme.fontSize }) }
    FontMetrics { id: codeMetrics; font: Theme.monoFont({ pixelSize: Theme.fontSize - 1 }) }
    FontMetrics { id: thinkMetrics; font: Theme.font({ pixelSize: Theme.fontSize - 1, italic: true }) }

    // A reply of one piece is made at once. A longer one makes the pieces that reach into a band of its own
    // coordinates: the view and makeMargin px around it, following the view as it scrolls. After a jump of the view
    // (a move of more than its height: the scroll bar dragged, the view put at the newest message, a search hit) the
    // band is the view alone, so that a drag of the scroll bar across a 2 MB reply makes only the pieces it shows on
    // its way (every piece it passed within the margin, 287 of 505, 6.7 s of CPU, before this); the margin comes
    // back with the next small move.
    readonly property bool lazy: view !== null && segments.count > 1
    // The band's top (x) and bottom (y), set at once: two properties set one after the other made every piece
    // between the old band and the new one near for a moment.
    property point band: view ? Qt.point(Infinity, -Infinity) : Qt.point(-Infinity, Infinity)  // with a view: empty
    property real seenContentY: NaN
    function updateBand(margin) {
        if (!view) return
        const top = root.mapToItem(view.contentItem, 0, 0).y
        band = Qt.point(view.contentY - margin - top, view.contentY + view.height + margin - top)
    }
    function viewMoved() {
        if (!view) return
        const jump = !(Math.abs(view.contentY - seenContentY) <= view.height)  // also the first time (NaN)
        seenContentY = view.contentY
        updateBand(jump ? 0 : makeMargin)
    }
    Connections {
        id: viewConnections
        target: root.view
        function onContentYChanged() { root.viewMoved() }
        function onHeightChanged() { root.updateBand(root.makeMargin) }
    }
    Connections {
        id: placeConnections
        target: root.place
        function onYChanged() { root.updateBand(root.makeMargin) }
    }
    // The list puts a conversation it opens at its newest message just after making its delegates: the band follows
    // once that is done. The list may release this reply's delegate before the call comes (it makes rows from the
    // conversation's top and drops those the move to the end leaves behind; switching conversations quickly drops
    // more): Qt.callLater still calls a function of a released delegate, whose QML context is gone by then
    // ("QQmlVMEMetaObject: Internal error - attempted to evaluate a function in an invalid context" and a TypeError
    // at updateBand on stderr, 14 of each for 48 switches among six conversations, one holding a 211 K-character
    // message; session 20's trial, F7/F15). So the call checks `gone`, set as the delegate is released (or `root`
    // itself, null once the context is cleared), and the view's and row's signals are cut then too.
    property bool gone: false
    Component.onCompleted: Qt.callLater(() => { if (root && !root.gone) root.viewMoved() })
    Component.onDestruction: {
        gone = true
        viewConnections.enabled = false
        placeConnections.enabled = false
    }

    /// A message of several pieces: puts the first place that holds `words` (a search's: case aside, its blanks any
    /// run of white space) a third down the view and selects the words there, and returns "shown"; "wait" while the
    /// column has not placed that piece yet; "none" for a message of one piece or none that holds them (the view
    /// stays where it is). The piece is made at once; those around it follow as the view moves (the band). Words in a
    /// code block or the reasoning are found there as in prose: a closed reasoning is opened first, and a code line
    /// wider than the block is scrolled sideways to them (before, the view went to the section's top, the words
    /// maybe thousands of lines below it; session 57's loose ends).
    function showWords(words) {
        if (!view || segments.count < 2) return "none"
        const i = segments.pieceHolding(words)
        const piece = i >= 0 ? pieces.itemAt(i) : null
        if (!piece) return "none"
        if (piece.kind === MessageSegments.Think && !root.thinkExpanded) {
            root.thinkExpanded = true  // its pieces are laid out before the next try
            return "wait"
        }
        if (!piece.placed || piece.width <= 0) return "wait"
        piece.made = true
        pinnedPiece = i
        const edit = piece.textItem
        if (!edit) return "wait"
        let at = edit.mapToItem(view.contentItem, 0, 0).y  // the words' line (none found: the piece's top)
        const escaped = words.trim().split(/\s+/).map(w => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
        const text = edit.getText(0, edit.length)
        const found = new RegExp(escaped.join("\\s+"), "i").exec(text) || new RegExp(escaped[0], "i").exec(text)
        if (found) {
            edit.select(found.index, found.index + found[0].length)
            const rect = edit.positionToRectangle(found.index)
            at = edit.mapToItem(view.contentItem, 0, rect.y).y
            if (piece.kind === MessageSegments.Code) piece.codeBlock.showColumn(rect.x)
        }
        view.contentY = at - view.height / 3
        return "shown"
    }

    /// The piece showWords put in view: until the user moves the view, a piece above it that is made (or laid out
    /// again) in view moves the view by its change of height too, so the words stay where they were put. Without it
    /// the pieces made above them in the view (their estimated heights short of the laid-out ones) pushed them ~1,000
    /// px below the view.
    property int pinnedPiece: -1
    Connections {
        target: root.view
        function onMovementStarted() { root.pinnedPiece = -1 }
    }

    Repeater {
        id: pieces
        model: segments
        delegate: Item {
            id: part
            /// The piece's text item once made (prose, a user's text; a code block's or the reasoning's text), where
            /// the words of a search hit are selected; null before it is made.
            readonly property var textItem: !loader.item ? null : kind === MessageSegments.Prose ? loader.item
                                                                                                 : loader.item.textItem
            /// A code block's piece once made (CodeBlock), else null.
            readonly property var codeBlock: kind === MessageSegments.Code ? loader.item : null
            required property int index
            required property int kind
            required property string segmentText
            required property string language
            required property bool closed
            required property bool first
            required property bool last
            required property int longestLine
            /// One word longer than a piece (a hash, base64): wrapped anywhere, the same lines as a word wrap gives it,
            /// which took 5 s for 150,000 letters each time the piece was made or its width changed (session 59).
            required property bool wordPiece
            readonly property int wrap: wordPiece ? TextEdit.WrapAnywhere : TextEdit.Wrap
            readonly property bool lastRow: index === segments.count - 1
            readonly property bool collapsed: kind === MessageSegments.Think && !first && !root.thinkExpanded

            // Until the column has placed the pieces every one is at y 0 (and would count as near the view).
            readonly property bool placed: index === 0 || y > 0
            readonly property bool near: placed && y < root.band.y && y + height > root.band.x
            property bool made: false  // once made, a piece stays (a selection in it lasts)
            onNearChanged: if (near) made = true
            Component.onCompleted: {
                if (near || !root.lazy) made = true
                if (kind === MessageSegments.Think && first) root.thinkExpanded = !closed
            }
            onClosedChanged: if (kind === MessageSegments.Think && first && closed) root.thinkExpanded = false

            // The height of a piece not made yet: its lines, wrapped at the width in characters of the font.
            readonly property real estimatedHeight: {
                if (collapsed) return 0
                const w = width > 0 ? width : 600  // before the column has given it a width
                if (kind === MessageSegments.Code)
                    return (first ? Theme.px(40) : 0) + (last ? 10 : 0)
                           + (segmentText, segments.wrappedLines(index, 0)) * codeMetrics.lineSpacing
                if (kind === MessageSegments.Think)
                    return (first ? Theme.px(32) : 0) + (root.thinkExpanded ? (segmentText, segments.wrappedLines(index,
                               Math.max(1, Math.floor((w - 28) / thinkMetrics.averageCharacterWidth))))
                               * thinkMetrics.lineSpacing + (last ? 12 : 0) : 0)
                return (segmentText, segments.wrappedLines(index,
                           Math.max(1, Math.floor(w / proseMetrics.averageCharacterWidth)))) * proseMetrics.lineSpacing
            }

            Layout.fillWidth: true
            Layout.topMargin: first && index > 0 ? 8 : 0
            // Until made: the longest line's width. Then the item's, set from its change signal as a Loader sizes
            // itself, not bound: a Markdown text's implicit width can depend on the width the column gives it
            // (tables), and a binding through the layout was reported as a binding loop (test_library_e2e).
            implicitWidth: longestLine * (kind === MessageSegments.Code ? codeMetrics.averageCharacterWidth
                                                                        : proseMetrics.averageCharacterWidth) + 24
            Connections {
                target: loader.item
                function onImplicitWidthChanged() { part.implicitWidth = loader.item.implicitWidth }
            }
            implicitHeight: loader.item ? loader.item.implicitHeight : estimatedHeight
            visible: !collapsed

            // A piece above the view that is made (or re-laid out) changes height: the view is moved by as much,
            // so the text the user reads stays still. ListView does this itself only for its first item when that
            // lies wholly above the view. Only pieces of a long (lazy) message at the width they were laid out at:
            // a short message's bubble was first laid out narrow while its row kept its height, and moving the view
            // for that jumped a scrolled-up view by 34 px (test_scroll_e2e, 1 run in ~12 under load; helper scroll's
            // logs, session 17). The cause, the text laid out at width 0 before the bubble had a width, is gone (the
            // Loader's width below, session 18); these conditions stay as a guard.
            property real shownHeight: 0
            property real shownWidth: 0  // the width shownHeight was laid out at
            onHeightChanged: {
                const v = root.view, p = root.place
                if (v && p && root.lazy && shownHeight > 0 && height !== shownHeight && width === shownWidth) {
                    const top = part.mapToItem(v.contentItem, 0, 0).y
                    const listDoesIt = p.y + p.height <= v.contentY
                                       && (p.index === 0 || v.itemAtIndex(p.index - 1) === null)
                    if ((top + shownHeight <= v.contentY || index < root.pinnedPiece) && !listDoesIt)
                        v.contentY += height - shownHeight
                }
                shownHeight = height
                shownWidth = width
            }

            Loader {
                id: loader
                // Never laid out at width 0: a new message's column lays its pieces out once before its bubble has
                // been given a width (the bubble's own layout comes later), and a text made then wrapped every word
                // onto a line of its own ("Hello!" 2 lines, a 38-character reply 9), so the bubble grew and shrank
                // back a frame later. Until the column gives it a width the item keeps its own (its natural width).
                width: part.width > 0 ? part.width : undefined
                active: part.made && !part.collapsed
                onLoaded: {
                    item.objectName = Qt.binding(() => part.lastRow ? root.endObjectName : "")
                    part.implicitWidth = item.implicitWidth
                }
                sourceComponent: part.kind === MessageSegments.Code ? codePart
                                 : part.kind === MessageSegments.Think ? thinkPart
                                 : root.plain ? plainPart : prosePart
            }

            Component {
                id: prosePart
                MarkdownSegment {
                    markdown: part.segmentText
                    streaming: root.streaming && part.lastRow
                    wrapMode: part.wrap
                }
            }
            Component {
                id: plainPart
                LiveTextEdit {
                    liveText: part.segmentText
                    wrapMode: part.wrap
                    textFormat: TextEdit.PlainText
                    font: Theme.font({ pixelSize: Theme.fontSize })
                    color: root.textColor
                }
            }
            Component {
                id: codePart
                CodeBlock {
                    code: part.segmentText
                    language: part.language
                    closed: part.closed
                    first: part.first
                    last: part.last
                    wholeCode: () => segments.wholeSegmentText(part.index)
                }
            }
            Component {
                id: thinkPart
                ThinkBlock {
                    reasoning: part.segmentText
                    closed: part.closed
                    first: part.first
                    last: part.last
                    ownsState: false
                    expanded: root.thinkExpanded
                    onToggled: root.thinkExpanded = !root.thinkExpanded
                }
            }
        }
    }

    // The cursor when the newest part is not prose (or nothing has arrived yet).
    Label {
        Layout.topMargin: segments.count > 0 ? 8 : 0
        visible: root.streaming && (segments.count === 0 || !segments.endsWithProse)
        text: "▍"
        color: Theme.text
    }
}
