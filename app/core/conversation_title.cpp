// conversation_title.cpp — see conversation_title.h.
#include "conversation_title.h"

#include <QRegularExpression>
#include <QTextBoundaryFinder>

#include "drawable_text.h"
#include "surrogate_pairs.h"

namespace rwkv::app {

QString oneLineTitle(const QString& title) {
    QString t = title;
    for (QChar& c : t)
        if (c.category() == QChar::Other_Control || c.category() == QChar::Separator_Line ||
            c.category() == QChar::Separator_Paragraph)
            c = QLatin1Char(' ');
    return t.simplified();
}

QString shownTitle(const QString& title) {
    return drawableText(oneLineTitle(withoutHiddenFormat(title)));  // the controls out first: "a \u202e b" is "a b"
}

QString refusedFolderShown(const QString& name, const QString& drawn, qsizetype shown) {
    if (!name.isEmpty() && holdsNothingToRead(name)) {
        constexpr qsizetype kEscape = 6;  // "\u200b"
        QString escaped;
        for (const QChar c : name) {
            if (escaped.size() + kEscape >= shown) return escaped + u'…';
            escaped += QStringLiteral("\\u%1").arg(c.unicode(), 4, 16, QChar(u'0'));
        }
        return escaped;
    }
    if (drawn.size() <= shown) return drawn;
    return drawn.left(shown - (drawn.at(shown - 2).isHighSurrogate() ? 2 : 1)) + u'…';
}

QString cappedTitle(const QString& title, bool* cut) {
    if (cut) *cut = title.size() > kMaxTitleLength;
    QString whole = title.left(kMaxTitleLength + 1);
    // Half a pair, told in the whole title (a pair cut by `whole`'s end is not): U+FFFD (the database stored "?").
    for (qsizetype i = halfSurrogateAt(title); i >= 0 && i < whole.size(); i = halfSurrogateAt(title, i + 1))
        whole[i] = QChar(kDrawnInstead);
    if (title.size() <= kMaxTitleLength) return whole;
    qsizetype keep = kMaxTitleLength - 1;  // and "…"
    if (whole.at(keep - 1).isHighSurrogate()) --keep;
    return whole.left(keep) + QChar(0x2026);
}

QString exportFileName(const QString& title, const QString& suffix) {
    static const QRegularExpression unsafe(QStringLiteral("[/\\\\:*?\"<>|]+"));
    static const QRegularExpression cutShort(QStringLiteral("(\u2026|\\.\\.\\.)\\s*$"));
    static const QRegularExpression leading(QStringLiteral("^[.\\s]+"));
    QString name = oneLineTitle(title).replace(unsafe, QStringLiteral(" ")).remove(cutShort).remove(leading).trimmed();
    const qsizetype room = kMaxFileNameBytes - suffix.toUtf8().size();
    if (name.toUtf8().size() > room) {
        QTextBoundaryFinder graphemes(QTextBoundaryFinder::Grapheme, name);
        qsizetype end = 0, bytes = 0;
        for (qsizetype next = graphemes.toNextBoundary(); next > 0; next = graphemes.toNextBoundary()) {
            bytes += QStringView(name).mid(end, next - end).toUtf8().size();
            if (bytes > room) break;
            end = next;
        }
        name = name.left(end).trimmed();
    }
    return (name.isEmpty() ? QStringLiteral("conversation") : name) + suffix;
}

}  // namespace rwkv::app
