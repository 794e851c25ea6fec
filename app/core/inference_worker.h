// inference_worker.h — owns the engine (model, tokenizer, ChatSession) on its own QThread.
// ChatController talks to it only through queued signals (ChatController::connectWorker); stop() is the one
// direct call: it sets an atomic flag that the engine checks every token and every prefill chunk.
#pragma once

#include <QMetaType>
#include <QObject>
#include <QString>
#include <QThread>

#include <atomic>
#include <exception>
#include <memory>
#include <mutex>
#include <set>

#include "api_completion.h"
#include "rwkv/shape.h"
#include "chat_session.h"

namespace rwkv::store {
class ConversationStore;
}

namespace rwkv::app {

/// What the status line shows about the loaded model.
struct ModelInfo {
    QString path;
    QString name;         ///< file name without extension
    QString backend;      ///< "cpu", ...
    QString device;       ///< "CPU, 16 threads"
    QString shape;        ///< "L12 C64 H1 F256 V256 ..."
    rwkv::ModelShape modelShape;  ///< the same as numbers (a state-tuning file is checked against it)
    QString tokenizer;    ///< "byte" or "world"
    QString fingerprint;  ///< 16 hex digits
    /// One state's bytes (L × (2C + H·N·N) floats): what a reply's saved state takes at most before compression.
    qint64 stateBytes = 0;
    int automaticThreads = 0;  ///< the CPU threads that threads 0 ("Automatic") stands for with it (auto_cpu_threads)
    qint64 loadMs = 0;
    /// The backend chosen that could not load the model ("cuda:0"), so the CPU is used; empty when it was used.
    QString fallbackFrom;
    /// The engine's words for why (its Error's what(), English): the banner's details under fallbackNote().
    QString fallbackDetail;
    /// The engine's ErrorCode of why (BackendUnavailable or OutOfMemory), which fallbackNote() words.
    int fallbackCode = 0;
    /// The weights as loaded: "fp16" or "int8" (the Settings choice; the status line names int8).
    QString weightType;
    /// An fp16 load did not fit fallbackFrom's free memory but int8 weights would (an estimate: the engine's weight
    /// bytes per decode token for int8, plus the embedding, plus the engine's 512 MiB margin): the note says so.
    bool int8WouldFit = false;
};

/// The note the window shows when `info` was loaded on the CPU instead of the backend chosen (fallbackFrom), in the
/// language installed when called, so that the banner is made again after a language switch; empty when the chosen
/// backend was used. Why is said by fallbackCode as a failed load says it (modelLoadErrorText's sentence, a missing
/// driver's included); the engine's English words are not in it (fallbackDetail: the banner's details, where they
/// stood inside the translated note before, session 30's note). Before 4559a77 the worker worded it on its thread.
QString fallbackNote(const ModelInfo& info);

class InferenceWorker : public QObject {
    Q_OBJECT
public:
    /// Deltas are sent to the GUI at most this often (milliseconds).
    static constexpr int kDeltaBatchMs = 30;

    /// `resourceDir` holds the World vocabulary (needed for 65536-row models): findResourceDir's folder. When it is
    /// empty (no resources folder), loading a model that needs it fails (modelLoadFailed: the vocabulary is missing)
    /// instead of reading it from the current folder.
    /// Starts the worker thread.
    InferenceWorker(store::ConversationStore& store, QString resourceDir);
    /// Stops a running reply, then quits and joins the thread.
    ~InferenceWorker() override;

    /// Asks the running reply (or prefill) to stop: the user's Stop (saved as ReplyEnd::Stopped). Thread-safe: sets an
    /// atomic, not a queued call.
    void stop() noexcept { stop_.store(true); }
    /// Stops it as stop() does, and its final save then waits at most `lockWaitMs` for another program's lock on the
    /// database (ConversationStore::LockWaitLimit) instead of the store's 5 s busy timeout: for a window that closes or
    /// a quit (ChatController), which learn soon that the reply is kept back. A final save already waiting (the reply
    /// ended by itself) then ends once it has waited `lockWaitMs` in all. A reply it cuts is saved as ReplyEnd::Closed,
    /// unless stop() came first (the user's Stop stays Stopped). Call it and stop() from one thread (the GUI's).
    void stopSavingWithin(int lockWaitMs) noexcept {
        finalSaveLockWaitMs_.store(lockWaitMs);
        if (!stop_.load()) closing_.store(true);  // before stop_: the worker reads it once it sees the cancel
        stop_.store(true);
    }
    /// Clears the stop flag (and stopSavingWithin's limit); the controller calls it right before queuing a new turn.
    void clearStop() noexcept {
        stop_.store(false);
        closing_.store(false);
        finalSaveLockWaitMs_.store(-1);
    }
    /// Whether a Local API request (runApiCompletion) holds this thread now: a chat turn queued meanwhile waits for it
    /// (ChatController commits such a turn's rows at once and says it waits). Thread-safe.
    bool apiRunning() const noexcept { return apiRunning_.load() > 0; }
    /// Whether this thread is reading a model's weights now (Model::load and its checks, which touch no database and
    /// cannot be cut short): the app ends at a quit rather than wait for it (main.cpp). Thread-safe.
    bool loadingWeights() const noexcept { return loadingWeights_.load(); }
    /// Drops a turn queued with TurnRequest::storedReplyId = `replyId` that has not begun (the window's Stop while it
    /// waits for a Local API request): runTurn then skips it without a signal. False when it has begun already (stop()
    /// then stops it as any turn). Thread-safe.
    bool cancelWaitingTurn(qint64 replyId);
    /// The backend ("auto", "cpu", "cuda:N", "vulkan:N"), CPU threads (0 = automatic) and weight type ("fp16", "int8";
    /// anything else reads as fp16) for the next loadModel. Thread-safe (Settings calls it from the GUI thread). When
    /// the chosen GPU backend cannot load the model (no device, out of memory), loadModel falls back to the CPU and
    /// says why in ModelInfo::fallbackNote.
    void setLoadOptions(const QString& backend, int threads, const QString& weightType = QStringLiteral("fp16"));
    /// Whether loadModel falls back to the CPU when the chosen GPU backend cannot load the model (true, the window's
    /// rule). False (rwkv-cli serve, unless --backend auto): the engine's error is the load's failure, as rwkv-cli
    /// generate says it. Thread-safe.
    void setCpuFallback(bool fallBack);
    /// The loaded model's name (ModelInfo::name) for the local API server; empty while none is loaded or one is being
    /// loaded. Thread-safe.
    QString apiModelName() const;
    /// GET /v1/responses/{id}: the object of a response kept for previous_response_id, as its POST answered it, or
    /// nullopt. Thread-safe, and answered at once (not after the reply or chat turn being written).
    std::optional<QByteArray> apiResponse(const QString& id) const { return apiCache_.responseJson(id); }
    /// GET /v1/responses/{id}/input_items: the input items of a kept response's request, or nullopt. As apiResponse.
    std::optional<QJsonArray> apiResponseInputItems(const QString& id) const {
        return apiCache_.responseInputItems(id);
    }
    /// DELETE /v1/responses/{id}: forgets that response at once (its state is freed on this worker's thread); false
    /// when it was not kept. Thread-safe.
    bool deleteApiResponse(const QString& id);

public slots:
    void loadModel(const QString& path);
    /// The loaded model's file is now `path` (renamed while in use: ChatController::followRenamedModel): the replies
    /// saved from now on name it so, and the Local API serves it by that name. Nothing is loaded again.
    void modelFileRenamed(const QString& path);
    /// Thread-safe, called on the window's thread: the loaded model's file is now `path` — the Local API serves it by
    /// that name (its base name) from now, and the replies saved from now on, the one being written included, record
    /// its file name. A reply being written holds this thread's queue, so modelFileRenamed alone took effect only once
    /// it ended: the API said "this server serves 'a'" while the footer said c (session 55's trial), and that reply
    /// was recorded as a.pth (session 55's loose ends). Nothing while a load is under way.
    void renameModel(const QString& path);
    /// A message on the conversation's newest branch (runTurn with a Send request).
    void sendMessage(qint64 conversationId, const QString& text, const rwkv::app::ChatParams& params);
    /// Sends, regenerates or edits (ChatSession::run); the same signals as sendMessage.
    void runTurn(const rwkv::app::TurnRequest& request, const rwkv::app::ChatParams& params);
    /// Loads the exact state for the branch ending at leafMessageId into memory (ChatSession::prefetch), so the
    /// next turn there starts at once. Does nothing without a model.
    void prefetchState(qint64 conversationId, qint64 leafMessageId);
    /// Drops the cached state of a deleted conversation.
    void forgetConversation(qint64 conversationId);
    /// The conversation's instructions changed (its saved states went with them): its hot state goes too, and its
    /// next turn says why it reads the chat again (ChatSession::instructionsChanged), also after a model loads.
    void instructionsChanged(qint64 conversationId);
    /// The conversation's starting state changed (its saved states went with it): its hot state goes too, and its
    /// next turn says why it reads the chat again (ChatSession::startStateChanged).
    void startStateChanged(qint64 conversationId);
    /// A local API request (ApiServer): its reply on the loaded model with its own state (never a chat's, never the
    /// database) and its own cancel flag (job.cancel: not stop(), so the window's Stop and a request end apart).
    /// Serial with the chat turns on this thread. Answers with apiDelta… (and apiChoiceEnded per choice of n > 1), then
    /// apiFinished, or apiFailed.
    void runApiCompletion(const rwkv::app::ApiJob& job);

signals:
    void modelLoaded(const rwkv::app::ModelInfo& info);
    /// `code`: the engine's rwkv::ErrorCode and `error` its English words (the window translates them, and again after a
    /// language switch); -1 and the words of any other exception.
    void modelLoadFailed(const QString& path, int code, const QString& error);
    void replyStarted(qint64 conversationId, qint64 userMessageId, qint64 assistantMessageId);
    /// The conversation's text is being read again (no exact saved state), `historyTokens` of the turn's `total`
    /// prompt tokens; prefillProgress follows. Sent at once (not batched).
    void rereading(qint64 conversationId, qint64 historyTokens, qint64 total);
    void prefillProgress(qint64 conversationId, qint64 done, qint64 total);
    /// A batch of streamed reply text (valid UTF-8, never a piece of the "\n\n" stop string).
    void replyDelta(qint64 conversationId, const QString& text);
    void replyFinished(const rwkv::app::TurnStats& stats);
    /// A Regenerate of several versions (TurnRequest::seeds): their rows, in order, committed before the prompt is read
    /// (replyStarted named the first). Their text comes as versionDelta, not replyDelta.
    void versionsStarted(qint64 conversationId, const QList<qint64>& assistantMessageIds);
    /// A batch of one version's streamed text (as replyDelta's).
    void versionDelta(qint64 conversationId, qint64 assistantMessageId, const QString& text);
    /// The versions ended (written, stopped; stats.replyDiscarded: stopped before a word, not added), in order: instead
    /// of replyFinished.
    void versionsFinished(const QList<rwkv::app::TurnStats>& versions);
    /// `error`: what the turn threw, kept as it is so that the window words it (replyErrorText) when it shows it and
    /// again after a language switch; before, it was worded here and kept its first language.
    void replyFailed(qint64 conversationId, const std::exception_ptr& error);
    /// Before replyFailed, when a reply written whole (or up to Stop) could not be saved (a full disk): the turn with its
    /// final text (stats.reply) and numbers, as replyFinished would have given them.
    void replyNotSaved(const rwkv::app::TurnStats& stats);
    /// A piece of choice `choice` of an API reply (runApiCompletion; 0 … n − 1), as it is written.
    void apiDelta(quint64 jobId, int choice, const QString& text);
    /// Choice `choice` of a request with n > 1 has ended (its last apiDelta sent) while others may go on.
    void apiChoiceEnded(quint64 jobId, int choice, bool lengthLimit);
    void apiFinished(quint64 jobId, const rwkv::app::ApiOutcome& outcome);
    /// No model (503), the job was cancelled (status 499, code "cancelled"), or the engine failed (500).
    void apiFailed(quint64 jobId, const rwkv::app::ApiError& error);

private:
    store::ConversationStore& store_;
    QString resourceDir_;
    std::unique_ptr<Model> model_;
    std::unique_ptr<Tokenizer> tokenizer_;
    std::unique_ptr<ChatSession> session_;  // refers to model_ and tokenizer_: destroyed first
    std::set<qint64> instructionsChanged_;  // marks for a session not made yet (no model loaded)
    ApiStateCache apiCache_;                 // states of model_: destroyed before it, cleared when it changes
    mutable std::mutex apiModelMutex_;
    QString apiModelName_;  // apiModelName()
    QString apiName_;       // the loaded model's name (worker thread only)
    std::atomic<int> apiRunning_{0};      // apiRunning()
    std::atomic<bool> loadingWeights_{false};  // loadingWeights()
    std::mutex waitingMutex_;             // guards the two sets below (cancelWaitingTurn against runTurn)
    std::set<qint64> droppedTurns_;       // storedReplyId of turns dropped before they began
    std::set<qint64> begunStoredTurns_;   // storedReplyId of turns runTurn has begun
    std::atomic<bool> stop_{false};
    std::atomic<bool> closing_{false};  // stopSavingWithin's stop: the app closes (TurnCallbacks::cancelIsClose)
    std::atomic<int> finalSaveLockWaitMs_{-1};  // stopSavingWithin's limit; -1: the store's busy timeout
    std::mutex optionsMutex_;
    QString backend_ = QStringLiteral("cpu");
    int threads_ = 0;
    bool int8_ = false;  // setLoadOptions' weight type
    bool cpuFallback_ = true;  // setCpuFallback
    QThread thread_;
};

}  // namespace rwkv::app

Q_DECLARE_METATYPE(rwkv::app::ModelInfo)
Q_DECLARE_METATYPE(rwkv::app::ChatParams)
Q_DECLARE_METATYPE(rwkv::app::TurnRequest)
Q_DECLARE_METATYPE(rwkv::app::TurnStats)
Q_DECLARE_METATYPE(QList<rwkv::app::TurnStats>)
Q_DECLARE_METATYPE(std::exception_ptr)
Q_DECLARE_METATYPE(rwkv::app::ApiJob)
Q_DECLARE_METATYPE(rwkv::app::ApiOutcome)
Q_DECLARE_METATYPE(rwkv::app::ApiError)
