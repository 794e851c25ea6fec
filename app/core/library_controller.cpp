// library_controller.cpp — see library_controller.h.
#include "library_controller.h"

#include <algorithm>

#include "chat_controller.h"
#include "conversation_title.h"
#include "models/one_line.h"
#include "store_error_text.h"
#include "store/conversation_store.h"

namespace rwkv::app {

LibraryController::LibraryController(store::ConversationStore& store, ChatController& chat, QObject* parent)
    : QObject(parent), store_(store), chat_(chat) {
    refreshTrash();
}

void LibraryController::search(const QString& text) {
    emit uiActionStarted(QStringLiteral("search"));
    // Without invisible formatting characters, as a shown title (isInvisibleFormat): a U+202E pasted into the box
    // turned the box's text and "No messages match “…”" around (session 39's check); a U+200B pasted with a word made
    // it a word no message holds. The store looks past them in the messages too.
    const QString letters = withoutInvisibleFormat(text);
    qsizetype keep = std::min(letters.size(), qsizetype(kMaxSearchLength));
    if (keep < letters.size() && letters.at(keep - 1).isHighSurrogate()) --keep;  // a pair stays whole or goes
    if (QStringView(letters).first(keep) != searchText_) {
        searchText_ = letters.first(keep);
        emit searchTextChanged();
    } else if (keep != text.size()) {
        emit searchTextChanged();  // the box shows what is searched: a control pasted alone goes from it too
    }
    refreshSearch();
}

void LibraryController::refreshSearch() {
    try {
        results_.setHits(searching() ? store_.search(searchText_) : QList<store::SearchHit>());
    } catch (const std::exception&) {
        results_.setHits({});
        chat_.showError([error = std::current_exception()] { return tr("Search failed: %1").arg(storeErrorText(error)); });
    }
}

void LibraryController::openResult(qint64 conversationId, qint64 messageId) {
    chat_.showMessage(conversationId, messageId, searchText_);  // the words found: where a long message opens
}

bool LibraryController::setPinned(qint64 conversationId, bool pinned) {
    if (!changeLibrary([&] { store_.setPinned(conversationId, pinned); },
                       [] { return tr("Could not pin the conversation: %1"); }))
        return false;
    chat_.refreshConversations();
    return true;
}

int LibraryController::maxFolderNameLength() const { return store::ConversationStore::kMaxFolderNameLength; }

QString folderNameText(store::FolderNameProblem problem, const QString& taken) {
    switch (problem) {
    case store::FolderNameProblem::Empty: return LibraryController::tr("A folder needs a name.");
    case store::FolderNameProblem::TooLong:
        return LibraryController::tr("A folder name has at most %1 characters.")
            .arg(store::ConversationStore::kMaxFolderNameLength);
    case store::FolderNameProblem::ControlCharacter:
        return LibraryController::tr("A folder name is one line, without control or text-direction characters.");
    case store::FolderNameProblem::Taken:
        return LibraryController::tr("There is already a folder named “%1”.").arg(models::isolated(shownTitle(taken)));
    case store::FolderNameProblem::HalfCharacter:  // an import's only: shownTitle draws the half as U+FFFD
        return LibraryController::tr("A folder name cannot hold half a character (shown as �): the file is damaged "
                                     "there.");
    }
    return {};
}

QString LibraryController::folderNameProblem(const QString& name, qint64 folderId) const {
    QString checked;
    try {
        checked = store::ConversationStore::checkedFolderName(name);
    } catch (const store::FolderNameError& e) {
        return folderNameText(e.problem(), {});
    }
    try {
        for (const store::Folder& f : store_.listFolders())
            if (f.id != folderId && store::ConversationStore::sameFolderName(f.name, checked))
                return folderNameText(store::FolderNameProblem::Taken, f.name);
    } catch (const std::exception&) {  // not read: creating says what went wrong
    }
    return {};
}

qint64 LibraryController::createFolder(const QString& name, qint64 conversationId) {
    qint64 id = 0;
    changeLibrary(
        [&] {
            id = store_.createFolder(name);
            if (conversationId != 0) store_.setFolder(conversationId, id);
        },
        [] { return tr("Could not make the folder: %1"); }, name);
    chat_.refreshConversations();  // a folder made before a failed filing is listed too
    return id;
}

bool LibraryController::renameFolder(qint64 folderId, const QString& name) {
    if (!changeLibrary([&] { store_.renameFolder(folderId, name); },
                       [] { return tr("Could not rename the folder: %1"); }, name))
        return false;
    chat_.refreshConversations();
    return true;
}

QString LibraryController::deleteFolderQuestion(const QString& name, int chatCount) const {
    const QString quoted = models::isolated(name);
    if (chatCount <= 0) return tr("Delete the folder “%1”? It holds no chats.").arg(quoted);
    return tr("Delete the folder “%1”? Its %n chat(s) will stay, listed outside any folder.", "", chatCount).arg(quoted);
}

bool LibraryController::deleteFolder(qint64 folderId) {
    if (!changeLibrary([&] { store_.deleteFolder(folderId); }, [] { return tr("Could not delete the folder: %1"); }))
        return false;
    chat_.refreshConversations();
    return true;
}

bool LibraryController::moveToFolder(qint64 conversationId, qint64 folderId) {
    if (!changeLibrary([&] { store_.setFolder(conversationId, folderId); },
                       [] { return tr("Could not move the conversation: %1"); }))
        return false;
    chat_.refreshConversations();
    return true;
}

bool LibraryController::moveToTrash(qint64 conversationId) {
    const std::optional<store::Conversation> c = store_.conversation(conversationId);
    if (!c || !chat_.deleteConversation(conversationId)) return false;
    undoId_ = conversationId;
    undoTitle_ = c->title.isEmpty() ? tr("Untitled") : shownTitle(c->title);  // shown in the undo bar
    emit undoChanged();
    refreshTrash();
    if (searching()) search(searchText_);
    return true;
}

bool LibraryController::undo() {
    if (undoId_ == 0) return false;
    const qint64 id = undoId_;
    dismissUndo();
    if (!restore(id)) return false;
    chat_.selectConversation(id);
    return true;
}

void LibraryController::dismissUndo() {
    if (undoId_ == 0 && undoTitle_.isEmpty()) return;
    undoId_ = 0;
    undoTitle_.clear();
    emit undoChanged();
}

void LibraryController::refreshTrash() {
    const int before = trash_.rowCount();
    try {
        trash_.setConversations(store_.listTrash());
    } catch (const std::exception&) {
        chat_.showError([error = std::current_exception()] { return tr("Could not read the trash: %1").arg(storeErrorText(error)); });
    }
    if (trash_.rowCount() != before) emit trashChanged();
}

bool LibraryController::restore(qint64 conversationId) {
    bool ok = false;
    if (!changeLibrary([&] { ok = store_.restoreConversation(conversationId); },
                       [] { return tr("Could not restore the conversation: %1"); }))
        return false;
    refreshTrash();
    chat_.refreshConversations();
    if (searching()) search(searchText_);
    // Opened, as Undo does: it was listed in the sidebar without a word, the chat shown unchanged (session 28's
    // trial, N4).
    if (ok) chat_.selectConversation(conversationId);
    return ok;
}

bool LibraryController::deleteForever(qint64 conversationId) {
    if (!changeLibrary([&] { store_.deleteConversationForever(conversationId); },
                       [] { return tr("Could not delete the conversation: %1"); }))
        return false;
    if (conversationId == undoId_) dismissUndo();
    refreshTrash();
    emit deletedForever(conversationId);
    return true;
}

bool LibraryController::changeLibrary(const std::function<void()>& change, QString (*failed)(), const QString& typedName) {
    try {
        const store::ConversationStore::LockWaitLimit quick(ChatController::kChangeLockWaitMs);
        change();
        return true;
    } catch (const store::FolderNameError& e) {
        chat_.showError([failed, problem = e.problem(), typed = typedName.trimmed()] {
            return failed().arg(folderNameText(problem, typed));
        });
    } catch (const std::exception&) {
        chat_.showError([failed, error = std::current_exception()] { return failed().arg(storeErrorText(error)); });
    }
    return false;
}

QString LibraryController::isolated(const QString& name) const { return models::isolated(name); }

QString LibraryController::filled(const QString& pattern, const QStringList& args) const {
    QString out;
    out.reserve(pattern.size());
    for (qsizetype i = 0; i < pattern.size(); ++i) {
        const int n = pattern[i] == u'%' && i + 1 < pattern.size() ? pattern[i + 1].digitValue() : -1;
        if (n >= 1 && n <= args.size()) {
            out += args[n - 1];
            ++i;
        } else {
            out += pattern[i];
        }
    }
    return out;
}

void LibraryController::emptyTrash() {
    // Stops at the first that fails: under another program's lock each would wait ChatController::kChangeLockWaitMs
    // and say so again.
    for (const store::Conversation& c : store_.listTrash())
        if (!deleteForever(c.id)) return;
}

}  // namespace rwkv::app
