// chat_controller.cpp — ChatController: user actions, worker wiring, and the status texts shown by the view.
#include "chat_controller.h"

#include <QRandomGenerator>

#include <QFileInfo>
#include <QLocale>

#include "rwkv/chat_format.h"
#include "store/conversation_store.h"

namespace rwkv::app {

ChatController::ChatController(store::ConversationStore& store, InferenceWorker& worker, QObject* parent)
    : QObject(parent), store_(store), worker_(worker) {
    connectWorker();
    refreshConversations();
}

// All traffic between the GUI thread and the worker thread, in one place. Every connection is queued: the
// worker lives on its own thread, and the GUI thread never waits for loading, prefill or decoding.
void ChatController::connectWorker() {
    // --- to worker ---
    connect(this, &ChatController::loadModelRequested, &worker_, &InferenceWorker::loadModel, Qt::QueuedConnection);
    connect(this, &ChatController::sendRequested, &worker_, &InferenceWorker::sendMessage, Qt::QueuedConnection);
    connect(this, &ChatController::forgetRequested, &worker_, &InferenceWorker::forgetConversation,
            Qt::QueuedConnection);
    // --- from worker ---
    connect(&worker_, &InferenceWorker::modelLoaded, this, &ChatController::onModelLoaded, Qt::QueuedConnection);
    connect(&worker_, &InferenceWorker::modelLoadFailed, this, &ChatController::onModelLoadFailed,
            Qt::QueuedConnection);
    connect(&worker_, &InferenceWorker::replyStarted, this, &ChatController::onReplyStarted, Qt::QueuedConnection);
    connect(&worker_, &InferenceWorker::prefillProgress, this, &ChatController::onPrefillProgress,
            Qt::QueuedConnection);
    connect(&worker_, &InferenceWorker::replyDelta, this, &ChatController::onReplyDelta, Qt::QueuedConnection);
    connect(&worker_, &InferenceWorker::replyFinished, this, &ChatController::onReplyFinished, Qt::QueuedConnection);
    connect(&worker_, &InferenceWorker::replyFailed, this, &ChatController::onReplyFailed, Qt::QueuedConnection);
}

QString ChatController::currentTitle() const {
    return currentId_ == 0 ? tr("New chat") : conversations_.titleOf(currentId_);
}

ChatController::ComposerState ChatController::composerState() const {
    if (generating_) return ComposerState::Generating;
    if (loading_) return ComposerState::LoadingModel;
    return modelLoaded_ ? ComposerState::Ready : ComposerState::NoModel;
}

QUrl ChatController::modelFolder() const {
    return model_.path.isEmpty() ? QUrl() : QUrl::fromLocalFile(QFileInfo(model_.path).absolutePath());
}

QString ChatController::modelStatus() const {
    if (loading_) return tr("Loading %1…").arg(QFileInfo(loadingPath_).fileName());
    if (!modelLoaded_) return tr("No model loaded");
    return tr("%1 · %2 · %3 · %4 tokenizer").arg(model_.name, model_.backend, model_.device, model_.tokenizer);
}

void ChatController::retranslate() {
    emit modelChanged();
    emit currentConversationChanged();
}

void ChatController::setPrefillProgress(double progress) {
    if (progress == prefillProgress_) return;
    prefillProgress_ = progress;
    emit prefillProgressChanged();
}

void ChatController::updateComposerState(ComposerState before) {
    if (composerState() != before) emit composerStateChanged();
}

void ChatController::setError(const QString& text) {
    if (errorText_ == text) return;
    errorText_ = text;
    emit errorTextChanged();
}

void ChatController::dismissError() { setError({}); }

void ChatController::setReplyStatus(const QString& text) {
    if (replyStatus_ == text) return;
    replyStatus_ = text;
    emit replyStatusChanged();
}

// --- user actions ---

bool ChatController::send(const QString& text) {
    switch (composerState()) {
    case ComposerState::NoModel: setError(tr("Load a model before sending a message.")); return false;
    case ComposerState::LoadingModel: setError(tr("The model is still loading. Please wait a moment.")); return false;
    case ComposerState::Generating: setError(tr("A reply is still being written. Wait for it or press Stop.")); return false;
    case ComposerState::Ready: break;
    }
    if (sanitize_chat_text(text.toStdString()).empty()) {
        setError(tr("The message is empty. Type something before sending."));
        return false;
    }
    qint64 id = currentId_;
    try {
        if (id == 0) {
            id = store_.createConversation(titleFromMessage(text));
            refreshConversations();
            setCurrent(id);
        }
    } catch (const std::exception& e) {
        setError(tr("Could not create the conversation: %1").arg(QString::fromStdString(e.what())));
        return false;
    }
    const ComposerState before = composerState();
    generating_ = true;
    streamingConversationId_ = id;
    streamingMessageId_ = 0;
    streamingText_.clear();
    pendingUserText_ = text.trimmed();
    dismissError();
    setReplyStatus(tr("Thinking…"));
    updateComposerState(before);
    worker_.clearStop();
    ChatParams params = params_;
    if (params.newSeedPerTurn) params.sampler.seed = QRandomGenerator::global()->generate64();
    emit sendRequested(id, text, params);
    return true;
}

void ChatController::stop() {
    if (generating_) worker_.stop();
}

void ChatController::newConversation() { setCurrent(0); }

void ChatController::selectConversation(qint64 id) {
    if (id != 0 && conversations_.indexOfId(id) < 0) {
        setError(tr("That conversation no longer exists."));
        refreshConversations();
        return;
    }
    setCurrent(id);
}

void ChatController::selectMostRecent() {
    refreshConversations();
    if (conversations_.rowCount() > 0)
        setCurrent(conversations_.data(conversations_.index(0), ConversationListModel::IdRole).toLongLong());
}

bool ChatController::renameConversation(qint64 id, const QString& title) {
    const QString t = title.simplified();
    if (t.isEmpty()) {
        setError(tr("A conversation needs a title."));
        return false;
    }
    try {
        store_.renameConversation(id, t);
    } catch (const std::exception& e) {
        setError(tr("Could not rename the conversation: %1").arg(QString::fromStdString(e.what())));
        return false;
    }
    refreshConversations();
    if (id == currentId_) emit currentConversationChanged();
    return true;
}

bool ChatController::deleteConversation(qint64 id) {
    if (generating_ && streamingConversationId_ == id) {
        setError(tr("Stop the reply before deleting this conversation."));
        return false;
    }
    try {
        store_.deleteConversation(id);
    } catch (const std::exception& e) {
        setError(tr("Could not delete the conversation: %1").arg(QString::fromStdString(e.what())));
        return false;
    }
    emit forgetRequested(id);
    refreshConversations();
    if (id == currentId_) setCurrent(0);
    return true;
}

void ChatController::loadModel(const QString& pathOrUrl) {
    if (generating_) {
        setError(tr("Stop the reply before changing the model."));
        return;
    }
    if (loading_) {
        setError(tr("A model is already loading. Please wait a moment."));
        return;
    }
    const QUrl url(pathOrUrl);
    const QString path = url.isLocalFile() ? url.toLocalFile() : pathOrUrl;
    if (QFileInfo(path).isDir()) {
        setError(tr("“%1” is a folder, not a model file.").arg(path));
        emit modelLoadFinished(false);
        return;
    }
    if (path.isEmpty() || !QFileInfo(path).isFile()) {
        setError(tr("The model file “%1” does not exist.").arg(path));
        emit modelLoadFinished(false);
        return;
    }
    const ComposerState before = composerState();
    loading_ = true;
    loadingPath_ = path;
    dismissError();
    emit modelChanged();
    updateComposerState(before);
    emit loadModelRequested(path);
}

void ChatController::refreshConversations() {
    try {
        conversations_.setConversations(store_.listConversations());
    } catch (const std::exception& e) {
        setError(tr("Could not read the conversations: %1").arg(QString::fromStdString(e.what())));
    }
}

void ChatController::setCurrent(qint64 id) {
    const bool changed = id != currentId_;
    currentId_ = id;
    reloadMessages();
    if (changed) emit currentConversationChanged();
}

void ChatController::reloadMessages() {
    if (currentId_ == 0) {
        messages_.clear();
        return;
    }
    try {
        messages_.setMessages(store_.messages(currentId_));
    } catch (const std::exception& e) {
        messages_.clear();
        setError(tr("Could not read the messages: %1").arg(QString::fromStdString(e.what())));
        return;
    }
    if (generating_ && streamingConversationId_ == currentId_ && streamingMessageId_ != 0)
        messages_.finish(streamingMessageId_, streamingText_, MessageModel::Status::Streaming, 0);
}

// --- from worker ---

void ChatController::onModelLoaded(const rwkv::app::ModelInfo& info) {
    const ComposerState before = composerState();
    loading_ = false;
    modelLoaded_ = true;
    model_ = info;
    emit modelChanged();
    updateComposerState(before);
    if (!info.fallbackNote.isEmpty()) setError(info.fallbackNote);
    emit modelLoadFinished(true);
}

void ChatController::onModelLoadFailed(const QString& path, const QString& error) {
    const ComposerState before = composerState();
    loading_ = false;
    emit modelChanged();
    updateComposerState(before);
    setError(modelLoaded_ ? tr("Could not load “%1”: %2. Still using %3.").arg(QFileInfo(path).fileName(), error, model_.name)
                          : tr("Could not load “%1”: %2").arg(QFileInfo(path).fileName(), error));
    emit modelLoadFinished(false);
}

void ChatController::onReplyStarted(qint64 conversationId, qint64 userMessageId, qint64 assistantMessageId) {
    streamingMessageId_ = assistantMessageId;
    if (conversationId == currentId_) {
        messages_.append(userMessageId, MessageModel::Author::User, pendingUserText_, MessageModel::Status::Complete);
        messages_.append(assistantMessageId, MessageModel::Author::Assistant, QString(), MessageModel::Status::Streaming);
    }
    refreshConversations();  // the conversation moved to the top
}

void ChatController::onPrefillProgress(qint64, qint64 done, qint64 total) {
    setPrefillProgress(total > 0 && done < total ? double(done) / double(total) : -1);
    if (total >= 64 && done < total)
        setReplyStatus(tr("Reading the conversation… %1%").arg(total ? done * 100 / total : 0));
    else if (done == total)
        setReplyStatus(tr("Writing…"));
}

void ChatController::onReplyDelta(qint64 conversationId, const QString& text) {
    if (conversationId != streamingConversationId_) return;
    setPrefillProgress(-1);
    streamingText_ += text;
    if (conversationId == currentId_) messages_.appendText(streamingMessageId_, text);
}

void ChatController::onReplyFinished(const rwkv::app::TurnStats& stats) {
    const ComposerState before = composerState();
    generating_ = false;
    setPrefillProgress(-1);
    if (stats.conversationId == currentId_) {
        messages_.finish(stats.assistantMessageId, stats.reply,
                         stats.replySaved ? MessageModel::Status::Complete : MessageModel::Status::Interrupted,
                         stats.decodeTokens);
    }
    streamingConversationId_ = streamingMessageId_ = 0;
    streamingText_.clear();
    setReplyStatus(describe(stats));
    refreshConversations();
    updateComposerState(before);
    emit replyCompleted(true);
}

void ChatController::onReplyFailed(qint64 conversationId, const QString& error) {
    const ComposerState before = composerState();
    generating_ = false;
    setPrefillProgress(-1);
    if (conversationId == currentId_ && streamingMessageId_ != 0)
        messages_.setStatus(streamingMessageId_, MessageModel::Status::Interrupted);
    streamingConversationId_ = streamingMessageId_ = 0;
    streamingText_.clear();
    setReplyStatus({});
    setError(tr("The reply failed: %1").arg(error));
    refreshConversations();
    updateComposerState(before);
    emit replyCompleted(false);
}

QString ChatController::describe(const TurnStats& stats) {
    if (!stats.replySaved) return tr("Stopped before the reply began");
    const QLocale locale;
    const QString speed = tr("%1 tokens at %2 tok/s")
                              .arg(stats.decodeTokens)
                              .arg(locale.toString(stats.decodeTokensPerSecond(), 'f', 1));
    QString context;
    switch (stats.source) {
    case StateSource::Fresh: context = tr("new conversation, read %1 tokens").arg(stats.prefillTokens); break;
    case StateSource::Memory:
    case StateSource::SavedState:
        context = tr("resumed from saved state, read %1 new tokens").arg(stats.prefillTokens);
        break;
    case StateSource::Derived:
    case StateSource::Reprefill:
        context = tr("re-read %1 tokens (%2)").arg(stats.prefillTokens).arg(stats.resumeNote);
        break;
    }
    const QString text = speed + QStringLiteral(" · ") + context;
    return stats.stopped ? tr("Stopped · %1").arg(text) : text;
}

}  // namespace rwkv::app
