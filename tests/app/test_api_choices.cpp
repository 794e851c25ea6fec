// test_api_choices.cpp — the local API's `n` (docs/api.md "Several choices: n"): several replies to one prompt,
// read once and decoded together (rwkv::generate_several). Requests read (1 … 8, else a 400 naming `n`; the
// Responses API has none), the JSON of n choices, runApiCompletion on a World-vocabulary model (choice i is the
// n = 1 reply of seed + i; the state kept is the prompt's), and the server over HTTP with the demo model (whole and
// streamed replies, usage summed, a client that leaves stops every choice; set-up: api_server_fixture.h).
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkReply>
#include <QtTest>

#include <algorithm>

#include <map>
#include <memory>

#include "api_completion.h"
#include "api_server_fixture.h"
#include "rwkv/chat_format.h"
#include "rwkv/error.h"

using namespace rwkv;
using namespace rwkv::app;

namespace {

QJsonObject jsonOf(const QByteArray& bytes) { return QJsonDocument::fromJson(bytes).object(); }

QJsonArray choicesOf(const QJsonObject& o) { return o.value(QStringLiteral("choices")).toArray(); }

QJsonObject usageOf(const QJsonObject& o) { return o.value(QStringLiteral("usage")).toObject(); }

// `usage` of a request as the same request sent again answers it: every prompt token but the last read from the state
// kept after them (docs/api.md "Kept states").
QJsonObject sentAgain(QJsonObject usage) {
    usage.insert(QStringLiteral("prompt_tokens_details"),
                 QJsonObject{{QStringLiteral("cached_tokens"), usage.value(QStringLiteral("prompt_tokens")).toInteger() - 1}});
    return usage;
}

qint64 completionTokensOf(const QJsonObject& o) {
    return usageOf(o).value(QStringLiteral("completion_tokens")).toInteger();
}

// Choice `i`'s text: a chat's message content, or a completion's text.
QString choiceText(const QJsonObject& o, int i) {
    const QJsonObject choice = choicesOf(o).at(i).toObject();
    if (choice.contains(QStringLiteral("text"))) return choice.value(QStringLiteral("text")).toString();
    return choice.value(QStringLiteral("message")).toObject().value(QStringLiteral("content")).toString();
}

QString finishOf(const QJsonObject& o, int i) {
    return choicesOf(o).at(i).toObject().value(QStringLiteral("finish_reason")).toString();
}

// The SSE events of a stream's body, "data: " and "\n\n" removed.
QList<QByteArray> eventsOf(const QByteArray& body) {
    QList<QByteArray> events;
    for (const QByteArray& part : body.split('\n'))
        if (part.startsWith("data: ")) events.append(part.mid(6));
    return events;
}

QByteArray compact(const QJsonObject& o) { return QJsonDocument(o).toJson(QJsonDocument::Compact); }

QJsonObject chatRequest(const QString& question, const QJsonObject& extra) {
    QJsonObject o = extra;
    o.insert(QStringLiteral("messages"),
             QJsonArray{QJsonObject{{QStringLiteral("role"), QStringLiteral("user")},
                                    {QStringLiteral("content"), question}}});
    return o;
}

// A request read for the World-model tests: sampled (temperature 1, so that choices differ), seeded.
ApiJob sampledJob(ApiKind kind, std::string prompt, int maxTokens, int choices, std::uint64_t seed) {
    ApiJob job;
    job.request.kind = kind;
    job.request.prompt = std::move(prompt);
    job.request.maxTokens = maxTokens;
    job.request.sampler.temperature = 1;
    job.request.sampler.top_p = 0.9f;
    job.request.sampler.seed = seed;
    job.request.seedGiven = true;
    job.request.choices = choices;
    return job;
}

}  // namespace

class TestApiChoices : public QObject, private ApiServerFixture {
    Q_OBJECT
private slots:
    void initTestCase() {
        const QString failed = startServer();
        QVERIFY2(failed.isEmpty(), qPrintable(failed));
        LoadOptions options;
        options.weight_dtype = DType::F16;
        world_ = Model::load(RWKV_TESTDATA_DIR "/rand-rwkv7-L3-D128.safetensors", options);
        worldTokenizer_ =
            tokenizer_for_vocab_size(world_->shape().vocab_size, RWKV_TESTDATA_DIR "/rwkv_vocab_v20230424.txt");
    }
    void cleanup() {
        api_->setReplyPaceMs(0);
        QTRY_COMPARE_WITH_TIMEOUT(api_->pendingCount(), 0, kWaitMs);
    }
    void cleanupTestCase() { stopServer(); }

    void nIsRead();
    void badNIsRefused_data();
    void badNIsRefused();
    void responsesHaveNoN();
    void choicesJsonHasAnIndexEach();
    void seededChoiceIsTheSingleReplyOfItsSeed_data();
    void seededChoiceIsTheSingleReplyOfItsSeed();
    void promptStateIsKeptForWhicheverChoiceComesBack();
    void cancelStopsEveryChoice();
    void chatChoicesOverHttp();
    void streamedChoicesReassemble_data();
    void streamedChoicesReassemble();
    void badNOverHttp();
    void clientThatLeavesStopsEveryChoice();

private:
    ApiAnswer post(const QString& path, const QJsonObject& body) { return send("POST", path, compact(body)); }

    std::unique_ptr<Model> world_;
    std::unique_ptr<Tokenizer> worldTokenizer_;
};

void TestApiChoices::nIsRead() {
    const auto chat = parseChatRequest(R"({"messages":[{"role":"user","content":"hi"}],"n":3})");
    QVERIFY(std::holds_alternative<ApiRequest>(chat));
    QCOMPARE(std::get<ApiRequest>(chat).choices, 3);
    const auto completion = parseCompletionRequest(R"({"prompt":"a","n":8})");
    QVERIFY(std::holds_alternative<ApiRequest>(completion));
    QCOMPARE(std::get<ApiRequest>(completion).choices, 8);
    const auto one = parseChatRequest(R"({"messages":[{"role":"user","content":"hi"}],"n":null})");
    QCOMPARE(std::get<ApiRequest>(one).choices, 1);
    QCOMPARE(std::get<ApiRequest>(parseCompletionRequest(R"({"prompt":"a"})")).choices, 1);
}

void TestApiChoices::badNIsRefused_data() {
    QTest::addColumn<QByteArray>("n");
    QTest::addColumn<QString>("words");  // in the message
    const QString limit = QStringLiteral("This server writes at most 8 choices per request");
    QTest::newRow("0") << QByteArray("0") << QStringLiteral("'n': 0 is not between 1 and 8. ") + limit;
    QTest::newRow("9") << QByteArray("9") << QStringLiteral("'n': 9 is not between 1 and 8. ") + limit;
    QTest::newRow("-1") << QByteArray("-1") << QStringLiteral("-1 is not between 1 and 8");
    QTest::newRow("a string") << QByteArray("\"3\"") << QStringLiteral("expected an integer, but got a string");
    QTest::newRow("2.5") << QByteArray("2.5") << QStringLiteral("expected an integer, but got a number");
    QTest::newRow("true") << QByteArray("true") << QStringLiteral("but got a boolean");
}

void TestApiChoices::badNIsRefused() {
    QFETCH(QByteArray, n);
    QFETCH(QString, words);
    for (const auto& result : {parseChatRequest(R"({"messages":[{"role":"user","content":"hi"}],"n":)" + n + "}"),
                               parseCompletionRequest(R"({"prompt":"a","n":)" + n + "}")}) {
        const ApiError* e = std::get_if<ApiError>(&result);
        QVERIFY(e);
        QCOMPARE(e->status, 400);
        QCOMPARE(e->param, QStringLiteral("n"));
        QVERIFY2(e->message.contains(words), qPrintable(e->message));
    }
}

void TestApiChoices::responsesHaveNoN() {
    const auto several = parseResponseRequest(R"({"input":"hi","n":3})");
    const ApiError* e = std::get_if<ApiError>(&several);
    QVERIFY(e);  // before: n was ignored and one output came back
    QCOMPARE(e->status, 400);
    QCOMPARE(e->param, QStringLiteral("n"));
    QVERIFY2(e->message.contains(QStringLiteral("not a field of the Responses API")), qPrintable(e->message));
    QVERIFY2(e->message.contains(QStringLiteral("/v1/chat/completions")), qPrintable(e->message));
    const auto text = parseResponseRequest(R"({"input":"hi","n":"2"})");
    QVERIFY(std::holds_alternative<ApiError>(text));
    QCOMPARE(std::get<ApiRequest>(parseResponseRequest(R"({"input":"hi","n":1})")).choices, 1);
}

void TestApiChoices::choicesJsonHasAnIndexEach() {
    const ApiReplyIds ids{QStringLiteral("chatcmpl-1"), 7, QStringLiteral("m")};
    const std::vector<ApiChoice> choices{{QStringLiteral("a"), false}, {QStringLiteral("bc"), true},
                                         {QStringLiteral("d"), false}};
    for (const QJsonObject& o : {jsonOf(completionJson(ids, choices, ApiUsage{5, 9, 0})),
                                 jsonOf(textCompletionJson(ids, choices, ApiUsage{5, 9, 0}))}) {
        QCOMPARE(choicesOf(o).size(), 3);
        for (int i = 0; i < 3; ++i) {
            QCOMPARE(choicesOf(o).at(i).toObject().value(QStringLiteral("index")).toInt(-1), i);
            QCOMPARE(choiceText(o, i), choices[std::size_t(i)].text);
        }
        QCOMPARE(finishOf(o, 0), QStringLiteral("stop"));
        QCOMPARE(finishOf(o, 1), QStringLiteral("length"));
        QCOMPARE(usageOf(o).value(QStringLiteral("total_tokens")).toInt(), 14);
    }
    const auto indexOf = [](const QByteArray& event) {
        return choicesOf(jsonOf(event.mid(6, event.size() - 8))).at(0).toObject().value(QStringLiteral("index")).toInt(-1);
    };
    QCOMPARE(indexOf(firstChunk(ids, 2)), 2);
    QCOMPARE(indexOf(textChunk(ids, QStringLiteral("x"), 1)), 1);
    QCOMPARE(indexOf(lastChunk(ids, true, 2)), 2);
    QCOMPARE(indexOf(textCompletionChunk(ids, QStringLiteral("x"), false, false, 1)), 1);
}

void TestApiChoices::seededChoiceIsTheSingleReplyOfItsSeed_data() {
    QTest::addColumn<int>("kind");
    QTest::addColumn<bool>("echo");
    QTest::newRow("chat") << int(ApiKind::Chat) << false;
    QTest::newRow("completion") << int(ApiKind::Completion) << false;
    QTest::newRow("completion, echo") << int(ApiKind::Completion) << true;
}

void TestApiChoices::seededChoiceIsTheSingleReplyOfItsSeed() {
    QFETCH(int, kind);
    QFETCH(bool, echo);
    const ApiKind k = ApiKind(kind);
    const std::string prompt = k == ApiKind::Chat ? format_user_turn("Tell me a story", "", true) : "Once upon a";
    constexpr std::uint64_t kSeed = 41;
    ApiJob several = sampledJob(k, prompt, 12, 3, kSeed);
    several.request.echo = echo;
    std::map<std::size_t, std::string> streamed;
    const ApiOutcome got = runApiCompletion(*world_, *worldTokenizer_, nullptr, several,
                                            [&](std::size_t i, std::string_view piece) { streamed[i].append(piece); });
    QCOMPARE(got.choices.size(), std::size_t(3));
    qint64 sum = 0;
    for (std::size_t i = 0; i < 3; ++i) {
        ApiJob one = sampledJob(k, prompt, 12, 1, kSeed + i);
        one.request.echo = echo;
        const ApiOutcome alone = runApiCompletion(*world_, *worldTokenizer_, nullptr, one, {});
        QCOMPARE(alone.choices.size(), std::size_t(1));
        QCOMPARE(got.choices[i].text, alone.choices[0].text);
        QCOMPARE(got.choices[i].lengthLimit, alone.choices[0].lengthLimit);
        QCOMPARE(QString::fromStdString(streamed[i]), got.choices[i].text);
        if (echo) QVERIFY(got.choices[i].text.startsWith(QString::fromStdString(prompt)));
        QCOMPARE(got.usage.promptTokens, alone.usage.promptTokens);
        sum += alone.usage.completionTokens;
    }
    QCOMPARE(got.usage.completionTokens, sum);  // OpenAI's: the sum over the choices
    QVERIFY(sum > 12);
    // Sampled with their own seeds: not one reply three times.
    QVERIFY2(got.choices[0].text != got.choices[1].text || got.choices[1].text != got.choices[2].text,
             qPrintable(got.choices[0].text));
}

void TestApiChoices::promptStateIsKeptForWhicheverChoiceComesBack() {
    // n = 3 keeps one state, the prompt's (but its last token, which a request sent again must read): the
    // conversation sent back with choice 2 and a new question reads only that token, that choice and the question,
    // and gets the reply a fresh server writes.
    ApiStateCache cache;
    const std::string prompt = format_user_turn("Hello there", "", true);
    const ApiOutcome three =
        runApiCompletion(*world_, *worldTokenizer_, &cache, sampledJob(ApiKind::Chat, prompt, 6, 3, 5), {});
    QCOMPARE(cache.size(), std::size_t(1));
    const std::string next = prompt + " " + three.choices[2].text.toStdString() + std::string(kTurnSeparator) +
                             format_user_turn("And then?", "", false);
    const ApiJob nextJob = sampledJob(ApiKind::Chat, next, 8, 1, 9);
    const ApiOutcome cached = runApiCompletion(*world_, *worldTokenizer_, &cache, nextJob, {});
    const ApiOutcome fresh = runApiCompletion(*world_, *worldTokenizer_, nullptr, nextJob, {});
    QCOMPARE(cached.usage.cachedTokens, qint64(worldTokenizer_->encode(prompt).size()) - 1);  // all but its last
    QCOMPARE(cached.usage.promptTokens, fresh.usage.promptTokens);
    QCOMPARE(cached.choices[0].text, fresh.choices[0].text);
}

void TestApiChoices::cancelStopsEveryChoice() {
    ApiJob job = sampledJob(ApiKind::Completion, "Once upon a", 200, 3, 1);
    int pieces = 0;
    bool cancelled = false;
    try {
        runApiCompletion(*world_, *worldTokenizer_, nullptr, job, [&](std::size_t, std::string_view) {
            if (++pieces == 4) job.cancel->store(true);
        });
    } catch (const Error& e) {
        cancelled = e.code() == ErrorCode::Cancelled;
    }
    QVERIFY(cancelled);
    QVERIFY2(pieces < 3 * 200, qPrintable(QString::number(pieces)));
}

void TestApiChoices::chatChoicesOverHttp() {
    const QJsonObject options{{QStringLiteral("n"), 3}, {QStringLiteral("seed"), 12}, {QStringLiteral("max_tokens"), 20},
                              {QStringLiteral("temperature"), 1.2}, {QStringLiteral("top_p"), 1}};
    const ApiAnswer a = post(QStringLiteral("/v1/chat/completions"), chatRequest(QStringLiteral("Hi"), options));
    QCOMPARE(a.status, 200);
    const QJsonObject o = a.json();
    QCOMPARE(choicesOf(o).size(), 3);
    qint64 sum = 0;
    for (int i = 0; i < 3; ++i) {
        QCOMPARE(choicesOf(o).at(i).toObject().value(QStringLiteral("index")).toInt(-1), i);
        // Choice i is the n = 1 reply of seed 12 + i (choice 0: the n = 1 reply of this very request).
        QJsonObject one = options;
        one.insert(QStringLiteral("n"), 1);
        one.insert(QStringLiteral("seed"), 12 + i);
        const ApiAnswer alone = post(QStringLiteral("/v1/chat/completions"), chatRequest(QStringLiteral("Hi"), one));
        QCOMPARE(alone.status, 200);
        QCOMPARE(choicesOf(alone.json()).size(), 1);
        QCOMPARE(choiceText(o, i), choiceText(alone.json(), 0));
        QCOMPARE(finishOf(o, i), finishOf(alone.json(), 0));
        QCOMPARE(usageOf(o).value(QStringLiteral("prompt_tokens")),
                 usageOf(alone.json()).value(QStringLiteral("prompt_tokens")));
        sum += completionTokensOf(alone.json());
    }
    QCOMPARE(completionTokensOf(o), sum);
    QCOMPARE(usageOf(o).value(QStringLiteral("total_tokens")).toInteger(),
             usageOf(o).value(QStringLiteral("prompt_tokens")).toInteger() + sum);
    QVERIFY2(choiceText(o, 0) != choiceText(o, 1) || choiceText(o, 1) != choiceText(o, 2), qPrintable(choiceText(o, 0)));
}

void TestApiChoices::streamedChoicesReassemble_data() {
    QTest::addColumn<QString>("path");
    QTest::newRow("chat") << QStringLiteral("/v1/chat/completions");
    QTest::newRow("completion") << QStringLiteral("/v1/completions");
}

void TestApiChoices::streamedChoicesReassemble() {
    // Each chunk names its choice; the pieces of choice i joined are the whole reply's choice i; a final chunk per
    // choice with its finish_reason, the usage (summed), then [DONE].
    QFETCH(QString, path);
    const bool chat = path.contains(QLatin1String("chat"));
    QJsonObject body = chat ? chatRequest(QStringLiteral("Write a poem"), {})
                            : QJsonObject{{QStringLiteral("prompt"), QStringLiteral("The sea")}};
    body.insert(QStringLiteral("n"), 3);
    body.insert(QStringLiteral("seed"), 3);
    body.insert(QStringLiteral("max_tokens"), 24);
    body.insert(QStringLiteral("temperature"), 1.2);
    body.insert(QStringLiteral("stop"), QStringLiteral("f"));  // some choices end at it, some at max_tokens
    const ApiAnswer whole = post(path, body);
    QCOMPARE(whole.status, 200);
    body.insert(QStringLiteral("stream"), true);
    body.insert(QStringLiteral("stream_options"), QJsonObject{{QStringLiteral("include_usage"), true}});
    const ApiAnswer streamed = post(path, body);
    QCOMPARE(streamed.status, 200);
    QCOMPARE(streamed.contentType, QByteArray("text/event-stream"));
    const QList<QByteArray> events = eventsOf(streamed.body);
    QCOMPARE(events.last(), QByteArray("[DONE]"));
    QStringList joined(3);
    QList<int> roles(3, 0), finals(3, 0), textsAfterFinal(3, 0);
    QList<qsizetype> finalAt(3, -1), lastTextAt(3, -1);  // event indexes
    QStringList reasons(3);
    for (qsizetype e = 0; e < events.size() - 2; ++e) {
        const QJsonArray choices = choicesOf(jsonOf(events[e]));
        QCOMPARE(choices.size(), 1);
        const QJsonObject c = choices.at(0).toObject();
        const int i = c.value(QStringLiteral("index")).toInt(-1);
        QVERIFY2(i >= 0 && i < 3, events[e].constData());
        const QJsonObject delta = c.value(QStringLiteral("delta")).toObject();
        if (delta.contains(QStringLiteral("role"))) ++roles[i];
        const QString text =
            (chat ? delta.value(QStringLiteral("content")) : c.value(QStringLiteral("text"))).toString();
        if (finals[i] > 0 && !text.isEmpty()) ++textsAfterFinal[i];
        if (!text.isEmpty()) lastTextAt[i] = e;
        joined[i] += text;
        if (!c.value(QStringLiteral("finish_reason")).isNull()) {
            ++finals[i];
            finalAt[i] = e;
            reasons[i] = c.value(QStringLiteral("finish_reason")).toString();
        }
    }
    for (int i = 0; i < 3; ++i) {
        QCOMPARE(roles[i], chat ? 1 : 0);
        QCOMPARE(finals[i], 1);
        QCOMPARE(textsAfterFinal[i], 0);
        QCOMPARE(joined[i], choiceText(whole.json(), i));
        QCOMPARE(reasons[i], finishOf(whole.json(), i));
    }
    // Each its own finish_reason: with seed 3 the stop string ends some choices and max_tokens others.
    QVERIFY2(reasons.contains(QStringLiteral("stop")) && reasons.contains(QStringLiteral("length")),
             qPrintable(reasons.join(u' ')));
    // A choice's final chunk goes out as it ends, not after the last choice: the first choice to end is told before
    // the last text of another that went on.
    const int first = int(std::min_element(finalAt.begin(), finalAt.end()) - finalAt.begin());
    qsizetype lastOtherText = -1;
    for (int i = 0; i < 3; ++i)
        if (i != first) lastOtherText = std::max(lastOtherText, lastTextAt[i]);
    QVERIFY2(finalAt[first] < lastOtherText, qPrintable(QStringLiteral("choice %1's end at event %2, the others' last "
                                                                       "text at %3")
                                                            .arg(first).arg(finalAt[first]).arg(lastOtherText)));
    const QJsonObject usage = jsonOf(events[events.size() - 2]);
    QVERIFY(choicesOf(usage).isEmpty());
    QCOMPARE(usageOf(usage), sentAgain(usageOf(whole.json())));  // the same request: read from its prompt's state
}

void TestApiChoices::badNOverHttp() {
    for (const QJsonValue& n : {QJsonValue(0), QJsonValue(9), QJsonValue(QStringLiteral("3"))}) {
        QJsonObject options{{QStringLiteral("n"), n}};
        const ApiAnswer a = post(QStringLiteral("/v1/chat/completions"), chatRequest(QStringLiteral("Hi"), options));
        QCOMPARE(a.status, 400);
        QCOMPARE(a.error().value(QStringLiteral("param")).toString(), QStringLiteral("n"));
        options.insert(QStringLiteral("prompt"), QStringLiteral("a"));
        const ApiAnswer c = post(QStringLiteral("/v1/completions"), options);
        QCOMPARE(c.status, 400);
        QCOMPARE(c.error().value(QStringLiteral("param")).toString(), QStringLiteral("n"));
    }
    const ApiAnswer r = post(QStringLiteral("/v1/responses"),
                             QJsonObject{{QStringLiteral("input"), QStringLiteral("Hi")}, {QStringLiteral("n"), 2}});
    QCOMPARE(r.status, 400);
    QCOMPARE(r.error().value(QStringLiteral("param")).toString(), QStringLiteral("n"));
    QVERIFY(r.error().value(QStringLiteral("message")).toString().contains(QStringLiteral("Responses API")));
}

void TestApiChoices::clientThatLeavesStopsEveryChoice() {
    // Three choices of 100,000 tokens at 20 ms a piece; the client leaves once they are being written.
    api_->setReplyPaceMs(20);
    QJsonObject options{{QStringLiteral("n"), 3}, {QStringLiteral("max_tokens"), 100000}, {QStringLiteral("stream"), true}};
    QNetworkReply* reply = begin("POST", QStringLiteral("/v1/chat/completions"),
                                 compact(chatRequest(QStringLiteral("Talk"), options)));
    QByteArray got;
    connect(reply, &QNetworkReply::readyRead, this, [&] { got += reply->readAll(); });
    QTRY_VERIFY_WITH_TIMEOUT(eventsOf(got).size() >= 6, kWaitMs);  // three roles, then text
    // The worker is free for the next request within a step, not after the hours the three had left.
    leaveMidReply(reply);
}

QTEST_MAIN(TestApiChoices)
#include "test_api_choices.moc"
