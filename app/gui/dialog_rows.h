// dialog_rows.h — the DialogRows singleton of RwkvDesktop.Core: makes the highlighted row of Qt Quick's own file and
// folder dialogs readable, and names Ctrl+L (type a path) in their title. Their row delegate (QtQuick/Dialogs/
// quickimpl FileDialogDelegate.qml) draws the current row on palette.light blended with 15 % of palette.highlight —
// near white with our light theme — but colours its text palette.highlightedText, our white (Theme.accentText):
// white on light lavender (session 20's trial, F4). The dialog (a QObject, not an Item) has no palette of its own in
// QML; its implementation popup, made on its first open, has one.
#pragma once

#include <QColor>
#include <QObject>

namespace rwkv::gui {

class DialogRows : public QObject {
    Q_OBJECT
public:
    using QObject::QObject;

    /// Sets palette.highlightedText to `rowText` on the popup of `dialog` (a QtQuick.Dialogs FileDialog or
    /// FolderDialog, open: its implementation popup in the overlay of its parentWindow), so highlighted rows, also
    /// those of its filter list, are `rowText` on their light tint; the text fields inside (the path typed after
    /// Ctrl+L, the file name) keep `selectedText` for selected text, which stays on palette.highlight (the accent) as
    /// everywhere else. A non-empty `titleHint` is shown after the dialog's title ("Import a conversation · Ctrl+L:
    /// type a path"): only in this Qt Quick dialog, not in a platform's native one. Returns how many popups were
    /// changed (0 if the dialog is not open or is native). Call it each time the dialog opens (the theme may have
    /// changed).
    Q_INVOKABLE int makeReadable(QObject* dialog, const QColor& rowText, const QColor& selectedText,
                                 const QString& titleHint = {}) const;
};

}  // namespace rwkv::gui
