// conversation_list_model.h — the sidebar's list of conversations (pinned first, then by last use), also used for the
// trash.
// Filled by ChatController from ConversationStore::listConversations(); tested in tests/app/test_chat_controller.cpp.
#pragma once

#include <QAbstractListModel>
#include <QList>

#include "store/conversation_store.h"

namespace rwkv::app {

class ConversationListModel : public QAbstractListModel {
    Q_OBJECT
    Q_PROPERTY(int count READ rowCount NOTIFY countChanged)
public:
    enum Roles {
        IdRole = Qt::UserRole + 1,  ///< qint64 conversation id
        TitleRole,                  ///< QString title shown in the sidebar: one line, drawable (shownTitle)
        UpdatedAtRole,              ///< QDateTime of the last message (local time)
        UpdatedTextRole,            ///< QString: when it was last used, the list's order: "14:03" today, else a date
        PinnedRole,                 ///< bool: pinned conversations list first
        LastUsedAtRole,             ///< QDateTime the conversation was last opened or written to (local time)
        /// bool: it was opened since its last message, so UpdatedTextRole is the time of that opening: the row says
        /// "Opened 14:03", not a bare time read as its last message's (session 36's trial, nit)
        OpenedLastRole,
    };
    Q_ENUM(Roles)

    explicit ConversationListModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    /// Replaces the list. Rows are removed, moved, inserted and updated one by one (a model reset only when the list
    /// was or becomes empty), so a view keeps its scroll position and the rows it shows.
    void setConversations(const QList<store::Conversation>& conversations);
    /// Row of a conversation id, or -1.
    Q_INVOKABLE int indexOfId(qint64 id) const;
    /// Title of a conversation id as shown (one line, drawable: shownTitle), or an empty string.
    QString titleOf(qint64 id) const;
    /// Sets the title of conversation `id`'s row in place (dataChanged; no row moves); false when it is not listed. A
    /// rename is not use: refreshing the whole list after one (setConversations) also applied the order of an opening
    /// since the last refresh (ConversationStore::markUsed), so the renamed chat jumped to the top under the pointer
    /// (session 32's trial).
    bool setTitle(qint64 id, const QString& title);

signals:
    void countChanged();

private:
    QList<store::Conversation> items_;
};

}  // namespace rwkv::app
