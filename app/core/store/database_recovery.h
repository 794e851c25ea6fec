// store/database_recovery.h — "Recover what can be read" for a conversation database SQLite calls damaged: the rows
// of its conversations, messages and snapshots tables that can still be read, put into a new database. Debian 12's
// libsqlite3 (3.40) has no recovery API (sqlite3_recover_* lives in the sqlite3 shell only) and no sqlite_dbpage table,
// and a damaged root page hides every row under it from SQL (session 36's trial: pages 2-6 overwritten, every chat out
// of view), so the file's pages are read here: every table b-tree leaf page (of the file, then of its -wal, the newest
// copy of each page), each cell's record with its overflow chain, matched to a table by its columns' count and types.
// Tested in tests/app/test_database_recovery.cpp; the flow in docs/conversations.md.
#pragma once

#include <QString>
#include <QStringList>

namespace rwkv::store {

/// What came back. A chat counts as back when at least one of its messages is, or its own row (by title only).
struct RecoveryReport {
    int chats = 0;         ///< conversations in the new database, those back by title only (chatsEmptied) among them
    int messages = 0;      ///< messages put back
    int states = 0;        ///< saved states put back (a cache: a chat without one reads its text again)
    int chatsLost = 0;     ///< conversations named only by a row of another table (a state's) of which no message
                           ///< could be put back: the least lost; more may be where mayHaveLostMore()
    int pagesUnread = 0;   ///< pages of the file that are of no kind read (not a b-tree page, free or overflow page)
    bool headerUnread = false;  ///< page 1's header was damaged: the page size and freelist were guessed
    int chatsEmptied = 0;  ///< of `chats`, those whose own row came back but none of their messages (only the
                           ///< messages' pages were damaged): kept by title, empty (session 37's trial: left out)
    QStringList emptiedTitles;  ///< their titles, by id
    int messagesLost = 0;  ///< messages read but not put back: the message they answer (their parent) was not readable
    bool untitled = false;  ///< some chats' own rows were not readable: they came back titled by their first message
    int retitled = 0;       ///< chats whose title was not UTF-8, held control characters or was blank (a damaged row,
                            ///< or a first message without words): titled "Recovered chat N" (translated), N = 1..this
    QStringList retitledTitles;  ///< their new titles, by id ("Recovered chat 1", …): the banner names them

    /// Whether chats that no row read names may have been lost too: some pages could not be read, or the header. Then
    /// the count of chats lost is unknown (session 38's trial: "could not be read: 0" with 2 of 3 chats gone).
    bool mayHaveLostMore() const { return pagesUnread > 0 || headerUnread; }
};

/// Reads `damagedPath` (and its "-wal" when there is one) without changing it, and writes what it holds into a new
/// database at `freshPath`, which must not exist: the current schema (ConversationStore makes it), then every
/// conversation, message (in id order, a message only after its parent) and saved state that could be read, with their
/// ids, in one transaction; the search index fills as the messages go in. A message whose chat's own row was not
/// readable gets a chat made for it, titled by its first message. A chat whose own row was read but none of its
/// messages comes back empty with its title and settings (chatsEmptied; its saved states cannot, having no message to
/// belong to); one named only by a state is left out (chatsLost). A title that is not UTF-8, holds control characters or
/// is blank becomes "Recovered chat N" (retitled). Throws StoreError when the new database cannot be written; the damaged file is never written.
RecoveryReport recoverDatabase(const QString& damagedPath, const QString& freshPath);

}  // namespace rwkv::store
