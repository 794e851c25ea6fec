// terminal_cells.cpp — see terminal_cells.h.
#include "terminal_cells.h"

#include <QChar>
#include <QList>
#include <QTextBoundaryFinder>

#include <algorithm>
#include <iterator>
#include <utility>

#include "terminal_text.h"

namespace rwkv::cli {
namespace {

/// The characters a terminal draws two cells wide: Unicode's East Asian Wide and Fullwidth blocks (Hangul Jamo, CJK
/// radicals to Yi, Hangul syllables, CJK compatibility, the vertical and small forms, fullwidth forms, the CJK
/// extensions of planes 2 and 3) and the emoji blocks drawn as pictures (regional indicators, U+1F300…U+1F64F,
/// U+1F680…U+1F6FF, U+1F900…U+1FAFF). Not every wide symbol of the BMP (⌚, ☔: drawn one or two cells, by terminal).
constexpr std::pair<char32_t, char32_t> kWide[] = {
    {0x1100, 0x115F},   {0x2E80, 0x303E},   {0x3041, 0x33FF},   {0x3400, 0x4DBF},   {0x4E00, 0x9FFF},
    {0xA000, 0xA4CF},   {0xA960, 0xA97F},   {0xAC00, 0xD7A3},   {0xF900, 0xFAFF},   {0xFE10, 0xFE19},
    {0xFE30, 0xFE6F},   {0xFF00, 0xFF60},   {0xFFE0, 0xFFE6},   {0x1F1E6, 0x1F1FF}, {0x1F300, 0x1F64F},
    {0x1F680, 0x1F6FF}, {0x1F900, 0x1FAFF}, {0x20000, 0x3FFFD},
};

bool wide(char32_t c) {
    const auto* at = std::upper_bound(std::begin(kWide), std::end(kWide), c,
                                      [](char32_t x, const std::pair<char32_t, char32_t>& r) { return x < r.first; });
    return at != std::begin(kWide) && c <= std::prev(at)->second;
}

/// wcwidth's answer for `c` on a UTF-8 terminal, by kWide and the character's category.
qsizetype cellsOf(char32_t c) {
    if (wide(c)) return 2;
    switch (QChar::category(c)) {
    case QChar::Mark_NonSpacing:
    case QChar::Mark_Enclosing:
    case QChar::Other_Format: return 0;  // U+200D, U+FE0F (a variation selector is a mark), accents
    default: return 1;
    }
}

/// The pieces of `text` as drawn: each grapheme cluster, written by terminal_line's rule, and its width in cells.
QList<std::pair<std::string, qsizetype>> pieces(const QString& text) {
    QList<std::pair<std::string, qsizetype>> out;
    QTextBoundaryFinder clusters(QTextBoundaryFinder::Grapheme, text);
    for (qsizetype from = 0; from < text.size();) {
        qsizetype to = clusters.toNextBoundary();
        if (to <= from) to = text.size();
        const QString cluster = text.mid(from, to - from);
        const std::string raw = cluster.toStdString();
        std::string shown = terminal_line(raw);
        qsizetype cells;
        if (shown != raw) {
            cells = qsizetype(shown.size());  // an escape ("\u202e", "\r\n" as "\r\n" escaped): ASCII
        } else {
            cells = 0;
            for (const char32_t c : cluster.toUcs4()) cells += cellsOf(c);
        }
        out.append({std::move(shown), cells});
        from = to;
    }
    return out;
}

}  // namespace

qsizetype terminalWidth(const QString& text) {
    qsizetype cells = 0;
    for (const auto& p : pieces(text)) cells += p.second;
    return cells;
}

std::string terminalCell(const QString& text, qsizetype width) {
    const QList<std::pair<std::string, qsizetype>> all = pieces(text.isEmpty() ? QStringLiteral("-") : text);
    qsizetype total = 0;
    for (const auto& p : all) total += p.second;
    std::string out;
    qsizetype cells = 0;
    for (const auto& p : all) {
        if (total > width && cells + p.second > width - 1) {  // room for "…"
            out += "\u2026";
            ++cells;
            break;
        }
        out += p.first;
        cells += p.second;
    }
    return out + std::string(std::size_t(std::max<qsizetype>(0, width - cells)), ' ');
}

}  // namespace rwkv::cli
