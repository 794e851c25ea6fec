// rwkv-cli and the sidebar's folders, run as a user would (QProcess): `import` files a chat in the folder its export
// names (made when missing; a name the store refuses: unfiled, said on stderr); `conversations folders` lists them
// with their counts, makes, renames and deletes one (its chats move out), with the store's name checks, not next to a
// running app. Moving a chat into a folder: test_cli_conversations::foldersAreListedAndMoved. Helpers: cli_run.h.
#include "cli_run.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QLockFile>
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

    // A folder name of nothing to read ("\u200b" alone, with U+2060, eight U+200B) is said with its characters as escapes,
    // as the other damaged names are: it stood as "", an empty pair of quotes (session 50's trial2, LOW); one past the
    // line's 40 characters is cut at a whole escape. --json keeps the name exact.
    void invisibleFolderNameIsShownEscaped() {
#ifndef RWKV_CLI_TEST_STORE
        QSKIP("built without the app's store");
#else
        const QString file = exportIn(QStringLiteral("invisible"), QStringLiteral("PLACEHOLDER"));
        QVERIFY(!file.isEmpty());
        QByteArray json;
        {
            QFile f(file);
            QVERIFY(f.open(QIODevice::ReadOnly));
            json = f.readAll();
        }
        QVERIFY(json.contains("\"PLACEHOLDER\""));
        const QByteArray eight = QByteArray("\\u200b").repeated(8);
        for (const auto& [name, said] : {std::pair{QByteArray("\\u200b"), QByteArray("\\u200b")},
                                         std::pair{QByteArray("\\u200b\\u2060"), QByteArray("\\u200b\\u2060")},
                                         std::pair{eight, QByteArray("\\u200b").repeated(6) + "…"}}) {
            QFile f(file);
            QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
            f.write(QByteArray(json).replace("\"PLACEHOLDER\"", "\"" + name + "\""));
            f.close();
            const QString db = tmp_.filePath("invisible-library.sqlite");
            const Run r = cli({"import", "--db", db, file, "--copy"});
            QCOMPARE(r.code, 0);
            QCOMPARE(r.err, "[its folder \"" + said + "\" was not made here: The folder name is empty. It is in no "
                            "folder.]\n");
            const Run js = cli({"import", "--db", db, file, "--copy", "--json"});
            QVERIFY2(js.code == 0, js.err.constData());
            const nlohmann::json j = nlohmann::json::parse(js.out.toStdString());
            QCOMPARE(QString::fromStdString(j["folder_refused"].get<std::string>()),
                     QJsonDocument::fromJson("[\"" + name + "\"]").array().first().toString());
        }
        // A name with letters keeps its invisible characters as they are (terminal_line's rule).
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(QByteArray(json).replace("\"PLACEHOLDER\"", "\"" + QByteArray(120, 'w') + "\\u200b\""));
        f.close();
        const Run r = cli({"import", "--db", tmp_.filePath("invisible-library.sqlite"), file, "--copy"});
        QVERIFY2(r.err.startsWith("[its folder \"" + QByteArray(39, 'w') + "…\" was not made here: "), r.err.constData());
#endif
    }

    // A folder name holding half a surrogate pair (a "\ud83d" escape: a damaged file) is refused as the other names
    // this library cannot have, the half said as U+FFFD (toStdString wrote "?"); it filed the chat in "z" (session 49).
    void folderNameWithHalfACharacterImportsUnfiled() {
#ifndef RWKV_CLI_TEST_STORE
        QSKIP("built without the app's store");
#else
        const QString file = exportIn(QStringLiteral("half"), QStringLiteral("PLACEHOLDER"));
        QVERIFY(!file.isEmpty());
        {
            QFile f(file);
            QVERIFY(f.open(QIODevice::ReadWrite));
            QByteArray json = f.readAll();
            QVERIFY(json.contains("\"PLACEHOLDER\""));
            json.replace("\"PLACEHOLDER\"", "\"z\\ud83d\"");
            f.resize(0);
            f.write(json);
        }
        const QString db = tmp_.filePath("half-library.sqlite");
        const Run r = cli({"import", "--db", db, file});
        QCOMPARE(r.code, 0);
        QVERIFY2(r.out.startsWith("imported conversation 1 (2 messages)\n") && !r.out.contains("folder"),
                 r.out.constData());
        QCOMPARE(r.err, QByteArray("[its folder \"z\uFFFD\" was not made here: The folder name holds half of a character "
                                   "(U+D83D without the other half of its pair): the file is damaged there. It is in no "
                                   "folder.]\n"));
        const Run js = cli({"import", "--db", db, file, "--copy", "--json"});
        QVERIFY2(js.code == 0, js.err.constData());
        const nlohmann::json j = nlohmann::json::parse(js.out.toStdString());
        QVERIFY(j["folder"].is_null());
        QCOMPARE(j["folder_refused"].get<std::string>(), std::string("z\uFFFD"));
        rwkv::store::ConversationStore store(db);
        QVERIFY(store.listFolders().isEmpty());
        QCOMPARE(store.listConversations().size(), 2);
#endif
    }

    // Session 48's rwkv-cli could list folders and move chats into them, but a script filing chats had to make, rename
    // and delete folders in the window. The same rules as the window's: the store's checks and words.
    void foldersAreMadeRenamedAndDeleted() {
#ifndef RWKV_CLI_TEST_STORE
        QSKIP("built without the app's store");
#else
        const QString db = tmp_.filePath("folders.sqlite");
        {
            rwkv::store::ConversationStore store(db);
            for (const char* title : {"One", "Two", "Three"}) store.createConversation(QString::fromUtf8(title));
        }
        const Run none = cli({"conversations", "folders", "--db", db});
        QVERIFY2(none.code == 0, none.err.constData());
        QCOMPARE(none.out, "no folders in " + db.toUtf8() + "\n");
        const Run work = cli({"conversations", "folders", "create", "--db", db, " Work "});
        QVERIFY2(work.code == 0, work.err.constData());
        QCOMPARE(work.out, QByteArray("made folder \"Work\"\n"));
        QVERIFY(cli({"conversations", "folders", "create", "--db", db, "日本語の練習"}).code == 0);
        // The store's refusals, in its words; nothing made
        const QList<QPair<QString, QByteArray>> refused = {
            {"WORK", "error: A folder named \"Work\" already exists.\n"},
            {"wo\u200Brk", "error: A folder named \"Work\" already exists.\n"},
            {QString(101, u'x'), "error: The folder name is longer than 100 characters.\n"},
            {"a\u202Eb", "error: The folder name holds a control or text-direction character (U+202E); a folder name is "
                        "one line of text.\n"},
            {" ", "error: The folder name is empty.\n"},
        };
        for (const auto& [name, err] : refused) {
            const Run r = cli({"conversations", "folders", "create", "--db", db, name});
            QCOMPARE(r.code, 1);
            QCOMPARE(r.err, err);
        }
        QVERIFY(cli({"conversations", "move", "--db", db, "1", "--folder", "work"}).code == 0);
        QVERIFY(cli({"conversations", "move", "--db", db, "2", "--folder", "work"}).code == 0);
        {
            rwkv::store::ConversationStore store(db);
            store.deleteConversation(2);  // in the trash, still in its folder
        }
        // The list: each folder's chats not in the trash (the sidebar's count), and those in the trash
        const Run list = cli({"conversations", "folders", "--db", db});
        QVERIFY2(list.code == 0, list.err.constData());
        QCOMPARE(QString::fromUtf8(list.out), QStringLiteral("CHATS  FOLDER\n    1  Work  (and 1 in the trash)\n"
                                                             "    0  日本語の練習\n"));
        const Run js = cli({"conversations", "folders", "--db", db, "--json"});
        QVERIFY2(js.code == 0, js.err.constData());
        QCOMPARE(nlohmann::json::parse(js.out.toStdString()),
                 nlohmann::json::parse(R"([{"name": "Work", "conversations": 1, "in_trash": 1},
                                           {"name": "日本語の練習", "conversations": 0, "in_trash": 0}])"));
        // Rename: found by the store's rule for one name, checked as a new name is (its own in another case is fine)
        const Run renamed = cli({"conversations", "folders", "rename", "--db", db, "WORK", "Job"});
        QVERIFY2(renamed.code == 0, renamed.err.constData());
        QCOMPARE(renamed.out, QByteArray("folder \"Work\" is named \"Job\" now\n"));
        QVERIFY(cli({"conversations", "folders", "rename", "--db", db, "job", "JOB"}).code == 0);
        const Run taken = cli({"conversations", "folders", "rename", "--db", db, "JOB", "日本語の練習"});
        QCOMPARE(taken.code, 1);
        QCOMPARE(taken.err, QByteArray("error: A folder named \"日本語の練習\" already exists.\n"));
        const Run unknown = cli({"conversations", "folders", "rename", "--db", db, "Nope", "Yes"});
        QCOMPARE(unknown.code, 1);
        QCOMPARE(unknown.err, "error: there is no folder named \"Nope\" in " + db.toUtf8() +
                                  "; its folders: \"JOB\", \"日本語の練習\"\n");
        // Delete: its chats move out, the one in the trash too, none deleted; the count said
        const Run deleted = cli({"conversations", "folders", "delete", "--db", db, "job"});
        QVERIFY2(deleted.code == 0, deleted.err.constData());
        QCOMPARE(deleted.out, QByteArray("deleted folder \"JOB\": its 2 conversations (1 of them in the trash) are in no "
                                         "folder now; none was deleted\n"));
        const Run empty = cli({"conversations", "folders", "delete", "--db", db, "日本語の練習"});
        QVERIFY2(empty.code == 0, empty.err.constData());
        QCOMPARE(empty.out, QByteArray("deleted folder \"日本語の練習\": it held no conversation\n"));
        rwkv::store::ConversationStore store(db);
        QVERIFY(store.listFolders().isEmpty());
        QCOMPARE(store.listConversations().size(), 2);
        QCOMPARE(store.listTrash().size(), 1);
        QCOMPARE(store.conversation(2)->folder_id, 0);
        QCOMPARE(store.conversation(1)->folder_id, 0);
        const Run gone = cli({"conversations", "move", "--db", db, "1", "--folder", "Job"});
        QVERIFY2(gone.code == 1 && gone.err.contains("it has no folders (make one with `rwkv-cli conversations folders "
                                                     "create`)"),
                 gone.err.constData());
        // An id that is no number is named as every command names it (session 49's trial: "Could not convert").
        const Run notAnId = cli({"conversations", "move", "--db", db, "abc", "--no-folder"});
        QVERIFY2(notAnId.code != 0 && notAnId.err.contains("'abc' is not a whole number of at least 1"),
                 notAnId.err.constData());
#endif
    }

    // A name that is not UTF-8 (a terminal in another encoding) is refused, not stored as "z\uFFFD\uFFFD" (session 49's
    // second trial). Through sh: QProcess passes its arguments as UTF-8.
    void aNameNotInUtf8IsRefused() {
#ifndef RWKV_CLI_TEST_STORE
        QSKIP("built without the app's store");
#else
        QTemporaryDir dir;
        const QString db = dir.filePath("conversations.sqlite");
        {
            rwkv::store::ConversationStore store(db);
            store.createFolder(QStringLiteral("Work"));
        }
        for (const QString& script :
             {QStringLiteral("exec \"$0\" conversations folders create --db \"$1\" \"$(printf 'z\\377\\376')\""),
              QStringLiteral("exec \"$0\" conversations folders rename --db \"$1\" Work \"$(printf 'caf\\351')\"")}) {
            QProcess sh;
            sh.setProcessEnvironment(cliEnvironment());
            sh.start(QStringLiteral("/bin/sh"), {QStringLiteral("-c"), script, QStringLiteral(RWKV_CLI_PATH), db});
            QVERIFY(sh.waitForFinished(60000));
            const QByteArray err = sh.readAllStandardError();
            QCOMPARE(sh.exitCode(), 1);
            QVERIFY2(err.contains("name is not UTF-8 text (is the terminal set to UTF-8?)"), err.constData());
        }
        rwkv::store::ConversationStore store(db);
        QCOMPARE(store.listFolders().size(), 1);
        QCOMPARE(store.listFolders().first().name, QStringLiteral("Work"));
#endif
    }

    // The writing ones are refused next to a running RWKV Desktop, as `move` is (its rwkv-desktop.lock); the list
    // only reads and still works.
    void changesAreRefusedWhileTheAppRuns() {
#ifndef RWKV_CLI_TEST_STORE
        QSKIP("built without the app's store");
#else
        QTemporaryDir folder;
        const QString db = folder.filePath("conversations.sqlite");
        {
            rwkv::store::ConversationStore store(db);
            store.createFolder(QStringLiteral("Work"));
        }
        QLockFile appLock(folder.filePath("rwkv-desktop.lock"));
        QVERIFY(appLock.tryLock(0));
        const QByteArray inUse =
            "is in use by RWKV Desktop (process " + QByteArray::number(QCoreApplication::applicationPid()) + ")";
        for (const QStringList& args : {QStringList{"create", "--db", db, "Home"},
                                        QStringList{"rename", "--db", db, "Work", "Job"},
                                        QStringList{"delete", "--db", db, "Work"}}) {
            const Run r = cli(QStringList{"conversations", "folders"} + args);
            QVERIFY2(r.code == 1, qPrintable(args.join(' ')));
            QVERIFY2(r.err.contains(inUse) && r.err.contains("nothing was changed") && r.err.count('\n') == 1,
                     r.err.constData());
        }
        const Run list = cli({"conversations", "folders", "--db", db, "--json"});
        QVERIFY2(list.code == 0, list.err.constData());
        QCOMPARE(nlohmann::json::parse(list.out.toStdString())[0]["name"].get<std::string>(), std::string("Work"));
        appLock.unlock();
        rwkv::store::ConversationStore store(db);
        QCOMPARE(store.listFolders().size(), 1);
        QCOMPARE(store.listFolders()[0].name, QStringLiteral("Work"));
#endif
    }
};

QTEST_GUILESS_MAIN(TestCliFolders)
#include "test_cli_folders.moc"
