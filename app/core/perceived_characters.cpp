// perceived_characters.cpp — grapheme clusters counted (see the header).
#include "perceived_characters.h"

#include <QTextBoundaryFinder>

#include <algorithm>

namespace rwkv::app {

qsizetype perceivedCharacters(QStringView text) {
    // Below U+0300 no character joins the one before it (combining marks start there), except LF after CR.
    const bool plain = std::all_of(text.begin(), text.end(), [](QChar c) { return c.unicode() < 0x300 && c != u'\r'; });
    if (plain) return text.size();
    QTextBoundaryFinder clusters(QTextBoundaryFinder::Grapheme, text.data(), text.size());
    qsizetype count = 0;
    while (clusters.toNextBoundary() >= 0) ++count;
    return count;
}

}  // namespace rwkv::app
