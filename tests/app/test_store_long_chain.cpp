// tests/app/test_store_long_chain.cpp — a conversation whose messages form one chain longer than SQLite's trigger
// depth (1,000): deleted for ever, purged from the trash at open, its rows (messages, search index) gone, the other
// conversations kept. Before session 32 both failed with "too many levels of trigger recursion" (each message's
// ON DELETE CASCADE ran one trigger level deeper), and the purge at open kept the whole library shut.
#include "store/conversation_store.h"
#include "store/database.h"

#include <QDateTime>
#include <QTemporaryDir>
#include <QTest>

using namespace rwkv::store;

namespace {

constexpr int kChain = 1500;  // > SQLITE_MAX_TRIGGER_DEPTH (1,000) levels of parent_id

/// A conversation of kChain messages, each the child of the one before; the last one's text holds `word`.
qint64 longChain(ConversationStore& store, const QString& title, const QString& word) {
    const qint64 c = store.createConversation(title);
    qint64 parent = 0;
    for (int i = 0; i < kChain; ++i)
        parent = store.addMessage(c, parent, i % 2 ? Role::Assistant : Role::User,
                                  i + 1 == kChain ? word : QStringLiteral("turn %1").arg(i));
    return c;
}

qint64 count(Database& db, const char* sql) {
    auto s = db.cached(sql);
    s->step();
    return s->columnInt64(0);
}

}  // namespace

class TestStoreLongChain : public QObject {
    Q_OBJECT

private slots:
    void longChainIsDeletedForEver();
    void longChainIsPurgedAtOpen();
};

void TestStoreLongChain::longChainIsDeletedForEver() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("app.sqlite"));
    ConversationStore store(path);
    const qint64 keep = store.createConversation(QStringLiteral("kept"));
    store.addMessage(keep, 0, Role::User, QStringLiteral("kept words"));
    const qint64 c = longChain(store, QStringLiteral("long"), QStringLiteral("zebrafinch"));
    QCOMPARE(store.search(QStringLiteral("zebrafinch")).size(), 1);
    store.deleteConversation(c);
    try {
        store.deleteConversationForever(c);
    } catch (const StoreError& e) {
        QFAIL(e.what());
    }
    QVERIFY(!store.conversation(c).has_value());
    QCOMPARE(store.listTrash().size(), 0);
    QCOMPARE(store.search(QStringLiteral("zebrafinch")).size(), 0);
    QCOMPARE(store.messages(keep).size(), 1);
    Database db(path);
    QCOMPARE(count(db, "SELECT count(*) FROM messages"), 1);
}

void TestStoreLongChain::longChainIsPurgedAtOpen() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("app.sqlite"));
    qint64 c = 0, keep = 0;
    {
        ConversationStore store(path);
        keep = store.createConversation(QStringLiteral("kept"));
        store.addMessage(keep, 0, Role::User, QStringLiteral("kept words"));
        c = longChain(store, QStringLiteral("long"), QStringLiteral("zebrafinch"));
        store.deleteConversation(c);
    }
    {
        Database db(path);  // 31 days in the trash
        auto s = db.cached("UPDATE conversations SET deleted_at = deleted_at - 31 * 86400000 WHERE id = ?1");
        s->bindInt64(1, c);
        s->run();
    }
    ConversationStore store(path);  // before: StoreError "too many levels of trigger recursion" here
    QCOMPARE(store.purgedOnOpen(), 1);
    QVERIFY(!store.conversation(c).has_value());
    QCOMPARE(store.listConversations().size(), 1);
    QCOMPARE(store.messages(keep).size(), 1);
    QCOMPARE(store.search(QStringLiteral("zebrafinch")).size(), 0);
}

QTEST_GUILESS_MAIN(TestStoreLongChain)
#include "test_store_long_chain.moc"
