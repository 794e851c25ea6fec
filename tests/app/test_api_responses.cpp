// test_api_responses.cpp — POST /v1/responses (OpenAI's Responses API, minimal) on 127.0.0.1 with the demo model on a
// real InferenceWorker thread: a response is the chat reply to its input; previous_response_id continues from the state
// kept after that response (only the new turn is read, and the reply is the one the whole conversation read afresh
// gets); store: false, an unknown or a dropped id are 400s that say the state is gone; the event stream. The demo
// model never writes "\n\n", so every reply runs to max_output_tokens (status "incomplete"); its greedy replies hardly
// depend on the history, so that a continuation's reply is the history's, not the new turn's alone, is checked on a
// World-vocabulary model in tests/app/test_api_completion.cpp. GET and DELETE /v1/responses/{id}: the object as its
// POST answered it, and gone after DELETE. The set-up: api_server_fixture.h; the other endpoints:
// tests/app/test_api_server.cpp.
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkReply>
#include <QtTest>

#include <memory>

#include "api_server_fixture.h"
#include "rwkv/chat_format.h"

using namespace rwkv;
using namespace rwkv::app;

namespace {

using Answer = ApiAnswer;

// The text of a response's one output message.
QString outputText(const QJsonObject& response) {
    const QJsonObject message = response.value(QStringLiteral("output")).toArray().at(0).toObject();
    return message.value(QStringLiteral("content")).toArray().at(0).toObject().value(QStringLiteral("text")).toString();
}

qint64 usageOf(const QJsonObject& response, const char* field) {
    return response.value(QStringLiteral("usage")).toObject().value(QLatin1String(field)).toInteger();
}

qint64 cachedOf(const QJsonObject& response) {
    return response.value(QStringLiteral("usage")).toObject().value(QStringLiteral("input_tokens_details")).toObject()
        .value(QStringLiteral("cached_tokens")).toInteger();
}

QJsonObject ask(const QString& input, int maxOutputTokens, const QJsonObject& extra = {}) {
    QJsonObject o = extra;
    o.insert(QStringLiteral("model"), QStringLiteral("anything"));
    o.insert(QStringLiteral("input"), input);
    o.insert(QStringLiteral("temperature"), 0);
    o.insert(QStringLiteral("max_output_tokens"), maxOutputTokens);
    return o;
}

// The events of a Responses stream: ("event" line, data object) pairs.
QList<QPair<QByteArray, QJsonObject>> eventsOf(const QByteArray& body) {
    QList<QPair<QByteArray, QJsonObject>> events;
    qsizetype at = 0;
    while (at < body.size()) {
        const qsizetype end = body.indexOf("\n\n", at);
        if (end < 0) break;
        const QList<QByteArray> lines = body.mid(at, end - at).split('\n');
        at = end + 2;
        QByteArray type;
        QJsonObject data;
        for (const QByteArray& line : lines) {
            if (line.startsWith("event: ")) type = line.mid(7);
            if (line.startsWith("data: ")) data = QJsonDocument::fromJson(line.mid(6)).object();
        }
        events.append({type, data});
    }
    return events;
}

}  // namespace

class TestApiResponses : public QObject, private ApiServerFixture {
    Q_OBJECT
private slots:
    void initTestCase() {
        const QString failed = startServer();
        QVERIFY2(failed.isEmpty(), qPrintable(failed));
    }
    void cleanup() { QTRY_COMPARE_WITH_TIMEOUT(api_->pendingCount(), 0, kWaitMs); }
    void cleanupTestCase() { stopServer(); }
    void responseIsTheChatReply();
    void previousResponseContinuesFromItsState();
    void instructionsOfAContinuationMustBeTheSame();
    void storeFalseUnknownAndDroppedIdsAreGone();
    void streamedEventsJoinToTheText();
    void streamedWithAGoneStateIsAPlainError();
    void getAnswersTheResponseAsPosted();
    void deleteForgetsTheResponse();
    void keptResponsesAnswerWhileAReplyIsWritten();
    void aResponseBeingWrittenIsInProgress();
    void onlyMintedIdsAreLookedUp();
    void errorsNameTheField();

private:
    Answer post(const QJsonObject& body, const QString& path = QStringLiteral("/v1/responses")) {
        return send("POST", path, QJsonDocument(body).toJson(QJsonDocument::Compact));
    }
};

void TestApiResponses::responseIsTheChatReply() {
    const Answer a = post(ask(QStringLiteral("Hello there"), 32, {{QStringLiteral("instructions"), QStringLiteral("Be kind.")}}));
    QCOMPARE(a.status, 200);
    QCOMPARE(a.contentType, QByteArray("application/json"));
    const QJsonObject o = a.json();
    QCOMPARE(o.value(QStringLiteral("object")).toString(), QStringLiteral("response"));
    QVERIFY(o.value(QStringLiteral("id")).toString().startsWith(QStringLiteral("resp_")));
    QCOMPARE(o.value(QStringLiteral("model")).toString(), QStringLiteral("tiny-rwkv7-834K"));
    QCOMPARE(o.value(QStringLiteral("instructions")).toString(), QStringLiteral("Be kind."));
    QVERIFY(o.value(QStringLiteral("previous_response_id")).isNull());
    // max_output_tokens ended it: OpenAI's "incomplete", with the reason.
    QCOMPARE(o.value(QStringLiteral("status")).toString(), QStringLiteral("incomplete"));
    QCOMPARE(o.value(QStringLiteral("incomplete_details")).toObject().value(QStringLiteral("reason")).toString(),
             QStringLiteral("max_output_tokens"));
    const QJsonObject message = o.value(QStringLiteral("output")).toArray().at(0).toObject();
    QCOMPARE(message.value(QStringLiteral("type")).toString(), QStringLiteral("message"));
    QCOMPARE(message.value(QStringLiteral("role")).toString(), QStringLiteral("assistant"));
    QVERIFY(message.value(QStringLiteral("id")).toString().startsWith(QStringLiteral("msg_")));
    // The instructions are the System turn, the input the user's turn: the chat endpoint's prompt.
    const std::string prompt = format_user_turn("Hello there", "Be kind.", true);
    QCOMPARE(outputText(o), QString::fromStdString(engineReply(prompt, 32).text));
    QCOMPARE(usageOf(o, "input_tokens"), qint64(tokenizer_->encode(prompt).size()));
    QCOMPARE(usageOf(o, "output_tokens"), 32);
    QCOMPARE(usageOf(o, "total_tokens"), qint64(tokenizer_->encode(prompt).size()) + 32);
    QCOMPARE(cachedOf(o), 0);
}

void TestApiResponses::previousResponseContinuesFromItsState() {
    const std::string q1 = "Hello there", q2 = "Tell me more", q3 = "Why";
    const Answer first = post(ask(QString::fromStdString(q1), 32));
    QCOMPARE(first.status, 200);
    const QString id = first.json().value(QStringLiteral("id")).toString();
    const std::string a1 = outputText(first.json()).toStdString();

    // Twice from the same response (branches): each the reply to the whole conversation read afresh, while only the
    // new turn was read.
    for (const std::string& q : {q2, q3}) {
        const Answer next = post(ask(QString::fromStdString(q), 24, {{QStringLiteral("previous_response_id"), id}}));
        QCOMPARE(next.status, 200);
        const QJsonObject o = next.json();
        QCOMPARE(o.value(QStringLiteral("previous_response_id")).toString(), id);
        QVERIFY(o.value(QStringLiteral("id")).toString() != id);
        const std::string whole = format_history("", {{q1, a1}}) + format_user_turn(q, "", false);
        QCOMPARE(outputText(o), QString::fromStdString(engineReply(whole, 24).text));
        const qint64 wholeTokens = qint64(tokenizer_->encode(whole).size());
        const qint64 turnTokens = qint64(tokenizer_->encode(format_user_turn(q, "", false)).size());
        QCOMPARE(usageOf(o, "input_tokens"), wholeTokens);
        QCOMPARE(cachedOf(o), wholeTokens - turnTokens);
    }
}

void TestApiResponses::instructionsOfAContinuationMustBeTheSame() {
    const QJsonObject kind{{QStringLiteral("instructions"), QStringLiteral("Be kind.")}};
    const Answer first = post(ask(QStringLiteral("Hi"), 8, kind));
    QCOMPARE(first.status, 200);
    QJsonObject same = kind;
    same.insert(QStringLiteral("previous_response_id"), first.json().value(QStringLiteral("id")));
    QCOMPARE(post(ask(QStringLiteral("And?"), 4, same)).status, 200);  // sent again with each request, as SDKs do
    QJsonObject other = same;
    other.insert(QStringLiteral("instructions"), QStringLiteral("Be rude."));
    const Answer changed = post(ask(QStringLiteral("And?"), 4, other));
    QCOMPARE(changed.status, 400);
    QCOMPARE(changed.error().value(QStringLiteral("param")).toString(), QStringLiteral("instructions"));
}

void TestApiResponses::storeFalseUnknownAndDroppedIdsAreGone() {
    const auto continueFrom = [&](const QJsonValue& id) {
        return post(ask(QStringLiteral("More"), 4, {{QStringLiteral("previous_response_id"), id}}));
    };
    const auto isGone = [](const Answer& a) {
        return a.status == 400 && a.error().value(QStringLiteral("code")).toString() == "previous_response_not_found" &&
               a.error().value(QStringLiteral("param")).toString() == "previous_response_id" &&
               a.error().value(QStringLiteral("message")).toString().contains(QStringLiteral("send the whole conversation"));
    };
    const Answer unstored = post(ask(QStringLiteral("Hi"), 4, {{QStringLiteral("store"), false}}));
    QCOMPARE(unstored.status, 200);
    QCOMPARE(unstored.json().value(QStringLiteral("store")).toBool(true), false);
    const Answer a = continueFrom(unstored.json().value(QStringLiteral("id")));
    QVERIFY2(isGone(a), a.body.constData());
    const auto get = [&](const QJsonValue& id) {
        return send("GET", QStringLiteral("/v1/responses/") + id.toString(), {}, {});
    };
    QCOMPARE(get(unstored.json().value(QStringLiteral("id"))).status, 404);  // not kept: not retrievable
    QVERIFY(isGone(continueFrom(QStringLiteral("resp_0123"))));

    // The last 8 are kept: the 9th response after one drops it.
    const Answer oldest = post(ask(QStringLiteral("First"), 2));
    for (int i = 0; i < 8; ++i) QCOMPARE(post(ask(QStringLiteral("Next %1").arg(i), 2)).status, 200);
    QVERIFY(isGone(continueFrom(oldest.json().value(QStringLiteral("id")))));
    QCOMPARE(get(oldest.json().value(QStringLiteral("id"))).status, 404);
    // The server answers again after that.
    QCOMPARE(post(ask(QStringLiteral("Hi"), 2)).status, 200);
}

void TestApiResponses::streamedEventsJoinToTheText() {
    QJsonObject body = ask(QStringLiteral("Write a poem"), 40);
    const Answer whole = post(body);
    QCOMPARE(whole.status, 200);
    body.insert(QStringLiteral("stream"), true);
    const Answer streamed = post(body);
    QCOMPARE(streamed.status, 200);
    QCOMPARE(streamed.contentType, QByteArray("text/event-stream"));
    QVERIFY(!streamed.body.contains("[DONE]"));
    const auto events = eventsOf(streamed.body);
    QVERIFY(events.size() > 9);
    const QByteArrayList begin{"response.created", "response.in_progress", "response.output_item.added",
                               "response.content_part.added"};
    const QByteArrayList end{"response.output_text.done", "response.content_part.done", "response.output_item.done",
                             "response.incomplete"};
    QString joined;
    for (qsizetype i = 0; i < events.size(); ++i) {
        const auto& [type, data] = events[i];
        QCOMPARE(data.value(QStringLiteral("type")).toString().toUtf8(), type);  // the event line names its data
        QCOMPARE(data.value(QStringLiteral("sequence_number")).toInt(), int(i));
        if (i < begin.size()) QCOMPARE(type, begin[i]);
        else if (i >= events.size() - end.size()) QCOMPARE(type, end[i - (events.size() - end.size())]);
        else {
            QCOMPARE(type, QByteArray("response.output_text.delta"));
            joined += data.value(QStringLiteral("delta")).toString();
        }
    }
    const QJsonObject created = events.first().second.value(QStringLiteral("response")).toObject();
    QCOMPARE(created.value(QStringLiteral("status")).toString(), QStringLiteral("in_progress"));
    QCOMPARE(joined, outputText(whole.json()));
    QCOMPARE(events[events.size() - 4].second.value(QStringLiteral("text")).toString(), joined);
    const QJsonObject last = events.last().second.value(QStringLiteral("response")).toObject();
    QCOMPARE(last.value(QStringLiteral("id")).toString(), created.value(QStringLiteral("id")).toString());
    QCOMPARE(outputText(last), joined);
    // The same input sent again is read from the state kept after all of it but its last token (since session 59:
    // until then cached_tokens was 0 again, the whole input read again).
    QJsonObject usage = whole.json().value(QStringLiteral("usage")).toObject();
    QCOMPARE(usage.value(QStringLiteral("input_tokens_details")).toObject().value(QStringLiteral("cached_tokens")).toInt(), 0);
    usage.insert(QStringLiteral("input_tokens_details"),
                 QJsonObject{{QStringLiteral("cached_tokens"), usage.value(QStringLiteral("input_tokens")).toInt() - 1}});
    QCOMPARE(last.value(QStringLiteral("usage")).toObject(), usage);
}

void TestApiResponses::streamedWithAGoneStateIsAPlainError() {
    QJsonObject body = ask(QStringLiteral("More"), 4, {{QStringLiteral("previous_response_id"), QStringLiteral("resp_gone")}});
    body.insert(QStringLiteral("stream"), true);
    const Answer a = post(body);
    QCOMPARE(a.status, 400);
    QCOMPARE(a.contentType, QByteArray("application/json"));
    QCOMPARE(a.error().value(QStringLiteral("code")).toString(), QStringLiteral("previous_response_not_found"));
}

void TestApiResponses::getAnswersTheResponseAsPosted() {
    const Answer posted =
        post(ask(QStringLiteral("Hello there"), 16, {{QStringLiteral("instructions"), QStringLiteral("Be kind.")}}));
    QCOMPARE(posted.status, 200);
    const QString id = posted.json().value(QStringLiteral("id")).toString();
    QCOMPARE(id.size(), 37);  // resp_ and 32 hex digits
    // The same bytes as the POST's answer, at both paths, and again (a GET does not use it up).
    for (const QString& path :
         {QStringLiteral("/v1/responses/"), QStringLiteral("/responses/"), QStringLiteral("/v1/responses/")}) {
        const Answer got = send("GET", path + id, {}, {});
        QCOMPARE(got.status, 200);
        QCOMPARE(got.contentType, QByteArray("application/json"));
        QCOMPARE(got.body, posted.body);
    }
    QCOMPARE(outputText(send("GET", QStringLiteral("/v1/responses/") + id, {}, {}).json()), outputText(posted.json()));

    // A streamed one: the response its last event carried.
    QJsonObject body = ask(QStringLiteral("Write a poem"), 12);
    body.insert(QStringLiteral("stream"), true);
    const Answer streamed = post(body);
    QCOMPARE(streamed.status, 200);
    const QJsonObject last = eventsOf(streamed.body).last().second.value(QStringLiteral("response")).toObject();
    const Answer got = send("GET", QStringLiteral("/v1/responses/") + last.value(QStringLiteral("id")).toString(), {}, {});
    QCOMPARE(got.status, 200);
    QCOMPARE(got.json(), last);
    QVERIFY(!outputText(got.json()).isEmpty());

    // A continuation's too, naming the response it continued.
    const Answer next = post(ask(QStringLiteral("More"), 4, {{QStringLiteral("previous_response_id"), id}}));
    QCOMPARE(next.status, 200);
    const QString nextId = next.json().value(QStringLiteral("id")).toString();
    const Answer gotNext = send("GET", QStringLiteral("/v1/responses/") + nextId, {}, {});
    QCOMPARE(gotNext.body, next.body);
    QCOMPARE(gotNext.json().value(QStringLiteral("previous_response_id")).toString(), id);
}

void TestApiResponses::deleteForgetsTheResponse() {
    const Answer first = post(ask(QStringLiteral("Hi"), 4));
    const Answer second = post(ask(QStringLiteral("Hello"), 4));
    QCOMPARE(first.status, 200);
    QCOMPARE(second.status, 200);
    const QString id = first.json().value(QStringLiteral("id")).toString();

    const Answer deleted = send("DELETE", QStringLiteral("/v1/responses/") + id, {}, {});
    QCOMPARE(deleted.status, 200);
    QCOMPARE(deleted.contentType, QByteArray("application/json"));
    QCOMPARE(deleted.json(), (QJsonObject{{QStringLiteral("id"), id},
                                          {QStringLiteral("object"), QStringLiteral("response.deleted")},
                                          {QStringLiteral("deleted"), true}}));
    // Gone: GET and DELETE are 404s in OpenAI's shape, a continuation the 400 of a state not kept.
    for (const QByteArray& method : {QByteArray("GET"), QByteArray("DELETE")}) {
        const Answer a = send(method, QStringLiteral("/v1/responses/") + id, {}, {});
        QCOMPARE(a.status, 404);
        QCOMPARE(a.error().value(QStringLiteral("message")).toString().section(QLatin1Char('.'), 0, 0),
                 QStringLiteral("Response with id '%1' not found").arg(id));
        QCOMPARE(a.error().value(QStringLiteral("type")).toString(), QStringLiteral("invalid_request_error"));
        QVERIFY(a.error().value(QStringLiteral("param")).isNull());
        QVERIFY(a.error().value(QStringLiteral("code")).isNull());
    }
    const Answer continued = post(ask(QStringLiteral("More"), 4, {{QStringLiteral("previous_response_id"), id}}));
    QCOMPARE(continued.status, 400);
    QCOMPARE(continued.error().value(QStringLiteral("code")).toString(), QStringLiteral("previous_response_not_found"));
    // The other one is still kept, and continues.
    const QString other = second.json().value(QStringLiteral("id")).toString();
    QCOMPARE(send("GET", QStringLiteral("/v1/responses/") + other, {}, {}).body, second.body);
    QCOMPARE(post(ask(QStringLiteral("More"), 4, {{QStringLiteral("previous_response_id"), other}})).status, 200);
}

void TestApiResponses::keptResponsesAnswerWhileAReplyIsWritten() {
    const Answer posted = post(ask(QStringLiteral("Hi"), 4));
    const QString id = posted.json().value(QStringLiteral("id")).toString();
    // The worker busy with a reply that would take 2,000 s: GET and DELETE do not wait for it.
    api_->setReplyPaceMs(20);
    QJsonObject body = ask(QStringLiteral("Talk"), 100000);
    body.insert(QStringLiteral("stream"), true);
    QNetworkReply* streamed =
        begin("POST", QStringLiteral("/v1/responses"), QJsonDocument(body).toJson(QJsonDocument::Compact));
    QByteArray got;
    QTRY_VERIFY_WITH_TIMEOUT((got += streamed->readAll()).contains("response.output_text.delta"), kWaitMs);
    QCOMPARE(send("GET", QStringLiteral("/v1/responses/") + id, {}, {}).body, posted.body);
    QCOMPARE(send("DELETE", QStringLiteral("/v1/responses/") + id, {}, {}).status, 200);
    QCOMPARE(send("GET", QStringLiteral("/v1/responses/") + id, {}, {}).status, 404);
    QVERIFY(!streamed->isFinished());
    QCOMPARE(api_->pendingCount(), 1);  // still being written
    api_->setReplyPaceMs(0);
    streamed->abort();  // the client leaves: its reply stops within a token
    streamed->deleteLater();
}

void TestApiResponses::aResponseBeingWrittenIsInProgress() {
    // A kept (store: true) response being written: GET answers it "in_progress" with no output yet (the object its
    // response.created event carried), DELETE refuses with a 409; one with store: false is not kept (404).
    api_->setReplyPaceMs(20);
    for (const bool store : {true, false}) {
        const Streaming s =
            beginStreamedResponse(ask(QStringLiteral("Talk"), 100000, {{QStringLiteral("store"), store}}));
        QVERIFY2(!s.id.isEmpty(), s.sent.constData());
        QNetworkReply* streamed = s.reply;
        const QJsonObject created = eventsOf(s.sent).at(0).second.value(QStringLiteral("response")).toObject();
        QCOMPARE(created.value(QStringLiteral("status")).toString(), QStringLiteral("in_progress"));
        const QString id = created.value(QStringLiteral("id")).toString();
        const Answer polled = send("GET", QStringLiteral("/v1/responses/") + id, {}, {});
        const Answer deleted = send("DELETE", QStringLiteral("/v1/responses/") + id, {}, {});
        if (store) {
            QCOMPARE(polled.status, 200);
            QCOMPARE(polled.contentType, QByteArray("application/json"));
            QCOMPARE(polled.json(), created);
            QCOMPARE(polled.json().value(QStringLiteral("output")).toArray().size(), 0);
            QVERIFY(polled.json().value(QStringLiteral("usage")).isNull());
            QCOMPARE(deleted.status, 409);
            QCOMPARE(deleted.error().value(QStringLiteral("code")).toString(), QStringLiteral("response_in_progress"));
            QVERIFY(deleted.error().value(QStringLiteral("message")).toString().contains(id));
        } else {
            QCOMPARE(polled.status, 404);
            QCOMPARE(deleted.status, 404);
        }
        QVERIFY(!streamed->isFinished());  // the DELETE did not stop it
        streamed->abort();  // the client leaves: its reply stops within a token
        streamed->deleteLater();
        QTRY_COMPARE_WITH_TIMEOUT(api_->pendingCount(), 0, kWaitMs);
        QCOMPARE(send("GET", QStringLiteral("/v1/responses/") + id, {}, {}).status, 404);  // stopped: never kept
    }
    api_->setReplyPaceMs(0);
}

void TestApiResponses::onlyMintedIdsAreLookedUp() {
    const Answer posted = post(ask(QStringLiteral("Hi"), 2));
    const QString id = posted.json().value(QStringLiteral("id")).toString();
    const auto isNotFound = [](const Answer& a) {
        return a.status == 404 && a.error().value(QStringLiteral("type")).toString() == "invalid_request_error";
    };
    QVERIFY(send("GET", QStringLiteral("/v1/responses/resp_0123"), {}, {}).error().value(QStringLiteral("message"))
                .toString().startsWith(QStringLiteral("Response with id 'resp_0123' not found.")));
    // Ids the server never minted: 404, never a crash, a path trick or another endpoint's answer.
    for (const QString& bad : {QStringLiteral("resp_0123"), id.toUpper(), id + QLatin1Char('0'),
                               QStringLiteral("..%2Fmodels"), QStringLiteral("%00"), QStringLiteral("resp_%E2%80%AE"),
                               QString(5000, QLatin1Char('a'))}) {
        const Answer get = send("GET", QStringLiteral("/v1/responses/") + bad, {}, {});
        QVERIFY2(isNotFound(get), qPrintable(bad.left(40) + QLatin1Char(' ') + QString::fromUtf8(get.body.left(200))));
        QVERIFY2(isNotFound(send("DELETE", QStringLiteral("/v1/responses/") + bad, {}, {})), qPrintable(bad.left(40)));
    }
    // A deeper path is no endpoint; another method on a response's path is a 405, as on the others.
    const Answer deeper = send("GET", QStringLiteral("/v1/responses/") + id + QStringLiteral("/more"), {}, {});
    QCOMPARE(deeper.status, 404);
    QCOMPARE(deeper.error().value(QStringLiteral("code")).toString(), QStringLiteral("unknown_url"));
    for (const QByteArray& method : {QByteArray("POST"), QByteArray("PUT"), QByteArray("PATCH")}) {
        const Answer a = send(method, QStringLiteral("/v1/responses/") + id, "{}");
        QCOMPARE(a.status, 405);
        QCOMPARE(a.error().value(QStringLiteral("code")).toString(), QStringLiteral("method_not_allowed"));
    }
    // All that left it kept.
    QCOMPARE(send("GET", QStringLiteral("/v1/responses/") + id, {}, {}).body, posted.body);
}

void TestApiResponses::errorsNameTheField() {
    const struct {
        QByteArray body;
        QString param;
    } cases[] = {
        {R"({"max_output_tokens":2})", QStringLiteral("input")},
        {R"({"input":5})", QStringLiteral("input")},
        {R"({"input":"a","max_output_tokens":0})", QStringLiteral("max_output_tokens")},
        {R"({"input":"a","tools":[{"type":"web_search"}]})", QStringLiteral("tools")},
        {R"({"input":[{"role":"system","content":"s"},{"role":"user","content":"a"}],"previous_response_id":"resp_x"})",
         QStringLiteral("input[0].role")},
    };
    for (const auto& c : cases) {
        const Answer a = post(QJsonDocument::fromJson(c.body).object());
        QVERIFY2(a.status == 400, a.body.constData());
        QVERIFY2(a.error().value(QStringLiteral("param")).toString() == c.param, a.body.constData());
    }
    QCOMPARE(send("GET", QStringLiteral("/v1/responses"), {}, {}).status, 405);
}

QTEST_GUILESS_MAIN(TestApiResponses)
#include "test_api_responses.moc"
