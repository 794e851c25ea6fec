// chat_controller_chats.cpp — ChatController: the chat shown and what is done to chats — opening one (the newest,
// a search hit's), its branch (‹ › and the one viewed last), its sampling preset, its instructions, rename, delete —
// and the message rows read for it (reloadMessages, older pages, the damaged rows' note). A window of a long branch
// around a search hit: chat_controller_window.cpp. Tests: tests/app/test_chat_controller.cpp, test_long_branch.cpp.
#include <QScopeGuard>
#include <QFileInfo>
#include <QSet>
#include <QUrl>

#include <algorithm>
#include <utility>

#include "branch_to_continue.h"
#include "chat_controller.h"
#include "chat_error.h"
#include "start_state.h"
#include "conversation_title.h"
#include "engine_error_text.h"
#include "instructions_limit.h"
#include "perceived_characters.h"
#include "models/one_line.h"
#include "sampling_presets.h"
#include "store/conversation_store.h"
#include "store_error_text.h"

namespace rwkv::app {

void ChatController::newConversation() { setCurrent(0); }

void ChatController::selectConversation(qint64 id) {
    emit uiActionStarted(QStringLiteral("switch"));
    if (id != 0 && !conversations_.contains(id)) {  // listed, or in a collapsed folder
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
    if (generating_ && streamingConversationId_ == currentId_ && showVersion(messageId, step)) return;
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

void ChatController::showMessage(qint64 conversationId, qint64 messageId, const QString& words) {
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
    emit messageShown(messageId, words);
}

void ChatController::openMadeFrom() {
    if (madeFrom_.conversationId == 0) return;
    const MadeFrom from = madeFrom_;  // showMessage opens the other chat, which has its own
    showMessage(from.conversationId, from.messageId);
}

void ChatController::selectMostRecent() {
    refreshConversations();
    if (const qint64 first = conversations_.firstConversationId(); first != 0) setCurrent(first);  // a folder row's id is 0
}

int ChatController::maxTitleLength() { return kMaxTitleLength; }
int ChatController::maxInstructionsLength() { return kMaxInstructionsLength; }

bool ChatController::renameConversation(qint64 id, const QString& title) {
    const QString t = cappedTitle(title.simplified());  // the dialog says so (session 22's trial, F8)
    // Nothing to read ("\u200b" or "\u3164" alone, pasted): an empty row in the sidebar and an empty header, as a sent
    // message of nothing to read was before session 50 (session 53's trial).
    if (t.isEmpty() || holdsNothingToRead(t)) {
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
    if (id == madeFrom_.conversationId) refreshMadeFrom();  // "Made from “…”" names it as it is now
    return true;
}

QString ChatController::instructionsOf(qint64 id) const {
    if (id == 0) return newChatOwnInstructions_.value_or(newChatInstructions_);
    if (id == currentId_) return instructions_;
    try {
        const std::optional<store::Conversation> c = store_.conversation(id);
        return c ? c->system_prompt : QString();
    } catch (const std::exception&) {
        return {};
    }
}

void ChatController::setNewChatInstructions(const QString& text) {
    newChatInstructions_ = holdsNothingToRead(text) ? QString() : text;  // as setInstructions
    // The new chat shown takes them, unless its own were changed there.
    if (currentId_ == 0 && !newChatOwnInstructions_ && instructions_ != newChatInstructions_) {
        instructions_ = newChatInstructions_;
        emit currentInstructionsChanged();
    }
}

bool ChatController::setInstructions(qint64 id, const QString& text) {
    // As typed (the chat format sanitizes what it reads); none when nothing in them is drawn (holdsNothingToRead, the
    // message box's rule): "\u200b" alone was kept, and its line showed "Instructions: " and nothing (session 53's trial).
    const QString t = holdsNothingToRead(text) ? QString() : text;
    if (t.size() > kMaxInstructionsLength) {  // the fields refuse such a paste and keep OK off: kept as they were
        // The limit counts UTF-16 units; where a reader counts otherwise (an emoji family is one), both are said.
        setViewError([limit = kMaxInstructionsLength, size = t.size(), read = perceivedCharacters(t)] {
            if (read == size)
                return tr("Instructions hold at most %L1 characters; these have %L2. They were not changed.")
                    .arg(limit)
                    .arg(size);
            return tr("Instructions hold at most %L1 characters, an emoji, a flag or some accented letters counting as 2 "
                      "or more; these have %L2 counted so (%L3 as you read them). They were not changed.")
                .arg(limit)
                .arg(size)
                .arg(read);
        });
        return false;
    }
    if (id == 0) {  // the new chat's, shown or not: kept for its first message (newChatOwnInstructions_)
        if (t != instructionsOf(0)) newChatOwnInstructions_ = t;  // OK with the text unchanged keeps following Settings'
        if (t != instructions_ && currentId_ == 0) {
            instructions_ = t;
            emit currentInstructionsChanged();
        }
        return true;
    }
    if (generating_ && streamingConversationId_ == id) {  // its state would be saved with the old instructions
        showReplyInTheWay([title = models::isolated(conversations_.titleOf(id)), shown = id == currentId_] {
            return shown ? tr("Stop the reply before changing the instructions of “%1”.").arg(title)
                         : tr("A reply is being written in “%1”. Stop it there before changing its instructions.")
                               .arg(title);
        });
        return false;
    }
    bool changed = false;
    try {
        const store::ConversationStore::LockWaitLimit quick(kChangeLockWaitMs);
        changed = store_.setSystemPrompt(id, t);
    } catch (const std::exception& e) {
        if (isAnotherProgramsLock(e))
            setViewError([path = models::isolated(store_.path()),
                          title = models::isolated(conversations_.titleOf(id))] {
                return tr("Another program is using the conversation database %1, so the instructions of “%2” were "
                          "not changed. Try again once that program lets go of the database.")
                    .arg(path, title);
            });
        else
            setViewError([error = std::current_exception()] {
                return tr("Could not change the instructions: %1").arg(storeErrorText(error));
            });
        return false;
    }
    if (!changed) return true;
    emit instructionsChangeRequested(id);  // the worker's state of the chat goes too; its next turn says why
    if (id == currentId_) {
        instructions_ = t;
        emit currentInstructionsChanged();
    }
    return true;
}

bool ChatController::setStartState(qint64 id, const QString& pathOrUrl) {
    if (id != 0 && generating_ && streamingConversationId_ == id) {  // its state would be saved from the old start
        showReplyInTheWay([title = models::isolated(conversations_.titleOf(id)), shown = id == currentId_] {
            return shown ? tr("Stop the reply before changing the starting state of “%1”.").arg(title)
                         : tr("A reply is being written in “%1”. Stop it there before changing its starting state.")
                               .arg(title);
        });
        return false;
    }
    const QUrl url(pathOrUrl);
    const QString path = url.isLocalFile() ? url.toLocalFile() : pathOrUrl;
    StartStateFile read;
    if (!path.isEmpty()) {
        try {
            read = readStartStateFile(path);
            if (model_.modelShape.n_layer > 0) state_file_floats(read.file, model_.modelShape);  // StateMismatch names both
        } catch (const rwkv::Error& e) {
            // As a model that does not load is refused: the app's sentence, in the window's language (again after a
            // switch), the engine's English apart as the details. Before, those words alone (session 55's trial).
            showError([name = models::isolated(QFileInfo(path).fileName()), code = e.code(),
                       detail = QString::fromStdString(e.what())] {
                const QString why = startStateErrorSentence(rwkv::Error(code, detail.toStdString()));
                return why.isEmpty() ? ErrorTexts{tr("%1 cannot be a starting state: %2").arg(name, detail), {}}
                                     : ErrorTexts{tr("%1 cannot be a starting state: %2").arg(name, why), detail};
            });
            errorOfView_ = !errorText_.isEmpty();  // as setViewError: it goes with the chat shown
            return false;
        } catch (const std::exception& e) {  // the app's own (ChatError: translated when made; its path isolated)
            const auto* chat = dynamic_cast<const ChatError*>(&e);
            setViewError([name = models::isolated(QFileInfo(path).fileName()),
                          why = QString::fromUtf8(chat ? chat->shown() : e.what())] {
                return tr("%1 cannot be a starting state: %2").arg(name, why);
            });
            return false;
        }
    }
    if (id == 0) {  // the new chat's, shown or not: kept for its first message (startTurn creates the chat from it)
        newChatStartState_ = read.path;
        newChatStartStateSha256_ = read.sha256;
        const QString name = read.path.isEmpty() ? QString() : startStateFileName(read.path, read.sha256);
        if (currentId_ == 0 && name != startState_) {
            startState_ = name;
            emit currentStartStateChanged();
        }
        return true;
    }
    bool changed = false;
    try {
        const store::ConversationStore::LockWaitLimit quick(kChangeLockWaitMs);
        changed = store_.setStartState(id, read.path, read.sha256);
    } catch (const std::exception& e) {
        setViewError([error = std::current_exception()] {
            return tr("Could not change the starting state: %1").arg(storeErrorText(error));
        });
        return false;
    }
    if (!changed) return true;
    emit startStateChangeRequested(id);  // the worker's state of the chat goes too; its next turn says why
    if (id == currentId_) {
        startState_ = path.isEmpty() ? QString() : startStateFileName(path, read.sha256);
        emit currentStartStateChanged();
    }
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

void ChatController::refreshConversations() {
    try {
        conversations_.setLibrary(store_.listConversations(), store_.listFolders());
        if (generating_) emit replyElsewhereChanged();  // a renamed chat's title
        refreshMadeFrom();  // the chat the open one was made from moved to the trash, restored, deleted
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
    QString preset, title, instructions, startState;  // title: for damageNote
    MadeFrom madeFrom;
    try {  // the branch viewed last (0: the newest; a regenerate killed before its first word gives way) and the preset
        if (id != 0) {
            currentLeafId_ = leafToShow(store_, id, generating_ ? streamingMessageId_ : 0);
            if (const auto c = store_.conversation(id)) {
                preset = c->sampling_preset;
                title = c->title;
                instructions = c->system_prompt;
                startState =
                    c->start_state.isEmpty() ? QString() : startStateFileName(c->start_state, c->start_state_sha256);
                madeFrom = madeFromOf(*c);
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
    // The banner of a reply not saved yet stays wherever the user goes: it names that reply's chat over another one
    // ("The reply in “B” is not saved yet"), and says "This reply" over its own (session 38's check).
    if (changed && !unsavedBanner_.isEmpty() && errorText_ == unsavedBanner_) remakeError();
    if (id == 0) {  // its own, kept till it is made
        preset = newChatPreset_;
        instructions = newChatOwnInstructions_.value_or(newChatInstructions_);
        startState = newChatStartState_.isEmpty() ? QString()
                                                  : startStateFileName(newChatStartState_, newChatStartStateSha256_);
    }
    if (instructions != instructions_) {
        instructions_ = instructions;
        emit currentInstructionsChanged();
    }
    if (startState != startState_) {
        startState_ = startState;
        emit currentStartStateChanged();
    }
    setMadeFrom(madeFrom);
    if (preset != preset_) {  // a new chat starts on the app default
        preset_ = preset;
        emit conversationPresetChanged();
    }
    if (changed) {
        emit currentConversationChanged();
        if (generating_) emit replyElsewhereChanged();
        if (!versionIds_.isEmpty()) emit writingVersionsChanged();  // shown only in the chat they are written in
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
