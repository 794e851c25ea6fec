// chat_controller.cpp — ChatController: user actions, worker wiring, and the status texts shown by the view. A reply not
// saved yet (kept, retried, asked about at close, said at quit): chat_controller_unsaved_reply.cpp. The worker's
// signals (a model loaded or refused, a reply's progress, end or failure): chat_controller_from_worker.cpp.
#include "chat_controller.h"

#include <QCoreApplication>
#include <QRandomGenerator>
#include <QScopeGuard>
#include <QSet>

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <algorithm>
#include <utility>

#ifdef Q_OS_UNIX
#include <dirent.h>
#endif

#include "app_paths.h"
#include "branch_to_continue.h"
#include "conversation_export.h"
#include "conversation_title.h"
#include "engine_error_text.h"
#include "models/one_line.h"
#include "models/wording.h"  // joinSentences
#include "store_error_text.h"
#include "rwkv/chat_format.h"
#include "sampling_presets.h"
#include "store/conversation_store.h"

namespace rwkv::app {

namespace {
/// Whether `path`, which names nothing, stands for a file (or folder) whose name is not UTF-8 text: Qt reads such a
/// name from the command line with U+FFFD for the bytes that are not text and cannot open it by that text
/// (QFile::encodeName gives U+FFFD's own bytes back); QDir and the file dialog leave such names out of their listings.
/// True when the first part of `path` that is not there holds U+FFFD and its folder, read by the system's readdir,
/// has an entry that Qt reads as that name.
bool nameIsNotText(const QString& path) {
    if (!path.contains(QChar::ReplacementCharacter)) return false;
    QFileInfo missing(QFileInfo(path).absoluteFilePath());
    while (!missing.dir().exists() && !missing.dir().isRoot()) missing = QFileInfo(missing.absolutePath());
    if (!missing.fileName().contains(QChar::ReplacementCharacter)) return false;
    bool found = false;
#ifdef Q_OS_UNIX
    if (DIR* dir = ::opendir(QFile::encodeName(missing.absolutePath()).constData())) {
        while (const dirent* entry = ::readdir(dir))
            if (QFile::decodeName(entry->d_name) == missing.fileName()) found = true;
        ::closedir(dir);
    }
#endif
    return found;
}
}  // namespace

ChatController::ChatController(store::ConversationStore& store, InferenceWorker& worker, QObject* parent)
    : QObject(parent), store_(store), worker_(worker) {
    connectWorker();
    refreshConversations();
    unsavedRetry_ = new QTimer(this);
    unsavedRetry_->setObjectName(QStringLiteral("unsavedRetry"));
    unsavedRetry_->setInterval(kUnsavedRetryMs);
    connect(unsavedRetry_, &QTimer::timeout, this, [this] { saveUnsavedReply(); });
}

// All traffic between the GUI thread and the worker thread, in one place. Every connection is queued: the
// worker lives on its own thread, and the GUI thread never waits for loading, prefill or decoding.
void ChatController::connectWorker() {
    // --- to worker ---
    connect(this, &ChatController::loadModelRequested, &worker_, &InferenceWorker::loadModel, Qt::QueuedConnection);
    connect(this, &ChatController::turnRequested, &worker_, &InferenceWorker::runTurn, Qt::QueuedConnection);
    connect(this, &ChatController::prefetchRequested, &worker_, &InferenceWorker::prefetchState, Qt::QueuedConnection);
    connect(this, &ChatController::forgetRequested, &worker_, &InferenceWorker::forgetConversation,
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
    if (loading_) return tr("Loading %1…").arg(QFileInfo(loadingPath_).fileName());
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
    return QStringLiteral("%1 · %2%3 · %4").arg(model_.name, device, weights, tokenizer);
}

bool ChatController::isDemoModel() const {
    return modelLoaded_ && QFileInfo(model_.path).fileName() == QLatin1String(kDemoModelFileName);
}

QString ChatController::modelDetails() const {
    if (!modelLoaded_) return {};
    return QStringLiteral("%1\n%2 · %3\n%4").arg(model_.path, model_.backend, model_.device, model_.shape);
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
    const bool unsavedShown = !unsavedBanner_.isEmpty() && errorText_ == unsavedBanner_;
    if (errorMaker_) {  // the same banner in the new words: still of the view, still of the reply elsewhere
        const bool ofView = errorOfView_, inTheWay = replyInTheWayBanner_;
        showError(errorMaker_);
        errorOfView_ = ofView;
        replyInTheWayBanner_ = inTheWay;
    }
    if (unsavedShown) unsavedBanner_ = errorText_;  // still the banner of the reply not saved, in the new words
    if (failedLoadMaker_) emit failedLoadChanged();
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
    setError({});
    saveUnsavedReply();
}

bool ChatController::libraryReadOnly() const { return store_.isReadOnly(); }

QString ChatController::libraryFile() const { return store_.path(); }

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

bool ChatController::send(const QString& text) {
    if (sanitize_chat_text(text.toStdString()).empty() && composerState() == ComposerState::Ready) {
        setViewError([] { return tr("The message is empty. Type something before sending."); });
        return false;
    }
    if (composerState() == ComposerState::LoadingModel && !sanitize_chat_text(text.toStdString()).empty()) {
        setQueued(text);  // answered once the model has loaded (onModelLoaded); the box keeps the text until then
        setReplyStatus([this, name = QFileInfo(loadingPath_).fileName()] {
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

bool ChatController::editMessage(qint64 messageId, const QString& text) {
    if (sanitize_chat_text(text.toStdString()).empty()) {
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
        if (streamingConversationId_ != currentId_)  // no Stop here: it is the other chat's (replyElsewhere)
            showReplyInTheWay([title = replyElsewhere()] {
                return tr("A reply is being written in “%1”. Send once it has ended, or stop it there; your message "
                          "stays in the box.").arg(title);
            });
        else
            showReplyInTheWay([] { return tr("A reply is still being written. Wait for it or press Stop."); }, false);
        return false;
    case ComposerState::ReadOnly:
        if (!store_.readOnlyReason().empty())  // e.g. a full disk: the file itself is writable
            showError([file = libraryFile(), why = QString::fromStdString(store_.readOnlyReason())] {
                return tr("The conversation library opened read-only because %1 cannot be written now (%2), so new "
                          "messages cannot be saved. Free some space on its disk, then restart RWKV Desktop.")
                    .arg(file, why);
            });
        else
            showError([file = libraryFile()] {
                return tr("The conversation library is read-only, so new messages cannot be saved. Make %1 and its "
                          "folder writable, then restart RWKV Desktop.").arg(file);
            });
        return false;
    case ComposerState::Ready: break;
    }
    TurnRequest request = r;
    qint64 id = currentId_;
    try {
        if (id == 0) {
            if (request.kind != TurnRequest::Kind::Send) return false;
            {
                const store::ConversationStore::LockWaitLimit quick(kChangeLockWaitMs);
                id = store_.createConversation(titleFromMessage(request.text));
                if (!preset_.isEmpty()) store_.setSamplingPreset(id, preset_);  // chosen in the new chat
            }
            refreshConversations();
            setCurrent(id);
            request.target = 0;
        }
    } catch (const std::exception& e) {
        // send() returns false: the box keeps the text.
        if (isAnotherProgramsLock(e))
            setViewError([path = store_.path()] {
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
    const ComposerState before = composerState();
    generating_ = true;
    streamingConversationId_ = id;
    streamingMessageId_ = 0;
    leafBeforeTurn_ = currentLeafId_;
    streamingText_.clear();
    pendingUserText_ = request.text.trimmed();
    unsavedText_ = request.kind == TurnRequest::Kind::Send ? request.text : QString();
    dismissError();
    setReplyStatus(std::move(statusText));
    clearPrefill();  // a turn queued meanwhile starts without the last one's re-read count
    updateComposerState(before);
    worker_.clearStop();
    ChatParams params = params_;
    if (params.useConversationPreset) {  // resolved here: the turn and the readouts see what the reply samples with
        params.sampler = withSamplingPreset(params.sampler, preset_);
        params.useConversationPreset = false;
    }
    if (params.newSeedPerTurn) params.sampler.seed = QRandomGenerator::global()->generate64();
    params.requestedAtNs = steadyClockNs();  // the time to first token counts from the Send
    params.paceMs = paceMs_;
    emit sendRequested(id, request.text, params);
    emit turnRequested(request, params);
    return true;
}

void ChatController::stop() {
    if (generating_) worker_.stop();
}

void ChatController::newConversation() { setCurrent(0); }

void ChatController::selectConversation(qint64 id) {
    emit uiActionStarted(QStringLiteral("switch"));
    if (id != 0 && conversations_.indexOfId(id) < 0) {
        setViewError([] { return tr("That conversation no longer exists."); });
        refreshConversations();
        return;
    }
    setCurrent(id);
    if (id != 0) {
        try {
            const store::ConversationStore::LockWaitLimit quick(kChangeLockWaitMs);  // skipped under another's lock
            store_.markUsed(id);  // sorts it first from the next refresh on, without moving the row under the pointer
        } catch (const std::exception&) {
        }
    }
}

void ChatController::showSibling(qint64 messageId, int step) {
    if (generating_ && streamingConversationId_ == currentId_) {
        setViewError([] { return tr("Wait for the reply (or press Stop) before switching branches."); });
        return;
    }
    try {
        const QList<qint64> siblings = store_.siblings(messageId);
        const qsizetype at = siblings.indexOf(messageId);
        if (at < 0 || at + step < 0 || at + step >= siblings.size()) return;
        currentLeafId_ = store_.newestLeafUnder(siblings.at(at + step));
    } catch (const std::exception&) {
        setViewError([error = std::current_exception()] {
            return tr("Could not read the messages: %1").arg(storeErrorText(error));
        });
        return;
    }
    rememberBranch(currentId_, currentLeafId_);
    reloadMessages();
    // The status line's numbers (tokens, tok/s, resumed or read again) are those of the reply just written: with
    // another version shown they are not its, so the line goes (session 28's trial, N9: they stayed).
    if (statusReplyId_ != 0 && messages_.indexOfId(statusReplyId_) < 0) setReplyStatus(nullptr);
}

void ChatController::rememberBranch(qint64 conversationId, qint64 leafId) {
    try {
        const store::ConversationStore::LockWaitLimit quick(kChangeLockWaitMs);  // skipped under another's lock
        store_.setViewedBranch(conversationId, leafId);  // the branch it opens on next time, also after a restart
    } catch (const std::exception&) {
    }
}

void ChatController::setConversationPreset(const QString& name) {
    if (name == preset_) return;
    if (!name.isEmpty() && !samplingPresetNames().contains(name)) {
        setViewError([name] { return tr("There is no sampling preset named “%1”.").arg(name); });
        return;
    }
    if (currentId_ != 0) {
        try {
            const store::ConversationStore::LockWaitLimit quick(kChangeLockWaitMs);
            store_.setSamplingPreset(currentId_, name);
        } catch (const std::exception&) {
            setViewError([error = std::current_exception()] {
                return tr("Could not change the sampling preset: %1").arg(storeErrorText(error));
            });
            emit conversationPresetChanged();  // the view shows the stored preset again
            return;
        }
    }
    preset_ = name;
    emit conversationPresetChanged();
}

void ChatController::showMessage(qint64 conversationId, qint64 messageId) {
    if (generating_ && streamingConversationId_ == conversationId) {
        selectConversation(conversationId);
    } else {
        if (conversationId != currentId_) selectConversation(conversationId);
        if (currentId_ != conversationId) return;  // it no longer exists
        try {  // the version looked at last when it holds the hit (as the sidebar opens it), else the hit's branch
            currentLeafId_ = leafShowing(store_, currentId_, currentLeafId_, messageId);
        } catch (const std::exception&) {
            currentLeafId_ = 0;
        }
        rememberBranch(currentId_, currentLeafId_);
        reloadMessages(false, currentLeafId_ != 0 ? messageId : 0);  // the message is on this branch: around it
    }
    emit messageShown(messageId);
}

void ChatController::selectMostRecent() {
    refreshConversations();
    if (conversations_.rowCount() > 0)
        setCurrent(conversations_.data(conversations_.index(0), ConversationListModel::IdRole).toLongLong());
}

int ChatController::maxTitleLength() { return kMaxTitleLength; }

bool ChatController::renameConversation(qint64 id, const QString& title) {
    const QString t = cappedTitle(title.simplified());  // the dialog says so (session 22's trial, F8)
    if (t.isEmpty()) {
        setViewError([] { return tr("A conversation needs a title."); });
        return false;
    }
    try {
        const store::ConversationStore::LockWaitLimit quick(kChangeLockWaitMs);
        store_.renameConversation(id, t);
    } catch (const std::exception& e) {
        if (isAnotherProgramsLock(e))  // the sidebar still shows the old title
            setViewError([path = models::isolated(store_.path()),
                          title = models::isolated(conversations_.titleOf(id))] {
                return tr("Another program is using the conversation database %1, so the chat was not renamed: it "
                          "keeps the name “%2”. Try again once that program lets go of the database.")
                    .arg(path, title);
            });
        else
            setViewError([error = std::current_exception()] {
                return tr("Could not rename the conversation: %1").arg(storeErrorText(error));
            });
        return false;
    }
    // The row's title only: a refresh would also apply the order of an opening since the last one (markUsed), and the
    // renamed chat jumped to the top under the pointer (session 32's trial). Not listed (a search hit): refreshed.
    if (!conversations_.setTitle(id, t)) refreshConversations();
    if (id == currentId_) emit currentConversationChanged();
    return true;
}

bool ChatController::deleteConversation(qint64 id) {
    if (generating_ && streamingConversationId_ == id) {  // the chat named: deleted from its row in another chat
        showReplyInTheWay([title = models::isolated(conversations_.titleOf(id)), shown = id == currentId_] {
            return shown ? tr("Stop the reply before deleting “%1”.").arg(title)
                         : tr("A reply is being written in “%1”. Stop it there before deleting that conversation.")
                               .arg(title);
        });
        return false;
    }
    try {
        const store::ConversationStore::LockWaitLimit quick(kChangeLockWaitMs);
        store_.deleteConversation(id);
    } catch (const std::exception& e) {
        if (isAnotherProgramsLock(e))
            setViewError([path = models::isolated(store_.path()),
                          title = models::isolated(conversations_.titleOf(id))] {
                return tr("Another program is using the conversation database %1, so the chat “%2” was not moved to "
                          "the trash: it is kept as it was. Try again once that program lets go of the database.")
                    .arg(path, title);
            });
        else
            setViewError([error = std::current_exception()] {
                return tr("Could not delete the conversation: %1").arg(storeErrorText(error));
            });
        return false;
    }
    emit forgetRequested(id);
    refreshConversations();
    if (id == currentId_) setCurrent(0);
    return true;
}

void ChatController::loadModel(const QString& pathOrUrl) {
    if (generating_) {
        showReplyInTheWay([] { return tr("Stop the reply before changing the model."); }, false);
        return;
    }
    if (loading_) {
        showError([] { return tr("A model is already loading. Please wait a moment."); });
        return;
    }
    setOptionsWaiting(false);  // this load takes the options of now
    const QUrl url(pathOrUrl);
    const QString path = url.isLocalFile() ? url.toLocalFile() : pathOrUrl;
    if (QFileInfo(path).isDir()) {
        showError([path] { return ErrorTexts{tr("“%1” is a folder, not a model file.").arg(path), {}}; });
        setFailedLoad(path, errorMaker_);
        emit modelLoadFinished(false);
        return;
    }
    if (!path.isEmpty() && QFileInfo::exists(path) && !QFileInfo(path).isFile()) {
        // A named pipe, a device or a socket was "does not exist" here while rwkv-cli said "not a regular file"
        // (session 26's trial, F7): named by the check import uses for the same files.
        try {
            refuseWhatIsNotAFile(path);
        } catch (const ImportError& e) {
            // ImportError::reason() is translated when it is made: the check is made again for the new language
            showError([path, first = withoutFinalStop(e.reason())] {
                QString why = first;
                try {
                    refuseWhatIsNotAFile(path);
                } catch (const ImportError& again) {
                    why = withoutFinalStop(again.reason());
                }
                return ErrorTexts{tr("The model file cannot be loaded: %1.").arg(why), {}};
            });
            setFailedLoad(path, errorMaker_);
            emit modelLoadFinished(false);
            return;
        }
    }
    if (!QFileInfo::exists(path) && nameIsNotText(path)) {
        // Said as such, not "does not exist" (session 30's trial, A4: "mod\xe8le.pth" of an old archive, which rwkv-cli
        // opens). Not opened: every path is a QString here (settings, the worker, the models list), the command line's
        // bytes are gone before the app sees them, and Qt's file dialog does not list such a file at all.
        const QString still = modelLoaded_ ? model_.name : QString();
        showError([path, still] {
            const QString why = tr("The model file “%1” cannot be opened by its name: the name, or a folder's on its "
                                   "path, has bytes that are not UTF-8 text (shown as �). Rename it to open it here.")
                                    .arg(path);
            return ErrorTexts{still.isEmpty() ? why : models::joinSentences(why, tr("Still using %1.").arg(still)), {}};
        });
        setFailedLoad(path, errorMaker_);
        emit modelLoadFinished(false);
        return;
    }
    if (path.isEmpty() || !QFileInfo(path).isFile()) {
        // rwkv-desktop asks for the demo model by an empty path when it found no resources folder (a binary copied
        // away from it): name the file it looked for, not “” (new-user trial, session 16).
        const QString shown = path.isEmpty() ? expectedDemoModelPath(QCoreApplication::applicationDirPath()) : path;
        // A model in use stays in use; a device / threads change for it (the same path again) waits for its file
        // (session 28's trial, F6: only "does not exist" was said, as if nothing were loaded).
        const QString still = modelLoaded_ ? model_.name : QString();
        const bool again = modelLoaded_ && path == model_.path;
        showError([shown, still, again] {
            return ErrorTexts{again ? tr("The model file “%1” does not exist any more, so the changed settings were not "
                                         "applied: %2 stays in use as it was loaded. They apply when you choose a model.")
                                          .arg(shown, still)
                              : !still.isEmpty() ? tr("The model file “%1” does not exist. Still using %2.").arg(shown, still)
                                                 : tr("The model file “%1” does not exist.").arg(shown),
                              {}};
        });
        setFailedLoad(path, errorMaker_);
        emit modelLoadFinished(false);
        return;
    }
    const ComposerState before = composerState();
    pendingModelPath_.clear();  // the user's latest choice wins over a download waiting to load
    setFailedLoad({}, nullptr);
    loading_ = true;
    loadingPath_ = path;
    dismissError();
    emit modelChanged();
    updateComposerState(before);
    emit loadModelRequested(path);
}

void ChatController::loadModelWhenIdle(const QString& path) {
    if (generating_ || loading_) {
        pendingModelPath_ = path;
        return;
    }
    loadModel(path);
}

void ChatController::reloadModelWhenIdle() {
    if (!generating_ && !loading_) {
        if (!model_.path.isEmpty()) loadModel(model_.path);
        return;
    }
    if (pendingModelPath_.isEmpty()) pendingModelPath_ = loading_ ? loadingPath_ : model_.path;
    if (!pendingModelPath_.isEmpty()) setOptionsWaiting(true);
}

void ChatController::setFailedLoad(const QString& path, ErrorMaker make) {
    if (path.isEmpty() && failedModelPath_.isEmpty()) return;
    failedModelPath_ = path;
    failedLoadMaker_ = path.isEmpty() ? ErrorMaker() : std::move(make);
    emit failedLoadChanged();
}

void ChatController::setOptionsWaiting(bool waiting) {
    if (waiting == optionsWaiting_) return;
    optionsWaiting_ = waiting;
    emit loadOptionsWaitingChanged();
}

void ChatController::loadPendingModel() {
    if (pendingModelPath_.isEmpty() || generating_ || loading_) return;
    const QString path = std::exchange(pendingModelPath_, QString());
    loadModel(path);
}

void ChatController::refreshConversations() {
    try {
        conversations_.setConversations(store_.listConversations());
        if (generating_) emit replyElsewhereChanged();  // a renamed chat's title
    } catch (const std::exception&) {
        showError([error = std::current_exception()] {
            return tr("Could not read the conversations: %1").arg(storeErrorText(error));
        });
    }
}

void ChatController::setCurrent(qint64 id) {
    const bool changed = id != currentId_;
    if (changed && errorOfView_) setError({});  // the old chat's banner (session 27's trial, F8)
    currentId_ = id;
    currentLeafId_ = 0;
    QString preset, title;  // title: for damageNote
    try {  // the branch viewed last (0: the newest; a regenerate killed before its first word gives way) and the preset
        if (id != 0) {
            currentLeafId_ = leafToShow(store_, id, generating_ ? streamingMessageId_ : 0);
            if (const auto c = store_.conversation(id)) {
                preset = c->sampling_preset;
                title = c->title;
            }
        }
    } catch (const std::exception&) {
    }
    reloadMessages(!changed);
    if (title != damagedTitle_) {
        damagedTitle_ = title;
        emit damageNoteChanged();
    }
    if (id != 0 && messages_.lastId() != 0) emit prefetchRequested(id, messages_.lastId());
    // The status line's numbers, or "Stopped before the reply began", are of a reply of the chat left: they go with it,
    // as with another version (showSibling). Before, they stayed over the next chat (session 31's trial, nit).
    if (changed && statusReplyId_ != 0 && messages_.indexOfId(statusReplyId_) < 0) setReplyStatus(nullptr);
    if (preset != preset_) {  // a new chat starts on the app default
        preset_ = preset;
        emit conversationPresetChanged();
    }
    if (changed) {
        emit currentConversationChanged();
        if (generating_) emit replyElsewhereChanged();
    }
}

void ChatController::reloadMessages(bool keepRows, qint64 around) {
    if (currentId_ == 0) {
        messages_.clear();
        return;
    }
    const QStringList damagedBefore = damagedMessages_;
    damagedMessages_.clear();
    damageKinds_ = 0;
    const auto announce = qScopeGuard([&] {
        if (damagedMessages_ != damagedBefore) emit damageNoteChanged();
    });
    try {
        const qint64 firstShown = keepRows ? messages_.messageAt(0).id : 0;  // 0: none shown
        qint64 leaf = currentLeafId_;
        if (leaf == 0)
            if (const auto newest = store_.newestMessage(currentId_)) leaf = newest->id;
        // A window that does not reach the leaf (around a search hit): down from its first row as far as it was
        // shown and a turn's two more, not up from the leaf through the whole branch between them.
        const int window = int(messages_.rowCount()) + 1;
        if (leaf != 0 && (around != 0 ? readWindow(around, kPageMessages, kPageMessages, leaf)
                                      : firstShown != 0 && messages_.hasNewer() &&
                                            readWindow(firstShown, 1, window, leaf)))
            return;
        newerPath_.clear();
        // The rows shown and a turn's two more (the question and the reply), at least a page: down from the first
        // row shown when the branch still holds it.
        const int limit = std::max(kPageMessages, firstShown != 0 ? messages_.rowCount() + 2 : 0);
        store::ConversationStore::BranchPage page = leaf != 0 ? store_.branchPage(leaf, limit)
                                                              : store::ConversationStore::BranchPage{};
        const auto kept = std::find_if(page.messages.begin(), page.messages.end(),
                                       [firstShown](const store::Message& m) { return m.id == firstShown; });
        // Further up the new branch than the rows shown (‹ › from a window back to the long branch): a window there.
        if (firstShown != 0 && kept == page.messages.end() && page.olderLeft && readWindow(firstShown, 1, window, leaf))
            return;
        if (firstShown != 0 && kept != page.messages.end() && kept != page.messages.begin()) {
            page.messages.erase(page.messages.begin(), kept);
            page.olderLeft = true;
        }
        // The first row shown replaced by another version (Edit or Regenerate of the oldest message read, ‹ › on it)
        // with older messages left: a page of the new branch above it is put above it first, as loadOlderMessages
        // does, so that the reload keeps rows as for any other row. Before, no row was kept: the list was reset and
        // laid out from its top, ~100 messages above the new question (session 31's check, P1).
        const qint64 parent = firstShown != 0 && kept == page.messages.end() && messages_.hasOlder()
                                  ? messages_.messageAt(0).parent_id : 0;
        const auto above = std::find_if(page.messages.begin(), page.messages.end(),
                                        [parent](const store::Message& m) { return m.id == parent; });
        if (parent != 0 && above != page.messages.end()) {
            const auto from = above - page.messages.begin() >= kPageMessages ? above + 1 - kPageMessages
                                                                             : page.messages.begin();
            page.olderLeft = page.olderLeft || from != page.messages.begin();
            page.messages.erase(page.messages.begin(), from);
            messages_.prependOlder(page.messages.mid(0, above - from + 1), messages_.messageAt(0), page.olderLeft);
        }
        showRows(page.messages, page.olderLeft, false);
    } catch (const std::exception&) {
        messages_.clear();
        setViewError([error = std::current_exception()] {
            return tr("Could not read the messages: %1").arg(storeErrorText(error));
        });
        return;
    }
}

void ChatController::noteDamage(const store::Message& m) {
    if (m.damage == 0) return;
    damageKinds_ |= m.damage;
    damagedMessages_ << store::damageRow(m);  // the same words as rwkv-cli's
}

bool ChatController::loadOlderMessages(int count) {
    if (currentId_ == 0 || !messages_.hasOlder() || messages_.rowCount() == 0) return false;
    const QStringList damagedBefore = damagedMessages_;
    const auto announce = qScopeGuard([&] {
        if (damagedMessages_ != damagedBefore) emit damageNoteChanged();
    });
    try {
        // From the first row shown up: it is read again, now with the message above it (a loop closing there, its
        // sibling positions as a first message). The rows under it: a loop of parents reaching one of them ends there.
        const qint64 first = messages_.messageAt(0).id;
        QSet<qint64> below;
        for (int row = 1; row < messages_.rowCount(); ++row) below.insert(messages_.messageAt(row).id);
        const int read = std::clamp(count, 1, kMaxReadDown);
        store::ConversationStore::BranchPage page = store_.branchPage(first, read + 1, below);
        if (page.messages.isEmpty() || page.messages.back().id != first) {
            messages_.prependOlder({}, {}, false);
            return false;
        }
        const store::Message firstAgain = page.messages.takeLast();
        // The damaged rows in the branch's order: the new page's, then those shown, the first row's said again when
        // more is known of it now (the loop closes above it, its parent does not exist).
        const QStringList shown = std::exchange(damagedMessages_, {});
        readRows(page.messages);
        const store::Message wasFirst = messages_.messageAt(0);
        noteDamage(firstAgain);
        for (const QString& row : shown)
            if (row != store::damageRow(wasFirst) || wasFirst.damage == 0) damagedMessages_ << row;
        messages_.prependOlder(page.messages, firstAgain, page.olderLeft);
        return !page.messages.isEmpty();
    } catch (const std::exception&) {
        setViewError([error = std::current_exception()] {
            return tr("Could not read the messages: %1").arg(storeErrorText(error));
        });
        return false;
    }
}

}  // namespace rwkv::app
