// clipboard_text.h — the Clipboard singleton of RwkvDesktop.Core: the system clipboard's plain text for QML, which
// has no clipboard type of its own. The message box asks how long a paste is before taking it (Composer.qml: a
// long paste is held beside the box instead of laid out in it), and Copy puts a whole message on the clipboard
// without a hidden text item (which laid out the whole text first: seconds for a 2 MB reply).
#pragma once

#include <QObject>
#include <QString>

namespace rwkv::gui {

/// How many characters of `text` lie beyond U+FFFF (each a surrogate pair: an emoji, a rare CJK ideograph).
qsizetype charactersBeyondBmp(const QString& text);

/// The longest start of `text` of at most `maxUnits` UTF-16 code units that ends between two characters as drawn
/// (grapheme clusters, QTextBoundaryFinder): never between a letter and its accent, inside a surrogate pair or inside
/// an emoji sequence joined by U+200D. `text` whole when it is no longer. Reads `text` up to maxUnits + 1 units only
/// (the unit after the cut decides whether the cluster before it goes on), so a caller may pass that much of a long text.
QString wholeClusters(const QString& text, qsizetype maxUnits);

class ClipboardText : public QObject {
    Q_OBJECT
public:
    using QObject::QObject;

    /// The clipboard's text (QClipboard::Clipboard mode), empty when it holds none.
    Q_INVOKABLE QString text() const;
    /// The clipboard's text when it is longer than `length` UTF-16 code units (QString::size), else empty: a paste
    /// asks once whether to hold the text beside the box and gets it (reading it twice, its length then the text,
    /// copied a 2 MB text twice). `selection`: X11's selection (a middle-click paste) instead; empty where there is
    /// none (QClipboard::supportsSelection).
    Q_INVOKABLE QString textIfLongerThan(int length, bool selection = false) const;
    /// The clipboard's text when a message box should hold it beside itself rather than lay it out: longer than
    /// `length` UTF-16 code units, or holding more than `beyondBmp` characters beyond U+FFFF (emoji: Qt 6.4 decodes a
    /// colour emoji's PNG for each one laid out, ~0.17 ms and ~130 KB each; 49,000 ducks, 98,000 units, took 8 s of
    /// CPU and 460 MB in the box, session 48). Else empty; read once, as textIfLongerThan.
    Q_INVOKABLE QString textToHold(int length, int beyondBmp, bool selection = false) const;
    /// charactersBeyondBmp for QML (PastedText.qml counts and judges a held text with it: a regular expression made
    /// a string of each of 300,000 emoji).
    Q_INVOKABLE int beyondBmp(const QString& text) const { return int(charactersBeyondBmp(text)); }
    /// wholeClusters for QML: the held text's first line in PastedText.qml (its first 300 units were cut inside a
    /// character as drawn: "e\u0301" of "e\u0301\u0301", half an emoji sequence or of a surrogate pair, session 58).
    Q_INVOKABLE QString clustersUpTo(const QString& text, int maxUnits) const { return wholeClusters(text, maxUnits); }
    /// app::perceivedCharacters for QML: the characters of `text` as a reader counts them (grapheme clusters), what the
    /// window says a number of characters in (PastedText.qml's label, InstructionsField.qml's notes). Before session
    /// 59 the label counted code points: an emoji family said 5, a flag 2, a letter with a combining accent 2.
    Q_INVOKABLE int characters(const QString& text) const;
    /// Puts `text` on the clipboard as plain text.
    Q_INVOKABLE void setText(const QString& text) const;
};

}  // namespace rwkv::gui
