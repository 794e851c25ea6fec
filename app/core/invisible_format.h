// invisible_format.h — which characters a text is read without, wherever it is shown as letters or searched: the
// invisible formatting characters (Unicode category Cf that draw as nothing and that nobody types on purpose). The one
// rule for a shown title (shownTitle, conversation_title.h), the search box's text (LibraryController::search) and the
// store's search in the messages (ConversationStore::search, and its SQL function rwkv_holds_invisible_format,
// store/database.cpp, which asks isInvisibleFormat about each character of a UTF-8 text). Without Qt, beside bidi_control.h. Tested in
// tests/app/test_store_search.cpp and tests/app/test_library_controller.cpp.
#pragma once

#include "bidi_control.h"

namespace rwkv::app {

/// Whether `c` is drawn as nothing and is left out of what is shown and searched as letters:
///  * the bidi controls (isBidiControl: U+202A…U+202E, U+2066…U+2069), which turn text around;
///  * the direction marks U+200E LEFT-TO-RIGHT MARK, U+200F RIGHT-TO-LEFT MARK, U+061C ARABIC LETTER MARK;
///  * U+200B ZERO WIDTH SPACE, U+2060 WORD JOINER, U+FEFF ZERO WIDTH NO-BREAK SPACE (a byte order mark), U+00AD SOFT
///    HYPHEN (web pages are full of them: "Donau\u00addampf" reads "Donaudampf"), the invisible operators
///    U+2061…U+2064 and the deprecated format characters U+206A…U+206F.
/// A text copied from a web page or a chat with one of these read "foobar" and was found by no search for "foobar"
/// (session 40's check). Not U+200C ZERO WIDTH NON-JOINER / U+200D ZERO WIDTH JOINER: a Persian keyboard types the
/// one ("می‌خواهم"), an emoji picker the other ("👩‍💻" is U+1F469 U+200D U+1F4BB), Indic scripts both; taking them out
/// changes what is drawn (two emoji for one, joined letters). Not U+180E (Mongolian shaping) or the tag characters
/// (U+E0020…U+E007F, a subdivision flag's letters), nor the visible Cf characters (U+0600…U+0605, U+06DD: signs drawn
/// over numbers). Every one of the set is one UTF-16 unit (BMP).
constexpr bool isInvisibleFormat(char32_t c) {
    return isBidiControl(c) || c == 0x00AD || c == 0x061C || c == 0x200B || c == 0x200E || c == 0x200F ||
           (c >= 0x2060 && c <= 0x2064) || (c >= 0x206A && c <= 0x206F) || c == 0xFEFF;
}

/// `text` (a QString: any string of UTF-16 units with removeIf) without its invisible formatting characters
/// (isInvisibleFormat): the letters a shown title keeps (shownTitle), a search is made of (LibraryController::search)
/// and matches in a message (ConversationStore::search). A template so that this header stays without Qt.
template <class String>
String withoutInvisibleFormat(String text) {
    text.removeIf([](auto c) { return isInvisibleFormat(char32_t(c.unicode())); });
    return text;
}

/// Whether `c` is a direction mark (U+200E LEFT-TO-RIGHT MARK, U+200F RIGHT-TO-LEFT MARK, U+061C ARABIC LETTER
/// MARK): invisible and searched past like the rest of isInvisibleFormat, but unlike a bidi control it turns nothing
/// around — it only places the neutral characters beside it ("שלום!" needs one to keep its "!" where the writer put
/// it). A shown text keeps it (withoutHiddenFormat).
constexpr bool isDirectionMark(char32_t c) { return c == 0x200E || c == 0x200F || c == 0x061C; }

/// `text` without the invisible formatting characters that a shown text drops: isInvisibleFormat less the direction
/// marks (isDirectionMark), which right-to-left titles need for their punctuation. The shown title's rule (shownTitle);
/// a search uses withoutInvisibleFormat, so a mark neither hides nor adds a hit.
template <class String>
String withoutHiddenFormat(String text) {
    text.removeIf([](auto c) {
        const char32_t u = char32_t(c.unicode());
        return isInvisibleFormat(u) && !isDirectionMark(u);
    });
    return text;
}

/// Whether `c`, alone, is drawn as nothing though it is no white space or invisible formatting character: U+200C ZERO
/// WIDTH NON-JOINER / U+200D ZERO WIDTH JOINER (they join the characters beside them), U+034F COMBINING GRAPHEME JOINER,
/// the variation selectors U+FE00…U+FE0F and the Mongolian ones with its vowel separator U+180B…U+180F (they change the
/// character before them), and the blank letters: the Hangul fillers U+115F, U+1160, U+3164, U+FFA0 and U+2800
/// BRAILLE PATTERN BLANK (the "invisible name" characters of games and chats); and the rest of Unicode's default
/// ignorable characters: the Khmer inherent vowels U+17B4, U+17B5, and outside the BMP the musical format controls
/// U+1D173…U+1D17A, the shorthand format controls U+1BCA0…U+1BCA3, the tags U+E0000…U+E007F (a subdivision flag's
/// letters after its 🏴) and the variation selectors U+E0100…U+E01EF (three tags alone were sent as an empty bubble in
/// a chat listed with no title: session 51's trial).
constexpr bool isDrawnAsNothingAlone(char32_t c) {
    return c == 0x200C || c == 0x200D || c == 0x034F || (c >= 0xFE00 && c <= 0xFE0F) || (c >= 0x180B && c <= 0x180F) ||
           c == 0x115F || c == 0x1160 || c == 0x3164 || c == 0xFFA0 || c == 0x2800 || c == 0x17B4 || c == 0x17B5 ||
           (c >= 0x1D173 && c <= 0x1D17A) || (c >= 0x1BCA0 && c <= 0x1BCA3) || (c >= 0xE0000 && c <= 0xE007F) ||
           (c >= 0xE0100 && c <= 0xE01EF);
}

/// Whether `text` holds nothing to read: only white space (QChar::isSpace: what the message box's trim() drops too,
/// U+3000 included) and characters drawn as nothing — isInvisibleFormat's and isDrawnAsNothingAlone's. Such a message
/// is refused as an empty one (ChatController::send, editMessage; the box's Send stays off): a pasted "\u200b" alone
/// was sent, drawn as an empty bubble and listed as a chat with no title (session 50's trial); so were "\u3164" and
/// "\u2800" (session 50's trial2). A character outside the BMP (a surrogate pair) is read as one code point.
template <class String>
bool holdsNothingToRead(const String& text) {
    for (decltype(text.size()) i = 0; i < text.size(); ++i) {
        const auto c = text[i];
        char32_t u = char32_t(c.unicode());
        if (c.isHighSurrogate() && i + 1 < text.size() && text[i + 1].isLowSurrogate()) {
            u = 0x10000 + ((u - 0xD800) << 10) + (char32_t(text[++i].unicode()) - 0xDC00);
            if (!isDrawnAsNothingAlone(u)) return false;
        } else if (!c.isSpace() && !isInvisibleFormat(u) && !isDrawnAsNothingAlone(u)) {
            return false;
        }
    }
    return true;
}

}  // namespace rwkv::app
