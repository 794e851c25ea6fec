// chat_controller_from_worker.cpp — ChatController's side of the worker's signals: a model loaded or refused, a reply's
// reading progress (prefill), its text as it comes, its end or failure, and the status line's words for a finished
// reply. The user's actions and the rest of the controller: chat_controller.cpp.
#include "chat_controller.h"

#include <QFileInfo>
#include <QLocale>

#include <algorithm>
#include <cmath>
#include <utility>

#include "engine_error_text.h"
#include "foreign_file_text.h"
#include "models/one_line.h"
#include "store/conversation_store.h"
#include "store/damaged_database.h"

namespace rwkv::app {

void ChatController::clearPrefill() {
    rereadTokens_ = 0;
    rereadRate_ = 0;
    promptStartMs_ = -1;
    promptRate_ = 0;
    setPrefill(0, 0);
}

namespace {
/// " · 48.0 tok/s · about 10 s left": a reading's rate and the time left at that rate — whole seconds up to 90 and
/// whole minutes up to 90, rounded up, then whole hours, rounded: a 20,000-message chat re-read on a CPU said "about
/// 430 min left" (session 52's trial), now "about 7 h left".
QString rateAndTimeLeft(double rate, qint64 tokensLeft) {
    const qint64 secondsLeft = qint64(std::ceil(double(tokensLeft) / rate));
    const qint64 minutesLeft = (secondsLeft + 59) / 60;
    const qint64 hoursLeft = std::min<qint64>(std::llround(double(secondsLeft) / 3600.0), 1000000);  // an int's %n
    const QString left = secondsLeft <= 90   ? ChatController::tr("about %n s left", nullptr, int(secondsLeft))
                         : minutesLeft <= 90 ? ChatController::tr("about %n min left", nullptr, int(minutesLeft))
                                             : ChatController::tr("about %n h left", nullptr, int(hoursLeft));
    return QStringLiteral(" · ") + ChatController::tr("%1 tok/s").arg(QLocale().toString(rate, 'f', 1)) +
           QStringLiteral(" · ") + left;
}
}  // namespace

void ChatController::setPrefill(qint64 done, qint64 total) {
    const bool reading = total > 0 && done < total;
    if (!reading) done = total = 0;
    const double progress = reading ? double(done) / double(total) : -1;
    if (progress == prefillProgress_ && done == prefillDone_ && total == prefillTotal_) return;
    prefillProgress_ = progress;
    prefillDone_ = done;
    prefillTotal_ = total;
    emit prefillProgressChanged();
}

QString ChatController::prefillText() const {
    if (prefillProgress_ < 0) return {};
    if (rereadTokens_ > 0 && prefillDone_ <= rereadTokens_) {
        // In the language's number format, as the rate after it and the status line after the reply ("5000 / 6000
        // tokens · 1,234.5 tok/s" before session 52's trial).
        const QLocale locale;
        const QString read = tr("Reading the conversation… %1 / %2 tokens")
                                 .arg(locale.toString(prefillDone_), locale.toString(rereadTokens_));
        return rereadRate_ > 0 ? read + rateAndTimeLeft(rereadRate_, rereadTokens_ - prefillDone_) : read;
    }
    // the new message: its own share (after a conversation read again, that part counts from 0), and once it has read
    // for kRateAfterMs its rate and the time left, as the re-read (session 44's trial, nit: a long paste on a slow
    // device said only "45%", where rwkv-cli said the time left)
    const qint64 own = prefillTotal_ - rereadTokens_;
    const QString read = tr("Reading the prompt… %1%").arg(own > 0 ? (prefillDone_ - rereadTokens_) * 100 / own : 0);
    return promptRate_ > 0 ? read + rateAndTimeLeft(promptRate_, prefillTotal_ - prefillDone_) : read;
}

namespace {
/// A worker's error (modelLoadErrorText, replyErrorText): the sentence in the window's language, then the engine's
/// own text on the lines after it. {sentence, detail}; {error, ""} for one line.
std::pair<QString, QString> splitDetail(const QString& error) {
    const qsizetype cut = error.indexOf(QLatin1Char('\n'));
    if (cut < 0) return {error, {}};
    return {error.left(cut), error.mid(cut + 1).trimmed()};
}

/// True when the conversation database refused the turn (a full disk, another program's lock): the one way a message
/// "could not be saved". A turn refused before it wrote anything for another reason (its starting state gone or
/// changed, made for another model) says only that reason.
bool isStoreError(const std::exception_ptr& error) {
    if (!error) return false;
    try {
        std::rethrow_exception(error);
    } catch (const store::StoreError&) {
        return true;
    } catch (...) {
    }
    return false;
}

/// SQLite's words where the turn failed because the conversation database is damaged (SQLITE_CORRUPT,
/// SQLITE_NOTADB: "database disk image is malformed"); empty for any other failure.
QString damagedStoreWords(const std::exception_ptr& error) {
    if (!error) return {};
    try {
        std::rethrow_exception(error);
    } catch (const store::StoreError& e) {
        if (!store::isDamagedDatabase(e)) return {};
        return store::printableSqliteWords(e.sqliteMessage().empty() ? std::string(e.what()) : e.sqliteMessage());
    } catch (...) {
    }
    return {};
}
}  // namespace

bool ChatController::chatIsGone(qint64 conversationId) const {
    try {
        return conversationId != 0 && !store_.conversation(conversationId);
    } catch (const std::exception&) {  // the file cannot be read: not known to be gone (the error says the rest)
        return false;
    }
}

void ChatController::showReplyInTheWay(TextMaker make, bool ofView) {
    // Nothing failed: the action waits for the reply under way (session 39's check: "A reply is still being written."
    // was drawn in the danger red, as an error). The notice style, as the start's notices.
    showError([make = std::move(make)] { return ErrorTexts{make(), {}, {}, true}; });
    errorOfView_ = ofView && !errorText_.isEmpty();
    replyInTheWayBanner_ = true;
}

void ChatController::setFreeingStates(bool freeing) {
    if (freeingStates_ == freeing) return;
    freeingStates_ = freeing;
    if (!freeing) closeReplyInTheWayBanner();  // "… is freeing the space …", when it is still the one shown
}

void ChatController::closeReplyInTheWayBanner() {
    if (replyInTheWayBanner_) setError({});
}

void ChatController::setReplyStatus(const TurnStats& stats) {
    TurnStats kept = stats;
    kept.reply.clear();  // describe() does not read it: the status line keeps no copy of a long reply
    setReplyStatus([kept] { return describe(kept); }, [kept] { return describe(kept, false); });
}

// --- from worker ---

void ChatController::onModelLoaded(const rwkv::app::ModelInfo& info) {
    const ComposerState before = composerState();
    loading_ = false;
    modelLoaded_ = true;
    model_ = info;
    emit modelChanged();
    updateComposerState(before);
    if (!info.fallbackFrom.isEmpty()) {  // worded again at a switch, the engine's words as its details (English)
        // A missing driver's: CUDA's words went to the log (the note's sentence says what to do).
        // Too little device memory: the note says all, in the window's language; the engine's English figures were
        // the zh_CN banner's detail line (session 33's trial).
        const QString detail =
            gpuDriverSentence(info.fallbackDetail).isEmpty() && info.fallbackCode != int(rwkv::ErrorCode::OutOfMemory)
                ? info.fallbackDetail
                : QString();
        showError([info, detail] { return ErrorTexts{fallbackNote(info), detail}; });
    }
    emit modelLoadFinished(true);
    if (!queuedText_.isEmpty() && pendingModelPath_.isEmpty()) {  // else it waits for the model loaded next
        const QString text = queuedText_;
        setQueued({});
        if (send(text)) emit queuedMessageSent(text);  // a refusal (read-only library) sets errorText
    }
    loadPendingModel();
}

void ChatController::setQueued(const QString& text) {
    if (text == queuedText_) return;
    queuedText_ = text;
    emit queuedMessageChanged();
}

void ChatController::onModelLoadFailed(const QString& path, int code, const QString& error) {
    const ComposerState before = composerState();
    loading_ = false;
    emit modelChanged();
    updateComposerState(before);
    // Kept as its parts (the file, the engine's code and words, the model still in use): said again after a switch.
    // The engine's sentence ends with its own full stop: put in without it ("…bin).. Still using": session 28's trial,
    // F4). The model in use loaded again (a device / threads change) says the change did not apply.
    // Both names isolated and on one line (isolatedOneLine), as every sentence quotes a name from outside: a right-to-
    // left name took the quote marks and the colon after it into its run (session 44's rule; here oneLine alone).
    const QString still = modelLoaded_ ? models::isolatedOneLine(model_.name) : QString();
    const bool again = modelLoaded_ && path == model_.path;
    // A file the engine reads no container of, named from its first bytes (a Git LFS pointer, a web page, a picture,
    // an archive) in the window's language: session 45's trial read only "This is not a model file RWKV Desktop can
    // read", the kind in the engine's English details below it.
    // Not of a device or a file of /proc or /sys: nothing to name, and a read may block (/proc/kmsg).
    const char* kind = code == int(rwkv::ErrorCode::UnsupportedFormat) && !isNotARegularFileDetail(error)
                           ? foreignFileKindOf(path)
                           : nullptr;
    showError([fileName = models::isolatedOneLine(QFileInfo(path).fileName()), code, error, still, again, kind] {
        const QString why = code < 0 ? error : modelLoadErrorText(rwkv::Error(rwkv::ErrorCode(code), error.toStdString()));
        auto [sentence, detail] = splitDetail(why);
        if (kind) sentence = notAModelFileSentence(kind);
        return ErrorTexts{still.isEmpty() ? tr("Could not load “%1”: %2").arg(fileName, sentence)
                          : again ? tr("Could not load “%1” again with the changed settings: %2. It stays in use as it "
                                       "was loaded.").arg(fileName, withoutFinalStop(sentence))
                                  : tr("Could not load “%1”: %2. Still using %3.").arg(fileName, withoutFinalStop(sentence), still),
                          models::oneLine(detail)};  // the engine's words begin with the file's name, as it is
    });
    setFailedLoad(path, errorMaker_);
    if (!queuedText_.isEmpty() && pendingModelPath_.isEmpty()) {
        setQueued({});
        setReplyStatus([this] { return tr("Your message was not sent: it is still in the message box."); });
    }
    emit modelLoadFinished(false);
    loadPendingModel();
}

void ChatController::onReplyStarted(qint64 conversationId, qint64 userMessageId, qint64 assistantMessageId) {
    promptStartMs_ = nowMs();  // the prompt's rate counts its wait for the state too: what the user waits for
    promptStartDone_ = 0;
    promptRate_ = 0;
    Q_UNUSED(userMessageId);
    waitingTurn_.reset();  // the turn has begun: Stop stops it as any other
    if (waitingTurnStatus_) {
        setReplyStatus(std::exchange(waitingTurnStatus_, nullptr));
        setWaitingForApi(false);
    }
    streamingMessageId_ = assistantMessageId;
    unsavedText_.clear();  // the question is stored
    madeBySend_.reset();   // and its chat is one
    rememberBranch(conversationId, assistantMessageId);  // reopened (also after a restart) on the new reply's branch
    if (conversationId == currentId_) {
        currentLeafId_ = assistantMessageId;  // the new reply's branch (a regenerated or edited turn is a sibling)
        reloadMessages();                    // shows the committed question and the streaming reply
        emit turnShown(assistantMessageId);
    }
    refreshConversations();  // the conversation moved to the top
}

// A conversation read again before the new turn (its state was not saved for this model and device: after a device
// switch, a model change, a damaged or pruned snapshot) shows its progress at once, in tokens. Before, the window said
// only "Thinking…" until the first 256-token chunk was read: ~21 of 47 s on llvmpipe (new-user trial, session 19).
void ChatController::onRereading(qint64, qint64 historyTokens, qint64 total) {
    rereadTokens_ = historyTokens;
    rereadStartMs_ = nowMs();
    rereadRate_ = 0;
    promptStartMs_ = -1;  // the new message's reading starts where the re-read ends
    promptRate_ = 0;
    setPrefill(0, total);
    setReplyStatus([this] { return prefillText(); });
}

void ChatController::onPrefillProgress(qint64, qint64 done, qint64 total) {
    // The re-read's rate from its start (the first piece's wait for the state included: what the user waits for too),
    // once it has read for kRateAfterMs: earlier, one piece's timing swings the time left by seconds.
    if (const qint64 ms = nowMs() - rereadStartMs_; rereadTokens_ > 0 && done > 0 && ms >= kRateAfterMs)
        rereadRate_ = double(std::min(done, rereadTokens_)) * 1000.0 / double(ms);
    // The new message's own rate: from the turn's start (onReplyStarted) or, after a re-read or where that start was
    // not heard, from the first report past the re-read.
    if (done > rereadTokens_ && done < total) {
        if (promptStartMs_ < 0) {
            promptStartMs_ = nowMs();
            promptStartDone_ = done;
        } else if (const qint64 ms = nowMs() - promptStartMs_; ms >= kRateAfterMs && done > promptStartDone_) {
            promptRate_ = double(done - promptStartDone_) * 1000.0 / double(ms);
        }
    }
    setPrefill(done, total);
    if (done < total)
        setReplyStatus([this] { return prefillText(); });
    else if (done == total && versionIds_.size() > 1)  // as regenerateSeveral said it
        setReplyStatus([this, n = versionIds_.size()] { return tr("Writing %1 replies…").arg(n); });
    else if (done == total)
        setReplyStatus([this] { return tr("Writing…"); });
}

void ChatController::onReplyDelta(qint64 conversationId, const QString& text) {
    if (conversationId != streamingConversationId_) return;
    clearPrefill();
    streamingText_ += text;
    if (conversationId == currentId_) messages_.appendText(streamingMessageId_, text);
}

void ChatController::onReplyFinished(const rwkv::app::TurnStats& stats) {
    const ComposerState before = composerState();
    generating_ = false;
    waitingTurn_.reset();
    waitingTurnStatus_ = nullptr;
    setWaitingForApi(false);
    clearPrefill();
    closeReplyInTheWayBanner();  // Send and Delete work now: a banner about the reply goes, as the status line's words do
    if (stats.replyDiscarded) {
        // A regenerate stopped before its first word added no version (ChatSession deleted its empty reply): the
        // branch shown before it is shown again, and opened next time (onReplyStarted remembered the new reply's).
        rememberBranch(stats.conversationId, leafBeforeTurn_);
        if (stats.conversationId == currentId_) {
            currentLeafId_ = leafBeforeTurn_;
            reloadMessages();
        }
    } else if (stats.conversationId == currentId_) {
        messages_.finish(stats.assistantMessageId, stats.reply,
                         stats.replySaved ? MessageModel::Status::Complete : MessageModel::Status::Interrupted,
                         stats.decodeTokens);
        try {  // the stored readouts and sibling positions of the new reply
            if (const auto m = store_.branchPage(stats.assistantMessageId, 1).messages; !m.isEmpty())
                messages_.updateStored(m.back());
        } catch (const std::exception&) {
        }
    }
    streamingConversationId_ = streamingMessageId_ = 0;
    streamingText_.clear();
    if (!stats.resumeDetail.isEmpty())  // the status line says it in the user's words; the engine's words go to the log
        qWarning("rwkv-desktop: conversation %lld: a saved state could not be read (%s: %s); the text was read again",
                 static_cast<long long>(stats.conversationId), qPrintable(stats.resumeDetail),
                 qPrintable(stats.resumeLog));
    // Of the chat on screen only: another chat's numbers ("512 tokens at 48.4 tok/s") read as this one's. They go with
    // the chat as when it is left (setCurrent); the line under that reply keeps them.
    if (stats.conversationId == currentId_)
        setReplyStatus(stats);
    else
        setReplyStatus(nullptr);
    if (stats.conversationId == currentId_) statusReplyId_ = stats.assistantMessageId;
    // The reply is saved, its state not: the file is damaged where the state goes. Before (session 33's check) the
    // turn failed with "… Nothing was changed" (untrue: the question was saved), in English in a zh_CN window.
    if (stats.replySaved && stats.stateDamaged)
        showError([file = libraryFile(), detail = stats.stateDetail] {
            return ErrorTexts{tr("Your message and the reply were saved, but the reply's state could not be written: "
                                 "the conversation database %1 is damaged. Nothing was lost: the next reply re-reads "
                                 "this conversation from its text. RWKV Desktop checks the file when it starts "
                                 "again: damaged saved states are cleared then, and a file it cannot read is named, "
                                 "with the offer to move it aside and start fresh.")
                                  .arg(file),
                              detail};
        });
    // Too little room for the state, or saved states dropped to make room for the text: the disk filled after the
    // start, whose banner came only for a disk already (almost) full then (session 57's trial: only "too little disk
    // space: state not saved" in the status line). The standing notice's banner (main.cpp: low_disk.h) says it now.
    else if (stats.replySaved && (!stats.stateSaved || stats.statesDropped > 0))
        showStandingNotice();
    refreshConversations();
    updateComposerState(before);
    emit replyCompleted(true);
    loadPendingModel();
}

void ChatController::onReplyFailed(qint64 conversationId, const std::exception_ptr& error) {
    const ComposerState before = composerState();
    generating_ = false;
    waitingTurn_.reset();  // failed before it began (no model loaded): no longer waiting
    waitingTurnStatus_ = nullptr;
    setWaitingForApi(false);
    clearPrefill();
    const qint64 replyId = streamingMessageId_;
    // Several versions whose final saves failed (a full disk) are each kept whole, as a single reply is: the one shown
    // (else the first) is the banner's, the others are saved with it (unsavedVersions_). One written whole and saved
    // stays as stored; one cut off by an engine error keeps its checkpointed text, unfinished.
    const bool versions = !versionIds_.isEmpty();
    if (versions && !notSavedVersions_.isEmpty()) {
        const auto shown = std::find_if(notSavedVersions_.begin(), notSavedVersions_.end(),
                                        [replyId](const UnsavedReply& v) { return v.messageId == replyId; });
        notSavedReply_ = shown == notSavedVersions_.end() ? notSavedVersions_.takeFirst() : *shown;
        notSavedVersions_.removeIf([this](const UnsavedReply& v) { return v.messageId == notSavedReply_.messageId; });
        unsavedVersions_ = std::exchange(notSavedVersions_, {});
    }
    const qint64 kept = versions ? notSavedReply_.messageId : replyId;  // the row kept whole, when any
    const bool whole = kept != 0 && notSavedReply_.messageId == kept;  // written whole; only its save failed
    if (whole)
        unsavedReply_ = notSavedReply_;
    else if (replyId != 0 && !streamingText_.isEmpty())
        unsavedReply_ = {replyId, streamingText_, false, std::nullopt, conversationId};  // cut off: no stats line
    notSavedReply_ = {};
    notSavedVersions_.clear();
    streamingConversationId_ = streamingMessageId_ = 0;
    streamingText_.clear();
    if (versions) {
        versionIds_.clear();
        versionTexts_.clear();
        emit writingVersionsChanged();
    }
    // Saved at once when it can be (an engine error: the text streamed so far); a full disk keeps it for later, and the
    // banner says that the reply on screen is not saved yet. "The reply failed" beside a whole reply read wrong (T1).
    const bool notSaved = !saveUnsavedReply();
    if (versions && whole && conversationId == currentId_) {
        // The version shown (currentLeafId_: showVersion) as stored, or kept whole (showUnsaved): one saved is not
        // "cut off" for another's failure.
        reloadMessages();
    } else if (const int row = messages_.indexOfId(replyId); conversationId == currentId_ && replyId != 0 && row >= 0) {
        messages_.setStatus(replyId, whole && notSaved ? MessageModel::Status::Complete
                                                       : MessageModel::Status::Interrupted);
        if (whole && notSaved) {  // as it will be saved: its numbers and how it ended (a Stop's note under it)
            store::Message kept = messages_.messageAt(row);
            showUnsaved(kept);
            messages_.updateStored(kept);
        }
    }
    // A reply written whole (or up to Stop) and kept on screen has the status line of a saved one beside the banner:
    // cleared with the failed save, a stopped reply lost its "Stopped · …" (session 27's brief). Of the chat on screen
    // only, as onReplyFinished's: another chat's numbers stood over the one on screen (session 38's check, MED).
    if (whole && notSaved && unsavedReply_.turn && unsavedReply_.messageId == replyId && conversationId == currentId_) {
        TurnStats shown = *unsavedReply_.turn;
        shown.replySaved = shown.stateSaved = true;  // it has text (not "Stopped before…"); the banner says the rest
        setReplyStatus(shown);
        statusReplyId_ = replyId;  // goes with its chat when another is opened (setCurrent)
    } else {
        setReplyStatus(nullptr);
    }
    // Failed before the question was stored (a full disk): no reply was tried, the message could not be saved; the box
    // gets the text back, nothing is lost. Another chat's reply (B on screen) names its chat, and one whose chat is gone
    // says so in words: the store's own ("saveTurnResult (nothing was written): message 2 is not in conversation 1")
    // went to the banner (session 37's check, LOW 6; trial, a full disk). The log keeps them.
    // Worded here and again after a language switch (the worker sends what it caught, not its words).
    const QString unsaved = std::exchange(unsavedText_, QString());
    const QString title = models::isolated(conversations_.titleOf(conversationId));
    const bool gone = chatIsGone(conversationId);
    if (!unsaved.isEmpty()) takeBackChatMadeBySend(conversationId);
    madeBySend_.reset();
    // A reply written whole and kept to save later did not fail: the log said "the reply failed: … full" for "3
    // replies" versions kept and saved once there was room (session 52's trial).
    if (whole && notSaved) {
        const QString what = unsavedVersions_.isEmpty()
                                 ? QStringLiteral("the reply is")
                                 : QStringLiteral("%1 versions of the reply are").arg(unsavedVersions_.size() + 1);
        qWarning("rwkv-desktop: conversation %lld: %s not saved yet (kept on screen, saved by itself later): %s",
                 static_cast<long long>(conversationId), qPrintable(what), qPrintable(replyErrorText(error)));
    } else {
        qWarning("rwkv-desktop: conversation %lld: the reply failed: %s", static_cast<long long>(conversationId),
                 qPrintable(replyErrorText(error)));
    }
    const auto says = [sent = unsaved.isEmpty(), title, gone, stored = isStoreError(error),
                       damaged = !damagedStoreWords(error).isEmpty(), file = models::isolatedPath(libraryFile()),
                       elsewhere = conversationId != currentId_](const QString& why) {
        // A message sent in a chat another program deleted (rwkv-cli conversations delete): in words, not the
        // store's "Conversation 2 does not exist." (session 38's check).
        if (!sent && gone)
            return tr("This chat was deleted by another program; your message is back in the box.");
        // The question was stored before the reply's save met the damage: "Nothing was changed" (the store's words
        // for a damaged file) was untrue, and the promised recovery never came (session 54's trial). The store left
        // its note for the next start (store/damage_mark.h); SQLite's words go to the details.
        // Session 49's trial: a chat whose starting state was gone said "Your message could not be saved: This chat
        // starts from the state-tuning file …", as if the disk had refused it; only the database's refusal says so.
        if (sent && damaged && !gone)
            return tr("The reply could not be saved: the conversation database %1 is damaged. Your message was "
                      "saved, but of the reply only the start saved while it was written is kept, marked Unfinished: "
                      "copy the reply on screen if you need it. When RWKV Desktop starts again it checks the whole "
                      "file: it mends what it can without losing anything, or else offers to recover the chats that "
                      "can still be read.")
                .arg(file);
        QString text = !sent && stored ? tr("Your message could not be saved: %1").arg(why)
                       : !sent         ? why
                       : gone          ? tr("The reply in “%1” could not be saved: that conversation was deleted by "
                                            "another program.").arg(title)
                       : elsewhere     ? tr("The reply in “%1” failed: %2").arg(title, why)
                                       : tr("The reply failed: %1").arg(why);
        if (!sent) text += QLatin1Char('\n') + tr("Your message was not sent: it is back in the message box.");
        return text;
    };
    showError([this, says, error, gone, notSaved, sqlite = unsaved.isEmpty() ? damagedStoreWords(error) : QString()] {
        if (notSaved) return unsavedBannerTexts();  // its reason as the last try met it (SQLite's words as details)
        const QString why = replyErrorText(error);
        const auto [sentence, detail] = splitDetail(why);
        if (gone) return ErrorTexts{says(sentence), {}};
        if (!sqlite.isEmpty()) return ErrorTexts{says(sentence), sqlite};  // damaged: SQLite's words
        return ErrorTexts{says(sentence), detail, says(why)};
    });
    errorOfView_ = !notSaved;  // the reply on screen not saved: its banner stays wherever the user goes next
    if (std::exchange(unsavedBanner_, notSaved ? errorText_ : QString()) != unsavedBanner_) emit unsavedBannerChanged();
    if (!unsaved.isEmpty()) emit messageNotSent(unsaved);
    refreshConversations();
    updateComposerState(before);
    emit replyCompleted(false);
    loadPendingModel();
}

void ChatController::takeBackChatMadeBySend(qint64 conversationId) {
    if (!madeBySend_ || madeBySend_->id != conversationId) return;
    try {
        if (!store_.allMessages(conversationId).isEmpty()) return;  // only a row its first turn never wrote to
        const store::ConversationStore::LockWaitLimit quick(kChangeLockWaitMs);
        store_.deleteConversationForever(conversationId);
    } catch (const std::exception&) {
        return;  // kept: the chat list shows it, and sending there again works
    }
    newChatOwnInstructions_ = madeBySend_->ownInstructions;
    newChatStartState_ = madeBySend_->startState;
    newChatStartStateSha256_ = madeBySend_->startStateSha256;
    if (currentId_ == conversationId) {
        setCurrent(0);  // the new chat again, as it was: its lines, and the text back in its box
        if (madeBySend_->preset != preset_) {
            preset_ = madeBySend_->preset;
            emit conversationPresetChanged();
        }
    }
}

QString ChatController::describe(const TurnStats& stats, bool withSpeed) {
    if (!stats.replySaved) return tr("Stopped before the reply began");
    const QLocale locale;
    // Counts in the language's number format, as the speed beside them, the readouts under the reply and the memory
    // line: "read 129494 new tokens · 512 tokens at 10,625.1 tok/s" mixed the two (session 52's trial).
    const QString read = locale.toString(stats.prefillTokens);
    const QString speed = tr("%1 tokens at %2 tok/s")
                              .arg(locale.toString(stats.decodeTokens),
                                   locale.toString(stats.decodeTokensPerSecond(), 'f', 1));
    QString context;
    switch (stats.source) {
    case StateSource::Fresh:  // read from the start: a new chat, or the first question again (not "new conversation":
                              // session 39's trial, after Regenerate of the first reply)
        // A chat whose first question's reading was cut off (kill -9) is read from the start with the next one: not
        // a new conversation either (session 48's trial).
        // Continue of the first reply: its question and the cut text were read (not a new conversation either).
        context = stats.continuedFromId ? tr("the first reply continued, read %1 tokens").arg(read)
                  : stats.regenerated ? tr("another reply to the first question, read %1 tokens").arg(read)
                  : stats.edited    ? tr("first question edited, read %1 tokens").arg(read)
                  : !stats.unreadQuestionIds.empty() ? tr("read from the start, %1 tokens").arg(read)
                                    : tr("new conversation, read %1 tokens").arg(read);
        break;
    case StateSource::Memory:
    case StateSource::SavedState:
        context = tr("resumed from saved state, read %1 new tokens").arg(read);
        break;
    case StateSource::Derived:
    case StateSource::Reprefill:
        context = tr("re-read %1 tokens (%2)").arg(read, stats.resumeNote());
        break;
    }
    // Read from a starting state (a state-tuning file), not from an empty one: said, as the chat's top line says it
    // (session 49's trial: a first reply said only "new conversation").
    if (!stats.startStateName.isEmpty())
        context = tr("%1, from the starting state %2").arg(context, stats.startStateName);
    // Questions shown without a reply (their prefill was killed) were read in this turn's prefill: said, as the prefill
    // count grew by them (session 37's trial: "read 30 new tokens" and nothing about the question above). The brief
    // form (the status line when the whole does not fit) says it in fewer words: the question is on screen above, and
    // the whole note was cut at 1,100 px (session 37's trial); the tooltip keeps the whole.
    if (!stats.unreadQuestionIds.empty()) {
        const int unread = int(stats.unreadQuestionIds.size());
        const QString note = withSpeed   ? stats.unreadNote()
                             : unread > 1 ? tr("also read the %1 unanswered questions above").arg(unread)
                                          : tr("also read the unanswered question above");
        context = tr("%1 — %2").arg(context, note);
    }
    // What is particular to this turn first, the numbers last: they are under the reply too (TurnReadouts), and a line
    // longer than the room beside the model's status is cut at its end. Before, the speed came first and the why was
    // cut: "… re-read 1492 tokens (the saved state was damaged; nothing w…" at 1,100 px (session 36's trial).
    QString text = withSpeed ? context + QStringLiteral(" · ") + speed : context;
    // Too little room, not "disk full": the disk may still hold some megabytes (a quota, or less free than a state
    // needs), and the start's banner said "almost full (12.0 KB free…)" while this line said "disk full" (session 39's
    // check); the banner says how much is free.
    // Both for want of room: one sentence, not "too little disk space: … · too little disk space: …", which wrapped
    // to three lines and was still cut at the default window width (session 42's trial).
    // The brief form (the status line when the whole does not fit) says what went wrong with the save in a few words:
    // the whole sentence before a re-read's why ran past three lines at 1,100 px and was cut ("…— re-reading 2 mes…",
    // session 50's trial: a cut-off reply continued on a disk with ~100 KB free); the tooltip keeps the whole.
    const int dropped = int(stats.statesDropped);
    if (!stats.stateSaved && !stats.stateDamaged && stats.statesDropped > 0) {
        text = (withSpeed ? tr("too little disk space: %n saved state(s) of this and other chats dropped to make room "
                               "for the text, and this reply's state was not saved either; a chat without one re-reads "
                               "its text when continued",
                               "", dropped)
                          : tr("too little disk space: %n saved state(s) dropped, this reply's not saved", "", dropped)) +
               QStringLiteral(" · ") + text;
    } else {
        if (!stats.stateSaved)  // too little room or a damaged file: the reply was saved without its snapshot
            text = (stats.stateDamaged
                        ? (withSpeed ? tr("database damaged: the state was not saved, the next reply re-reads the "
                                          "conversation")
                                     : tr("database damaged: state not saved"))
                        : (withSpeed ? tr("too little disk space: the state was not saved, the next reply re-reads the "
                                          "conversation")
                                     : tr("too little disk space: state not saved"))) +
                   QStringLiteral(" · ") + text;
        if (stats.statesDropped > 0)  // the text did not fit otherwise: saved states gave their room
            text = (withSpeed ? tr("too little disk space: %n saved state(s) of this and other chats dropped to make "
                                   "room for the text; a chat without one re-reads its text when continued",
                                   "", dropped)
                              : tr("too little disk space: %n saved state(s) dropped", "", dropped)) +
                   QStringLiteral(" · ") + text;
    }
    return stats.stopped ? tr("Stopped · %1").arg(text) : text;
}

}  // namespace rwkv::app
