// TypedText.qml — what a message box (the Composer's, the Edit dialog's) does to the text typed, pasted or restored
// into it: U+FFFC (object replacement, where text copied from a browser or Word had an image) becomes U+FFFD, as the
// chat view draws it (app/core/drawable_text.h). Qt 6.4's TextEdit draws the run of text holding U+FFFC as an inline
// object, i.e. nothing: a box holding a pasted paragraph showed blank from that character on (session 35). And the bidi
// embeddings, overrides and isolates (U+202A…U+202E, U+2066…U+2069: isBidiControl, app/core/bidi_control.h) are
// left out, with a note (from a long paste held beside the box too: withoutBidiControls). Changed in place (remove, insert), so the undo history and the cursor stay; what is sent is
// what the box shows.
pragma Singleton
import QtQuick

QtObject {
    property bool leaving: false  // leaveOutBidiControls is at work
    /// The bidi embeddings, overrides and isolates (isBidiControl): the one place they are written here. Global, for
    /// match() and replace(); search() reads from the start whatever the flag.
    readonly property var bidiControls: /[\u202A-\u202E\u2066-\u2069]/g
    /// Takes the bidi controls out of `area` (a TextArea) where they are; returns a note naming them for the box to
    /// show ("" when there were none). A pasted U+202E turned what was typed after it around as it was typed ("evil"
    /// read "live"), and the message kept it: the chat view marks it (drawableText), and a copy of the message turned
    /// the text around wherever it was pasted (session 40's check). Left out rather than shown as a mark (the bubbles'
    /// U+FFFD): the stored text stays the letters the user typed in the order typed, nothing in it a model or a
    /// reader must make sense of; the marks U+200E / U+200F that right-to-left writers type stay (they turn nothing).
    function leaveOutBidiControls(area) {
        if (leaving) return ""  // each remove() changes the text: the box's onTextChanged calls again
        const note = leftOutNote(namesOf(area.text.match(bidiControls)))
        leaving = true
        for (let i = area.text.search(bidiControls); i >= 0; i = area.text.search(bidiControls))
            area.remove(i, i + 1)
        leaving = false
        return note
    }
    /// `text` without its bidi controls, and the note naming them ("" when none): for a paste too long for the box,
    /// held beside it (PastedText.take), which kept them before (session 42's trial: 18,113 U+202E of a 1.5 MB log
    /// were sent with it). Returns { text, note }.
    function withoutBidiControls(text) {
        const all = text.match(bidiControls)
        if (all === null) return { text: text, note: "" }
        return { text: text.replace(bidiControls, ""), note: leftOutNote(namesOf(all)) }
    }
    /// "U+202E" and the like for each character of `chars` (a match() result, or null), each once, in order.
    function namesOf(chars) {
        let names = []
        for (const c of chars || []) {
            const name = "U+" + c.charCodeAt(0).toString(16).toUpperCase()
            if (names.indexOf(name) < 0) names.push(name)
        }
        return names
    }
    function leftOutNote(names) {
        return names.length === 0 ? ""
            : qsTr("Left out %1: direction controls turn the text around, so messages keep none.").arg(names.join(", "))
    }
    function showObjectReplacements(area) {
        for (let i = area.text.indexOf("\uFFFC"); i >= 0; i = area.text.indexOf("\uFFFC", i + 1)) {
            const cursor = area.cursorPosition
            area.remove(i, i + 1)
            area.insert(i, "\uFFFD")
            area.cursorPosition = cursor
        }
    }
}
