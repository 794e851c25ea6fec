// chat_session.h — one chat turn end to end, shared by the GUI worker and `rwkv-cli chat` (no threads, no QObject):
// commit the user message, find the state before the turn (hot-state cache -> the snapshot of the previous reply
// -> the nearest kept ancestor snapshot + the text after it -> re-prefill from the start), generate with partial
// replies checkpointed every few seconds, then save reply + snapshots in one transaction. Sends on any branch,
// regenerates and edits (new siblings; nothing is erased). Tested in tests/app/test_chat_session.cpp and
// tests/app/test_chat_branches.cpp; docs/conversations.md.
#pragma once

#include <QString>

#include <atomic>
#include <cstdint>
#include <functional>
#include <limits>
#include <map>
#include <mutex>
#include <set>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>
#include <optional>
#include <utility>

#include "chat_error.h"
#include "sampling_presets.h"
#include "rwkv/generator.h"
#include "rwkv/model.h"
#include "rwkv/sampler.h"
#include "rwkv/tokenizer.h"
#include "store/conversation_store.h"

namespace rwkv::app {

/// How one reply is generated. Defaults: the official chat demo (RWKV-7 spec §8.5).
struct ChatParams {
    SamplerParams sampler;
    int maxTokens = kDefaultReplyTokens;  // a turn on "custom" takes its own (samplingPresetMaxTokens)
    /// The GUI draws a new sampler.seed for every reply (so regenerating gives another answer); tests and
    /// rwkv-cli --seed keep the given one for reproducible replies.
    bool newSeedPerTurn = false;
    /// Use the conversation's sampling preset (sampling_presets.h) instead of `sampler`, keeping the seed.
    bool useConversationPreset = false;
    /// The preset `sampler` was made from (chatParamsForPreset: Settings' default), "" when set by hand: with
    /// useConversationPreset it samples a conversation without a preset of its own, as it is at the turn ("custom":
    /// its values and its longest reply then, samplingPresetMaxTokens).
    QString preset;
    /// The partial reply is written to the database at its first words, then at most this often while streaming
    /// (milliseconds). kNoCheckpoints: never, only the final save (tests whose first save must be that one).
    int checkpointMs = 2000;
    static constexpr int kNoCheckpoints = std::numeric_limits<int>::max();
    /// Test hook (rwkv-desktop --reply-pace): a pause after each streamed piece of the reply, and for each 16 tokens
    /// of a conversation read again, in milliseconds, so that an e2e test can scroll while a reply streams (the demo
    /// model writes 512 tokens in ~70 ms) or see the progress of a re-read as on a slow device. 0 = none.
    int paceMs = 0;
    /// A conversation read again (its state rebuilt from the text) goes through the model in pieces of at most about
    /// this many milliseconds each by the rate measured before them (16 to 256 tokens, each at most twice the one
    /// before), so that its progress moves, and Stop, a switch of chats or a close (checked between pieces) waits at
    /// most about this long. 4 s, not 0.5 s as before session 58: lavapipe reads 16- to 48-token pieces at a third of
    /// its prefill rate (the rows path's small GEMMs); 256-token pieces, ~2 s each there on an idle 2-core box and ~4 s
    /// under load, read at its prefill rate. Fast devices read 256 at once either way.
    int rereadStepMs = 4000;
    /// When the person asked for this reply (steadyClockNs(): the GUI's Send), so that the time to first token counts
    /// the wait before the turn starts (the queue to the worker, the user message's commit); 0 = the turn's start
    /// (rwkv-cli).
    qint64 requestedAtNs = 0;
};

/// Nanoseconds on the monotonic clock (std::chrono::steady_clock), the same on every thread: ChatParams::requestedAtNs.
qint64 steadyClockNs();

/// Where the state a turn continued from came from.
enum class StateSource {
    Fresh,        ///< first turn of the conversation: nothing to resume
    Memory,       ///< the hot-state cache of this session held the exact state
    SavedState,   ///< the snapshot of the previous reply in SQLite (zero re-prefill)
    Derived,      ///< an older kept snapshot (memory or SQLite) plus the text of the turns after it
    Reprefill,    ///< rebuilt by re-reading the conversation text from the start
};

/// How the database keeps `source` (a message's state_source).
store::StateSourceCode stateSourceCode(StateSource source);

/// Why a turn read the chat's text again instead of taking its saved state: what happened, kept as such, so that its
/// words are made in the language shown when they are shown (TurnStats::resumeNote). A sentence translated during the
/// turn stayed in that language after a switch, beside the rest of the status line in the new one (session 55's trial).
struct RereadWhy {
    enum class Kind {
        None,                ///< no reason to add ("re-reading N messages" alone)
        NoSavedState,        ///< the newest reply has none
        CutOffReply,         ///< the cut-off reply is read again as text
        AnotherModel,        ///< its saved state belongs to another model
        AnotherSetup,        ///< made with another backend or weight dtype (made*, run*)
        Damaged,             ///< the saved state (or their list) could not be read; nothing was lost
        InstructionsChanged, ///< the chat's instructions changed since the states were made
        StartStateChanged,   ///< its starting state changed
    };
    RereadWhy() = default;
    RereadWhy(Kind why, QString madeOn = {}, QString madeIn = {}, QString runOn = {}, QString runIn = {})
        : kind(why), madeBackend(std::move(madeOn)), madeDtype(std::move(madeIn)), runBackend(std::move(runOn)),
          runDtype(std::move(runIn)) {}
    Kind kind = Kind::None;
    QString madeBackend, madeDtype, runBackend, runDtype;  ///< AnotherSetup: where the state was made, and this run
    bool operator==(const RereadWhy&) const = default;
};

/// What happened during one turn.
struct TurnStats {
    qint64 conversationId = 0;
    qint64 userMessageId = 0;
    qint64 assistantMessageId = 0;
    qint64 parentId = 0;             ///< parent of the user message (0 = the conversation's first message, or one
                                     ///< shown first: a question in a loop of parents is answered with no context)
    bool regenerated = false;        ///< a new reply to an existing user message
    bool edited = false;             ///< a new version of a question (ChatSession::edit), and its reply
    qint64 continuedFromId = 0;      ///< ChatSession::continueReply: the cut reply continued (kept as it is); the new
                                     ///< version's text (`reply`) is its text followed by the new words
    QString reply;                   ///< the final assistant text (partial when stopped)
    StopReason reason = StopReason::StopString;
    bool stopped = false;            ///< the user pressed Stop, or the app was closed while it was written
    store::ReplyEnd end = store::ReplyEnd::ByItself;  ///< how the reply ended, as it is saved (Stopped or Closed when
                                                      ///< stopped; LengthLimit at maxTokens; ByItself else)
    bool replySaved = false;         ///< the reply and the state were saved (false: stopped during prefill)
    bool replyDiscarded = false;     ///< a regenerate or a continue stopped before its first (new) word: its empty
                                     ///< reply was deleted, so no version was added (assistantMessageId is gone; the
                                     ///< replaced or continued one stays)
    bool stateSaved = false;         ///< the state snapshot was saved too (false with replySaved: the disk was
                                     ///< full, the reply was saved without it and resuming re-reads the text)
    bool stateDamaged = false;       ///< !stateSaved because the database is damaged where the state goes, not full
    QString stateDetail;             ///< then SQLite's English words ("database disk image is malformed"), for logs
    qint64 statesDropped = 0;        ///< saved states (this chat's older ones, other chats') dropped during this turn
                                     ///< so that its text fitted on a full disk (store::takeStatesDroppedForRoom)
    StateSource source = StateSource::Fresh;
    bool resumedFromState = false;   ///< source is Memory or SavedState
    QString startStateName;          ///< Fresh / Reprefill of a chat with a starting state: that state-tuning file's
                                     ///< own name (startStateFileName), which the turn read the chat from
    RereadWhy rereadWhy;             ///< why the state was rebuilt (Derived and Reprefill: resumeNote())
    QString resumeDetail;            ///< a damaged saved state: why it could not be read, translated ("the saved
                                     ///< state is damaged: its checksum does not match"; rwkv-cli; not in the status line)
    QString resumeLog;               ///< the same in the codec's (zstd's) or SQLite's English words, for logs only
    qint64 derivedFromMessageId = 0; ///< Derived: the message whose snapshot was continued
    qint64 reprefillMessages = 0;    ///< stored messages re-read (Derived and Reprefill)
    std::vector<qint64> unreadQuestionIds;  ///< questions before this one shown without a reply (their prefill was
                                            ///< cut off: the state never read them), read in this turn's prefill
    qint64 prefillTokens = 0;        ///< tokens fed before decoding (history, if re-read, plus this turn)
    qint64 decodeTokens = 0;
    double prefillMs = 0;
    double decodeMs = 0;
    double ttftMs = 0;               ///< ChatParams::requestedAtNs (else the start of the turn; state lookup
                                     ///< included) to the first sampled token: what the database keeps and the app shows
    double totalMs = 0;
    /// Tokens the state after this reply has read since it began (zeros or the chat's starting-state file): the count
    /// of the state the turn continued (0 fresh or re-read from the start) plus every token fed — re-read text, prompt,
    /// sampled tokens, the closing turn separator. 0 = unknown: it continued the state of a reply saved before counts
    /// were kept (schema v9).
    qint64 stateTokens = 0;
    double decodeTokensPerSecond() const { return decodeMs > 0 ? decodeTokens * 1000.0 / decodeMs : 0.0; }
    /// Why the state was rebuilt and how many messages were read again ("the instructions changed — re-reading 4
    /// messages"), in the language installed now; empty when it was resumed or fresh (reprefillMessages 0).
    QString resumeNote() const;
    /// That the turn also read the questions shown without a reply above it (unreadQuestionIds), in the language
    /// installed now (the status line, rwkv-cli's stderr and JSON); empty when there were none.
    QString unreadNote() const;
    /// The turn's numbers as the database keeps them, with the state source it was produced from.
    store::Readouts readouts() const {
        return {.prefill_tokens = prefillTokens, .prefill_ms = prefillMs, .decode_ms = decodeMs, .ttft_ms = ttftMs,
                .state_source = stateSourceCode(source), .state_tokens = stateTokens};
    }
};

/// One turn as the GUI asks for it (queued to the InferenceWorker).
struct TurnRequest {
    enum class Kind { Send, Regenerate, Edit, Continue };
    Kind kind = Kind::Send;
    qint64 conversationId = 0;
    /// Send: the parent of the new message (ChatSession::kNewestBranch = after the newest one); Regenerate: the reply
    /// or question to answer again; Edit: the question to replace; Continue: the cut reply to continue.
    qint64 target = -1;
    QString text;  ///< Send and Edit: the user's text
    /// Regenerate with two or more: that many versions at once (ChatSession::regenerateSeveral), version i sampled with
    /// seeds[i]. ChatController::startTurn fills them (sized by regenerateSeveral) as it draws a reply's seed.
    std::vector<std::uint64_t> seeds;
    /// The rows the window committed itself because a Local API request held the worker (ChatController::
    /// commitWaitingTurn): the turn writes into them instead of beginning its own. Send and Edit: the question and its
    /// empty reply (ConversationStore::beginTurn; a Send's `target` is then the question's parent, 0: the chat's
    /// first); Regenerate and Continue: the new empty version only (beginReply; storedQuestionId stays 0). 0: none
    /// (the turn commits them, as usual).
    qint64 storedQuestionId = 0, storedReplyId = 0;
    /// Regenerate with two or more seeds, so committed: every new version's row, in the order of the seeds (the first
    /// is storedReplyId). Empty otherwise.
    std::vector<qint64> storedVersionIds;
};

/// What a caller hears about a running turn (all optional).
struct TurnCallbacks {
    std::function<void(std::string_view)> onDelta;                  ///< streamed reply text (valid UTF-8)
    const std::atomic<bool>* cancel = nullptr;                      ///< checked every token and prefill chunk
    std::function<void(qint64 userMessageId, qint64 assistantMessageId)> onStarted;  ///< rows committed
    std::function<void(std::size_t done, std::size_t total)> onPrefillProgress;       ///< prompt tokens read
    /// Before the conversation's text is read again (no exact saved state: Derived or Reprefill), with its token count
    /// and the turn's total (that text plus the new turn); onPrefillProgress then follows per piece read.
    std::function<void(std::size_t historyTokens, std::size_t total)> onRereading;
    /// The reply was written whole (or up to Stop) but its final save failed (a full disk): the turn as it would have
    /// been stored (stats.reply its text; its token count, speeds and first-token time), just before the store's error
    /// is thrown. The caller keeps it, shows its numbers and saves it once there is room.
    std::function<void(const TurnStats& stats)> onReplyNotSaved;
    /// When it holds 0 or more: the longest the final save waits for another program's lock on the database
    /// (ConversationStore::LockWaitLimit); else the store's busy timeout (5 s). Read throughout that wait, so a value
    /// set while the save already waits (a window closed after the reply ended by itself) shortens it.
    const std::atomic<int>* finalSaveLockWaitMs = nullptr;
    /// When it holds true at a cancel: the cancel was the app closing (a window closed, SIGTERM), saved as
    /// ReplyEnd::Closed; else the user's Stop (ReplyEnd::Stopped). nullptr: every cancel is a Stop.
    const std::atomic<bool>* cancelIsClose = nullptr;
    /// ChatSession::regenerateSeveral: every new version's row committed (before prefill), in the order of its seeds;
    /// onStarted hears of the first one alone, as a regenerate's.
    std::function<void(qint64 userMessageId, const std::vector<qint64>& assistantMessageIds)> onVersionsStarted;
    /// ChatSession::regenerateSeveral: streamed text of version `index` (valid UTF-8); onDelta gets version 0's too.
    std::function<void(std::size_t index, std::string_view delta)> onVersionDelta;
};

/// Runs chat turns for one loaded model. The model, tokenizer and store must outlive the session.
/// Not thread-safe by itself: use it from one thread (the store may be shared, it locks internally).
class ChatSession {
public:
    using DeltaFn = std::function<void(std::string_view)>;
    /// Called once the user message and the empty assistant placeholder are committed, before prefill.
    using StartedFn = std::function<void(qint64 userMessageId, qint64 assistantMessageId)>;
    using ProgressFn = std::function<void(std::size_t done, std::size_t total)>;

    using Callbacks = TurnCallbacks;

    /// parentId for send(): continue the conversation's newest branch.
    static constexpr qint64 kNewestBranch = -1;
    /// The longest a checkpoint of the partial reply (ChatParams::checkpointMs) waits for another program's lock on
    /// the database before it is skipped until the next one (ConversationStore::LockWaitLimit): each waited the store's
    /// 5 s busy timeout, so a reply streamed one token per 5 s while a backup or an sqlite3 shell wrote (session 26).
    static constexpr int kCheckpointLockWaitMs = 5;

    ChatSession(store::ConversationStore& store, Model& model, const Tokenizer& tokenizer);
    ~ChatSession();
    ChatSession(const ChatSession&) = delete;
    ChatSession& operator=(const ChatSession&) = delete;

    /// Sends userText as a child of parentId (kNewestBranch: after the newest message; 0: a new first message;
    /// else a message of the conversation — an assistant reply, or a system message). Throws ChatError for an
    /// empty message, an unknown conversation or parent, or a parent that is a user message (nothing is written
    /// then); rwkv::Error / store::StoreError when the engine or the database fails (the user message stays
    /// committed, the reply stays unfinished). A cancel returns normally with stats.stopped = true: during
    /// decoding the partial reply is saved as finished together with a state that ends at a turn boundary; during
    /// prefill there is no reply yet, so the placeholder stays empty and unfinished and no state is saved.
    /// `stored` (not {0, 0}): the question and empty reply the window already committed (TurnRequest::storedReplyId):
    /// the turn writes into them instead of beginTurn.
    TurnStats send(qint64 conversationId, qint64 parentId, const QString& userText, const ChatParams& params,
                   const Callbacks& callbacks = {}, std::pair<qint64, qint64> stored = {});
    /// A new reply to the user message `messageId`, or — when it is an assistant reply — to that reply's user
    /// message: a sibling of the old replies, generated from the exact state before the turn (none for a question
    /// shown first in a loop of parents, as the window shows it). Throws ChatError for an unknown message or a system
    /// message.
    /// `storedReplyId` (not 0): the empty version the window already committed (TurnRequest::storedReplyId), written
    /// into instead of beginReply's; the same for regenerateSeveral's `storedReplyIds` (one a seed, else unused),
    /// continueReply's `storedReplyId` and edit's `stored` (send's).
    TurnStats regenerate(qint64 conversationId, qint64 messageId, const ChatParams& params,
                         const Callbacks& callbacks = {}, qint64 storedReplyId = 0);
    /// seeds.size() new replies (1 to kMaxVersions) to the user message `messageId`, or to a reply's question, written
    /// at once (rwkv::generate_several): the state regenerate starts from is found and the prompt read once, then the
    /// versions are decoded together, version i sampled as params with seed seeds[i]. Each is stored as the regenerate
    /// with that seed would store it (text, reply end, readouts, state snapshot, state_tokens): siblings of the old
    /// replies, all their rows committed before the prompt is read (onStarted hears of the first, onVersionsStarted of
    /// all), each checkpointed as it is written and saved whole the moment it ends (the others may go on). A cancel stops them all: each keeps its text (Stopped); one with no
    /// word yet is deleted (replyDiscarded), as a regenerate's. The stats are in the order of the seeds. Throws as
    /// regenerate, and ChatError for no seed or more than kMaxVersions. A final save that fails saves the versions it
    /// can, then throws the first error; onReplyNotSaved hears of each version whose final save failed (its stats, as
    /// a single reply's), for the caller to keep it and save it later.
    std::vector<TurnStats> regenerateSeveral(qint64 conversationId, qint64 messageId,
                                             std::span<const std::uint64_t> seeds, const ChatParams& params,
                                             const Callbacks& callbacks = {},
                                             std::span<const qint64> storedReplyIds = {});
    /// The most versions regenerateSeveral writes at once.
    static constexpr int kMaxVersions = 8;
    /// A new version of the reply `replyId`, cut off (by the length limit, Stop, a close, or a crash: unfinished), whose
    /// text is that reply's text followed by what the model writes next: the state before the reply's turn (as
    /// regenerate finds it) reads the turn's prompt and the cut text as the reply so far (the cut reply's saved state
    /// has no logits for its next token), the sampler takes the cut text's tokens as sampled (Sampler::replay), and
    /// params.maxTokens more are written. The cut reply stays as it is. Stopped before the first new word: the empty
    /// version is deleted (stats.replyDiscarded). Throws ChatError for an unknown message, a question, a reply that
    /// ended by itself or has no text (nothing is written then).
    TurnStats continueReply(qint64 conversationId, qint64 replyId, const ChatParams& params,
                            const Callbacks& callbacks = {}, qint64 storedReplyId = 0);
    /// Edits the user message `messageId`: sends newText as its sibling (same parent), keeping the old branch. A
    /// question shown first in a loop of parents gets a new first message (no parent, no context), as regenerate.
    TurnStats edit(qint64 conversationId, qint64 messageId, const QString& newText, const ChatParams& params,
                   const Callbacks& callbacks = {}, std::pair<qint64, qint64> stored = {});

    /// The conversation and the question a regenerate of `messageId` (a question, or a reply: its question) answers;
    /// regenerate's ChatErrors. Also the window's, to commit a waiting regenerate's rows (commitWaitingTurn).
    static std::pair<store::Conversation, store::Message> questionToAnswerAgain(const store::ConversationStore& store,
                                                                                qint64 conversationId,
                                                                                qint64 messageId);
    /// The cut reply `replyId` that continueReply would continue, and its question; continueReply's ChatErrors.
    static std::pair<store::Message, store::Message> replyToContinue(const store::ConversationStore& store,
                                                                     qint64 conversationId, qint64 replyId);
    /// The question `messageId` that edit would replace, and the parent its new version goes under (0 for a question
    /// shown first: no parent, or a loop of parents); edit's ChatError.
    static std::pair<store::Message, qint64> questionToEdit(const store::ConversationStore& store,
                                                            qint64 conversationId, qint64 messageId);

    /// send() on the newest branch (the signature used before branches existed).
    TurnStats runTurn(qint64 conversationId, const QString& userText, const ChatParams& params,
                      const DeltaFn& onDelta = {}, const std::atomic<bool>* cancel = nullptr,
                      const StartedFn& onStarted = {}, const ProgressFn& onPrefillProgress = {}) {
        Callbacks callbacks;
        callbacks.onDelta = onDelta;
        callbacks.cancel = cancel;
        callbacks.onStarted = onStarted;
        callbacks.onPrefillProgress = onPrefillProgress;
        return send(conversationId, kNewestBranch, userText, params, callbacks);
    }

    /// TurnStats::resumeNote and unreadNote: the words made here, where they are filed for translation.
    static QString resumeNote(const TurnStats& stats);
    static QString unreadNote(const TurnStats& stats);

    /// Runs a TurnRequest (send, regenerate or edit).
    TurnStats run(const TurnRequest& request, const ChatParams& params, const Callbacks& callbacks = {});
    /// Loads the state after the last complete reply on the branch ending at `leafMessageId` into the hot-state
    /// cache when an exact snapshot exists (no prefill), so the next turn there starts at once. Returns whether
    /// the state is now in memory. Damaged snapshots are skipped silently (the turn re-derives).
    bool prefetch(qint64 conversationId, qint64 leafMessageId);

    /// Drops the cached states of a conversation (after it was deleted, or to force a reload from SQLite).
    void forget(qint64 conversationId);
    /// The conversation's instructions (its system prompt) changed and its saved states went with them
    /// (ConversationStore::setSystemPrompt): drops its states in memory too, and the turn that then reads its text
    /// again says why ("the instructions changed" in resumeNote) instead of "no saved state". The mark goes once a turn
    /// finds a state of the chat again (one made with the new instructions).
    void instructionsChanged(qint64 conversationId);
    /// The conversations so marked whose text no turn has read again yet (a new session, after a model load, keeps them).
    const std::set<qint64>& instructionsChangedIds() const noexcept { return instructionsChanged_; }
    /// The conversation's starting state changed (ConversationStore::setStartState, its saved states gone with it):
    /// drops its states in memory too; the turn that reads its text again says "the starting state changed".
    void startStateChanged(qint64 conversationId);
    /// The state a conversation's first turn starts from: zeros, or its state-tuning file (Conversation::start_state,
    /// start_state.h) read again and checked against the sha256 recorded when it was chosen, so that a chat re-read
    /// from its text starts where it first did. Throws ChatError when that file is gone, unreadable or changed,
    /// rwkv::Error when it is no longer a state-tuning file or does not fit the loaded model (StateMismatch).
    State startState(qint64 conversationId);
    /// The cached state after message `messageId`, or nullptr (tests and diagnostics).
    const State* cachedState(qint64 conversationId, qint64 messageId) const;
    /// The cached state after the conversation's newest reply on its newest branch, or nullptr.
    const State* cachedState(qint64 conversationId) const;

    /// The tags this session's snapshots carry (the loaded model's fingerprint, weight dtype, backend kind).
    const store::SnapshotTags& snapshotTags() const noexcept { return tags_; }
    /// The state right after message `messageId` (an assistant reply; 0 = the empty state before the first
    /// message), found like a turn finds it (cache, snapshot, nearest snapshot + text, re-prefill). For tests,
    /// export and diagnostics; does not write anything.
    State stateAfter(qint64 conversationId, qint64 messageId);

    /// File name of the loaded model, recorded with each reply (bundles name it); empty = not recorded. Thread-safe:
    /// the window renames it at once when the file is renamed (InferenceWorker::renameModel), also while a reply is
    /// written on the worker's thread — the reply is recorded under the name the file has when it is saved.
    void setModelName(const QString& name) {
        std::lock_guard lock(modelNameMutex_);
        modelName_ = name;
    }
    QString modelName() const {
        std::lock_guard lock(modelNameMutex_);
        return modelName_;
    }

    Model& model() noexcept { return model_; }
    const Tokenizer& tokenizer() const noexcept { return tokenizer_; }

    /// States kept in memory at most (least recently used dropped first).
    static constexpr std::size_t kMaxCachedStates = 12;
    /// zstd level of new snapshots (codec ShuffleZstd, one frame per MiB; docs/conversations.md has the measurements).
    static constexpr int kSnapshotLevel = 3;
    /// The messages a turn reads first, up from its parent (readBefore); more, twice as many each time up to
    /// kLastPageMessages, only while no state to start from is among them.
    static constexpr int kFirstPageMessages = 16;
    static constexpr int kLastPageMessages = 1024;

private:
    struct Lookup;  // chat_session_state.h
    struct CacheEntry {
        State state;
        std::uint64_t lastUse = 0;
        qint64 tokens = -1;  // tokens the state has read since it began (TurnStats::stateTokens); -1 unknown
    };
    using CacheKey = std::pair<qint64, qint64>;  // (conversation, message); the model is fixed per session

    /// The messages before a turn: the branch ending at a message, root first, read up from it a page at a time only
    /// as far as the turn needs — to the newest complete reply whose state is cached or saved for this model
    /// (`untilState`; else to the newest complete reply), or the branch's first message (`whole`). A turn in a
    /// 200,000-message chat read the whole branch before (session 31), though it starts from the last reply's state.
    struct Before {
        QList<store::Message> messages;
        bool whole = true;  ///< messages begin at the branch's first message
    };
    Before readBefore(qint64 conversationId, qint64 leafId, bool untilState = true) const;
    /// What the window shows before the user message `question`: its parent's branch (readBefore), or nothing when
    /// that branch holds the question itself (a loop of parents, a damaged row: the question is shown first).
    /// Regenerate and Edit answer from it.
    Before shownBefore(const store::Message& question) const;
    /// A new reply to the stored user message `question` (Regenerate; Continue with `soFar`), from the state before it
    /// as the window shows it (shownBefore); `stats` comes with regenerated or continuedFromId set, and with
    /// assistantMessageId set where the window committed the new version's row (else beginReply adds it).
    TurnStats replyAgain(const store::Conversation& conv, const store::Message& question, const ChatParams& params,
                         const Callbacks& callbacks, TurnStats stats, const store::Message* soFar = nullptr);
    /// The reply to userText after `before`, into the row assistantId; `soFar` (continueReply): the cut reply, its text
    /// fed after the prompt as the reply so far, the new words following it.
    TurnStats runReply(const store::Conversation& conv, const Before& before, qint64 assistantId,
                       const QString& userText, const ChatParams& params, const Callbacks& callbacks, TurnStats stats,
                       const store::Message* soFar = nullptr);
    struct Prepared;   // chat_session_state.h: what a reply is written from (prepareReply)
    class ReplyText;   // chat_session_state.h: one reply's text as it is written, checkpointed
    /// Steps 2-3 of a reply (runReply): the state before the turn (findState), the prompt's tokens, the conversation's
    /// text read again where needed. False when a cancel came during that re-read (stats say so: stoppedBeforeFirstWord).
    bool prepareReply(const store::Conversation& conv, const Before& before, const QString& userText,
                      const ChatParams& params, const Callbacks& cb, TurnStats& stats, const store::Message* soFar,
                      Prepared& out);
    /// Step 5 of a reply: `text` generated into `replyState` (result), saved with its readouts and snapshot (and the
    /// derived snapshot where `withDerived`), or discarded when a regenerate or continue was stopped before a word.
    TurnStats saveReply(const store::Conversation& conv, Prepared& p, State& replyState, const GenerateResult& result,
                        const ReplyText& text, const Callbacks& cb, TurnStats stats, const store::Message* soFar,
                        bool withDerived);
    /// Reads `history` into `state` in pieces of about params.rereadStepMs (rereadPieceTokens): the first two as this
    /// session's measured rate says (16 tokens while it has none), the first never judged (it pays the backend's
    /// warm-up), each later one by the rate of the one before it, at most twice its size. onRereading first, then
    /// onPrefillProgress(done, total) after each piece. Throws as Model::forward (Error(Cancelled) for a Stop between
    /// pieces or chunks).
    void reread(State& state, std::span<const std::int32_t> history, const ChatParams& params, const Callbacks& cb,
                std::size_t total);
    /// A regenerate (stats.regenerated) or a continue (stats.continuedFromId) stopped before its first word: deletes its
    /// empty reply (discardEmptyReply), so it adds no version. Sets and returns stats.replyDiscarded; false (the reply kept) for a send or edit, or when the
    /// delete fails (another program's lock: leafToShow passes the empty reply over at the next opening).
    bool discardStoppedRegenerate(TurnStats& stats);
    /// The turn stopped before its first word (Stop or a close during the re-read or the prompt's prefill): stats say
    /// so (stopped, end Stopped or Closed); a regenerate's empty reply is discarded, a send's or an edit's is kept and
    /// marked (ConversationStore::markStoppedBeforeFirstWord), so the window says it was stopped (session 39's trial).
    void stoppedBeforeFirstWord(TurnStats& stats, const Callbacks& cb);
    /// The whole state (spec §5 layout) conversation `c`'s state-tuning file starts from, its sha256 checked: startState's
    /// errors.
    std::vector<float> startStateFloats(const store::Conversation& c) const;
    /// Before a turn writes anything: where chat `c` has a state-tuning file and the turn does not resume from the state
    /// after `parentReplyId` (0: none; in memory or saved for this model), reads and checks the file once
    /// (startStateFloats: a file gone or changed is refused with nothing saved) into turnStartState_, which startState
    /// then takes instead of reading it again. A resumed turn does not read it at all.
    void readStartStateForTurn(const store::Conversation& c, qint64 parentReplyId);
    /// Folds a measured prefill (tokens in ms) into prefillTokensPerMs_.
    void notePrefillRate(std::size_t tokens, double ms);
    /// The state before a turn that follows `before` (the whole branch is read when no state is found in a part).
    Lookup findState(qint64 conversationId, const Before& before);
    /// The conversation's snapshots (store::ConversationStore::snapshots), or none where the file is damaged there
    /// (store::isDamagedDatabase): the turn re-reads the text then; `why` (if given) gets SQLite's words. Other
    /// StoreErrors are thrown.
    QList<store::SnapshotInfo> savedSnapshots(qint64 conversationId, QString* why = nullptr) const;
    /// Keeps `state` (after message `messageId`, having read `tokens` tokens; -1 unknown) in the hot-state cache.
    void remember(qint64 conversationId, qint64 messageId, const State& state, qint64 tokens = -1);
    store::NewSnapshot makeSnapshot(qint64 messageId, const State& state) const;
    /// Decodes a stored snapshot into decodeBuffer_ (reused, page-locked on CUDA) and imports it. Throws
    /// store::CodecError / rwkv::Error for damaged bytes.
    State importSnapshot(const store::SnapshotPayload& payload);

    store::ConversationStore& store_;
    Model& model_;
    const Tokenizer& tokenizer_;
    store::SnapshotTags tags_;
    mutable std::mutex modelNameMutex_;
    QString modelName_;  // modelName(): guarded by modelNameMutex_
    std::map<CacheKey, CacheEntry> cache_;
    std::set<qint64> instructionsChanged_;  // instructionsChanged(), not read again yet
    std::set<qint64> startStateChanged_;    // startStateChanged(), not read again yet
    // The turn under way's starting state, read and checked before it wrote anything: (conversation, floats).
    std::optional<std::pair<qint64, std::vector<float>>> turnStartState_;
    std::uint64_t useCounter_ = 0;
    double prefillTokensPerMs_ = 0;  // this session's prefill rate (0 = not measured yet): reread()'s piece size
    std::vector<std::byte> decodeBuffer_;
    PinnedHostMemory decodeBufferPin_;  // after decodeBuffer_: unpinned before it is freed
};

/// Shapes the streamed UTF-8 text of a reply for the screen and the database, per think mode (spec §7.2).
/// Think: the prompt ends with "<think" and the model continues the tag. When its first non-blank character is ">",
/// the text starts "<think>" (the reasoning block MessageSegments shows folded); when it is anything else the model
/// opened no reasoning block, and the text is its answer alone (it showed as "<think" followed by the answer).
/// Blank deltas before that character are held back (push returns ""). FakeThink: the prompt ends with
/// "<think></think", so the ">" that closes the empty block and the blanks after it are dropped. Off: unchanged.
class ThinkFilter {
public:
    explicit ThinkFilter(store::ThinkMode mode) : mode_(mode) {}
    /// The text to show for the next generated piece `delta` (may be empty).
    std::string push(std::string_view delta);

private:
    store::ThinkMode mode_;
    std::string held_;  // Think: blank text before the first character
    bool opened_ = false, skipped_ = false, sawClose_ = false;
};

/// The smallest and largest piece (tokens) a conversation read again goes through the model in (ChatSession::reread);
/// the largest is the engine's default prefill chunk.
inline constexpr std::size_t kRereadMinPiece = 16, kRereadMaxPiece = 256;
/// The next piece of a re-read: as many tokens as `tokensPerMs` reads in about `stepMs` milliseconds, rounded down to
/// a multiple of kRereadMinPiece, and at least kRereadMinPiece, at most `atMost` (itself kept within the two bounds).
std::size_t rereadPieceTokens(double tokensPerMs, int stepMs, std::size_t atMost);

/// "New chat" titles: the first words of a message, at most maxChars characters, with an ellipsis; control
/// characters count as spaces.
QString titleFromMessage(const QString& text, int maxChars = 40);

/// Snapshot tags of a loaded model: fingerprint, weight dtype name, backend kind ("cuda:1" -> "cuda").
store::SnapshotTags snapshotTagsOf(const Model& model);

}  // namespace rwkv::app
