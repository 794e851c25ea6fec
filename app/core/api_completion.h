// api_completion.h — one API request's reply (or its `n` replies, decoded together) on the loaded model (no threads,
// no network, no database): its own State, its own cancel flag, the engine's Sampler and Generator as ChatSession (a
// chat) or `rwkv-cli generate` (a raw prompt) use them; and ApiStateCache, the states after recent API replies (an
// RNN's state holds everything read, so a client that sends its history or its prompt again, longer, is read only
// the new part).
// InferenceWorker::runApiCompletion runs it on the worker thread (docs/api.md).
#pragma once

#include <QString>

#include <atomic>
#include <exception>
#include <cstdint>
#include <functional>
#include <list>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "api_request.h"
#include "api_responses.h"
#include "rwkv/model.h"
#include "rwkv/state.h"
#include "rwkv/tokenizer.h"

namespace rwkv::app {

/// One request as ApiServer queues it to the worker.
struct ApiJob {
    quint64 id = 0;
    ApiRequest request;
    /// Set by ApiServer when the client went away, the server stops or the model changes: the reply ends within a
    /// token (or a prefill chunk). Never the window's Stop, whose flag is the worker's own.
    std::shared_ptr<std::atomic<bool>> cancel = std::make_shared<std::atomic<bool>>(false);
    /// The ids its reply's objects carry. A Response's id ("resp_…"): the state after it is kept under it, with its
    /// response object (unless request.response.store is false).
    ApiReplyIds ids;
    QString messageId;  ///< a Response's output message ("msg_…")
    /// Test hook (ApiServer::setReplyPaceMs): a pause after each streamed piece, so that a test can disconnect or
    /// change the model mid-reply. 0 = none.
    int paceMs = 0;
};

/// A reply written whole: its request's `n` choices.
struct ApiOutcome {
    /// choices[i]: reply i, stop string excluded, outer blanks stripped (its streamed pieces joined), and whether
    /// max_tokens ended it. One for n = 1 and for a Response.
    std::vector<ApiChoice> choices;
    ApiUsage usage;  ///< completion_tokens: the sum over the choices
    /// A Response's object (responseJson), as its POST answers it and GET /v1/responses/{id} returns it; else empty.
    QByteArray response;
};

/// The states after the last few API replies, each keyed by the exact tokens read to reach it (the prompt's, the
/// reply's, a chat's turn separator), least recently used dropped first. A prompt whose tokens start with a kept
/// state's reads only the rest from a copy of it: the same tokens in the same order as from a new state, so the
/// reply is a fresh server's. Lives on the worker thread; the kept responses' objects may also be read and dropped
/// from another (the server's: GET and DELETE /v1/responses/{id} wait for no reply being written).
class ApiStateCache {
public:
    /// Two a request of n = 1 (the states after its prompt but the last token, and after its reply), one of n > 1:
    /// the last four requests' at least. Each is the model's state size (a 7.2B model's: 33 MiB).
    static constexpr std::size_t kCapacity = 8;

    /// The longest kept token sequence that `prompt` starts with (and is shorter than it), with a copy of its state.
    struct Hit {
        std::size_t tokens = 0;
        State state;
    };
    std::optional<Hit> longestPrefixOf(std::span<const std::int32_t> prompt);
    void put(std::vector<std::int32_t> tokens, State state);
    /// Drops every state (the model changed).
    void clear();
    std::size_t size() const noexcept { return entries_.size(); }

    /// The states after the last kResponseCapacity responses of POST /v1/responses (store: true), by response id,
    /// least recently used (made or continued) dropped first: previous_response_id continues from one.
    static constexpr std::size_t kResponseCapacity = kApiKeptResponses;
    struct KeptResponse {
        State state;
        std::size_t tokens = 0;  ///< tokens the state has read (the whole conversation)
        std::optional<std::string> instructions;  ///< the conversation's System turn, as its first request sent it
        QByteArray json;  ///< the response object as its POST answered it (GET /v1/responses/{id}), a few KiB
        QJsonArray inputItems;  ///< its request's input items, with their ids (GET /v1/responses/{id}/input_items)
    };
    /// A copy of the state kept after response `id` (it stays kept: a response may be continued more than once), or
    /// nullopt when none is (never made, store: false, dropped, deleted, or the model changed).
    std::optional<KeptResponse> response(const QString& id);
    void keepResponse(const QString& id, KeptResponse kept);
    std::size_t responseCount() const;

    /// The object of response `id` as its POST answered it, or nullopt when its state is not kept. Any thread; the
    /// order of use is not changed (it is not a continuation).
    std::optional<QByteArray> responseJson(const QString& id) const;
    /// The input items of response `id`'s request (GET /v1/responses/{id}/input_items), or nullopt when its state is
    /// not kept. Any thread; as responseJson, not a use.
    std::optional<QJsonArray> responseInputItems(const QString& id) const;
    /// Forgets response `id` (DELETE /v1/responses/{id}): at once, neither response() nor responseJson() finds it.
    /// Any thread: its state — the backend's memory, perhaps a GPU's — is freed on the worker thread, by
    /// releaseDropped() or this cache's next use there. False when it was not kept.
    bool dropResponse(const QString& id);
    /// Frees the states dropResponse() let go of (the worker thread).
    void releaseDropped();

private:
    struct Entry {
        std::vector<std::int32_t> tokens;
        State state;
    };
    std::list<Entry> entries_;  // most recently used first
    mutable std::mutex responsesMutex_;  // responses_ and dropped_ (the server's thread reads and drops)
    std::list<std::pair<QString, KeptResponse>> responses_;  // most recently used first
    std::vector<State> dropped_;  // deleted by the server's thread, freed on the worker's
};

/// A request the worker cannot answer although it was well formed (a previous response whose state is not kept):
/// the error to answer with.
struct ApiRequestRefused : std::exception {
    explicit ApiRequestRefused(ApiError e) : error(std::move(e)) {}
    const char* what() const noexcept override { return "the API request was refused"; }
    ApiError error;
};

/// Writes the reply to `request` with `model` and `tokenizer`: the prompt read from a new state (or from the cache's
/// longest kept prefix of it; `cache` may be null), then sampled until a client's stop string, end of text or
/// max_tokens — and for a chat "\n\n". With request.choices = n > 1 the prompt is read once and the n replies are
/// decoded together (rwkv::generate_several), choice i sampled with seed + i (so a seeded choice i is the n = 1
/// reply of seed + i; without a seed each draws its own). `onText(i, piece)` gets each piece of choice i as it is
/// written (valid UTF-8; choice i's pieces joined equal ApiOutcome::choices[i].text): a chat's blanks at the end are
/// held back until text follows them; a completion's echo is each choice's first piece. Throws Error(Cancelled) when
/// `cancel` is set (every choice stops), other rwkv::Errors as the engine does. States go into `cache` (a chat's, a
/// completion's, or a Response's that continues none): the one after the prompt but its last token, keyed by those
/// tokens (the same prompt sent again, or one that extends it, reads only the rest; n > 1: whichever choice the
/// client sends back, only it and the rest are read), and with n = 1 the one after the reply, keyed by its tokens; a
/// Response's (store: true) also under job.ids.id, with ApiOutcome::response, its object. A Response with
/// previous_response_id keeps none by its tokens (they are only its new turns) and begins from the
/// state kept after that one, or throws ApiRequestRefused (400) when it is not kept or the instructions differ from
/// that conversation's. With n > 1, `onChoiceEnd(i, lengthLimit)` is called once choice i has ended (its last piece
/// given; `lengthLimit` as ApiChoice's) while the others may go on — not for a cancelled choice; with n = 1 it is not
/// called (the answer's end is the choice's).
ApiOutcome runApiCompletion(Model& model, const Tokenizer& tokenizer, ApiStateCache* cache, const ApiJob& job,
                            const std::function<void(std::size_t choice, std::string_view piece)>& onText,
                            const std::function<void(std::size_t choice, bool lengthLimit)>& onChoiceEnd = {});

}  // namespace rwkv::app
