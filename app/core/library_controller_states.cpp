// library_controller_states.cpp — LibraryController's saved-states part: the figure Settings → Folders shows and
// "Free space used by saved states" (ConversationStore::stateStorage, thinSavedStates), each on the controller's own
// thread so that the window never waits for a large library's VACUUM. Tested in tests/app/test_library_states.cpp.
#include "library_controller.h"

#include <sqlite3.h>

#include <exception>
#include <optional>
#include <utility>

#include "chat_controller.h"
#include "models/disk_space.h"
#include "store/conversation_store.h"
#include "store_error_text.h"

namespace rwkv::app {

LibraryController::~LibraryController() { pool_.waitForDone(); }

QString LibraryController::bytesText(qint64 bytes) const { return models::humanBytes(bytes); }

void LibraryController::refreshStateStorage() {
    if (readingStates_) {
        readStatesAgain_ = true;
        return;
    }
    readingStates_ = true;
    pool_.setMaxThreadCount(1);
    pool_.start([this] {
        std::optional<store::StateStorage> read;
        try {
            read = store_.stateStorage();
        } catch (const std::exception& e) {  // a figure only: left as it was (the library's own errors say more)
            qWarning("rwkv.library: the space of the saved states could not be read: %s", e.what());
        }
        QMetaObject::invokeMethod(this, [this, read] {
            readingStates_ = false;
            if (read) {
                stateStorageKnown_ = true;
                stateBytes_ = read->stateBytes;
                stateChats_ = int(read->chats);
                stateChatsInTrash_ = int(read->chatsInTrash);
                databaseBytes_ = read->fileBytes;
                emit stateStorageChanged();
            }
            if (std::exchange(readStatesAgain_, false)) refreshStateStorage();
        }, Qt::QueuedConnection);
    });
}

bool LibraryController::freeStateSpace() {
    if (freeingStates_ || chat_.writingConversationId() != 0 || store_.isReadOnly()) return false;
    freeingStates_ = true;
    chat_.setFreeingStates(true);  // a turn would wait for the writer the VACUUM holds: refused with why meanwhile
    emit freeingStatesChanged();
    pool_.setMaxThreadCount(1);
    pool_.start([this] {
        std::optional<store::ThinResult> done;
        std::exception_ptr error;
        try {
            done = store_.thinSavedStates();
        } catch (const std::exception&) {
            error = std::current_exception();
        }
        QMetaObject::invokeMethod(this, [this, done, error] {
            freeingStates_ = false;
            chat_.setFreeingStates(false);
            emit freeingStatesChanged();
            if (done) {
                statesFreed_ = int(done->statesDeleted);
                bytesFreed_ = done->freedBytes();
                // The two causes the window words itself (SettingsPage.qml): a full disk, a state's damaged pages.
                notShrunk_ = done->notShrunkCode == 0                ? QString()
                             : done->notShrunkCode == SQLITE_FULL    ? QStringLiteral("full")
                             : done->notShrunkCode == SQLITE_CORRUPT ? QStringLiteral("damaged")
                                                                     : QString::fromStdString(done->notShrunk);
                emit statesFreedChanged();
            } else {
                chat_.showError([error] { return tr("Could not free the space of the saved states: %1")
                                              .arg(storeErrorText(error)); });
            }
            refreshStateStorage();
        }, Qt::QueuedConnection);
    });
    return true;
}

}  // namespace rwkv::app
