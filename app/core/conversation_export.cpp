// conversation_export.cpp — Markdown, JSON and bundle export, and import with validation before any write.
// Bundle layout (little-endian; docs/conversations.md):
//   0  char[8] "RWKVCB01" | 8 u32 version | 12 u32 flags (0) | 16 u64 JSON bytes J | 24 u64 snapshot bytes S
//   32 JSON (UTF-8) | 32+J snapshot as stored (codec in the JSON) | end-32 SHA-256 of every byte before it
#include "conversation_export.h"

#include "branch_to_continue.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtEndian>

#include <cmath>
#include <cstring>
#include <span>

#include "store/conversation_store.h"
#include "store/snapshot_codec.h"

namespace rwkv::app {
namespace {

constexpr qsizetype kHeaderBytes = 32;
constexpr qsizetype kHashBytes = 32;  // SHA-256
const QString kFormatName = QStringLiteral("rwkv-desktop-conversation");

QString roleName(store::Role r) {
    switch (r) {
    case store::Role::System: return QStringLiteral("system");
    case store::Role::User: return QStringLiteral("user");
    case store::Role::Assistant: return QStringLiteral("assistant");
    }
    return QStringLiteral("user");
}

store::Conversation conversationOrThrow(const store::ConversationStore& store, qint64 id) {
    const std::optional<store::Conversation> c = store.conversation(id);
    if (!c) throw ImportError("conversation " + std::to_string(id) + " does not exist");
    return *c;
}

QJsonObject conversationJson(const store::ConversationStore& store, qint64 id, const QString& catalogId) {
    const store::Conversation c = conversationOrThrow(store, id);
    QJsonArray messages;
    for (const store::Message& m : store.allMessages(id)) {
        QJsonObject o{{"id", m.id},
                      {"parent", m.parent_id ? QJsonValue(m.parent_id) : QJsonValue()},
                      {"role", roleName(m.role)},
                      {"text", m.text},
                      {"created_at", m.created_at},
                      {"finished", m.finished}};
        if (m.role == store::Role::Assistant) {
            o["token_count"] = m.token_count;
            o["readouts"] = QJsonObject{{"prefill_tokens", m.readouts.prefill_tokens},
                                        {"prefill_ms", m.readouts.prefill_ms},
                                        {"decode_ms", m.readouts.decode_ms},
                                        {"ttft_ms", m.readouts.ttft_ms},
                                        {"state_source", int(m.readouts.state_source)}};
        }
        messages.append(o);
    }
    const std::optional<store::SnapshotInfo> snap = store.latestSnapshot(id);
    return QJsonObject{
        {"format", kFormatName},
        {"version", kBundleVersion},
        {"exported_at", QDateTime::currentDateTimeUtc().toString(Qt::ISODate)},
        {"conversation", QJsonObject{{"title", c.title},
                                     {"system_prompt", c.system_prompt},
                                     {"created_at", c.created_at},
                                     {"sampling_preset", c.sampling_preset},
                                     {"think_mode", int(c.think_mode)}}},
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

// --- import validation ---

[[noreturn]] void bad(const std::string& what) { throw ImportError("cannot import: " + what + "; nothing was imported"); }

qint64 intField(const QJsonObject& o, const char* key, qint64 fallback, const std::string& where) {
    const QJsonValue v = o.value(QLatin1String(key));
    if (v.isUndefined() || v.isNull()) return fallback;
    if (!v.isDouble()) bad(where + ": \"" + key + "\" is not a number");
    // A JSON number is a double: 1.7 was read as id 1 and 1e30 as whatever the cast gave (undefined behaviour; a
    // version of 1e30 read as "missing"). Whole numbers up to 2^53 are exact, and every value this format uses fits.
    const double d = v.toDouble();
    if (d != std::floor(d)) bad(where + ": \"" + key + "\" is not a whole number");
    if (std::fabs(d) > 9007199254740992.0) bad(where + ": \"" + key + "\" is out of range");
    return qint64(d);
}

store::ConversationImport parseJson(const QByteArray& json, BundleModel* model) {
    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &err);
    if (doc.isNull() || !doc.isObject()) bad("the JSON is damaged (" + err.errorString().toStdString() + ")");
    const QJsonObject root = doc.object();
    if (root.value("format").toString() != kFormatName) bad("this is not an RWKV Desktop conversation");
    const int version = int(intField(root, "version", 0, "the file"));
    if (version < 1) bad("the format version is missing");
    if (version > kBundleVersion)
        bad("it was written by a newer RWKV Desktop (format version " + std::to_string(version) + ")");
    store::ConversationImport data;
    if (!root.value("conversation").isObject()) bad("the conversation is missing from the file");
    const QJsonObject c = root.value("conversation").toObject();
    data.conversation.title = c.value("title").toString();
    data.conversation.system_prompt = c.value("system_prompt").toString();
    data.conversation.created_at = intField(c, "created_at", 0, "the conversation");
    data.conversation.sampling_preset = c.value("sampling_preset").toString();
    const qint64 think = intField(c, "think_mode", 0, "the conversation");
    if (think < 0 || think > 2) bad("the think mode " + std::to_string(think) + " is unknown");
    data.conversation.think_mode = store::ThinkMode(think);
    const QJsonObject m = root.value("model").toObject();
    model->fileName = m.value("file_name").toString();
    model->catalogId = m.value("catalog_id").toString();
    model->fingerprint = m.value("fingerprint").toString();
    data.conversation.model_name = model->fileName;

    const QJsonValue list = root.value("messages");
    if (!list.isArray()) bad("the message list is missing");
    QHash<qint64, store::Role> seen;  // id -> role of the messages read so far
    for (const QJsonValue& v : list.toArray()) {
        const std::string where = "message " + std::to_string(data.messages.size() + 1);
        if (!v.isObject()) bad(where + " is not an object");
        const QJsonObject o = v.toObject();
        store::Message msg;
        msg.id = intField(o, "id", 0, where);
        msg.parent_id = intField(o, "parent", 0, where);
        if (msg.id <= 0 || seen.contains(msg.id)) bad(where + " has a missing or repeated id");
        if (msg.parent_id != 0 && !seen.contains(msg.parent_id))
            bad(where + " names a parent that does not come before it");
        const QString role = o.value("role").toString();
        if (role == QLatin1String("user")) msg.role = store::Role::User;
        else if (role == QLatin1String("assistant")) msg.role = store::Role::Assistant;
        else if (role == QLatin1String("system")) msg.role = store::Role::System;
        else bad(where + " has the unknown role \"" + role.toStdString() + "\"");
        // The app and rwkv-cli only ever add a question after a reply (or as a first message): a question under a
        // question imported, but no message could then be sent after it ("Message N is a question; a new message can
        // only follow a reply", in the app and in rwkv-cli chat, for good).
        if (msg.role == store::Role::User && msg.parent_id != 0 && seen.value(msg.parent_id) == store::Role::User)
            bad(where + " is a question whose parent, message " + std::to_string(msg.parent_id) +
                ", is a question too (a question follows a reply)");
        if (!o.value("text").isString()) bad(where + " has no text");
        msg.text = o.value("text").toString();
        msg.created_at = intField(o, "created_at", 0, where);
        msg.finished = o.value("finished").toBool(true);
        msg.token_count = intField(o, "token_count", 0, where);
        const QJsonObject r = o.value("readouts").toObject();
        msg.readouts.prefill_tokens = intField(r, "prefill_tokens", 0, where);
        msg.readouts.prefill_ms = r.value("prefill_ms").toDouble();
        msg.readouts.decode_ms = r.value("decode_ms").toDouble();
        msg.readouts.ttft_ms = r.value("ttft_ms").toDouble();
        const qint64 source = intField(r, "state_source", 0, where);
        msg.readouts.state_source = source >= 0 && source <= 5 ? store::StateSourceCode(source)
                                                                : store::StateSourceCode::Unknown;
        seen.insert(msg.id, msg.role);
        data.messages.append(msg);
    }
    return data;
}

}  // namespace

QByteArray exportMarkdown(const store::ConversationStore& store, qint64 conversationId) {
    const store::Conversation c = conversationOrThrow(store, conversationId);
    const QString title = oneLineTitle(c.title);  // a heading is one line
    QString md = QStringLiteral("# %1\n\n").arg(title.isEmpty() ? QStringLiteral("Conversation") : title);
    if (!c.system_prompt.isEmpty()) md += QStringLiteral("> **System:** %1\n\n").arg(c.system_prompt);
    // The branch the app shows (and `rwkv-cli chat --conversation` continues): the one viewed last, else the newest.
    const qint64 leaf = leafToShow(store, conversationId);
    const QList<store::Message> newest = store.messages(conversationId);
    const QList<store::Message> branch = leaf != 0 ? store.branch(leaf) : newest;
    const bool viewed = leaf != 0 && !newest.isEmpty() && leaf != newest.back().id;
    for (const store::Message& m : branch) {
        const QString who = m.role == store::Role::User        ? QStringLiteral("User")
                            : m.role == store::Role::Assistant ? QStringLiteral("Assistant")
                                                               : QStringLiteral("System");
        md += QStringLiteral("**%1:** %2%3\n\n").arg(who, m.text, m.finished ? QString() : QStringLiteral(" *(unfinished)*"));
    }
    const int all = int(store.allMessages(conversationId).size());
    md += QStringLiteral("---\n*Exported from RWKV Desktop on %1%2; %3, %4 of %5 messages.*\n")
              .arg(QDateTime::currentDateTime().toString(Qt::ISODate),
                   c.model_name.isEmpty() ? QString() : QStringLiteral(" (model %1)").arg(c.model_name),
                   viewed ? QStringLiteral("the branch viewed last in the app") : QStringLiteral("the newest branch"))
              .arg(branch.size())
              .arg(all);
    return md.toUtf8();
}

QByteArray exportJson(const store::ConversationStore& store, qint64 conversationId, const QString& catalogId) {
    return QJsonDocument(conversationJson(store, conversationId, catalogId)).toJson(QJsonDocument::Indented);
}

QByteArray exportBundle(const store::ConversationStore& store, qint64 conversationId, const QString& catalogId) {
    QJsonObject root = conversationJson(store, conversationId, catalogId);
    QByteArray stored;
    if (const std::optional<store::SnapshotInfo> snap = store.latestSnapshot(conversationId)) {
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
    const QByteArray json = QJsonDocument(root).toJson(QJsonDocument::Compact);
    QByteArray out;
    out.reserve(kHeaderBytes + json.size() + stored.size() + kHashBytes);
    out.append(kBundleMagic, 8);
    putU32(out, kBundleVersion);
    putU32(out, 0);
    putU64(out, quint64(json.size()));
    putU64(out, quint64(stored.size()));
    out.append(json);
    out.append(stored);
    out.append(QCryptographicHash::hash(out, QCryptographicHash::Sha256));
    return out;
}

const char* modelFileKind(const QByteArray& head) {
    if (head.startsWith("PK\x03\x04")) return "PyTorch .pth";
    if (head.startsWith("GGUF")) return "GGUF";
    if (head.size() >= 4 && qFromLittleEndian<quint32>(head.constData()) == 0x67676D66u) return "rwkv.cpp .bin";
    if (head.size() >= 10 && head.mid(8, 2) == QByteArrayLiteral("{\"")) return "safetensors";
    return nullptr;
}

// A UTF-8 byte order mark, as Windows Notepad and "UTF-8 with BOM" editors write before a JSON export they saved: a
// JSON export edited there was refused as "neither an RWKV Desktop bundle nor a JSON export" (new-user trial,
// session 16). JSON text may start with one (RFC 8259 §8.1: parsers may ignore it).
static QByteArray withoutBom(const QByteArray& bytes) {
    return bytes.startsWith("\xEF\xBB\xBF") ? bytes.mid(3) : bytes;
}

bool isNeitherBundleNorJson(const QByteArray& head) {
    const QByteArray text = withoutBom(head).trimmed();
    return !head.startsWith("RWKV") && !text.isEmpty() && !text.startsWith('{');
}

QByteArray readConversationFile(QIODevice& file) {
    const QByteArray head = file.peek(kHeaderBytes);
    if (const char* model = modelFileKind(head))
        bad(std::string("this is a model file (") + model + "), not a conversation (open models with the model "
            "button or on the Models page)");
    if (head.startsWith(QByteArray(kBundleMagic, 8)) && head.size() == kHeaderBytes) {
        const quint64 expected = quint64(kHeaderBytes) + qFromLittleEndian<quint64>(head.constData() + 16) +
                                 qFromLittleEndian<quint64>(head.constData() + 24) + quint64(kHashBytes);
        if (!file.isSequential() && expected != quint64(file.size()))
            bad("the bundle is truncated or has extra bytes (" + std::to_string(file.size()) +
                " bytes, its header says " + std::to_string(expected) + ")");
    } else if (isNeitherBundleNorJson(head)) {
        bad("this is neither an RWKV Desktop bundle (.rwkvchat) nor a JSON export");
    }
    return file.readAll();
}

ParsedConversation parseConversationFile(const QByteArray& file) {
    ParsedConversation parsed;
    ImportResult& result = parsed.info;
    store::ConversationImport& data = parsed.data;
    if (file.startsWith(QByteArray(kBundleMagic, 4))) {  // "RWKV": a bundle (perhaps of another version)
        if (file.size() < kHeaderBytes + kHashBytes) bad("the bundle is truncated (" + std::to_string(file.size()) + " bytes)");
        if (!file.startsWith(QByteArray(kBundleMagic, 8))) bad("this is not a conversation bundle");
        const auto* h = reinterpret_cast<const uchar*>(file.constData());
        const quint32 version = qFromLittleEndian<quint32>(h + 8);
        if (version > quint32(kBundleVersion))
            bad("the bundle was written by a newer RWKV Desktop (bundle version " + std::to_string(version) + ")");
        if (version != quint32(kBundleVersion)) bad("the bundle version " + std::to_string(version) + " is unknown");
        const quint64 jsonBytes = qFromLittleEndian<quint64>(h + 16);
        const quint64 snapBytes = qFromLittleEndian<quint64>(h + 24);
        const quint64 expected = quint64(kHeaderBytes) + jsonBytes + snapBytes + quint64(kHashBytes);
        if (jsonBytes > quint64(file.size()) || snapBytes > quint64(file.size()) || expected != quint64(file.size()))
            bad("the bundle is truncated or has extra bytes (" + std::to_string(file.size()) + " bytes, its header says " +
                std::to_string(expected) + ")");
        const QByteArray body = file.left(file.size() - kHashBytes);
        if (QCryptographicHash::hash(body, QCryptographicHash::Sha256) != file.right(kHashBytes))
            bad("the bundle's checksum does not match (the file is damaged)");
        data = parseJson(file.mid(kHeaderBytes, qsizetype(jsonBytes)), &result.model);
        const QJsonObject snap =
            QJsonDocument::fromJson(file.mid(kHeaderBytes, qsizetype(jsonBytes))).object().value("snapshot").toObject();
        if (snapBytes > 0) {
            if (snap.isEmpty()) bad("the bundle has state bytes but no description of them");
            store::NewSnapshot s;
            s.message_id = snap.value("message").toInteger(-1);  // -1 (not a message id) when it is not a number
            s.tags = {snap.value("fingerprint").toString(), snap.value("weight_dtype").toString(),
                      snap.value("backend").toString()};
            s.payload.codec = store::SnapshotCodec(snap.value("codec").toInt(-1));
            s.payload.raw_size = snap.value("raw_size").toInteger(-1);
            s.payload.bytes = file.mid(kHeaderBytes + qsizetype(jsonBytes), qsizetype(snapBytes));
            if (s.tags.fingerprint.isEmpty() || s.payload.raw_size < 0 ||
                snap.value("stored_size").toInteger(-1) != qint64(snapBytes))
                bad("the bundle's state description is incomplete");
            try {  // the state must decode: a damaged one is refused here, not at the first reply
                const auto* bytes = reinterpret_cast<const std::byte*>(s.payload.bytes.constData());
                store::decodeSnapshot(std::span<const std::byte>(bytes, std::size_t(s.payload.bytes.size())),
                                      int(s.payload.codec), std::uint64_t(s.payload.raw_size));
            } catch (const store::CodecError& e) {
                bad(std::string("the bundle's state is damaged: ") + e.what());
            }
            data.snapshot = s;
            result.withState = true;
            result.model.fingerprint = s.tags.fingerprint;
        }
    } else {
        const QByteArray json = withoutBom(file);
        if (json.trimmed().isEmpty()) bad("the file is empty");
        if (!json.trimmed().startsWith('{'))  // not JSON at all: a model file, a picture, random bytes
            bad("this is neither an RWKV Desktop bundle (.rwkvchat) nor a JSON export");
        data = parseJson(json, &result.model);
    }
    result.messages = int(data.messages.size());
    result.title = data.conversation.title;
    return parsed;
}

ImportResult importConversation(store::ConversationStore& store, const ParsedConversation& parsed,
                                OnDuplicate onDuplicate, const QString& copyTitle) {
    ImportResult result = parsed.info;
    try {
        const qint64 existing = store.findImported(parsed.data);
        if (existing != 0 && onDuplicate == OnDuplicate::OpenExisting) {
            result.conversationId = existing;
            result.alreadyPresent = true;
            if (const std::optional<store::Conversation> c = store.conversation(existing)) result.title = c->title;
            return result;
        }
        if (existing == 0) {
            result.conversationId = store.importConversation(parsed.data);
        } else {
            store::ConversationImport copy = parsed.data;
            copy.conversation.title = !copyTitle.isEmpty() ? copyTitle : parsed.data.conversation.title + " (copy)";
            result.title = copy.conversation.title;
            result.conversationId = store.importConversation(copy);
        }
    } catch (const store::StoreError& e) {
        if (e.code() == 0) {  // the store's own words about the file's content, without its "import: " prefix
            const std::string what = e.what();
            bad(what.rfind("import: ", 0) == 0 ? what.substr(8) : what);
        }
        throw ImportError("nothing was imported: " + e.userMessage());  // the database's state, in words for people
    }
    return result;
}

ImportResult importConversation(store::ConversationStore& store, const QByteArray& file) {
    return importConversation(store, parseConversationFile(file));
}

}  // namespace rwkv::app
