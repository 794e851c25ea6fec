// tab_order.h — the TabOrder singleton of RwkvDesktop.Core: puts items in the order Tab walks them. Qt Quick's Tab
// chain follows the order of an item's children, which QML cannot change (QQuickItem::stackAfter is not invokable);
// MessageView.qml uses it to keep its delegates in message order, whatever order ListView made them in.
#pragma once

#include <QObject>
#include <QString>

class QQuickItem;

namespace rwkv::gui {

class TabOrder : public QObject {
    Q_OBJECT
public:
    using QObject::QObject;

    /// Reorders the children of `parent` that have the property `key` (an integer, e.g. a delegate's "index") so that
    /// they follow each other by ascending `key`, in the places those children held; children without it stay put.
    /// This changes the Tab chain and the stacking order among those children (drawn later = on top when they overlap).
    Q_INVOKABLE void sortChildren(QQuickItem* parent, const QString& key) const;
};

}  // namespace rwkv::gui
