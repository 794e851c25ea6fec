// clipboard_text.cpp — see clipboard_text.h.
#include "clipboard_text.h"

#include <QClipboard>
#include <QGuiApplication>

#include <algorithm>

namespace rwkv::gui {

QString ClipboardText::text() const {
    const QClipboard* clipboard = QGuiApplication::clipboard();
    return clipboard ? clipboard->text() : QString();
}

QString ClipboardText::textIfLongerThan(int length, bool selection) const {
    const QClipboard* clipboard = QGuiApplication::clipboard();
    if (!clipboard || (selection && !clipboard->supportsSelection())) return {};
    QString text = clipboard->text(selection ? QClipboard::Selection : QClipboard::Clipboard);
    return text.size() > length ? text : QString();
}

qsizetype charactersBeyondBmp(const QString& text) {
    return std::count_if(text.cbegin(), text.cend(), [](QChar c) { return c.isHighSurrogate(); });
}

QString ClipboardText::textToHold(int length, int beyondBmp, bool selection) const {
    QString text = textIfLongerThan(-1, selection);
    return text.size() > length || charactersBeyondBmp(text) > beyondBmp ? text : QString();
}

void ClipboardText::setText(const QString& text) const {
    if (QClipboard* clipboard = QGuiApplication::clipboard()) clipboard->setText(text);
}

}  // namespace rwkv::gui
