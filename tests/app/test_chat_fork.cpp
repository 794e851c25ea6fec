// test_chat_fork.cpp — ChatController::forkConversation, the window's "New chat from here" (chat_controller_chats.cpp):
// the new chat is titled in the window's words, listed first and can be opened; a message that is not the shown chat's
// is refused in the banner, nothing made. The window's button: test_fork_e2e; the store: test_store_fork.
#include "chat_controller_fixture.h"

#include "conversation_list_model.h"

using rwkv::app::ConversationListModel;
using rwkv::store::Role;

class TestChatFork : public QObject, private ChatControllerFixture {
    Q_OBJECT

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
        const qint64 made = chat_->forkConversation(r);
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
        // Under a question: the chat before it (here none: the settings only).
        chat_->selectConversation(a);
        const qint64 fromQuestion = chat_->forkConversation(q);
        QVERIFY(fromQuestion > 0);
        QCOMPARE(store_->allMessages(fromQuestion).size(), 0);
        QCOMPARE(store_->conversation(fromQuestion)->system_prompt, QStringLiteral("Be brief."));
    }

    void aMessageOfAnotherChatIsRefused() {
        const qint64 a = store_->createConversation(QStringLiteral("A"));
        store_->addMessage(a, 0, Role::User, QStringLiteral("Hi"));
        const qint64 b = store_->createConversation(QStringLiteral("B"));
        const qint64 other = store_->addMessage(b, 0, Role::Assistant, QStringLiteral("Other"));
        chat_->refreshConversations();
        chat_->selectConversation(a);
        QCOMPARE(chat_->forkConversation(other), 0);
        QVERIFY2(chat_->errorText().startsWith(QStringLiteral("Could not make a new chat from here: ")),
                 qPrintable(chat_->errorText()));
        QCOMPARE(store_->listConversations().size(), 2);
        QCOMPARE(chat_->conversations()->rowCount(), 2);
        QCOMPARE(chat_->currentConversationId(), a);
    }
};

QTEST_GUILESS_MAIN(TestChatFork)
#include "test_chat_fork.moc"
