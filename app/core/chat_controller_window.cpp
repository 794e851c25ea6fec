// chat_controller_window.cpp — ChatController: a window of a long branch around a search hit. The rows above it come
// as the older pages do (loadOlderMessages); the rows below it, down to the branch's last message, as the view is
// scrolled down (loadNewerMessages), from the ids of the path between them (ConversationStore::idsBelow), read once.
// Tested in tests/app/test_long_branch.cpp.
#include <QScopeGuard>

#include <algorithm>

#include "chat_controller.h"
#include "store_error_text.h"

namespace rwkv::app {

void ChatController::readRows(QList<store::Message>& rows) {
    for (store::Message& m : rows) {
        showUnsaved(m);
        noteDamage(m);
    }
}

void ChatController::showRows(QList<store::Message>& rows, bool olderLeft, bool newerLeft) {
    const bool streamingHere = generating_ && streamingConversationId_ == currentId_ && streamingMessageId_ != 0;
    readRows(rows);
    messages_.setMessages(rows, streamingHere ? streamingMessageId_ : 0, streamingText_, olderLeft, newerLeft);
}

bool ChatController::readWindow(qint64 top, int above, int below, qint64 leaf) {
    const std::optional<QList<qint64>> path = store_.idsBelow(top, leaf);
    if (!path) return false;
    const int n = int(std::min<qsizetype>(below, path->size()));
    store::ConversationStore::BranchPage page = store_.branchPage(n > 0 ? path->at(n - 1) : top, above + n);
    newerPath_ = path->mid(n);
    showRows(page.messages, page.olderLeft, !newerPath_.isEmpty());
    return true;
}

bool ChatController::loadNewerMessages() {
    if (currentId_ == 0 || !messages_.hasNewer()) return false;
    const QStringList damagedBefore = damagedMessages_;
    const auto announce = qScopeGuard([&] {
        if (damagedMessages_ != damagedBefore) emit damageNoteChanged();
    });
    try {
        const int n = int(std::min<qsizetype>(kPageMessages, newerPath_.size()));
        store::ConversationStore::BranchPage page =
            n > 0 ? store_.branchPage(newerPath_.at(n - 1), n) : store::ConversationStore::BranchPage{};
        QList<qint64> ids;
        for (const store::Message& m : page.messages) ids << m.id;
        if (n == 0 || ids != newerPath_.mid(0, n)) {  // the branch changed under the window (a deletion): it ends here
            newerPath_.clear();
            messages_.appendNewer({}, false);
            return false;
        }
        newerPath_.remove(0, n);
        readRows(page.messages);
        messages_.appendNewer(page.messages, !newerPath_.isEmpty());
        return true;
    } catch (const std::exception&) {
        setViewError([error = std::current_exception()] {
            return tr("Could not read the messages: %1").arg(storeErrorText(error));
        });
        return false;
    }
}

}  // namespace rwkv::app
