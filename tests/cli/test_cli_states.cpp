// rwkv-cli's saved-state commands, run as a user would (QProcess): `conversations stats` prints what the saved model
// states take (the blobs' sizes, the file's), `conversations thin` keeps each chat's newest state and gives the rest
// back to the disk, and is refused, the file untouched, while RWKV Desktop holds the data folder. Code:
// app/cli/cli_conversations_states.cpp. Helpers: cli_run.h.
#include "cli_run.h"

#include <QCryptographicHash>
#include <QFileInfo>
#include <QLockFile>
#include <QRandomGenerator>
#include <QTemporaryDir>

#ifdef RWKV_CLI_TEST_STORE
#include "store/conversation_store.h"
#endif

using namespace cli_test;

namespace {

#ifdef RWKV_CLI_TEST_STORE
// Chat 1: 5 turns, chat 2: 2 turns, a state of `size` random bytes (raw: they do not compress) after every reply.
void writeLibrary(const QString& db, qint64 size) {
    using namespace rwkv::store;
    ConversationStore store(db);
    store.setRetentionPolicy({1000, 0, false});  // keep every state
    quint32 seed = 1;
    for (int turns : {5, 2}) {
        const qint64 c = store.createConversation(QStringLiteral("Chat of %1 turns").arg(turns));
        qint64 parent = 0;
        for (int t = 0; t < turns; ++t) {
            const qint64 q = store.addMessage(c, parent, Role::User, QStringLiteral("Question %1").arg(t));
            parent = store.addMessage(c, q, Role::Assistant, QStringLiteral("Answer %1").arg(t));
            QByteArray bytes(size, Qt::Uninitialized);
            QRandomGenerator rng(seed++);
            rng.fillRange(reinterpret_cast<quint32*>(bytes.data()), size / 4);
            store.saveSnapshot(c, {parent, {QStringLiteral("0123456789abcdef"), QStringLiteral("fp16"),
                                            QStringLiteral("cpu")}, {SnapshotCodec::Raw, size, bytes}});
        }
    }
}

QByteArray fileHash(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256) : QByteArray();
}
#endif

}  // namespace

class TestCliStates : public QObject {
    Q_OBJECT

private slots:
    void statsAndThin() {
#ifndef RWKV_CLI_TEST_STORE
        QSKIP("built without the app's store");
#else
        QTemporaryDir folder;
        const QString db = folder.filePath("conversations.sqlite");
        writeLibrary(db, 1 << 20);
        const qint64 fileBefore = QFileInfo(db).size();

        const Run stats = cli({"conversations", "stats", "--db", db, "--json"});
        QVERIFY2(stats.code == 0, stats.err.constData());
        const nlohmann::json s = nlohmann::json::parse(stats.out.toStdString());
        QCOMPARE(s["state_bytes"].get<qint64>(), qint64(7) << 20);
        QCOMPARE(s["states"].get<int>(), 7);
        QCOMPARE(s["chats"].get<int>(), 2);
        QCOMPARE(s["database_bytes"].get<qint64>(), fileBefore);  // closed: no -wal
        QCOMPARE(s["models"].size(), std::size_t(1));
        QCOMPARE(s["models"][0]["fingerprint"].get<std::string>(), std::string("0123456789abcdef"));
        QCOMPARE(s["models"][0]["bytes"].get<qint64>(), qint64(7) << 20);
        const Run text = cli({"conversations", "stats", "--db", db});
        QVERIFY2(text.code == 0, text.err.constData());
        QVERIFY2(text.out.startsWith("Saved model states: 7.34 MB in 2 chats (database 7."), text.out.constData());
        QVERIFY2(text.out.contains("7 saved states") && text.out.contains("conversations thin --db"), text.out.constData());
        QCOMPARE(QFileInfo(db).size(), fileBefore);  // stats only reads

        const Run thin = cli({"conversations", "thin", "--db", db, "--json"});
        QVERIFY2(thin.code == 0, thin.err.constData());
        const nlohmann::json t = nlohmann::json::parse(thin.out.toStdString());
        QCOMPARE(t["states_deleted"].get<int>(), 5);
        QCOMPARE(t["state_bytes_deleted"].get<qint64>(), qint64(5) << 20);
        QCOMPARE(t["chats"].get<int>(), 2);
        QVERIFY(t["not_shrunk"].is_null());
        const qint64 fileAfter = QFileInfo(db).size();
        QVERIFY2(fileBefore - fileAfter >= (qint64(5) << 20), qPrintable(QStringLiteral("%1 -> %2").arg(fileBefore).arg(fileAfter)));
        QCOMPARE(t["database_bytes_after"].get<qint64>(), fileAfter);
        {
            rwkv::store::ConversationStore store(db, rwkv::store::ConversationStore::OpenMode::ReadOnly);
            QCOMPARE(store.stateStorage().states, qint64(2));
            QCOMPARE(store.messages(1).size(), 10);  // every message
            QCOMPARE(store.messages(2).size(), 4);
            QCOMPARE(store.snapshots(1)[0].message_id, store.messages(1).last().id);
        }
        const Run again = cli({"conversations", "thin", "--db", db});
        QVERIFY2(again.code == 0, again.err.constData());
        QVERIFY2(again.out.startsWith("No saved state to delete: each chat keeps only its newest one."), again.out.constData());
#endif
    }

    // Session 49's stats named each model by its fingerprint alone, and counted the chats in the trash as listed ones
    // (Settings said "10 chats" beside 9 listed): a model is named as its chats recorded it (the file name; --json
    // keeps the fingerprint), one no chat names by its fingerprint, and the chats in the trash are counted apart.
    void statsNamesTheModelsAndCountsTheTrashApart() {
#ifndef RWKV_CLI_TEST_STORE
        QSKIP("built without the app's store");
#else
        using namespace rwkv::store;
        QTemporaryDir folder;
        const QString db = folder.filePath("conversations.sqlite");
        {
            ConversationStore store(db);
            const SnapshotTags named{QStringLiteral("0123456789abcdef"), QStringLiteral("fp16"), QStringLiteral("cpu")};
            const SnapshotTags unnamed{QStringLiteral("fedcba9876543210"), QStringLiteral("int8"),
                                       QStringLiteral("cuda")};
            for (int c = 0; c < 3; ++c) {
                const qint64 id = store.createConversation(QStringLiteral("Chat %1").arg(c));
                const qint64 q = store.addMessage(id, 0, Role::User, QStringLiteral("Question"));
                const qint64 a = store.addMessage(id, q, Role::Assistant, QString(), false);
                const QByteArray bytes(4096, char(c));
                QVERIFY(store.saveTurnResult(id, a, QStringLiteral("Answer"), 1, {},
                                             {{a, named, {SnapshotCodec::Raw, bytes.size(), bytes}}},
                                             QStringLiteral("rwkv7-g1a-0.1b-20250728-ctx4096.pth")));
                if (c == 2) store.deleteConversation(id);
            }
            const qint64 bare = store.createConversation(QStringLiteral("Made elsewhere"));
            const qint64 a = store.addMessage(bare, 0, Role::Assistant, QStringLiteral("Hi"));
            store.saveSnapshot(bare, {a, unnamed, {SnapshotCodec::Raw, 100, QByteArray(100, 'x')}});
        }
        const Run text = cli({"conversations", "stats", "--db", db});
        QVERIFY2(text.code == 0, text.err.constData());
        QVERIFY2(text.out.startsWith("Saved model states: 12.4 KB in 3 chats, 1 more in the trash (database "),
                 text.out.constData());
        QVERIFY2(text.out.contains("\n  model \"rwkv7-g1a-0.1b-20250728-ctx4096.pth\" (fp16, cpu): 12.3 KB in 3 states\n"
                                   "  model of fingerprint fedcba9876543210 (int8, cuda): 100 B in 1 state\n"),
                 text.out.constData());
        const Run js = cli({"conversations", "stats", "--db", db, "--json"});
        QVERIFY2(js.code == 0, js.err.constData());
        const nlohmann::json j = nlohmann::json::parse(js.out.toStdString());
        QCOMPARE(j["chats"].get<int>(), 3);
        QCOMPARE(j["chats_in_trash"].get<int>(), 1);
        QCOMPARE(j["models"].size(), std::size_t(2));
        QCOMPARE(j["models"][0]["name"].get<std::string>(), std::string("rwkv7-g1a-0.1b-20250728-ctx4096.pth"));
        QCOMPARE(j["models"][0]["fingerprint"].get<std::string>(), std::string("0123456789abcdef"));
        QVERIFY(j["models"][1]["name"].is_null());
        QCOMPARE(j["models"][1]["fingerprint"].get<std::string>(), std::string("fedcba9876543210"));
#endif
    }

    // The writing command takes the data folder's lock as chat and import do: next to an open RWKV Desktop (this test
    // holds its lock) it is refused in one line and the file is not touched; stats, which only reads, still works.
    void thinIsRefusedWhileTheAppHoldsTheFolder() {
#ifndef RWKV_CLI_TEST_STORE
        QSKIP("built without the app's store");
#else
        QTemporaryDir folder;
        const QString db = folder.filePath("conversations.sqlite");
        writeLibrary(db, 4096);
        const QByteArray before = fileHash(db);
        QLockFile appLock(folder.filePath("rwkv-desktop.lock"));
        QVERIFY(appLock.tryLock(0));
        const Run r = cli({"conversations", "thin", "--db", db});
        QCOMPARE(r.code, 1);
        const QByteArray inUse =
            "is in use by RWKV Desktop (process " + QByteArray::number(QCoreApplication::applicationPid()) + ")";
        QVERIFY2(r.err.contains(inUse) && r.err.contains("nothing was changed") && r.err.count('\n') == 1,
                 r.err.constData());
        QCOMPARE(fileHash(db), before);
        const Run stats = cli({"conversations", "stats", "--db", db, "--json"});
        QVERIFY2(stats.code == 0 && nlohmann::json::parse(stats.out.toStdString())["states"] == 7, stats.err.constData());
        appLock.unlock();
        QVERIFY(cli({"conversations", "thin", "--db", db}).code == 0);
        QVERIFY(fileHash(db) != before);
#endif
    }
};

QTEST_GUILESS_MAIN(TestCliStates)
#include "test_cli_states.moc"
