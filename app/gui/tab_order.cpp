// tab_order.cpp — see tab_order.h.
#include "tab_order.h"

#include <QQuickItem>

#include <algorithm>
#include <utility>

namespace rwkv::gui {

void TabOrder::sortChildren(QQuickItem* parent, const QString& key) const {
    if (!parent) return;
    const QByteArray name = key.toUtf8();
    QList<std::pair<qint64, QQuickItem*>> rows;
    for (QQuickItem* child : parent->childItems()) {
        const QVariant v = child->property(name.constData());
        if (v.isValid()) rows.append({v.toLongLong(), child});
    }
    std::stable_sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    for (qsizetype i = 1; i < rows.size(); ++i) rows[i].second->stackAfter(rows[i - 1].second);
}

}  // namespace rwkv::gui
