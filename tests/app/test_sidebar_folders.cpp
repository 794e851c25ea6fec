// tests/app/test_sidebar_folders.cpp — the sidebar's folders (ConversationListModel::setLibrary, LibraryController's
// folder actions, AppSettings::collapsedFolders): the rows' order and counts, a folder closed and opened row by row,
// the folder dialog's words for every refused name, what Delete folder… asks, a deleted folder's chats kept, the trash
// and search. The window itself: test_sidebar_folders_e2e.cpp.
#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTranslator>
#include <QtTest>

#include "app_settings.h"
#include "chat_controller.h"
#include "inference_worker.h"
#include "library_controller.h"
#include "store/conversation_store.h"

using namespace rwkv::app;
using rwkv::store::Role;
using Model = ConversationListModel;

class TestSidebarFolders : public QObject {
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void pinnedThenFoldersThenTheRest();
    void closedFolderLeavesItsCountAndRows();
    void closedFolderOfTheOpenChatIsMarked();
    void chatsMoveInAndOutRowByRow();
    void folderNamesAreRefusedInWords();
    void newFolderTakesTheChat();
    void deletedFolderKeepsItsChats();
    void deleteFolderQuestionCountsItsChats_data();
    void deleteFolderQuestionCountsItsChats();
    void trashAndSearchKeepFolders();
    void collapsedFoldersAreKeptPerDatabase();

private:
    qint64 chat(const QString& title) {
        const qint64 c = store_->createConversation(title);
        store_->addMessage(c, 0, Role::User, title + QStringLiteral(" question"));
        return c;
    }
    /// Each row as the sidebar shows it: "[Name n]" for a folder (n chats, "+" when closed, " open chat" when closed
    /// holding the chat open in the window), "  title" for a chat
    /// listed under its folder, "title" for the others, "*title" when pinned.
    QStringList rows() const {
        Model* m = chat_->conversations();
        QStringList out;
        for (int r = 0; r < m->rowCount(); ++r) {
            const QModelIndex i = m->index(r);
            if (m->data(i, Model::IsFolderRole).toBool())
                out << QStringLiteral("[%1 %2%3%4]")
                           .arg(m->data(i, Model::FolderNameRole).toString())
                           .arg(m->data(i, Model::ChatCountRole).toInt())
                           .arg(m->data(i, Model::CollapsedRole).toBool() ? QStringLiteral("+") : QString())
                           .arg(m->data(i, Model::HoldsOpenChatRole).toBool() ? QStringLiteral(" open chat") : QString());
            else
                out << (m->data(i, Model::InFolderRole).toBool() ? QStringLiteral("  ") : QString()) +
                           (m->data(i, Model::PinnedRole).toBool() ? QStringLiteral("*") : QString()) +
                           m->data(i, Model::TitleRole).toString();
        }
        return out;
    }

    std::unique_ptr<rwkv::store::ConversationStore> store_;
    std::unique_ptr<InferenceWorker> worker_;
    std::unique_ptr<ChatController> chat_;
    std::unique_ptr<LibraryController> library_;
    std::unique_ptr<QAbstractItemModelTester> tester_;
};

void TestSidebarFolders::init() {
    store_ = std::make_unique<rwkv::store::ConversationStore>(QStringLiteral(":memory:"));
    worker_ = std::make_unique<InferenceWorker>(*store_, QStringLiteral(RWKV_TESTDATA_DIR));
    chat_ = std::make_unique<ChatController>(*store_, *worker_);
    library_ = std::make_unique<LibraryController>(*store_, *chat_);
    tester_ = std::make_unique<QAbstractItemModelTester>(chat_->conversations(),
                                                         QAbstractItemModelTester::FailureReportingMode::QtTest);
}

void TestSidebarFolders::cleanup() {
    tester_.reset();
    library_.reset();
    chat_.reset();
    worker_.reset();
    store_.reset();
}

// The pinned chats in no folder first, then each folder by name with its chats (its pinned one first, then by last
// use), then the other chats by last use; each chat once; a folder's count is its chats.
void TestSidebarFolders::pinnedThenFoldersThenTheRest() {
    const qint64 report = chat(QStringLiteral("report"));
    const qint64 kanji = chat(QStringLiteral("kanji"));
    const qint64 trip = chat(QStringLiteral("trip"));
    const qint64 plan = chat(QStringLiteral("plan"));
    const qint64 gift = chat(QStringLiteral("gift"));
    chat(QStringLiteral("loose"));  // newest
    const qint64 work = library_->createFolder(QStringLiteral("Work"));
    const qint64 japanese = library_->createFolder(QStringLiteral("japanese"));
    library_->createFolder(QStringLiteral("Empty"));
    QVERIFY(work > 0 && japanese > 0);
    QVERIFY(library_->moveToFolder(report, work));
    QVERIFY(library_->moveToFolder(plan, work));
    QVERIFY(library_->moveToFolder(kanji, japanese));
    QVERIFY(library_->setPinned(trip, true));
    QVERIFY(library_->setPinned(report, true));  // pinned in its folder: first there
    QVERIFY(library_->setPinned(gift, false));
    QCOMPARE(rows(), (QStringList{QStringLiteral("*trip"), QStringLiteral("[Empty 0]"), QStringLiteral("[japanese 1]"),
                                  QStringLiteral("  kanji"), QStringLiteral("[Work 2]"), QStringLiteral("  *report"),
                                  QStringLiteral("  plan"), QStringLiteral("loose"), QStringLiteral("gift")}));
    Model* m = chat_->conversations();
    QCOMPARE(m->indexOfId(plan), 6);
    QCOMPARE(m->indexOfFolder(work), 4);
    QCOMPARE(m->data(m->index(4), Model::IdRole).toLongLong(), 0);  // a folder row is no conversation
    QCOMPARE(m->data(m->index(6), Model::FolderIdRole).toLongLong(), work);
    QCOMPARE(m->data(m->index(6), Model::FolderNameRole).toString(), QStringLiteral("Work"));
    QCOMPARE(m->data(m->index(7), Model::FolderIdRole).toLongLong(), 0);
    QCOMPARE(m->firstConversationId(), trip);  // "the most recent" for a delete's next chat: never a folder row
    QCOMPARE(m->folderList().size(), 3);
    QCOMPARE(m->folderList()[2].toMap().value(QStringLiteral("name")).toString(), QStringLiteral("Work"));
}

void TestSidebarFolders::closedFolderLeavesItsCountAndRows() {
    const qint64 a = chat(QStringLiteral("a"));
    const qint64 b = chat(QStringLiteral("b"));
    chat(QStringLiteral("c"));
    const qint64 work = library_->createFolder(QStringLiteral("Work"));
    library_->moveToFolder(a, work);
    library_->moveToFolder(b, work);
    Model* m = chat_->conversations();
    QSignalSpy removed(m, &QAbstractItemModel::rowsRemoved), reset(m, &QAbstractItemModel::modelReset);
    QSignalSpy saved(m, &Model::folderCollapsedChanged);
    m->setFolderCollapsed(work, true);
    QCOMPARE(rows(), (QStringList{QStringLiteral("[Work 2+]"), QStringLiteral("c")}));
    QCOMPARE(removed.size(), 1);  // the two rows under it, one signal; no reset (the scroll position stays)
    QCOMPARE(reset.size(), 0);
    QCOMPARE(saved.size(), 1);
    QCOMPARE(saved[0][0].toLongLong(), work);
    QCOMPARE(saved[0][1].toBool(), true);
    // A chat of the closed folder is still the library's: selected (a search hit), named, renamed in place
    QVERIFY(m->contains(a) && m->indexOfId(a) < 0);
    QCOMPARE(m->folderOf(a), work);
    chat_->selectConversation(a);
    QCOMPARE(chat_->currentConversationId(), a);
    QCOMPARE(m->titleOf(a), QStringLiteral("a"));
    QVERIFY(chat_->renameConversation(a, QStringLiteral("renamed")));
    QCOMPARE(m->titleOf(a), QStringLiteral("renamed"));
    m->setFolderCollapsed(work, false);
    QCOMPARE(rows(), (QStringList{QStringLiteral("[Work 2]"), QStringLiteral("  b"), QStringLiteral("  renamed"),
                                  QStringLiteral("c")}));
    m->setFolderCollapsed(work, false);  // already open: nothing to keep
    QCOMPARE(saved.size(), 2);
}

// A closed folder's row says that the open chat is in it (the sidebar draws it as the selected row), as file managers
// mark the closed folder of the open file: while that chat is open and the folder closed, wherever the chat moves.
void TestSidebarFolders::closedFolderOfTheOpenChatIsMarked() {
    const qint64 a = chat(QStringLiteral("a"));
    const qint64 b = chat(QStringLiteral("b"));
    const qint64 c = chat(QStringLiteral("c"));
    const qint64 work = library_->createFolder(QStringLiteral("Work"));
    const qint64 home = library_->createFolder(QStringLiteral("Home"));
    QVERIFY(library_->moveToFolder(a, work));
    QVERIFY(library_->moveToFolder(b, work));
    Model* m = chat_->conversations();
    chat_->selectConversation(a);
    QCOMPARE(rows(), (QStringList{QStringLiteral("[Home 0]"), QStringLiteral("[Work 2]"), QStringLiteral("  b"),
                                  QStringLiteral("  a"), QStringLiteral("c")}));  // open: its row is the mark
    QSignalSpy changed(m, &QAbstractItemModel::dataChanged), reset(m, &QAbstractItemModel::modelReset);
    m->setFolderCollapsed(work, true);
    QCOMPARE(rows(), (QStringList{QStringLiteral("[Home 0]"), QStringLiteral("[Work 2+ open chat]"), QStringLiteral("c")}));
    QCOMPARE(m->data(m->index(1), Model::HoldsOpenChatRole).toBool(), true);
    QCOMPARE(m->data(m->index(0), Model::HoldsOpenChatRole).toBool(), false);
    chat_->selectConversation(c);  // another chat open: the mark goes, row by row
    QCOMPARE(rows(), (QStringList{QStringLiteral("[Home 0]"), QStringLiteral("[Work 2+]"), QStringLiteral("c")}));
    QVERIFY(!changed.isEmpty());
    QCOMPARE(reset.size(), 0);
    chat_->selectConversation(b);
    QCOMPARE(rows().at(1), QStringLiteral("[Work 2+ open chat]"));
    m->setFolderCollapsed(home, true);
    QVERIFY(library_->moveToFolder(b, home));  // the open chat moved: the mark with it
    QCOMPARE(rows(), (QStringList{QStringLiteral("[Home 1+ open chat]"), QStringLiteral("[Work 1+]"), QStringLiteral("c")}));
    QVERIFY(library_->moveToFolder(b, 0));
    QCOMPARE(rows().mid(0, 2), (QStringList{QStringLiteral("[Home 0+]"), QStringLiteral("[Work 1+]")}));
    chat_->newConversation();  // none open
    QVERIFY(library_->moveToFolder(b, work));
    QCOMPARE(rows().mid(0, 2), (QStringList{QStringLiteral("[Home 0+]"), QStringLiteral("[Work 2+]")}));
}

void TestSidebarFolders::chatsMoveInAndOutRowByRow() {
    for (int i = 0; i < 30; ++i) chat(QStringLiteral("chat %1").arg(i));
    const qint64 folder = library_->createFolder(QStringLiteral("Kept"));
    Model* m = chat_->conversations();
    QSignalSpy reset(m, &QAbstractItemModel::modelReset), moved(m, &QAbstractItemModel::rowsMoved);
    QVERIFY(library_->moveToFolder(5, folder));  // "chat 4", 26th by use
    QCOMPARE(rows().mid(0, 3), (QStringList{QStringLiteral("[Kept 1]"), QStringLiteral("  chat 4"),
                                            QStringLiteral("chat 29")}));
    QVERIFY(library_->moveToFolder(5, 0));
    QCOMPARE(rows().mid(0, 2), (QStringList{QStringLiteral("[Kept 0]"), QStringLiteral("chat 29")}));
    QCOMPARE(rows().at(26), QStringLiteral("chat 4"));  // back at its place by use
    QCOMPARE(reset.size(), 0);
    QVERIFY(moved.size() >= 2);
    QVERIFY(!library_->moveToFolder(5, 999));  // no such folder: said in the banner, nothing moved
    QVERIFY(chat_->errorText().contains(QStringLiteral("Could not move the conversation")));
    QCOMPARE(store_->conversation(5)->folder_id, 0);
}

// The folder dialog's note and OK: each name the store would refuse, in words.
void TestSidebarFolders::folderNamesAreRefusedInWords() {
    const qint64 work = library_->createFolder(QStringLiteral("Work"));
    QCOMPARE(library_->folderNameProblem(QStringLiteral("Home")), QString());
    QCOMPARE(library_->folderNameProblem(QStringLiteral("   ")), QStringLiteral("A folder needs a name."));
    QCOMPARE(library_->folderNameProblem(QString(101, u'x')), QStringLiteral("A folder name has at most 100 characters."));
    QCOMPARE(library_->folderNameProblem(QStringLiteral("a\tb")),
             QStringLiteral("A folder name is one line, without control or text-direction characters."));
    QCOMPARE(library_->folderNameProblem(QStringLiteral("a\u202Eb")),
             QStringLiteral("A folder name is one line, without control or text-direction characters."));
    QCOMPARE(library_->folderNameProblem(QStringLiteral(" work ")),
             QStringLiteral("There is already a folder named “\u2068Work\u2069”."));
    QCOMPARE(library_->folderNameProblem(QStringLiteral("WORK"), work), QString());  // its own name, renamed
    QCOMPARE(library_->maxFolderNameLength(), 100);
    // Made anyway (a dialog bypassed): refused in the banner, nothing made
    QCOMPARE(library_->createFolder(QStringLiteral("work")), 0);
    QCOMPARE(chat_->errorText(), QStringLiteral("Could not make the folder: There is already a folder named "
                                                "“\u2068work\u2069”."));
    QVERIFY(!library_->renameFolder(work, QString()));
    QCOMPARE(chat_->errorText(), QStringLiteral("Could not rename the folder: A folder needs a name."));
    QCOMPARE(store_->listFolders().size(), 1);
}

// "New folder…" in a chat's menu makes the folder with the chat in it, in one step.
void TestSidebarFolders::newFolderTakesTheChat() {
    const qint64 a = chat(QStringLiteral("a"));
    chat(QStringLiteral("b"));
    const qint64 folder = library_->createFolder(QStringLiteral("  Japanese practice "), a);
    QVERIFY(folder > 0);
    QCOMPARE(store_->listFolders()[0].name, QStringLiteral("Japanese practice"));
    QCOMPARE(store_->conversation(a)->folder_id, folder);
    QCOMPARE(rows(), (QStringList{QStringLiteral("[Japanese practice 1]"), QStringLiteral("  a"), QStringLiteral("b")}));
    QVERIFY(library_->renameFolder(folder, QStringLiteral("日本語")));
    QCOMPARE(rows().first(), QStringLiteral("[日本語 1]"));
}

void TestSidebarFolders::deletedFolderKeepsItsChats() {
    const qint64 a = chat(QStringLiteral("a"));
    const qint64 b = chat(QStringLiteral("b"));
    const qint64 folder = library_->createFolder(QStringLiteral("Gone"));
    library_->moveToFolder(a, folder);
    library_->moveToFolder(b, folder);
    chat_->conversations()->setFolderCollapsed(folder, true);
    QVERIFY(library_->deleteFolder(folder));
    QCOMPARE(rows(), (QStringList{QStringLiteral("b"), QStringLiteral("a")}));
    QCOMPARE(store_->listConversations().size(), 2);
    QCOMPARE(store_->messages(a).size(), 1);
    QVERIFY(!library_->deleteFolder(folder));  // already gone: said, nothing else
    QVERIFY(chat_->errorText().contains(QStringLiteral("Could not delete the folder")));
}

void TestSidebarFolders::deleteFolderQuestionCountsItsChats_data() {
    QTest::addColumn<QString>("language");
    QTest::addColumn<int>("chats");
    QTest::addColumn<QString>("question");
    const auto row = [](const char* language, int chats, const char* question) {
        QTest::addRow("%s, %d", language, chats) << QString::fromUtf8(language) << chats << QString::fromUtf8(question);
    };
    // The name comes isolated (U+2068 … U+2069), as every name the window quotes
    row("en", 0, "Delete the folder “⁨Work⁩”? It holds no chats.");
    row("en", 1, "Delete the folder “⁨Work⁩”? Its 1 chat will stay, listed outside any folder.");
    row("en", 3, "Delete the folder “⁨Work⁩”? Its 3 chats will stay, listed outside any folder.");
    row("zh_CN", 0, "删除文件夹“⁨Work⁩”？其中没有对话。");
    row("zh_CN", 1, "删除文件夹“⁨Work⁩”？其中的 1 个对话会保留，不再属于任何文件夹。");
    row("zh_TW", 0, "刪除資料夾「⁨Work⁩」？其中沒有對話。");
    row("zh_TW", 2, "刪除資料夾「⁨Work⁩」？其中的 2 段對話會保留，不再屬於任何資料夾。");
    row("ja", 0, "フォルダー「⁨Work⁩」を削除しますか？中にチャットはありません。");
    row("ja", 1, "フォルダー「⁨Work⁩」を削除しますか？中の 1 件のチャットは残り、どのフォルダーにも属さなくなります。");
}

// What Delete folder… asks says what becomes of the folder's chats for none, one and several, in each language (the
// app's translations as lrelease builds them: English's singular and plural are its %n forms). An empty folder's
// question said "0 chats will be listed outside any folder", and one chat's "Its chats stay" (session 48's trial).
void TestSidebarFolders::deleteFolderQuestionCountsItsChats() {
#ifndef RWKV_QM_DIR
    QSKIP("built without the app's translations (no app/gui)");
#else
    QFETCH(QString, language);
    QFETCH(int, chats);
    QFETCH(QString, question);
    QTranslator translator;
    QVERIFY(translator.load(QStringLiteral(RWKV_QM_DIR "/rwkv-desktop_%1.qm").arg(language)));
    QVERIFY(QCoreApplication::installTranslator(&translator));
    const auto uninstall = qScopeGuard([&translator] { QCoreApplication::removeTranslator(&translator); });
    QCOMPARE(library_->deleteFolderQuestion(QStringLiteral("Work"), chats), question);
#endif
}

// A chat moved to the trash leaves its folder's count and comes back into it; a search lists it as before.
void TestSidebarFolders::trashAndSearchKeepFolders() {
    const qint64 a = chat(QStringLiteral("ferry"));
    chat(QStringLiteral("bread"));
    const qint64 folder = library_->createFolder(QStringLiteral("Travel"));
    library_->moveToFolder(a, folder);
    chat_->conversations()->setFolderCollapsed(folder, true);
    library_->search(QStringLiteral("ferry question"));
    QCOMPARE(library_->searchResults()->rowCount(), 1);  // a closed folder's chat is found
    library_->search(QString());
    QVERIFY(library_->moveToTrash(a));
    QCOMPARE(rows(), (QStringList{QStringLiteral("[Travel 0+]"), QStringLiteral("bread")}));
    QVERIFY(library_->undo());
    QCOMPARE(chat_->currentConversationId(), a);  // the undo opens it again: its closed folder is marked
    QCOMPARE(rows(), (QStringList{QStringLiteral("[Travel 1+ open chat]"), QStringLiteral("bread")}));
    QCOMPARE(store_->conversation(a)->folder_id, folder);
}

// Which folders are closed is kept in the settings, per database (a folder id is its library's own).
void TestSidebarFolders::collapsedFoldersAreKeptPerDatabase() {
    QTemporaryDir dir;
    const QString ini = dir.filePath(QStringLiteral("s.ini"));
    {
        AppSettings s(ini);
        s.setActiveDataDir(dir.filePath(QStringLiteral("one")));
        QVERIFY(s.collapsedFolders().isEmpty());
        s.setFolderCollapsed(3, true);
        s.setFolderCollapsed(12, true);
        s.setFolderCollapsed(12, false);
        s.setFolderCollapsed(7, true);
        s.setActiveDataDir(dir.filePath(QStringLiteral("two")));
        s.setFolderCollapsed(3, true);
        s.setFolderCollapsed(3, false);
    }
    AppSettings again(ini);
    again.setActiveDataDir(dir.filePath(QStringLiteral("one")));
    QCOMPARE(again.collapsedFolders(), (QSet<qint64>{3, 7}));
    again.setActiveDataDir(dir.filePath(QStringLiteral("two")));
    QVERIFY(again.collapsedFolders().isEmpty());
    Model m;
    m.setCollapsedFolders({3});
    m.setLibrary({}, {{3, QStringLiteral("Closed"), 1}, {4, QStringLiteral("Open"), 1}});
    QCOMPARE(m.rowCount(), 2);
    QCOMPARE(m.data(m.index(0), Model::CollapsedRole).toBool(), true);
    QCOMPARE(m.data(m.index(1), Model::CollapsedRole).toBool(), false);
}

QTEST_GUILESS_MAIN(TestSidebarFolders)
#include "test_sidebar_folders.moc"
