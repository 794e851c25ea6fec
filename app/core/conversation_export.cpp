// conversation_export.cpp — JSON and bundle export, and import with validation before any write (Markdown:
// conversation_export_markdown.cpp; the checks of a file before it is parsed: conversation_import_checks.cpp).
// Bundle layout (little-endian; docs/conversations.md):
//   0  char[8] "RWKVCB01" | 8 u32 version | 12 u32 flags (0) | 16 u64 JSON bytes J | 24 u64 state bytes S
//   32 JSON (UTF-8) | 32+J snapshot as stored (codec in the JSON) | version 2: the state-tuning file after it (S is
//   both; the JSON's snapshot.stored_size and start_state.stored_size split them) | end-32 SHA-256 of every byte before
//   it. Version 2 keeps version 1's header and sizes, so a version-1 reader gets to its version check ("written by a
//   newer RWKV Desktop") instead of calling the file truncated.
//   The JSON's "text_sha256" (since session 36): the SHA-256 of the JSON itself, its own 64 hex digits read as '0's.
#include "conversation_export.h"
#include "conversation_import_checks.h"

#include "branch_to_continue.h"  // leafToShow: the branch a bundle opens on, and whose state it carries
#include "chat_session.h"  // titleFromMessage: an untitled import is titled as the app titles a new chat

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDateTime>
#include <QHash>
#include <QSet>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtEndian>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <span>

#include "store/conversation_store.h"
#include "store/snapshot_codec.h"
#include "store/store_error.h"
#include "store_error_text.h"

#include "rwkv/error.h"
#include "rwkv/file_kind.h"
#include "rwkv/state_blob.h"

namespace rwkv::app {

using namespace import_checks;  // the words of a refusal, the header's sizes (conversation_import_checks.h)

namespace {

const QString kFormatName = QStringLiteral("rwkv-desktop-conversation");

/// A reply's "end" in the JSON export: how it ended (store::ReplyEnd). Read back tolerantly: missing or unknown is
/// "itself" (an export made before the field, or by a later version).
QString endName(store::ReplyEnd end) {
    switch (end) {
    case store::ReplyEnd::Stopped: return QStringLiteral("stopped");
    case store::ReplyEnd::Closed: return QStringLiteral("closed");
    case store::ReplyEnd::LengthLimit: return QStringLiteral("length");
    case store::ReplyEnd::ByItself:
    case store::ReplyEnd::TextLost: break;  // an unfinished reply's: its text is not there to export
    }
    return QStringLiteral("itself");
}

store::ReplyEnd endOf(const QJsonValue& name) {
    if (name.toString() == QLatin1String("stopped")) return store::ReplyEnd::Stopped;
    if (name.toString() == QLatin1String("closed")) return store::ReplyEnd::Closed;
    if (name.toString() == QLatin1String("length")) return store::ReplyEnd::LengthLimit;
    return store::ReplyEnd::ByItself;
}

QString roleName(store::Role r) {
    switch (r) {
    case store::Role::System: return QStringLiteral("system");
    case store::Role::User: return QStringLiteral("user");
    case store::Role::Assistant: return QStringLiteral("assistant");
    }
    return QStringLiteral("user");
}

/// The saved state an export names and a bundle carries: the newest of the branch the app shows (leafToShow, which the
/// import opens on), so that its next reply there reads nothing again; else (none there, or the newest branch shown)
/// the conversation's newest, as before session 55.
std::optional<store::SnapshotInfo> exportedSnapshot(const store::ConversationStore& store, qint64 id, qint64 shownLeaf) {
    if (shownLeaf != 0) {
        std::optional<store::SnapshotInfo> best;
        for (const store::SnapshotInfo& s : store.snapshots(id))
            if ((!best || s.message_id > best->message_id || (s.message_id == best->message_id && s.id > best->id)) &&
                store.idsBelow(s.message_id, shownLeaf))
                best = s;
        if (best) return best;
    }
    return store.latestSnapshot(id);
}

QJsonObject conversationJson(const store::ConversationStore& store, qint64 id, const QString& catalogId) {
    const store::Conversation c = conversationOrThrow(store, id);
    QJsonArray messages;
    QSet<qint64> written;  // the ids of the messages so far (continued_from names an earlier one)
    for (const store::Message& m : store.allMessages(id)) {
        QJsonObject o{{"id", m.id},
                      {"parent", m.parent_id ? QJsonValue(m.parent_id) : QJsonValue()},
                      {"role", roleName(m.role)},
                      {"text", m.text},
                      {"created_at", m.created_at},
                      {"finished", m.finished}};
        if (m.role == store::Role::Assistant) {
            o["token_count"] = m.token_count;
            o["end"] = endName(m.end);
            QJsonObject readouts{{"prefill_tokens", m.readouts.prefill_tokens},
                                 {"prefill_ms", m.readouts.prefill_ms},
                                 {"decode_ms", m.readouts.decode_ms},
                                 {"ttft_ms", m.readouts.ttft_ms},
                                 {"state_source", int(m.readouts.state_source)}};
            // Where known (schema v9): the tokens the reply's state has read. An older reader ignores the field, so
            // the bundle's version stays.
            if (m.readouts.state_tokens > 0) readouts["state_tokens"] = m.readouts.state_tokens;
            o["readouts"] = readouts;
            // The version it was continued from (schema v10), by its id in the file as "parent": its token_count and
            // readouts are the continuation's. Left out where that version is not in the file (a chat made from here
            // names the one in the chat it was made from); an older reader ignores the field.
            if (written.contains(m.continued_from)) o["continued_from"] = m.continued_from;
        }
        written.insert(m.id);
        messages.append(o);
    }
    const qint64 shownLeaf = leafToShow(store, id);  // 0: the newest branch
    const std::optional<store::SnapshotInfo> snap = exportedSnapshot(store, id, shownLeaf);
    QJsonObject conversation{{"title", c.title},
                             {"system_prompt", c.system_prompt},
                             {"created_at", c.created_at},
                             {"sampling_preset", c.sampling_preset},
                             {"think_mode", int(c.think_mode)}};
    if (!c.start_state.isEmpty()) conversation["start_state"] = startStateJson(c);  // its name, sha256 and path
    // The folder it is filed in, by name (a folder id is its library's own): importing files it in the folder of that
    // name there. Absent for none; an older version ignores the field and imports the chat unfiled.
    if (const QString folder = store.folderName(c.folder_id); !folder.isEmpty()) conversation["folder"] = folder;
    // The branch the app shows (viewed last), by its last message's id in the file: the import opens on it. Before
    // session 55 an imported chat opened on its newest branch. Absent where none was viewed; an older version ignores it.
    if (written.contains(shownLeaf)) conversation["viewed_leaf"] = shownLeaf;
    return QJsonObject{
        {"format", kFormatName},
        {"version", kJsonVersion},
        {"exported_at", QDateTime::currentDateTimeUtc().toString(Qt::ISODate)},
        {"conversation", conversation},
        {"model", QJsonObject{{"file_name", c.model_name},
                              {"catalog_id", catalogId},
                              {"fingerprint", snap ? snap->tags.fingerprint : QString()}}},
        {"messages", messages},
    };
}

void putU32(QByteArray& out, quint32 v) {
    char b[4];
    qToLittleEndian(v, b);
    out.append(b, 4);
}
void putU64(QByteArray& out, quint64 v) {
    char b[8];
    qToLittleEndian(v, b);
    out.append(b, 8);
}

qint64 intField(const QJsonObject& o, const char* key, qint64 fallback, const Words& where) {
    const QJsonValue v = o.value(QLatin1String(key));
    if (v.isUndefined() || v.isNull()) return fallback;
    const Words name = as_is(QString::fromLatin1(key));
    if (!v.isDouble())
        bad(words(QT_TRANSLATE_NOOP("rwkv::app::ImportError", "%1: \"%2\" is not a number"), where, name));
    // A JSON number is a double: 1.7 was read as id 1 and 1e30 as whatever the cast gave (undefined behaviour; a
    // version of 1e30 read as "missing"). Whole numbers up to 2^53 are exact, and every value this format uses fits.
    const double d = v.toDouble();
    if (d != std::floor(d))
        bad(words(QT_TRANSLATE_NOOP("rwkv::app::ImportError", "%1: \"%2\" is not a whole number"), where, name));
    if (std::fabs(d) > 9007199254740992.0)
        bad(words(QT_TRANSLATE_NOOP("rwkv::app::ImportError", "%1: \"%2\" is out of range"), where, name));
    return qint64(d);
}

/// A value from the file that is not of the kind its field needs, named with its kind: `"text" is a number (123), not
/// text`. Before, a number as role read as the unknown role "" and a number as text as no text (session 26's trial,
/// F10).
Words valueAndKind(const QJsonValue& v) {
    QString json = QString::fromUtf8(QJsonDocument(QJsonArray{v}).toJson(QJsonDocument::Compact));
    json = json.mid(1, json.size() - 2);  // as written, without the array's brackets
    if (json.size() > 40) json = json.left(37) + QStringLiteral("...");
    const char* kind = v.isDouble() ? QT_TRANSLATE_NOOP("rwkv::app::ImportError", "a number (%1)")
                       : v.isBool() ? QT_TRANSLATE_NOOP("rwkv::app::ImportError", "true or false (%1)")
                       : v.isArray() ? QT_TRANSLATE_NOOP("rwkv::app::ImportError", "a list (%1)")
                       : v.isObject() ? QT_TRANSLATE_NOOP("rwkv::app::ImportError", "an object (%1)")
                                      : QT_TRANSLATE_NOOP("rwkv::app::ImportError", "text (%1)");
    return words(kind, as_is(json));
}

/// A count (of tokens): a whole number, 0 when missing, never negative ("token_count": -5 was stored and shown).
qint64 countField(const QJsonObject& o, const char* key, const Words& where) {
    const qint64 n = intField(o, key, 0, where);
    if (n < 0)
        bad(words(QT_TRANSLATE_NOOP("rwkv::app::ImportError", "%1: \"%2\" is negative (it counts tokens)"), where,
                  as_is(QString::fromLatin1(key))));
    return n;
}

/// The title of a conversation imported without one ("title" missing, null or blank): the first words of its first
/// question, as the app titles a new chat, else "Untitled" (the undo bar's word for a conversation without a title).
/// Before, the title stayed empty: a blank row in the sidebar, and a copy titled " (copy)".
QString untitledTitle(const QList<store::Message>& messages) {
    for (const store::Message& m : messages)
        if (m.role == store::Role::User)
            if (const QString t = titleFromMessage(m.text); !t.isEmpty()) return t;
    return QCoreApplication::translate("rwkv::app::LibraryController", "Untitled");
}

store::ConversationImport parseJson(const QByteArray& json, BundleModel* model, BundledStartState* start) {
    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &err);
    if (doc.isNull() || !doc.isObject())
        bad(words(QT_TRANSLATE_NOOP("rwkv::app::ImportError", "the JSON is damaged (%1)"), as_is(err.errorString())));
    const QJsonObject root = doc.object();
    if (root.value("format").toString() != kFormatName)
        bad(words(QT_TRANSLATE_NOOP("rwkv::app::ImportError", "this is not an RWKV Desktop conversation")));
    const Words file = words(QT_TRANSLATE_NOOP("rwkv::app::ImportError", "the file"));
    const Words conversation = words(QT_TRANSLATE_NOOP("rwkv::app::ImportError", "the conversation"));
    const int version = int(intField(root, "version", 0, file));
    if (version < 1) bad(words(QT_TRANSLATE_NOOP("rwkv::app::ImportError", "the format version is missing")));
    if (version > kJsonVersion)
        bad(words(
            QT_TRANSLATE_NOOP("rwkv::app::ImportError", "it was written by a newer RWKV Desktop (format version %1)"),
            as_is(version)));
    store::ConversationImport data;
    if (!root.value("conversation").isObject())
        bad(words(QT_TRANSLATE_NOOP("rwkv::app::ImportError", "the conversation is missing from the file")));
    const QJsonObject c = root.value("conversation").toObject();
    const QJsonValue title = c.value("title");
    if (!title.isUndefined() && !title.isNull() && !title.isString())
        bad(words(QT_TRANSLATE_NOOP("rwkv::app::ImportError", "%1: \"%2\" is not text"), conversation,
                  as_is(QStringLiteral("title"))));
    data.conversation.title = title.toString();
    data.conversation.system_prompt = c.value("system_prompt").toString();
    data.conversation.created_at = intField(c, "created_at", 0, conversation);
    data.conversation.sampling_preset = c.value("sampling_preset").toString();
    const qint64 think = intField(c, "think_mode", 0, conversation);
    if (think < 0 || think > 2)
        bad(words(QT_TRANSLATE_NOOP("rwkv::app::ImportError", "the think mode %1 is unknown"), as_is(think)));
    data.conversation.think_mode = store::ThinkMode(think);
    if (!startStateFromJson(c, start))
        bad(words(QT_TRANSLATE_NOOP("rwkv::app::ImportError",
                                    "the conversation's starting state is not named in full (a file name and a "
                                    "sha256)")));
    const QJsonValue folder = c.value("folder");  // by name; checked at the import (checkedFolderName)
    if (!folder.isUndefined() && !folder.isNull() && !folder.isString())
        bad(words(QT_TRANSLATE_NOOP("rwkv::app::ImportError", "%1: \"%2\" is not text"), conversation,
                  as_is(QStringLiteral("folder"))));
    data.folder = folder.toString();
    // The branch viewed last where it was exported (since session 55): a view setting, so a value that names no
    // message of the file (a hand-made file) opens the newest branch, as a file without it does, and fails nothing.
    if (const QJsonValue viewed = c.value("viewed_leaf"); viewed.isDouble() && viewed.toDouble() == std::floor(viewed.toDouble()))
        data.conversation.viewed_leaf_id = qint64(std::clamp(viewed.toDouble(), 0.0, 9007199254740992.0));
    data.conversation.start_state = start->path;  // as it was where the chat was made; a bundle's copy replaces it
    data.conversation.start_state_sha256 = start->sha256;
    const QJsonObject m = root.value("model").toObject();
    model->fileName = m.value("file_name").toString();
    model->catalogId = m.value("catalog_id").toString();
    model->fingerprint = m.value("fingerprint").toString();
    data.conversation.model_name = model->fileName;

    const QJsonValue list = root.value("messages");
    if (list.isUndefined() || list.isNull())
        bad(words(QT_TRANSLATE_NOOP("rwkv::app::ImportError", "the message list is missing")));
    if (!list.isArray()) bad(words(QT_TRANSLATE_NOOP("rwkv::app::ImportError", "\"messages\" is not a list")));
    QHash<qint64, store::Role> seen;  // id -> role of the messages read so far
    QSet<qint64> systemRoots;         // first messages of role "system": taken as the instructions, not as messages
    qint64 ordinal = 0;  // the message's place in the list, as a person counts them in the file
    for (const QJsonValue& v : list.toArray()) {
        ++ordinal;
        Words where = words(QT_TRANSLATE_NOOP("rwkv::app::ImportError", "message %1"), as_is(ordinal));
        if (!v.isObject()) bad(words(QT_TRANSLATE_NOOP("rwkv::app::ImportError", "%1 is not an object"), where));
        const QJsonObject o = v.toObject();
        store::Message msg;
        msg.id = intField(o, "id", 0, where);
        // Its own id too where it is not its place in the list: what a user can find in the file ("message 8" of a
        // message whose "id" is 999 could not be found: session 36's trial, nit).
        if (msg.id > 0 && msg.id != ordinal)
            where = words(QT_TRANSLATE_NOOP("rwkv::app::ImportError", "message %1 (id %2)"), as_is(ordinal),
                          as_is(msg.id));
        msg.parent_id = intField(o, "parent", 0, where);
        if (systemRoots.contains(msg.parent_id)) msg.parent_id = 0;  // under the instructions: a first message
        if (msg.id <= 0 || seen.contains(msg.id) || systemRoots.contains(msg.id))
            bad(words(QT_TRANSLATE_NOOP("rwkv::app::ImportError", "%1 has a missing or repeated id"), where));
        if (msg.parent_id != 0 && !seen.contains(msg.parent_id))
            bad(words(QT_TRANSLATE_NOOP("rwkv::app::ImportError", "%1 names a parent that does not come before it"),
                      where));
        const QJsonValue roleValue = o.value("role");
        if (!roleValue.isString() && !roleValue.isNull() && !roleValue.isUndefined())
            bad(words(QT_TRANSLATE_NOOP("rwkv::app::ImportError",
                                        "%1: \"%2\" is %3, not \"user\", \"assistant\" or \"system\""),
                      where, as_is(QStringLiteral("role")), valueAndKind(roleValue)));
        if (roleValue.isNull() || roleValue.isUndefined())
            bad(words(QT_TRANSLATE_NOOP("rwkv::app::ImportError", "%1 has no role"), where));
        const QString role = roleValue.toString();
        if (role == QLatin1String("user")) msg.role = store::Role::User;
        else if (role == QLatin1String("assistant")) msg.role = store::Role::Assistant;
        else if (role == QLatin1String("system")) msg.role = store::Role::System;
        else
            bad(words(QT_TRANSLATE_NOOP("rwkv::app::ImportError", "%1 has the unknown role \"%2\""), where,
                      as_is(role)));
        // A system message (an OpenAI-style list, a hand-made file) is what the app keeps as a chat's instructions, read
        // before it: first in the chat, it becomes them; anywhere else the window would show it as a reply with
        // Regenerate that no turn reads (session 48's trial).
        if (msg.role == store::Role::System) {
            if (msg.parent_id != 0)
                bad(words(QT_TRANSLATE_NOOP("rwkv::app::ImportError",
                                            "%1 is a system message after message %2: only a chat's first message can "
                                            "be one (it becomes the chat's instructions)"),
                          where, as_is(msg.parent_id)));
            if (!o.value("text").isString())
                bad(words(QT_TRANSLATE_NOOP("rwkv::app::ImportError", "%1 has no text"), where));
            const QString text = o.value("text").toString();
            if (!systemRoots.isEmpty() && data.conversation.system_prompt != text)
                bad(words(QT_TRANSLATE_NOOP("rwkv::app::ImportError",
                                            "%1 is a second system message, with other text: a chat keeps one set of "
                                            "instructions"),
                          where));
            if (!data.conversation.system_prompt.isEmpty() && data.conversation.system_prompt != text)
                bad(words(QT_TRANSLATE_NOOP("rwkv::app::ImportError",
                                            "%1 is a system message, and the conversation has other instructions "
                                            "already (\"system_prompt\"): a chat keeps one set"),
                          where));
            data.conversation.system_prompt = text;
            systemRoots.insert(msg.id);
            continue;
        }
        // The app and rwkv-cli only ever add a question after a reply (or as a first message): a question under a
        // question imported, but no message could then be sent after it ("Message N is a question; a new message can
        // only follow a reply", in the app and in rwkv-cli chat, for good).
        if (msg.role == store::Role::User && msg.parent_id != 0 && seen.value(msg.parent_id) == store::Role::User)
            bad(words(QT_TRANSLATE_NOOP("rwkv::app::ImportError",
                                        "%1 is a question whose parent, message %2, is a question too "
                                        "(a question follows a reply)"),
                      where, as_is(msg.parent_id)));
        if (const QJsonValue text = o.value("text"); !text.isString() && !text.isNull() && !text.isUndefined())
            bad(words(QT_TRANSLATE_NOOP("rwkv::app::ImportError", "%1: \"%2\" is %3, not text"), where,
                      as_is(QStringLiteral("text")), valueAndKind(text)));
        if (!o.value("text").isString())
            bad(words(QT_TRANSLATE_NOOP("rwkv::app::ImportError", "%1 has no text"), where));
        msg.text = o.value("text").toString();
        msg.created_at = intField(o, "created_at", 0, where);
        msg.finished = o.value("finished").toBool(true);
        msg.end = endOf(o.value("end"));
        msg.token_count = countField(o, "token_count", where);
        // A reply it continued (v10): kept where it names an earlier reply of the file, else read as none (the readout
        // then counts the whole text, as before v10).
        if (const qint64 from = intField(o, "continued_from", 0, where);
            msg.role == store::Role::Assistant && seen.value(from) == store::Role::Assistant)
            msg.continued_from = from;
        const QJsonObject r = o.value("readouts").toObject();
        msg.readouts.prefill_tokens = countField(r, "prefill_tokens", where);
        msg.readouts.prefill_ms = r.value("prefill_ms").toDouble();
        msg.readouts.decode_ms = r.value("decode_ms").toDouble();
        msg.readouts.ttft_ms = r.value("ttft_ms").toDouble();
        msg.readouts.state_tokens = countField(r, "state_tokens", where);  // absent (older bundles): 0, unknown
        const qint64 source = intField(r, "state_source", 0, where);
        msg.readouts.state_source = source >= 0 && source <= 5 ? store::StateSourceCode(source)
                                                                : store::StateSourceCode::Unknown;
        seen.insert(msg.id, msg.role);
        data.messages.append(msg);
    }
    // The app never exports an empty chat (nor keeps one: a new chat is saved with its first question): an empty list
    // made an empty conversation in the sidebar (session 23's trial, T9).
    if (data.messages.isEmpty())
        bad(words(QT_TRANSLATE_NOOP("rwkv::app::ImportError", "the conversation holds no messages")));
    // A title of nothing to read ("\u200b" alone) too: the sidebar drew an empty row (session 53's trial).
    if (const QString t = oneLineTitle(data.conversation.title); t.isEmpty() || holdsNothingToRead(t))
        data.conversation.title = untitledTitle(data.messages);
    return data;
}

}  // namespace

store::Conversation conversationOrThrow(const store::ConversationStore& store, qint64 id) {
    const std::optional<store::Conversation> c = store.conversation(id);
    if (!c) throw ImportError("conversation " + std::to_string(id) + " does not exist");
    return *c;
}

QByteArray exportJson(const store::ConversationStore& store, qint64 conversationId, const QString& catalogId) {
    return QJsonDocument(conversationJson(store, conversationId, catalogId)).toJson(QJsonDocument::Indented);
}

namespace {

constexpr qsizetype kTextSumDigits = 64;  // SHA-256 in hex
const QByteArray kTextSumField = QByteArrayLiteral("\"text_sha256\":\"");

/// Where a bundle JSON's text checksum's hex digits start, or -1 where it has none (a bundle made before session 36,
/// or one whose field name is damaged). Inside a JSON string a quote is written \", so only the key itself matches.
qsizetype textSumAt(const QByteArray& json) {
    const qsizetype key = json.indexOf(kTextSumField);
    if (key < 0 || json.size() < key + kTextSumField.size() + kTextSumDigits + 1) return -1;
    return key + kTextSumField.size();
}

/// The text checksum of `json` whose digits start at `at`: its SHA-256, those digits read as '0's, in hex.
QByteArray textSum(QByteArray json, qsizetype at) {
    std::fill(json.begin() + at, json.begin() + at + kTextSumDigits, '0');
    return QCryptographicHash::hash(json, QCryptographicHash::Sha256).toHex();
}

/// Whether a bundle's JSON vouches for itself: it has a text checksum, and it matches.
bool textSumMatches(const QByteArray& json) {
    const qsizetype at = textSumAt(json);
    return at >= 0 && json.mid(at, kTextSumDigits) == textSum(json, at);
}

}  // namespace

QByteArray withTextChecksum(QByteArray json) {
    if (const qsizetype at = textSumAt(json); at >= 0) json.replace(at, kTextSumDigits, textSum(json, at));
    return json;
}

QByteArray exportBundle(const store::ConversationStore& store, qint64 conversationId, const QString& catalogId) {
    QJsonObject root = conversationJson(store, conversationId, catalogId);
    QByteArray stored;
    if (const std::optional<store::SnapshotInfo> snap =
            exportedSnapshot(store, conversationId, leafToShow(store, conversationId))) {
        if (const std::optional<store::SnapshotPayload> p = store.snapshotPayload(snap->id)) {
            stored = p->bytes;
            root["snapshot"] = QJsonObject{{"message", snap->message_id},
                                           {"fingerprint", snap->tags.fingerprint},
                                           {"weight_dtype", snap->tags.weight_dtype},
                                           {"backend", snap->tags.backend},
                                           {"codec", int(p->codec)},
                                           {"raw_size", p->raw_size},
                                           {"stored_size", qint64(p->bytes.size())}};
        }
    }
    // The state-tuning file it starts from, checked against its sha256 (one gone or changed is named only, as in JSON).
    const QByteArray startBytes = startStateBytesFor(conversationOrThrow(store, conversationId));
    if (!startBytes.isEmpty()) {
        QJsonObject conversation = root["conversation"].toObject();
        QJsonObject start = conversation["start_state"].toObject();
        start["stored_size"] = qint64(startBytes.size());
        conversation["start_state"] = start;
        root["conversation"] = conversation;
    }
    root["text_sha256"] = QString(kTextSumDigits, u'0');  // filled in below
    const QByteArray json = withTextChecksum(QJsonDocument(root).toJson(QJsonDocument::Compact));
    QByteArray out;
    out.reserve(kHeaderBytes + json.size() + stored.size() + startBytes.size() + kHashBytes);
    out.append(kBundleMagic, 8);
    putU32(out, startBytes.isEmpty() ? 1 : kBundleVersion);  // version 1 where it carries no file: every version reads it
    putU32(out, 0);
    putU64(out, quint64(json.size()));
    putU64(out, quint64(stored.size() + startBytes.size()));
    out.append(json);
    out.append(stored);
    out.append(startBytes);
    out.append(QCryptographicHash::hash(out, QCryptographicHash::Sha256));
    return out;
}

namespace {

/// The bundle's state as its JSON describes it, refused (ImportError) where the description is incomplete or names a
/// message the conversation does not hold; its bytes are not decoded here (stateDamage).
store::NewSnapshot bundleSnapshot(const QByteArray& file, quint64 jsonBytes, quint64 snapBytes,
                                  const store::ConversationImport& data) {
    const QJsonObject snap =
        QJsonDocument::fromJson(file.mid(kHeaderBytes, qsizetype(jsonBytes))).object().value("snapshot").toObject();
    if (snap.isEmpty())
        bad(words(QT_TRANSLATE_NOOP("rwkv::app::ImportError", "the bundle has state bytes but no description of them")));
    store::NewSnapshot s;
    s.message_id = snap.value("message").toInteger(-1);  // -1 (not a message id) when it is not a number
    s.tags = {snap.value("fingerprint").toString(), snap.value("weight_dtype").toString(),
              snap.value("backend").toString()};
    s.payload.codec = store::SnapshotCodec(snap.value("codec").toInt(-1));
    s.payload.raw_size = snap.value("raw_size").toInteger(-1);
    s.payload.bytes = file.mid(kHeaderBytes + qsizetype(jsonBytes), qsizetype(snapBytes));
    if (s.tags.fingerprint.isEmpty() || s.payload.raw_size < 0 || snap.value("stored_size").toInteger(-1) != qint64(snapBytes))
        bad(words(QT_TRANSLATE_NOOP("rwkv::app::ImportError", "the bundle's state description is incomplete")));
    if (std::none_of(data.messages.cbegin(), data.messages.cend(),
                     [&](const store::Message& m) { return m.id == s.message_id; }))
        bad(words(QT_TRANSLATE_NOOP("rwkv::app::ImportError",
                                    "the snapshot names message %1, which is not in the conversation"),
                  as_is(s.message_id)));
    return s;
}

/// What is wrong with a bundle's state bytes: empty `what` when they decode (codec) and the state blob passes its own
/// checks (size, magic, version, lengths, XXH3; its model is the loaded one's business, at the first reply).
struct StateDamage {
    QString what;          ///< English, for logs and rwkv-cli
    bool checked = false;  ///< found by a checksum or a length of the state itself (not an unknown codec number)
};

StateDamage stateDamage(const store::SnapshotPayload& payload) {
    try {
        const auto* bytes = reinterpret_cast<const std::byte*>(payload.bytes.constData());
        const std::vector<std::byte> blob = store::decodeSnapshot(
            std::span<const std::byte>(bytes, std::size_t(payload.bytes.size())), int(payload.codec),
            std::uint64_t(payload.raw_size));
        rwkv::state_blob_payload(blob, rwkv::ModelFingerprint{});  // damage throws CorruptState before the model
    } catch (const store::CodecError& e) {
        return {QString::fromUtf8(e.what()), e.kind() != store::CodecError::Kind::UnknownCodec};
    } catch (const rwkv::Error& e) {
        if (e.code() == rwkv::ErrorCode::CorruptState) return {QString::fromUtf8(e.what()), true};
    }
    return {};
}

[[noreturn]] void refuseDamagedBundle() {
    bad(words(QT_TRANSLATE_NOOP("rwkv::app::ImportError", "the bundle's checksum does not match (the file is damaged)")));
}

}  // namespace

ParsedConversation parseConversationFile(const QByteArray& file) {
    ParsedConversation parsed;
    ImportResult& result = parsed.info;
    store::ConversationImport& data = parsed.data;
    if (file.startsWith(QByteArray(kBundleMagic, 4))) {  // "RWKV": a bundle (perhaps of another version)
        if (file.size() < kHeaderBytes + kHashBytes)
            bad(words(QT_TRANSLATE_NOOP("rwkv::app::ImportError", "the bundle is truncated (%1 bytes)"),
                      as_is(file.size())));
        if (!file.startsWith(QByteArray(kBundleMagic, 8)))
            bad(words(QT_TRANSLATE_NOOP("rwkv::app::ImportError", "this is not a conversation bundle")));
        const auto* h = reinterpret_cast<const uchar*>(file.constData());
        const quint32 version = qFromLittleEndian<quint32>(h + 8);
        if (version > quint32(kBundleVersion))
            bad(words(QT_TRANSLATE_NOOP("rwkv::app::ImportError",
                                        "the bundle was written by a newer RWKV Desktop (bundle version %1)"),
                      as_is(version)));
        if (version != 1 && version != 2)
            bad(words(QT_TRANSLATE_NOOP("rwkv::app::ImportError", "the bundle version %1 is unknown"), as_is(version)));
        const quint64 jsonBytes = qFromLittleEndian<quint64>(h + 16);
        const quint64 stateBytes = qFromLittleEndian<quint64>(h + 24);  // the snapshot, then (version 2) the file
        refuseIfLengthsDisagree(file.size(), jsonBytes, stateBytes);
        // The SHA-256 covers the whole file. Where it does not match, the JSON (the text, the state's description)
        // must vouch for itself with its text checksum (text_sha256), and the state's own checksums (its zstd
        // frames', the state blob's XXH3) must show the damage is in the state: then the text comes in without it
        // (session 35's trial: one damaged state refused the whole chat). Else the file is refused: a bundle without
        // a text checksum (made before session 36) damaged in its state and in its title came in as "Iello there",
        // only the state said damaged (session 36's check).
        const QByteArray body = file.left(file.size() - kHashBytes);
        const QByteArray json = file.mid(kHeaderBytes, qsizetype(jsonBytes));
        const bool whole = QCryptographicHash::hash(body, QCryptographicHash::Sha256) == file.right(kHashBytes);
        if (!whole && (stateBytes == 0 || !textSumMatches(json))) refuseDamagedBundle();
        data = parseJson(json, &result.model, &parsed.startState);
        // Version 2: the state-tuning file's bytes after the snapshot's (start_state.stored_size of them).
        const QJsonObject start = QJsonDocument::fromJson(json)
                                      .object()
                                      .value("conversation")
                                      .toObject()
                                      .value("start_state")
                                      .toObject();
        const quint64 fileBytes = version < 2 ? 0 : quint64(std::max<qint64>(0, start.value("stored_size").toInteger(0)));
        if (fileBytes > stateBytes || (fileBytes > 0 && parsed.startState.sha256.isEmpty()))
            bad(words(QT_TRANSLATE_NOOP("rwkv::app::ImportError", "the bundle's state description is incomplete")));
        const quint64 snapBytes = stateBytes - fileBytes;
        bool damageFound = false;  // in the state's or the file's own checksums: the damage a failed SHA-256 meant
        if (fileBytes > 0) {
            parsed.startState.bytes = file.mid(kHeaderBytes + qsizetype(jsonBytes + snapBytes), qsizetype(fileBytes));
            result.startStateDamage = startStateDamage(parsed.startState);
            if (!result.startStateDamage.isEmpty()) {  // left out: the chat asks for it where it needs it
                parsed.startState.bytes.clear();
                damageFound = true;
            }
        }
        if (snapBytes > 0) {
            store::NewSnapshot s = bundleSnapshot(file, jsonBytes, snapBytes, data);
            const StateDamage damage = stateDamage(s.payload);
            if (damage.what.isEmpty()) {
                data.snapshot = s;
                result.withState = true;
            } else {  // left out: the chat re-reads its text at its first reply, as after a JSON import
                result.stateDamage = damage.what;
                result.stateUnknownCodec = !damage.checked;
                damageFound = true;
            }
            result.model.fingerprint = s.tags.fingerprint;
        }
        if (!whole && !damageFound) refuseDamagedBundle();  // the text and the states check out: the damage is elsewhere
    } else {
        const QByteArray json = withoutBom(file);
        if (json.trimmed().isEmpty()) bad(words(QT_TRANSLATE_NOOP("rwkv::app::ImportError", "the file is empty")));
        if (!json.trimmed().startsWith('{'))  // not JSON at all: a model file, a picture, random bytes
            refuseNeitherBundleNorJson(file.left(qsizetype(rwkv::kForeignFileHeadBytes)));
        data = parseJson(json, &result.model, &parsed.startState);
    }
    result.messages = int(data.messages.size());
    data.conversation.title = cappedTitle(data.conversation.title, &result.titleCut);  // session 22's trial, F8
    result.title = data.conversation.title;
    result.startState = data.conversation.start_state;
    return parsed;
}

namespace {

/// The file's snapshot for the conversation `existing` that findImported matched to it: its message named by that
/// conversation's row (the import's messages are its first rows, in the same order).
store::NewSnapshot snapshotFor(const store::ConversationStore& store, qint64 existing,
                               const store::ConversationImport& data) {
    store::NewSnapshot snap = *data.snapshot;
    const QList<store::Message> rows = store.allMessages(existing);
    for (qsizetype i = 0; i < data.messages.size() && i < rows.size(); ++i)
        if (data.messages[i].id == snap.message_id) {
            snap.message_id = rows[i].id;
            return snap;
        }
    throw store::StoreError("import: the snapshot names message " + std::to_string(snap.message_id) +
                            ", which is not in the conversation");
}

}  // namespace

ImportResult importConversation(store::ConversationStore& store, const ParsedConversation& parsed,
                                OnDuplicate onDuplicate, const QString& copyTitle, const QString& statesFolder) {
    ImportResult result = parsed.info;
    try {
        const qint64 existing = store.findImported(parsed.data);
        if (existing != 0 && onDuplicate == OnDuplicate::OpenExisting) {
            result.conversationId = existing;
            result.alreadyPresent = true;
            if (const std::optional<store::Conversation> c = store.conversation(existing)) result.title = c->title;
            // Its earlier import came without the state (damaged then, or a JSON export): it gains this file's. It
            // said "already imported" and "with_state" while the library's copy had none (session 36's check).
            if (parsed.data.snapshot && !store.latestSnapshot(existing)) {
                store.saveSnapshot(existing, snapshotFor(store, existing, parsed.data));
                result.stateAdded = true;
            }
            result.withState = store.latestSnapshot(existing).has_value();
            // The same for its starting state: a first import that left a damaged file out, or a file removed since.
            const std::optional<store::Conversation> c = store.conversation(existing);
            // Its folder is not touched: the user may have refiled it since, or taken it out of one
            if (c) result.folder = store.folderName(c->folder_id);
            if (c && !parsed.startState.bytes.isEmpty() && c->start_state_sha256 == parsed.startState.sha256 &&
                startStateBytesFor(*c).isEmpty()) {
                const QString kept = keepStartStateFile(
                    statesFolder.isEmpty() ? startStatesFolder(store) : statesFolder, parsed.startState);
                store.relocateStartState(existing, kept, parsed.startState.sha256);  // false: the same path, written again
                result.startStateAdded = true;
                result.startState = kept;
            }
            return result;
        }
        store::ConversationImport data = parsed.data;
        if (!data.folder.isEmpty()) {  // a name this library cannot have: the chat comes in unfiled, and says why
            try {
                store::ConversationStore::checkedImportedFolderName(data.folder);
            } catch (const store::FolderNameError& e) {
                result.folderRefused = data.folder;
                result.folderProblem = e.problem();
                result.folderRefusal = QString::fromUtf8(e.what());
                data.folder.clear();
            }
        }
        if (!parsed.startState.bytes.isEmpty()) {  // kept first (once per sha256): the chat starts from that copy
            data.conversation.start_state = keepStartStateFile(
                statesFolder.isEmpty() ? startStatesFolder(store) : statesFolder, parsed.startState);
            result.startState = data.conversation.start_state;
        }
        if (existing == 0) {
            result.conversationId = store.importConversation(data, &result.folderMade);
        } else {
            store::ConversationImport copy = data;
            copy.conversation.title = !copyTitle.isEmpty() ? copyTitle : parsed.data.conversation.title + " (copy)";
            result.title = copy.conversation.title;
            result.conversationId = store.importConversation(copy, &result.folderMade);
        }
        if (const std::optional<store::Conversation> c = store.conversation(result.conversationId))
            result.folder = store.folderName(c->folder_id);  // as this library names it
    } catch (const store::StoreError& e) {
        // The store's own words about the file's content, without its "import: " prefix: English only, but the parser
        // refuses each of these first, in words the window translates.
        if (e.code() == 0) {
            const std::string what = e.what();
            bad(as_is(QString::fromStdString(what.rfind("import: ", 0) == 0 ? what.substr(8) : what)));
        }
        // the database's state, in words for people (translated in the window: storeErrorText)
        throw ImportError("nothing was imported: " + e.userMessage(), storeErrorText(e));
    }
    return result;
}

ImportResult importConversation(store::ConversationStore& store, const QByteArray& file) {
    return importConversation(store, parseConversationFile(file));
}

}  // namespace rwkv::app
