// bidi_control.h — which characters are bidi controls: what the message view marks (drawableText) and rwkv-cli writes
// to a terminal as an escape (app/cli/terminal_text.h); titles and search leave them out with the rest of the
// invisible formatting characters (invisible_format.h). And `isolated`, a name as a sentence of the window quotes it
// (models::isolated; the store's translated sentences, which cannot link rwkv_models). Without Qt, so that rwkv-cli's
// engine-only build (the GPU machine) has it too.
#pragma once

namespace rwkv::app {

/// Whether `c` is a bidi embedding, override or isolate control (U+202A…U+202E, U+2066…U+2069): a character that turns
/// or sets apart the text after it (U+202E RIGHT-TO-LEFT OVERRIDE draws "abc" as "cba"). The marks U+200E / U+200F /
/// U+061C order no run around and are not.
constexpr bool isBidiControl(char32_t c) { return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069); }

/// `text` (a QString) without its bidi controls (isBidiControl): what the window's fields keep of a title, a folder
/// name, instructions or a message (TypedText.qml leaves them out as they are typed or pasted), and rwkv-cli of the same
/// given on its command line (`conversations fork --title`, `chat --system`: cli_conversations.h). A template so that
/// this header stays without Qt.
template <class String>
String withoutBidiControls(String text) {
    text.removeIf([](auto c) { return isBidiControl(c.unicode()); });
    return text;
}

/// `name` (a QString) between U+2068 FIRST STRONG ISOLATE and U+2069 POP DIRECTIONAL ISOLATE, its own isolate controls
/// U+2066…U+2069 left out; empty for an empty `name`. The rule of models::isolated (one_line.h says why), here so
/// that the store (databaseFileProblem) uses the same one. A template so that this header stays without Qt.
template <class String>
String isolated(String name) {
    if (name.isEmpty()) return name;
    name.removeIf([](auto c) { return c.unicode() >= 0x2066 && c.unicode() <= 0x2069; });
    String shown(1, char16_t(0x2068));
    shown += name;
    shown += char16_t(0x2069);
    return shown;
}

/// `text` (a QString) as the app writes it to stderr, for a terminal: the isolates U+2066…U+2069 that `isolated` puts
/// around names in the window's sentences left out — a terminal draws nothing for them, but a path selected and copied
/// from it kept them and named no file (session 42's trial: "File: \u2068/tmp/x/conversations.sqlite\u2069") — and
/// the embeddings and overrides U+202A…U+202E written as escapes ("\u202e", lower case, as rwkv-cli writes them),
/// so that a name holding one cannot turn the rest of the line around without its isolate. Everything else as it is.
template <class String>
String forTerminal(const String& text) {
    String shown;
    shown.reserve(text.size());
    for (auto c : text) {
        const char16_t u = c.unicode();
        if (u >= 0x2066 && u <= 0x2069) continue;
        if (u < 0x202A || u > 0x202E) {
            shown += c;
            continue;
        }
        for (char16_t e : {u'\\', u'u', u'2', u'0', u'2'}) shown += e;
        shown += char16_t(u - 0x202A + u'a');  // U+202A…U+202E: "\u202a"…"\u202e"
    }
    return shown;
}

}  // namespace rwkv::app
