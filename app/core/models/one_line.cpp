// models/one_line.cpp — see one_line.h. One rule for file names and host names: before session 32 the file names'
// (ModelManagerController::oneLineFileName) left bidi and other format characters raw, the host names' wrote a line
// break as "\u000a".
#include "one_line.h"

#include <QList>

#include "bidi_control.h"  // app::isolated: the one rule, shared with the store

namespace rwkv::models {

QString oneLine(const QString& text, qsizetype maxChars) {
    QString shown;
    const QList<uint> codePoints = text.toUcs4();
    for (const uint c : codePoints) {
        QString piece;
        switch (QChar::category(char32_t(c))) {
        case QChar::Other_Control:
            piece = c == '\n'   ? QStringLiteral("\\n")
                    : c == '\r' ? QStringLiteral("\\r")
                    : c == '\t' ? QStringLiteral("\\t")
                                : QStringLiteral("\\u%1").arg(c, 4, 16, QLatin1Char('0'));
            break;
        case QChar::Other_Format:
        case QChar::Other_Surrogate:
        case QChar::Other_PrivateUse:
        case QChar::Other_NotAssigned:
        case QChar::Separator_Line:
        case QChar::Separator_Paragraph:
            piece = c > 0xFFFF ? QStringLiteral("\\U%1").arg(c, 8, 16, QLatin1Char('0'))
                               : QStringLiteral("\\u%1").arg(c, 4, 16, QLatin1Char('0'));
            break;
        default: piece = QString::fromUcs4(reinterpret_cast<const char32_t*>(&c), 1);
        }
        if (maxChars >= 0 && shown.size() + piece.size() > maxChars) return shown + QChar(0x2026);
        shown += piece;
    }
    return shown;
}

QString isolated(const QString& name) { return app::isolated(name); }

}  // namespace rwkv::models
