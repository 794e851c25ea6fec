// store/conversation_store.h — conversations, the message tree, per-turn state snapshots and the library
// (pin, trash, full-text search), persisted in SQLite. The only class in the app with SQL text besides the schema
// ladder (schema.cpp); nothing above it sees a sqlite3*. Implementation split by concept:
// conversation_store.cpp (open, conversations, library), conversation_store_messages.cpp (message tree, turns),
// conversation_store_snapshots.cpp (snapshots, retention), conversation_store_folders.cpp (folders),
// conversation_store_space.cpp (the space saved states take, and freeing it). Tests:
// tests/app/test_store*.cpp. docs/conversations.md.
#pragma once

#include <QByteArray>
#include <QList>
#include <QSet>
#include <QString>
#include <QtGlobal>

#include <atomic>
#include <functional>
#include <exception>
#include <memory>
#include <mutex>
#include <optional>

#include "connection_gate.h"
#include "retention.h"
#include "snapshot_codec.h"
#include "store_error.h"

namespace rwkv::store {

class Database;

/// Who wrote a message. The integer values are stored in the database: never renumber them.
enum class Role : int { System = 0, User = 1, Assistant = 2 };

/// Think mode of G1/G0 reasoning models (RWKV-7 spec §7.2). Stored as integers: never renumber.
enum class ThinkMode : int { Off = 0, Think = 1, FakeThink = 2 };

/// One chat. Times are milliseconds since the Unix epoch (UTC).
struct Conversation {
    qint64 id = 0;
    QString title;
    qint64 created_at = 0;
    qint64 updated_at = 0;    ///< bumped by every new message and turn result
    QString system_prompt;
    qint64 last_used_at = 0;  ///< updated_at, or later when the conversation was opened (markUsed)
    bool pinned = false;      ///< pinned conversations list first
    qint64 deleted_at = 0;    ///< 0 = not in the trash; else when it was moved there (purged after 30 days)
    QString sampling_preset;  ///< name of a sampling preset (app/core/sampling_presets.h); empty = app default
    ThinkMode think_mode = ThinkMode::Off;
    QString model_name;       ///< file name of the model that wrote the last reply (for bundles), may be empty
    qint64 viewed_leaf_id = 0;  ///< last message of the branch last viewed (setViewedBranch); 0 = the newest branch.
                                ///< As stored: viewedLeaf() is what to show.
    QString start_state;         ///< path of the state-tuning file the chat starts from (schema v6); empty = zeros
    QString start_state_sha256;  ///< lower-case hex sha256 of that file's bytes when it was chosen
    qint64 folder_id = 0;        ///< the folder it is filed in (schema v7); 0 = none. Kept while in the trash
    qint64 forked_from_message_id = 0;  ///< the message of another chat it was made from by forkConversation (schema
                                        ///< v8); 0 = none, its settings only, or that message was deleted since
};

/// A folder of conversations (schema v7): the sidebar's groups. A conversation is in one folder or none.
struct Folder {
    qint64 id = 0;
    QString name;  ///< trimmed, 1..kMaxFolderNameLength characters, no control or bidi characters, unique (any case)
    qint64 created_at = 0;
};

/// Why a folder name was refused (FolderNameError::problem()).
enum class FolderNameProblem {
    Empty,             ///< nothing but white space
    TooLong,           ///< more than ConversationStore::kMaxFolderNameLength characters once trimmed
    ControlCharacter,  ///< a control character (a newline, a tab, ESC), a line or paragraph separator, or a bidi
                       ///< control (U+202A…U+202E, U+2066…U+2069: isBidiControl), which would turn the row around
    Taken,             ///< another folder has this name, without regard to case ("work" and "Work")
    HalfCharacter,     ///< half of a surrogate pair standing alone, in a name read from a file (a "\ud83d" escape of a
                       ///< damaged or hand-made export: checkedImportedFolderName); a typed name's is left out
};

/// Thrown by createFolder and renameFolder for a name they refuse; nothing is written. what() is an English sentence
/// ("A folder named "Work" already exists."); the window words it from problem() in its own language.
class FolderNameError : public StoreError {
public:
    FolderNameError(const std::string& message, FolderNameProblem problem) : StoreError(message), problem_(problem) {}
    FolderNameProblem problem() const noexcept { return problem_; }

private:
    FolderNameProblem problem_;
};

/// How a turn's state was obtained (stored per assistant message). Never renumber.
enum class StateSourceCode : int { Unknown = 0, Fresh = 1, Memory = 2, Snapshot = 3, Derived = 4, Reprefill = 5 };

/// How a reply ended (messages.reply_end, schema v5). Stored as integers: never renumber. Meaningful for a finished
/// reply; one cut mid-stream (a killed app, an engine failure) is unfinished instead (Message::finished false).
enum class ReplyEnd : int {
    ByItself = 0,  ///< the model ended it (end of text, the stop string); every reply before v5, and every reply
                   ///< that reached the length limit before LengthLimit was added
    Stopped = 1,   ///< the user pressed Stop: the text and the state end at the last token written
    Closed = 2,    ///< the app was closed or ended by a signal (SIGTERM, logout) while it was written, and saved so
    LengthLimit = 3,  ///< it reached the reply length limit (ChatParams::maxTokens) before the model ended it; an app
                      ///< from before this value reads it as ByItself (store_rows.h), as it read such replies before
    TextLost = 4,  ///< an unfinished reply whose text was shown but never saved (a full disk, another program's lock)
                   ///< before the app ended (killed, crashed): noteTextNotSaved. Not "ended before its first word"
};

/// Timing readouts of one generated reply (0 = unknown, e.g. rows written before schema v3).
struct Readouts {
    qint64 prefill_tokens = 0;  ///< tokens fed before decoding (history re-read, if any, plus the user turn)
    double prefill_ms = 0;      ///< wall time of that prefill
    double decode_ms = 0;       ///< wall time of decoding token_count tokens
    double ttft_ms = 0;         ///< from the request (the app's Send; rwkv-cli: the turn's start) to the first sampled token
    StateSourceCode state_source = StateSourceCode::Unknown;
    /// Tokens the state after this reply has read since it began (zeros or the chat's starting-state file): every
    /// prompt, re-read and generated token fed (schema v9; 0 = unknown: replies saved before it, unfinished ones).
    qint64 state_tokens = 0;
};

/// One node of a conversation's message tree. Editing or regenerating adds a sibling (same parent_id)
/// instead of overwriting, so old branches stay.
/// Message::damage flags.
enum MessageDamage : int {
    RoleUnreadable = 1,  ///< role NULL or not 0..2 (the CHECK bypassed): read as a user message
    TextUnreadable = 2,  ///< text NULL, a BLOB or a number instead of text: read as SQLite converts it
    ParentsLoop = 4,     ///< its parent is one of its own descendants (a loop of parents): the first message of a
                         ///< branch that messages()/branch() cut where the loop closes; the rows are not changed
    ParentMissing = 8,   ///< its parent_id names no message of its conversation: read as a first message (a root, a
                         ///< sibling of the other first messages, so what lies under it stays reachable); not changed
};

struct Message {
    qint64 id = 0;
    qint64 conversation_id = 0;
    qint64 parent_id = 0;       ///< 0 = root of the tree
    Role role = Role::User;
    QString text;               ///< never null in the API: a damaged NULL cell reads as ""
    qint64 created_at = 0;      ///< ms since epoch
    qint64 token_count = 0;     ///< tokens generated for this message (assistant), 0 when unknown
    bool finished = true;       ///< false while a reply is being generated, or when it was interrupted
    ReplyEnd end = ReplyEnd::ByItself;  ///< how a finished reply ended (an unknown stored value reads as ByItself)
    Readouts readouts;          ///< assistant replies only
    /// The version this reply was continued from (Continue: its text is that one's followed by more; schema v10); 0 =
    /// none, or a reply saved before v10. Its token_count and readouts are the continuation's alone. No foreign key: a
    /// reader that needs the row checks that it is in this conversation (a chat made from here keeps the id of the
    /// version in the chat it was made from; ids are never reused).
    qint64 continued_from = 0;
    int sibling_index = 1;      ///< 1-based position among the messages with the same parent (by id); set by
    int sibling_count = 1;      ///< messages()/branch() only (1/1 elsewhere)
    /// What of this row a damaged database left unreadable (MessageDamage flags; 0 = none): the readers stay tolerant
    /// (an unknown role reads as User, text that is not text as what SQLite makes of it) and say so here.
    int damage = 0;
    double decodeTokensPerSecond() const {
        return readouts.decode_ms > 0 ? token_count * 1000.0 / readouts.decode_ms : 0.0;
    }
};

/// The damaged row in words, as the window's details and rwkv-cli say it: "message 7: its role is unreadable", "message
/// 1: it is shown first, though it is saved as a reply to message 4, one of its own replies (the loop)" (the flags
/// joined by ", "); empty when m.damage is 0.
/// Not translated (the window's note is: ChatController::damageNote).
QString damageRow(const Message& m);

/// What a state snapshot was made with. A snapshot is used only when all three match the loaded model.
struct SnapshotTags {
    QString fingerprint;   ///< rwkv::ModelFingerprint::to_string() (16 hex digits); never empty
    QString weight_dtype;  ///< "fp32", "fp16", "bf16", "int8"
    QString backend;       ///< backend kind without the device index: "cpu", "cuda", "vulkan"
    bool operator==(const SnapshotTags&) const = default;
};

/// How a snapshot's bytes are stored (the `codec` column): Raw, Zstd or ShuffleZstd (snapshot_codec.h).
using SnapshotCodec = CodecId;

/// A snapshot as stored: the engine's state blob (rwkv/state_blob.h) after the codec.
struct SnapshotPayload {
    SnapshotCodec codec = SnapshotCodec::Raw;
    qint64 raw_size = 0;  ///< bytes of the state blob before the codec
    QByteArray bytes;     ///< stored bytes
};

/// A snapshot's row without its bytes.
struct SnapshotInfo {
    qint64 id = 0;
    qint64 conversation_id = 0;
    qint64 message_id = 0;  ///< the state was taken right after this message (an assistant reply)
    SnapshotTags tags;
    SnapshotCodec codec = SnapshotCodec::Raw;
    qint64 raw_size = 0;
    qint64 stored_size = 0;
    // No created_at: reading a column stored after the blob walks the blob's whole overflow chain.
};

/// What the saved states take (ConversationStore::stateStorage): the figure Settings and `rwkv-cli conversations
/// stats` show.
struct StateStorage {
    qint64 stateBytes = 0;  ///< stored bytes of every saved state: the sum of their blobs' lengths
    qint64 states = 0;      ///< saved states (snapshots rows)
    qint64 chats = 0;         ///< conversations with at least one, out of the trash (those the sidebar lists)
    qint64 chatsInTrash = 0;  ///< conversations in the trash with at least one (their states still take their space)
    qint64 fileBytes = 0;   ///< the database file and its -wal on disk (0 in memory)
    qint64 freeBytes = 0;   ///< pages inside the file that hold nothing (its free list): a VACUUM gives them back
    /// The same per model (fingerprint, weight type, backend), most bytes first.
    struct Model {
        SnapshotTags tags;
        /// The model file's name as the chats recorded it (Conversation::model_name, saved with each reply's state):
        /// that of the newest chat whose newest state is this model's. Empty when no chat names it now (they went on
        /// with another model, or the states came without a name): the fingerprint is all there is to say.
        QString name;
        qint64 states = 0;
        qint64 bytes = 0;
    };
    QList<Model> byModel;
};

/// What ConversationStore::thinSavedStates did.
struct ThinResult {
    qint64 statesDeleted = 0;
    qint64 stateBytesDeleted = 0;  ///< their stored bytes
    qint64 chats = 0;              ///< conversations that lost saved states
    qint64 fileBytesBefore = 0;    ///< the database file and its -wal before, and after (StateStorage::fileBytes)
    qint64 fileBytesAfter = 0;
    /// Why the file could not be made smaller: the failed VACUUM's result code (SQLITE_FULL: the disk is full) and
    /// SQLite's words; 0 and empty when it was, or nothing was to be given back. The states stay deleted then, and
    /// their pages are reused by later saves.
    int notShrunkCode = 0;
    std::string notShrunk;
    /// Bytes given back to the disk (0 when the file did not shrink).
    qint64 freedBytes() const { return fileBytesBefore > fileBytesAfter ? fileBytesBefore - fileBytesAfter : 0; }
};

/// A snapshot to write together with a turn.
struct NewSnapshot {
    qint64 message_id = 0;
    SnapshotTags tags;
    SnapshotPayload payload;
};

/// One full-text search hit.
struct SearchHit {
    qint64 conversation_id = 0;
    qint64 message_id = 0;
    QString title;    ///< the conversation's title
    QString snippet;  ///< plain text around the match; the matched text between U+E000 and U+E001
    Role role = Role::User;
    qint64 created_at = 0;
};

/// A whole conversation to insert at once (rwkv-cli import / bundles). Message ids and parent ids are the
/// bundle's own numbering; parents must come before their children.
struct ConversationImport {
    Conversation conversation;  ///< id, last_used_at, deleted_at, pinned and folder_id are ignored; viewed_leaf_id in
                                ///< the bundle's numbering (0 or a message not in `messages`: the newest branch)
    QList<Message> messages;
    std::optional<NewSnapshot> snapshot;  ///< message_id in the bundle's numbering
    /// The name of the folder the export says the chat was in ("" = none): it is filed in this library's folder of
    /// that name (sameFolderName), made when there is none.
    QString folder;
};

/// Thrown when a database opened read-only has an older schema than this code reads (reading it needs the upgrade,
/// which writes). what() is for the app ("make it writable"); fileVersion() lets a caller that chose to read only
/// name its own way to upgrade (rwkv-cli: `conversations upgrade`). 0 = no schema at all (an empty file).
class OlderSchemaError : public StoreError {
public:
    OlderSchemaError(const std::string& message, int fileVersion, const std::string& file)
        : StoreError(message, 0, 0, {}, file), fileVersion_(fileVersion) {}
    int fileVersion() const noexcept { return fileVersion_; }

private:
    int fileVersion_ = 0;
};

/// The app's conversation database. Opening runs the schema migrations (backing up an existing file first),
/// refuses a file written by a newer version of the app, and purges conversations that have been in the trash
/// longer than kTrashDays. Every method throws StoreError on failure. Thread-safe: the GUI thread and the
/// InferenceWorker thread share one instance. Changes are serialized on one connection (the writer); a read runs on
/// the writer when it is free, else on a second connection (a file opened for writing), so a read never waits for
/// another thread's change (ConnectionGate).
class ConversationStore {
public:
    static constexpr int kTrashDays = 30;
    /// Messages a 1-2 character search looks through (newest first).
    static constexpr int kShortQueryScan = 20000;

    /// How to open the file. ReadOnly reads an existing file and writes nothing: no migration (a file of an older
    /// schema is refused with OlderSchemaError, untouched), no WAL switch, no trash purge, markUsed() is ignored and
    /// every other change throws StoreError with code SQLITE_READONLY. Automatic is ReadOnly when the file exists and
    /// it or its folder cannot be written (a library on a read-only disk or shared without write access), else
    /// ReadWrite. ReadWrite on an existing file the system will not let this process write (a read-only mount) opens
    /// it read-only too, as SQLite does (isReadOnly()).
    enum class OpenMode { ReadWrite, ReadOnly, Automatic };

    /// Opens (creating if needed, unless read-only) the database at path; ":memory:" gives a private in-memory
    /// database. Throws StoreError when the file is another program's SQLite database (its own tables, or a
    /// user_version without our conversations table); that file is left unchanged. An empty file becomes a new one.
    explicit ConversationStore(const QString& path, OpenMode mode = OpenMode::ReadWrite);
    ~ConversationStore();
    ConversationStore(const ConversationStore&) = delete;
    ConversationStore& operator=(const ConversationStore&) = delete;

    /// Schema version this code writes (PRAGMA user_version).
    static int schemaVersion();
    /// The schema version of the database file at path (PRAGMA user_version; 0 = no schema yet), read without
    /// changing the file. Throws StoreError when it cannot be read (missing, damaged, not a database) or is another
    /// program's SQLite database (tables of its own, or a user_version without our conversations table).
    static int fileSchemaVersion(const QString& path);
    /// The schema version the file had when this store opened it (below schemaVersion() when it was upgraded).
    int openedAtVersion() const noexcept { return openedAtVersion_; }
    /// Where opening kept a copy of the file before upgrading it ("<file>.bak-v<N>"); empty when not upgraded.
    const QString& upgradeBackup() const noexcept { return upgradeBackup_; }
    /// Conversations removed from the trash when this store was opened.
    int purgedOnOpen() const noexcept { return purgedOnOpen_; }
    /// Whether search() scans the messages because the full-text index of this read-only library is missing or
    /// damaged (a writable one has it made again at open).
    bool searchesByScan() const noexcept { return searchByScan_; }
    /// True when opening found the saved states (snapshots table) damaged and made the table again, empty
    /// (remakeSnapshotsTable): each chat re-reads its text at its next turn; no message was touched.
    bool savedStatesRemade() const noexcept { return savedStatesRemade_; }
    /// What opening found of the conversations' and messages' indexes (derived data, checked at every open).
    enum class IndexRepair {
        None,         ///< whole
        Rebuilt,      ///< damaged, the rows whole: made again from the rows (nothing was lost)
        LeftDamaged,  ///< damaged, the rows whole, read-only: left as they are, and that table is read without its
                      ///< indexes (by rowid: every chat listed and readable, slower)
    };
    /// Where only an index of the conversations or messages table was damaged, what was done (see IndexRepair);
    /// damage in their rows throws the damaged-database error instead. Rebuilt: the app and rwkv-cli say so.
    IndexRepair indexRepair() const noexcept { return indexRepair_; }
    /// Makes the damaged indexes of the library at `path` again where its rows are whole (as a writable open does),
    /// and nothing else: for a reading command that found IndexRepair::LeftDamaged on a file it may write. Returns
    /// whether it did; throws StoreError where the rows are damaged or the file cannot be written.
    static bool rebuildDamagedIndexes(const QString& path);
    /// True when opened read-only (OpenMode::ReadOnly, or Automatic on a file that cannot be written).
    bool isReadOnly() const noexcept;
    /// True when this read-only library's newest changes could not be read: its -wal lies without its -shm index in a
    /// folder that cannot be written, and no temporary copy of the two could be made to read them (Database): the
    /// chats are read as of the last checkpoint. The window and rwkv-cli say so.
    bool newestChangesUnread() const noexcept;
    /// Automatic only: why opening for writing failed when the library then opened read-only anyway (a full disk:
    /// the -shm index or the first write cannot grow a file): "the disk is full" or SQLite's words ("disk I/O
    /// error"); empty when the file simply cannot be written (cannotWrite()) or the store is writable.
    const std::string& readOnlyReason() const noexcept { return readOnlyReason_; }
    /// readOnlyReason() in the window's language: "the disk is full" translated (context "StoreError"), SQLite's words
    /// as they are; empty when readOnlyReason() is.
    QString readOnlyReasonText() const;
    /// The database file as given to the constructor.
    QString path() const;
    /// True when path exists and it or its folder cannot be written by this process (Automatic opens it read-only).
    static bool cannotWrite(const QString& path);

    /// While alive, the calls this thread makes into a store wait at most `ms` for a lock that another connection
    /// holds (another program writing, or reading where emptying the write-ahead log must wait for it) instead of the
    /// connection's busy timeout (5 s), then throw StoreError with SQLITE_BUSY; a change also waits at most `ms` for
    /// the store's writer while another thread's call holds it (ConnectionGate::lockWriter: extended code
    /// kBusyWithThisProgram when that call is this program's own work). The previous limit comes back after. Both
    /// waits read the one limit store::lockWaitLimitNow() at each step; the innermost LockWaitLimit is the one in force.
    /// For the GUI thread, whose window must keep answering meanwhile (ChatController's saves of a reply a full disk
    /// kept from being saved, and its other changes: ChatController::kChangeLockWaitMs), for the checkpoints of a
    /// reply being written and for its final save once the window closes or the app quits (the std::atomic form).
    class LockWaitLimit {
    public:
        explicit LockWaitLimit(int ms);
        /// The limit `ms` holds, which another thread may set (or lower) while a wait is under way: read at each step
        /// of the wait, so one that has already waited that long ends then; -1 means none of its own (an enclosing
        /// LockWaitLimit's, else the busy timeout; the writer as long as its call takes). For the final save of a
        /// reply, shortened by a window that closes meanwhile (InferenceWorker::stopSavingWithin).
        /// `ms` must outlive this object.
        explicit LockWaitLimit(const std::atomic<int>& ms);
        ~LockWaitLimit();
        LockWaitLimit(const LockWaitLimit&) = delete;
        LockWaitLimit& operator=(const LockWaitLimit&) = delete;

    private:
        int previous_;
        const std::atomic<int>* previousLive_;
    };

    // --- conversations (conversation_store.cpp) ---

    /// Creates an empty conversation and returns its id; `startState` and `startStateSha256`: the state-tuning file it
    /// starts from (Conversation::start_state, as setStartState records it), written with it in one statement.
    qint64 createConversation(const QString& title, const QString& systemPrompt = {}, const QString& startState = {},
                              const QString& startStateSha256 = {});
    /// Conversations not in the trash: pinned first, then by last use (newest first; ties: newest id first).
    QList<Conversation> listConversations() const;
    /// Conversations in the trash, most recently deleted first.
    QList<Conversation> listTrash() const;
    /// One conversation (also one in the trash), or nullopt when the id does not exist.
    std::optional<Conversation> conversation(qint64 id) const;
    /// Changes the title (does not change the list order). Throws if id is unknown.
    void renameConversation(qint64 id, const QString& title);
    /// Changes the system prompt (the chat's instructions, read as its first "System:" turn). When the text differs,
    /// the conversation's snapshots are deleted in the same transaction — every one was made with the old text — so
    /// its next turn reads the chat again from the start with the new one; returns whether it changed (false: the same
    /// text, nothing touched). Throws if id is unknown.
    bool setSystemPrompt(qint64 id, const QString& systemPrompt);
    /// Changes the state-tuning file the conversation starts from (`path` and the sha256 of its bytes; both empty:
    /// zeros). Like setSystemPrompt, every saved state was made from the old start: when either differs they are
    /// deleted in the same transaction; returns whether it changed. Throws if id is unknown.
    bool setStartState(qint64 id, const QString& path, const QString& sha256);
    /// Points the conversation at another copy of the very state-tuning file it starts from (`path`, whose bytes have
    /// the `sha256` it records: a bundle's, kept in states/ when its own is gone): its saved states stay, made from
    /// those bytes. False, nothing changed, when it records another sha256 or already that path. Throws if id is unknown.
    bool relocateStartState(qint64 id, const QString& path, const QString& sha256);
    /// Per-conversation sampling preset (a name; empty = the app default). Throws if id is unknown.
    void setSamplingPreset(qint64 id, const QString& preset);
    /// Per-conversation think mode (G1/G0 models, spec §7.2). Throws if id is unknown.
    void setThinkMode(qint64 id, ThinkMode mode);
    /// Pins or unpins. Throws if id is unknown.
    void setPinned(qint64 id, bool pinned);
    /// Records that the conversation was opened now (sort by last use). Unknown ids are ignored.
    void markUsed(qint64 id);
    /// Remembers the branch the user is viewing: `leafId` is the last message shown (0 = the newest branch). A view
    /// setting, like markUsed: updated_at is not bumped, unknown conversations and messages of another conversation
    /// are ignored, and a read-only library ignores it.
    void setViewedBranch(qint64 conversationId, qint64 leafId);
    /// The leaf to open the conversation on: the newest message under the one setViewedBranch stored (so a branch
    /// that grew since is shown whole), or 0 (show the newest branch: messages()) when none is stored or it is gone.
    qint64 viewedLeaf(qint64 conversationId) const;
    /// Moves the conversation to the trash (kept kTrashDays, restorable). Unknown ids are ignored.
    void deleteConversation(qint64 id);
    /// Takes a conversation out of the trash. Returns false when it is not there (unknown or purged).
    bool restoreConversation(qint64 id);
    /// Deletes the conversation for good, with its messages and snapshots. Unknown ids are ignored.
    void deleteConversationForever(qint64 id);
    /// Deletes every trashed conversation deleted before `beforeMs` (ms since epoch); returns how many.
    int purgeTrash(qint64 beforeMs);

    /// "New chat from here" (conversation_store_fork.cpp): makes, in ONE transaction, a new conversation of the branch
    /// of `conversationId` that ends at `atMessageId` — that message and its ancestors, not its replies nor other
    /// versions — titled `title` (the caller's words: the store holds none of the window's), and returns its id. It
    /// keeps the chat's instructions, starting state (path and sha256), sampling preset, think mode, model name and
    /// folder; the messages' text, roles, creation times, readouts and how each reply ended; and every saved state of
    /// `atMessageId` (each model fingerprint, weight type and backend), bytes as stored, so its next turn goes on from
    /// there without reading the text again. Without such a state (pruned) its next turn reads the text, as any chat.
    /// New times (it lists first), not pinned. The new chat's forked_from_message_id is `atMessageId` (schema v8): the
    /// old chat's retention keeps that message's states from then on, so a second chat made from it goes on from there
    /// too. `atMessageId` 0: no messages, the settings only. Throws StoreError,
    /// nothing written, for an unknown conversation, one in the trash, or a message that is not in it.
    qint64 forkConversation(qint64 conversationId, qint64 atMessageId, const QString& title);

    // --- folders (conversation_store_folders.cpp) ---

    /// The longest folder name, in characters (UTF-16 units), after trimming.
    static constexpr int kMaxFolderNameLength = 100;
    /// `name` trimmed and without the invisible formatting characters a shown title leaves out (withoutHiddenFormat),
    /// or FolderNameError for a name no folder may have (Empty — also one of only such characters and direction marks
    /// —, TooLong, ControlCharacter): the rule createFolder and renameFolder apply before they look for a folder of the
    /// same name.
    static QString checkedFolderName(const QString& name);
    /// checkedFolderName for a name read from an export (importConversation), which refuses half a surrogate pair
    /// (HalfCharacter) instead of leaving it out: in a typed name it is an emoji a field's limit cut, in a file damage,
    /// and "z\ud83d" was filed in "z" without a word (session 49).
    static QString checkedImportedFolderName(const QString& name);
    /// Whether two folder names are one name to the store (Taken): equal once without invisible formatting characters
    /// (withoutInvisibleFormat), composed (NFC) and case-folded.
    static bool sameFolderName(const QString& a, const QString& b);
    /// Every folder, by name without regard to case (then by id).
    QList<Folder> listFolders() const;
    /// The name of folder `id` (Conversation::folder_id), "" for 0 or a folder that is not there: the exports name a
    /// chat's folder by it, an id being its library's own.
    QString folderName(qint64 id) const;
    /// Makes a folder named `name` (trimmed; checkedFolderName) and returns its id. FolderNameError for a refused name
    /// or one another folder has (Taken: compared case-folded and composed, NFC, so "Café" and "cafe\u0301" clash).
    qint64 createFolder(const QString& name);
    /// Renames folder `id` (the same rules; its own name in another case is allowed). Throws for an unknown id.
    void renameFolder(qint64 id, const QString& name);
    /// Deletes folder `id`; its conversations (those in the trash too) move out of it, none is deleted. Returns how
    /// many moved out. Throws for an unknown id.
    int deleteFolder(qint64 id);
    /// Files conversation `conversationId` (also one in the trash) in folder `folderId`, or takes it out of its folder
    /// (0). Not a use: last_used_at and updated_at stay, so the chat keeps its place by time. Throws for an unknown
    /// conversation or folder.
    void setFolder(qint64 conversationId, qint64 folderId);

    /// Full-text search (SQLite FTS5, trigram: case-insensitive substring match) over the messages of
    /// conversations not in the trash, newest first. Queries shorter than 3 characters cannot use the trigram index:
    /// they scan the newest kShortQueryScan messages only. A read-only library whose index is missing or damaged
    /// (it cannot be made again there) scans every message instead (searchesByScan()). Invisible formatting
    /// characters (isInvisibleFormat: the bidi controls, U+200B, the direction marks, U+00AD, U+FEFF…) are looked past
    /// in the query and in the messages, as the window leaves them out of titles and snippets: a message holding one
    /// is matched by its letters among the newest kShortQueryScan messages (the index holds a text as it is), and
    /// every snippet is of the letters. A query of several words finds them in turn with any white space between (a
    /// line break, a tab, two spaces: two lines copied from a message are found), each word of 3 characters or more
    /// through the index.
    QList<SearchHit> search(const QString& query, int limit = 50) const;

    // --- messages (conversation_store_messages.cpp) ---

    /// Appends a message under parentId (0 = a new root) and returns its id. The parent must belong to the
    /// same conversation. Bumps the conversation's updated_at. Use finished=false for a reply that is about
    /// to be streamed.
    qint64 addMessage(qint64 conversationId, qint64 parentId, Role role, const QString& text,
                      bool finished = true);
    /// Starts a turn in ONE transaction: the user message under parentId (0 = root) and an empty, unfinished
    /// assistant placeholder under it. Returns {userId, assistantId}. A `modelName` (the model file's name) becomes
    /// the conversation's model_name in the same transaction, as saveTurnResult's does: a reply cut before its end
    /// (kill -9, a crash) was listed with no model (session 51's trial: `conversations list` wrote "-").
    std::pair<qint64, qint64> beginTurn(qint64 conversationId, qint64 parentId, const QString& userText,
                                        const QString& modelName = {});
    /// Adds an empty, unfinished assistant reply under an existing user message (regenerate). Returns its id.
    /// `continuedFrom` (Continue): the reply under the same question it continues, kept as Message::continued_from;
    /// a StoreError (nothing written) when it is no reply to that question.
    /// `modelName` as beginTurn's.
    qint64 beginReply(qint64 conversationId, qint64 userMessageId, qint64 continuedFrom = 0,
                      const QString& modelName = {});
    /// Deletes a reply that never got text (beginReply's placeholder of a regenerate stopped before its first token):
    /// only an assistant message with empty text and no children; returns whether it was deleted (false for any
    /// other message or an unknown id, which are left as they are). Its siblings and their snapshots are untouched.
    bool discardEmptyReply(qint64 messageId);
    /// Replaces a message's text and finished flag, e.g. to checkpoint a partial reply while streaming.
    /// Throws if id is unknown.
    void updateMessageText(qint64 messageId, const QString& text, bool finished);
    /// The reply `messageId` has text on screen that could not be saved (a checkpoint or its final save refused: a
    /// full disk, another program's lock): an empty file "<database>-unsaved-<id>" beside the database, which a full
    /// disk still takes (no data blocks). A later save of its text (updateMessageText, saveTurnResult) removes it; when
    /// the app ends first (killed, crashed), the next writable open marks the reply ReplyEnd::TextLost while it is still
    /// empty and unfinished, and removes the file. Before, such a reply read "No reply: it ended before its first word"
    /// (session 35's check). Best effort, never throws.
    void noteTextNotSaved(qint64 messageId) noexcept;
    /// The reply `messageId`, still empty and unfinished, was stopped before its first word (the user's Stop or the
    /// re-read's Cancel: ReplyEnd::Stopped; the window closed: Closed): said under it instead of "ended before its first
    /// word (stopped, failed or cut off)" (session 39's trial). It stays unfinished, so its question is read with the
    /// next message, as before. Returns whether it was marked (not: another message, one with text, or finished).
    bool markStoppedBeforeFirstWord(qint64 messageId, ReplyEnd end);
    /// Deletes the versions a killed app left before their first word: every empty, unfinished reply with no children
    /// and no end said (ReplyEnd::ByItself: not stopped, closed or TextLost; no "-unsaved-" note waiting) that has an
    /// older reply under the same question — a Regenerate's, Continue's or "3 replies"' row, committed at once while a
    /// Local API request held the model or while the prompt was read. A Send's or an Edit's reply (none older) stays:
    /// its question is read with the next message. A conversation viewed on such a version opens on the version it
    /// continued, else on the newest older one, as before the action. For the one process that writes the folder
    /// (the window, under its data folder lock: ChatController at start); returns how many were deleted. Only the
    /// unfinished rows are read, through their partial index (schema v11): every row read would be the library's
    /// whole text at each start.
    int discardRepliesNeverBegun();
    /// One message, or nullopt.
    std::optional<Message> message(qint64 messageId) const;
    /// The newest branch, root first: the parent chain of the conversation's newest message (the newest message
    /// is always a leaf, since children are created after their parents). Sibling positions are filled in.
    QList<Message> messages(qint64 conversationId) const;
    /// The newest message of the conversation (the last of messages(), read without the branch above it; sibling
    /// positions not filled in), or nullopt when it has none.
    std::optional<Message> newestMessage(qint64 conversationId) const;
    /// The branch ending at leafId, root first, with sibling positions. Empty if leafId is unknown. A loop of parents
    /// (a damaged row) ends the branch at the first message seen twice: its first message then has ParentsLoop. A branch
    /// whose first message names a parent that does not exist has ParentMissing there (counted among the first messages).
    QList<Message> branch(qint64 leafId) const;
    /// Some of a branch: its messages, root first, and whether more of the branch lies above them.
    struct BranchPage {
        QList<Message> messages;
        bool olderLeft = false;  ///< the branch goes on above messages.first() (not read)
    };
    /// The last `limit` (> 0) messages of the branch ending at leafId, root first, as branch() reads them (sibling
    /// positions, the first message's flags once it is read), without walking the rest of the branch: a conversation
    /// of 200,000 messages opens in the time of its last page (session 29's trial, N2). `below`: the ids of messages
    /// already read under leafId (the pages read before it); the walk meeting one of them is a loop of parents, cut as
    /// branch() cuts it (ParentsLoop on the page's first message). Empty if leafId is unknown.
    BranchPage branchPage(qint64 leafId, int limit, const QSet<qint64>& below = {}) const;
    /// The ids of the messages under topId on the branch ending at leafId, top first, leafId last (empty when
    /// leafId == topId): ids only, so the rows of a long branch between a search hit and its leaf are read as the view
    /// reaches them (ChatController's window). nullopt when topId is not on that branch. Bounded by the conversation's
    /// message count, so a loop of parents ends.
    std::optional<QList<qint64>> idsBelow(qint64 topId, qint64 leafId) const;
    /// How many messages (rows with their text) branch(), branchPage(), messages() and allMessages() have returned
    /// so far: what tests count to prove a long branch is not read whole.
    qint64 messagesRead() const { return messagesRead_.load(); }
    /// The newest message in the subtree of messageId (itself when it has no children); 0 if unknown. Showing
    /// branch(newestLeafUnder(sibling)) switches to that sibling's branch.
    qint64 newestLeafUnder(qint64 messageId) const;
    /// The ids of messageId and its siblings (same parent, same conversation), oldest first; empty if unknown. A
    /// message whose parent does not exist (ParentMissing) is a sibling of the first messages.
    QList<qint64> siblings(qint64 messageId) const;
    /// Every message of the conversation (all branches), in creation order, for building tree views.
    QList<Message> allMessages(qint64 conversationId) const;

    /// Finishes a turn in ONE transaction: sets the assistant message's text, token count, readouts, finished flag and
    /// how it ended (`end`), writes the snapshots (typically the state after that message, plus a derived state of an
    /// earlier message), applies the retention policy to the conversation's snapshots and bumps updated_at. If anything
    /// fails, nothing is written and StoreError is thrown. Every message must belong to conversationId.
    /// When the disk is full (SQLITE_FULL, or SQLITE_IOERR_WRITE from a file-size limit) the write-ahead log is
    /// checkpointed and emptied, and the turn is saved again without the snapshots (they only cache what the text
    /// gives again); false is returned when snapshots were dropped, else true. So is a damaged file (SQLITE_CORRUPT,
    /// SQLITE_NOTADB) met while the snapshots are written: the reply is saved without them (session 33's check: the
    /// whole turn failed). `stateError`, when given, receives the StoreError that kept the snapshots out (else null).
    bool saveTurnResult(qint64 conversationId, qint64 assistantMessageId, const QString& finalText,
                        qint64 tokenCount, const Readouts& readouts, const QList<NewSnapshot>& snapshots,
                        const QString& modelName = {}, bool finished = true, ReplyEnd end = ReplyEnd::ByItself,
                        std::exception_ptr* stateError = nullptr);

    // --- snapshots (conversation_store_snapshots.cpp) ---

    /// Writes one snapshot (replacing one with the same message and tags; a damaged one whose pages cannot be freed
    /// stays, and nothing is written) and applies the retention policy.
    void saveSnapshot(qint64 conversationId, const NewSnapshot& snapshot);
    /// The conversation's snapshots without their bytes, by message id.
    QList<SnapshotInfo> snapshots(qint64 conversationId) const;
    /// A snapshot's stored bytes (read with incremental blob I/O), or nullopt when it no longer exists.
    std::optional<SnapshotPayload> snapshotPayload(qint64 snapshotId) const;
    /// The newest snapshot of the conversation (any tags), or nullopt.
    std::optional<SnapshotInfo> latestSnapshot(qint64 conversationId) const;
    /// Forgets every snapshot of the conversation (the text stays the source of truth).
    void clearSnapshots(qint64 conversationId);
    /// Bytes of stored snapshots (all conversations when conversationId is 0).
    qint64 snapshotBytes(qint64 conversationId = 0) const;
    /// How many saved states were dropped to make room on a full disk since the last call (then 0 again). A write
    /// of text (beginTurn, createConversation, saveTurnResult) that meets SQLITE_FULL drops saved states, every other
    /// chat's and this chat's older ones first (the newest of its chat only when nothing else is left), and is tried
    /// again in the same transaction, whose drop only frees pages inside the file: the text goes on fitting in their
    /// pages. A write that still does not fit rolls the drop back: a refusal drops nothing (counted here only once the
    /// write is committed).
    qint64 takeStatesDroppedForRoom() { return statesDroppedForRoom_.exchange(0); }

    /// What the saved states take now, read without reading a state (length(blob) comes from the record header): 6-9 ms
    /// for 3,000 states (680 MB), 123 ms with nothing in the page cache (docs/conversations.md "Freeing the space").
    /// Runs on the reader while the writer is busy.
    StateStorage stateStorage() const;
    /// "Free space used by saved states": every conversation keeps, per model (fingerprint, weight type, backend), only
    /// its newest saved state on the version it opens on (viewedLeaf, else its newest message: snapshotsToThin), the
    /// rest are deleted in one transaction (a damaged one whose pages cannot be freed stays), then VACUUM gives the
    /// space back to the disk and the -wal is emptied. No message is touched: a state only caches what the text gives
    /// again, so a version continued from elsewhere reads its text again once. Either step killed midway leaves the
    /// file as before it (each is one transaction of the write-ahead log). Holds the writer throughout (a turn's save
    /// waits); throws StoreError when the deletion fails (nothing deleted), while a VACUUM that fails (a full disk) is
    /// ThinResult::notShrunk.
    ThinResult thinSavedStates();

    /// The policy applied after every snapshot write (default: RetentionPolicy{}).
    void setRetentionPolicy(const RetentionPolicy& policy);
    RetentionPolicy retentionPolicy() const;

    /// Inserts a whole conversation in ONE transaction (nothing is written if any part is invalid) and returns
    /// its new id. Throws StoreError naming the bad part (unknown parent, bad role, snapshot of an unknown message).
    /// A data.folder is found by sameFolderName or made (`folderMade` then true) in the same transaction; a name
    /// checkedFolderName refuses throws FolderNameError, nothing written (app::importConversation checks it first and
    /// imports such a chat unfiled).
    qint64 importConversation(const ConversationImport& data, bool* folderMade = nullptr);
    /// The conversation (not in the trash) that an earlier import of the same bundle or export made, else 0: same
    /// creation time and its first messages, in order, equal the import's (role, text, creation time, tree shape).
    /// Messages added after that import, a new title or new settings do not matter. An import without a creation
    /// time never matches.
    qint64 findImported(const ConversationImport& data) const;

private:
    /// The id of the folder named `name` (sameFolderName), made when there is none (`made`); FolderNameError for a
    /// name checkedImportedFolderName refuses. Inside the caller's transaction, the writer held (importConversation).
    qint64 folderForImport(const QString& name, bool* made);
    qint64 touchConversation(qint64 conversationId, const char* caller);  // bumps updated_at; returns it
    void checkParent(qint64 conversationId, qint64 parentId, const char* caller);
    qint64 insertMessage(qint64 conversationId, qint64 parentId, Role role, const QString& text, bool finished,
                         qint64 createdAt);
    void writeSnapshot(qint64 conversationId, const NewSnapshot& snapshot);
    void applyRetention(qint64 conversationId);
    /// Deletes saved states for room, inside the caller's transaction (withRoom's): every other chat's and
    /// keepConversationId's older ones (its newest too when nothing else is there), or with `all` every one. Returns
    /// how many. Under the writer's lock.
    qint64 dropStatesForRoom(qint64 keepConversationId, bool all);
    /// Runs write (one transaction); when it meets SQLITE_FULL, runs it again inside one transaction with a drop of
    /// saved states (dropStatesForRoom; then every state, when that drops more), so that a write that still does not
    /// fit drops none: takeStatesDroppedForRoom counts those dropped with a write that was committed.
    void withRoom(qint64 conversationId, const std::function<void()>& write);
    static QList<Message> readBranch(Database& db, qint64 leafId);
    /// The ids of readBranch(leafId)'s messages, root first, read without their rows (the parent walk alone): the
    /// same messages, a loop of parents cut where it closes (forkConversation copies them by id).
    static QList<qint64> branchIds(Database& db, qint64 leafId);
    // branch() (limit 0: the whole branch) and branchPage()
    static BranchPage readChain(Database& db, qint64 leafId, int limit, const QSet<qint64>& below);
    static QList<qint64> firstMessages(Database& db, qint64 conversationId);  // no parent, or one not in the
                                                                              // conversation; by id
    QString unsavedNotePath(qint64 messageId) const;
    void forgetTextNotSaved(qint64 messageId);  // its text saved: noteTextNotSaved's file removed
    void adoptTextNotSavedNotes();              // at open: the notes of an ended run into their rows
    void open(const QString& path, bool readOnly);      // the constructor's work for one mode: openFile, and a new
    void openFile(const QString& path, bool readOnly);  // file it leaves half made (e.g. a full disk) is removed

    ConnectionGate gate_;  // which connection a call runs on (connection_gate.h)
    std::unique_ptr<Database> db_;      // the writer: every change, and reads while it is free
    std::unique_ptr<Database> reader_;  // reads while the writer is busy; none in memory or read-only (closed first)
    RetentionPolicy retention_;
    int purgedOnOpen_ = 0;
    bool savedStatesRemade_ = false;
    IndexRepair indexRepair_ = IndexRepair::None;
    int openedAtVersion_ = 0;
    bool searchByScan_ = false;  // read-only with a missing or damaged full-text index: search() scans
    QString upgradeBackup_;
    std::string readOnlyReason_;
    bool readOnlyBecauseFull_ = false;  // readOnlyReason_ is "the disk is full" (SQLITE_FULL)
    qint64 roomToMend_ = 0;  // the full disk was met mending a damaged free-page list (kFullWhileMending): bytes it needs
    mutable std::atomic<qint64> messagesRead_{0};
    std::atomic<qint64> statesDroppedForRoom_{0};
    QSet<qint64> textNotSaved_;  // replies with a noteTextNotSaved file of this run (under the writer's lock)
};

}  // namespace rwkv::store
