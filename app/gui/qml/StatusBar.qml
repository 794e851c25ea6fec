// StatusBar.qml — the status line: loaded model and backend on the left, then how much the chat's memory has read
// ("Memory: 12,345 tokens read", where other apps show a context gauge: docs/gui.md "Memory read"), the last reply's
// speed and where its context came from ("resumed from saved state" / "re-read N tokens") on the right. Where the
// reply's status needs the room (a narrow window, large text), the memory line goes under the model's name.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import RwkvDesktop.Core

Rectangle {
    id: root
    objectName: "statusBar"  // the hooks' "status bar: overlapping texts:" line
    // The memory line under the model's name instead of beside it, where beside it the reply's whole status would not
    // fit on one line and does under it (at 960 px and 150 % in Japanese it took the status's room: "124 token を読み直し
    // （保存…"); a status that takes its brief form either way keeps the line beside the name while that form fits.
    readonly property real roomBeside: row.width - Math.min(modelLabel.implicitWidth, row.width * 0.3)
                                       - memoryLabel.implicitWidth - Theme.spacing * 3
    readonly property real roomUnder: row.width - leftUnder - Theme.spacing * 2
    // The left part's width with the memory line under the model's name: up to 30% of the row, but the memory line
    // whole (up to half the row). Capped at 30%, the line wrapped inside its sentence — "記憶：638 token を読 / み取り
    // 済み" at 960 px and 150 % in Japanese (session 55's trial saw it after a Regenerate at 1,280 px) — while the
    // reply's status beside it wraps at its words anyway.
    readonly property real leftUnder: Math.max(Math.min(Math.max(modelLabel.implicitWidth, memoryLabel.implicitWidth),
                                                        row.width * 0.3),
                                               Math.min(Math.ceil(memoryLabel.implicitWidth), row.width * 0.5))
    readonly property bool stacked: {
        if (!memoryLabel.visible || replyLabel.whole.length === 0) return false
        statusMetrics.font  // read: advanceWidth() alone does not follow a text size change
        const whole = statusMetrics.advanceWidth(replyLabel.whole)
        return whole > roomBeside && (whole <= roomUnder || statusMetrics.advanceWidth(Chat.replyStatusBrief) > roomBeside)
    }
    // What the left part takes at least: the model's name (and the memory line under it: leftUnder), up to 30% of the
    // row.
    readonly property real leftWidth: stacked ? leftUnder : Math.min(modelLabel.implicitWidth, row.width * 0.3)
    // The room the memory line takes beside the model's name (its width and one more gap of the row), 0 otherwise.
    readonly property real memoryRoom: memoryLabel.visible && !stacked ? memoryLabel.implicitWidth + Theme.spacing : 0
    // One line, or the few the reply's status needs when even its brief form does not fit (a re-read's why and the
    // note of a question read with the turn at 1,100 px and less: session 37's trial), or the memory line under the
    // model's name.
    implicitHeight: Math.max(28, replyLabel.implicitHeight + 10, left.implicitHeight + 10)
    color: Theme.sidebar

    Rectangle {
        width: parent.width
        height: 1
        color: Theme.border
    }

    RowLayout {
        id: row
        anchors.fill: parent
        anchors.leftMargin: Theme.spacing
        anchors.rightMargin: Theme.spacing
        spacing: Theme.spacing

        GridLayout {
            id: left
            columns: root.stacked ? 1 : 2
            columnSpacing: Theme.spacing
            rowSpacing: 0
            // What the reply's status leaves, at least the left part's own width up to 30%.
            readonly property real room: Math.max(root.leftWidth,
                                                  row.width - replyLabel.implicitWidth - Theme.spacing * 2)
            Label {
                id: modelLabel
                textFormat: Text.PlainText
                // Left to right from its start (U+200E LEFT-TO-RIGHT MARK): a Hebrew or Arabic model name first on the
                // line made the whole line right to left, drawn "CPU · byte tokenizer · name" (session 45).
                text: "\u200e" + Chat.modelStatus
                elide: Text.ElideRight
                // What the reply's status (and the memory line beside it) leaves; the full text in the tooltip.
                Layout.maximumWidth: left.room - root.memoryRoom
                color: Theme.mutedText
                font.pixelSize: Theme.smallFontSize
                HoverHandler { id: modelHover }
                ToolTip.visible: modelHover.hovered && Chat.modelDetails.length > 0
                ToolTip.text: Chat.modelDetails
            }
            Label {
                id: memoryLabel
                objectName: "memoryLine"  // the hooks' "memory line:" line
                // Tokens the state after the reply on screen has read since it began (Readouts::state_tokens): nothing
                // for a chat without a reply, or whose reply was saved before counts were kept (not guessed).
                readonly property real tokens: Chat.messages.stateTokens
                visible: tokens > 0
                textFormat: Text.PlainText
                text: qsTr("Memory: %1 tokens read").arg(tokens.toLocaleString(Qt.locale(), "f", 0))
                // Under the model's name: as wide as the left part, on up to two lines.
                Layout.maximumWidth: root.stacked ? left.room : implicitWidth
                wrapMode: Text.Wrap
                maximumLineCount: 2
                elide: Text.ElideRight
                color: Theme.mutedText
                font.pixelSize: Theme.smallFontSize
                HoverHandler { id: memoryHover }
                ToolTip.visible: memoryHover.hovered
                ToolTip.delay: 600
                ToolTip.text: qsTr("This chat's memory has read %1 tokens since it began: every message, reply and "
                                   + "text read again. An RWKV model has no context limit to run into: its memory keeps "
                                   + "the same size however long the chat grows, but details from far back fade. For a "
                                   + "new topic, start a new chat, or use “New chat from here” under a reply to go on "
                                   + "from that point in a chat of its own.")
                              .arg(tokens.toLocaleString(Qt.locale(), "f", 0))
            }
        }
        Item { Layout.fillWidth: true }
        Label {
            id: replyLabel
            objectName: "replyStatus"  // the hooks' "reply status drawn:" line
            textFormat: Text.PlainText
            // Another chat's reply: where it is being written, not its "Writing…" over this chat (session 36's trial, F4),
            // or that it waits for a Local API request there (it said "being written" before session 52's trial).
            readonly property string whole: Chat.replyElsewhere.length > 0
                                            ? (Chat.waitingForApi
                                               ? qsTr("A reply in “%1” is waiting for a Local API request…")
                                               : qsTr("A reply is being written in “%1”…")).arg(Chat.replyElsewhere)
                                            : Chat.replyStatus
            // Too long for its room: the reply's speed goes first (it is under the reply too), so that the why of a
            // re-read is what is cut last ("…— re-re…" at 1,100 px, session 37's trial).
            // (statusMetrics.font read: advanceWidth() alone does not make the binding follow a text size change)
            text: Chat.replyElsewhere.length > 0 || (statusMetrics.font, statusMetrics.advanceWidth(whole)) <= Layout.maximumWidth
                  ? whole : Chat.replyStatusBrief
            FontMetrics { id: statusMetrics; font: replyLabel.font }
            // All the model's status leaves (it keeps up to 30%): the why of a re-read is what the user reads it for
            // (it was capped at 55% and cut: "re-read 576 tokens (saved state was made…"). One line while the whole or
            // the brief form fits; past that the brief form wraps, at word boundaries (anywhere in Chinese), onto
            // the lines it needs rather than being cut: cut at one line it read "…— re-re…" at 1,100 px, and the note
            // of a question read with the turn was lost past it (session 37's trial; the bar then grows under the
            // chat at the end of such a reply, which session 34's check had kept it from doing by cutting). No cap on
            // the lines: at three, a disk-space note before a re-read's why was cut ("…re-reading 2 mes…" at 1,100 px,
            // session 50's trial); the brief form keeps that case to three lines at 1,100 and 720 px, and a larger text
            // size or a narrower window grows the bar rather than cutting what the user reads it for.
            Layout.maximumWidth: row.width - root.leftWidth - root.memoryRoom - Theme.spacing * 2
            wrapMode: Text.Wrap
            color: Theme.mutedText
            font.pixelSize: Theme.smallFontSize
            // When it is brief (a long "re-read N tokens (why)" note), hovering shows all of it.
            HoverHandler { id: replyHover }
            ToolTip.visible: replyHover.hovered && (replyLabel.truncated || text !== whole)
            ToolTip.text: whole
        }
    }
}
