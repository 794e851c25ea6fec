// conversation_fork.h — "New chat from here": the window's message action (ChatController::forkConversation) and
// `rwkv-cli conversations fork` make a new chat of a chat's branch up to a message by one rule, this one, on
// ConversationStore::forkConversation. Tests: tests/app/test_store_fork.cpp (the store),
// tests/cli/test_cli_fork.cpp (the rule, and that the copy goes on from the saved state), tests/app/test_fork_e2e.cpp.
#pragma once

#include <QString>
#include <QtGlobal>

namespace rwkv::store {
class ConversationStore;
}

namespace rwkv::app {

/// What forkAt made.
struct ForkResult {
    qint64 conversationId = 0;  ///< the new chat
    qint64 upTo = 0;            ///< the message of the old chat it was copied up to (0: none, the settings only)
    QString question;           ///< forked at a question: its text, which the new chat does not hold (to ask it again)
    int messages = 0;           ///< messages copied
    int states = 0;             ///< saved states copied (0: its next message reads its text from the start)
};

/// A new chat of conversation `conversationId` up to message `messageId` (ConversationStore::forkConversation),
/// titled `title` (cappedTitle). At a reply (or the instructions' message) it holds the branch up to and with that
/// reply, and its saved states, so its next message goes on from there. At a question it holds the chat *before* the
/// question — up to the reply the question was asked after (none for a first question) — and `question` gives the
/// question's text, for the new chat's message box: a chat that ended in a question without a reply would read it
/// with the next message, which is not what "from here" asks for. Throws StoreError (nothing written) for an unknown
/// conversation, one in the trash, or a message that is not in it.
/// With `numbered`, a title that a chat outside the trash already has becomes unusedTitle's "TITLE (2)", "(3)" …
/// (the window's and rwkv-cli's own "From here: …" titles; a title the user gave stays as given).
ForkResult forkAt(store::ConversationStore& store, qint64 conversationId, qint64 messageId, const QString& title,
                  bool numbered = false);
/// `title` (cappedTitle) if no chat outside the trash has it, else as file managers name copies: its stem — the title
/// less a trailing " (N)", 2 <= N < 1000, so a fork of "From here: Report (2)" is "From here: Report (3)", not
/// "… (2) (2)" — with " (N)" for the least N >= 2 that none has; the stem is cut ("…") so that it fits
/// kMaxTitleLength. Three forks of one chat were all "From here: turn 1: …" in the sidebar (session 51's trial).
QString unusedTitle(const store::ConversationStore& store, const QString& title);
/// The message forkAt copies up to for `messageId`: itself, or for a question of `conversationId` the reply it was
/// asked after — 0 for a first question (the chat's settings only) — its text then in `question`. Reads only.
qint64 forkPoint(const store::ConversationStore& store, qint64 conversationId, qint64 messageId, QString* question);

/// The new chat's title: `pattern` ("From here: %1", in the window's language) with the old chat's `title`, or `title`
/// as it is when it already reads as the pattern (a chat made from such a chat): "From here: From here: Report" put
/// the same words before every title of a fork of a fork, which the sidebar then cut to "From here: From here: R…".
/// A title that reads as kForkTitleSource (a chat rwkv-cli made, or the window in English) takes `pattern`'s words in
/// place of those: "ここから：Report", not "ここから：From here: Report".
QString forkTitle(const QString& pattern, const QString& title);
/// The pattern's source text: rwkv-cli's words, and the window's tr("From here: %1") before translation.
inline constexpr char kForkTitleSource[] = "From here: %1";

}  // namespace rwkv::app
