// conversation_list_model.cpp — see conversation_list_model.h.
#include "conversation_list_model.h"

#include <QDateTime>
#include <QLocale>
#include <QSet>

#include <algorithm>

#include "conversation_title.h"
#include "list_time.h"

namespace rwkv::app {

ConversationListModel::ConversationListModel(QObject* parent) : QAbstractListModel(parent) {}

int ConversationListModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(items_.size());
}

QVariant ConversationListModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) return {};
    const Row& row = items_.at(index.row());
    if (row.isFolder()) {
        switch (role) {
        case IdRole: return qint64(0);
        case Qt::DisplayRole:
        case TitleRole:
        case FolderNameRole: return shownTitle(row.folder.name);  // one line and drawable, as a title
        case IsFolderRole: return true;
        case FolderIdRole: return row.folder.id;
        case ChatCountRole: return row.chatCount;
        case CollapsedRole: return row.collapsed;
        case UpdatedTextRole: return QString();
        case PinnedRole:
        case OpenedLastRole:
        case InFolderRole: return false;
        case HoldsOpenChatRole: return row.holdsOpen;
        default: return {};
        }
    }
    const store::Conversation& c = row.chat;
    switch (role) {
    case IdRole: return c.id;
    case Qt::DisplayRole:
    case TitleRole: return shownTitle(c.title);  // an imported title may hold newlines, tabs, escape codes, U+FFFC
    case UpdatedAtRole: return QDateTime::fromMSecsSinceEpoch(c.updated_at);
    case UpdatedTextRole: {
        // The time of last use (opened or written to), by which the list is sorted: the last message's time read as
        // unsorted once a few conversations had been opened (01:45, 01:24, 01:25, 01:23; session 20's trial, F17).
        return listTime(std::max(c.updated_at, c.last_used_at));
    }
    case PinnedRole: return c.pinned;
    case LastUsedAtRole: return QDateTime::fromMSecsSinceEpoch(c.last_used_at);
    case OpenedLastRole: return c.last_used_at > c.updated_at;  // a message sets both (touchConversation)
    case IsFolderRole: return false;
    case FolderIdRole: return row.folderName.isNull() ? qint64(0) : c.folder_id;
    case FolderNameRole: return shownTitle(row.folderName);
    case ChatCountRole: return 0;
    case CollapsedRole: return false;
    case InFolderRole: return row.inFolder;
    case HoldsOpenChatRole: return false;
    default: return {};
    }
}

QHash<int, QByteArray> ConversationListModel::roleNames() const {
    return {{IdRole, "conversationId"}, {TitleRole, "title"}, {UpdatedAtRole, "updatedAt"},
            {UpdatedTextRole, "updatedText"}, {PinnedRole, "pinned"}, {LastUsedAtRole, "lastUsedAt"},
            {OpenedLastRole, "openedLast"}, {IsFolderRole, "isFolder"}, {FolderIdRole, "folderId"},
            {FolderNameRole, "folderName"}, {ChatCountRole, "chatCount"}, {CollapsedRole, "collapsed"},
            {InFolderRole, "inFolder"}, {HoldsOpenChatRole, "holdsOpenChat"}};
}

bool ConversationListModel::Row::shownSame(const Row& o) const {
    if (isFolder())
        return folder.name == o.folder.name && chatCount == o.chatCount && collapsed == o.collapsed &&
               holdsOpen == o.holdsOpen;
    return chat.title == o.chat.title && chat.updated_at == o.chat.updated_at && chat.pinned == o.chat.pinned &&
           chat.last_used_at == o.chat.last_used_at && chat.folder_id == o.chat.folder_id && inFolder == o.inFolder &&
           folderName == o.folderName;
}

void ConversationListModel::setConversations(const QList<store::Conversation>& conversations) {
    QList<Row> rows;
    rows.reserve(conversations.size());
    order_.clear();
    for (const store::Conversation& c : conversations) {
        rows.append({c, {}, 0, false, false, {}});
        order_.append(c.id);
    }
    const bool hadFolders = !folders_.isEmpty();
    chats_.clear();
    folders_.clear();
    setRows(rows);
    if (hadFolders) emit foldersChanged();
}

void ConversationListModel::setLibrary(const QList<store::Conversation>& conversations,
                                       const QList<store::Folder>& folders) {
    const bool foldersMoved = [&] {
        if (folders.size() != folders_.size()) return true;
        for (qsizetype i = 0; i < folders.size(); ++i)
            if (folders[i].id != folders_[i].id || folders[i].name != folders_[i].name) return true;
        return false;
    }();
    chats_ = conversations;
    folders_ = folders;
    order_.clear();
    for (const store::Conversation& c : conversations) order_.append(c.id);
    rebuild();
    if (foldersMoved) emit foldersChanged();
}

void ConversationListModel::rebuild() {
    QHash<qint64, QList<const store::Conversation*>> filed;  // by folder, in the order given
    QHash<qint64, QString> names;
    for (const store::Folder& f : folders_) names.insert(f.id, f.name);
    QList<Row> rows, pinned, unfiled;
    for (const store::Conversation& c : chats_) {
        if (names.contains(c.folder_id)) {
            filed[c.folder_id].append(&c);
            continue;
        }
        (c.pinned ? pinned : unfiled).append({c, {}, 0, false, false, {}});
    }
    rows = pinned;
    for (const store::Folder& f : folders_) {
        const QList<const store::Conversation*> in = filed.value(f.id);
        const bool collapsed = collapsed_.contains(f.id);
        const bool holdsOpen = collapsed && std::any_of(in.begin(), in.end(), [this](const store::Conversation* c) {
            return c->id == openId_;
        });
        rows.append({{}, f, int(in.size()), collapsed, false, {}, holdsOpen});
        if (collapsed) continue;
        for (const store::Conversation* c : in) rows.append({*c, {}, 0, false, true, f.name});
    }
    rows.append(unfiled);
    setRows(rows);
}

void ConversationListModel::setOpenConversation(qint64 id) {
    if (id == openId_) return;
    openId_ = id;
    if (!folders_.isEmpty()) rebuild();  // row by row: only the folder rows whose mark changes
}

void ConversationListModel::setCollapsedFolders(const QSet<qint64>& folderIds) {
    if (folderIds == collapsed_) return;
    collapsed_ = folderIds;
    if (!folders_.isEmpty()) rebuild();
}

void ConversationListModel::setFolderCollapsed(qint64 folderId, bool collapsed) {
    if (collapsed_.contains(folderId) == collapsed) return;
    if (collapsed)
        collapsed_.insert(folderId);
    else
        collapsed_.remove(folderId);
    rebuild();
    emit folderCollapsedChanged(folderId, collapsed);
}

qint64 ConversationListModel::folderOf(qint64 id) const {
    for (const store::Conversation& c : chats_)
        if (c.id == id)
            return std::any_of(folders_.begin(), folders_.end(), [&](const store::Folder& f) { return f.id == c.folder_id; })
                       ? c.folder_id
                       : 0;
    return 0;
}

int ConversationListModel::indexOfFolder(qint64 folderId) const {
    for (int i = 0; i < items_.size(); ++i)
        if (items_.at(i).isFolder() && items_.at(i).folder.id == folderId) return i;
    return -1;
}

QVariantList ConversationListModel::folderList() const {
    QVariantList out;
    for (const store::Folder& f : folders_)
        out.append(QVariantMap{{QStringLiteral("id"), f.id}, {QStringLiteral("name"), shownTitle(f.name)}});
    return out;
}

void ConversationListModel::setRows(const QList<Row>& conversations) {
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
    for (const Row& c : conversations) kept.insert(c.key());
    // 1. Rows whose conversation is gone (deleted, trashed), bottom up, one signal per contiguous run.
    for (qsizetype last = items_.size() - 1; last >= 0; --last) {
        if (kept.contains(items_.at(last).key())) continue;
        qsizetype first = last;
        while (first > 0 && !kept.contains(items_.at(first - 1).key())) --first;
        beginRemoveRows({}, int(first), int(last));
        items_.remove(first, last - first + 1);
        endRemoveRows();
        last = first;
    }
    // 2. The new order top down: rows above `row` are final, so a row is found at or below it (moved up) or is new.
    for (qsizetype row = 0; row < conversations.size(); ++row) {
        const Row& c = conversations.at(row);
        qsizetype at = row;
        while (at < items_.size() && items_.at(at).key() != c.key()) ++at;
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
        const bool shownChanged = !items_.at(row).shownSame(c);
        items_[row] = c;
        if (shownChanged) emit dataChanged(index(int(row)), index(int(row)));
    }
    if (items_.size() != before) emit countChanged();
}

int ConversationListModel::indexOfId(qint64 id) const {
    for (int i = 0; i < items_.size(); ++i)
        if (!items_.at(i).isFolder() && items_.at(i).chat.id == id) return i;
    return -1;
}

QString ConversationListModel::titleOf(qint64 id) const {
    const int row = indexOfId(id);
    if (row >= 0) return shownTitle(items_.at(row).chat.title);
    for (const store::Conversation& c : chats_)  // in a collapsed folder
        if (c.id == id) return shownTitle(c.title);
    return {};
}

bool ConversationListModel::setTitle(qint64 id, const QString& title) {
    for (store::Conversation& c : chats_)
        if (c.id == id) c.title = title;
    const int row = indexOfId(id);
    if (row < 0) return contains(id);  // in a collapsed folder: no row to change
    items_[row].chat.title = title;
    emit dataChanged(index(row), index(row), {Qt::DisplayRole, TitleRole});
    return true;
}

}  // namespace rwkv::app
