// test_export_viewed_branch.cpp — a bundle or JSON export keeps the branch viewed last ("conversation"."viewed_leaf"):
// the import opens on it, and a bundle carries that branch's saved state, so its next reply there reads nothing again.
// A file without the field (made before session 55), or one naming no message of the file, opens on the newest branch
// as before. The rest of export and import: test_export.cpp. Code: app/core/conversation_export.cpp.
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtEndian>
#include <QtTest>

#include "branch_to_continue.h"
#include "chat_session.h"
#include "conversation_export.h"
#include "store/conversation_store.h"

using namespace rwkv;
using namespace rwkv::app;

class TestExportViewedBranch : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void bundleOpensOnTheBranchViewedLast();
    void jsonOpensOnTheBranchViewedLast();
    void fileWithoutItOpensOnTheNewestBranch_data();
    void fileWithoutItOpensOnTheNewestBranch();

private:
    ChatParams seeded() const {
        ChatParams p;
        p.sampler.temperature = 1.0f;
        p.sampler.top_p = 1.0f;
        p.sampler.seed = 7;
        p.maxTokens = 12;
        return p;
    }
    /// A question with two replies (the first, then a regenerated one: the newest), each with its saved state; the
    /// first is viewed (‹ 1/2 › in the app). Returns the first reply's id.
    qint64 twoVersionsFirstViewed(store::ConversationStore& store, ChatSession& session, qint64* conversation) {
        *conversation = store.createConversation(QStringLiteral("Two versions"));
        const TurnStats first = session.send(*conversation, ChatSession::kNewestBranch, QStringLiteral("Hello"), seeded());
        session.regenerate(*conversation, first.assistantMessageId, seeded());
        store.setViewedBranch(*conversation, first.assistantMessageId);
        return first.assistantMessageId;
    }
    /// The message of the imported conversation `imported` that is message `original` of `from`'s `conversation`
    /// (the import's messages are its rows in the same order).
    static qint64 importedId(const store::ConversationStore& from, qint64 conversation, qint64 original,
                             const store::ConversationStore& to, qint64 imported) {
        const QList<store::Message> a = from.allMessages(conversation), b = to.allMessages(imported);
        for (qsizetype i = 0; i < a.size() && i < b.size(); ++i)
            if (a[i].id == original) return b[i].id;
        return -1;
    }

    QTemporaryDir tmp_;
    std::unique_ptr<Model> model_;
    std::unique_ptr<Tokenizer> tokenizer_;
};

void TestExportViewedBranch::initTestCase() {
    QVERIFY(tmp_.isValid());
    model_ = Model::load(RWKV_TESTDATA_DIR "/tiny-rwkv7-834K.pth");
    tokenizer_ = tokenizer_for_vocab_size(256, RWKV_TESTDATA_DIR "/rwkv_vocab_v20230424.txt");
}

// Before session 55 the bundle named no branch and carried the newest state: the import opened on the regenerated
// reply, and the first reply's branch, the one the sender was on, re-read the whole chat at its next reply.
void TestExportViewedBranch::bundleOpensOnTheBranchViewedLast() {
    store::ConversationStore store(tmp_.filePath(QStringLiteral("sender.sqlite")));
    ChatSession session(store, *model_, *tokenizer_);
    qint64 c = 0;
    const qint64 viewed = twoVersionsFirstViewed(store, session, &c);
    QCOMPARE(store.snapshots(c).size(), 2);  // one per version
    const QByteArray bundle = exportBundle(store, c, QString());
    const QJsonObject json =
        QJsonDocument::fromJson(bundle.mid(32, qsizetype(qFromLittleEndian<quint64>(bundle.constData() + 16)))).object();
    QCOMPARE(json.value(QStringLiteral("conversation")).toObject().value(QStringLiteral("viewed_leaf")).toInteger(), viewed);
    QCOMPARE(json.value(QStringLiteral("snapshot")).toObject().value(QStringLiteral("message")).toInteger(), viewed);
    // What the sender's next reply on that branch would be.
    const TurnStats expected = session.send(c, viewed, QStringLiteral("And then?"), seeded());

    store::ConversationStore receiver(tmp_.filePath(QStringLiteral("receiver.sqlite")));
    const ImportResult r = importConversation(receiver, bundle);
    QVERIFY(r.withState);
    const qint64 there = importedId(store, c, viewed, receiver, r.conversationId);
    QVERIFY(there > 0);
    QCOMPARE(receiver.viewedLeaf(r.conversationId), there);
    QCOMPARE(leafToShow(receiver, r.conversationId), there);  // what the window opens on
    QCOMPARE(receiver.snapshots(r.conversationId).size(), 1);
    QCOMPARE(receiver.snapshots(r.conversationId)[0].message_id, there);
    ChatSession other(receiver, *model_, *tokenizer_);
    const TurnStats t = other.send(r.conversationId, there, QStringLiteral("And then?"), seeded());
    QCOMPARE(t.source, StateSource::SavedState);  // nothing read again
    QCOMPARE(t.prefillTokens, expected.prefillTokens);
    QCOMPARE(t.reply, expected.reply);
}

void TestExportViewedBranch::jsonOpensOnTheBranchViewedLast() {
    store::ConversationStore store(QStringLiteral(":memory:"));
    ChatSession session(store, *model_, *tokenizer_);
    qint64 c = 0;
    const qint64 viewed = twoVersionsFirstViewed(store, session, &c);
    store::ConversationStore receiver(QStringLiteral(":memory:"));
    const ImportResult r = importConversation(receiver, exportJson(store, c, QString()));
    QCOMPARE(r.messages, 3);
    QCOMPARE(leafToShow(receiver, r.conversationId), importedId(store, c, viewed, receiver, r.conversationId));
    // Viewed on the newest version again: the field names it, and the import opens there.
    const qint64 newest = store.allMessages(c).back().id;
    store.setViewedBranch(c, newest);
    const ImportResult again = importConversation(receiver, exportJson(store, c, QString()));
    QVERIFY(again.alreadyPresent);  // the same chat: opened as the library has it, nothing written
    QCOMPARE(leafToShow(receiver, again.conversationId), importedId(store, c, viewed, receiver, again.conversationId));
}

void TestExportViewedBranch::fileWithoutItOpensOnTheNewestBranch_data() {
    QTest::addColumn<QJsonValue>("viewedLeaf");
    QTest::newRow("missing (before session 55)") << QJsonValue(QJsonValue::Undefined);
    QTest::newRow("no message of the file") << QJsonValue(999);
    QTest::newRow("not a number") << QJsonValue(QStringLiteral("2"));
    QTest::newRow("not whole") << QJsonValue(2.5);
    QTest::newRow("negative") << QJsonValue(-2);
}

// A view setting never fails an import: the chat comes in whole, on its newest branch.
void TestExportViewedBranch::fileWithoutItOpensOnTheNewestBranch() {
    QFETCH(QJsonValue, viewedLeaf);
    const QByteArray file = R"({"format": "rwkv-desktop-conversation", "version": 1,
        "conversation": {"title": "Two answers", "created_at": 1764410400000},
        "messages": [{"id": 1, "parent": null, "role": "user", "text": "Which one?", "created_at": 1764410400000},
                     {"id": 2, "parent": 1, "role": "assistant", "text": "The first answer", "created_at": 1764410401000},
                     {"id": 3, "parent": 1, "role": "assistant", "text": "The second answer",
                      "created_at": 1764410402000}]})";
    QJsonObject root = QJsonDocument::fromJson(file).object();
    QVERIFY(!root.isEmpty());
    QJsonObject conversation = root.value(QStringLiteral("conversation")).toObject();
    if (!viewedLeaf.isUndefined()) conversation.insert(QStringLiteral("viewed_leaf"), viewedLeaf);
    root.insert(QStringLiteral("conversation"), conversation);
    store::ConversationStore receiver(QStringLiteral(":memory:"));
    const ImportResult r = importConversation(receiver, QJsonDocument(root).toJson());
    QCOMPARE(r.messages, 3);
    QCOMPARE(receiver.viewedLeaf(r.conversationId), qint64(0));  // the newest branch
    QCOMPARE(receiver.messages(r.conversationId).back().text, QStringLiteral("The second answer"));
    // And a file naming message 2 opens on it.
    conversation.insert(QStringLiteral("viewed_leaf"), 2);
    root.insert(QStringLiteral("conversation"), conversation);
    root.insert(QStringLiteral("exported_at"), QStringLiteral("again"));
    store::ConversationStore other(QStringLiteral(":memory:"));
    const ImportResult named = importConversation(other, QJsonDocument(root).toJson());
    const std::optional<store::Message> shown = other.message(leafToShow(other, named.conversationId));
    QVERIFY(shown);
    QCOMPARE(shown->text, QStringLiteral("The first answer"));
}

QTEST_GUILESS_MAIN(TestExportViewedBranch)
#include "test_export_viewed_branch.moc"
