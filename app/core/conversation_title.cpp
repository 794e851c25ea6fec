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

}  // namespace rwkv::app
