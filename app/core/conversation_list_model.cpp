// conversation_list_model.cpp — see conversation_list_model.h.
#include "conversation_list_model.h"

#include <QDateTime>
#include <QLocale>
#include <QSet>

#include <algorithm>

#include "conversation_title.h"

namespace rwkv::app {

ConversationListModel::ConversationListModel(QObject* parent) : QAbstractListModel(parent) {}

int ConversationListModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(items_.size());
}

QVariant ConversationListModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) return {};
    const store::Conversation& c = items_.at(index.row());
    switch (role) {
    case IdRole: return c.id;
    case Qt::DisplayRole:
    case TitleRole: return shownTitle(c.title);  // an imported title may hold newlines, tabs, escape codes, U+FFFC
    case UpdatedAtRole: return QDateTime::fromMSecsSinceEpoch(c.updated_at);
    case UpdatedTextRole: {
        // The time of last use (opened or written to), by which the list is sorted: the last message's time read as
        // unsorted once a few conversations had been opened (01:45, 01:24, 01:25, 01:23; session 20's trial, F17).
        const QDateTime t = QDateTime::fromMSecsSinceEpoch(std::max(c.updated_at, c.last_used_at));
        const QLocale locale;
        if (t.date() == QDate::currentDate()) return locale.toString(t.time(), QStringLiteral("HH:mm"));
        return locale.toString(t.date(), QStringLiteral("d MMM yyyy"));
    }
    case PinnedRole: return c.pinned;
    case LastUsedAtRole: return QDateTime::fromMSecsSinceEpoch(c.last_used_at);
    case OpenedLastRole: return c.last_used_at > c.updated_at;  // a message sets both (touchConversation)
    default: return {};
    }
}

QHash<int, QByteArray> ConversationListModel::roleNames() const {
    return {{IdRole, "conversationId"}, {TitleRole, "title"}, {UpdatedAtRole, "updatedAt"},
            {UpdatedTextRole, "updatedText"}, {PinnedRole, "pinned"}, {LastUsedAtRole, "lastUsedAt"},
            {OpenedLastRole, "openedLast"}};
}

void ConversationListModel::setConversations(const QList<store::Conversation>& conversations) {
    const qsizetype before = items_.size();
    if (items_.isEmpty() || conversations.isEmpty()) {  // first fill or emptied: nothing on screen to keep in place
        beginResetModel();
        items_ = conversations;
        endResetModel();
        if (items_.size() != before) emit countChanged();
        return;
    }
    // Row by row, not a model reset: a reset scrolls the sidebar's ListView back to the top, so every reply, rename
    // or delete threw a user browsing a long list (hundreds of conversations) back to the first row.
    QSet<qint64> kept;
    kept.reserve(conversations.size());
    for (const store::Conversation& c : conversations) kept.insert(c.id);
    // 1. Rows whose conversation is gone (deleted, trashed), bottom up, one signal per contiguous run.
    for (qsizetype last = items_.size() - 1; last >= 0; --last) {
        if (kept.contains(items_.at(last).id)) continue;
        qsizetype first = last;
        while (first > 0 && !kept.contains(items_.at(first - 1).id)) --first;
        beginRemoveRows({}, int(first), int(last));
        items_.remove(first, last - first + 1);
        endRemoveRows();
        last = first;
    }
    // 2. The new order top down: rows above `row` are final, so a row is found at or below it (moved up) or is new.
    for (qsizetype row = 0; row < conversations.size(); ++row) {
        const store::Conversation& c = conversations.at(row);
        qsizetype at = row;
        while (at < items_.size() && items_.at(at).id != c.id) ++at;
        if (at == items_.size()) {
            beginInsertRows({}, int(row), int(row));
            items_.insert(row, c);
            endInsertRows();
            continue;
        }
        if (at != row) {
            beginMoveRows({}, int(at), int(at), {}, int(row));
            items_.move(at, row);
            endMoveRows();
        }
        const store::Conversation& old = items_.at(row);
        const bool shownChanged = old.title != c.title || old.updated_at != c.updated_at || old.pinned != c.pinned ||
                                  old.last_used_at != c.last_used_at;
        items_[row] = c;
        if (shownChanged) emit dataChanged(index(int(row)), index(int(row)));
    }
    if (items_.size() != before) emit countChanged();
}

int ConversationListModel::indexOfId(qint64 id) const {
    for (int i = 0; i < items_.size(); ++i)
        if (items_.at(i).id == id) return i;
    return -1;
}

QString ConversationListModel::titleOf(qint64 id) const {
    const int row = indexOfId(id);
    return row < 0 ? QString() : shownTitle(items_.at(row).title);
}

bool ConversationListModel::setTitle(qint64 id, const QString& title) {
    const int row = indexOfId(id);
    if (row < 0) return false;
    items_[row].title = title;
    emit dataChanged(index(row), index(row), {Qt::DisplayRole, TitleRole});
    return true;
}

}  // namespace rwkv::app
