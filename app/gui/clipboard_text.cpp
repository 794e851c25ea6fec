// clipboard_text.cpp — see clipboard_text.h.
#include "clipboard_text.h"

#include <QClipboard>
#include <QGuiApplication>

namespace rwkv::gui {

QString ClipboardText::text() const {
    const QClipboard* clipboard = QGuiApplication::clipboard();
    return clipboard ? clipboard->text() : QString();
}

int ClipboardText::textLength() const { return int(text().size()); }

void ClipboardText::setText(const QString& text) const {
    if (QClipboard* clipboard = QGuiApplication::clipboard()) clipboard->setText(text);
}

}  // namespace rwkv::gui
