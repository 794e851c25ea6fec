// test_chat_continue.cpp — ChatSession::continueReply with the real engine and the bundled tiny RWKV-7 on the CPU: a
// reply cut at the length limit (N tokens) and continued for M more is, text and tokens, the reply written with N + M
// from the same point (seeded sampling and greedy, in the same session and after a restart); a reply stopped, or cut
// off by a kill (unfinished), goes on from its saved text; Stop before the first new word adds no version; a reply
// that ended by itself, has no text, or a question is refused with nothing written. Code: app/core/chat_session.cpp.
#include <QTemporaryDir>
#include <QtTest>

#include <atomic>
#include <memory>

#include "chat_session.h"
#include "rwkv/chat_format.h"
#include "rwkv/error.h"
#include "store/conversation_store.h"

using namespace rwkv;
using namespace rwkv::app;

class TestChatContinue : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void lengthLimitContinuedIsTheLongerReply();
    void continuedAfterARestartStartsFromTheSavedState();
    void continuedTwiceIsTheLongerReply();
    void continuedTwiceIsToldByWhatItContinued();
    void stoppedReplyGoesOnFromItsText();
    void killedReplyGoesOnFromItsLastCheckpoint();
    void stopBeforeTheFirstNewWordAddsNoVersion();
    void stopAfterABlankAddsNoVersion();
    void whatCannotBeContinuedIsRefused();

private:
    static ChatParams params(int maxTokens, bool sampled, quint64 seed = 11) {
        ChatParams p;
        p.sampler.temperature = sampled ? 1.0f : 0.0f;
        p.sampler.top_p = sampled ? 0.9f : 0.3f;
        p.sampler.seed = seed;
        p.maxTokens = maxTokens;
        p.checkpointMs = 0;  // every piece is checkpointed (as the GUI's first words)
        return p;
    }
    std::size_t tokenCount(const std::string& text) const { return tokenizer_->encode(text).size(); }
    /// A chat of one finished turn, then `question` answered with maxTokens: (conversation, the answer's stats).
    std::pair<qint64, TurnStats> chatCutAt(store::ConversationStore& store, ChatSession& session, int maxTokens,
                                           bool sampled, quint64 seed = 11) {
        const qint64 conv = store.createConversation(QStringLiteral("C"));
        session.runTurn(conv, QStringLiteral("Hello"), params(6, false));
        return {conv, session.runTurn(conv, kQuestion, params(maxTokens, sampled, seed))};
    }

    const QString kQuestion = QStringLiteral("Tell me a long story about a cat");
    QTemporaryDir tmp_;
    std::unique_ptr<Model> model_;
    std::unique_ptr<Tokenizer> tokenizer_;
};

void TestChatContinue::initTestCase() {
    QVERIFY(tmp_.isValid());
    model_ = Model::load(RWKV_TESTDATA_DIR "/tiny-rwkv7-834K.pth");
    tokenizer_ = tokenizer_for_vocab_size(256, RWKV_TESTDATA_DIR "/rwkv_vocab_v20230424.txt");
    QCOMPARE(tokenizer_->name(), std::string_view("byte"));
}

// The decisive test: the state before the turn, the prompt and the cut text read as the reply so far, and the sampler
// replaying its tokens give exactly the reply an uninterrupted run writes with N + M tokens.
void TestChatContinue::lengthLimitContinuedIsTheLongerReply() {
    constexpr int kN = 20, kM = 30;
    for (const bool sampled : {true, false}) {
        store::ConversationStore store(QStringLiteral(":memory:"));
        ChatSession session(store, *model_, *tokenizer_);
        const auto [whole, longer] = chatCutAt(store, session, kN + kM, sampled);
        const auto [conv, cut] = chatCutAt(store, session, kN, sampled);
        QCOMPARE(cut.end, store::ReplyEnd::LengthLimit);
        QCOMPARE(cut.decodeTokens, kN);
        QCOMPARE(longer.end, store::ReplyEnd::LengthLimit);
        QVERIFY2(longer.reply.startsWith(cut.reply), qPrintable(longer.reply + " | " + cut.reply));
        const std::optional<store::Message> cutBefore = store.message(cut.assistantMessageId);

        std::string streamed;
        TurnCallbacks cb;
        cb.onDelta = [&](std::string_view d) { streamed += d; };
        const TurnStats c = session.continueReply(conv, cut.assistantMessageId, params(kM, sampled), cb);
        QCOMPARE(c.continuedFromId, cut.assistantMessageId);
        QCOMPARE(c.reply, longer.reply);  // text: the N + M reply's
        QCOMPARE(cut.decodeTokens + c.decodeTokens, longer.decodeTokens);  // tokens: N + M
        QCOMPARE(c.end, store::ReplyEnd::LengthLimit);
        QCOMPARE(QString::fromStdString(streamed).trimmed(), longer.reply.mid(cut.reply.size()).trimmed());
        QCOMPARE(c.source, StateSource::Memory);  // the state before the turn, as Regenerate finds it
        // The prompt, then the cut text as the model wrote it (the space after "Assistant:").
        QCOMPARE(c.prefillTokens, qint64(tokenCount(format_user_turn(kQuestion.toStdString(), "", false)) +
                                         tokenCount(" " + cut.reply.toStdString())));

        // A new version (‹ 2/2 ›) whose text is whole; the cut one is kept as it was.
        QVERIFY(c.replySaved && c.stateSaved);
        const QList<store::Message> branch = store.branch(c.assistantMessageId);
        QCOMPARE(branch.back().id, c.assistantMessageId);
        QCOMPARE(branch.back().text, longer.reply);
        QCOMPARE(branch.back().sibling_index, 2);
        QCOMPARE(branch.back().sibling_count, 2);
        QCOMPARE(branch.back().token_count, qint64(c.decodeTokens));  // the continuation's readouts (kM, or up to 3
                                                                       // more that end a character of the byte model)
        QCOMPARE(branch.back().end, store::ReplyEnd::LengthLimit);
        const std::optional<store::Message> cutAfter = store.message(cut.assistantMessageId);
        QCOMPARE(cutAfter->text, cutBefore->text);
        QCOMPARE(cutAfter->end, store::ReplyEnd::LengthLimit);
        QCOMPARE(cutAfter->token_count, qint64(kN));

        // The state after the continued reply is the longer reply's: the next turn writes the same.
        const TurnStats afterWhole = session.runTurn(whole, QStringLiteral("And then?"), params(12, sampled));
        const TurnStats afterContinued = session.runTurn(conv, QStringLiteral("And then?"), params(12, sampled));
        QCOMPARE(afterContinued.source, StateSource::Memory);
        QCOMPARE(afterContinued.reply, afterWhole.reply);
    }
}

void TestChatContinue::continuedAfterARestartStartsFromTheSavedState() {
    constexpr int kN = 16, kM = 24;
    const QString path = tmp_.filePath(QStringLiteral("restart.sqlite"));
    qint64 conv = 0, cutId = 0;
    QString longer;
    {
        store::ConversationStore store(path);
        ChatSession session(store, *model_, *tokenizer_);
        longer = chatCutAt(store, session, kN + kM, true).second.reply;
        const auto [c, cut] = chatCutAt(store, session, kN, true);
        conv = c;
        cutId = cut.assistantMessageId;
    }
    store::ConversationStore store(path);
    ChatSession restarted(store, *model_, *tokenizer_);
    const TurnStats c = restarted.continueReply(conv, cutId, params(kM, true));
    QCOMPARE(c.source, StateSource::SavedState);  // the snapshot after "Hello"'s reply: no re-read
    QVERIFY(c.resumeNote().isEmpty());
    QCOMPARE(c.reply, longer);
}

// Continue of a continued version: its token count is its continuation's alone, so whether the model began the
// reply with a space is told by the version it continued. A reply begun without one (the byte model's first byte,
// for some seeds) was read again with a space before it at the second Continue, and went on otherwise than the
// uninterrupted reply (session 50's trial: "&xO- c𪛨 Ҝ輵" for "&xO- c𪛨S3ݞ"). Seeds are tried until a reply of each
// kind, with and without the space, has been cut and continued twice.
void TestChatContinue::continuedTwiceIsTheLongerReply() {
    constexpr int kN = 12, kM = 10, kK = 10;
    bool spacedSeen = false, unspacedSeen = false;
    for (quint64 seed = 1; seed <= 200 && !(spacedSeen && unspacedSeen); ++seed) {
        store::ConversationStore store(QStringLiteral(":memory:"));
        ChatSession session(store, *model_, *tokenizer_);
        const TurnStats longer = chatCutAt(store, session, kN + kM + kK, true, seed).second;
        const auto [conv, cut] = chatCutAt(store, session, kN, true, seed);
        if (cut.decodeTokens != kN || longer.decodeTokens != kN + kM + kK) continue;  // a character's end took more
        const bool spaced = tokenCount(" " + cut.reply.toStdString()) == std::size_t(kN);
        if (!spaced && tokenCount(cut.reply.toStdString()) != std::size_t(kN)) continue;  // blanks trimmed at its end
        if ((spaced && spacedSeen) || (!spaced && unspacedSeen)) continue;
        const TurnStats once = session.continueReply(conv, cut.assistantMessageId, params(kM, true, seed));
        if (once.decodeTokens != kM) continue;
        const TurnStats twice = session.continueReply(conv, once.assistantMessageId, params(kK, true, seed));
        const QString why = QStringLiteral("seed %1, %2: %3 | %4")
                                .arg(seed)
                                .arg(spaced ? QStringLiteral("spaced") : QStringLiteral("no space"), twice.reply,
                                     longer.reply);
        QVERIFY2(twice.reply == longer.reply, qPrintable(why));
        QCOMPARE(cut.decodeTokens + once.decodeTokens + twice.decodeTokens, longer.decodeTokens);
        QCOMPARE(twice.continuedFromId, once.assistantMessageId);
        QCOMPARE(store.branch(twice.assistantMessageId).back().sibling_count, 3);
        (spaced ? spacedSeen : unspacedSeen) = true;
    }
    QVERIFY2(spacedSeen && unspacedSeen, "no seed up to 200 gave both kinds of reply");
}

// A second Continue is told whether the reply began with a space by the version the first one continued
// (messages.continued_from), not by the longest earlier version whose text the continued one starts with: here a version
// beside the cut one (as a regenerate cut a little later would be) starts that text too and its count says a space,
// where the reply began without one. With that guess (session 50's cutBeganWithSpace) the second Continue read a space
// before the text and went on otherwise than the uninterrupted reply.
void TestChatContinue::continuedTwiceIsToldByWhatItContinued() {
    constexpr int kN = 12, kM = 10, kK = 10;
    for (quint64 seed = 1; seed <= 200; ++seed) {
        store::ConversationStore store(QStringLiteral(":memory:"));
        ChatSession session(store, *model_, *tokenizer_);
        const TurnStats longer = chatCutAt(store, session, kN + kM + kK, true, seed).second;
        const auto [conv, cut] = chatCutAt(store, session, kN, true, seed);
        if (cut.decodeTokens != kN || longer.decodeTokens != kN + kM + kK) continue;  // a character's end took more
        if (tokenCount(cut.reply.toStdString()) != std::size_t(kN)) continue;  // a reply begun without a space only
        // The version beside it: two characters more of the same text, its count that of the text after a space.
        const QString beside = longer.reply.left(cut.reply.size() + 2);
        const qint64 besideId = store.beginReply(conv, cut.userMessageId);
        store.saveTurnResult(conv, besideId, beside, qint64(tokenCount(" " + beside.toStdString())), {}, {}, {}, true,
                             store::ReplyEnd::LengthLimit);
        const TurnStats once = session.continueReply(conv, cut.assistantMessageId, params(kM, true, seed));
        if (once.decodeTokens != kM || !once.reply.startsWith(beside) || once.reply.size() <= beside.size()) continue;
        QCOMPARE(store.message(once.assistantMessageId)->continued_from, cut.assistantMessageId);
        const TurnStats twice = session.continueReply(conv, once.assistantMessageId, params(kK, true, seed));
        QVERIFY2(twice.reply == longer.reply,
                 qPrintable(QStringLiteral("seed %1: %2 | %3").arg(seed).arg(twice.reply, longer.reply)));
        QCOMPARE(cut.decodeTokens + once.decodeTokens + twice.decodeTokens, longer.decodeTokens);
        return;
    }
    QFAIL("no seed up to 200 gave a reply begun without a space, continued twice");
}

void TestChatContinue::stoppedReplyGoesOnFromItsText() {
    store::ConversationStore store(QStringLiteral(":memory:"));
    ChatSession session(store, *model_, *tokenizer_);
    const qint64 conv = store.createConversation(QStringLiteral("S"));
    std::atomic<bool> cancel{false};
    int deltas = 0;
    const TurnStats stopped = session.runTurn(conv, kQuestion, params(200, true),
                                              [&](std::string_view) { cancel = ++deltas >= 3; }, &cancel);
    QCOMPARE(stopped.end, store::ReplyEnd::Stopped);
    QVERIFY(!stopped.reply.isEmpty());
    const TurnStats c = session.continueReply(conv, stopped.assistantMessageId, params(20, true));
    QVERIFY2(c.reply.startsWith(stopped.reply) && c.reply.size() > stopped.reply.size(), qPrintable(c.reply));
    QCOMPARE(c.decodeTokens, 20);
    QCOMPARE(store.message(c.assistantMessageId)->text, c.reply);
    QCOMPARE(store.message(stopped.assistantMessageId)->text, stopped.reply);  // kept as it was
    QCOMPARE(store.message(stopped.assistantMessageId)->end, store::ReplyEnd::Stopped);
}

// A kill -9 mid-reply leaves its last checkpoint unfinished (as test_chat_session's cutOffReplyIsReadAgain writes it):
// Continue reads it again after the question, in a new session, and writes on after it.
void TestChatContinue::killedReplyGoesOnFromItsLastCheckpoint() {
    store::ConversationStore store(QStringLiteral(":memory:"));
    const QString partial = QStringLiteral("Once upon a");
    const qint64 conv = store.createConversation(QStringLiteral("K"));
    qint64 first = 0;
    {
        ChatSession before(store, *model_, *tokenizer_);
        first = before.runTurn(conv, QStringLiteral("Hello"), params(6, false)).assistantMessageId;
    }
    const auto [question, killed] = store.beginTurn(conv, first, kQuestion);
    store.updateMessageText(killed, partial, false);
    ChatSession restarted(store, *model_, *tokenizer_);
    const TurnStats c = restarted.continueReply(conv, killed, params(10, false));
    QCOMPARE(c.userMessageId, question);
    QCOMPARE(c.source, StateSource::SavedState);
    QCOMPARE(c.prefillTokens, qint64(tokenCount(format_user_turn(kQuestion.toStdString(), "", false)) +
                                     tokenCount(" " + partial.toStdString())));
    QVERIFY2(c.reply.startsWith(partial) && c.reply.size() > partial.size(), qPrintable(c.reply));
    const std::optional<store::Message> cut = store.message(killed);
    QVERIFY(!cut->finished);  // the unfinished one stays as the crash left it
    QCOMPARE(cut->text, partial);
    QVERIFY(store.message(c.assistantMessageId)->finished);
}

void TestChatContinue::stopBeforeTheFirstNewWordAddsNoVersion() {
    store::ConversationStore store(QStringLiteral(":memory:"));
    ChatSession session(store, *model_, *tokenizer_);
    const auto [conv, cut] = chatCutAt(store, session, 12, true);
    const qsizetype rows = store.allMessages(conv).size();
    std::atomic<bool> cancel{false};
    TurnCallbacks cb;
    cb.cancel = &cancel;
    qint64 started = 0;
    cb.onStarted = [&](qint64, qint64 reply) {
        started = reply;
        cancel = true;  // Stop while the prompt and the cut text are read
    };
    const TurnStats c = session.continueReply(conv, cut.assistantMessageId, params(20, true), cb);
    QVERIFY(started > 0);
    QVERIFY(c.stopped);
    QVERIFY(c.replyDiscarded);
    QVERIFY(!store.message(started));
    QCOMPARE(store.allMessages(conv).size(), rows);
    QCOMPARE(store.branch(cut.assistantMessageId).back().sibling_count, 1);
}

// Stop when the continuation has written only a blank (a space or a line break, which the stored text's trim drops):
// no new word, so no version. The first piece was checkpointed into the new row as the cut text and the blank, so the
// row held text and was kept as a second version identical to the cut one (session 50's trial2: Continue of a reply
// read again, Stop as the first token came). Seeds are tried until the first piece written is a blank.
void TestChatContinue::stopAfterABlankAddsNoVersion() {
    for (quint64 seed = 1; seed <= 200; ++seed) {
        store::ConversationStore store(QStringLiteral(":memory:"));
        ChatSession session(store, *model_, *tokenizer_);
        const auto [conv, cut] = chatCutAt(store, session, 12, true, seed);
        const qsizetype rows = store.allMessages(conv).size();
        std::atomic<bool> cancel{false};
        std::string first;
        TurnCallbacks cb;
        cb.cancel = &cancel;
        cb.onDelta = [&](std::string_view d) {
            if (!cancel) first = std::string(d);
            cancel = true;  // Stop as the first piece comes
        };
        const TurnStats c = session.continueReply(conv, cut.assistantMessageId, params(20, true, seed), cb);
        if (first.empty() || first.find_first_not_of(" \n") != std::string::npos) continue;  // a word: a version
        QVERIFY(c.stopped);
        QVERIFY2(c.replyDiscarded, qPrintable(QStringLiteral("seed %1").arg(seed)));
        QVERIFY(!store.message(c.assistantMessageId));
        QCOMPARE(store.allMessages(conv).size(), rows);
        QCOMPARE(store.branch(cut.assistantMessageId).back().sibling_count, 1);
        return;
    }
    QFAIL("no seed up to 200 began the continuation with a blank");
}

void TestChatContinue::whatCannotBeContinuedIsRefused() {
    store::ConversationStore store(QStringLiteral(":memory:"));
    ChatSession session(store, *model_, *tokenizer_);
    const qint64 conv = store.createConversation(QStringLiteral("R"));
    const TurnStats t = session.runTurn(conv, QStringLiteral("Hello"), params(6, false));
    const auto [question, reply] = store.beginTurn(conv, t.assistantMessageId, kQuestion);
    const auto refused = [&](qint64 id, const char* words) {
        const qsizetype rows = store.allMessages(conv).size();
        try {
            session.continueReply(conv, id, params(8, false));
            QTest::qFail(qPrintable(QStringLiteral("message %1 was continued").arg(id)), __FILE__, __LINE__);
        } catch (const ChatError& e) {
            QVERIFY2(QString::fromUtf8(e.what()).contains(QLatin1String(words)), e.what());
        }
        QCOMPARE(store.allMessages(conv).size(), rows);  // nothing written
    };
    store.updateMessageText(reply, QStringLiteral("A whole answer."), true);  // ended by itself
    refused(reply, "ended by itself");
    store.updateMessageText(reply, QStringLiteral("  "), false);  // killed before a word
    refused(reply, "has no text");
    refused(question, "not a reply");
    refused(999, "is not in conversation");
}

QTEST_MAIN(TestChatContinue)
#include "test_chat_continue.moc"
