// clipboard_text.cpp — see clipboard_text.h.
#include "clipboard_text.h"

#include <QClipboard>
#include <QGuiApplication>
#include <QTextBoundaryFinder>

#include <algorithm>

#include "perceived_characters.h"

namespace rwkv::gui {

QString wholeClusters(const QString& text, qsizetype maxUnits) {
    if (text.size() <= maxUnits) return text;
    if (maxUnits <= 0) return {};
    const QString head = text.left(maxUnits + 1);  // whether a cluster goes on past the cut: the unit after it
    QTextBoundaryFinder clusters(QTextBoundaryFinder::Grapheme, head);
    clusters.setPosition(maxUnits);
    const qsizetype end = clusters.isAtBoundary() ? maxUnits : std::max<qsizetype>(clusters.toPreviousBoundary(), 0);
    return head.left(end);
}

int ClipboardText::characters(const QString& text) const { return int(app::perceivedCharacters(text)); }

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
