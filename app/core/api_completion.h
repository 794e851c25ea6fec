// api_completion.h — one API request's reply on the loaded model (no threads, no network, no database): its own State,
// its own cancel flag, the engine's Sampler and Generator as ChatSession uses them; and ApiStateCache, the states
// after recent API replies (an RNN's state holds the whole conversation, so a client that sends its history again is
// read only its new message). InferenceWorker::runApiCompletion runs it on the worker thread (docs/api.md).
#pragma once

#include <QString>

#include <atomic>
#include <cstdint>
#include <functional>
#include <list>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "api_request.h"
#include "rwkv/model.h"
#include "rwkv/state.h"
#include "rwkv/tokenizer.h"

namespace rwkv::app {

/// One request as ApiServer queues it to the worker.
struct ApiJob {
    quint64 id = 0;
    ApiChatRequest request;
    /// Set by ApiServer when the client went away, the server stops or the model changes: the reply ends within a
    /// token (or a prefill chunk). Never the window's Stop, whose flag is the worker's own.
    std::shared_ptr<std::atomic<bool>> cancel = std::make_shared<std::atomic<bool>>(false);
    /// Test hook (ApiServer::setReplyPaceMs): a pause after each streamed piece, so that a test can disconnect or
    /// change the model mid-reply. 0 = none.
    int paceMs = 0;
};

/// A reply written whole.
struct ApiOutcome {
    QString text;             ///< the reply, stop string excluded, outer blanks stripped (the streamed pieces joined)
    bool lengthLimit = false;  ///< ended at max_tokens
    ApiUsage usage;
};

/// The states after the last few API replies, each keyed by the exact text read to reach it (the prompt, the
/// reply's tokens, the turn separator), least recently used dropped first. Lives on the worker thread.
class ApiStateCache {
public:
    static constexpr std::size_t kCapacity = 4;

    /// The longest kept text that `prompt` starts with (and is shorter than it), with a copy of its state.
    struct Hit {
        std::size_t textBytes = 0;
        State state;
    };
    std::optional<Hit> longestPrefixOf(std::string_view prompt);
    void put(std::string text, State state);
    void clear() { entries_.clear(); }
    std::size_t size() const noexcept { return entries_.size(); }

private:
    struct Entry {
        std::string text;
        State state;
    };
    std::list<Entry> entries_;  // most recently used first
};

/// Writes the reply to `request` with `model` and `tokenizer`: the prompt read from a new state (or from the cache's
/// longest kept prefix of it; `cache` may be null), then sampled until "\n\n", a client's stop string, end of text
/// or max_tokens. `onText` gets each piece as it is written (valid UTF-8; blanks at the end are held back until text
/// follows them, so the pieces joined equal ApiOutcome::text). Throws Error(Cancelled) when `cancel` is set, other
/// rwkv::Errors as the engine does. The state after the reply goes into `cache`.
ApiOutcome runApiCompletion(Model& model, const Tokenizer& tokenizer, ApiStateCache* cache, const ApiJob& job,
                            const std::function<void(std::string_view)>& onText);

}  // namespace rwkv::app
