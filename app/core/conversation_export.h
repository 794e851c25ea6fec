// conversation_export.h — a conversation out of and into the database: Markdown (the newest branch, for reading),
// JSON (the whole message tree and settings) and the single-file conversation bundle (JSON + the newest state
// snapshot + model identity, versioned and checksummed) that another machine imports and continues instantly.
// Format in docs/conversations.md "Bundles". Used by `rwkv-cli export|import`; tested in tests/app/test_export.cpp.
#pragma once

#include <QByteArray>
#include <QIODevice>
#include <QString>

#include <stdexcept>
#include <utility>

#include "conversation_title.h"  // oneLineTitle, for the Markdown heading and rwkv-cli's lines
#include "start_state_bundle.h"
#include "store/conversation_store.h"

namespace rwkv::app {

/// A file that cannot be imported (damaged, truncated, unknown or newer format); nothing was written. what() says
/// which part is wrong in English, as rwkv-cli prints it: "cannot import: <reason>; nothing was imported".
/// reason() is that reason in the window's language (translated when the error was made; context
/// "rwkv::app::ImportError" in i18n/*.ts), without the frame: the import banner's sentence names the file around it.
class ImportError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;  ///< reason() is what() as it is
    ImportError(const std::string& english, QString reason)
        : std::runtime_error(english), reason_(std::move(reason)) {}
    QString reason() const { return reason_.isNull() ? QString::fromUtf8(what()) : reason_; }

private:
    QString reason_;
};

/// The identity of the model a bundle's state belongs to.
struct BundleModel {
    QString fingerprint;  ///< 16 hex digits, or empty when the bundle has no state
    QString fileName;     ///< file name of the model that wrote the last reply (may be empty)
    QString catalogId;    ///< id in the model catalog (resources/models.json) when known
};

/// The magic and the newest version of conversation bundles this code reads and writes: 2 carries the chat's
/// state-tuning file after its snapshot; a chat without one is written as version 1, which every version reads.
inline constexpr char kBundleMagic[9] = "RWKVCB01";
inline constexpr int kBundleVersion = 2;
/// The version of the JSON export (and of a bundle's JSON part): "start_state" and "folder" are optional fields of
/// version 1, which a reader that does not know them passes over (the chat then starts from zeros / is unfiled).
inline constexpr int kJsonVersion = 1;

/// The branch the app shows — the one viewed last there, else the newest (branch_to_continue.h) — as Markdown ("# title",
/// "**User:**" / "**Assistant:**" paragraphs; the last line names which branch, the model and the folder). Throws ImportError for an
/// unknown conversation (the name is shared with import for one error type at the command line).
QByteArray exportMarkdown(const store::ConversationStore& store, qint64 conversationId);
/// The conversation `id` of `store` (in the trash too); throws ImportError "conversation N does not exist" when there is
/// none: the exports' first check.
store::Conversation conversationOrThrow(const store::ConversationStore& store, qint64 id);
/// The whole conversation (every branch, settings, readouts, its folder's name) as UTF-8 JSON, without a state.
QByteArray exportJson(const store::ConversationStore& store, qint64 conversationId, const QString& catalogId = {});
/// The conversation bundle: JSON plus the conversation's newest snapshot and (version 2) its state-tuning file,
/// SHA-256 at the end.
QByteArray exportBundle(const store::ConversationStore& store, qint64 conversationId, const QString& catalogId = {});
/// A bundle's JSON part with its text checksum filled in: its "text_sha256" field's 64 hex digits become the SHA-256 of
/// the JSON with those digits read as '0's (unchanged when it has no such field). Where the file's SHA-256 does not
/// match, this checksum vouches for the text, so that a damaged state alone is left out (exportBundle writes it).
QByteArray withTextChecksum(QByteArray json);

/// What an import brought in.
struct ImportResult {
    qint64 conversationId = 0;
    int messages = 0;
    /// A state snapshot came with it (bundle); alreadyPresent: the library's copy has one (perhaps stateAdded).
    bool withState = false;
    /// The bundle's state was damaged (its own checksum or lengths; English, for logs and rwkv-cli) and was left out:
    /// the text came in, and the chat re-reads it at its first reply. Empty otherwise.
    QString stateDamage;
    /// stateDamage names a snapshot codec this version does not know (a newer RWKV Desktop's, perhaps), not damage.
    bool stateUnknownCodec = false;
    /// alreadyPresent: the library's copy had no state (its import left a damaged one out) and gained this file's.
    bool stateAdded = false;
    /// alreadyPresent: the library's copy starts from this file's state-tuning file but could not read it (its import
    /// left a damaged one out, or the file was removed or changed since) and now starts from this file's (kept in
    /// states/: startState); its saved states stay.
    bool startStateAdded = false;
    /// The chat starts from a state-tuning file: where it is kept now (a bundle's, in the data folder's states/), or
    /// the path it had where it was made (a JSON export, or a bundle whose file was left out). Empty: zeros.
    QString startState;
    /// The bundle's state-tuning file was damaged (cut or changed: its sha256; or no state-tuning file) and was left
    /// out (English, for logs and rwkv-cli): the chat keeps the path and sha256 it had, and asks for the file when it
    /// reads its text from the start. Empty otherwise.
    QString startStateDamage;
    BundleModel model;
    QString title;
    /// The library already held this conversation (an earlier import of the same file): nothing was written and
    /// conversationId is that conversation (OnDuplicate::OpenExisting).
    bool alreadyPresent = false;
    /// The file's title was longer than kMaxTitleLength (conversation_title.h) and was cut to it.
    bool titleCut = false;
    /// The folder the chat is in, as this library names it: the one the file names (its "folder"), found by the
    /// store's rule for one name (sameFolderName) or made (folderMade); alreadyPresent: the one the library's copy is
    /// in, unmoved. Empty: none.
    QString folder;
    bool folderMade = false;
    /// The file names a folder whose name this library refuses (checkedImportedFolderName: too long, a control or
    /// bidi character, nothing visible, half a surrogate pair): the name as the file has it; the chat came in unfiled. folderProblem says why,
    /// folderRefusal in the store's English words (rwkv-cli). Empty otherwise.
    QString folderRefused;
    store::FolderNameProblem folderProblem = store::FolderNameProblem::Empty;
    QString folderRefusal;
};

/// What importing a conversation the library already holds (ConversationStore::findImported) does. A desktop user
/// who opens the same file twice expects to get the conversation, not a second identical one: OpenExisting. A copy
/// (for example to try another branch separately) is made only when asked for, under a title that says so.
enum class OnDuplicate { OpenExisting, ImportCopy };

/// A bundle or JSON export, checked and parsed, not yet written anywhere.
struct ParsedConversation {
    store::ConversationImport data;
    ImportResult info;  ///< conversationId is 0 until written
    /// The starting state named by the file (data.conversation.start_state and _sha256 hold its path and sha256 as
    /// they were), with its bytes where a bundle of version 2 carries them and they check out (startStateDamage).
    BundledStartState startState;
};

/// What the first bytes of a file (32 are enough) say it is: the container name of a model checkpoint (".pth",
/// "GGUF", "rwkv.cpp .bin", "safetensors"), else nullptr (a bundle, JSON or anything else).
const char* modelFileKind(const QByteArray& head);
/// True when the first bytes cannot start a bundle or a JSON export (a picture, a text file, random bytes).
bool isNeitherBundleNorJson(const QByteArray& head);
/// Refuses, before it is opened, a path given to import that names no regular file, in words naming it: it does not
/// exist; it is a folder; a link to nothing; a link that leads back to itself; a named pipe (FIFO), a device or a
/// socket — opening a FIFO waits for a writer, so Import… (on the GUI thread) and `rwkv-cli import` hung for good
/// (session 23's trial, T10). The one check of the path's kind for the window's import and rwkv-cli's alike. Throws
/// ImportError (e.g. "cannot import: /d/x.rwkvchat is a folder, not a file; nothing was imported"; reason() is the
/// part between, in the window's language).
void refuseWhatIsNotAFile(const QString& path);
/// Refuses a file larger than any export can be (a JSON export: 2^31 - 1 bytes, the most Qt's JSON reader takes, after
/// a byte order mark if any; a bundle: that JSON plus the largest snapshot SQLite stores, 10^9 bytes, and its header
/// and hash), by its size (`head`: its first bytes, which say which of the two it is), before it is read. readConversationFile checks it; the app and rwkv-cli import both read
/// through that. Throws ImportError ("cannot import: the file is 2.1 GB (2147483648 bytes), larger than any JSON
/// export can be (at most 2147483647 bytes); it was not read; nothing was imported").
void refuseIfLargerThanAnyExport(const QByteArray& head, qint64 size);
/// Reads a file for parseConversationFile after looking at its first bytes only: a model checkpoint (.pth, .gguf,
/// .safetensors, rwkv.cpp .bin — perhaps several GB, dropped on Import by mistake) or anything that is neither a
/// bundle nor JSON is refused without reading the rest, and so is a bundle whose header does not match the file's
/// size, and a file larger than any export can be (refuseIfLargerThanAnyExport). Throws ImportError (e.g. "cannot
/// import: this is a model file (GGUF), not a conversation (…").
QByteArray readConversationFile(QIODevice& file);
/// Checks and parses a bundle or a JSON export (recognised by their first bytes). Throws ImportError for anything
/// damaged or unknown — checksum, lengths, version, JSON, message tree, the state's description. A bundle whose state
/// bytes alone are damaged (they fail their own checksums; where the file's SHA-256 fails too, its text checksum must
/// match: withTextChecksum) is parsed without its state: ImportResult::stateDamage says why.
ParsedConversation parseConversationFile(const QByteArray& file);
/// Writes a parsed conversation as a new one, in one transaction, filed in the folder its file names (made when this
/// library has none of that name; a name the store refuses: unfiled, ImportResult::folderRefused); a bundle's
/// state-tuning file is kept first in
/// `statesFolder` (default: startStatesFolder(store)) and the chat starts from that copy (keepStartStateFile). Throws ImportError when the store refuses it
/// (its message says why in words for people: store::StoreError::userMessage). When the library already holds it,
/// OpenExisting writes nothing (alreadyPresent) but the file's state where that conversation has none (stateAdded):
/// a chat refiled since stays in its folder; ImportCopy writes a new conversation titled copyTitle (default:
/// "<title> (copy)").
ImportResult importConversation(store::ConversationStore& store, const ParsedConversation& parsed,
                                OnDuplicate onDuplicate = OnDuplicate::OpenExisting, const QString& copyTitle = {},
                                const QString& statesFolder = {});
/// Both of the above: nothing is written unless the whole file is good.
ImportResult importConversation(store::ConversationStore& store, const QByteArray& file);

}  // namespace rwkv::app
