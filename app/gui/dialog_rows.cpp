// dialog_rows.cpp — see dialog_rows.h.
#include "dialog_rows.h"

#include <QQuickItem>
#include <QQuickWindow>
#include <QVariant>

namespace rwkv::gui {

namespace {
/// Sets `role` (a QQuickPalette property, e.g. "highlightedText") of the palette of `object` (a control or popup).
void setPaletteColor(QObject* object, const char* role, const QColor& color) {
    if (auto* palette = object->property("palette").value<QObject*>()) palette->setProperty(role, color);
}

/// The visible items under `item` named `name` (Qt's dialog lists: "fileDialogListView", "folderDialogListView").
void findVisible(QQuickItem* item, const QString& name, QList<QQuickItem*>* found) {
    if (!item || !item->isVisible()) return;
    if (item->objectName() == name) found->append(item);
    for (QQuickItem* child : item->childItems()) findVisible(child, name, found);
}

/// Under `item`: the filter lists (combo boxes: their list's highlighted row is on palette.light too; Qt 6.4 does not
/// pass the popup's new colour on to them) get `rowText`; the text fields get back `selectedText`, which they
/// inherited from the popup before.
void setControls(QQuickItem* item, const QColor& rowText, const QColor& selectedText) {
    if (item->inherits("QQuickComboBox")) setPaletteColor(item, "highlightedText", rowText);
    if (item->inherits("QQuickTextField")) setPaletteColor(item, "highlightedText", selectedText);
    for (QQuickItem* child : item->childItems()) setControls(child, rowText, selectedText);
}
}  // namespace

int DialogRows::makeReadable(QObject* dialog, const QColor& rowText, const QColor& selectedText,
                             const QString& titleHint) const {
    auto* window = qobject_cast<QQuickWindow*>(dialog ? dialog->property("parentWindow").value<QObject*>() : nullptr);
    if (!window) return 0;
    // The open dialog's popup is in the window's overlay; its list names it. Its item is the popup's (Popup's palette
    // is its item's), the ancestor of the list that is a QQuickPopupItem.
    QList<QQuickItem*> lists;
    for (const QString& name : {QStringLiteral("fileDialogListView"), QStringLiteral("folderDialogListView")})
        findVisible(window->contentItem(), name, &lists);
    int changed = 0;
    for (QQuickItem* list : lists) {
        QQuickItem* popup = list->parentItem();
        while (popup && !popup->inherits("QQuickPopupItem")) popup = popup->parentItem();
        if (!popup) continue;
        setPaletteColor(popup, "highlightedText", rowText);
        setControls(popup, rowText, selectedText);
        QList<QQuickItem*> titles;
        findVisible(popup, QStringLiteral("dialogTitleBarLabel"), &titles);
        const QString title = dialog->property("title").toString();
        for (QQuickItem* label : titles)
            label->setProperty("text", titleHint.isEmpty() ? title : title + QStringLiteral("   ·   ") + titleHint);
        ++changed;
    }
    return changed;
}

}  // namespace rwkv::gui
