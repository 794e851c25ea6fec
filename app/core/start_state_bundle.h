// start_state_bundle.h — a conversation's starting state (a state-tuning file, start_state.h) in exports and imports:
// its name, sha256 and path in the JSON ("conversation"."start_state"), its bytes in a bundle of version 2, and at
// import the file kept once per sha256 in the data folder's states/. Used by conversation_export.cpp; format in
// docs/conversations.md "Bundles and exports". Tests: tests/app/test_start_state_bundle.cpp.
#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>

#include "store/conversation_store.h"

namespace rwkv::app {

/// A conversation's starting state as an export describes it, and its bytes where a bundle carries them.
struct BundledStartState {
    QString path;      ///< as recorded where the chat was made (store::Conversation::start_state)
    QString sha256;    ///< lower-case hex of the file's bytes when it was chosen
    QString fileName;  ///< the file's name there ("pirate.pth"): the kept copy is named after it
    QByteArray bytes;  ///< the file as the bundle carries it; empty: none came (a JSON export, or left out)
};

/// The "start_state" object of conversation `c`'s JSON: {"file_name", "sha256", "path"}; empty when it starts from
/// zeros.
QJsonObject startStateJson(const store::Conversation& c);

/// Reads an export's "start_state" from its conversation object `conversation` into `out` (path, sha256 lower-case,
/// file name; left empty when it has none). False where it is there but not whole: no 64-digit hex sha256, or neither
/// a path nor a file name.
bool startStateFromJson(const QJsonObject& conversation, BundledStartState* out);

/// The bytes of `c`'s state-tuning file as a bundle carries them: read now and checked against the sha256 recorded
/// with the chat; empty when it has none, or the file is gone, unreadable or changed since it was chosen (the bundle
/// then names it in its JSON only, as a JSON export does, and the chat asks for it where it is imported).
QByteArray startStateBytesFor(const store::Conversation& c);

/// Why `s.bytes` cannot be the starting state `s` names, in English (for logs and rwkv-cli, as
/// ImportResult::stateDamage): their sha256 is not `s.sha256` (the bytes were cut or changed), or
/// rwkv::read_state_file refuses them (its words). Empty when they are that very file and a state-tuning file.
QString startStateDamage(const BundledStartState& s);

/// The folder imported starting states are kept in: "states" beside the store's file (the data folder's, or next to
/// `rwkv-cli import --db`).
QString startStatesFolder(const store::ConversationStore& store);

/// Keeps `s.bytes` (checked: startStateDamage) in `folder` as "<first 16 hex digits of the sha256>-<file name>" and
/// returns that path: written whole (writeWholeFile) unless a file there already holds these very bytes (a second
/// import of the same state, or of another chat that starts from it, reuses it). Throws ImportError when the folder
/// or the file cannot be written (nothing is imported then).
QString keepStartStateFile(const QString& folder, const BundledStartState& s);

}  // namespace rwkv::app
