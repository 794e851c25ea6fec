// perceived_characters.h — how many characters a reader sees in a text: its grapheme clusters (QTextBoundaryFinder),
// so an emoji family, a flag or a letter with a combining accent is one, where QString::size counts 8, 4 and 2. The
// window says a number of characters in these (a held paste's label, the quit question's lost characters, the
// instructions' notes beside their limit); the limits themselves stay in UTF-16 units, what they limit (a layout's
// cost). Tests: tests/app/test_typed_controls.cpp (perceivedCharactersCountWhatIsDrawn).
#pragma once

#include <QStringView>

namespace rwkv::app {

/// The characters of `text` as drawn and read: its grapheme clusters (CR LF is one too). A text of single-unit
/// characters that no neighbour joins (below U+0300, no CR) is counted without the boundary finder.
qsizetype perceivedCharacters(QStringView text);

}  // namespace rwkv::app
