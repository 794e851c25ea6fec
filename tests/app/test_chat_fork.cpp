// test_chat_fork.cpp — ChatController::forkConversation, the window's "New chat from here" (chat_controller_fork.cpp):
// the new chat is titled in the window's words, listed first and can be opened; a message that is not the shown chat's
// is refused in the banner, nothing made; the "Made from" line follows its chat's rename and trash. The copy's thread:
// test_chat_fork_thread; the window's button: test_fork_e2e; the store: test_store_fork.
#include "chat_controller_fixture.h"

#include "conversation_fork.h"
#include "conversation_title.h"
#include "conversation_list_model.h"

using rwkv::app::ConversationListModel;
using rwkv::store::Role;

class TestChatFork : public QObject, private ChatControllerFixture {
    Q_OBJECT

    /// forkConversation(messageId), and once its copy has ended (on its own thread) the chat forkMade named, 0 when
    /// refused; kForkIsTheNewChat as it returns it.
    qint64 fork(qint64 messageId) {
        QSignalSpy made(chat_.get(), &rwkv::app::ChatController::forkMade);
        const qint64 r = chat_->forkConversation(messageId);
        if (r != rwkv::app::ChatController::kForkIsUnderWay) return r;
        if (chat_->forkingMessageId() != messageId) return -100;
        if (!QTest::qWaitFor([&] { return chat_->forkingMessageId() == 0; }, 20000)) return -101;
        return made.isEmpty() ? 0 : made.first().first().toLongLong();
    }

private slots:
    void init() { ChatControllerFixture::init(); }
    void cleanup() { ChatControllerFixture::cleanup(); }

    void newChatIsListedFirstAndOpens() {
        const qint64 a = store_->createConversation(QStringLiteral("Report"), QStringLiteral("Be brief."));
        const qint64 q = store_->addMessage(a, 0, Role::User, QStringLiteral("Read this."));
        const qint64 r = store_->addMessage(a, q, Role::Assistant, QStringLiteral("Read."));
        store_->addMessage(a, r, Role::User, QStringLiteral("Later"));
        chat_->refreshConversations();
        chat_->selectConversation(a);
        const qint64 made = fork(r);
        QVERIFY(made > 0 && made != a);
        QCOMPARE(chat_->errorText(), QString());
        const auto* list = chat_->conversations();
        QCOMPARE(list->rowCount(), 2);
        QCOMPARE(list->data(list->index(0), ConversationListModel::IdRole).toLongLong(), made);
        QCOMPARE(store_->conversation(made)->title, QStringLiteral("From here: Report"));
        QCOMPARE(store_->conversation(made)->system_prompt, QStringLiteral("Be brief."));
        chat_->selectConversation(made);
        QCOMPARE(chat_->currentConversationId(), made);
        QCOMPARE(chat_->currentTitle(), QStringLiteral("From here: Report"));
        QCOMPARE(store_->messages(made).size(), 2);  // not "Later"
        // Under a first question nothing comes before it: nothing is stored (a stored chat of no message read as
        // damaged: session 49's second trial); the new chat takes the chat's instructions and preset.
        store_->setSamplingPreset(a, QStringLiteral("precise"));
        chat_->selectConversation(a);
        QCOMPARE(fork(q), rwkv::app::ChatController::kForkIsTheNewChat);
        QCOMPARE(store_->listConversations().size(), 2);
        chat_->newConversation();  // as the view opens it, the question in its box
        QCOMPARE(chat_->currentConversationId(), qint64(0));
        QCOMPARE(chat_->currentInstructions(), QStringLiteral("Be brief."));
        QCOMPARE(chat_->conversationPreset(), QStringLiteral("precise"));
    }

    // A new chat from a chat made "from here" keeps its title: before, each fork added the words again ("From here:
    // From here: Report"), which the sidebar cut to the same row for every fork of a fork (session 49's trial, LOW).
    void aForkOfAForkIsNotTitledTwice() {
        const qint64 a = store_->createConversation(QStringLiteral("Report"));
        const qint64 q = store_->addMessage(a, 0, Role::User, QStringLiteral("Read this."));
        const qint64 r = store_->addMessage(a, q, Role::Assistant, QStringLiteral("Read."));
        chat_->refreshConversations();
        chat_->selectConversation(a);
        const qint64 first = fork(r);
        chat_->selectConversation(first);
        const qint64 second = fork(store_->messages(first).last().id);
        QVERIFY(second > 0 && second != first);
        // "From here: Report" once, then numbered as file managers name copies (session 51's trial: three alike).
        QCOMPARE(store_->conversation(first)->title, QStringLiteral("From here: Report"));
        QCOMPARE(store_->conversation(second)->title, QStringLiteral("From here: Report (2)"));
        chat_->selectConversation(a);
        const qint64 third = fork(r);
        QVERIFY(third > 0);
        QCOMPARE(store_->conversation(third)->title, QStringLiteral("From here: Report (3)"));
        // The rule in other words and word orders (the window's languages), and titles it leaves alone.
        QCOMPARE(rwkv::app::forkTitle(QStringLiteral("ここから：%1"), QStringLiteral("ここから：報告")),
                 QStringLiteral("ここから：報告"));
        // A chat rwkv-cli made (English words) forked in the Japanese window: the words replaced, not kept beside.
        QCOMPARE(rwkv::app::forkTitle(QStringLiteral("ここから：%1"), QStringLiteral("From here: 報告")),
                 QStringLiteral("ここから：報告"));
        QCOMPARE(rwkv::app::forkTitle(QStringLiteral("ここから：%1"), QStringLiteral("報告")), QStringLiteral("ここから：報告"));
        QCOMPARE(rwkv::app::forkTitle(QStringLiteral("%1 (from here)"), QStringLiteral("Report (from here)")),
                 QStringLiteral("Report (from here)"));
        QCOMPARE(rwkv::app::forkTitle(QStringLiteral("From here: %1"), QStringLiteral("From here")),
                 QStringLiteral("From here: From here"));
        QCOMPARE(rwkv::app::forkTitle(QStringLiteral("From here: %1"), QString()), QStringLiteral("From here: "));
        QCOMPARE(rwkv::app::forkTitle(QStringLiteral("%1"), QStringLiteral("Report")), QStringLiteral("Report"));
    }

    // unusedTitle: the title while no chat outside the trash has it, else "(2)", "(3)" … on its stem (a trailing
    // " (N)" off, N < 1000), the stem cut to fit kMaxTitleLength.
    void aTakenTitleIsNumbered() {
        using rwkv::app::unusedTitle;
        QCOMPARE(unusedTitle(*store_, QStringLiteral("Report")), QStringLiteral("Report"));
        store_->createConversation(QStringLiteral("Report"));
        QCOMPARE(unusedTitle(*store_, QStringLiteral("Report")), QStringLiteral("Report (2)"));
        store_->createConversation(QStringLiteral("Report (2)"));
        QCOMPARE(unusedTitle(*store_, QStringLiteral("Report")), QStringLiteral("Report (3)"));
        QCOMPARE(unusedTitle(*store_, QStringLiteral("Report (2)")), QStringLiteral("Report (3)"));
        store_->createConversation(QStringLiteral("Meeting (2024)"));  // a year is no copy's number
        QCOMPARE(unusedTitle(*store_, QStringLiteral("Meeting (2024)")), QStringLiteral("Meeting (2024) (2)"));
        const qint64 trashed = store_->createConversation(QStringLiteral("Gone"));
        store_->deleteConversation(trashed);
        QCOMPARE(unusedTitle(*store_, QStringLiteral("Gone")), QStringLiteral("Gone"));
        const QString longest(rwkv::app::kMaxTitleLength, QLatin1Char('x'));
        store_->createConversation(longest);
        const QString numbered = unusedTitle(*store_, longest);
        QCOMPARE(numbered.size(), rwkv::app::kMaxTitleLength);
        QVERIFY2(numbered.endsWith(QStringLiteral("x\u2026 (2)")), qPrintable(numbered));
    }

    // The chat made says where it came from (the window's "Made from “Report”" line) and opens it at that reply, on
    // the version holding it; every other chat says nothing, nor one made from a chat now in the trash.
    void itSaysWhereItWasMadeFromAndOpensIt() {
        const qint64 a = store_->createConversation(QStringLiteral("Report"));
        const qint64 q = store_->addMessage(a, 0, Role::User, QStringLiteral("Read this."));
        const qint64 r = store_->addMessage(a, q, Role::Assistant, QStringLiteral("Read."));
        store_->addMessage(a, q, Role::Assistant, QStringLiteral("Another version"));  // shown when it opens
        chat_->refreshConversations();
        chat_->selectConversation(a);
        QCOMPARE(chat_->currentMadeFrom(), QString());
        QSignalSpy changed(chat_.get(), &rwkv::app::ChatController::currentMadeFromChanged);
        QSignalSpy shown(chat_.get(), &rwkv::app::ChatController::messageShown);
        const qint64 made = fork(r);
        chat_->selectConversation(made);
        QCOMPARE(chat_->currentMadeFrom(), QStringLiteral("Report"));
        QCOMPARE(changed.size(), 1);
        chat_->openMadeFrom();
        QCOMPARE(chat_->currentConversationId(), a);
        QCOMPARE(chat_->currentMadeFrom(), QString());
        QCOMPARE(shown.size(), 1);
        QCOMPARE(shown.first().first().toLongLong(), r);
        QCOMPARE(chat_->messages()->rowCount(), 2);
        QCOMPARE(chat_->messages()->data(chat_->messages()->index(1), rwkv::app::MessageModel::TextRole).toString(),
                 QStringLiteral("Read."));
        store_->deleteConversation(a);
        chat_->selectConversation(made);
        QCOMPARE(chat_->currentMadeFrom(), QString());
        chat_->openMadeFrom();
        QCOMPARE(chat_->currentConversationId(), made);
    }

    // The "Made from" line of the chat shown follows its chat as the window changes it: renamed (its row's Rename…),
    // moved to the trash (the line goes: nothing to open), restored. Before, it kept the old title, and the chat in the
    // trash, until the made chat was opened again (session 49's note).
    void madeFromFollowsARenameAndTheTrash() {
        const qint64 a = store_->createConversation(QStringLiteral("Report"));
        const qint64 q = store_->addMessage(a, 0, Role::User, QStringLiteral("Read this."));
        const qint64 r = store_->addMessage(a, q, Role::Assistant, QStringLiteral("Read."));
        chat_->refreshConversations();
        chat_->selectConversation(a);
        const qint64 made = fork(r);
        chat_->selectConversation(made);
        QCOMPARE(chat_->currentMadeFrom(), QStringLiteral("Report"));
        QSignalSpy changed(chat_.get(), &rwkv::app::ChatController::currentMadeFromChanged);
        QVERIFY(chat_->renameConversation(a, QStringLiteral("Annual report")));
        QCOMPARE(chat_->currentMadeFrom(), QStringLiteral("Annual report"));
        QCOMPARE(changed.size(), 1);
        QVERIFY(chat_->renameConversation(made, QStringLiteral("Questions")));  // the chat shown: the line stays
        QCOMPARE(chat_->currentMadeFrom(), QStringLiteral("Annual report"));
        QVERIFY(chat_->deleteConversation(a));
        QCOMPARE(chat_->currentConversationId(), made);
        QCOMPARE(chat_->currentMadeFrom(), QString());
        chat_->openMadeFrom();
        QCOMPARE(chat_->currentConversationId(), made);
        QCOMPARE(chat_->errorText(), QString());
        QVERIFY(store_->restoreConversation(a));  // Trash → Restore (LibraryController), which lists the chats again
        chat_->refreshConversations();
        QCOMPARE(chat_->currentMadeFrom(), QStringLiteral("Annual report"));
        QCOMPARE(changed.size(), 3);
    }

    void aMessageOfAnotherChatIsRefused() {
        const qint64 a = store_->createConversation(QStringLiteral("A"));
        store_->addMessage(a, 0, Role::User, QStringLiteral("Hi"));
        const qint64 b = store_->createConversation(QStringLiteral("B"));
        const qint64 other = store_->addMessage(b, 0, Role::Assistant, QStringLiteral("Other"));
        chat_->refreshConversations();
        chat_->selectConversation(a);
        QCOMPARE(fork(other), 0);
        QVERIFY2(chat_->errorText().startsWith(QStringLiteral("Could not make a new chat from here: ")),
                 qPrintable(chat_->errorText()));
        QCOMPARE(store_->listConversations().size(), 2);
        QCOMPARE(chat_->conversations()->rowCount(), 2);
        QCOMPARE(chat_->currentConversationId(), a);
    }
};

QTEST_GUILESS_MAIN(TestChatFork)
#include "test_chat_fork.moc"
