// chat_controller_unsaved_reply.cpp — ChatController's reply not saved yet (a full disk, another program's lock on the
// database, a file that cannot be written): kept on screen, saved by the retries, asked about when the window closes and said on stderr at a quit
// nobody can answer. The rest of the controller: chat_controller.cpp.
#include "chat_controller.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QFileInfo>
#include <QLocale>
#include <QStringList>

#include <sqlite3.h>

#include <algorithm>
#include <utility>

#ifdef Q_OS_UNIX
#include <sys/resource.h>
#endif

#include "models/one_line.h"
#include "perceived_characters.h"
#include "store/conversation_store.h"
#include "store_error_text.h"

namespace rwkv::app {

namespace {
// A write past the file-size limit (RLIMIT_FSIZE, SIGXFSZ ignored: test_full_disk_e2e's full disk) fails with EFBIG,
// which SQLite reports as SQLITE_IOERR_WRITE, keeping no errno at a COMMIT (sqlite3_system_errno 0): no room, as
// WriteFailure::DiskFull counts EFBIG. True when the database or its -wal is within 1 MiB of that limit.
bool atFileSizeLimit(const QString& db) {
#ifdef Q_OS_UNIX
    rlimit limit{};
    if (getrlimit(RLIMIT_FSIZE, &limit) != 0 || limit.rlim_cur == RLIM_INFINITY) return false;
    const qint64 largest = std::max(QFileInfo(db).size(), QFileInfo(db + QStringLiteral("-wal")).size());
    return largest + (qint64(1) << 20) >= qint64(limit.rlim_cur);
#else
    Q_UNUSED(db);
    return false;
#endif
}
}  // namespace

qsizetype ChatController::keptOf(const UnsavedReply& reply) const {
    try {  // a read: a full disk and another program's write lock (WAL) let it through
        const std::optional<store::Message> row = store_.message(reply.messageId);
        return row && reply.text.startsWith(row->text) ? perceivedCharacters(row->text) : 0;
    } catch (const std::exception&) {
        return 0;
    }
}

ChatController::UnsavedCount ChatController::unsavedCount() const {
    // As read (grapheme clusters): an emoji family said 8 characters, its UTF-16 units, until session 59.
    UnsavedCount count{perceivedCharacters(unsavedReply_.text), keptOf(unsavedReply_), 1 + unsavedVersions_.size()};
    for (const UnsavedReply& version : unsavedVersions_) {
        count.characters += perceivedCharacters(version.text);
        count.kept += keptOf(version);
    }
    return count;
}

ChatController::~ChatController() {
    forkPool_.waitForDone();  // a New chat from here under way ends first (its chat made or not; no view is told)
    const QSignalBlocker quiet(this);  // the last try: no view is left to tell (replyAwaitsRoomChanged closes a window)
    // One wait for another program's lock, for the final save of a reply being written and the last try together: each
    // waited the store's 5 s busy timeout in turn, ~10 s before the quit ended (session 27's brief).
    const QDeadlineTimer deadline(kQuitSaveLockWaitMs);
    endReplyForQuit(kQuitSaveLockWaitMs);
    if (!saveUnsavedReply(int(deadline.remainingTime()))) {
        // Every version still not saved ("3 replies"; those the try saved are off the list): the line counted the
        // banner's one alone (session 52's trial).
        // What the database keeps of them: the text of their last checkpoint that got through (their first words,
        // when the disk filled after them), unfinished. The line said they "are lost" while they reopened as
        // 1-character Unfinished versions (session 53's trial2).
        const auto [characters, kept, versions] = unsavedCount();
        const qsizetype others = versions - 1;
        const char* const why = unsavedFor_ == UnsavedFor::Lock     ? "another program is still using %s"
                                : unsavedFor_ == UnsavedFor::DiskFull ? "the disk holding %s is still full"
                                                                      : "%s still cannot be written";
        const QString where = QString::asprintf(why, qPrintable(store_.path()));
        const auto n = [](qsizetype v) { return static_cast<long long>(v); };
        if (kept > 0 && others == 0)
            qWarning("rwkv-desktop: the last reply was not saved whole: %lld of its %lld characters are lost, and the "
                     "database keeps the first %lld, saved before, as an unfinished reply: %s",
                     n(characters - kept), n(characters), n(kept), qPrintable(where));
        else if (kept > 0)
            qWarning("rwkv-desktop: %lld versions of the last reply were not saved whole: %lld of their %lld characters "
                     "are lost, and the database keeps the other %lld, each version's first ones saved before, as "
                     "unfinished versions: %s",
                     n(others + 1), n(characters - kept), n(characters), n(kept), qPrintable(where));
        else if (others == 0)
            qWarning("rwkv-desktop: the last reply (%lld characters) was not saved and is lost: %s", n(characters),
                     qPrintable(where));
        else
            qWarning("rwkv-desktop: %lld versions of the last reply (%lld characters in all) were not saved and are "
                     "lost: %s", n(others + 1), n(characters), qPrintable(where));
    }
}

// A reply still being written (or just stopped: its result not in yet) is stopped, and the window waits for its save
// (replyCompleted) before it closes or asks. Before (session 26's trial), true: the window closed at once, and the
// reply's save, failed on another program's lock after this controller was gone, went unsaid.
// Its save waits at most kCloseSaveLockWaitMs for another program's lock, and the status line says what the window
// waits for: the store's 5 s busy timeout passed with nothing on screen before the dialog asked (session 27's brief).
bool ChatController::saveBeforeQuit() {
    // A turn still waiting for a Local API request ends as Stop ends it, and the window closes at once. Before, it
    // said "Saving the reply before closing…" until the request ended (100,000 tokens: minutes; session 52's trial).
    endWaitingTurn();
    if (generating_) {
        worker_.stopSavingWithin(kCloseSaveLockWaitMs);
        setReplyStatus([this] { return tr("Saving the reply before closing…"); });
        return false;
    }
    return saveUnsavedReply();
}

// A quit nobody can answer (SIGTERM, the hooks' end) while a reply is written: it is stopped and its final save waited
// for here, so that one a lock or a full disk keeps from being saved reaches unsavedReply_ (onReplyNotSaved,
// onReplyFailed) and the destructor's last try, and stderr says it is lost. Before, ~InferenceWorker stopped it once
// this controller was gone: the row stayed empty, without a word.
void ChatController::endReplyForQuit(int lockWaitMs) {
    if (!generating_) return;
    worker_.stopSavingWithin(lockWaitMs);
    QMetaObject::invokeMethod(&worker_, [] {}, Qt::BlockingQueuedConnection);  // runs once the turn has ended
    QCoreApplication::sendPostedEvents(this, QEvent::MetaCall);                // the turn's signals, in their order
}

// Not the store's own sentence when the reply is kept: its "Free some space and try again" asked for an action the
// retries make needless, beside "saved by itself as soon as there is room" (session 24's trial, F2). Another program's
// lock (session 26) is named as such: "the disk is full" sent the user to free space for nothing. A reply of another
// chat than the one on screen names its chat: "This reply" over chat A read as A's (session 38's check, MED). A file
// that cannot be written (an I/O error, an immutable file) is named as such, SQLite's words on the details line: it
// read "the disk … is full" (session 38's check, MED 3).
// A reply with several versions is named by their numbers, ‹ k/N ›'s: "This reply" stood over version 1, saved, when
// only version 2's save had failed (session 52's trial), and over whichever version ‹ › stepped to.
QString ChatController::unsavedBannerText() const {
    const QString elsewhere = unsavedReplyElsewhere();
    const QString file = models::isolated(store_.path());  // a U+202E in a folder's name turns no sentence around
    int versions = 0, unsaved = 0;
    const QString numbers = elsewhere.isEmpty() ? unsavedVersionNumbers(versions, unsaved) : QString();
    const bool one = numbers.isEmpty() || unsaved == 1;  // "It stays on screen", else "They stay"
    const auto said = [&](const QString& thisReply, const QString& inChat, const QString& version,
                          const QString& versionsOf) {
        if (!numbers.isEmpty())
            return (unsaved == 1 ? version : versionsOf).arg(numbers, QString::number(versions), file);
        return elsewhere.isEmpty() ? thisReply.arg(file) : inChat.arg(elsewhere, file);
    };
    if (unsavedFor_ == UnsavedFor::WriteError)
        return said(tr("This reply is not saved yet: the conversation database %1 could not be written."),
                    tr("The reply in “%1” is not saved yet: the conversation database %2 could not be written."),
                    tr("Reply %1 of %2 is not saved yet: the conversation database %3 could not be written."),
                    tr("Replies %1 of %2 are not saved yet: the conversation database %3 could not be written.")) +
               QLatin1Char('\n') +
               (one ? tr("It stays on screen and is saved by itself as soon as the file can be written again (tried "
                         "again every few seconds and at the next message); closing the window before that asks "
                         "first. Copy it now if the disk or the file stays unwritable.")
                    : tr("They stay on screen and are saved by themselves as soon as the file can be written again "
                         "(tried again every few seconds and at the next message); closing the window before that asks "
                         "first. Copy them now if the disk or the file stays unwritable."));
    if (unsavedFor_ == UnsavedFor::Lock)
        return said(tr("This reply is not saved yet: another program is using the conversation database %1."),
                    tr("The reply in “%1” is not saved yet: another program is using the conversation database %2."),
                    tr("Reply %1 of %2 is not saved yet: another program is using the conversation database %3."),
                    tr("Replies %1 of %2 are not saved yet: another program is using the conversation database %3.")) +
               QLatin1Char('\n') +
               (one ? tr("It stays on screen and is saved by itself as soon as that program lets go of the database "
                         "(tried again every few seconds and at the next message); closing the window before that asks "
                         "first. Copy it now if you cannot close that program.")
                    : tr("They stay on screen and are saved by themselves as soon as that program lets go of the "
                         "database (tried again every few seconds and at the next message); closing the window before "
                         "that asks first. Copy them now if you cannot close that program."));
    return said(tr("This reply is not saved yet: the disk holding the conversation database %1 is full."),
                tr("The reply in “%1” is not saved yet: the disk holding the conversation database %2 is full."),
                tr("Reply %1 of %2 is not saved yet: the disk holding the conversation database %3 is full."),
                tr("Replies %1 of %2 are not saved yet: the disk holding the conversation database %3 is full.")) +
           QLatin1Char('\n') +
           (one ? tr("It stays on screen and is saved by itself as soon as there is room (tried again every few "
                     "seconds and at the next message); closing the window before that asks first. Copy it now if you "
                     "cannot free space.")
                : tr("They stay on screen and are saved by themselves as soon as there is room (tried again every few "
                     "seconds and at the next message); closing the window before that asks first. Copy them now if "
                     "you cannot free space."));
}

QString ChatController::unsavedVersionNumbers(int& versions, int& unsaved) const {
    versions = unsaved = 0;
    try {
        const QList<qint64> siblings = store_.siblings(unsavedReply_.messageId);  // as ‹ k/N › counts them
        if (siblings.size() < 2) return {};
        QList<int> at{int(siblings.indexOf(unsavedReply_.messageId))};
        for (const UnsavedReply& version : unsavedVersions_) at.append(int(siblings.indexOf(version.messageId)));
        std::sort(at.begin(), at.end());
        QStringList numbers;
        for (const int i : at) {
            if (i < 0) return {};  // not a version of that reply (deleted meanwhile): said as before
            numbers.append(QLocale().toString(i + 1));
        }
        versions = int(siblings.size());
        unsaved = int(numbers.size());
        return QLocale().createSeparatedList(numbers);
    } catch (const std::exception&) {
        return {};
    }
}

QString ChatController::unsavedReplyText() const {
    if (unsavedVersions_.isEmpty()) return unsavedReply_.text;
    QList<const UnsavedReply*> all{&unsavedReply_};
    for (const UnsavedReply& version : unsavedVersions_) all.append(&version);
    QList<qint64> siblings;
    try {
        siblings = store_.siblings(unsavedReply_.messageId);  // as ‹ k/N › counts them
    } catch (const std::exception&) {
    }
    const auto at = [&siblings](const UnsavedReply* r) { return siblings.indexOf(r->messageId); };
    const bool numbered = std::all_of(all.cbegin(), all.cend(), [&at](const UnsavedReply* r) { return at(r) >= 0; });
    if (numbered)
        std::sort(all.begin(), all.end(), [&at](const UnsavedReply* a, const UnsavedReply* b) { return at(a) < at(b); });
    QStringList parts;
    for (qsizetype i = 0; i < all.size(); ++i)  // else (a version gone meanwhile) counted among those not saved
        parts.append(tr("Reply %1 of %2:")
                         .arg(QLocale().toString(numbered ? at(all[i]) + 1 : i + 1),
                              QLocale().toString(numbered ? siblings.size() : all.size())) +
                     QLatin1Char('\n') + all[i]->text);
    return parts.join(QStringLiteral("\n\n"));
}

ChatController::ErrorTexts ChatController::unsavedBannerTexts() const {
    return {unsavedBannerText(), unsavedFor_ == UnsavedFor::WriteError ? unsavedWriteError_ : QString()};
}

QString ChatController::unsavedReplyElsewhere() const {
    const qint64 conv = unsavedReply_.conversationId;
    return conv == 0 || conv == currentId_ ? QString() : models::isolated(conversations_.titleOf(conv));
}

QString ChatController::quitQuestion() const {
    const QString file = models::isolated(store_.path());
    // What quitting loses, as the quit's last line says it (unsavedCount): the database keeps the first words of a
    // reply checkpointed before the disk filled, which the dialog called lost (session 54's loose ends).
    const auto [characters, kept, versions] = unsavedCount();
    const QLocale locale;
    const QString lost =
        kept == 0 ? tr("If you quit now, it is lost.")
        : versions == 1
            ? tr("If you quit now, %1 of its %2 characters are lost, and the database keeps the first %3, saved "
                 "before, as an unfinished reply.")
                  .arg(locale.toString(characters - kept), locale.toString(characters), locale.toString(kept))
            : tr("If you quit now, %1 of the %2 characters of its %3 versions are lost, and the database keeps the "
                 "other %4, each version's first ones saved before, as unfinished versions.")
                  .arg(locale.toString(characters - kept), locale.toString(characters), locale.toString(versions),
                       locale.toString(kept));
    if (unsavedFor_ == UnsavedFor::WriteError)
        return tr("The conversation database %1 could not be written, so the last reply is not saved. %2 Check the "
                  "disk and the file, then click Try again, or copy the reply to keep it elsewhere.")
            .arg(file, lost);
    if (unsavedFor_ == UnsavedFor::Lock)
        return tr("Another program is using the conversation database %1, so the last reply is not saved. %2 Close "
                  "that program and click Try again, or copy the reply to keep it elsewhere.")
            .arg(file, lost);
    return tr("The disk holding the conversation database %1 is full, so the last reply is not saved. %2 Free some "
              "space and click Try again, or copy the reply to keep it elsewhere.")
        .arg(file, lost);
}

bool ChatController::saveUnsavedReply(int lockWaitMs) {
    if (unsavedReply_.messageId == 0) return true;
    const qint64 savedId = unsavedReply_.messageId;
    const QString elsewhere = unsavedReplyElsewhere();  // its chat, when another is on screen: named as the banner does
    UnsavedFor why = UnsavedFor::DiskFull;  // what this try met
    QString writeError;
    const store::ConversationStore::LockWaitLimit limit(lockWaitMs);
    const auto save = [this](const UnsavedReply& reply) {
        if (const std::optional<TurnStats>& turn = reply.turn) {
            store_.saveTurnResult(turn->conversationId, reply.messageId, reply.text, turn->decodeTokens,
                                  turn->readouts(), {}, {}, reply.finished, turn->end);
        } else {
            store_.updateMessageText(reply.messageId, reply.text, reply.finished);
        }
    };
    bool shownSaved = false;  // a row on screen now saved: shown with its text from the store again
    try {
        // The other versions first, each taken off the list once saved, then the one the banner is about.
        while (!unsavedVersions_.isEmpty()) {
            save(unsavedVersions_.constFirst());
            shownSaved = messages_.indexOfId(unsavedVersions_.takeFirst().messageId) >= 0 || shownSaved;
        }
        save(unsavedReply_);
        shownSaved = messages_.indexOfId(unsavedReply_.messageId) >= 0 || shownSaved;
        unsavedReply_ = {};
    } catch (const store::StoreError& e) {
        // Still no room (SQLITE_FULL; the store makes an I/O error of ENOSPC one), another program's lock (SQLITE_BUSY,
        // SQLITE_LOCKED) or a file that cannot be written (SQLITE_IOERR, SQLITE_READONLY): kept for the next try.
        // Any other error (the reply was deleted meanwhile): given up. No room too: an I/O error of a -shm that cannot
        // grow, or of a file at the file-size limit.
        const int code = e.code();
        if (code != SQLITE_FULL && code != SQLITE_IOERR && code != SQLITE_BUSY && code != SQLITE_LOCKED &&
            code != SQLITE_READONLY) {
            unsavedReply_ = {};
            unsavedVersions_.clear();
        }
        if (isBusyWithThisProgram(e))
            why = unsavedFor_;  // own save: reason as it was
        else if (isAnotherProgramsLock(e))
            why = UnsavedFor::Lock;
        else if ((code == SQLITE_IOERR && e.extendedCode() != SQLITE_IOERR_SHMSIZE && !atFileSizeLimit(store_.path())) ||
                 code == SQLITE_READONLY)
            why = UnsavedFor::WriteError;
        if (why == UnsavedFor::WriteError) writeError = isBusyWithThisProgram(e) ? unsavedWriteError_ : sqliteWords(e);
    } catch (const std::exception&) {
        unsavedReply_ = {};
        unsavedVersions_.clear();
    }
    if (shownSaved && !generating_) reloadMessages();
    const bool awaits = unsavedReply_.messageId != 0;
    const UnsavedFor was = std::exchange(unsavedFor_, awaits ? why : UnsavedFor::DiskFull);
    const QString wasWriteError = std::exchange(unsavedWriteError_, awaits ? writeError : QString());
    const bool otherWriteError = wasWriteError != unsavedWriteError_;
    if (awaits != std::exchange(awaitsRoom_, awaits) || unsavedFor_ != was) emit replyAwaitsRoomChanged();
    if (awaits && (unsavedFor_ != was || otherWriteError) && !unsavedBanner_.isEmpty() &&
        errorText_ == unsavedBanner_) {
        // The banner follows the reason, as the dialog and the status line do: it kept a full disk's words once a
        // retry met another program's lock instead (session 27's brief), and the other way round.
        showError([this] { return unsavedBannerTexts(); });  // made again after a language switch
        unsavedBanner_ = errorText_;
        emit unsavedBannerChanged();
    }
    if (awaits) {
        if (!unsavedRetry_->isActive()) unsavedRetry_->start();
        return false;
    }
    unsavedRetry_->stop();
    const QString wasBanner = std::exchange(unsavedBanner_, QString());
    if (!wasBanner.isEmpty()) emit unsavedBannerChanged();
    if (!wasBanner.isEmpty() && errorText_ == wasBanner) {
        setError({});
        if (!generating_) {
            setReplyStatus([this, was, elsewhere] {
                if (!elsewhere.isEmpty())
                    return was == UnsavedFor::Lock
                               ? tr("The other program let go of the conversation database: the reply in “%1” is "
                                    "saved.").arg(elsewhere)
                           : was == UnsavedFor::DiskFull
                               ? tr("There is room again: the reply in “%1” is saved.").arg(elsewhere)
                               : tr("The reply in “%1” is saved.").arg(elsewhere);
                return was == UnsavedFor::Lock
                           ? tr("The other program let go of the conversation database: the reply is saved.")
                       : was == UnsavedFor::DiskFull ? tr("There is room again: the reply is saved.")
                                                     : tr("The reply is saved.");
            });
            // About that reply: the line goes with it when another chat (or a new one) is opened, as a reply's numbers
            // do. It stayed over a new chat whose start the full disk then refused (session 36's trial, nit).
            statusReplyId_ = savedId;
        }
    }
    return true;
}

// A reply a full disk kept from being saved is stored as an empty unfinished row until there is room: reopened from
// the store as it is, it read "No reply: it ended before its first word" with nothing to copy, while the banner said
// it stays on screen (session 25's trial, N7). Shown as the reply kept here: its text, and for one written whole
// (replyNotSaved) finished, with its token count and speeds, as saveUnsavedReply will store them.
void ChatController::showUnsaved(store::Message& row) const {
    const UnsavedReply* kept = row.id == unsavedReply_.messageId ? &unsavedReply_ : nullptr;
    for (const UnsavedReply& version : unsavedVersions_)
        if (!kept && row.id == version.messageId) kept = &version;
    if (row.id == 0 || !kept) return;
    row.text = kept->text;
    row.finished = kept->finished;
    if (const std::optional<TurnStats>& turn = kept->turn) {
        row.token_count = turn->decodeTokens;
        row.readouts = turn->readouts();  // what saveUnsavedReply stores
        row.end = turn->end;
    }
}

void ChatController::onReplyNotSaved(const TurnStats& stats) {
    if (stats.conversationId != streamingConversationId_) return;
    TurnStats turn = stats;
    turn.reply.clear();  // kept once, as `text`
    const UnsavedReply kept{stats.assistantMessageId, stats.reply, true, turn, stats.conversationId};
    if (versionIds_.contains(stats.assistantMessageId))  // one of several versions: the one shown may change yet
        notSavedVersions_.append(kept);
    else if (stats.assistantMessageId == streamingMessageId_)
        notSavedReply_ = kept;
}

}  // namespace rwkv::app
