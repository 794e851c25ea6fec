// bidi_control.h — which characters are bidi controls: the one rule for what the app's titles leave out (shownTitle,
// conversation_title.h) and what rwkv-cli writes to a terminal as an escape (app/cli/terminal_text.h). Without Qt, so
// that rwkv-cli's engine-only build (the GPU machine) has it too.
#pragma once

namespace rwkv::app {

/// Whether `c` is a bidi embedding, override or isolate control (U+202A…U+202E, U+2066…U+2069): a character that turns
/// or sets apart the text after it (U+202E RIGHT-TO-LEFT OVERRIDE draws "abc" as "cba"). The marks U+200E / U+200F /
/// U+061C order no run around and are not.
constexpr bool isBidiControl(char32_t c) { return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069); }

/// `text` (a QString: any string of UTF-16 units with removeIf) without its bidi controls: the letters a shown title
/// keeps (shownTitle), a search is made of (LibraryController::search) and matches in a message
/// (ConversationStore::search). A template so that this header stays without Qt.
template <class String>
String withoutBidiControls(String text) {
    text.removeIf([](auto c) { return isBidiControl(char32_t(c.unicode())); });
    return text;
}

}  // namespace rwkv::app
