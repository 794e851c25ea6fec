// StatusBar.qml — the status line: loaded model and backend on the left, the last reply's speed and where
// its context came from ("resumed from saved state" / "re-read N tokens") on the right.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import RwkvDesktop.Core

Rectangle {
    // One line, or the few the reply's status needs when even its brief form does not fit (a re-read's why and the
    // note of a question read with the turn at 1,100 px and less: session 37's trial).
    implicitHeight: Math.max(28, replyLabel.implicitHeight + 10)
    color: Theme.sidebar

    Rectangle {
        width: parent.width
        height: 1
        color: Theme.border
    }

    RowLayout {
        anchors.fill: parent
        anchors.leftMargin: Theme.spacing
        anchors.rightMargin: Theme.spacing
        spacing: Theme.spacing

        Label {
            id: modelLabel
            textFormat: Text.PlainText
            // Left to right from its start (U+200E LEFT-TO-RIGHT MARK): a Hebrew or Arabic model name first on the
            // line made the whole line right to left, drawn "CPU · byte tokenizer · name" (session 45).
            text: "\u200e" + Chat.modelStatus
            elide: Text.ElideRight
            // What the reply's status leaves, at least its own width up to 30%; the full text in the tooltip.
            Layout.maximumWidth: Math.max(Math.min(implicitWidth, parent.width * 0.3),
                                          parent.width - replyLabel.implicitWidth - Theme.spacing * 2)
            color: Theme.mutedText
            font.pixelSize: Theme.smallFontSize
            HoverHandler { id: modelHover }
            ToolTip.visible: modelHover.hovered && Chat.modelDetails.length > 0
            ToolTip.text: Chat.modelDetails
        }
        Item { Layout.fillWidth: true }
        Label {
            id: replyLabel
            objectName: "replyStatus"  // the hooks' "reply status drawn:" line
            textFormat: Text.PlainText
            // Another chat's reply: where it is being written, not its "Writing…" over this chat (session 36's trial, F4).
            readonly property string whole: Chat.replyElsewhere.length > 0
                                            ? qsTr("A reply is being written in “%1”…").arg(Chat.replyElsewhere)
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
            // up to three lines rather than being cut: cut at one line it read "…— re-re…" at 1,100 px, and the note
            // of a question read with the turn was lost past it (session 37's trial; the bar then grows under the
            // chat at the end of such a reply, which session 34's check had kept it from doing by cutting).
            Layout.maximumWidth: parent.width - Math.min(modelLabel.implicitWidth, parent.width * 0.3) - Theme.spacing * 2
            wrapMode: Text.Wrap
            maximumLineCount: 3
            elide: Text.ElideRight
            color: Theme.mutedText
            font.pixelSize: Theme.smallFontSize
            // When it is cut or brief (a long "re-read N tokens (why)" note), hovering shows all of it.
            HoverHandler { id: replyHover }
            ToolTip.visible: replyHover.hovered && (replyLabel.truncated || text !== whole)
            ToolTip.text: whole
        }
    }
}
