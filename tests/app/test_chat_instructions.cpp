// test_chat_instructions.cpp — a chat's instructions (its system prompt) changed after it has messages, with the real
// engine and the tiny RWKV-7 of the test data (greedy): the store drops the chat's saved states in the same
// transaction (only when the text differs, only that chat's); the next turn reads the chat again from the start with
// the new "System:" turn (source Reprefill, the note says why) and its reply and state equal those of a fresh chat
// that has those instructions; unchanged ones keep resuming; the window's controller refuses a change while the chat
// writes, keeps a new chat's instructions for its first message (also while another chat is opened meanwhile, and
// never for the next new chat) and says why it read the chat again.
// Code: ConversationStore::setSystemPrompt, ChatSession::instructionsChanged, ChatController::setInstructions.
#include <QSignalSpy>
#include <QtTest>

#include <cstring>
#include <memory>

#include "chat_controller_fixture.h"
#include "chat_session.h"
#include "instructions_limit.h"
#include "rwkv/chat_format.h"
#include "store/conversation_store.h"

using namespace rwkv;
using namespace rwkv::app;

class TestChatInstructions : public QObject, private ChatControllerFixture {
    Q_OBJECT

private slots:
    void initTestCase();
    void init() { ChatControllerFixture::init(); }
    void cleanup() { ChatControllerFixture::cleanup(); }
    void changeDropsOnlyThatChatsStates();
    void nextTurnReadsTheChatAgainWithTheNewInstructions();
    void unchangedInstructionsStillResume();
    void theMarkOutlivesAModelLoadButNotTheNextState();
    void windowChangesTheShownChatsInstructions();
    void windowRefusesAChangeWhileTheChatWrites();
    void instructionsOverTheLimitAreRefused();
    void newChatStartsWithTheSettingsInstructions();
    void newChatsOwnInstructionsWaitForItsFirstMessage();
    void instructionsDrawnAsNothingAreNotRead();

private:
    ChatParams greedy(int maxTokens = 16) const {
        ChatParams p;
        p.sampler.temperature = 0.0f;
        p.sampler.seed = 7;
        p.maxTokens = maxTokens;
        return p;
    }
    std::size_t tokenCount(const std::string& text) const { return tokenizer_->encode(text).size(); }
    /// A chat of two turns with `instructions`: the ids of its conversation and its second reply.
    std::pair<qint64, qint64> twoTurns(store::ConversationStore& store, ChatSession& session,
                                       const QString& instructions) {
        const qint64 id = store.createConversation(QStringLiteral("Two turns"), instructions);
        session.runTurn(id, QStringLiteral("Hello there"), greedy());
        const TurnStats second = session.runTurn(id, QStringLiteral("Tell me a story"), greedy());
        return {id, second.assistantMessageId};
    }

    std::unique_ptr<Model> model_;
    std::unique_ptr<Tokenizer> tokenizer_;
};

void TestChatInstructions::initTestCase() {
    model_ = Model::load(RWKV_TESTDATA_DIR "/tiny-rwkv7-834K.pth");
    QCOMPARE(model_->shape().vocab_size, 256);
    tokenizer_ = tokenizer_for_vocab_size(256, RWKV_TESTDATA_DIR "/rwkv_vocab_v20230424.txt");
}

void TestChatInstructions::changeDropsOnlyThatChatsStates() {
    store::ConversationStore store(QStringLiteral(":memory:"));
    ChatSession session(store, *model_, *tokenizer_);
    const auto [a, replyA] = twoTurns(store, session, QStringLiteral("Be brief."));
    const auto [b, replyB] = twoTurns(store, session, QStringLiteral("Be brief."));
    QCOMPARE(store.snapshots(a).size(), 2);
    QCOMPARE(store.snapshots(b).size(), 2);

    // The same text: nothing changes, the states stay.
    QCOMPARE(store.setSystemPrompt(a, QStringLiteral("Be brief.")), false);
    QCOMPARE(store.snapshots(a).size(), 2);
    // Another text: it is kept, and every saved state of that chat goes (they were made with the old one).
    QCOMPARE(store.setSystemPrompt(a, QStringLiteral("Answer in rhymes.")), true);
    QCOMPARE(store.conversation(a)->system_prompt, QStringLiteral("Answer in rhymes."));
    QCOMPARE(store.snapshots(a).size(), 0);
    QCOMPARE(store.snapshots(b).size(), 2);  // the other chat's are its own
    QCOMPARE(store.messages(a).size(), 4);   // no message is touched
    // Removing them is a change too; an unknown chat is an error, and nothing else changes.
    QCOMPARE(store.setSystemPrompt(b, QString()), true);
    QCOMPARE(store.snapshots(b).size(), 0);
    QVERIFY_THROWS_EXCEPTION(store::StoreError, store.setSystemPrompt(9999, QStringLiteral("x")));
    QCOMPARE(store.conversation(a)->system_prompt, QStringLiteral("Answer in rhymes."));
}

void TestChatInstructions::nextTurnReadsTheChatAgainWithTheNewInstructions() {
    const QString oldText = QStringLiteral("Be brief.");
    // Long, with a blank line (read as one line break) and right-to-left words: kept as typed in the store.
    QString newText = QStringLiteral("You are a ship's cook who answers every question with a recipe.\n\n"
                                     "قل مرحبا بالعربية. ");
    while (newText.size() < 10000) newText += QStringLiteral("Keep to the sea. ");

    store::ConversationStore store(QStringLiteral(":memory:"));
    ChatSession session(store, *model_, *tokenizer_);
    const auto [id, reply2] = twoTurns(store, session, oldText);
    QVERIFY(store.setSystemPrompt(id, newText));
    session.instructionsChanged(id);
    QVERIFY(!session.cachedState(id, reply2));  // the hot state went too
    QCOMPARE(store.conversation(id)->system_prompt, newText);

    const QString msg3 = QStringLiteral("What is for dinner?");
    const TurnStats t3 = session.runTurn(id, msg3, greedy());
    QCOMPARE(t3.source, StateSource::Reprefill);
    QVERIFY(!t3.resumedFromState);
    QVERIFY2(t3.resumeNote().startsWith(QStringLiteral("the instructions changed — re-reading 4 messages")),
             qPrintable(t3.resumeNote()));
    // What it read: the new "System:" turn first, the two turns, then the question (a byte tokenizer: one token a byte).
    const QList<store::Message> m = store.messages(id);
    const std::vector<ChatHistoryTurn> turns{{m[0].text.toStdString(), m[1].text.toStdString()},
                                             {m[2].text.toStdString(), m[3].text.toStdString()}};
    const std::string history = format_history(newText.toStdString(), turns);
    QVERIFY(history.starts_with("System: You are a ship's cook who answers every question with a recipe.\n"
                                "قل مرحبا بالعربية. Keep to the sea."));
    QCOMPARE(t3.prefillTokens, qint64(tokenCount(history + format_user_turn(msg3.toStdString(), "", false))));
    QVERIFY(format_history(oldText.toStdString(), turns).size() != history.size());

    // A fresh chat that had those instructions and the same messages (no state saved) answers the same, from the
    // same state.
    const qint64 fresh = store.createConversation(QStringLiteral("Fresh"), newText);
    qint64 parent = 0;
    for (int i = 0; i < 4; ++i)
        parent = store.addMessage(fresh, parent, m[i].role, m[i].text);
    const TurnStats f3 = session.runTurn(fresh, msg3, greedy());
    QCOMPARE(f3.source, StateSource::Reprefill);
    QCOMPARE(f3.prefillTokens, t3.prefillTokens);
    QVERIFY(!t3.reply.isEmpty());
    QCOMPARE(t3.reply, f3.reply);
    const std::vector<float> changed = session.cachedState(id, t3.assistantMessageId)->to_host();
    const std::vector<float> made = session.cachedState(fresh, f3.assistantMessageId)->to_host();
    QCOMPARE(changed.size(), made.size());
    QVERIFY(std::memcmp(changed.data(), made.data(), changed.size() * sizeof(float)) == 0);

    // The turn after it resumes from the state saved with the new instructions, without a note.
    const TurnStats t4 = session.runTurn(id, QStringLiteral("And tomorrow?"), greedy());
    QCOMPARE(t4.source, StateSource::Memory);
    QVERIFY(t4.resumeNote().isEmpty());
}

void TestChatInstructions::unchangedInstructionsStillResume() {
    store::ConversationStore store(QStringLiteral(":memory:"));
    const auto [id, reply2] = [&] {
        ChatSession first(store, *model_, *tokenizer_);
        return twoTurns(store, first, QStringLiteral("Be brief."));
    }();
    QCOMPARE(store.setSystemPrompt(id, QStringLiteral("Be brief.")), false);
    ChatSession session(store, *model_, *tokenizer_);  // a new session: the saved state, not memory
    const TurnStats t3 = session.runTurn(id, QStringLiteral("What is for dinner?"), greedy());
    QCOMPARE(t3.source, StateSource::SavedState);
    QVERIFY(t3.resumeNote().isEmpty());
    QCOMPARE(t3.prefillTokens,
             qint64(tokenCount(format_user_turn("What is for dinner?", "", false))));
}

void TestChatInstructions::theMarkOutlivesAModelLoadButNotTheNextState() {
    // The worker keeps the mark of a session it replaces (another model loaded): the chat's next turn still says why.
    loadDemoModel();
    useGreedyReplies(8);
    QVERIFY(chat_->send(QStringLiteral("Hello there")));
    waitForReply();
    const qint64 id = chat_->currentConversationId();
    QVERIFY(chat_->setInstructions(id, QStringLiteral("Answer in rhymes.")));
    loadDemoModel();  // a new ChatSession
    QVERIFY(chat_->send(QStringLiteral("Tell me a story")));
    waitForReply();
    QVERIFY2(chat_->replyStatus().contains(QStringLiteral("the instructions changed")), qPrintable(chat_->replyStatus()));
    QVERIFY(chat_->send(QStringLiteral("Go on")));
    waitForReply();
    QVERIFY2(chat_->replyStatus().contains(QStringLiteral("resumed from saved state")), qPrintable(chat_->replyStatus()));
}

void TestChatInstructions::windowChangesTheShownChatsInstructions() {
    loadDemoModel();
    useGreedyReplies(8);
    QVERIFY(chat_->send(QStringLiteral("Hello there")));
    waitForReply();
    const qint64 id = chat_->currentConversationId();
    QCOMPARE(chat_->currentInstructions(), QString());
    QVERIFY(chat_->send(QStringLiteral("Tell me a story")));
    waitForReply();
    QVERIFY2(chat_->replyStatus().contains(QStringLiteral("resumed from saved state")), qPrintable(chat_->replyStatus()));

    QSignalSpy shown(chat_.get(), &ChatController::currentInstructionsChanged);
    QVERIFY(chat_->setInstructions(id, QStringLiteral("Answer in rhymes.\n\nAlways.")));
    QCOMPARE(shown.size(), 1);
    QCOMPARE(chat_->currentInstructions(), QStringLiteral("Answer in rhymes.\n\nAlways."));  // as typed
    QCOMPARE(chat_->instructionsOf(id), QStringLiteral("Answer in rhymes.\n\nAlways."));
    QCOMPARE(store_->conversation(id)->system_prompt, QStringLiteral("Answer in rhymes.\n\nAlways."));
    QCOMPARE(store_->snapshots(id).size(), 0);
    QVERIFY(chat_->setInstructions(id, QStringLiteral("Answer in rhymes.\n\nAlways.")));  // the same: no change
    QCOMPARE(shown.size(), 1);

    QVERIFY(chat_->send(QStringLiteral("Go on")));
    waitForReply();
    QVERIFY2(chat_->replyStatus().contains(QStringLiteral("the instructions changed — re-reading 4 messages")),
             qPrintable(chat_->replyStatus()));
    const std::optional<store::Message> reply = store_->message(store_->newestMessage(id)->id);
    QCOMPARE(reply->readouts.state_source, store::StateSourceCode::Reprefill);

    // Blanks only: none; opening another chat and coming back shows the stored ones.
    QVERIFY(chat_->setInstructions(id, QStringLiteral("  \n ")));
    QCOMPARE(store_->conversation(id)->system_prompt, QString());
    // Characters drawn as nothing alone are none too (the message box's rule): "\u200b" was kept, and its line read
    // "Instructions: " over nothing (session 53's trial).
    QVERIFY(store_->setSystemPrompt(id, QStringLiteral("Rhymes.")));
    QVERIFY(chat_->setInstructions(id, QStringLiteral("\u200b")));
    QCOMPARE(store_->conversation(id)->system_prompt, QString());
    QVERIFY(store_->setSystemPrompt(id, QStringLiteral("Rhymes.")));
    QVERIFY(chat_->setInstructions(id, QStringLiteral(" \u3164\n\u2800")));
    QCOMPARE(store_->conversation(id)->system_prompt, QString());
    chat_->setNewChatInstructions(QStringLiteral("\u200b"));
    chat_->newConversation();
    QCOMPARE(chat_->currentInstructions(), QString());
    QVERIFY(store_->setSystemPrompt(id, QStringLiteral("From elsewhere")));
    chat_->selectConversation(id);
    QCOMPARE(chat_->currentInstructions(), QStringLiteral("From elsewhere"));
}

void TestChatInstructions::windowRefusesAChangeWhileTheChatWrites() {
    loadDemoModel();
    startLongReply();
    const qint64 id = chat_->currentConversationId();
    QVERIFY(!chat_->setInstructions(id, QStringLiteral("Answer in rhymes.")));
    QVERIFY2(chat_->errorText().contains(QStringLiteral("Stop the reply before changing the instructions")),
             qPrintable(chat_->errorText()));
    QCOMPARE(store_->conversation(id)->system_prompt, QString());
    chat_->stop();
    waitForReply();
    QVERIFY(chat_->setInstructions(id, QStringLiteral("Answer in rhymes.")));
    QCOMPARE(store_->conversation(id)->system_prompt, QStringLiteral("Answer in rhymes."));
}

// Instructions hold at most kMaxInstructionsLength characters (the dialog and Settings refuse a longer paste and keep
// OK off; this is the controller's own check): one more is refused with a word and changes nothing, the chat's saved
// instructions and the new chat's alike. Before session 47 a 1 MB paste was kept whole.
void TestChatInstructions::instructionsOverTheLimitAreRefused() {
    const qint64 id = store_->createConversation(QStringLiteral("Limit"), QStringLiteral("Be brief."));
    const QString most(kMaxInstructionsLength, u'a');
    const QString tooLong = most + u'b';
    QVERIFY(!chat_->setInstructions(id, tooLong));
    QVERIFY2(chat_->errorText().startsWith(QStringLiteral("Instructions hold at most %L1 characters; these have %L2. "
                                                          "They were not changed.")
                                               .arg(kMaxInstructionsLength)
                                               .arg(kMaxInstructionsLength + 1)),
             qPrintable(chat_->errorText()));
    QCOMPARE(store_->conversation(id)->system_prompt, QStringLiteral("Be brief."));
    QVERIFY(!chat_->setInstructions(0, tooLong));
    QCOMPARE(chat_->instructionsOf(0), QString());
    // Exactly the limit is kept.
    QVERIFY(chat_->setInstructions(id, most));
    QCOMPARE(store_->conversation(id)->system_prompt, most);
    QVERIFY(chat_->setInstructions(0, most));
    QCOMPARE(chat_->instructionsOf(0), most);
    // The limit counts UTF-16 units; instructions of emoji families (8 units, one character as read) say both counts
    // (session 59's loose ends: "these have 10,008" for 1,251 characters on screen, without a word why).
    const QString family = QStringLiteral("\U0001F468\u200D\U0001F469\u200D\U0001F467");
    QVERIFY(!chat_->setInstructions(id, family.repeated(kMaxInstructionsLength / 8 + 1)));
    QVERIFY2(chat_->errorText().startsWith(QStringLiteral("Instructions hold at most %L1 characters, an emoji, a flag "
                                                          "or some accented letters counting as 2 or more; these have "
                                                          "%L2 counted so (%L3 as you read them). They were not changed.")
                                               .arg(kMaxInstructionsLength)
                                               .arg(8 * (kMaxInstructionsLength / 8 + 1))
                                               .arg(kMaxInstructionsLength / 8 + 1)),
             qPrintable(chat_->errorText()));
    QCOMPARE(store_->conversation(id)->system_prompt, most);
}

void TestChatInstructions::newChatStartsWithTheSettingsInstructions() {
    loadDemoModel();
    useGreedyReplies(8);
    chat_->setNewChatInstructions(QStringLiteral("Be brief."));
    QCOMPARE(chat_->currentInstructions(), QStringLiteral("Be brief."));  // the new chat shown
    QVERIFY(chat_->send(QStringLiteral("Hello there")));
    waitForReply();
    const qint64 first = chat_->currentConversationId();
    QCOMPARE(store_->conversation(first)->system_prompt, QStringLiteral("Be brief."));

    // A chat made before keeps its own; a new chat's own, changed before its first message, are the ones it gets.
    chat_->setNewChatInstructions(QStringLiteral("Be kind."));
    QCOMPARE(chat_->currentInstructions(), QStringLiteral("Be brief."));
    QCOMPARE(store_->conversation(first)->system_prompt, QStringLiteral("Be brief."));
    chat_->newConversation();
    QCOMPARE(chat_->currentInstructions(), QStringLiteral("Be kind."));
    QVERIFY(chat_->setInstructions(0, QStringLiteral("Speak like a pirate.")));
    QCOMPARE(chat_->currentInstructions(), QStringLiteral("Speak like a pirate."));
    chat_->setNewChatInstructions(QStringLiteral("Be calm."));  // does not replace the new chat's own
    QCOMPARE(chat_->currentInstructions(), QStringLiteral("Speak like a pirate."));
    QVERIFY(chat_->send(QStringLiteral("Hello there")));
    waitForReply();
    QCOMPARE(store_->conversation(chat_->currentConversationId())->system_prompt, QStringLiteral("Speak like a pirate."));
    QVERIFY2(chat_->replyStatus().contains(QStringLiteral("new conversation")), qPrintable(chat_->replyStatus()));
}

// The window's "Add instructions…" in a new chat (InstructionsLine.qml) gives it its own before its first message: they
// stay its own while another chat is opened and Ctrl+N is pressed (as its draft does), Settings' later ones do not
// replace them, its first message creates the chat with them, and the next new chat starts from Settings' again.
// Before session 46's fix, opening another chat and coming back gave the new chat Settings' instructions: the typed
// ones were gone without a word.
void TestChatInstructions::newChatsOwnInstructionsWaitForItsFirstMessage() {
    loadDemoModel();
    useGreedyReplies(8);
    QVERIFY(chat_->send(QStringLiteral("Hello there")));  // another chat to open meanwhile
    waitForReply();
    const qint64 other = chat_->currentConversationId();
    chat_->setNewChatInstructions(QStringLiteral("Be kind."));
    QCOMPARE(chat_->currentInstructions(), QString());  // a chat made before keeps its own (none)

    chat_->newConversation();
    QCOMPARE(chat_->currentInstructions(), QStringLiteral("Be kind."));
    QSignalSpy shown(chat_.get(), &ChatController::currentInstructionsChanged);
    QVERIFY(chat_->setInstructions(0, QStringLiteral("You are a translator.\nFrench to English.")));
    QCOMPARE(shown.size(), 1);  // the line shows them at once
    QCOMPARE(chat_->currentInstructions(), QStringLiteral("You are a translator.\nFrench to English."));

    chat_->selectConversation(other);
    QCOMPARE(chat_->currentInstructions(), QString());
    QCOMPARE(chat_->instructionsOf(0), QStringLiteral("You are a translator.\nFrench to English."));
    chat_->newConversation();
    QCOMPARE(chat_->currentInstructions(), QStringLiteral("You are a translator.\nFrench to English."));
    chat_->newConversation();  // Ctrl+N on the new chat not sent: the same new chat, its box's text and its own kept
    QCOMPARE(chat_->currentInstructions(), QStringLiteral("You are a translator.\nFrench to English."));
    chat_->setNewChatInstructions(QStringLiteral("Be calm."));
    QCOMPARE(chat_->currentInstructions(), QStringLiteral("You are a translator.\nFrench to English."));

    QVERIFY(chat_->send(QStringLiteral("Bonjour")));
    waitForReply();
    const qint64 made = chat_->currentConversationId();
    QVERIFY(made != other && made != 0);
    QCOMPARE(store_->conversation(made)->system_prompt, QStringLiteral("You are a translator.\nFrench to English."));
    QCOMPARE(chat_->currentInstructions(), QStringLiteral("You are a translator.\nFrench to English."));

    // The next new chat: Settings' again, not the last one's.
    chat_->newConversation();
    QCOMPARE(chat_->currentInstructions(), QStringLiteral("Be calm."));
    QCOMPARE(chat_->instructionsOf(0), QStringLiteral("Be calm."));
    // OK with Settings' text unchanged keeps following Settings'; blanks remove them for this new chat only.
    QVERIFY(chat_->setInstructions(0, QStringLiteral("Be calm.")));
    chat_->setNewChatInstructions(QStringLiteral("Be quick."));
    QCOMPARE(chat_->currentInstructions(), QStringLiteral("Be quick."));
    QVERIFY(chat_->setInstructions(0, QStringLiteral("  ")));
    QCOMPARE(chat_->currentInstructions(), QString());
    QVERIFY(chat_->send(QStringLiteral("Hello again")));
    waitForReply();
    QCOMPARE(store_->conversation(chat_->currentConversationId())->system_prompt, QString());
    chat_->newConversation();
    QCOMPARE(chat_->currentInstructions(), QStringLiteral("Be quick."));
}

// Session 54: instructions of characters drawn as nothing alone ("\u200b", "\u3164") are none in the window (lows3),
// and the model reads them as none too — a chat that kept them from before, an import or `rwkv-cli chat --system` wrote
// a "System: \u200b" turn the window did not show. The first turn reads what a chat without instructions reads, and so
// does a re-read from the start (the instructions changed to other invisible ones).
void TestChatInstructions::instructionsDrawnAsNothingAreNotRead() {
    store::ConversationStore store(QStringLiteral(":memory:"));
    ChatSession session(store, *model_, *tokenizer_);
    const auto [id, reply2] = twoTurns(store, session, QString::fromUtf8("\u200b\u2800"));
    const auto [none, noneReply2] = twoTurns(store, session, QString());
    const std::vector<float> a = session.cachedState(id, reply2)->to_host();
    const std::vector<float> b = session.cachedState(none, noneReply2)->to_host();
    QCOMPARE(a.size(), b.size());
    QVERIFY(std::memcmp(a.data(), b.data(), a.size() * sizeof(float)) == 0);  // the same tokens read, bit for bit
    QVERIFY(store.setSystemPrompt(id, QString::fromUtf8("\u3164")));
    session.instructionsChanged(id);
    const QString msg3 = QStringLiteral("What is for dinner?");
    const TurnStats t3 = session.runTurn(id, msg3, greedy());
    QCOMPARE(t3.source, StateSource::Reprefill);
    const QList<store::Message> m = store.messages(id);
    const std::vector<ChatHistoryTurn> turns{{m[0].text.toStdString(), m[1].text.toStdString()},
                                             {m[2].text.toStdString(), m[3].text.toStdString()}};
    QCOMPARE(t3.prefillTokens,
             qint64(tokenCount(format_history("", turns) + format_user_turn(msg3.toStdString(), "", false))));
}

QTEST_GUILESS_MAIN(TestChatInstructions)
#include "test_chat_instructions.moc"
