// PastedText.qml — a long text held beside a message box instead of laid out in it: a TextArea lays out all of its
// text (4.8 s of CPU for a 2 MB log on a 2-core machine, docs/gui.md "Long messages"). Shows the text's size and
// first line, and ✕ to drop it. Used by the message box (Composer.qml: a paste, Ctrl+V or a middle click, of more than
// `limit` characters) and the Edit dialog (MessageActions.qml: the long part of the message edited). The message is
// the held text, a blank line, then what is typed in the box (`joined`).
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import RwkvDesktop.Core

Rectangle {
    id: root
    /// The text held (empty: none; the row is then hidden).
    property string text: ""
    /// The label's words: "Pasted text" (a paste) or "Long text" (a message being edited).
    property bool edited: false
    /// A text longer than this (characters) is held instead of laid out (about 2,000 lines of a log).
    readonly property int limit: 100000
    /// A text with more characters beyond U+FFFF than this (emoji) is held too: Qt decodes a colour emoji's picture for
    /// each one laid out (0.17 ms, 130 KB); 49,000 ducks, under `limit` in UTF-16 units, froze the window 17 s (session 48).
    readonly property int beyondBmpLimit: 1000
    /// Whether `message` is held rather than laid out in a box: longer than `limit`, or with over `beyondBmpLimit` emoji.
    function holds(message) {
        return message.length > limit || Clipboard.beyondBmp(message) > beyondBmpLimit
    }
    /// ✕ was clicked (the text is dropped; the box may take the focus).
    signal dropped()

    /// The message: the held text, a blank line, then `typed` (blank: the held text alone).
    function joined(typed) {
        if (text.length === 0) return typed
        if (typed.trim().length === 0) return text
        return text + (text.endsWith("\n") ? "\n" : "\n\n") + typed
    }
    /// A paste: a clipboard text (`selection`: X11's selection, a middle click) that holds() is held, after one held
    /// before it; another is left to the box. Returns whether it was held. Reads the clipboard once.
    /// Its bidi controls are left out, as the box leaves them out of a shorter paste (TypedText), and `leftOut` names
    /// them for the box to show ("" when there were none).
    function take(selection) {
        const clipboard = Clipboard.textToHold(limit, beyondBmpLimit, selection)
        if (clipboard.length === 0) return false
        const kept = TypedText.withoutBidiControls(clipboard)
        leftOut = kept.note
        const pasted = kept.text
        if (pasted.length > 0)
            text = text.length === 0 ? pasted : text + (text.endsWith("\n") ? "" : "\n") + pasted
        return true
    }
    /// What the last take() left out (TypedText's note), "" when nothing.
    property string leftOut: ""
    /// A message to edit, split as `joined` would make it: the part to hold and the part for the box. A message that
    /// holds() does not goes to the box whole; another keeps its last paragraph (after its last blank line, at most
    /// 2,000 characters, at most `beyondBmpLimit` emoji) in the box when joined() gives the message back exactly, else
    /// the box is empty.
    function split(message) {
        if (!holds(message)) return ["", message]
        const at = message.lastIndexOf("\n\n")
        if (at > 0 && message.length - at - 2 <= 2000) {
            const held = message.substring(0, at), typed = message.substring(at + 2)
            if (Clipboard.beyondBmp(typed) > beyondBmpLimit) return [message, ""]
            const back = typed.trim().length === 0 ? held : held + (held.endsWith("\n") ? "\n" : "\n\n") + typed
            if (back === message) return [held, typed]
        }
        return [message, ""]
    }
    /// A message joined() made from `held` characters held (its start) and what was typed, parted there again: every
    /// paragraph typed back in the box, in order. split() knows only the text, and keeps the last paragraph alone in the
    /// box: "a", "b", "c" typed beside a paste came back as "c" (session 58's loose ends). `held` 0, or one that does
    /// not part the message as joined() made it (a draft of an older build): split().
    function parted(message, held) {
        if (held > 0 && held <= message.length) {
            const front = message.substring(0, held), rest = message.substring(held)
            if (rest.length === 0) return [front, ""]
            const between = front.endsWith("\n") ? "\n" : "\n\n"
            const typed = rest.substring(between.length)
            if (rest.startsWith(between) && typed.trim().length > 0) return [front, typed]
        }
        return split(message)
    }

    visible: text.length > 0
    height: Theme.px(36)
    radius: Theme.radius
    color: Theme.control

    readonly property int lines: {
        const t = root.text  // once: every read of the property copies the whole text
        let n = t.length > 0 ? 1 : 0
        for (let i = t.indexOf("\n"); i >= 0 && i < t.length - 1; i = t.indexOf("\n", i + 1))
            ++n
        return n
    }
    /// The first line shown (its first 300 UTF-16 units at most, cut between characters as drawn: Clipboard.clustersUpTo;
    /// a cut inside one drew half an emoji sequence or a letter without its last accent, session 58).
    readonly property string firstLine: Clipboard.clustersUpTo(root.text.substring(0, 301), 300).split("\n")[0]
    /// Characters as a reader counts them (grapheme clusters, Clipboard.characters): an emoji is one, not its two UTF-16
    /// units (session 46's trial: a 1,000,021-character paste with 27,943 ducks said "1,027,964 characters"), and so is
    /// an emoji family, a flag or a letter with a combining accent, which counted as their code points (5, 2, 2) until
    /// session 59.
    readonly property int characters: Clipboard.characters(root.text)
    /// The label's words: "Pasted text: 3 lines, 120,001 characters" (or "Long text: …" when `edited`).
    readonly property string sizeText: {
        const characters = root.characters.toLocaleString(Qt.locale(), "f", 0)
        const lineCount = root.lines.toLocaleString(Qt.locale(), "f", 0)
        return root.edited ? (root.lines === 1 ? qsTr("Long text: one line, %1 characters").arg(characters)
                                               : qsTr("Long text: %1 lines, %2 characters").arg(lineCount).arg(characters))
                           : (root.lines === 1 ? qsTr("Pasted text: one line, %1 characters").arg(characters)
                                               : qsTr("Pasted text: %1 lines, %2 characters").arg(lineCount).arg(characters))
    }

    RowLayout {
        anchors.fill: parent
        anchors.leftMargin: 10
        spacing: 8
        Label {
            text: root.sizeText
            color: Theme.controlText
            font.weight: Font.DemiBold
        }
        Label {
            Layout.fillWidth: true
            textFormat: Text.PlainText
            text: root.firstLine
            elide: Text.ElideRight
            color: Theme.mutedText
            font: Theme.monoFont({ pixelSize: Theme.smallFontSize })
        }
        ToolButton {
            Layout.maximumHeight: root.height  // not below the row (the Edit dialog's box starts there)
            objectName: root.objectName + "Drop"
            text: "✕"
            onClicked: {
                root.text = ""
                root.dropped()
            }
            ToolTip.visible: hovered
            ToolTip.text: root.edited ? qsTr("Remove this text from the message") : qsTr("Remove the pasted text")
        }
    }
    ToolTip.visible: hover.hovered
    ToolTip.text: root.edited ? qsTr("Part of the message, before what is in the box; not shown in the box because it is long")
                              : qsTr("Sent with your message, before what you type in the box")
    HoverHandler { id: hover }
}
