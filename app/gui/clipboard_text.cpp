// clipboard_text.cpp — see clipboard_text.h.
#include "clipboard_text.h"

#include <QClipboard>
#include <QGuiApplication>

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

void ClipboardText::setText(const QString& text) const {
    if (QClipboard* clipboard = QGuiApplication::clipboard()) clipboard->setText(text);
}

}  // namespace rwkv::gui
