// test_export_folders.cpp — a chat's folder in its exports and back: the JSON's and a bundle's "folder" (absent for
// none), the Markdown's last line; import files the chat in the folder of that name (made when missing), a name the
// store refuses imports it unfiled and says why (the banner, BundleImportController), importing again moves nothing.
// Code: app/core/conversation_export*.cpp, ConversationStore::importConversation; the folders themselves:
// test_store_folders.cpp; rwkv-cli's words: tests/cli/test_cli_folders.cpp.
#include "import_rig.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QtEndian>
#include <QtTest>

#include "conversation_export.h"
#include "store/conversation_store.h"

using namespace rwkv;
using namespace rwkv::app;

class TestExportFolders : public QObject {
    Q_OBJECT

private slots:
    void exportsNameTheFolder();
    void importFilesTheChatInTheFolderOfThatName();
    void importOfARefusedNameIsUnfiledAndSaysWhy_data();
    void importOfARefusedNameIsUnfiledAndSaysWhy();
    void importOfHalfACharacterIsUnfiledAndSaysWhy();
    void importingAgainMovesNothing();
    void bannerSaysWhereTheChatWent();
    void bannerShowsANameOfNothingToReadAsEscapes();

private:
    /// A two-message chat titled `title`.
    static qint64 chat(store::ConversationStore& store, const QString& title) {
        const qint64 c = store.createConversation(title);
        const qint64 q = store.addMessage(c, 0, store::Role::User, QStringLiteral("Where is the harbour?"));
        store.addMessage(c, q, store::Role::Assistant, QStringLiteral("Down the hill."));
        return c;
    }
    /// The "conversation" object of a JSON export or of a bundle's JSON part.
    static QJsonObject conversationOf(const QByteArray& file) {
        QByteArray json = file;
        if (file.startsWith("RWKVCB01"))
            json = file.mid(32, qsizetype(qFromLittleEndian<quint64>(file.constData() + 16)));
        return QJsonDocument::fromJson(json).object().value(QStringLiteral("conversation")).toObject();
    }
    /// A JSON export of a two-message chat whose "folder" is `folder` (a hand-made file: any name).
    static QByteArray exportIn(const QJsonValue& folder, const QString& title = QStringLiteral("Harbour")) {
        store::ConversationStore sender(QStringLiteral(":memory:"));
        QJsonObject root = QJsonDocument::fromJson(exportJson(sender, chat(sender, title))).object();
        QJsonObject conversation = root.value(QStringLiteral("conversation")).toObject();
        conversation.insert(QStringLiteral("folder"), folder);
        root.insert(QStringLiteral("conversation"), conversation);
        return QJsonDocument(root).toJson();
    }
    /// The name of the folder conversation `id` is in, "" for none.
    static QString folderOf(const store::ConversationStore& store, qint64 id) {
        return store.folderName(store.conversation(id)->folder_id);
    }
};

// Session 48 added folders; an export did not say which one a chat was in, so a library moved by export and import
// lost its grouping. The folder goes by name (an id is its library's own), absent for a chat in none.
void TestExportFolders::exportsNameTheFolder() {
    store::ConversationStore store(QStringLiteral(":memory:"));
    const qint64 filed = chat(store, QStringLiteral("Filed")), loose = chat(store, QStringLiteral("Loose"));
    store.setFolder(filed, store.createFolder(QStringLiteral("日本語の練習")));

    const QJsonObject json = conversationOf(exportJson(store, filed));
    QCOMPARE(json.value(QStringLiteral("folder")).toString(), QStringLiteral("日本語の練習"));
    QVERIFY(!conversationOf(exportJson(store, loose)).contains(QStringLiteral("folder")));

    // A bundle carries it in its JSON part: a field a reader that does not know it passes over (it imports the chat
    // unfiled), so no new bundle version, which every older version would refuse whole; the text checksum covers it.
    const QByteArray bundle = exportBundle(store, filed);
    QCOMPARE(qFromLittleEndian<quint32>(bundle.constData() + 8), quint32(1));  // no state-tuning file: version 1
    QCOMPARE(conversationOf(bundle).value(QStringLiteral("folder")).toString(), QStringLiteral("日本語の練習"));
    QVERIFY(!conversationOf(exportBundle(store, loose)).contains(QStringLiteral("folder")));
    const QJsonObject root = QJsonDocument::fromJson(exportJson(store, filed)).object();
    QCOMPARE(root.value(QStringLiteral("version")).toInt(), kJsonVersion);
    QCOMPARE(kJsonVersion, 1);

    // The Markdown names it in its last line, beside the model ("(model M, folder "Work")"): it has no header lines
    // (the title and the instructions above the messages are the chat's own text).
    const QString md = QString::fromUtf8(exportMarkdown(store, filed));
    QVERIFY2(md.contains(QStringLiteral(" (folder \"日本語の練習\"); the newest branch, 2 of 2 messages.*\n")), qPrintable(md));
    QVERIFY(md.startsWith(QStringLiteral("# Filed\n\n**User:** Where is the harbour?")));
    const QString looseMd = QString::fromUtf8(exportMarkdown(store, loose));
    QVERIFY2(!looseMd.contains(QStringLiteral("folder")) && !looseMd.contains(QStringLiteral(" ()")), qPrintable(looseMd));
    // A folder deleted since: the chat is in none, and says so by saying nothing
    store.deleteFolder(store.listFolders().front().id);
    QVERIFY(!conversationOf(exportJson(store, filed)).contains(QStringLiteral("folder")));
}

// A library moved to another computer by export and import keeps its grouping: the chat goes into this library's
// folder of the same name by the store's own rule (sameFolderName: case, composition, invisible characters), and the
// folder is made where there is none.
void TestExportFolders::importFilesTheChatInTheFolderOfThatName() {
    store::ConversationStore sender(QStringLiteral(":memory:"));
    const qint64 filed = chat(sender, QStringLiteral("Filed"));
    sender.setFolder(filed, sender.createFolder(QStringLiteral("Work")));
    const QByteArray bundle = exportBundle(sender, filed), json = exportJson(sender, filed);

    store::ConversationStore fresh(QStringLiteral(":memory:"));  // no folders: "Work" is made
    const ImportResult made = importConversation(fresh, bundle);
    QCOMPARE(folderOf(fresh, made.conversationId), QStringLiteral("Work"));
    QCOMPARE(made.folder, QStringLiteral("Work"));
    QVERIFY(made.folderMade);
    QVERIFY(made.folderRefused.isEmpty());
    QCOMPARE(fresh.listFolders().size(), 1);

    store::ConversationStore other(QStringLiteral(":memory:"));  // "work" there: the same name to the store
    const qint64 work = other.createFolder(QStringLiteral("work"));
    other.createFolder(QStringLiteral("Home"));
    const ImportResult found = importConversation(other, json);
    QCOMPARE(other.conversation(found.conversationId)->folder_id, work);
    QCOMPARE(found.folder, QStringLiteral("work"));  // as this library names it
    QVERIFY(!found.folderMade);
    QCOMPARE(other.listFolders().size(), 2);

    // Composed and decomposed, an invisible character, spaces around: one name each
    const qint64 cafe = other.createFolder(QStringLiteral("Cafe\u0301"));
    QCOMPARE(other.conversation(importConversation(other, exportIn(QStringLiteral("CAFÉ"), QStringLiteral("a"))).conversationId)
                 ->folder_id,
             cafe);
    QCOMPARE(other.conversation(importConversation(other, exportIn(QStringLiteral(" Ho\u200Bme "), QStringLiteral("b")))
                                    .conversationId)
                 ->folder_id,
             other.listFolders()[1].id);  // Cafe\u0301, Home, work
    // A name made here is checked as the window's (trimmed, the invisible character left out)
    store::ConversationStore third(QStringLiteral(":memory:"));
    const ImportResult trimmed = importConversation(third, exportIn(QStringLiteral("  Ja\u200Bpan  ")));
    QCOMPARE(folderOf(third, trimmed.conversationId), QStringLiteral("Japan"));
    // An empty name is no folder, as a missing one
    const ImportResult none = importConversation(third, exportIn(QString(), QStringLiteral("c")));
    QCOMPARE(third.conversation(none.conversationId)->folder_id, 0);
    QVERIFY(none.folderRefused.isEmpty() && none.folder.isEmpty());
    // "Import a copy" files the copy in the file's folder too
    store::ConversationStore copies(QStringLiteral(":memory:"));
    const ImportResult first = importConversation(copies, json);
    copies.setFolder(first.conversationId, 0);
    const ImportResult copy = importConversation(copies, parseConversationFile(json), OnDuplicate::ImportCopy);
    QVERIFY(copy.conversationId != first.conversationId);
    QCOMPARE(folderOf(copies, copy.conversationId), QStringLiteral("Work"));
    QVERIFY(!copy.folderMade);  // the first import made it
    // Not text: refused, as a title that is not text
    QVERIFY_THROWS_EXCEPTION(ImportError, importConversation(copies, exportIn(5, QStringLiteral("d"))));
}

void TestExportFolders::importOfARefusedNameIsUnfiledAndSaysWhy_data() {
    QTest::addColumn<QString>("name");
    QTest::addColumn<int>("problem");
    QTest::newRow("101 characters") << QString(101, u'w') << int(store::FolderNameProblem::TooLong);
    QTest::newRow("a line break") << QStringLiteral("Work\nHome") << int(store::FolderNameProblem::ControlCharacter);
    QTest::newRow("right-to-left override") << QStringLiteral("Work\u202E") << int(store::FolderNameProblem::ControlCharacter);
    QTest::newRow("invisible only") << QStringLiteral("\u200B\u2060") << int(store::FolderNameProblem::Empty);
    QTest::newRow("drawn as nothing") << QStringLiteral("\u3164\u2800") << int(store::FolderNameProblem::Empty);
}

// A hand-made or damaged file may name a folder this library cannot have: the chat still comes in, in no folder, and
// the outcome says why; no folder is made.
void TestExportFolders::importOfARefusedNameIsUnfiledAndSaysWhy() {
    QFETCH(QString, name);
    QFETCH(int, problem);
    store::ConversationStore store(QStringLiteral(":memory:"));
    const ImportResult r = importConversation(store, exportIn(name));
    QVERIFY(r.conversationId != 0);
    QCOMPARE(r.messages, 2);
    QCOMPARE(store.conversation(r.conversationId)->folder_id, 0);
    QVERIFY(store.listFolders().isEmpty());
    QCOMPARE(r.folderRefused, name);
    QCOMPARE(int(r.folderProblem), problem);
    QVERIFY(r.folder.isEmpty() && !r.folderMade);
    QVERIFY2(r.folderRefusal.startsWith(QStringLiteral("The folder name ")), qPrintable(r.folderRefusal));  // the store's
}

// Session 49: a file whose folder name holds half a surrogate pair (a "\ud83d" escape: a damaged or hand-made file)
// filed the chat in the name without it ("z"), and said nothing. It is refused as the other names this library cannot
// have: the chat comes in unfiled, the banner says why with the half drawn as U+FFFD. A whole pair is a character.
void TestExportFolders::importOfHalfACharacterIsUnfiledAndSaysWhy() {
    const auto fileIn = [](const QByteArray& escapedFolder) {  // the JSON's own escapes: QString has no UTF-8 for them
        QByteArray file = exportIn(QStringLiteral("PLACEHOLDER"));
        return file.replace("\"PLACEHOLDER\"", "\"" + escapedFolder + "\"");
    };
    const QList<std::pair<QByteArray, QString>> halves{
        {"z\\ud83d", QStringLiteral("z") + QChar(0xD83D)},
        {"\\ude00z", QChar(0xDE00) + QStringLiteral("z")},
        {"Work \\ud83d\\ud83d\\ude00", QStringLiteral("Work ") + QChar(0xD83D) + QStringLiteral("😀")}};  // one whole
    for (const auto& [escaped, name] : halves) {
        store::ConversationStore store(QStringLiteral(":memory:"));
        const ImportResult r = importConversation(store, fileIn(escaped));
        QVERIFY(r.conversationId != 0);
        QCOMPARE(r.messages, 2);
        QCOMPARE(store.conversation(r.conversationId)->folder_id, 0);
        QVERIFY2(store.listFolders().isEmpty(), qPrintable(store.listFolders().value(0).name));
        QCOMPARE(r.folderRefused, name);
        QCOMPARE(int(r.folderProblem), int(store::FolderNameProblem::HalfCharacter));
        QVERIFY(r.folder.isEmpty() && !r.folderMade);
        QVERIFY2(r.folderRefusal.startsWith(QStringLiteral("The folder name holds half of a character (U+")),
                 qPrintable(r.folderRefusal));
    }
    store::ConversationStore store(QStringLiteral(":memory:"));
    const ImportResult whole = importConversation(store, fileIn("z\\ud83d\\ude00"));
    QCOMPARE(whole.folder, QStringLiteral("z😀"));
    QVERIFY(whole.folderMade && whole.folderRefused.isEmpty());

    test::ImportRig rig;
    const qint64 id =
        rig.importer.importFile(test::writeFile(rig.dir.filePath(QStringLiteral("half.json")), fileIn("z\\ud83d")));
    QVERIFY(id != 0);
    QCOMPARE(rig.store.conversation(id)->folder_id, 0);
    QVERIFY(!rig.importer.messageIsError());
    QCOMPARE(rig.importer.message(),
             QStringLiteral("Imported “\u2068Harbour\u2069” (2 messages). Its folder “\u2068z\uFFFD\u2069” could not be "
                            "made here, so it is in no folder: A folder name cannot hold half a character (shown as "
                            "\uFFFD): the file is damaged there."));
}

// Importing the same file again (OpenExisting) writes nothing: a chat the user has refiled since, or taken out of its
// folder, stays where it is, and a folder deleted since is not made again.
void TestExportFolders::importingAgainMovesNothing() {
    store::ConversationStore store(QStringLiteral(":memory:"));
    const QByteArray file = exportIn(QStringLiteral("Work"));
    const ImportResult first = importConversation(store, file);
    QCOMPARE(folderOf(store, first.conversationId), QStringLiteral("Work"));
    const qint64 home = store.createFolder(QStringLiteral("Home"));
    store.setFolder(first.conversationId, home);
    const ImportResult again = importConversation(store, file);
    QVERIFY(again.alreadyPresent);
    QCOMPARE(again.conversationId, first.conversationId);
    QCOMPARE(store.conversation(first.conversationId)->folder_id, home);
    QCOMPARE(again.folder, QStringLiteral("Home"));  // where the library's copy is
    QVERIFY(!again.folderMade);
    store.setFolder(first.conversationId, 0);
    store.deleteFolder(store.listFolders()[1].id);  // Home, Work: "Work" deleted
    const ImportResult third = importConversation(store, file);
    QVERIFY(third.alreadyPresent);
    QCOMPARE(store.conversation(first.conversationId)->folder_id, 0);
    QCOMPARE(store.listFolders().size(), 1);
    QCOMPARE(store.listFolders()[0].name, QStringLiteral("Home"));
    QVERIFY(third.folder.isEmpty());
}

// The app's banner says where the chat went, and why not where the file named a folder this library refuses.
void TestExportFolders::bannerSaysWhereTheChatWent() {
    test::ImportRig rig;
    const QString made = test::writeFile(rig.dir.filePath(QStringLiteral("made.json")), exportIn(QStringLiteral("Work")));
    const qint64 id = rig.importer.importFile(made);
    QVERIFY(id != 0);
    QCOMPARE(folderOf(rig.store, id), QStringLiteral("Work"));
    QCOMPARE(rig.importer.message(),
             QStringLiteral("Imported “\u2068Harbour\u2069” (2 messages). It is in a new folder, “\u2068Work\u2069”."));
    const QString found =
        test::writeFile(rig.dir.filePath(QStringLiteral("found.json")), exportIn(QStringLiteral("WORK"), QStringLiteral("Port")));
    QVERIFY(rig.importer.importFile(found) != 0);
    QCOMPARE(rig.importer.message(),
             QStringLiteral("Imported “\u2068Port\u2069” (2 messages). It is in the folder “\u2068Work\u2069”."));
    const QString refused = test::writeFile(rig.dir.filePath(QStringLiteral("refused.json")),
                                            exportIn(QString(120, u'x'), QStringLiteral("Pier")));
    const qint64 unfiled = rig.importer.importFile(refused);
    QVERIFY(unfiled != 0);
    QCOMPARE(rig.store.conversation(unfiled)->folder_id, 0);
    QVERIFY(!rig.importer.messageIsError());
    QCOMPARE(rig.importer.message(),
             QStringLiteral("Imported “\u2068Pier\u2069” (2 messages). Its folder “\u2068") + QString(39, u'x') +
                 QStringLiteral("…\u2069” could not be made here, so it is in no folder: A folder name has at most 100 "
                                "characters."));
}

// A refused name of nothing to read ("\u200b" alone, with U+2060; ten of them past the line's 40 characters, cut at a
// whole escape) is said with its characters as escapes, as rwkv-cli conversations import says it (7289014; one
// function now, refusedFolderShown): the banner read "Its folder “” could not be made here" (session 51's loose ends).
void TestExportFolders::bannerShowsANameOfNothingToReadAsEscapes() {
    test::ImportRig rig;
    const QList<std::pair<QString, QString>> names{
        {QStringLiteral("\u200b"), QStringLiteral("\\u200b")},
        {QStringLiteral("\u200b\u2060"), QStringLiteral("\\u200b\\u2060")},
        {QString(10, QChar(0x200B)), QStringLiteral("\\u200b").repeated(6) + u'…'}};
    int n = 0;
    for (const auto& [name, shown] : names) {
        const QString title = QStringLiteral("Pier %1").arg(++n);
        const qint64 id = rig.importer.importFile(
            test::writeFile(rig.dir.filePath(title + QStringLiteral(".json")), exportIn(name, title)));
        QVERIFY(id != 0);
        QCOMPARE(rig.store.conversation(id)->folder_id, 0);
        QVERIFY(!rig.importer.messageIsError());
        const QString prefix = QStringLiteral("Imported “\u2068%1\u2069” (2 messages). Its folder “\u2068%2\u2069” could "
                                              "not be made here, so it is in no folder: ").arg(title, shown);
        QVERIFY2(rig.importer.message().startsWith(prefix), qPrintable(rig.importer.message()));
    }
}

QTEST_GUILESS_MAIN(TestExportFolders)
#include "test_export_folders.moc"
