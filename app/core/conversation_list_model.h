// conversation_list_model.h — the sidebar's list of conversations (pinned first, then by last use) with its folders
// (setLibrary: rows of two kinds), also used for the trash (setConversations: chats only, in the order given).
// Filled by ChatController from ConversationStore::listConversations() and listFolders(); tested in
// tests/app/test_chat_controller.cpp and tests/app/test_sidebar_folders.cpp.
#pragma once

#include <QAbstractListModel>
#include <QList>
#include <QSet>
#include <QVariantList>

#include "store/conversation_store.h"

namespace rwkv::app {

class ConversationListModel : public QAbstractListModel {
    Q_OBJECT
    Q_PROPERTY(int count READ rowCount NOTIFY countChanged)
    /// The folders, by name: {"id", "name"} each (the name as shown: shownTitle), for a chat's "Move to folder" menu.
    Q_PROPERTY(QVariantList folders READ folderList NOTIFY foldersChanged)
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
        IsFolderRole,    ///< bool: a folder's row (its chats follow it unless it is collapsed); IdRole is 0 there
        FolderIdRole,    ///< qint64: a folder row's folder; a chat's folder (0 = none)
        FolderNameRole,  ///< QString: a folder row's name (shown: shownTitle); a chat's folder's name ("" = none)
        ChatCountRole,   ///< int: a folder row's chats (not in the trash), listed under it or not
        CollapsedRole,   ///< bool: a folder row whose chats are not listed (setFolderCollapsed)
        InFolderRole,    ///< bool: a chat row listed under its folder's row (the sidebar indents it)
        /// bool: a collapsed folder's row that holds the open chat (setOpenConversation): the sidebar draws it as the
        /// selected row, as file managers mark the closed folder of the open file
        HoldsOpenChatRole,
    };
    Q_ENUM(Roles)

    explicit ConversationListModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    /// Replaces the list with `conversations`, in that order, and no folder rows (the trash). Rows are removed, moved,
    /// inserted and updated one by one (a model reset only when the list was or becomes empty), so a view keeps its
    /// scroll position and the rows it shows.
    void setConversations(const QList<store::Conversation>& conversations);
    /// Replaces the list with the sidebar's (`conversations` as listConversations() orders them: pinned first, then
    /// by last use): the pinned chats in no folder; then each folder's row (`folders` in their order) followed, unless
    /// it is collapsed, by its chats in the order given (its pinned ones first); then the other chats in no folder.
    /// Every chat is listed once; a chat whose folder_id names no folder of `folders` counts as in none. Row by row, as
    /// setConversations.
    void setLibrary(const QList<store::Conversation>& conversations, const QList<store::Folder>& folders);
    /// The folders whose chats are not listed (AppSettings::collapsedFolders, read at start); the list follows.
    void setCollapsedFolders(const QSet<qint64>& folderIds);
    QSet<qint64> collapsedFolders() const { return collapsed_; }
    /// Collapses or expands a folder's row (its chats leave or rejoin the list below it) and emits
    /// folderCollapsedChanged, which main.cpp keeps in AppSettings.
    Q_INVOKABLE void setFolderCollapsed(qint64 folderId, bool collapsed);
    /// The chat open in the window (ChatController::currentConversationId; 0: none): its folder's row, when collapsed,
    /// says so (HoldsOpenChatRole).
    void setOpenConversation(qint64 id);
    /// Row of a conversation id, or -1 (folder rows are never found by it).
    Q_INVOKABLE int indexOfId(qint64 id) const;
    /// Whether conversation `id` is in the list, listed (a row) or in a collapsed folder.
    bool contains(qint64 id) const { return order_.contains(id); }
    /// The folder conversation `id` is listed in (setLibrary), 0 for none or an unknown id: where the sidebar scrolls
    /// to show a chat of a collapsed folder.
    Q_INVOKABLE qint64 folderOf(qint64 id) const;
    /// Row of folder `folderId`'s row, or -1.
    Q_INVOKABLE int indexOfFolder(qint64 folderId) const;
    /// The first conversation as setLibrary or setConversations was given them (the most recently used, pinned first),
    /// wherever it is listed (a collapsed folder's too); 0 when there is none.
    qint64 firstConversationId() const { return order_.isEmpty() ? 0 : order_.first(); }
    QVariantList folderList() const;
    /// Title of a conversation id as shown (one line, drawable: shownTitle), or an empty string.
    QString titleOf(qint64 id) const;
    /// Sets the title of conversation `id`'s row in place (dataChanged; no row moves); false when it is not in the
    /// list (in a collapsed folder it is: no row changes). A rename is not use: refreshing the whole list after one
    /// (setConversations) also applied the order of an opening since the last refresh (ConversationStore::markUsed),
    /// so the renamed chat jumped to the top under the pointer (session 32's trial).
    bool setTitle(qint64 id, const QString& title);

signals:
    void countChanged();
    void foldersChanged();
    void folderCollapsedChanged(qint64 folderId, bool collapsed);

private:
    /// One row: a chat (folder.id 0) or a folder.
    struct Row {
        store::Conversation chat;
        store::Folder folder;
        int chatCount = 0;       // a folder row's
        bool collapsed = false;  // a folder row's
        bool inFolder = false;   // a chat row listed under its folder
        QString folderName;      // a chat row's folder, as stored
        bool holdsOpen = false;  // a collapsed folder row holding the open chat
        bool isFolder() const { return folder.id != 0; }
        qint64 key() const { return isFolder() ? -folder.id : chat.id; }  // ids of both kinds are > 0
        bool shownSame(const Row& o) const;
    };
    void setRows(const QList<Row>& rows);
    void rebuild();  // setLibrary's rows again from chats_ and folders_ (a folder collapsed or expanded)

    QList<Row> items_;
    QList<store::Conversation> chats_;  // as setLibrary was given them
    QList<store::Folder> folders_;
    QList<qint64> order_;  // the conversations' ids as given
    QSet<qint64> collapsed_;
    qint64 openId_ = 0;  // setOpenConversation
};

}  // namespace rwkv::app
