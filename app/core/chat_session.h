// chat_session.h — one chat turn end to end, shared by the GUI worker and `rwkv-cli chat` (no threads, no QObject):
// commit the user message, find the conversation's state (memory cache -> SQLite blob -> re-prefill from text),
// generate, then save reply + state in one transaction. Tested in tests/app/test_chat_session.cpp.
#pragma once

#include <QString>

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <stdexcept>
#include <string_view>

#include "rwkv/generator.h"
#include "rwkv/model.h"
#include "rwkv/sampler.h"
#include "rwkv/tokenizer.h"

namespace rwkv::store {
class ConversationStore;
}

namespace rwkv::app {

/// A turn that cannot start (empty message, unknown conversation). what() is a sentence for the user.
class ChatError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// How one reply is generated. Defaults: the official chat demo (RWKV-7 spec §8.5).
struct ChatParams {
    SamplerParams sampler;
    int maxTokens = 512;
    /// The GUI draws a new sampler.seed for every reply (so regenerating gives another answer); tests and
    /// rwkv-cli --seed keep the given one for reproducible replies.
    bool newSeedPerTurn = false;
};

/// Where the state a turn continued from came from.
enum class StateSource {
    Fresh,        ///< first turn of the conversation: nothing to resume
    Memory,       ///< the in-memory cache of this session
    SavedState,   ///< the conversation's state blob in SQLite (zero re-prefill)
    Reprefill,    ///< rebuilt by re-reading the stored conversation text
};

/// What happened during one turn.
struct TurnStats {
    qint64 conversationId = 0;
    qint64 userMessageId = 0;
    qint64 assistantMessageId = 0;
    QString reply;                   ///< the final assistant text (partial when stopped)
    StopReason reason = StopReason::StopString;
    bool stopped = false;            ///< the user pressed Stop
    bool replySaved = false;         ///< the reply and the state were saved (false: stopped during prefill)
    StateSource source = StateSource::Fresh;
    bool resumedFromState = false;   ///< source is Memory or SavedState
    QString resumeNote;              ///< why the state was rebuilt (empty when resumed or fresh)
    qint64 reprefillMessages = 0;    ///< stored messages re-read (Reprefill only)
    qint64 prefillTokens = 0;        ///< tokens fed before decoding (history, if re-read, plus this turn)
    qint64 decodeTokens = 0;
    double prefillMs = 0;
    double decodeMs = 0;
    double totalMs = 0;
    double decodeTokensPerSecond() const { return decodeMs > 0 ? decodeTokens * 1000.0 / decodeMs : 0.0; }
};

/// Runs chat turns for one loaded model. The model, tokenizer and store must outlive the session.
/// Not thread-safe by itself: use it from one thread (the store may be shared, it locks internally).
class ChatSession {
public:
    using DeltaFn = std::function<void(std::string_view)>;
    /// Called once the user message and the empty assistant placeholder are committed, before prefill.
    using StartedFn = std::function<void(qint64 userMessageId, qint64 assistantMessageId)>;
    using ProgressFn = std::function<void(std::size_t done, std::size_t total)>;

    ChatSession(store::ConversationStore& store, Model& model, const Tokenizer& tokenizer);

    /// Runs one turn. Throws ChatError for an empty/whitespace-only message or an unknown conversation (nothing
    /// is written then); rwkv::Error / store::StoreError when the engine or the database fails (the user message
    /// stays committed, the reply stays unfinished). A cancel returns normally with stats.stopped = true: during
    /// decoding the partial reply is saved as finished together with a state that ends at a turn boundary;
    /// during prefill there is no reply yet, so the placeholder stays empty and unfinished and no state is saved
    /// (the next turn resumes from the previous one).
    TurnStats runTurn(qint64 conversationId, const QString& userText, const ChatParams& params,
                      const DeltaFn& onDelta = {}, const std::atomic<bool>* cancel = nullptr,
                      const StartedFn& onStarted = {}, const ProgressFn& onPrefillProgress = {});

    /// Drops the cached state of a conversation (after it was deleted, or to force a reload from SQLite).
    void forget(qint64 conversationId);
    /// The cached state of a conversation, or nullptr (for tests and diagnostics).
    const State* cachedState(qint64 conversationId) const;

    Model& model() noexcept { return model_; }
    const Tokenizer& tokenizer() const noexcept { return tokenizer_; }

    /// Conversations whose state is kept in memory at most (least recently used dropped first).
    static constexpr std::size_t kMaxCachedStates = 8;

private:
    struct Resume {
        State state;
        StateSource source = StateSource::Fresh;
        QString note;
        std::string historyText;  // text to feed before the user turn (Reprefill only)
        qint64 historyMessages = 0;
        bool firstTurn = true;
    };
    struct CachedState {
        std::string fingerprint;
        qint64 anchorMessageId = 0;  // the assistant message after which the state was taken
        State state;
        std::uint64_t lastUse = 0;
    };

    Resume takeState(qint64 conversationId, qint64 anchorMessageId, const QString& systemPrompt);
    void remember(qint64 conversationId, qint64 anchorMessageId, State state);

    store::ConversationStore& store_;
    Model& model_;
    const Tokenizer& tokenizer_;
    std::string fingerprint_;
    std::map<qint64, CachedState> cache_;
    std::uint64_t useCounter_ = 0;
};

/// "New chat" titles: the first words of a message, at most maxChars characters, with an ellipsis.
QString titleFromMessage(const QString& text, int maxChars = 40);

}  // namespace rwkv::app
