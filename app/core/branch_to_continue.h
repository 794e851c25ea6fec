// branch_to_continue.h — which branch of a conversation is shown (also for a search hit) and continued. The app opens
// a conversation on it (ChatController::setCurrent) and `rwkv-cli chat --conversation ID` sends after it, so both
// continue the same one.
// Tests: tests/app/test_chat_controller.cpp (reopensOnTheBranchLastViewed), test_library_controller.cpp
// (regenerateKilledBeforeItsFirstWordOpensOnTheOldReply, searchHitOpensTheVersionViewedLast), test_export.cpp
// (markdownShowsTheBranchViewedLast), tests/cli/test_cli_conversations.cpp (chatContinuesTheBranchLastViewed).
#pragma once

#include <QtGlobal>

#include "store/conversation_store.h"

namespace rwkv::app {

/// The last message of the branch to show and continue: the branch viewed last (ConversationStore::viewedLeaf,
/// grown to its newest message), else the newest branch. A branch ending in a reply killed before its first word
/// (empty and unfinished: a regenerate cut off by a crash) gives way to the newest sibling reply that has text, whose
/// turn the next message must read again. `streamingReplyId` is a reply being written now (never skipped; 0 = none).
/// Returns 0 for "the newest branch" (ConversationStore::messages). Throws store::StoreError.
qint64 leafToShow(const store::ConversationStore& store, qint64 conversationId, qint64 streamingReplyId = 0);

/// The last message of the branch to show for a search hit `messageId`: `shownLeafId` (the branch shown or opened on,
/// leafToShow; 0 = the newest branch) when that branch holds the hit, so that the chat opens on the version looked at
/// last, as from the sidebar; else the newest message under the hit (its own branch: the hit is in another version).
/// Never 0 for a message of the conversation; 0 when `messageId` is unknown. Throws store::StoreError.
qint64 leafShowing(const store::ConversationStore& store, qint64 conversationId, qint64 shownLeafId, qint64 messageId);

/// The parent of a new message sent after the branch ending in `last`: `last` itself; a question left without a reply
/// (an old crash) is answered as an edit of it, so its parent. 0 when the conversation is empty (last.id == 0).
qint64 parentForNewMessage(const store::Message& last);

}  // namespace rwkv::app
