// store/retention.cpp — the snapshot retention policy (see retention.h). Tested in tests/app/test_store_snapshots.cpp.
#include "retention.h"

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

namespace rwkv::store {

std::vector<qint64> snapshotsToPrune(const std::vector<RetentionNode>& tree,
                                     const std::vector<RetentionSnapshot>& snapshots, const RetentionPolicy& policy) {
    std::unordered_map<qint64, const RetentionNode*> byId;
    std::unordered_map<qint64, int> childCount;
    for (const RetentionNode& n : tree) byId[n.id] = &n;
    for (const RetentionNode& n : tree)
        if (n.parent_id != 0 && byId.count(n.parent_id)) ++childCount[n.parent_id];
    std::unordered_map<qint64, qint64> snapshotAt;  // message id -> snapshot id
    for (const RetentionSnapshot& s : snapshots) snapshotAt[s.message_id] = s.id;

    auto parentOf = [&](qint64 id) -> qint64 {
        const auto it = byId.find(id);
        return it == byId.end() || !byId.count(it->second->parent_id) ? 0 : it->second->parent_id;
    };
    // Turn depth: assistant messages on the path from the root to the message, itself included (memoised). A path
    // whose parents loop (a damaged row; session 22's trial, F1) is counted from the first message seen twice.
    std::unordered_map<qint64, int> depthMemo;
    auto turnDepth = [&](qint64 id) {
        std::vector<qint64> path;
        std::unordered_set<qint64> onPath;
        int depth = 0;
        for (qint64 at = id; at != 0 && onPath.insert(at).second; at = parentOf(at)) {
            if (const auto m = depthMemo.find(at); m != depthMemo.end()) {
                depth = m->second;
                break;
            }
            path.push_back(at);
        }
        for (auto it = path.rbegin(); it != path.rend(); ++it) {
            depth += byId.at(*it)->assistant ? 1 : 0;
            depthMemo[*it] = depth;
        }
        return depthMemo.at(id);
    };

    std::unordered_set<qint64> keep;
    const int recent = std::max(1, policy.recentPerBranch);
    for (const RetentionNode& n : tree) {
        if (childCount.count(n.id)) continue;  // not a leaf
        int found = 0;
        std::unordered_set<qint64> onPath;  // ends a loop of parents, as in turnDepth
        for (qint64 at = n.id; at != 0 && found < recent && onPath.insert(at).second; at = parentOf(at)) {
            if (const auto s = snapshotAt.find(at); s != snapshotAt.end()) {
                keep.insert(s->second);
                ++found;
            }
        }
    }
    for (const RetentionSnapshot& s : snapshots) {
        if (!byId.count(s.message_id)) continue;
        if (policy.everyNthTurn > 0 && turnDepth(s.message_id) % policy.everyNthTurn == 0) keep.insert(s.id);
        if (policy.keepForkPoints) {
            // The state after message M is the one a regenerated or edited turn below M starts from: keep it when
            // M itself, or one of its children, has several children.
            bool fork = childCount.count(s.message_id) && childCount.at(s.message_id) > 1;
            for (const RetentionNode& c : tree)
                if (!fork && c.parent_id == s.message_id && childCount.count(c.id) && childCount.at(c.id) > 1) fork = true;
            if (fork) keep.insert(s.id);
        }
        if (policy.keepForkSources && byId.at(s.message_id)->forkSource) keep.insert(s.id);
    }
    std::vector<qint64> prune;
    for (const RetentionSnapshot& s : snapshots)
        if (!keep.count(s.id)) prune.push_back(s.id);
    return prune;
}

std::vector<qint64> snapshotsToThin(const std::vector<RetentionNode>& tree,
                                    const std::vector<RetentionSnapshot>& snapshots, qint64 leafId) {
    std::unordered_map<qint64, qint64> parent;
    for (const RetentionNode& n : tree) parent[n.id] = n.parent_id;
    std::unordered_map<qint64, qint64> snapshotAt;  // message id -> snapshot id
    for (const RetentionSnapshot& s : snapshots) snapshotAt[s.message_id] = s.id;
    qint64 kept = 0;
    std::unordered_set<qint64> seen;
    for (qint64 at = leafId; at != 0 && parent.count(at) && seen.insert(at).second; at = parent.at(at)) {
        if (const auto s = snapshotAt.find(at); s != snapshotAt.end()) {
            kept = s->second;
            break;
        }
    }
    std::vector<qint64> thin;
    for (const RetentionSnapshot& s : snapshots)
        if (s.id != kept) thin.push_back(s.id);
    return thin;
}

}  // namespace rwkv::store
