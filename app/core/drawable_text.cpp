// drawable_text.cpp — see drawable_text.h.
#include "drawable_text.h"

#include "bidi_control.h"

namespace rwkv::app {

QString drawableText(QString text) {
    const qsizetype n = text.size();
    const QChar* in = text.constData();
    qsizetype i = 0;
    const auto swapped = [&](qsizetype at) {
        const char16_t c = in[at].unicode();
        if (c == 0xFFFC || isBidiControl(c)) return true;
        if (c < 0x20) return c != u'\t' && c != u'\n' && c != u'\r';  // U+0000 too: Text.StyledText stops there
        if (c >= 0x7F && c <= 0x9F) return true;                      // DEL and the C1 controls
        if (QChar::isHighSurrogate(c)) return at + 1 >= n || !QChar::isLowSurrogate(in[at + 1].unicode());
        if (QChar::isLowSurrogate(c)) return at == 0 || !QChar::isHighSurrogate(in[at - 1].unicode());
        return false;
    };
    while (i < n && !swapped(i)) ++i;
    if (i == n) return text;  // the usual case: nothing to swap, no copy
    QString out = text;       // `in` keeps reading the unchanged original
    for (; i < n; ++i)
        if (swapped(i)) out[i] = QChar(kDrawnInstead);
    return out;
}

}  // namespace rwkv::app
