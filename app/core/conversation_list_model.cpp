// conversation_list_model.cpp — see conversation_list_model.h.
#include "conversation_list_model.h"

#include <QDateTime>
#include <QLocale>

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
    case TitleRole: return c.title;
    case UpdatedAtRole: return QDateTime::fromMSecsSinceEpoch(c.updated_at);
    case UpdatedTextRole: {
        const QDateTime t = QDateTime::fromMSecsSinceEpoch(c.updated_at);
        const QLocale locale;
        if (t.date() == QDate::currentDate()) return locale.toString(t.time(), QStringLiteral("HH:mm"));
        return locale.toString(t.date(), QStringLiteral("d MMM yyyy"));
    }
    case PinnedRole: return c.pinned;
    case LastUsedAtRole: return QDateTime::fromMSecsSinceEpoch(c.last_used_at);
    default: return {};
    }
}

QHash<int, QByteArray> ConversationListModel::roleNames() const {
    return {{IdRole, "conversationId"}, {TitleRole, "title"}, {UpdatedAtRole, "updatedAt"},
            {UpdatedTextRole, "updatedText"}, {PinnedRole, "pinned"}, {LastUsedAtRole, "lastUsedAt"}};
}

void ConversationListModel::setConversations(const QList<store::Conversation>& conversations) {
    const bool countChanges = conversations.size() != items_.size();
    beginResetModel();
    items_ = conversations;
    endResetModel();
    if (countChanges) emit countChanged();
}

int ConversationListModel::indexOfId(qint64 id) const {
    for (int i = 0; i < items_.size(); ++i)
        if (items_.at(i).id == id) return i;
    return -1;
}

QString ConversationListModel::titleOf(qint64 id) const {
    const int row = indexOfId(id);
    return row < 0 ? QString() : items_.at(row).title;
}

}  // namespace rwkv::app
