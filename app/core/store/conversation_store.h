// store/conversation_store.h — conversations, the message tree and the latest RNN state per conversation,
// persisted in SQLite. The only class in the app with SQL text; nothing above it sees a sqlite3*.
// Schema and ladder in conversation_store.cpp; tests in tests/app/test_store.cpp.
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QtGlobal>

#include <memory>
#include <mutex>
#include <optional>

#include "store_error.h"

namespace rwkv::store {

class Database;

/// Who wrote a message. The integer values are stored in the database: never renumber them.
enum class Role : int { System = 0, User = 1, Assistant = 2 };

/// One chat. Times are milliseconds since the Unix epoch (UTC).
struct Conversation {
    qint64 id = 0;
    QString title;
    qint64 created_at = 0;
    qint64 updated_at = 0;  ///< bumped by addMessage and saveTurnResult; drives listConversations() order
    QString system_prompt;
};

/// One node of a conversation's message tree. Editing or regenerating adds a sibling (same parent_id)
/// instead of overwriting, so old branches stay.
struct Message {
    qint64 id = 0;
    qint64 conversation_id = 0;
    qint64 parent_id = 0;  ///< 0 = root of the tree
    Role role = Role::User;
    QString text;
    qint64 created_at = 0;      ///< ms since epoch
    qint64 token_count = 0;     ///< tokens generated for this message (assistant), 0 when unknown
    bool finished = true;       ///< false while a reply is being generated, or when it was interrupted
};

/// The RNN state snapshot of a conversation, taken right after message_id was processed.
/// The blob is opaque here (the engine's self-describing state blob); validating it is the engine's job.
struct StateBlob {
    qint64 conversation_id = 0;
    qint64 message_id = 0;      ///< the message after which the state was taken
    QString model_fingerprint;  ///< identifies the model the state belongs to (never empty)
    QByteArray blob;
    qint64 created_at = 0;      ///< ms since epoch
};

/// The app's conversation database. Opening runs the schema migrations (backing up an existing file first)
/// and refuses a file written by a newer version of the app. Every method throws StoreError on failure.
/// Thread-safe: every public call is serialized by an internal mutex, so the GUI thread and the
/// InferenceWorker thread may share one instance.
class ConversationStore {
public:
    /// Opens (creating if needed) the database at path; ":memory:" gives a private in-memory database.
    explicit ConversationStore(const QString& path);
    ~ConversationStore();
    ConversationStore(const ConversationStore&) = delete;
    ConversationStore& operator=(const ConversationStore&) = delete;

    /// Schema version this code writes (PRAGMA user_version).
    static int schemaVersion();

    // --- conversations ---

    /// Creates an empty conversation and returns its id.
    qint64 createConversation(const QString& title, const QString& systemPrompt = {});
    /// All conversations, most recently updated first (ties: newest id first).
    QList<Conversation> listConversations() const;
    /// One conversation, or nullopt when the id does not exist.
    std::optional<Conversation> conversation(qint64 id) const;
    /// Changes the title (does not change updated_at, so the list order stays). Throws if id is unknown.
    void renameConversation(qint64 id, const QString& title);
    /// Changes the system prompt. Throws if id is unknown.
    void setSystemPrompt(qint64 id, const QString& systemPrompt);
    /// Deletes the conversation with all its messages and its state. Unknown ids are ignored.
    void deleteConversation(qint64 id);

    // --- messages ---

    /// Appends a message under parentId (0 = a new root) and returns its id. The parent must belong to the
    /// same conversation. Bumps the conversation's updated_at. Use finished=false for a reply that is about
    /// to be streamed.
    qint64 addMessage(qint64 conversationId, qint64 parentId, Role role, const QString& text,
                      bool finished = true);
    /// Replaces a message's text and finished flag, e.g. to checkpoint a partial reply while streaming.
    /// Throws if id is unknown.
    void updateMessageText(qint64 messageId, const QString& text, bool finished);
    /// One message, or nullopt.
    std::optional<Message> message(qint64 messageId) const;
    /// The current branch, root first: the parent chain of the conversation's newest message
    /// (the newest message is always a leaf, since children are created after their parents).
    QList<Message> messages(qint64 conversationId) const;
    /// The branch ending at leafId, root first (for showing an older branch). Empty if leafId is unknown.
    QList<Message> branch(qint64 leafId) const;
    /// Every message of the conversation (all branches), in creation order, for building tree views.
    QList<Message> allMessages(qint64 conversationId) const;

    // --- turn results and states ---

    /// Finishes a turn in ONE transaction: sets the assistant message's text, token count and finished flag,
    /// and replaces the conversation's state with (stateFingerprint, stateBlob) taken after that message.
    /// If stateBlob is empty, the stored state is left as it was (e.g. the engine could not export one).
    /// If anything fails, nothing is written and StoreError is thrown. The message must belong to
    /// conversationId. Bumps the conversation's updated_at.
    void saveTurnResult(qint64 conversationId, qint64 assistantMessageId, const QString& finalText,
                        qint64 tokenCount, const QString& stateFingerprint, const QByteArray& stateBlob,
                        bool finished = true);
    /// Replaces the conversation's state on its own (e.g. after a re-prefill). Fingerprint must not be empty.
    void saveState(const StateBlob& state);
    /// The conversation's latest state, or nullopt. Callers must check that message_id is still on the
    /// branch they continue (messages()) and that the fingerprint matches their model; if not, re-prefill.
    std::optional<StateBlob> latestState(qint64 conversationId) const;
    /// Forgets the conversation's state (the text stays the source of truth).
    void clearState(qint64 conversationId);

private:
    qint64 touchConversation(qint64 conversationId, const char* caller);  // bumps updated_at; returns it
    void writeState(const StateBlob& state);

    mutable std::mutex mutex_;
    std::unique_ptr<Database> db_;
};

}  // namespace rwkv::store
