// chat_controller.cpp — ChatController: worker wiring, the status texts and banners shown by the view, and the turns
// (send, regenerate, edit, stop). The chat shown and what is done to chats (open, branch, preset, rename, delete) and
// its message rows: chat_controller_chats.cpp; loading a model: chat_controller_model_load.cpp. A reply not saved yet
// (kept, retried, asked about at close, said at quit): chat_controller_unsaved_reply.cpp. The worker's signals (a model
// loaded or refused, a reply's progress, end or failure): chat_controller_from_worker.cpp.
#include "chat_controller.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QRandomGenerator>

#include <algorithm>
#include <utility>

#include "app_paths.h"
#include "branch_to_continue.h"
#include "conversation_title.h"
#include "invisible_format.h"  // holdsNothingToRead
#include "models/one_line.h"
#include "rwkv/chat_format.h"
#include "sampling_presets.h"
#include "store/conversation_store.h"
#include "store_error_text.h"

namespace rwkv::app {

ChatController::ChatController(store::ConversationStore& store, InferenceWorker& worker, QObject* parent)
    : QObject(parent), store_(store), worker_(worker) {
    forkPool_.setMaxThreadCount(1);  // New chat from here copies one chat at a time (chat_controller_fork.cpp)
    connectWorker();
    discardVersionsNeverBegun();
    refreshConversations();
    unsavedRetry_ = new QTimer(this);
    unsavedRetry_->setObjectName(QStringLiteral("unsavedRetry"));
    unsavedRetry_->setInterval(kUnsavedRetryMs);
    connect(unsavedRetry_, &QTimer::timeout, this, [this] { saveUnsavedReply(); });
    // The sidebar marks the collapsed folder that holds the open chat
    connect(this, &ChatController::currentConversationChanged, this,
            [this] { conversations_.setOpenConversation(currentId_); });
    // A quit nobody answers (SIGTERM, the hooks' end) ends a turn still waiting for a Local API request before the
    // server closes: that request's end let the turn begin, and the quit then stopped it after its first piece,
    // a one-letter version kept ("t", each of "3 replies"; session 52's trial).
    if (QCoreApplication* app = QCoreApplication::instance())
        connect(app, &QCoreApplication::aboutToQuit, this, [this] { endWaitingTurn(); });
}

// A Regenerate's, Continue's or "3 replies"' versions are committed before their first word (at once while a Local API
// request holds the model, or as the prompt is read); a kill -9 then left them as empty "No reply" versions beside the
// reply they were to replace, three of them for "3 replies" (session 52's trial). The window, the one process that
// writes its data folder, deletes them as it starts, as Stop deletes them: the chat is as before the action, the old
// version current. A Send's or an Edit's reply stays (its question is read with the next message).
void ChatController::discardVersionsNeverBegun() {
    if (store_.isReadOnly()) return;
    try {
        const store::ConversationStore::LockWaitLimit quick(kChangeLockWaitMs);  // another program's lock: left as is
        if (const int n = store_.discardRepliesNeverBegun(); n > 0)
            qInfo("rwkv-desktop: %d reply version(s) the app ended before their first word were removed", n);
    } catch (const std::exception& e) {
        qWarning("rwkv-desktop: reply versions left empty by a kill were not removed: %s", e.what());
    }
}

void ChatController::setUnsavedRetryMs(int ms) { unsavedRetry_->setInterval(ms > 0 ? ms : kUnsavedRetryMs); }

// All traffic between the GUI thread and the worker thread, in one place. Every connection is queued: the
// worker lives on its own thread, and the GUI thread never waits for loading, prefill or decoding.
void ChatController::connectWorker() {
    // --- to worker ---
    connect(this, &ChatController::loadModelRequested, &worker_, &InferenceWorker::loadModel, Qt::QueuedConnection);
    connect(this, &ChatController::modelRenameRequested, &worker_, &InferenceWorker::modelFileRenamed,
            Qt::QueuedConnection);
    connect(this, &ChatController::turnRequested, &worker_, &InferenceWorker::runTurn, Qt::QueuedConnection);
    connect(this, &ChatController::prefetchRequested, &worker_, &InferenceWorker::prefetchState, Qt::QueuedConnection);
    connect(this, &ChatController::forgetRequested, &worker_, &InferenceWorker::forgetConversation,
            Qt::QueuedConnection);
    connect(this, &ChatController::instructionsChangeRequested, &worker_, &InferenceWorker::instructionsChanged,
            Qt::QueuedConnection);
    connect(this, &ChatController::startStateChangeRequested, &worker_, &InferenceWorker::startStateChanged,
            Qt::QueuedConnection);
    // --- from worker ---
    connect(&worker_, &InferenceWorker::modelLoaded, this, &ChatController::onModelLoaded, Qt::QueuedConnection);
    connect(&worker_, &InferenceWorker::modelLoadFailed, this, &ChatController::onModelLoadFailed,
            Qt::QueuedConnection);
    connect(&worker_, &InferenceWorker::replyStarted, this, &ChatController::onReplyStarted, Qt::QueuedConnection);
    connect(&worker_, &InferenceWorker::rereading, this, &ChatController::onRereading, Qt::QueuedConnection);
    connect(&worker_, &InferenceWorker::prefillProgress, this, &ChatController::onPrefillProgress,
            Qt::QueuedConnection);
    connect(&worker_, &InferenceWorker::replyDelta, this, &ChatController::onReplyDelta, Qt::QueuedConnection);
    connect(&worker_, &InferenceWorker::replyFinished, this, &ChatController::onReplyFinished, Qt::QueuedConnection);
    connect(&worker_, &InferenceWorker::replyFailed, this, &ChatController::onReplyFailed, Qt::QueuedConnection);
    connect(&worker_, &InferenceWorker::replyNotSaved, this, &ChatController::onReplyNotSaved, Qt::QueuedConnection);
    connect(&worker_, &InferenceWorker::versionsStarted, this, &ChatController::onVersionsStarted,
            Qt::QueuedConnection);
    connect(&worker_, &InferenceWorker::versionDelta, this, &ChatController::onVersionDelta, Qt::QueuedConnection);
    connect(&worker_, &InferenceWorker::versionsFinished, this, &ChatController::onVersionsFinished,
            Qt::QueuedConnection);
}

QString ChatController::currentTitle() const { return conversationTitle(currentId_); }

QString ChatController::conversationTitle(qint64 id) const {
    if (id == 0) return tr("New chat");
    if (QString listed = conversations_.titleOf(id); !listed.isEmpty()) return listed;
    try {  // not listed: in the trash
        const std::optional<store::Conversation> c = store_.conversation(id);
        return c ? shownTitle(c->title) : QString();
    } catch (const std::exception&) {
        return {};
    }
}

ChatController::ComposerState ChatController::composerState() const {
    if (generating_) return ComposerState::Generating;
    if (loading_) return ComposerState::LoadingModel;
    if (store_.isReadOnly()) return ComposerState::ReadOnly;
    return modelLoaded_ ? ComposerState::Ready : ComposerState::NoModel;
}

QString ChatController::replyElsewhere() const {
    if (!generating_ || streamingConversationId_ == currentId_) return {};
    return conversations_.titleOf(streamingConversationId_);
}

QUrl ChatController::modelFolder() const {
    return model_.path.isEmpty() ? QUrl() : QUrl::fromLocalFile(QFileInfo(model_.path).absolutePath());
}

QString ChatController::modelStatus() const {
    // The file's name as every sentence quotes a name from outside (isolatedOneLine): a Hebrew or Arabic name kept its
    // direction past the "…" and a U+202E is written as an escape (session 44's rule; this line kept oneLine alone).
    if (loading_) return tr("Loading %1…").arg(models::isolatedOneLine(QFileInfo(loadingPath_).fileName()));
    if (!modelLoaded_) return tr("No model loaded");
    // The device as a user names it: "CPU", or the GPU's name with the backend ("NVIDIA H200 (cuda:0)"); the
    // engine's full description (threads, kernels, memory) is in the tooltip (modelDetails).
    const QString device = model_.backend.startsWith(QLatin1String("cpu"))
                               ? QStringLiteral("CPU")
                               : QStringLiteral("%1 (%2)").arg(model_.device.section(QStringLiteral(" ("), 0, 0),
                                                               model_.backend);
    const QString tokenizer = model_.tokenizer == QLatin1String("byte")    ? tr("byte tokenizer")
                              : model_.tokenizer == QLatin1String("world") ? tr("World tokenizer")
                                                                           : tr("%1 tokenizer").arg(model_.tokenizer);
    // int8 weights named (Settings → Weights in memory): not the exact fp16 model. fp16, the default, is not.
    const QString weights = model_.weightType == QLatin1String("int8") ? QStringLiteral(" · int8") : QString();
    return QStringLiteral("%1 · %2%3 · %4").arg(shownModelName(), device, weights, tokenizer);
}

QString ChatController::shownModelName() const { return models::oneLine(model_.name); }

QString ChatController::shownModelPath() const { return models::oneLine(model_.path); }

bool ChatController::isDemoModel() const {
    return modelLoaded_ && QFileInfo(model_.path).fileName() == QLatin1String(kDemoModelFileName);
}

QString ChatController::modelDetails() const {
    if (!modelLoaded_) return {};
    // The path on one line (shownModelPath): the status line's tooltip, where a U+202E in it turned the line around.
    return QStringLiteral("%1\n%2 · %3\n%4").arg(shownModelPath(), model_.backend, model_.device, model_.shape);
}

QString ChatController::damageNote() const {
    // A damaged row (a role out of range, text stored as a BLOB) was shown as well as it could be read, without a word
    // (session 22's trial, F3): which chat, what is odd, what still works. The rows: damageDetail.
    if (damagedMessages_.isEmpty()) return {};
    // A loop of parents (a hand-made row made a message answer one of its own replies) was said on stderr alone
    // (session 25's trial, N3c); the branch shown is cut where the loop closes (ConversationStore::branch).
    if (damageKinds_ & store::ParentsLoop)
        return tr("Chat “%1” is damaged: the order of its messages loops (a message is saved as a reply to one of its "
                  "own replies), so it is shown from where the loop closes, each message once. Nothing was changed or "
                  "deleted. You can still read, continue, export or delete this chat.")
            .arg(models::isolated(damagedTitle_.isEmpty() ? tr("New chat") : damagedTitle_));
    // A parent that does not exist (a hand-made row) hid the messages above it without a word (session 26's trial, F6):
    // that message is shown as a first message, the chat's other first messages beside it (ConversationStore::branch).
    if (damageKinds_ & store::ParentMissing)
        return tr("Chat “%1” is damaged: a message is saved as a reply to a message that does not exist, so it is shown "
                  "as a first message; the chat's other first messages are its other versions (‹ ›). Nothing was "
                  "changed or deleted. You can still read, continue, export or delete this chat.")
            .arg(models::isolated(damagedTitle_.isEmpty() ? tr("New chat") : damagedTitle_));
    return tr("Chat “%1” is damaged: %2 of its messages could not be read as they were saved and are shown as well as "
              "they can be (one whose kind is unreadable as yours). You can still read, continue, export or delete "
              "this chat.")
        .arg(models::isolated(damagedTitle_.isEmpty() ? tr("New chat") : damagedTitle_))
        .arg(damagedMessages_.size());
}

QString ChatController::damageDetail() const { return damagedMessages_.join(QStringLiteral("; ")); }

void ChatController::retranslate() {
    emit damageNoteChanged();
    emit modelChanged();
    emit currentConversationChanged();
    if (replyStatusText_) {
        const qint64 reply = statusReplyId_;
        setReplyStatus(replyStatusText_, replyStatusBriefText_);
        statusReplyId_ = reply;
    }
    remakeError();
    if (failedLoadMaker_) emit failedLoadChanged();
}

void ChatController::remakeError() {
    const bool unsavedShown = !unsavedBanner_.isEmpty() && errorText_ == unsavedBanner_;
    if (errorMaker_) {  // the same banner in the new words: still of the view, still of the reply elsewhere
        const bool ofView = errorOfView_, inTheWay = replyInTheWayBanner_;
        showError(errorMaker_);
        errorOfView_ = ofView;
        replyInTheWayBanner_ = inTheWay;
    }
    if (unsavedShown) {  // still the banner of the reply not saved, in the new words
        unsavedBanner_ = errorText_;
        emit unsavedBannerChanged();
    }
}

void ChatController::updateComposerState(ComposerState before) {
    if (composerState() == before) return;
    emit composerStateChanged();
    emit replyElsewhereChanged();
}

void ChatController::setError(const QString& text, const QString& summary, const QString& detail) {
    errorMaker_ = nullptr;
    showErrorTexts(text, summary, detail);
}

void ChatController::showError(ErrorMaker make) {
    const ErrorTexts texts = make();
    const QString whole = texts.detail.isEmpty() ? texts.summary : texts.summary + QLatin1Char('\n') + texts.detail;
    showErrorTexts(texts.text.isEmpty() ? whole : texts.text, texts.summary, texts.detail, texts.notice);
    errorMaker_ = std::move(make);
}

void ChatController::showErrorTexts(const QString& text, const QString& summary, const QString& detail, bool notice) {
    errorOfView_ = false;
    replyInTheWayBanner_ = false;
    const QString shown = summary.isEmpty() ? text : summary;
    notice = notice && !text.isEmpty();
    if (errorText_ == text && errorSummary_ == shown && errorDetail_ == detail && errorIsNotice_ == notice) return;
    errorText_ = text;
    errorSummary_ = shown;
    errorDetail_ = detail;
    errorIsNotice_ = notice;
    emit errorTextChanged();
}

void ChatController::setViewError(const QString& text, const QString& summary, const QString& detail) {
    setError(text, summary, detail);
    errorOfView_ = !text.isEmpty();
}

void ChatController::showError(TextMaker make) {
    showError([make = std::move(make)] { return ErrorTexts{make(), {}}; });
}

void ChatController::setViewError(TextMaker make) {
    showError(std::move(make));
    errorOfView_ = !errorText_.isEmpty();
}

void ChatController::dismissError() {
    if (standingNotice_ && !errorText_.isEmpty())
        if (const QString standing = standingNotice_(); !standing.isEmpty() && errorText_.contains(standing))
            standingNoticeClosed_ = true;  // read and closed: not shown again in this run
    setError({});
    saveUnsavedReply();
}

void ChatController::setStandingNotice(TextMaker make) {
    standingNotice_ = std::move(make);
    standingNoticeClosed_ = false;
}

void ChatController::closeErrorForNewAction() {
    setError({});
    saveUnsavedReply();  // may show why the last reply is still not saved: that banner stays
    showStandingNotice();
}

void ChatController::showStandingNotice() {
    if (standingNotice_ && !standingNoticeClosed_ && errorText_.isEmpty() && !standingNotice_().isEmpty())
        showError(standingNotice_);
}

bool ChatController::libraryReadOnly() const { return store_.isReadOnly(); }

QString ChatController::libraryFile() const { return store_.path(); }

QString ChatController::libraryReadOnlyReason() const { return store_.readOnlyReasonText(); }

void ChatController::setReplyStatus(std::function<QString()> make, std::function<QString()> brief) {
    statusReplyId_ = 0;
    replyStatusText_ = std::move(make);
    replyStatusBriefText_ = std::move(brief);
    const QString text = replyStatusText_ ? replyStatusText_() : QString();
    const QString briefText = replyStatusBriefText_ ? replyStatusBriefText_() : QString();
    if (replyStatus_ == text && replyStatusBrief_ == briefText) return;
    replyStatus_ = text;
    replyStatusBrief_ = briefText;
    emit replyStatusChanged();
}

// --- user actions ---

bool ChatController::nothingToRead(const QString& text) const { return holdsNothingToRead(text); }

bool ChatController::send(const QString& text) {
    if (holdsNothingToRead(text) && composerState() == ComposerState::Ready) {
        setViewError([] { return tr("The message is empty. Type something before sending."); });
        return false;
    }
    if (composerState() == ComposerState::LoadingModel && !holdsNothingToRead(text)) {
        setQueued(text);  // answered once the model has loaded (onModelLoaded); the box keeps the text until then
        setReplyStatus([this, name = models::isolatedOneLine(QFileInfo(loadingPath_).fileName())] {
            return tr("Your message will be sent as soon as %1 has loaded.").arg(name);
        });
        return false;
    }
    TurnRequest request;
    request.kind = TurnRequest::Kind::Send;
    request.text = text;
    if (messages_.hasNewer()) reloadMessages(false);  // a window around a search hit: the branch's newest page
    request.target = parentForNewMessage(messages_.messageAt(messages_.rowCount() - 1));  // after the last one shown
    return startTurn(request, [this] { return tr("Thinking…"); });
}

bool ChatController::regenerate(qint64 messageId) {
    TurnRequest request;
    request.kind = TurnRequest::Kind::Regenerate;
    request.target = messageId;
    return startTurn(request, [this] { return tr("Writing another reply…"); });
}

bool ChatController::continueReply(qint64 messageId) {
    TurnRequest request;
    request.kind = TurnRequest::Kind::Continue;
    request.target = messageId;
    return startTurn(request, [this] { return tr("Continuing the reply…"); });
}

bool ChatController::editMessage(qint64 messageId, const QString& text) {
    if (holdsNothingToRead(text)) {
        setViewError([] { return tr("The message is empty. Type something before sending."); });
        return false;
    }
    TurnRequest request;
    request.kind = TurnRequest::Kind::Edit;
    request.target = messageId;
    request.text = text;
    return startTurn(request, [this] { return tr("Thinking…"); });
}

bool ChatController::startTurn(const TurnRequest& r, std::function<QString()> statusText) {
    switch (composerState()) {
    case ComposerState::NoModel: showError([] { return tr("Load a model before sending a message."); }); return false;
    case ComposerState::LoadingModel:
        showError([] { return tr("The model is still loading. Please wait a moment."); });
        return false;
    case ComposerState::Generating:
        if (streamingConversationId_ != currentId_ && waitingForApi())  // that chat's turn has not begun: said so
            showReplyInTheWay([title = replyElsewhere()] {
                return tr("A reply in “%1” is waiting for a Local API request. Send once it has ended, or stop it "
                          "there; your message stays in the box.").arg(title);
            });
        else if (streamingConversationId_ != currentId_)  // no Stop here: it is the other chat's (replyElsewhere)
            showReplyInTheWay([title = replyElsewhere()] {
                return tr("A reply is being written in “%1”. Send once it has ended, or stop it there; your message "
                          "stays in the box.").arg(title);
            });
        else
            showReplyInTheWay([] { return tr("A reply is still being written. Wait for it or press Stop."); }, false);
        return false;
    case ComposerState::ReadOnly:
        if (!store_.readOnlyReason().empty())  // e.g. a full disk: the file itself is writable
            showError([this, file = libraryFile()] {  // the reason asked each time: in the window's language
                return tr("The conversation library opened read-only because %1 cannot be written now (%2), so new "
                          "messages cannot be saved. Free some space on its disk, then restart RWKV Desktop.")
                    .arg(models::isolated(file), store_.readOnlyReasonText());
            });
        else
            showError([file = libraryFile()] {
                return tr("The conversation library is read-only, so new messages cannot be saved. Make %1 and its "
                          "folder writable, then restart RWKV Desktop.").arg(models::isolated(file));
            });
        return false;
    case ComposerState::Ready: break;
    }
    if (freeingStates_) {  // the turn would wait for the store's writer, which the freeing's VACUUM holds
        showReplyInTheWay([send = r.kind == TurnRequest::Kind::Send] {
            const QString why = tr("RWKV Desktop is freeing the space used by saved states (Settings → Folders); try "
                                   "again once it has finished.");
            return send ? why + QLatin1Char('\n') + tr("Your message was not sent: it is still in the message box.") : why;
        });
        return false;
    }
    TurnRequest request = r;
    qint64 id = currentId_;
    try {
        if (id == 0) {
            if (request.kind != TurnRequest::Kind::Send) return false;
            {
                const store::ConversationStore::LockWaitLimit quick(kChangeLockWaitMs);
                // The starting state chosen in the new chat comes with the row: its first turn starts from it.
                id = store_.createConversation(titleFromMessage(request.text), instructions_, newChatStartState_,
                                               newChatStartStateSha256_);
                if (!preset_.isEmpty()) store_.setSamplingPreset(id, preset_);  // chosen in the new chat
            }
            madeBySend_ = MadeBySend{id, newChatOwnInstructions_, newChatStartState_, newChatStartStateSha256_, preset_};
            newChatOwnInstructions_.reset();  // the chat has them now: the next new chat starts from Settings'
            newChatStartState_.clear();       // and from zeros
            newChatStartStateSha256_.clear();
            newChatPreset_.clear();
            refreshConversations();
            setCurrent(id);
            request.target = 0;
        }
    } catch (const std::exception& e) {
        // send() returns false: the box keeps the text.
        if (isAnotherProgramsLock(e))
            setViewError([path = models::isolated(store_.path())] {
                return tr("Another program is using the conversation database %1, so the new chat was not started.")
                           .arg(path) +
                       QLatin1Char('\n') + tr("Your message was not sent: it is still in the message box.");
            });
        else
            setViewError([error = std::current_exception()] {
                return tr("Could not create the conversation: %1").arg(storeErrorText(error));
            });
        setReplyStatus(nullptr);  // a new chat has no reply: a line left from another state would contradict the banner
        return false;
    }
    request.conversationId = id;
    // A Local API request holds the worker (one request at a time, shared with the chats): the turn waits behind it,
    // for as long as it writes (n × max_tokens). Its rows are committed here at once, so what was asked is drawn and
    // survives a kill meanwhile; before, the box cleared and a Send's question was nowhere until the request ended
    // (session 51's trial), and an Edit's new question likewise until session 52.
    const bool waitsForApi = worker_.apiRunning();
    const bool committed = waitsForApi && commitWaitingTurn(request);
    const ComposerState before = composerState();
    generating_ = true;
    streamingConversationId_ = id;
    streamingMessageId_ = 0;
    leafBeforeTurn_ = currentLeafId_;
    // A continued version's bubble shows the cut text at once (reloadMessages), new words after it.
    const int cutRow = request.kind == TurnRequest::Kind::Continue ? messages_.indexOfId(request.target) : -1;
    streamingText_ = cutRow >= 0 ? messages_.messageAt(cutRow).text : QString();
    pendingUserText_ = request.text.trimmed();
    unsavedText_ = request.kind == TurnRequest::Kind::Send ? request.text : QString();
    closeErrorForNewAction();
    if (waitsForApi) {
        waitingTurnStatus_ = std::move(statusText);  // said once the turn begins (onReplyStarted)
        setReplyStatus([] { return tr("Waiting for a Local API request to finish…"); });
    } else {
        waitingTurnStatus_ = nullptr;
        setReplyStatus(std::move(statusText));
    }
    setWaitingForApi(waitsForApi);
    clearPrefill();  // a turn queued meanwhile starts without the last one's re-read count
    updateComposerState(before);
    worker_.clearStop();
    ChatParams params = params_;
    if (params.useConversationPreset) {  // resolved here: the turn and the readouts see what the reply samples with
        // The conversation's own preset, else Settings' default as it is now ("custom": its values of the moment).
        const QString preset = preset_.isEmpty() ? params.preset : preset_;
        params.sampler = withSamplingPreset(params.sampler, preset);
        params.maxTokens = samplingPresetMaxTokens(preset, params.maxTokens);
        params.useConversationPreset = false;
    }
    if (params.newSeedPerTurn) params.sampler.seed = QRandomGenerator::global()->generate64();
    for (std::size_t i = 0; i < request.seeds.size(); ++i)  // several versions: each its own, as a reply's is drawn
        request.seeds[i] = i == 0                 ? params.sampler.seed
                           : params.newSeedPerTurn ? QRandomGenerator::global()->generate64()
                                                   : params.sampler.seed + i;
    params.requestedAtNs = steadyClockNs();  // the time to first token counts from the Send
    params.paceMs = paceMs_;
    emit sendRequested(id, request.text, params);
    emit turnRequested(request, params);
    if (committed) showWaitingTurn(request);
    return true;
}

bool ChatController::regenerateSeveral(qint64 messageId, int count) {
    TurnRequest request;
    request.kind = TurnRequest::Kind::Regenerate;
    request.target = messageId;
    request.seeds.resize(std::size_t(std::clamp(count, 1, ChatSession::kMaxVersions)));
    return startTurn(request, [this, count] { return tr("Writing %1 replies…").arg(count); });
}

void ChatController::stop() {
    if (!generating_) return;
    // A turn still waiting for a Local API request ends now (a Send's or an Edit's question kept); the request goes on.
    if (endWaitingTurn()) return;
    worker_.stop();
}

}  // namespace rwkv::app
