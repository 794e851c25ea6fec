// inference_worker.cpp — model loading and chat turns on the worker thread; deltas batched every ~30 ms (the first
// text of a reply at once).
// Every failure becomes a signal with a message for the user; nothing escapes the thread as an exception.
#include "inference_worker.h"

#include "engine_error_text.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QScopeGuard>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "app_paths.h"
#include "model_outputs_check.h"
#include "rwkv/bench.h"
#include "rwkv/devices.h"
#include "rwkv/error.h"
#include "store/conversation_store.h"

namespace rwkv::app {

InferenceWorker::InferenceWorker(store::ConversationStore& store, QString resourceDir)
    : store_(store), resourceDir_(std::move(resourceDir)) {
    qRegisterMetaType<rwkv::app::ModelInfo>();
    qRegisterMetaType<rwkv::app::ChatParams>();
    qRegisterMetaType<rwkv::app::TurnRequest>();
    qRegisterMetaType<rwkv::app::TurnStats>();
    qRegisterMetaType<QList<rwkv::app::TurnStats>>();
    qRegisterMetaType<QList<qint64>>();
    qRegisterMetaType<std::exception_ptr>();
    qRegisterMetaType<rwkv::app::ApiJob>();
    qRegisterMetaType<rwkv::app::ApiOutcome>();
    qRegisterMetaType<rwkv::app::ApiError>();
    thread_.setObjectName(QStringLiteral("InferenceWorker"));
    moveToThread(&thread_);
    thread_.start();
}

InferenceWorker::~InferenceWorker() {
    stop();
    thread_.quit();
    thread_.wait();
    session_.reset();
}

void InferenceWorker::setLoadOptions(const QString& backend, int threads, const QString& weightType) {
    std::lock_guard lock(optionsMutex_);
    backend_ = backend.isEmpty() ? QStringLiteral("auto") : backend;
    threads_ = std::max(0, threads);
    int8_ = weightType == QLatin1String("int8");
}

void InferenceWorker::setCpuFallback(bool fallBack) {
    std::lock_guard lock(optionsMutex_);
    cpuFallback_ = fallBack;
}

// One decode step of token 0 on a fresh state: a file whose weights are NaN or Inf (damaged, or not an RWKV-7 model
// at all) is refused at the load, not at the first reply (new-user trial, session 14). One token costs a few
// milliseconds on a GPU and well under a second for a 7B model on the CPU; the load itself takes seconds.
void checkOutputsAreNumbers(Model& model) {
    State state = model.new_state();
    std::vector<float> logits(std::size_t(model.shape().vocab_size));
    const std::int32_t token = 0;
    model.forward(state, {&token, 1}, logits);
    for (std::size_t i = 0; i < logits.size(); ++i)
        if (!std::isfinite(logits[i]))
            throw Error(ErrorCode::InvalidLogits, "the model's first logits hold " +
                                                      std::string(std::isnan(logits[i]) ? "NaN" : "infinity") +
                                                      " (logit " + std::to_string(i) + " of token 0 from a new state)");
}

namespace {

// Whether `shape` with int8 weights would fit the free memory of GPU `backend` ("cuda:0", "vulkan:1"), where its fp16
// load did not: the engine's estimate of an int8 load (loaded_weight_bytes, as the Models page's fit hints), with
// fits_on_device's 512 MiB margin. An estimate for the note's advice.
bool int8WouldFit(const std::string& backend, const ModelShape& shape) {
    const double bytes = loaded_weight_bytes(shape, DType::I8);
    for (const DeviceInfo& d : list_all_devices())
        if (d.usable && d.backend == backend) return fits_on_device(d, std::size_t(bytes));
    return false;
}

}  // namespace

QString InferenceWorker::apiModelName() const {
    std::lock_guard lock(apiModelMutex_);
    return apiModelName_;
}

bool InferenceWorker::deleteApiResponse(const QString& id) {
    if (!apiCache_.dropResponse(id)) return false;
    // Its state is the backend's (a GPU's memory): freed here, once the reply or turn being written is over.
    QMetaObject::invokeMethod(this, [this] { apiCache_.releaseDropped(); }, Qt::QueuedConnection);
    return true;
}

void InferenceWorker::loadModel(const QString& path) {
    QElapsedTimer clock;
    clock.start();
    {  // the API server says 503 while the model is loaded (its requests wait behind the load on this thread)
        std::lock_guard lock(apiModelMutex_);
        apiModelName_.clear();
    }
    // The model the Local API serves once the load has ended, set before the window and the API server hear how it
    // ended (modelLoaded, modelLoadFailed): a request sent once the window says the model is loaded is answered. A
    // failed load keeps the model there was: the API serves it again. Set after the signal (a scope guard until
    // session 53), such a request got a 503 "No model is loaded" whenever this thread was preempted in between
    // (test_send_during_api: 5 of 260 runs on a loaded box).
    const auto serveModel = [this] {
        std::lock_guard lock(apiModelMutex_);
        if (model_) apiModelName_ = apiName_;
    };
    try {
        if (path.isEmpty()) throw ChatError(tr("No model file was chosen.").toStdString());
        // Until the new model is usable: what a quit need not wait for (loadingWeights()).
        loadingWeights_.store(true);
        auto weightsRead = qScopeGuard([this] { loadingWeights_.store(false); });
        LoadOptions options;
        bool cpuFallback = true;
        // fp16 weights (the default): the CPU fast path (AVX2 kernels, sequence prefill) instead of the fp32 reference,
        // and half the memory on a GPU (with fp32, "auto" found a 7.2B model too big for a 24 GB card). rwkv-cli chat
        // does the same, so the saved states of one resume in the other (snapshots are tagged with the weight type).
        // int8 (Settings → Weights in memory): weight-only, per-row scales, about half of fp16's memory again.
        {
            std::lock_guard lock(optionsMutex_);
            options.backend = backend_.toStdString();
            options.threads = threads_;
            options.weight_dtype = int8_ ? DType::I8 : DType::F16;
            cpuFallback = cpuFallback_;
        }
        const std::string file = QFileInfo(path).absoluteFilePath().toStdString();
        std::unique_ptr<Model> model;
        QString fallbackFrom, fallbackDetail;
        int fallbackCode = 0;
        try {
            model = Model::load(file, options);
        } catch (const Error& e) {
            // A GPU that is missing or full must not leave the user without a model: use the CPU and say why.
            const bool deviceProblem = e.code() == ErrorCode::BackendUnavailable || e.code() == ErrorCode::OutOfMemory;
            if (!deviceProblem || options.backend == "cpu" || !cpuFallback) throw;
            fallbackFrom = QString::fromStdString(options.backend);
            fallbackDetail = QString::fromStdString(e.what());
            fallbackCode = int(e.code());
            // The note gives a sentence; CUDA's words (a driver's) and the device's memory figures go to the log.
            if (!gpuDriverSentence(fallbackDetail).isEmpty() || e.code() == ErrorCode::OutOfMemory)
                qInfo("%s could not be used: %s", options.backend.c_str(), e.what());
            options.backend = "cpu";
            model = Model::load(file, options);
        }
        checkOutputsAreNumbers(*model);
        const bool int8Fits = fallbackCode == int(ErrorCode::OutOfMemory) && options.weight_dtype == DType::F16 &&
                              int8WouldFit(fallbackFrom.toStdString(), model->shape());
        // No resources folder (findResourceDir found none): the vocabulary path is empty, not a file of the current
        // folder (QDir("") is the current folder), so a model whose tokenizer reads the World vocabulary
        // (tokenizer_for_vocab_size decides which: byte models read none) fails to open it, said here in words for
        // people. The window puts the missing-resources notice (main.cpp, missingResourcesText) above this.
        const std::filesystem::path vocab =
            resourceDir_.isEmpty()
                ? std::filesystem::path()
                : std::filesystem::path(QDir(resourceDir_).filePath(QString::fromLatin1(kVocabFileName)).toStdString());
        std::unique_ptr<Tokenizer> tokenizer;
        try {
            tokenizer = tokenizer_for_vocab_size(model->shape().vocab_size, vocab);
        } catch (const Error& e) {
            if (!resourceDir_.isEmpty() || e.code() != ErrorCode::FileNotFound) throw;
            throw ChatError(tr("The tokenizer vocabulary it needs (%1) is kept in RWKV Desktop's resources folder, "
                               "which was not found.")
                                .arg(QString::fromLatin1(kVocabFileName))
                                .toStdString());
        }
        weightsRead.dismiss();
        loadingWeights_.store(false);  // from here the session and the database
        // Replace the old model only once the new one is fully usable.
        if (session_) {
            const std::set<qint64>& marked = session_->instructionsChangedIds();
            instructionsChanged_.insert(marked.begin(), marked.end());
        }
        session_.reset();
        apiCache_.clear();
        tokenizer_ = std::move(tokenizer);
        model_ = std::move(model);
        session_ = std::make_unique<ChatSession>(store_, *model_, *tokenizer_);
        for (const qint64 id : std::exchange(instructionsChanged_, {})) session_->instructionsChanged(id);
        session_->setModelName(QFileInfo(path).fileName());
        apiName_ = QFileInfo(path).completeBaseName();

        ModelInfo info;
        info.path = QFileInfo(path).absoluteFilePath();
        info.name = QFileInfo(path).completeBaseName();
        info.backend = QString::fromStdString(model_->backend_name());
        info.device = QString::fromStdString(model_->device_name());
        info.shape = QString::fromStdString(model_->shape().to_string());
        info.modelShape = model_->shape();
        info.tokenizer = QString::fromUtf8(tokenizer_->name().data(), qsizetype(tokenizer_->name().size()));
        info.fingerprint = QString::fromStdString(model_->fingerprint().to_string());
        info.automaticThreads = auto_cpu_threads(model_->shape());
        info.stateBytes = qint64(model_->shape().n_layer) * qint64(model_->shape().state_floats_per_layer()) *
                          qint64(sizeof(float));
        info.loadMs = clock.elapsed();
        info.fallbackFrom = fallbackFrom;
        info.fallbackDetail = fallbackDetail;
        info.fallbackCode = fallbackCode;
        info.weightType = model_->weight_dtype() == DType::I8 ? QStringLiteral("int8") : QStringLiteral("fp16");
        info.int8WouldFit = int8Fits;
        serveModel();
        emit modelLoaded(info);
    } catch (const Error& e) {  // ChatController translates it by ErrorCode, the engine's English text below it
        serveModel();
        emit modelLoadFailed(path, static_cast<int>(e.code()), QString::fromStdString(e.what()));
    } catch (const std::exception& e) {
        serveModel();
        emit modelLoadFailed(path, -1, QString::fromStdString(e.what()));
    }
}

void InferenceWorker::modelFileRenamed(const QString& path) {
    if (!model_) return;
    if (session_) session_->setModelName(QFileInfo(path).fileName());
    apiName_ = QFileInfo(path).completeBaseName();
    std::lock_guard lock(apiModelMutex_);
    if (!apiModelName_.isEmpty()) apiModelName_ = apiName_;  // empty: a load under way, which sets it when it ends
}

void InferenceWorker::renameModel(const QString& path) {
    std::lock_guard lock(apiModelMutex_);
    if (apiModelName_.isEmpty()) return;  // a load under way (it replaces session_ meanwhile) names its own model
    apiModelName_ = QFileInfo(path).completeBaseName();
    if (session_) session_->setModelName(QFileInfo(path).fileName());  // read when the reply is saved
}

void InferenceWorker::sendMessage(qint64 conversationId, const QString& text, const rwkv::app::ChatParams& params) {
    TurnRequest request;
    request.conversationId = conversationId;
    request.target = ChatSession::kNewestBranch;
    request.text = text;
    runTurn(request, params);
}

void InferenceWorker::prefetchState(qint64 conversationId, qint64 leafMessageId) {
    if (!session_) return;
    try {
        session_->prefetch(conversationId, leafMessageId);
    } catch (const std::exception&) {  // a read error here only means the next turn finds the state itself
    }
}

namespace {

// "conversation 3: read 3430 prompt tokens in 14.2 s, 241 tok/s" on stderr, as rwkv-cli chat --progress ends its
// reading: the window's rate compared with the CLI's on the same model and prompt (docs/perf/cpu.md, session 45). From
// the turn's start, as the status line's rate: the state's lookup, a conversation read again and the tokenizing count.
void logPromptRead(qint64 conversationId, std::size_t tokens, qint64 ns) {
    const double seconds = double(ns) / 1e9;
    qInfo("conversation %lld: read %zu prompt tokens in %.1f s, %.0f tok/s", static_cast<long long>(conversationId),
          tokens, seconds, seconds > 0 ? double(tokens) / seconds : 0.0);
}

}  // namespace

bool InferenceWorker::cancelWaitingTurn(qint64 replyId) {
    const std::lock_guard lock(waitingMutex_);
    if (begunStoredTurns_.count(replyId)) return false;
    droppedTurns_.insert(replyId);
    return true;
}

void InferenceWorker::runTurn(const rwkv::app::TurnRequest& request, const rwkv::app::ChatParams& params) {
    const qint64 conversationId = request.conversationId;
    if (request.storedReplyId != 0) {  // a turn that waited for a Local API request: the window may have dropped it
        const std::lock_guard lock(waitingMutex_);
        if (droppedTurns_.erase(request.storedReplyId)) return;
        begunStoredTurns_.insert(request.storedReplyId);
    }
    if (!session_) {
        emit replyFailed(conversationId,
                         std::make_exception_ptr(ChatError(tr("No model is loaded. Choose a model file first.").toStdString())));
        return;
    }
    QString pending;
    std::vector<qint64> versionIds;  // several versions (TurnRequest::seeds): their rows and text not sent yet
    std::vector<QString> versionText;
    QElapsedTimer sinceEmit;
    sinceEmit.start();
    auto flush = [&] {
        if (!pending.isEmpty()) emit replyDelta(conversationId, pending);
        pending.clear();
        for (std::size_t i = 0; i < versionText.size(); ++i)
            if (!versionText[i].isEmpty())
                emit versionDelta(conversationId, versionIds[i], std::exchange(versionText[i], {}));
        sinceEmit.restart();
    };
    QElapsedTimer sinceProgress;
    sinceProgress.start();
    QElapsedTimer sinceStarted;  // the prompt's reading, from the turn's start: what the status line's rate counts
    try {
        TurnCallbacks callbacks;
        bool shownAny = false;
        callbacks.onDelta = [&](std::string_view delta) {
            pending += QString::fromUtf8(delta.data(), qsizetype(delta.size()));
            // The first text goes out at once (it waited up to kDeltaBatchMs after the turn began), the rest batched.
            if (!std::exchange(shownAny, true) || sinceEmit.elapsed() >= kDeltaBatchMs) flush();
        };
        callbacks.cancel = &stop_;
        callbacks.cancelIsClose = &closing_;
        callbacks.finalSaveLockWaitMs = &finalSaveLockWaitMs_;
        callbacks.onStarted = [&](qint64 userId, qint64 assistantId) {
            sinceStarted.start();
            emit replyStarted(conversationId, userId, assistantId);
        };
        callbacks.onRereading = [&](std::size_t historyTokens, std::size_t total) {
            emit rereading(conversationId, qint64(historyTokens), qint64(total));
            sinceProgress.restart();
        };
        callbacks.onPrefillProgress = [&](std::size_t done, std::size_t total) {
            if (done == total && sinceStarted.isValid())
                logPromptRead(conversationId, total, sinceStarted.nsecsElapsed());
            if (done == total || sinceProgress.elapsed() >= kDeltaBatchMs) {
                emit prefillProgress(conversationId, qint64(done), qint64(total));
                sinceProgress.restart();
            }
        };
        callbacks.onReplyNotSaved = [&](const TurnStats& stats) {
            flush();
            emit replyNotSaved(stats);
        };
        if (request.kind == TurnRequest::Kind::Regenerate && request.seeds.size() > 1) {
            // Several versions: each one's text batched apart, all sent together every kDeltaBatchMs.
            callbacks.onDelta = nullptr;
            callbacks.onVersionsStarted = [&](qint64, const std::vector<qint64>& ids) {
                versionIds = ids;
                versionText.assign(ids.size(), QString());
                emit versionsStarted(conversationId, QList<qint64>(ids.begin(), ids.end()));
            };
            callbacks.onVersionDelta = [&](std::size_t i, std::string_view delta) {
                versionText[i] += QString::fromUtf8(delta.data(), qsizetype(delta.size()));
                if (!std::exchange(shownAny, true) || sinceEmit.elapsed() >= kDeltaBatchMs) flush();
            };
            const std::vector<TurnStats> all =
                session_->regenerateSeveral(conversationId, request.target, request.seeds, params, callbacks,
                                            request.storedVersionIds);
            flush();
            emit versionsFinished(QList<TurnStats>(all.begin(), all.end()));
            return;
        }
        const TurnStats stats = session_->run(request, params, callbacks);
        flush();
        emit replyFinished(stats);
    } catch (const std::exception&) {
        flush();
        emit replyFailed(conversationId, std::current_exception());
    }
}

QString fallbackNote(const ModelInfo& info) {
    if (info.fallbackFrom.isEmpty()) return {};
    // Too little device memory: the model works, on the CPU. The failed load's sentence ("not enough memory for this
    // model. Close other programs…") said it could not be loaded while it answered (session 33's trial).
    if (info.fallbackCode == int(ErrorCode::OutOfMemory)) {
        const QString note =
            InferenceWorker::tr("%1 has too little free memory for this model, so it runs on the CPU (slower).")
                .arg(info.fallbackFrom);
        if (!info.int8WouldFit) return note;
        return note + QLatin1Char(' ') +
               InferenceWorker::tr("With int8 weights (Settings → Weights in memory) it would fit on the GPU.");
    }
    // The sentence a failed load gives for that code and those words (its first line; the words follow it there).
    const QString why = modelLoadErrorText(Error(ErrorCode(info.fallbackCode), info.fallbackDetail.toStdString()))
                            .section(QLatin1Char('\n'), 0, 0);
    return InferenceWorker::tr("%1 could not be used; using the CPU. %2").arg(info.fallbackFrom, why);
}

void InferenceWorker::runApiCompletion(const rwkv::app::ApiJob& job) {
    ++apiRunning_;
    const auto done = qScopeGuard([this] { --apiRunning_; });
    if (!model_ || !tokenizer_) {
        emit apiFailed(job.id, ApiError{503, QStringLiteral("No model is loaded in RWKV Desktop."),
                                        QStringLiteral("server_error"), {}, QStringLiteral("model_not_loaded")});
        return;
    }
    try {
        const ApiOutcome outcome = rwkv::app::runApiCompletion(
            *model_, *tokenizer_, &apiCache_, job, [&](std::size_t choice, std::string_view piece) {
                emit apiDelta(job.id, int(choice), QString::fromUtf8(piece.data(), qsizetype(piece.size())));
            },
            [&](std::size_t choice, bool lengthLimit) { emit apiChoiceEnded(job.id, int(choice), lengthLimit); });
        emit apiFinished(job.id, outcome);
    } catch (const ApiRequestRefused& e) {  // a previous response whose state is not kept
        emit apiFailed(job.id, e.error);
    } catch (const Error& e) {
        if (e.code() == ErrorCode::Cancelled)
            emit apiFailed(job.id, ApiError{499, QString::fromStdString(e.what()), QStringLiteral("server_error"), {},
                                            QStringLiteral("cancelled")});
        else
            emit apiFailed(job.id, ApiError{500, QString::fromStdString(e.what()), QStringLiteral("server_error"), {},
                                            QStringLiteral("engine_error")});
    } catch (const std::exception& e) {
        emit apiFailed(job.id, ApiError{500, QString::fromStdString(e.what()), QStringLiteral("server_error"), {}, {}});
    }
}

void InferenceWorker::forgetConversation(qint64 conversationId) {
    if (session_) session_->forget(conversationId);
}

void InferenceWorker::startStateChanged(qint64 conversationId) {
    if (session_) session_->startStateChanged(conversationId);  // without a session no state of it is in memory
}

void InferenceWorker::instructionsChanged(qint64 conversationId) {
    if (session_)
        session_->instructionsChanged(conversationId);
    else
        instructionsChanged_.insert(conversationId);
}

}  // namespace rwkv::app
