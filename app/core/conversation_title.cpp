// conversation_title.cpp — see conversation_title.h.
#include "conversation_title.h"

namespace rwkv::app {

QString oneLineTitle(const QString& title) {
    QString t = title;
    for (QChar& c : t)
        if (c.category() == QChar::Other_Control || c.category() == QChar::Separator_Line ||
            c.category() == QChar::Separator_Paragraph)
            c = QLatin1Char(' ');
    return t.simplified();
}

QString cappedTitle(const QString& title, bool* cut) {
    if (cut) *cut = title.size() > kMaxTitleLength;
    if (title.size() <= kMaxTitleLength) return title;
    qsizetype keep = kMaxTitleLength - 1;  // and "…"
    if (title.at(keep - 1).isHighSurrogate()) --keep;
    return title.left(keep) + QChar(0x2026);
}

}  // namespace rwkv::app
