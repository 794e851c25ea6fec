// test_export.cpp — Markdown, JSON and bundle export; a bundle imported into another database continues from its
// state with zero re-prefill and the very next reply of an uninterrupted run; a JSON export round-trips the whole
// tree; damaged, truncated, newer or foreign files import nothing. Code: app/core/conversation_export.*
#include <QTemporaryDir>
#include <QtEndian>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

#include "chat_session.h"
#include "conversation_export.h"
#include "store/conversation_store.h"
#include "store/snapshot_codec.h"
#include "whole_file_write.h"

#include <csignal>

#include <sys/resource.h>

using namespace rwkv;
using namespace rwkv::app;

class TestExport : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void markdownShowsTheNewestBranch();
    void markdownShowsTheBranchViewedLast();
    void markdownClosesACodeBlockLeftOpen();
    void jsonRoundTripsTheTree();
    void bundleContinuesOnAnotherMachine();
    void damagedFilesImportNothing_data();
    void damagedFilesImportNothing();
    void damagedStateIsLeftOut_data();
    void damagedStateIsLeftOut();
    void goodBundleAfterItsDamagedCopyAddsItsState();
    void unknownCodecIsNotCalledDamage();
    void importingTheSameFileTwiceOpensTheFirstImport();
    void untitledImportIsTitledByItsFirstQuestion_data();
    void untitledImportIsTitledByItsFirstQuestion();
    void wholeFileWriteKeepsTheOldFileWhenTheDiskIsFull();
    void firstSystemMessageBecomesTheInstructions();

private:
    ChatParams seeded() const {
        ChatParams p;
        p.sampler.temperature = 1.0f;
        p.sampler.top_p = 1.0f;
        p.sampler.seed = 99;
        p.maxTokens = 16;
        return p;
    }
    /// A conversation with a system prompt, two turns, a regenerated reply and a think mode.
    qint64 makeConversation(store::ConversationStore& store, ChatSession& session) {
        const qint64 c = store.createConversation(QStringLiteral("Export me"), QStringLiteral("Be kind."));
        store.setSamplingPreset(c, QStringLiteral("precise"));
        session.send(c, ChatSession::kNewestBranch, QStringLiteral("First *question*"), seeded());
        const TurnStats t2 = session.send(c, ChatSession::kNewestBranch, QStringLiteral("第二个问题"), seeded());
        session.regenerate(c, t2.assistantMessageId, seeded());
        return c;
    }

    QTemporaryDir tmp_;
    std::unique_ptr<Model> model_;
    std::unique_ptr<Tokenizer> tokenizer_;
};

void TestExport::initTestCase() {
    QVERIFY(tmp_.isValid());
    model_ = Model::load(RWKV_TESTDATA_DIR "/tiny-rwkv7-834K.pth");
    tokenizer_ = tokenizer_for_vocab_size(256, RWKV_TESTDATA_DIR "/rwkv_vocab_v20230424.txt");
}

void TestExport::markdownShowsTheNewestBranch() {
    store::ConversationStore store(QStringLiteral(":memory:"));
    ChatSession session(store, *model_, *tokenizer_);
    const qint64 c = makeConversation(store, session);
    const QString md = QString::fromUtf8(exportMarkdown(store, c));
    QVERIFY(md.startsWith(QStringLiteral("# Export me\n\n> **System:** Be kind.\n\n**User:** First *question*\n\n")));
    const QList<store::Message> newest = store.messages(c);
    // Its seeded reply ran to the 16-token limit, and the export says so (since session 30).
    QCOMPARE(newest.back().token_count, 16);
    QCOMPARE(newest.back().end, store::ReplyEnd::LengthLimit);
    QVERIFY(md.contains(QStringLiteral("**Assistant:** ") + newest.back().text +
                        QStringLiteral(" *(reached the length limit)*\n\n---\n")));
    QVERIFY(md.contains(QStringLiteral("the newest branch, 4 of 5 messages")));
    QVERIFY_THROWS_EXCEPTION(ImportError, exportMarkdown(store, 999));
}

// The Markdown export is the branch the app shows (the version viewed last, as `rwkv-cli chat --conversation`
// continues it), not always the newest one; its last line says which.
void TestExport::markdownShowsTheBranchViewedLast() {
    store::ConversationStore store(QStringLiteral(":memory:"));
    const qint64 c = store.createConversation(QStringLiteral("Two answers"));
    const qint64 q = store.addMessage(c, 0, store::Role::User, QStringLiteral("Which one?"));
    const qint64 first = store.addMessage(c, q, store::Role::Assistant, QStringLiteral("The first answer"));
    store.addMessage(c, q, store::Role::Assistant, QStringLiteral("The regenerated answer"));
    const QString newest = QString::fromUtf8(exportMarkdown(store, c));
    QVERIFY(newest.contains(QStringLiteral("**Assistant:** The regenerated answer\n\n---\n")));
    QVERIFY(newest.contains(QStringLiteral("; the newest branch, 2 of 3 messages.")));
    store.setViewedBranch(c, first);  // ‹ 1/2 › in the app
    const QString viewed = QString::fromUtf8(exportMarkdown(store, c));
    QVERIFY2(viewed.contains(QStringLiteral("**Assistant:** The first answer\n\n---\n")), qPrintable(viewed));
    QVERIFY2(viewed.contains(QStringLiteral("; the branch viewed last in the app, 2 of 3 messages.")), qPrintable(viewed));
}

// A reply stopped (or cut) inside a code block: the export closes the block with the opener's fence before the end
// mark. Before (session 29's check, R1), " *(stopped)*" went into the code, and the open block swallowed the "---"
// and the footer.
void TestExport::markdownClosesACodeBlockLeftOpen() {
    store::ConversationStore store(QStringLiteral(":memory:"));
    const qint64 c = store.createConversation(QStringLiteral("Code"));
    const auto stop = [&](qint64 id, const QString& text) {
        store.saveTurnResult(c, id, text, 0, {}, {}, {}, true, store::ReplyEnd::Stopped);
    };
    const QString loop = QStringLiteral("Here:\n```python\nfor i in range(3):\n    print(i");
    const qint64 q1 = store.addMessage(c, 0, store::Role::User, QStringLiteral("A loop?"));
    const qint64 a1 = store.addMessage(c, q1, store::Role::Assistant, loop);
    stop(a1, loop);
    // A tilde block of 4 holding a backtick block; "~~~" is too short to close it. Unfinished (no end saved).
    const QString tildes = QStringLiteral("Like this:\n~~~~\n```\nx = 1\n```\n~~~\n");
    const qint64 q2 = store.addMessage(c, a1, store::Role::User, QStringLiteral("With tildes?"));
    const qint64 a2 = store.addMessage(c, q2, store::Role::Assistant, tildes, false);
    // Closed blocks, and a first line of backticks (it follows "**Assistant:** ", no block opens there): unchanged.
    const QString closed = QStringLiteral("```\nYes:\n  ```sh\ncode\n  ````  \nDone");
    const qint64 q3 = store.addMessage(c, a2, store::Role::User, QStringLiteral("Closed?"));
    const qint64 a3 = store.addMessage(c, q3, store::Role::Assistant, closed);
    stop(a3, closed);
    const QString md = QString::fromUtf8(exportMarkdown(store, c));
    QVERIFY2(md.contains(QStringLiteral("**Assistant:** ") + loop +
                         QStringLiteral("\n```\n*(stopped)*\n\n**User:** With tildes?\n\n")),
             qPrintable(md));
    QVERIFY2(md.contains(QStringLiteral("**Assistant:** ") + tildes +
                         QStringLiteral("~~~~\n*(unfinished)*\n\n**User:** Closed?\n\n")),
             qPrintable(md));
    QVERIFY2(md.contains(QStringLiteral("**Assistant:** ") + closed + QStringLiteral(" *(stopped)*\n\n---\n*Exported")),
             qPrintable(md));
}

void TestExport::jsonRoundTripsTheTree() {
    store::ConversationStore store(QStringLiteral(":memory:"));
    ChatSession session(store, *model_, *tokenizer_);
    const qint64 c = makeConversation(store, session);
    {  // the first reply as stopped, the second as cut by the length limit and the regenerated one as cut by a
       // close: how each ended travels too
        const QList<store::Message> all = store.allMessages(c);
        store.saveTurnResult(c, all[1].id, all[1].text, all[1].token_count, all[1].readouts, {}, {}, true,
                             store::ReplyEnd::Stopped);
        store.saveTurnResult(c, all[3].id, all[3].text, all[3].token_count, all[3].readouts, {}, {}, true,
                             store::ReplyEnd::LengthLimit);
        store.saveTurnResult(c, all[4].id, all[4].text, all[4].token_count, all[4].readouts, {}, {}, true,
                             store::ReplyEnd::Closed);
        const QString md = QString::fromUtf8(exportMarkdown(store, c));
        QVERIFY2(md.contains(all[1].text + QStringLiteral(" *(stopped)*\n\n")), qPrintable(md));
        QVERIFY2(md.contains(all[4].text + QStringLiteral(" *(cut off when the program writing it was closed)*\n\n")),
                 qPrintable(md));
        store.setViewedBranch(c, all[3].id);  // the branch of the reply cut by the length limit
        const QString viewed = QString::fromUtf8(exportMarkdown(store, c));
        QVERIFY2(viewed.contains(all[3].text + QStringLiteral(" *(reached the length limit)*\n\n")), qPrintable(viewed));
        const QJsonArray messages =
            QJsonDocument::fromJson(exportJson(store, c, QString())).object().value(QStringLiteral("messages")).toArray();
        QCOMPARE(messages.at(3).toObject().value(QStringLiteral("end")).toString(), QStringLiteral("length"));
        store.setViewedBranch(c, all[4].id);
    }
    const QByteArray json = exportJson(store, c, QStringLiteral("catalog-id"));
    store::ConversationStore other(QStringLiteral(":memory:"));
    const ImportResult r = importConversation(other, json);
    QCOMPARE(r.messages, 5);
    QVERIFY(!r.withState);
    QCOMPARE(r.model.catalogId, QStringLiteral("catalog-id"));
    const store::Conversation back = *other.conversation(r.conversationId);
    QCOMPARE(back.title, QStringLiteral("Export me"));
    QCOMPARE(back.system_prompt, QStringLiteral("Be kind."));
    QCOMPARE(back.sampling_preset, QStringLiteral("precise"));
    const QList<store::Message> a = store.allMessages(c), b = other.allMessages(r.conversationId);
    QCOMPARE(b.size(), a.size());
    QHash<qint64, qint64> map;  // old id -> new id
    for (int i = 0; i < a.size(); ++i) {
        map.insert(a[i].id, b[i].id);
        QCOMPARE(b[i].parent_id, a[i].parent_id ? map.value(a[i].parent_id) : 0);
        QCOMPARE(b[i].role, a[i].role);
        QCOMPARE(b[i].text, a[i].text);
        QCOMPARE(b[i].created_at, a[i].created_at);
        QCOMPARE(b[i].finished, a[i].finished);
        QCOMPARE(b[i].end, a[i].end);
        QCOMPARE(b[i].token_count, a[i].token_count);
        QCOMPARE(b[i].readouts.decode_ms, a[i].readouts.decode_ms);
        QCOMPARE(b[i].readouts.state_source, a[i].readouts.state_source);
    }
    QCOMPARE(b[1].end, store::ReplyEnd::Stopped);
    QCOMPARE(b[3].end, store::ReplyEnd::LengthLimit);
    QCOMPARE(b[4].end, store::ReplyEnd::Closed);
    QCOMPARE(other.search(QStringLiteral("第二个")).size(), 1);
    // Without a state the imported conversation continues by re-reading its text.
    ChatSession s2(other, *model_, *tokenizer_);
    const TurnStats t = s2.send(r.conversationId, ChatSession::kNewestBranch, QStringLiteral("Go on"), seeded());
    QCOMPARE(t.source, StateSource::Reprefill);
}

void TestExport::bundleContinuesOnAnotherMachine() {
    store::ConversationStore store(tmp_.filePath(QStringLiteral("sender.sqlite")));
    ChatSession session(store, *model_, *tokenizer_);
    session.setModelName(QStringLiteral("tiny-rwkv7-834K.pth"));
    const qint64 c = makeConversation(store, session);
    const QByteArray bundle = exportBundle(store, c, QString());
    QVERIFY(bundle.startsWith(QByteArray("RWKVCB01")));
    // What the sender's next reply would be.
    const TurnStats expected = session.send(c, ChatSession::kNewestBranch, QStringLiteral("And then?"), seeded());

    store::ConversationStore receiver(tmp_.filePath(QStringLiteral("receiver.sqlite")));
    const ImportResult r = importConversation(receiver, bundle);
    QVERIFY(r.withState);
    QCOMPARE(r.model.fingerprint, QString::fromStdString(model_->fingerprint().to_string()));
    QCOMPARE(r.model.fileName, QStringLiteral("tiny-rwkv7-834K.pth"));
    QCOMPARE(receiver.snapshots(r.conversationId).size(), 1);
    QCOMPARE(receiver.snapshots(r.conversationId)[0].message_id, receiver.messages(r.conversationId).back().id);
    ChatSession other(receiver, *model_, *tokenizer_);
    const TurnStats t = other.send(r.conversationId, ChatSession::kNewestBranch, QStringLiteral("And then?"), seeded());
    QCOMPARE(t.source, StateSource::SavedState);  // instant: no re-prefill
    QCOMPARE(t.prefillTokens, expected.prefillTokens);
    QCOMPARE(t.reply, expected.reply);
}

namespace {

qsizetype jsonBytesOf(const QByteArray& file) { return qsizetype(qFromLittleEndian<quint64>(file.constData() + 16)); }
qsizetype stateBytesOf(const QByteArray& file) { return qsizetype(qFromLittleEndian<quint64>(file.constData() + 24)); }
QJsonObject jsonOf(const QByteArray& file) { return QJsonDocument::fromJson(file.mid(32, jsonBytesOf(file))).object(); }

/// The bundle `file` made again with this JSON and state: the header's lengths, the text checksum (where the JSON has
/// one) and the SHA-256 follow.
QByteArray rebuilt(const QByteArray& file, const QJsonObject& root, const QByteArray& state) {
    const QByteArray json = withTextChecksum(QJsonDocument(root).toJson(QJsonDocument::Compact));
    QByteArray out = file.left(32);
    qToLittleEndian<quint64>(quint64(json.size()), out.data() + 16);
    qToLittleEndian<quint64>(quint64(state.size()), out.data() + 24);
    out += json + state;
    return out + QCryptographicHash::hash(out, QCryptographicHash::Sha256);
}

/// The bundle `file` with its state stored Raw (codec 0: the state blob as it is, XXH3 at its end) instead of zstd:
/// its JSON's description and header lengths follow, the checksums are made again.
QByteArray withRawState(const QByteArray& file) {
    QJsonObject root = jsonOf(file);
    QJsonObject snap = root.value(QStringLiteral("snapshot")).toObject();
    const QByteArray stored = file.mid(32 + jsonBytesOf(file), stateBytesOf(file));
    const std::vector<std::byte> raw = store::decodeSnapshot(
        std::span(reinterpret_cast<const std::byte*>(stored.constData()), std::size_t(stored.size())),
        snap.value(QStringLiteral("codec")).toInt(), std::uint64_t(snap.value(QStringLiteral("raw_size")).toInteger()));
    const QByteArray blob(reinterpret_cast<const char*>(raw.data()), qsizetype(raw.size()));
    snap.insert(QStringLiteral("codec"), 0);
    snap.insert(QStringLiteral("stored_size"), blob.size());
    root.insert(QStringLiteral("snapshot"), snap);
    return rebuilt(file, root, blob);
}

/// One byte in the middle of the bundle's state flipped; the SHA-256 left as it was (the file damaged after export).
void flipStateByte(QByteArray& file) {
    const qsizetype at = 32 + jsonBytesOf(file) + stateBytesOf(file) / 2;
    file[at] = char(file[at] ^ 0x10);
}

}  // namespace

void TestExport::damagedFilesImportNothing_data() {
    QTest::addColumn<QString>("damage");
    QTest::addColumn<QString>("message");
    // A byte of the text (or of the hash) changed: the state checks out on its own, so the damage is elsewhere
    QTest::newRow("flipped byte in the text") << "flip" << "checksum";
    QTest::newRow("flipped byte in the checksum") << "fliphash" << "checksum";
    // Session 36's check: a byte of the state and one of the title, the SHA-256 as exported, came in as "Iello there"
    // (only the state said damaged): the text checksum does not match.
    QTest::newRow("flipped bytes in the state and the title") << "flipstatetitle" << "checksum";
    QTest::newRow("flipped bytes in the state and the text checksum") << "flipstatesum" << "checksum";
    // A bundle made before the text checksum: its text cannot vouch for itself once the SHA-256 fails.
    QTest::newRow("no text checksum, flipped byte in the state") << "oldflipstate" << "checksum";
    QTest::newRow("truncated") << "truncate" << "truncated";
    QTest::newRow("extra bytes") << "append" << "extra bytes";
    // Session 27's trial, N2: the two lengths of a header of all 0xff added up past 2^64 and the reason said "62";
    // then (in 128 bits) "36893488147419103294", a sum no part of the file states. Each part is checked against the
    // file before any sum (session 54's trial: a JSON part of 2^63 + 919 bytes said "its header says
    // 9223372036854776791").
    QTest::newRow("header lengths all 0xff")
        << "hugelengths" << "its header says its JSON part is 18446744073709551615 bytes, more than the whole file (";
    QTest::newRow("state length near 2^63")
        << "hugestate" << "its header says its state part is 9223372036854776727 bytes, more than the whole file (";
    QTest::newRow("newer version") << "version" << "newer RWKV Desktop";
    QTest::newRow("not a bundle") << "magic" << "not a conversation bundle";
    QTest::newRow("tiny") << "tiny" << "truncated";
    QTest::newRow("bad json") << "json" << "JSON is damaged";
    QTest::newRow("foreign json") << "foreign" << "not an RWKV Desktop conversation";
    QTest::newRow("empty file") << "empty" << "the file is empty";
    QTest::newRow("random bytes") << "random" << "neither an RWKV Desktop bundle (.rwkvchat) nor a JSON export";
    QTest::newRow("no conversation object") << "noconv" << "the conversation is missing";
    QTest::newRow("orphan message") << "orphan" << "parent that does not come before it";
    // Session 36's trial: "message 8" alone where its "id" was 999 — the id is what a user finds in the file.
    QTest::newRow("orphan with its own id") << "orphanid"
                                            << "message 1 (id 999) names a parent that does not come before it;";
    QTest::newRow("no message list") << "nomessages" << "the message list is missing";
    QTest::newRow("messages not a list") << "messagestext" << "\"messages\" is not a list";
    // Session 23's trial, T9: "messages": [] was imported as an empty conversation (the app never exports one).
    QTest::newRow("no messages") << "emptymessages" << "the conversation holds no messages";
    // Imported before session 19 (and shown: "-5 tokens").
    QTest::newRow("negative token count") << "tokens" << "message 2: \"token_count\" is negative (it counts tokens)";
    QTest::newRow("negative prefill tokens") << "prefill" << "message 2: \"prefill_tokens\" is negative";
    QTest::newRow("title not text") << "titlenumber" << "the conversation: \"title\" is not text";
    // Session 26's trial, F10: the unknown role "" and "has no text" for a number.
    QTest::newRow("role a number") << "rolenumber"
                                   << "message 1: \"role\" is a number (12345), not \"user\", \"assistant\" or \"system\"";
    QTest::newRow("no role") << "norole" << "message 1 has no role;";
    QTest::newRow("text a number") << "textnumber" << "message 1: \"text\" is a number (123), not text";
    QTest::newRow("text a list") << "textlist" << "message 1: \"text\" is a list ([\"a\"]), not text";
}

void TestExport::damagedFilesImportNothing() {
    QFETCH(QString, damage);
    QFETCH(QString, message);
    store::ConversationStore store(QStringLiteral(":memory:"));
    ChatSession session(store, *model_, *tokenizer_);
    const qint64 c = makeConversation(store, session);
    QByteArray file = exportBundle(store, c, QString());
    auto rehash = [&] {
        file.chop(32);
        file.append(QCryptographicHash::hash(file, QCryptographicHash::Sha256));
    };
    if (damage == "flip") {  // in "第二个问题", 问 (E9 97 AE) becomes U+95EF (E9 97 AF): the JSON still reads
        const qsizetype at = file.indexOf(QStringLiteral("第二个问题").toUtf8()) + 11;
        QVERIFY(at > 32 && at < 32 + qFromLittleEndian<qint64>(file.constData() + 16));
        file[at] = char(file[at] ^ 1);
    }
    if (damage == "fliphash") file[file.size() - 1] = char(file[file.size() - 1] ^ 1);
    if (damage == "flipstatetitle" || damage == "flipstatesum") {  // "Export me" -> "Dxport me"; a digit '0'<->'1'
        const qsizetype at = damage == "flipstatetitle" ? file.indexOf("\"Export me\"") + 1
                                                        : file.indexOf("\"text_sha256\":\"") + 15;
        QVERIFY(at > 32 && at < 32 + jsonBytesOf(file));
        file[at] = char(file[at] ^ 1);
        flipStateByte(file);
    }
    if (damage == "oldflipstate") {
        QJsonObject root = jsonOf(file);
        QVERIFY(root.contains(QStringLiteral("text_sha256")));
        root.remove(QStringLiteral("text_sha256"));
        file = rebuilt(file, root, file.mid(32 + jsonBytesOf(file), stateBytesOf(file)));
        flipStateByte(file);
    }
    if (damage == "truncate") file.chop(1000);
    if (damage == "append") file.append("x");
    if (damage == "version") {
        qToLittleEndian<quint32>(quint32(kBundleVersion) + 1, file.data() + 8);  // 3: version 2 is read since session 48
        rehash();
    }
    if (damage == "magic") file[7] = '9';
    if (damage == "hugelengths") std::fill(file.begin() + 16, file.begin() + 32, char(0xff));
    if (damage == "hugestate") qToLittleEndian<quint64>((quint64(1) << 63) + 919, file.data() + 24);
    if (damage == "tiny") file = file.left(20);
    if (damage == "json") file = "{\"format\": \"rwkv-desktop-conversation\", ";
    if (damage == "foreign") file = "{\"messages\": []}";
    if (damage == "empty") file.clear();
    if (damage == "random") file = QByteArray("PK\x03\x04 a model file, not a conversation", 40);
    if (damage == "noconv") file = "{\"format\": \"rwkv-desktop-conversation\", \"version\": 1, \"messages\": []}";
    if (damage == "orphan") {
        file = exportJson(store, c);
        file.replace("\"parent\": null", "\"parent\": 12345");
    }
    if (damage == "orphanid") {
        QJsonObject root = QJsonDocument::fromJson(exportJson(store, c)).object();
        QJsonArray list = root.value(QStringLiteral("messages")).toArray();
        QJsonObject first = list.at(0).toObject();
        first.insert(QStringLiteral("id"), 999);
        first.insert(QStringLiteral("parent"), 12345);
        list.replace(0, first);
        root.insert(QStringLiteral("messages"), list);
        file = QJsonDocument(root).toJson();
    }
    if (damage == "nomessages" || damage == "messagestext" || damage == "emptymessages") {
        QJsonObject root = QJsonDocument::fromJson(exportJson(store, c)).object();
        QVERIFY(root.value(QStringLiteral("messages")).isArray());
        if (damage == "nomessages") root.remove(QStringLiteral("messages"));
        else if (damage == "messagestext") root.insert(QStringLiteral("messages"), QStringLiteral("hello"));
        else root.insert(QStringLiteral("messages"), QJsonArray());
        file = QJsonDocument(root).toJson();
    }
    if (damage == "tokens" || damage == "prefill" || damage == "titlenumber") {
        QJsonObject root = QJsonDocument::fromJson(exportJson(store, c)).object();
        QJsonArray messages = root.value(QStringLiteral("messages")).toArray();
        QJsonObject reply = messages[1].toObject();
        QJsonObject readouts = reply.value(QStringLiteral("readouts")).toObject();
        if (damage == "tokens") reply.insert(QStringLiteral("token_count"), -5);
        if (damage == "prefill") readouts.insert(QStringLiteral("prefill_tokens"), -3);
        reply.insert(QStringLiteral("readouts"), readouts);
        messages[1] = reply;
        root.insert(QStringLiteral("messages"), messages);
        if (damage == "titlenumber") {
            QJsonObject conv = root.value(QStringLiteral("conversation")).toObject();
            conv.insert(QStringLiteral("title"), 5);
            root.insert(QStringLiteral("conversation"), conv);
        }
        file = QJsonDocument(root).toJson();
    }
    if (damage == "rolenumber" || damage == "norole" || damage == "textnumber" || damage == "textlist") {
        QJsonObject root = QJsonDocument::fromJson(exportJson(store, c)).object();
        QJsonArray messages = root.value(QStringLiteral("messages")).toArray();
        QJsonObject first = messages[0].toObject();
        if (damage == "rolenumber") first.insert(QStringLiteral("role"), 12345);
        if (damage == "norole") first.remove(QStringLiteral("role"));
        if (damage == "textnumber") first.insert(QStringLiteral("text"), 123);
        if (damage == "textlist") first.insert(QStringLiteral("text"), QJsonArray{QStringLiteral("a")});
        messages[0] = first;
        root.insert(QStringLiteral("messages"), messages);
        file = QJsonDocument(root).toJson();
    }
    store::ConversationStore target(QStringLiteral(":memory:"));
    const qint64 existing = target.createConversation(QStringLiteral("already here"));
    try {
        importConversation(target, file);
        QFAIL("a damaged file was imported");
    } catch (const ImportError& e) {
        QVERIFY2(QString::fromUtf8(e.what()).contains(message), e.what());
        QVERIFY2(QString::fromUtf8(e.what()).contains(QStringLiteral("nothing was imported")), e.what());
    }
    QCOMPARE(target.listConversations().size(), 1);
    QCOMPARE(target.listConversations()[0].id, existing);
    QCOMPARE(target.allMessages(existing + 1).size(), 0);
    QCOMPARE(target.snapshotBytes(), 0);
}

void TestExport::damagedStateIsLeftOut_data() {
    QTest::addColumn<bool>("raw");     // the state stored as it is (its XXH3 finds the byte), else zstd (its checksum)
    QTest::addColumn<bool>("rehash");  // the bundle's SHA-256 made again: the state was damaged before the export
    QTest::addColumn<QString>("why");
    QTest::newRow("zstd state") << false << false << QStringLiteral("snapshot");
    QTest::newRow("zstd state, checksum redone") << false << true << QStringLiteral("snapshot");
    QTest::newRow("raw state") << true << false << QStringLiteral("state blob checksum mismatch");
    QTest::newRow("raw state, checksum redone") << true << true << QStringLiteral("state blob checksum mismatch");
}

// Session 35's trial: one damaged byte in a bundle's state refused the whole conversation. The state's own checksum
// (its zstd frames', or the state blob's XXH3) shows the damage is in the state: the text comes in, the state is left
// out (said: stateDamage), and the first reply re-reads the text, giving the reply the sender's state gives.
void TestExport::damagedStateIsLeftOut() {
    QFETCH(bool, raw);
    QFETCH(bool, rehash);
    QFETCH(QString, why);
    store::ConversationStore sender(QStringLiteral(":memory:"));
    ChatSession session(sender, *model_, *tokenizer_);
    const qint64 c = makeConversation(sender, session);
    QByteArray file = exportBundle(sender, c, QString());
    if (raw) file = withRawState(file);
    const QList<store::Message> sent = sender.allMessages(c);
    const TurnStats expected = session.send(c, ChatSession::kNewestBranch, QStringLiteral("And then?"), seeded());
    {
        store::ConversationStore check(QStringLiteral(":memory:"));  // whole, it imports with its state
        QVERIFY(importConversation(check, file).withState);
    }
    const qsizetype jsonBytes = qsizetype(qFromLittleEndian<quint64>(file.constData() + 16));
    const qsizetype snapBytes = qsizetype(qFromLittleEndian<quint64>(file.constData() + 24));
    const qsizetype at = 32 + jsonBytes + snapBytes / 2;  // one byte in the middle of the state
    file[at] = char(file[at] ^ 0x10);
    if (rehash) {
        file.chop(32);
        file.append(QCryptographicHash::hash(file, QCryptographicHash::Sha256));
    }

    store::ConversationStore receiver(QStringLiteral(":memory:"));
    const ImportResult r = importConversation(receiver, file);
    QVERIFY(!r.withState);
    QVERIFY2(r.stateDamage.contains(why), qPrintable(r.stateDamage));
    QCOMPARE(r.model.fingerprint, QString::fromStdString(model_->fingerprint().to_string()));  // from the description
    QCOMPARE(receiver.snapshots(r.conversationId).size(), 0);
    const QList<store::Message> got = receiver.allMessages(r.conversationId);
    QCOMPARE(got.size(), sent.size());
    for (qsizetype i = 0; i < got.size(); ++i) QCOMPARE(got[i].text, sent[i].text);
    ChatSession other(receiver, *model_, *tokenizer_);
    const TurnStats t = other.send(r.conversationId, ChatSession::kNewestBranch, QStringLiteral("And then?"), seeded());
    QCOMPARE(t.source, StateSource::Reprefill);
    QCOMPARE(t.reply, expected.reply);
}

// Session 36's check: the good bundle imported after its state-damaged copy said "already imported" and "with_state"
// while the library's copy had no state. It gains the file's state: the next reply continues from it.
void TestExport::goodBundleAfterItsDamagedCopyAddsItsState() {
    store::ConversationStore sender(QStringLiteral(":memory:"));
    ChatSession session(sender, *model_, *tokenizer_);
    const qint64 c = makeConversation(sender, session);
    const QByteArray good = exportBundle(sender, c, QString());
    const TurnStats expected = session.send(c, ChatSession::kNewestBranch, QStringLiteral("And then?"), seeded());
    QByteArray damaged = good;
    flipStateByte(damaged);

    store::ConversationStore receiver(QStringLiteral(":memory:"));
    const ImportResult first = importConversation(receiver, damaged);
    QVERIFY(!first.withState && !first.stateDamage.isEmpty());
    const ImportResult again = importConversation(receiver, damaged);  // the damaged file again: nothing to add
    QVERIFY(again.alreadyPresent && !again.withState && !again.stateAdded);
    const ImportResult r = importConversation(receiver, good);
    QVERIFY(r.alreadyPresent);
    QCOMPARE(r.conversationId, first.conversationId);
    QVERIFY(r.stateAdded);
    QVERIFY(r.withState);
    QCOMPARE(receiver.listConversations().size(), 1);
    QCOMPARE(receiver.snapshots(r.conversationId).size(), 1);
    QCOMPARE(receiver.snapshots(r.conversationId)[0].message_id, receiver.messages(r.conversationId).back().id);
    const ImportResult third = importConversation(receiver, good);  // it has its state now: nothing added
    QVERIFY(third.alreadyPresent && third.withState && !third.stateAdded);
    QCOMPARE(receiver.snapshots(r.conversationId).size(), 1);
    ChatSession other(receiver, *model_, *tokenizer_);
    const TurnStats t = other.send(r.conversationId, ChatSession::kNewestBranch, QStringLiteral("And then?"), seeded());
    QCOMPARE(t.source, StateSource::SavedState);
    QCOMPARE(t.reply, expected.reply);
}

// Session 36's check: a state in a codec this version does not know (99: a newer version's) was called "damaged".
// It is left out all the same, said as an unknown form (stateUnknownCodec), whether the SHA-256 matches or not.
void TestExport::unknownCodecIsNotCalledDamage() {
    store::ConversationStore sender(QStringLiteral(":memory:"));
    ChatSession session(sender, *model_, *tokenizer_);
    const qint64 c = makeConversation(sender, session);
    const QByteArray good = exportBundle(sender, c, QString());
    QJsonObject root = jsonOf(good);
    QJsonObject snap = root.value(QStringLiteral("snapshot")).toObject();
    snap.insert(QStringLiteral("codec"), 99);
    root.insert(QStringLiteral("snapshot"), snap);
    QByteArray file = rebuilt(good, root, good.mid(32 + jsonBytesOf(good), stateBytesOf(good)));
    for (const bool whole : {true, false}) {
        if (!whole) file[file.size() - 1] = char(file[file.size() - 1] ^ 1);
        store::ConversationStore receiver(QStringLiteral(":memory:"));
        const ImportResult r = importConversation(receiver, file);
        QVERIFY(!r.withState);
        QVERIFY(r.stateUnknownCodec);
        QVERIFY2(r.stateDamage.contains(QStringLiteral("99")), qPrintable(r.stateDamage));
        QCOMPARE(receiver.allMessages(r.conversationId).size(), 5);
        QCOMPARE(receiver.snapshots(r.conversationId).size(), 0);
    }
    // A damaged state is not an unknown codec.
    QByteArray damaged = good;
    flipStateByte(damaged);
    store::ConversationStore receiver(QStringLiteral(":memory:"));
    const ImportResult r = importConversation(receiver, damaged);
    QVERIFY(!r.stateDamage.isEmpty());
    QVERIFY(!r.stateUnknownCodec);
}

// A user who opens the same bundle twice gets the conversation the first import made, not an identical second one;
// a copy is made only when asked for, titled so. Renaming it or chatting on in it after the import does not hide it.
void TestExport::importingTheSameFileTwiceOpensTheFirstImport() {
    store::ConversationStore sender(QStringLiteral(":memory:"));
    ChatSession session(sender, *model_, *tokenizer_);
    const qint64 c = makeConversation(sender, session);
    const QByteArray bundle = exportBundle(sender, c, QString());
    const QByteArray json = exportJson(sender, c);

    store::ConversationStore library(tmp_.filePath(QStringLiteral("twice.sqlite")));
    const ImportResult first = importConversation(library, bundle);
    QVERIFY(!first.alreadyPresent);
    const ImportResult again = importConversation(library, bundle);
    QVERIFY(again.alreadyPresent);
    QCOMPARE(again.conversationId, first.conversationId);
    QCOMPARE(again.title, QStringLiteral("Export me"));
    QCOMPARE(library.listConversations().size(), 1);
    QCOMPARE(library.allMessages(first.conversationId).size(), 5);
    QCOMPARE(library.snapshots(first.conversationId).size(), 1);
    // The JSON export of the same conversation is the same conversation.
    QCOMPARE(importConversation(library, json).conversationId, first.conversationId);

    // Renamed and continued after the import: still the one that import made.
    library.renameConversation(first.conversationId, QStringLiteral("My copy of it"));
    ChatSession here(library, *model_, *tokenizer_);
    here.send(first.conversationId, ChatSession::kNewestBranch, QStringLiteral("More"), seeded());
    const ImportResult afterChat = importConversation(library, bundle);
    QVERIFY(afterChat.alreadyPresent);
    QCOMPARE(afterChat.conversationId, first.conversationId);
    QCOMPARE(afterChat.title, QStringLiteral("My copy of it"));
    QCOMPARE(library.listConversations().size(), 1);

    // Asked for: a copy, titled so, with every message and the state.
    const ImportResult copy =
        importConversation(library, parseConversationFile(bundle), OnDuplicate::ImportCopy);
    QVERIFY(!copy.alreadyPresent);
    QVERIFY(copy.conversationId != first.conversationId);
    QCOMPARE(library.conversation(copy.conversationId)->title, QStringLiteral("Export me (copy)"));
    QCOMPARE(library.allMessages(copy.conversationId).size(), 5);
    QCOMPARE(library.snapshots(copy.conversationId).size(), 1);
    QCOMPARE(library.listConversations().size(), 2);

    // Another conversation (a different message) is not a duplicate; one in the trash does not count either.
    QByteArray changed = json;
    changed.replace("First *question*", "First *questions*");
    QVERIFY(!importConversation(library, changed).alreadyPresent);
    library.deleteConversation(first.conversationId);
    library.deleteConversation(copy.conversationId);
    const ImportResult afterTrash = importConversation(library, bundle);
    QVERIFY(!afterTrash.alreadyPresent);
    QVERIFY(afterTrash.conversationId != first.conversationId && afterTrash.conversationId != copy.conversationId);
}

void TestExport::untitledImportIsTitledByItsFirstQuestion_data() {
    QTest::addColumn<QString>("title");     // "missing": no "title" key; "null": JSON null; else the text
    QTest::addColumn<bool>("questions");    // the conversation has its questions (else only a reply)
    QTest::addColumn<QString>("expected");  // the imported title
    // Before session 19 each was imported with an empty title (a blank row in the sidebar; a copy titled " (copy)").
    QTest::newRow("null") << "null" << true << "First *question*";
    QTest::newRow("missing") << "missing" << true << "First *question*";
    QTest::newRow("blank") << " \t " << true << "First *question*";
    QTest::newRow("control characters only") << "\n\x1b" << true << "First *question*";
    // Session 53's trial: nothing to read ("\u200b", "\u3164": drawn as nothing) was kept, an empty row in the sidebar.
    QTest::newRow("nothing to read") << QStringLiteral("\u200b \u3164") << true << "First *question*";
    QTest::newRow("no question") << "null" << false << "Untitled";
    QTest::newRow("a title") << "Kept" << true << "Kept";
}

// A JSON export (edited or written by hand) without a title is titled as the app titles a new chat: the first words
// of its first question (titleFromMessage), else "Untitled"; a copy of it is "<that> (copy)".
void TestExport::untitledImportIsTitledByItsFirstQuestion() {
    QFETCH(QString, title);
    QFETCH(bool, questions);
    QFETCH(QString, expected);
    store::ConversationStore store(QStringLiteral(":memory:"));
    ChatSession session(store, *model_, *tokenizer_);
    const qint64 c = makeConversation(store, session);
    QJsonObject root = QJsonDocument::fromJson(exportJson(store, c)).object();
    QJsonObject conv = root.value(QStringLiteral("conversation")).toObject();
    if (title == "missing") conv.remove(QStringLiteral("title"));
    else if (title == "null") conv.insert(QStringLiteral("title"), QJsonValue::Null);
    else conv.insert(QStringLiteral("title"), title);
    root.insert(QStringLiteral("conversation"), conv);
    if (!questions) {  // the first reply alone, as a first message
        QJsonObject reply = root.value(QStringLiteral("messages")).toArray()[1].toObject();
        reply.insert(QStringLiteral("parent"), QJsonValue::Null);
        root.insert(QStringLiteral("messages"), QJsonArray{reply});
    }
    const QByteArray file = QJsonDocument(root).toJson();
    store::ConversationStore library(QStringLiteral(":memory:"));
    const ImportResult r = importConversation(library, file);
    QCOMPARE(r.title, expected);
    QCOMPARE(library.conversation(r.conversationId)->title, expected);
    const ImportResult copy = importConversation(library, parseConversationFile(file), OnDuplicate::ImportCopy);
    QCOMPARE(library.conversation(copy.conversationId)->title, expected + QStringLiteral(" (copy)"));
}

// Session 48's trial, LOW: a JSON import whose list holds a "system" message (an OpenAI-style list, a hand-made file)
// came in as a message the window showed as a reply, with Regenerate, that no turn reads. First in the chat, it is
// now the chat's instructions (read before it, as the window's "Instructions: …"), and its children are first
// messages; after another message it is refused, naming it; beside other instructions, refused too.
void TestExport::firstSystemMessageBecomesTheInstructions() {
    const auto file = [](const QJsonArray& messages, const QString& instructions = {}) {
        QJsonObject conv{{"title", "Sys"}};
        if (!instructions.isEmpty()) conv.insert(QStringLiteral("system_prompt"), instructions);
        return QJsonDocument(QJsonObject{{"format", "rwkv-desktop-conversation"}, {"version", 1}, {"conversation", conv},
                                         {"messages", messages}})
            .toJson();
    };
    const QJsonObject system{{"id", 1}, {"parent", QJsonValue::Null}, {"role", "system"}, {"text", "Answer in French."}};
    const QJsonObject question{{"id", 2}, {"parent", 1}, {"role", "user"}, {"text", "Hello"}};
    const QJsonObject reply{{"id", 3}, {"parent", 2}, {"role", "assistant"}, {"text", "Bonjour"}};
    store::ConversationStore library(QStringLiteral(":memory:"));
    const ImportResult r = importConversation(library, file({system, question, reply}));
    QCOMPARE(library.conversation(r.conversationId)->system_prompt, QStringLiteral("Answer in French."));
    const QList<store::Message> messages = library.messages(r.conversationId);
    QCOMPARE(messages.size(), 2);
    QCOMPARE(messages[0].role, store::Role::User);
    QCOMPARE(messages[0].parent_id, 0);
    QCOMPARE(messages[1].role, store::Role::Assistant);
    QCOMPARE(messages[1].parent_id, messages[0].id);
    // The same text as the file's instructions: one set, taken once.
    const ImportResult same = importConversation(library, parseConversationFile(file({system, question, reply},
                                                                                   QStringLiteral("Answer in French."))),
                                                 OnDuplicate::ImportCopy);
    QCOMPARE(library.conversation(same.conversationId)->system_prompt, QStringLiteral("Answer in French."));
    const auto refusal = [&](const QByteArray& bytes) {
        try {
            importConversation(library, bytes);
        } catch (const ImportError& e) {
            return QString::fromUtf8(e.what());
        }
        return QStringLiteral("(imported)");
    };
    QJsonObject late = system;
    late.insert(QStringLiteral("id"), 4);
    late.insert(QStringLiteral("parent"), 3);
    QVERIFY2(refusal(file({system, question, reply, late}))
                 .contains(QStringLiteral("message 4 is a system message after message 3: only a chat's first message "
                                          "can be one (it becomes the chat's instructions)")),
             qPrintable(refusal(file({system, question, reply, late}))));
    QJsonObject second = system;  // two first system messages (session 48's second trial: named "system_prompt")
    second.insert(QStringLiteral("id"), 4);
    second.insert(QStringLiteral("text"), QStringLiteral("Be brief."));
    QVERIFY2(refusal(file({system, question, reply, second}))
                 .contains(QStringLiteral("message 4 is a second system message, with other text: a chat keeps one set "
                                          "of instructions")),
             qPrintable(refusal(file({system, question, reply, second}))));
    QVERIFY2(refusal(file({system, question, reply}, QStringLiteral("Be brief.")))
                 .contains(QStringLiteral("message 1 is a system message, and the conversation has other instructions")),
             qPrintable(refusal(file({system, question, reply}, QStringLiteral("Be brief.")))));
}

// writeWholeFile (the app's Export… and rwkv-cli export --out): a write that does not fit (a file-size limit of 16 KiB,
// 64 KiB to write) reports opened but not written and leaves the older file of that name whole, with no temporary file
// beside it; a folder that does not exist is not opened, with QSaveFile's reason; a write that fits replaces the file.
void TestExport::wholeFileWriteKeepsTheOldFileWhenTheDiskIsFull() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("chat.rwkvchat"));
    const QByteArray old("an older export, kept whole");
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        QCOMPARE(f.write(old), old.size());
    }
    const QByteArray big(64 * 1024, 'x');
    rlimit before{};
    QCOMPARE(getrlimit(RLIMIT_FSIZE, &before), 0);
    rlimit small = before;
    small.rlim_cur = 16 * 1024;
    const auto oldHandler = std::signal(SIGXFSZ, SIG_IGN);  // the write fails with EFBIG instead of killing us
    QCOMPARE(setrlimit(RLIMIT_FSIZE, &small), 0);
    const WholeFileWrite full = writeWholeFile(path, big);
    setrlimit(RLIMIT_FSIZE, &before);
    std::signal(SIGXFSZ, oldHandler);
    QVERIFY(full.opened);
    QVERIFY(!full.written);
    QVERIFY(full.openError.isEmpty());
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), old);
    }
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList{QStringLiteral("chat.rwkvchat")});

    const WholeFileWrite missing = writeWholeFile(dir.filePath(QStringLiteral("no-such-folder/chat.md")), old);
    QVERIFY(!missing.opened);
    QVERIFY(!missing.written);
    QVERIFY2(!missing.openError.isEmpty(), "QSaveFile gives a reason");

    const WholeFileWrite fits = writeWholeFile(path, big);
    QVERIFY(fits.opened && fits.written);
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), big);
}

QTEST_GUILESS_MAIN(TestExport)
#include "test_export.moc"
