// library_controller.h — the conversation library beside the chat: full-text search, pin, folders, delete with Undo (the
// trash keeps conversations 30 days), the trash list with restore and delete-forever, and the space saved states take
// with "Free space used by saved states" (library_controller_states.cpp). Works through the store and ChatController
// (which owns the list, the selection and the reply in progress). Exposed to QML as "Library".
// Tested in tests/app/test_library_controller.cpp and test_library_states.cpp.
#pragma once

#include <QObject>
#include <QString>
#include <QThreadPool>

#include <functional>

#include "conversation_list_model.h"
#include "search_result_model.h"

namespace rwkv::store {
class ConversationStore;
enum class FolderNameProblem;
}

namespace rwkv::app {

class ChatController;

/// The window's words for a folder name the store refuses (FolderNameError::problem; `taken`: the other folder's name,
/// for Taken): the folder dialog's line under its field, a failed change's banner and an import's banner.
QString folderNameText(store::FolderNameProblem problem, const QString& taken = {});

class LibraryController : public QObject {
    Q_OBJECT
    Q_PROPERTY(rwkv::app::SearchResultModel* searchResults READ searchResults CONSTANT)
    Q_PROPERTY(QString searchText READ searchText NOTIFY searchTextChanged)
    Q_PROPERTY(bool searching READ searching NOTIFY searchTextChanged)
    /// The search box's maximumLength (kMaxSearchLength).
    Q_PROPERTY(int maxSearchLength READ maxSearchLength CONSTANT)
    Q_PROPERTY(rwkv::app::ConversationListModel* trash READ trash CONSTANT)
    Q_PROPERTY(int trashCount READ trashCount NOTIFY trashChanged)
    /// Title of the conversation just moved to the trash; empty when there is nothing to undo.
    Q_PROPERTY(QString undoTitle READ undoTitle NOTIFY undoChanged)
    /// The space saved states take (store::StateStorage), as last read by refreshStateStorage(): false until then.
    Q_PROPERTY(bool stateStorageKnown READ stateStorageKnown NOTIFY stateStorageChanged)
    Q_PROPERTY(qint64 stateBytes READ stateBytes NOTIFY stateStorageChanged)
    /// The chats that hold saved states: those the sidebar lists, and those in the trash, counted apart.
    Q_PROPERTY(int stateChats READ stateChats NOTIFY stateStorageChanged)
    Q_PROPERTY(int stateChatsInTrash READ stateChatsInTrash NOTIFY stateStorageChanged)
    Q_PROPERTY(qint64 databaseBytes READ databaseBytes NOTIFY stateStorageChanged)
    /// True while freeStateSpace() runs (on its own thread).
    Q_PROPERTY(bool freeingStates READ freeingStates NOTIFY freeingStatesChanged)
    /// What the last freeStateSpace() did (store::ThinResult): -1 states until one has finished.
    Q_PROPERTY(int statesFreed READ statesFreed NOTIFY statesFreedChanged)
    Q_PROPERTY(qint64 bytesFreed READ bytesFreed NOTIFY statesFreedChanged)
    /// Why the file could not be made smaller: "" (it was), "full" (the disk is full) or SQLite's words.
    Q_PROPERTY(QString notShrunk READ notShrunk NOTIFY statesFreedChanged)

public:
    /// The longest search, in characters (UTF-16 units): search() and the search box keep a longer text's first ones.
    /// A 1 MB paste into the box took the app from 345 to 1,035 MB and kept it there after clearing (session 39's
    /// trial); a message is found by any part of it, and a part of 1,000 characters finds it as well.
    static constexpr int kMaxSearchLength = 1000;

    LibraryController(store::ConversationStore& store, ChatController& chat, QObject* parent = nullptr);
    /// Waits for a reading of the saved states' space or a freeing still running (they use the store).
    ~LibraryController() override;

    SearchResultModel* searchResults() { return &results_; }
    QString searchText() const { return searchText_; }
    bool searching() const { return !searchText_.trimmed().isEmpty(); }
    int maxSearchLength() const { return kMaxSearchLength; }
    ConversationListModel* trash() { return &trash_; }
    int trashCount() const { return trash_.rowCount(); }
    QString undoTitle() const { return undoTitle_; }
    bool stateStorageKnown() const { return stateStorageKnown_; }
    qint64 stateBytes() const { return stateBytes_; }
    int stateChats() const { return stateChats_; }
    int stateChatsInTrash() const { return stateChatsInTrash_; }
    qint64 databaseBytes() const { return databaseBytes_; }
    bool freeingStates() const { return freeingStates_; }
    int statesFreed() const { return statesFreed_; }
    qint64 bytesFreed() const { return bytesFreed_; }
    QString notShrunk() const { return notShrunk_; }

    /// Searches every message of every conversation not in the trash (an empty text clears the results) for the first
    /// kMaxSearchLength characters of `text` (never half a surrogate pair) without its invisible formatting characters
    /// (isInvisibleFormat: searchText, and so the search box, holds the letters a title shows; the store looks past them
    /// in messages).
    Q_INVOKABLE void search(const QString& text);
    /// The open search (if any) read again, e.g. once an import has written a conversation: its hits follow the
    /// library without the user typing again. Not a user action (no uiActionStarted).
    void refreshSearch();
    /// Opens a hit: its conversation, on the branch holding the message (ChatController::showMessage).
    Q_INVOKABLE void openResult(qint64 conversationId, qint64 messageId);
    Q_INVOKABLE bool setPinned(qint64 conversationId, bool pinned);

    /// The longest folder name (store::ConversationStore::kMaxFolderNameLength), the folder dialog's maximumLength.
    Q_INVOKABLE int maxFolderNameLength() const;
    /// Why `name` cannot be folder `folderId`'s name (0: a new folder's), in the window's language — "A folder needs a
    /// name.", "There is already a folder named “Work”." — or "" when it can: the folder dialog's note and its OK.
    Q_INVOKABLE QString folderNameProblem(const QString& name, qint64 folderId = 0) const;
    /// Makes a folder named `name` (trimmed) and, when `conversationId` is not 0, files that chat in it (the "⋯" menu's
    /// "New folder…"). Returns the folder's id, 0 when it could not be made (the banner says why).
    Q_INVOKABLE qint64 createFolder(const QString& name, qint64 conversationId = 0);
    Q_INVOKABLE bool renameFolder(qint64 folderId, const QString& name);
    /// What Delete folder… asks, in the window's language: folder `name` (as the sidebar shows it) and its `chatCount`
    /// chats, which stay — "Delete the folder “Work”? It holds no chats." for 0, "Its 1 chat will stay, listed outside
    /// any folder." for 1 (the translations' %n forms). It said "0 chats will be listed" (session 48's trial).
    Q_INVOKABLE QString deleteFolderQuestion(const QString& name, int chatCount) const;
    /// Deletes a folder; its chats move out of it, none is deleted (those in the trash too).
    Q_INVOKABLE bool deleteFolder(qint64 folderId);
    /// Files a chat in folder `folderId`, or takes it out of its folder (0). Its place by last use stays.
    Q_INVOKABLE bool moveToFolder(qint64 conversationId, qint64 folderId);
    /// Moves a conversation to the trash (ChatController::deleteConversation) and offers Undo.
    Q_INVOKABLE bool moveToTrash(qint64 conversationId);
    /// Takes the conversation last moved to the trash back out and selects it.
    Q_INVOKABLE bool undo();
    Q_INVOKABLE void dismissUndo();
    Q_INVOKABLE void refreshTrash();
    /// Takes `conversationId` out of the trash and opens it.
    Q_INVOKABLE bool restore(qint64 conversationId);
    /// Deletes a conversation in the trash for good; emits deletedForever when it is gone.
    Q_INVOKABLE bool deleteForever(qint64 conversationId);
    /// Deletes every conversation in the trash for good; stops at the first that cannot be (the banner says why).
    Q_INVOKABLE void emptyTrash();
    /// `name` (a title, a file name) as a sentence of the window quotes it: models::isolated, for the texts made in QML
    /// (the undo bar, the delete and replace questions).
    Q_INVOKABLE QString isolated(const QString& name) const;
    /// `pattern` with each %1…%9 replaced by that element of `args` in one pass (QString::arg of several arguments):
    /// QML's String.arg takes one, and a chain of them read a "%2" inside the first value (a path, a title) as the
    /// next placeholder ("u9%1%2/cfg" came out "u9Permission denied…", session 36's check). A %N past `args` stays.
    Q_INVOKABLE QString filled(const QString& pattern, const QStringList& args) const;

    /// Reads the space saved states take (ConversationStore::stateStorage) on a thread of its own, then emits
    /// stateStorageChanged: Settings → Folders shows it each time it opens. A call while one runs reads once more after.
    Q_INVOKABLE void refreshStateStorage();
    /// "Free space used by saved states" (ConversationStore::thinSavedStates) on a thread of its own: freeingStates
    /// until it ends, then statesFreed… and the figure read again; a failure is said in the banner. Refused (false,
    /// nothing done) while a reply is being written (ChatController::writingConversationId: its state is saved at its
    /// end, and the window says to wait), while one runs, and in a read-only library.
    Q_INVOKABLE bool freeStateSpace();
    /// `bytes` as the window writes sizes ("1.20 GB": models::humanBytes).
    Q_INVOKABLE QString bytesText(qint64 bytes) const;

signals:
    void searchTextChanged();
    void trashChanged();
    void undoChanged();
    /// `conversationId` was deleted for good (deleteForever, emptyTrash): its unsent text goes with it (main.cpp drops
    /// its draft; before, a quit asked about the text of a chat that no longer existed, session 36's check).
    void deletedForever(qint64 conversationId);
    /// A user action whose time to the next frame the timing log measures ("search"; RWKV_TIMING=1).
    void uiActionStarted(const QString& action);
    void stateStorageChanged();
    void freeingStatesChanged();
    void statesFreedChanged();

private:
    /// Runs `change` on the store under the window's short lock wait (ChatController::kChangeLockWaitMs). When it
    /// throws, the banner says `failed()` (a translated "Could not …: %1", asked again after a language switch) filled
    /// with the store's words (a FolderNameError: what is wrong with `typedName`), and false is returned.
    bool changeLibrary(const std::function<void()>& change, QString (*failed)(), const QString& typedName = {});

    store::ConversationStore& store_;
    ChatController& chat_;
    SearchResultModel results_;
    ConversationListModel trash_;
    QString searchText_;
    QString undoTitle_;
    qint64 undoId_ = 0;
    bool stateStorageKnown_ = false;
    qint64 stateBytes_ = 0;
    int stateChats_ = 0;
    int stateChatsInTrash_ = 0;
    qint64 databaseBytes_ = 0;
    bool readingStates_ = false, readStatesAgain_ = false;
    bool freeingStates_ = false;
    int statesFreed_ = -1;
    qint64 bytesFreed_ = 0;
    QString notShrunk_;
    QThreadPool pool_;  // the readings and the freeing, one at a time; waited for when this is destroyed
};

}  // namespace rwkv::app
