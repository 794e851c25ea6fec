// test_store_continued_from.cpp — messages.continued_from (schema v10): the version a reply was continued from, so
// that its readout says "8 more tokens" rather than "8 tokens" under the whole text. A v9 file migrates with every row
// kept and none continued; beginReply keeps the link and refuses one that is no reply to the same question; a chat made
// from here keeps it; a JSON export and a bundle carry it renumbered, and an older file (no field), one naming no
// earlier reply, or an export of a made chat import without it. Code: app/core/store/schema.cpp,
// conversation_store_messages.cpp, conversation_store_fork.cpp, app/core/conversation_export.cpp.
#include <QCryptographicHash>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include "conversation_export.h"
#include "store/conversation_store.h"
#include "store/database.h"
#include "store/migrations.h"
#include "store/schema.h"
#include "store/store_error.h"

using namespace rwkv;
using namespace rwkv::store;

namespace {

QByteArray fileHash(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256) : QByteArray();
}

/// A chat of one question, its reply cut at the length limit and that reply continued: {conversation, cut, continued}.
struct Continued {
    qint64 conversation = 0, question = 0, cut = 0, continued = 0;
};

Continued chatWithAContinuedReply(ConversationStore& store) {
    Continued c;
    c.conversation = store.createConversation(QStringLiteral("Story"));
    const auto [question, cut] = store.beginTurn(c.conversation, 0, QStringLiteral("Tell me a story"));
    c.question = question;
    c.cut = cut;
    Readouts r;
    r.decode_ms = 100;
    store.saveTurnResult(c.conversation, cut, QStringLiteral("The cat sat on the"), 20, r, {}, {}, true,
                         ReplyEnd::LengthLimit);
    c.continued = store.beginReply(c.conversation, question, cut);
    store.saveTurnResult(c.conversation, c.continued, QStringLiteral("The cat sat on the warm mat."), 8, r, {});
    return c;
}

/// The messages of an export, as a JSON list (exportJson's "messages").
QJsonArray exportedMessages(const QByteArray& json) {
    return QJsonDocument::fromJson(json).object().value(QStringLiteral("messages")).toArray();
}

}  // namespace

class TestStoreContinuedFrom : public QObject {
    Q_OBJECT

private slots:
    void version9FileGetsContinuedFrom();
    void onlyAReplyToTheSameQuestionCanBeContinuedFrom();
    void aChatMadeFromHereKeepsIt();
    void exportAndBundleCarryItRenumbered();
    void filesWithoutItImportAsNotContinued();
};

// A v9 file (before messages.continued_from) is backed up and migrates to v10 with every row kept, none continued (0:
// read as a reply written whole, as v9 showed it); a version continued after the upgrade names its cut one, also after
// the file is opened again. v9's ladder refuses the v10 file untouched, "newer than this version".
void TestStoreContinuedFrom::version9FileGetsContinuedFrom() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("v9.sqlite"));
    qint64 conv = 0, question = 0, cut = 0, second = 0;
    {
        Database db(path);
        migrate(db, schemaSteps().first(9));
        QCOMPARE(db.userVersion(), 9);
        db.exec("INSERT INTO conversations (title, created_at, updated_at, last_used_at) VALUES ('nine', 1, 1, 5)");
        conv = db.lastInsertRowId();
        db.exec("INSERT INTO messages (conversation_id, parent_id, role, text, created_at) VALUES (" +
                std::to_string(conv) + ", NULL, 1, 'tell me a story', 3)");
        question = db.lastInsertRowId();
        db.exec("INSERT INTO messages (conversation_id, parent_id, role, text, created_at, token_count, reply_end) "
                "VALUES (" + std::to_string(conv) + ", " + std::to_string(question) + ", 2, 'The cat sat', 4, 5, 3)");
        cut = db.lastInsertRowId();
        // Continued by v9: the whole text, counting its 3 new tokens only; v9 kept nothing to say so.
        db.exec("INSERT INTO messages (conversation_id, parent_id, role, text, created_at, token_count, state_tokens) "
                "VALUES (" + std::to_string(conv) + ", " + std::to_string(question) + ", 2, 'The cat sat down.', 5, 3, "
                "40)");
        second = db.lastInsertRowId();
    }
    qint64 third = 0;
    {
        ConversationStore store(path);
        QCOMPARE(store.openedAtVersion(), 9);
        QVERIFY(ConversationStore::schemaVersion() >= 10);
        QCOMPARE(Database(path).userVersion(), ConversationStore::schemaVersion());
        QCOMPARE(Database(path + QStringLiteral(".bak-v9")).userVersion(), 9);
        const QList<Message> rows = store.allMessages(conv);
        QCOMPARE(rows.size(), 3);
        QCOMPARE(rows[1].text, QStringLiteral("The cat sat"));
        QCOMPARE(rows[1].end, ReplyEnd::LengthLimit);
        QCOMPARE(rows[2].text, QStringLiteral("The cat sat down."));
        QCOMPARE(rows[2].token_count, 3);
        QCOMPARE(rows[2].readouts.state_tokens, 40);
        for (const Message& m : rows) QCOMPARE(m.continued_from, 0);
        third = store.beginReply(conv, question, cut);
        QCOMPARE(store.message(third)->continued_from, cut);
    }
    ConversationStore reopened(path);
    QCOMPARE(reopened.message(third)->continued_from, cut);
    QCOMPARE(reopened.message(second)->continued_from, 0);
    QCOMPARE(reopened.branch(third).back().continued_from, cut);  // the branch's reader too (kMessageColumns)
    const QByteArray before = fileHash(path);
    Database db(path);
    try {
        migrate(db, schemaSteps().first(9));
        QFAIL("v9's ladder opened a v10 (or later) file");
    } catch (const StoreError& e) {
        QVERIFY2(QByteArray(e.what()).contains("schema version " +
                                               QByteArray::number(ConversationStore::schemaVersion()) +
                                               ", newer than this version of RWKV Desktop understands (9)"),
                 e.what());
    }
    QCOMPARE(db.userVersion(), ConversationStore::schemaVersion());
    QCOMPARE(fileHash(path), before);
}

// The link names a version of the same reply: a question, another question's reply or another chat's reply is refused
// with nothing written.
void TestStoreContinuedFrom::onlyAReplyToTheSameQuestionCanBeContinuedFrom() {
    ConversationStore store(QStringLiteral(":memory:"));
    const Continued c = chatWithAContinuedReply(store);
    QCOMPARE(store.message(c.continued)->continued_from, c.cut);
    QCOMPARE(store.message(c.cut)->continued_from, 0);
    const auto [otherQuestion, otherReply] = store.beginTurn(c.conversation, c.continued, QStringLiteral("And then?"));
    const Continued elsewhere = chatWithAContinuedReply(store);
    for (const qint64 wrong : {c.question, otherReply, elsewhere.cut, qint64(99999)}) {
        const int before = int(store.allMessages(c.conversation).size());
        try {
            store.beginReply(c.conversation, c.question, wrong);
            QFAIL(qPrintable(QStringLiteral("beginReply took %1").arg(wrong)));
        } catch (const StoreError& e) {
            QVERIFY2(QByteArray(e.what()).contains("is not a reply to message " + QByteArray::number(c.question)),
                     e.what());
        }
        QCOMPARE(int(store.allMessages(c.conversation).size()), before);
    }
    QCOMPARE(store.message(store.beginReply(c.conversation, otherQuestion))->continued_from, 0);  // Regenerate
}

// New chat from here copies one branch, which never holds the version continued from (a sibling): the copy keeps the
// id of the one in the chat it was made from, also once that chat is deleted for good.
void TestStoreContinuedFrom::aChatMadeFromHereKeepsIt() {
    ConversationStore store(QStringLiteral(":memory:"));
    const Continued c = chatWithAContinuedReply(store);
    const qint64 fork = store.forkConversation(c.conversation, c.continued, QStringLiteral("From here: Story"));
    const QList<Message> rows = store.allMessages(fork);
    QCOMPARE(rows.size(), 2);
    QCOMPARE(rows[1].text, QStringLiteral("The cat sat on the warm mat."));
    QCOMPARE(rows[1].token_count, 8);
    QCOMPARE(rows[1].continued_from, c.cut);
    QCOMPARE(rows[0].continued_from, 0);
    store.deleteConversation(c.conversation);
    QCOMPARE(store.purgeTrash(QDateTime::currentMSecsSinceEpoch() + 1), 1);
    QCOMPARE(store.allMessages(fork)[1].continued_from, c.cut);
    // A chat made from the cut version is no continuation.
    const Continued d = chatWithAContinuedReply(store);
    const qint64 fromCut = store.forkConversation(d.conversation, d.cut, QStringLiteral("From here: cut"));
    QCOMPARE(store.allMessages(fromCut)[1].continued_from, 0);
}

// A JSON export names the version by its id in the file ("continued_from", as "parent"); importing it (JSON or bundle)
// into another library renumbers it with the messages.
void TestStoreContinuedFrom::exportAndBundleCarryItRenumbered() {
    ConversationStore store(QStringLiteral(":memory:"));
    store.createConversation(QStringLiteral("first, so that the ids differ"));
    const Continued c = chatWithAContinuedReply(store);
    const QByteArray json = app::exportJson(store, c.conversation);
    const QJsonArray list = exportedMessages(json);
    QCOMPARE(list.size(), 3);
    QCOMPARE(list[2].toObject().value(QStringLiteral("id")).toInteger(), c.continued);
    QCOMPARE(list[2].toObject().value(QStringLiteral("continued_from")).toInteger(), c.cut);
    QVERIFY(!list[1].toObject().contains(QStringLiteral("continued_from")));
    QVERIFY(!list[0].toObject().contains(QStringLiteral("continued_from")));
    for (const QByteArray& file : {json, app::exportBundle(store, c.conversation)}) {
        ConversationStore other(QStringLiteral(":memory:"));
        for (int i = 0; i < 3; ++i) other.createConversation(QStringLiteral("pad"));
        const qint64 padded = other.createConversation(QStringLiteral("pad with messages"));
        other.beginTurn(padded, 0, QStringLiteral("a question first, so that the message ids differ too"));
        const app::ImportResult in = app::importConversation(other, file);
        const QList<Message> rows = other.allMessages(in.conversationId);
        QCOMPARE(rows.size(), 3);
        QVERIFY(rows[1].id != c.cut);
        QCOMPARE(rows[1].text, QStringLiteral("The cat sat on the"));
        QCOMPARE(rows[2].continued_from, rows[1].id);
        QCOMPARE(rows[2].token_count, 8);
        QCOMPARE(rows[1].continued_from, 0);
    }
}

// An older export (no field) imports as before, not continued; a field naming no earlier reply of the file (a hand-made
// file, a question) is left out, nothing refused; a made chat's export names no version, as its file holds none.
void TestStoreContinuedFrom::filesWithoutItImportAsNotContinued() {
    ConversationStore store(QStringLiteral(":memory:"));
    const Continued c = chatWithAContinuedReply(store);
    QJsonObject root = QJsonDocument::fromJson(app::exportJson(store, c.conversation)).object();
    QJsonArray list = root.value(QStringLiteral("messages")).toArray();
    const auto importedWith = [&](const QJsonValue& from) {
        QJsonObject last = list[2].toObject();
        if (from.isUndefined())
            last.remove(QStringLiteral("continued_from"));
        else
            last.insert(QStringLiteral("continued_from"), from);
        QJsonArray changed = list;
        changed[2] = last;
        QJsonObject r = root;
        r.insert(QStringLiteral("messages"), changed);
        ConversationStore other(QStringLiteral(":memory:"));
        const app::ImportResult in = app::importConversation(other, QJsonDocument(r).toJson());
        const QList<Message> rows = other.allMessages(in.conversationId);
        if (rows.size() != 3) return qint64(-1);
        return rows[2].continued_from;
    };
    QCOMPARE(importedWith(QJsonValue::Undefined), 0);             // an older export
    QCOMPARE(importedWith(QJsonValue::Null), 0);
    QCOMPARE(importedWith(QJsonValue(c.question)), 0);            // a question, not a reply
    QCOMPARE(importedWith(QJsonValue(c.continued)), 0);           // itself: it does not come before
    QCOMPARE(importedWith(QJsonValue(qint64(4242))), 0);          // no message of the file
    QVERIFY(importedWith(QJsonValue(c.cut)) > 0);                 // the one export writes
    const qint64 fork = store.forkConversation(c.conversation, c.continued, QStringLiteral("From here: Story"));
    const QJsonArray forked = exportedMessages(app::exportJson(store, fork));
    QCOMPARE(forked.size(), 2);
    QVERIFY(!forked[1].toObject().contains(QStringLiteral("continued_from")));
}

QTEST_GUILESS_MAIN(TestStoreContinuedFrom)
#include "test_store_continued_from.moc"
