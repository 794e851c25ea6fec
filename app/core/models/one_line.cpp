// models/one_line.cpp — see one_line.h. One rule for file names and host names: before session 32 the file names'
// (ModelManagerController::oneLineFileName) left bidi and other format characters raw, the host names' wrote a line
// break as "\u000a".
#include "one_line.h"

#include <QDir>
#include <QTextBoundaryFinder>

#include "bidi_control.h"  // app::isolated: the one rule, shared with the store

namespace rwkv::models {

namespace {

// Where an emoji tag sequence that starts at `from` ends (UTS #51 ED-14a: one or more tag characters U+E0020..U+E007E
// and U+E007F CANCEL TAG after U+1F3F4 WAVING BLACK FLAG: a subdivision flag, England's "gbeng"), or -1 if none does.
qsizetype tagSequenceEnd(const QString& text, qsizetype from) {
    qsizetype i = from, specs = 0;
    while (i + 1 < text.size() && text.at(i).isHighSurrogate() && text.at(i + 1).isLowSurrogate()) {
        const char32_t t = QChar::surrogateToUcs4(text.at(i), text.at(i + 1));
        if (t == 0xE007F) return specs > 0 ? i + 2 : -1;
        if (t < 0xE0020 || t > 0xE007E) return -1;
        ++specs;
        i += 2;
    }
    return -1;
}

}  // namespace

QString oneLine(const QString& text, qsizetype maxChars) {
    QString shown;
    QTextBoundaryFinder clusters(QTextBoundaryFinder::Grapheme, text);
    for (qsizetype i = 0; i < text.size();) {
        const bool pair = text.at(i).isHighSurrogate() && i + 1 < text.size() && text.at(i + 1).isLowSurrogate();
        const char32_t c = pair ? QChar::surrogateToUcs4(text.at(i), text.at(i + 1)) : text.at(i).unicode();
        qsizetype next = i + (pair ? 2 : 1);
        QString piece;
        // A subdivision flag is one picture, shown as itself as a file manager shows it; a tag character anywhere
        // else (Other_Format) is escaped below.
        if (const qsizetype end = c == 0x1F3F4 ? tagSequenceEnd(text, next) : -1; end > next) {
            piece = text.mid(i, end - i);
            next = end;
        } else switch (QChar::category(c)) {
        case QChar::Other_Control:
            piece = c == '\n'   ? QStringLiteral("\\n")
                    : c == '\r' ? QStringLiteral("\\r")
                    : c == '\t' ? QStringLiteral("\\t")
                                : QStringLiteral("\\u%1").arg(uint(c), 4, 16, QLatin1Char('0'));
            break;
        case QChar::Other_Format:
            // U+200D ZERO WIDTH JOINER inside a character as drawn (its grapheme cluster goes on after it: UAX #29
            // GB11, one emoji joined to the next, "👨‍👩‍👧" a family) is part of the picture, as a file manager shows it;
            // one between letters, at the end or next to an escape ends its cluster and is escaped as the rest.
            if (c == 0x200D && i > 0 && next < text.size()) {
                clusters.setPosition(next);
                if (!clusters.isAtBoundary()) {
                    piece = QChar(c);
                    break;
                }
            }
            [[fallthrough]];
        case QChar::Other_Surrogate:
        case QChar::Other_PrivateUse:
        case QChar::Other_NotAssigned:
        case QChar::Separator_Line:
        case QChar::Separator_Paragraph:
            piece = c > 0xFFFF ? QStringLiteral("\\U%1").arg(uint(c), 8, 16, QLatin1Char('0'))
                               : QStringLiteral("\\u%1").arg(uint(c), 4, 16, QLatin1Char('0'));
            break;
        default: piece = text.mid(i, next - i);
        }
        if (maxChars >= 0 && shown.size() + piece.size() > maxChars) {
            if (shown.endsWith(QChar(0x200D))) shown.chop(1);  // not a joiner before "…"
            return shown + QChar(0x2026);
        }
        shown += piece;
        i = next;
    }
    return shown;
}

QString isolated(const QString& name) { return app::isolated(name); }

QString isolatedOneLine(const QString& name, qsizetype maxChars) { return isolated(oneLine(name, maxChars)); }

QString isolatedPath(const QString& path) { return isolatedOneLine(QDir::toNativeSeparators(path)); }

}  // namespace rwkv::models
