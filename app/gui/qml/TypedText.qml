// TypedText.qml — what a message box (the Composer's, the Edit dialog's) does to the text typed, pasted or restored
// into it: U+FFFC (object replacement, where text copied from a browser or Word had an image) becomes U+FFFD, as the
// chat view draws it (app/core/drawable_text.h). Qt 6.4's TextEdit draws the run of text holding U+FFFC as an inline
// object, i.e. nothing: a box holding a pasted paragraph showed blank from that character on (session 35). Changed in
// place (remove + insert), so the undo history and the cursor stay; what is sent is what the box shows.
pragma Singleton
import QtQuick

QtObject {
    function showObjectReplacements(area) {
        for (let i = area.text.indexOf("\uFFFC"); i >= 0; i = area.text.indexOf("\uFFFC", i + 1)) {
            const cursor = area.cursorPosition
            area.remove(i, i + 1)
            area.insert(i, "\uFFFD")
            area.cursorPosition = cursor
        }
    }
}
