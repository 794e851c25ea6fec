// rwkv-cli and the sidebar's folders, run as a user would (QProcess): `import` files a chat in the folder its export
// names (made when missing; a name the store refuses: unfiled, said on stderr). Moving a chat into a folder:
// test_cli_conversations::foldersAreListedAndMoved. Helpers: cli_run.h.
#include "cli_run.h"

#include <QTemporaryDir>

#ifdef RWKV_CLI_TEST_STORE
#include "store/conversation_store.h"
#endif

using namespace cli_test;

class TestCliFolders : public QObject {
    Q_OBJECT
    QTemporaryDir tmp_;

#ifdef RWKV_CLI_TEST_STORE
    /// A JSON export, at `name` in the test's folder, of a two-message chat filed in a folder named `folder` (any
    /// name: a hand-made file's), through `rwkv-cli export`.
    QString exportIn(const QString& name, const QString& folder) {
        const QString db = tmp_.filePath(name + ".sqlite");
        {
            rwkv::store::ConversationStore store(db);
            const qint64 c = store.createConversation(QStringLiteral("Harbour"));
            const qint64 q = store.addMessage(c, 0, rwkv::store::Role::User, QStringLiteral("Where is the harbour?"));
            store.addMessage(c, q, rwkv::store::Role::Assistant, QStringLiteral("Down the hill."));
            if (folder.size() <= rwkv::store::ConversationStore::kMaxFolderNameLength)
                store.setFolder(c, store.createFolder(folder));
        }
        const QString out = tmp_.filePath(name + ".json");
        const Run r = cli({"export", "--db", db, "--conversation", "1", "--format", "json", "--out", out});
        if (r.code != 0) return {};
        if (folder.size() > rwkv::store::ConversationStore::kMaxFolderNameLength) {  // no store makes such a folder
            QFile f(out);
            if (!f.open(QIODevice::ReadWrite)) return {};
            nlohmann::json json = nlohmann::json::parse(f.readAll().toStdString());
            json["conversation"]["folder"] = folder.toStdString();
            f.resize(0);
            f.write(QByteArray::fromStdString(json.dump()));
        }
        return out;
    }
#endif

private slots:
    // Session 48's folders did not travel: an export did not name its chat's folder and import filed nothing. Now the
    // chat goes into the folder of that name here (the store's rule for one name), made when there is none.
    void importFilesTheChatInItsFolder() {
#ifndef RWKV_CLI_TEST_STORE
        QSKIP("built without the app's store");
#else
        const QString file = exportIn(QStringLiteral("work"), QStringLiteral("Work"));
        QVERIFY(!file.isEmpty());
        const QString db = tmp_.filePath("library.sqlite");
        const Run made = cli({"import", "--db", db, file});
        QVERIFY2(made.code == 0, made.err.constData());
        QVERIFY2(made.out.contains("\nit is in folder \"Work\" (made for it)\n"), made.out.constData());
        {
            rwkv::store::ConversationStore store(db);
            store.createFolder(QStringLiteral("Home"));
        }
        const Run copy = cli({"import", "--db", db, file, "--copy", "--json"});
        QVERIFY2(copy.code == 0, copy.err.constData());
        const nlohmann::json j = nlohmann::json::parse(copy.out.toStdString());
        QCOMPARE(j["folder"].get<std::string>(), std::string("Work"));
        QCOMPARE(j["folder_made"].get<bool>(), false);
        QCOMPARE(j["folder_refused"].get<std::string>(), std::string());
        const Run list = cli({"conversations", "list", "--db", db, "--json"});
        const nlohmann::json rows = nlohmann::json::parse(list.out.toStdString());
        QCOMPARE(rows.size(), std::size_t(2));
        QCOMPARE(rows[0]["folder"].get<std::string>(), std::string("Work"));
        QCOMPARE(rows[1]["folder"].get<std::string>(), std::string("Work"));
        // Imported again: the chat the user took out of its folder stays out (nothing is written)
        QVERIFY(cli({"conversations", "move", "--db", db, "1", "--no-folder"}).code == 0);
        const Run again = cli({"import", "--db", db, file, "--json"});
        QVERIFY2(again.code == 0, again.err.constData());
        const nlohmann::json a = nlohmann::json::parse(again.out.toStdString());
        QVERIFY(a["already_present"].get<bool>());
        QVERIFY(a["folder"].is_null());
        const nlohmann::json after = nlohmann::json::parse(cli({"conversations", "list", "--db", db, "--json"}).out.toStdString());
        for (const auto& row : after)  // 1 out of its folder as the user left it, 2 (the copy) in "Work"
            QCOMPARE(row["folder"].is_null(), row["id"].get<int>() == 1);
#endif
    }

    // A file naming a folder this library cannot have (a hand-made one: 120 characters) imports the chat unfiled and
    // says why on stderr, in the store's words; the import itself succeeds.
    void refusedFolderNameImportsUnfiled() {
#ifndef RWKV_CLI_TEST_STORE
        QSKIP("built without the app's store");
#else
        const QString file = exportIn(QStringLiteral("long"), QString(120, u'w'));
        QVERIFY(!file.isEmpty());
        const QString db = tmp_.filePath("long-library.sqlite");
        const Run r = cli({"import", "--db", db, file});
        QCOMPARE(r.code, 0);
        QVERIFY2(r.out.startsWith("imported conversation 1 (2 messages)\n") && !r.out.contains("folder"),
                 r.out.constData());
        QCOMPARE(r.err, "[its folder \"" + QByteArray(39, 'w') +
                            "…\" was not made here: The folder name is longer than 100 characters. It is in no folder.]\n");
        const Run js = cli({"import", "--db", db, file, "--copy", "--json"});
        QVERIFY2(js.code == 0, js.err.constData());
        const nlohmann::json j = nlohmann::json::parse(js.out.toStdString());
        QVERIFY(j["folder"].is_null());
        QCOMPARE(j["folder_refused"].get<std::string>(), std::string(120, 'w'));
        QCOMPARE(j["folder_refusal"].get<std::string>(), std::string("The folder name is longer than 100 characters."));
        rwkv::store::ConversationStore store(db);
        QVERIFY(store.listFolders().isEmpty());
        QCOMPARE(store.listConversations().size(), 2);
#endif
    }
};

QTEST_GUILESS_MAIN(TestCliFolders)
#include "test_cli_folders.moc"
