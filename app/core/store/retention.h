// store/retention.h — which state snapshots of a conversation to keep (docs/conversations.md "Retention").
// Pure logic over the message tree, no SQL; ConversationStore applies it after every snapshot write.
// Tested in tests/app/test_store_snapshots.cpp.
#pragma once

#include <QtGlobal>

#include <vector>

namespace rwkv::store {

/// Kept: the newest `recentPerBranch` snapshots on every branch (root-to-leaf path), so the newest state of
/// every branch and the state before its last turns (regenerate, edit) are exact; snapshots at every
/// `everyNthTurn`-th turn, so anything pruned is re-derived from at most N-1 turns of text; and fork points
/// (the state before a regenerated or edited turn), so regenerating again starts from the very same state; and the
/// messages another chat was made from ("New chat from here"), so the next chat made there goes on without reading
/// the text again.
struct RetentionPolicy {
    int recentPerBranch = 2;     ///< >= 1: the newest snapshot of every branch is always kept
    int everyNthTurn = 8;        ///< 0 = no periodic snapshots
    bool keepForkPoints = true;
    bool keepForkSources = true;  ///< RetentionNode::forkSource
    bool operator==(const RetentionPolicy&) const = default;
};

/// One message of the tree as the policy sees it.
struct RetentionNode {
    qint64 id = 0;
    qint64 parent_id = 0;  ///< 0 = root
    bool assistant = false;
    bool forkSource = false;  ///< a chat was made from this message (conversations.forked_from_message_id, the trash too)
};

/// One snapshot (of one set of model tags): its row id and the message it was taken after.
struct RetentionSnapshot {
    qint64 id = 0;
    qint64 message_id = 0;
};

/// The ids of the snapshots to delete. Snapshots of messages missing from `tree` are always pruned.
/// `tree` may be in any order; parents missing from it are treated as roots.
std::vector<qint64> snapshotsToPrune(const std::vector<RetentionNode>& tree,
                                     const std::vector<RetentionSnapshot>& snapshots, const RetentionPolicy& policy);

/// The ids of the snapshots that "Free space used by saved states" deletes (ConversationStore::thinSavedStates): every
/// one but the newest on the branch ending at `leafId`, the version the chat opens on and continues from (the first
/// snapshot met walking from that message to the root). `snapshots` are of one set of model tags. A `leafId` missing
/// from `tree` keeps none; a loop of parents ends the walk at the first message seen twice.
std::vector<qint64> snapshotsToThin(const std::vector<RetentionNode>& tree,
                                    const std::vector<RetentionSnapshot>& snapshots, qint64 leafId);

}  // namespace rwkv::store
