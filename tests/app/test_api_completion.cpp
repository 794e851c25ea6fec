// test_api_completion.cpp — runApiCompletion (api_completion.h) without a server, on a World-vocabulary model (random
// weights, the real tokenizer): the kept states are matched on the tokens the whole prompt is read as, so a prompt
// sent again longer — whether or not its text splits into tokens where the kept reply's did — gets the reply a fresh
// server writes, and cached_tokens counts exactly the tokens a kept state had read. The server over HTTP, with the
// byte-level demo model: tests/app/test_api_server.cpp.
#include <QtTest>

#include <memory>

#include "api_completion.h"
#include "rwkv/chat_format.h"
#include "rwkv/generator.h"
#include "rwkv/sampler.h"

using namespace rwkv;
using namespace rwkv::app;

namespace {

ApiJob greedyJob(ApiKind kind, std::string prompt, int maxTokens) {
    ApiJob job;
    job.request.kind = kind;
    job.request.prompt = std::move(prompt);
    job.request.maxTokens = maxTokens;
    job.request.sampler.temperature = 0;
    job.request.seedGiven = true;
    return job;
}

/// A chat prompt of six earlier turns ("Question i: <question>", "Answer i: <answer>") under the system prompt "Be
/// brief.", then the user's `last` and the assistant's turn opened: the long history a client resends.
std::string sixTurnPrompt(const std::string& question, const std::string& answer, const std::string& last) {
    std::vector<ChatHistoryTurn> turns;
    for (int i = 0; i < 6; ++i)
        turns.push_back({"Question " + std::to_string(i) + ": " + question, "Answer " + std::to_string(i) + ": " + answer});
    return format_history("Be brief.", turns) + format_user_turn(last, "", false);
}

}  // namespace

class TestApiCompletion : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        LoadOptions options;
        options.weight_dtype = DType::F16;
        model_ = Model::load(RWKV_TESTDATA_DIR "/rand-rwkv7-L3-D128.safetensors", options);
        tokenizer_ = tokenizer_for_vocab_size(model_->shape().vocab_size, RWKV_TESTDATA_DIR "/rwkv_vocab_v20230424.txt");
        QCOMPARE(tokenizer_->vocab_size(), 65536);
    }

    // A character that max_tokens cuts in half (a World token that ends part way through its bytes) is left out of
    // the text and of the streamed pieces, where it was flushed as U+FFFD at the end ("max_tokens":3 on this model
    // gave "EncΤ\uFFFD", session 57's loose ends). The engine's own reply (the spec's U+FFFD, GenerateOptions'
    // default) says where a cut came: 300 seeds (one cut among them, seed by seed as the API samples).
    void characterCutByMaxTokensIsLeftOut() {
        const std::string prompt = "Hi";
        int cuts = 0;
        for (std::uint64_t seed = 0; seed < 300 && cuts < 3; ++seed) {
            ApiJob job = greedyJob(ApiKind::Completion, prompt, 3);
            job.request.sampler.temperature = 1;
            job.request.sampler.top_p = 1;
            job.request.sampler.seed = seed;
            std::string streamed;
            const ApiOutcome o = runApiCompletion(*model_, *tokenizer_, nullptr, job,
                                                  [&](std::size_t, std::string_view piece) { streamed += piece; });
            // The engine's reply to the same request, as `rwkv-cli generate` writes it.
            Sampler sampler(job.request.sampler, model_->shape().vocab_size);
            GenerateOptions options;
            options.max_tokens = 3;
            options.stop_strings.clear();
            options.trim_leading_space = false;
            options.close_turn = false;
            State state = model_->new_state();
            const std::vector<std::int32_t> tokens = tokenizer_->encode(prompt);
            std::string engine;  // its pieces as streamed (its text strips trailing blanks, a completion's keeps them)
            Generator(*model_, *tokenizer_, sampler).run(state, tokens, options,
                                                         [&](std::string_view piece) { engine += piece; });
            const bool cut = engine.size() >= 3 && engine.compare(engine.size() - 3, 3, "\xEF\xBF\xBD") == 0;
            if (cut) {
                engine.resize(engine.size() - 3);
                ++cuts;
            }
            QCOMPARE(o.choices[0].text, QString::fromStdString(engine));
            QCOMPARE(streamed, engine);
        }
        QVERIFY2(cuts > 0, "no reply of 3 tokens in 300 seeds ended part way through a character");
    }

    void longerPromptIsReadAsAFreshServerReadsIt_data() {
        QTest::addColumn<QString>("first");
        QTest::addColumn<QString>("more");  // sent after the first prompt and its continuation
        QTest::newRow("a new word") << QStringLiteral("The quick brown fox") << QStringLiteral(" and then");
        QTest::newRow("within a word") << QStringLiteral("The quick brown fox jum") << QStringLiteral("ps over");
        QTest::newRow("the first ends within a word") << QStringLiteral("Hello wor") << QStringLiteral("ld, again");
    }

    void longerPromptIsReadAsAFreshServerReadsIt() {
        QFETCH(QString, first);
        QFETCH(QString, more);
        for (const ApiKind kind : {ApiKind::Completion, ApiKind::Chat}) {
            ApiStateCache cache;
            const ApiOutcome one = runApiCompletion(*model_, *tokenizer_, &cache, greedyJob(kind, first.toStdString(), 6), {});
            QCOMPARE(cache.size(), std::size_t(2));  // after the prompt but its last token; after the reply
            // What the kept state has read: the first prompt's tokens and the reply's (a chat's separator after it).
            const std::string second = first.toStdString() + one.choices[0].text.toStdString() +
                                       (kind == ApiKind::Chat ? std::string(kTurnSeparator) : std::string()) +
                                       more.toStdString();
            const std::vector<std::int32_t> whole = tokenizer_->encode(second);
            const ApiOutcome cached = runApiCompletion(*model_, *tokenizer_, &cache, greedyJob(kind, second, 8), {});
            const ApiOutcome fresh = runApiCompletion(*model_, *tokenizer_, nullptr, greedyJob(kind, second, 8), {});
            QCOMPARE(cached.choices[0].text, fresh.choices[0].text);
            QCOMPARE(cached.usage.promptTokens, qint64(whole.size()));
            QCOMPARE(fresh.usage.cachedTokens, 0);
            // Read from the state kept after the reply (all the tokens it had read: the prompt's, the sampled ones, a
            // chat's separator after a reply cut at max_tokens), or where the whole prompt's tokens do not begin so,
            // from the one after the first prompt but its last token.
            const qint64 firstTokens = qint64(tokenizer_->encode(first.toStdString()).size());
            const qint64 kept = firstTokens + one.usage.completionTokens +
                                (kind == ApiKind::Chat && one.choices[0].lengthLimit ? 1 : 0);
            QVERIFY2(cached.usage.cachedTokens == firstTokens - 1 || cached.usage.cachedTokens == kept,
                     qPrintable(QStringLiteral("%1 of %2").arg(cached.usage.cachedTokens).arg(kept)));
            if (kind == ApiKind::Completion && QTest::currentDataTag() == QLatin1String("a new word"))
                QVERIFY2(cached.usage.cachedTokens > 0, "a continuation sent back with a new word is read from its state");
        }
    }

    // Session 55's loose ends: a chat reply that ended in a blank (cut by max_tokens after a space or a line break) was
    // kept by the tokens read — the blank's among them —, while the client sends the reply back as it was given, the
    // blank stripped: the next request read the whole history again (cached_tokens 0). The state kept is that of what
    // is sent back, so it reads only the new turn and writes what reading the whole history writes. The byte-level
    // demo model: one token per byte, so a reply cut at a blank is found by its length.
    void replyEndingInABlankIsReadFromItsState() {
        LoadOptions options;
        options.weight_dtype = DType::F16;
        const auto model = Model::load(RWKV_TESTDATA_DIR "/tiny-rwkv7-834K.pth", options);
        const auto tokenizer =
            tokenizer_for_vocab_size(model->shape().vocab_size, RWKV_TESTDATA_DIR "/rwkv_vocab_v20230424.txt");
        const std::string prompt = format_user_turn("Tell me a story", "", true);
        // The first reply cut right after a blank: m tokens give the text m - 1 gave (the blank stripped).
        int cut = 0;
        QString text, before;
        for (int m = 2; m <= 80 && cut == 0; ++m) {
            const ApiOutcome o = runApiCompletion(*model, *tokenizer, nullptr, greedyJob(ApiKind::Chat, prompt, m), {});
            if (!o.choices[0].lengthLimit) break;  // ended by itself
            if (!o.choices[0].text.isEmpty() && o.choices[0].text == before) {
                cut = m;
                text = before;
            }
            before = o.choices[0].text;
        }
        QVERIFY2(cut > 0, "no reply of up to 80 tokens ended in a blank");
        ApiStateCache cache;
        const ApiOutcome one = runApiCompletion(*model, *tokenizer, &cache, greedyJob(ApiKind::Chat, prompt, cut), {});
        QCOMPARE(one.choices[0].text, text);
        // The history as a client sends it (the reply as given), then a new question, as the server formats it.
        const std::string second = format_history("", {ChatHistoryTurn{"Tell me a story", text.toStdString(), {}}}) +
                                   format_user_turn("And then?", "", false);
        QVERIFY(second.rfind(prompt + " " + text.toStdString() + "\n\n", 0) == 0);
        const ApiOutcome cached = runApiCompletion(*model, *tokenizer, &cache, greedyJob(ApiKind::Chat, second, 8), {});
        const ApiOutcome fresh = runApiCompletion(*model, *tokenizer, nullptr, greedyJob(ApiKind::Chat, second, 8), {});
        QCOMPARE(cached.usage.cachedTokens,
                 qint64(tokenizer->encode(prompt + " " + text.toStdString() + "\n\n").size()));  // was 0
        QCOMPARE(cached.choices[0].text, fresh.choices[0].text);
        QCOMPARE(cached.usage.promptTokens, fresh.usage.promptTokens);
    }

    // The same request sent again (a client's retry, a Regenerate) read its whole prompt again until session 58: only
    // the state after the reply was kept, which the same prompt does not extend (1,285 tokens of history: 340-450 ms
    // to the first token on the demo model, each time). Now it reads only the prompt's last token, and a prompt sent
    // again longer without the reply (an editor's completion as the user types) only its new part; the replies are a
    // fresh server's, token for token.
    void samePromptSentAgainIsReadFromItsState() {
        const std::string prompt = sixTurnPrompt("how does the tide turn at the harbour mouth?",
                                                 "slowly, with the moon, and twice a day.", "And at night?");
        const qint64 tokens = qint64(tokenizer_->encode(prompt).size());
        QVERIFY(tokens > 100);
        ApiStateCache cache;
        const ApiOutcome fresh = runApiCompletion(*model_, *tokenizer_, nullptr, greedyJob(ApiKind::Chat, prompt, 8), {});
        const ApiOutcome one = runApiCompletion(*model_, *tokenizer_, &cache, greedyJob(ApiKind::Chat, prompt, 8), {});
        QCOMPARE(one.usage.cachedTokens, 0);
        const ApiOutcome again = runApiCompletion(*model_, *tokenizer_, &cache, greedyJob(ApiKind::Chat, prompt, 8), {});
        QCOMPARE(again.usage.cachedTokens, tokens - 1);  // was 0
        QCOMPARE(again.usage.promptTokens, tokens);
        QCOMPARE(again.choices[0].text, fresh.choices[0].text);
        QCOMPARE(one.choices[0].text, fresh.choices[0].text);

        // A completion's prompt sent again with more text, without the continuation.
        const std::string first = "The quick brown fox jumps over the lazy dog.";
        const std::string longer = first + " Then it ran into the woods";
        const std::vector<std::int32_t> firstTokens = tokenizer_->encode(first), longerTokens = tokenizer_->encode(longer);
        QVERIFY(std::equal(firstTokens.begin(), firstTokens.end() - 1, longerTokens.begin()));
        runApiCompletion(*model_, *tokenizer_, &cache, greedyJob(ApiKind::Completion, first, 6), {});
        const ApiOutcome more = runApiCompletion(*model_, *tokenizer_, &cache, greedyJob(ApiKind::Completion, longer, 6), {});
        QCOMPARE(more.usage.cachedTokens, qint64(firstTokens.size()) - 1);  // was 0
        QCOMPARE(more.choices[0].text,
                 runApiCompletion(*model_, *tokenizer_, nullptr, greedyJob(ApiKind::Completion, longer, 6), {}).choices[0].text);
    }

    // A Response without previous_response_id is kept by its tokens as a chat is: the same input sent again reads
    // only its last token, and the conversation sent again whole with the reply and a new question reads only the new
    // part. Until session 59 a Response kept nothing by its tokens, and each of these read its whole input again
    // (cached_tokens 0); the replies are a fresh server's, token for token. One that continues another
    // (previous_response_id) keeps nothing by its tokens, which are only its new turns.
    void sameResponseInputSentAgainIsReadFromItsState() {
        const std::string prompt = sixTurnPrompt("where does the river meet the sea?",
                                                 "past the mill, under the old stone bridge.", "And in winter?");
        const qint64 tokens = qint64(tokenizer_->encode(prompt).size());
        QVERIFY(tokens > 100);
        const auto response = [&](const std::string& text, const char* id) {
            ApiJob job = greedyJob(ApiKind::Response, text, 8);
            job.ids.id = QString::fromLatin1(id);
            return job;
        };
        ApiStateCache cache;
        const ApiOutcome fresh = runApiCompletion(*model_, *tokenizer_, nullptr, greedyJob(ApiKind::Chat, prompt, 8), {});
        const ApiOutcome one = runApiCompletion(*model_, *tokenizer_, &cache, response(prompt, "resp_1"), {});
        QCOMPARE(one.usage.cachedTokens, 0);
        const ApiOutcome again = runApiCompletion(*model_, *tokenizer_, &cache, response(prompt, "resp_2"), {});
        QCOMPARE(again.usage.cachedTokens, tokens - 1);  // was 0
        QCOMPARE(again.usage.promptTokens, tokens);
        QCOMPARE(one.choices[0].text, fresh.choices[0].text);
        QCOMPARE(again.choices[0].text, fresh.choices[0].text);
        QCOMPARE(cache.responseCount(), std::size_t(2));  // each kept by id too, for previous_response_id

        // The conversation sent again whole (a client that keeps its own history), with the reply and a question.
        const std::string next = prompt + " " + one.choices[0].text.toStdString() + std::string(kTurnSeparator) +
                                 format_user_turn("And in spring?", "", false);
        ApiJob unstored = response(next, "resp_3");
        unstored.request.response.store = false;
        const ApiOutcome more = runApiCompletion(*model_, *tokenizer_, &cache, unstored, {});
        const qint64 sentBack =
            qint64(tokenizer_->encode(prompt + " " + one.choices[0].text.toStdString() + std::string(kTurnSeparator)).size());
        QCOMPARE(more.usage.cachedTokens, sentBack);  // was 0
        QCOMPARE(more.choices[0].text,
                 runApiCompletion(*model_, *tokenizer_, nullptr, greedyJob(ApiKind::Chat, next, 8), {}).choices[0].text);
        QCOMPARE(cache.responseCount(), std::size_t(2));

        // A continuation's tokens are only its new turns: nothing is kept by them.
        const std::size_t kept = cache.size();
        ApiJob continued = response(format_user_turn("And then?", "", false), "resp_4");
        continued.request.response.previousResponseId = QStringLiteral("resp_2");
        runApiCompletion(*model_, *tokenizer_, &cache, continued, {});
        QCOMPARE(cache.size(), kept);
        QVERIFY(!cache.longestPrefixOf(tokenizer_->encode(format_user_turn("And then?", "", false) + " more")));
    }

    void previousResponseIsReadAsTheWholeConversation() {
        // A Response continued from the state kept after another: the reply the whole conversation read afresh gets.
        ApiStateCache cache;
        ApiJob first = greedyJob(ApiKind::Response, format_user_turn("Hello there", "Be brief.", true), 6);
        first.ids.id = QStringLiteral("resp_a");
        first.request.response.instructions = "Be brief.";
        const ApiOutcome one = runApiCompletion(*model_, *tokenizer_, &cache, first, {});
        QCOMPARE(cache.responseCount(), std::size_t(1));
        QCOMPARE(cache.size(), std::size_t(2));  // by id, and by its tokens (after the prompt but its last, the reply)

        ApiJob next = greedyJob(ApiKind::Response, format_user_turn("And then?", "", false), 8);
        next.ids.id = QStringLiteral("resp_b");
        next.request.response.previousResponseId = QStringLiteral("resp_a");
        const ApiOutcome two = runApiCompletion(*model_, *tokenizer_, &cache, next, {});
        // Only the new turn was read, and the reply is the one the whole conversation read afresh gets (here the reply's
        // text reads as the tokens sampled) — not the one the new turn alone gets.
        const std::string whole = format_user_turn("Hello there", "Be brief.", true) + one.choices[0].text.toStdString() +
                                  std::string(kTurnSeparator) + format_user_turn("And then?", "", false);
        const ApiOutcome fresh = runApiCompletion(*model_, *tokenizer_, nullptr, greedyJob(ApiKind::Chat, whole, 8), {});
        const ApiOutcome alone = runApiCompletion(*model_, *tokenizer_, nullptr,
                                                  greedyJob(ApiKind::Chat, format_user_turn("And then?", "", false), 8), {});
        QCOMPARE(two.choices[0].text, fresh.choices[0].text);
        QVERIFY2(two.choices[0].text != alone.choices[0].text, qPrintable(two.choices[0].text));
        const qint64 turn = qint64(tokenizer_->encode(format_user_turn("And then?", "", false)).size());
        const qint64 read = one.usage.promptTokens + one.usage.completionTokens + (one.choices[0].lengthLimit ? 1 : 0);
        QCOMPARE(two.usage.cachedTokens, read);
        QCOMPARE(two.usage.promptTokens, read + turn);
        QCOMPARE(fresh.usage.promptTokens, two.usage.promptTokens);
        QCOMPARE(cache.responseCount(), std::size_t(2));

        // store: false keeps nothing; an unknown id, or different instructions, are refused with a 400.
        ApiJob unstored = next;
        unstored.ids.id = QStringLiteral("resp_c");
        unstored.request.response.store = false;
        runApiCompletion(*model_, *tokenizer_, &cache, unstored, {});
        QCOMPARE(cache.responseCount(), std::size_t(2));  // resp_a and resp_b
        QVERIFY(!cache.response(QStringLiteral("resp_c")));
        ApiJob other = next;
        other.request.response.previousResponseId = QStringLiteral("resp_c");
        try {
            runApiCompletion(*model_, *tokenizer_, &cache, other, {});
            QFAIL("continued from a response that kept no state");
        } catch (const ApiRequestRefused& e) {
            QCOMPARE(e.error.status, 400);
            QCOMPARE(e.error.code, QStringLiteral("previous_response_not_found"));
        }
        other.request.response.previousResponseId = QStringLiteral("resp_a");
        other.request.response.instructions = "Be long.";
        try {
            runApiCompletion(*model_, *tokenizer_, &cache, other, {});
            QFAIL("continued with other instructions");
        } catch (const ApiRequestRefused& e) {
            QCOMPARE(e.error.param, QStringLiteral("instructions"));
        }
        cache.clear();  // a model change
        QCOMPARE(cache.responseCount(), std::size_t(0));
    }

    void keptResponsesAreTheLastEight() {
        ApiStateCache cache;
        for (int i = 0; i < 10; ++i) {
            ApiJob job = greedyJob(ApiKind::Response, format_user_turn("Hi " + std::to_string(i), "", true), 1);
            job.ids.id = QStringLiteral("resp_%1").arg(i);
            runApiCompletion(*model_, *tokenizer_, &cache, job, {});
        }
        QCOMPARE(cache.responseCount(), ApiStateCache::kResponseCapacity);
        QVERIFY(!cache.response(QStringLiteral("resp_0")));
        QVERIFY(!cache.response(QStringLiteral("resp_1")));
        QVERIFY(cache.response(QStringLiteral("resp_2")));
        QVERIFY(cache.response(QStringLiteral("resp_9")));
    }

    void keptResponseHasItsObjectAndCanBeDropped() {
        ApiStateCache cache;
        ApiJob job = greedyJob(ApiKind::Response, format_user_turn("Hello there", "", true), 4);
        job.ids = ApiReplyIds{QStringLiteral("resp_a"), 1700000000, QStringLiteral("rand")};
        job.messageId = QStringLiteral("msg_a");
        const ApiOutcome one = runApiCompletion(*model_, *tokenizer_, &cache, job, {});
        // Its object as the POST answers it (the one its stream's last event carries), kept beside its state.
        QCOMPARE(one.response, responseJson(job.ids, job.messageId, job.request, one.choices[0].text,
                                            one.choices[0].lengthLimit, one.usage));
        QCOMPARE(cache.responseJson(QStringLiteral("resp_a")), std::optional<QByteArray>(one.response));
        QCOMPARE(cache.response(QStringLiteral("resp_a"))->json, one.response);
        job.ids.id = QStringLiteral("resp_b");
        runApiCompletion(*model_, *tokenizer_, &cache, job, {});
        QCOMPARE(cache.responseCount(), std::size_t(2));

        // Dropped (DELETE): gone at once for both, the other kept; dropping it again finds nothing.
        QVERIFY(cache.dropResponse(QStringLiteral("resp_a")));
        QVERIFY(!cache.responseJson(QStringLiteral("resp_a")));
        QVERIFY(!cache.response(QStringLiteral("resp_a")));
        QVERIFY(!cache.dropResponse(QStringLiteral("resp_a")));
        QCOMPARE(cache.responseCount(), std::size_t(1));
        QVERIFY(cache.responseJson(QStringLiteral("resp_b")));
        cache.releaseDropped();
        // A chat's or a completion's reply has no response object.
        QVERIFY(runApiCompletion(*model_, *tokenizer_, &cache, greedyJob(ApiKind::Chat, "Hi", 2), {}).response.isEmpty());
    }

    void keptStatesAreTheLastFourRequests() {
        ApiStateCache cache;
        for (int i = 0; i < 6; ++i) {
            runApiCompletion(*model_, *tokenizer_, &cache,
                             greedyJob(ApiKind::Completion, "Prompt number " + std::to_string(i) + " here", 2), {});
            // Two a request: after its prompt but the last token, after its reply.
            QCOMPARE(cache.size(), std::size_t(std::min(2 * (i + 1), int(ApiStateCache::kCapacity))));
        }
        QCOMPARE(ApiStateCache::kCapacity, std::size_t(8));
        const std::vector<std::int32_t> oldest = tokenizer_->encode("Prompt number 0 here and more");
        const std::vector<std::int32_t> kept = tokenizer_->encode("Prompt number 2 here and more");
        const std::vector<std::int32_t> newest = tokenizer_->encode("Prompt number 5 here");
        QVERIFY(!cache.longestPrefixOf(oldest));  // dropped, with request 1's
        QVERIFY(cache.longestPrefixOf(kept));     // the fourth newest request's
        // Sent again: all but its last token (a reply is sampled from the logits of a token read).
        const std::optional<ApiStateCache::Hit> again = cache.longestPrefixOf(newest);
        QVERIFY(again);
        QCOMPARE(again->tokens, newest.size() - 1);
        cache.clear();
        QCOMPARE(cache.size(), std::size_t(0));
    }

private:
    std::unique_ptr<Model> model_;
    std::unique_ptr<Tokenizer> tokenizer_;
};

QTEST_GUILESS_MAIN(TestApiCompletion)
#include "test_api_completion.moc"
