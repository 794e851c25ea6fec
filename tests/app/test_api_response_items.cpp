// test_api_response_items.cpp — the routes under a kept response, on 127.0.0.1 with the demo model on a real
// InferenceWorker thread. GET /v1/responses/{id}/input_items (OpenAI's client.responses.input_items.list): a kept
// response's request's input as OpenAI's list of input items (a string input one user message; a continuation's only
// its new turns), paged by limit / order / after / before; a response not kept is GET's 404. POST
// /v1/responses/{id}/cancel (client.responses.cancel): OpenAI's 400 for a response not made with background: true —
// every one here — and the reply goes on. The set-up: api_server_fixture.h; the Responses API's other routes:
// tests/app/test_api_responses.cpp.
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkReply>
#include <QtTest>

#include "api_server_fixture.h"

using namespace rwkv::app;

namespace {

using Answer = ApiAnswer;

QJsonObject ask(const QJsonValue& input, int maxOutputTokens, const QJsonObject& extra = {}) {
    QJsonObject o = extra;
    o.insert(QStringLiteral("input"), input);
    o.insert(QStringLiteral("temperature"), 0);
    o.insert(QStringLiteral("max_output_tokens"), maxOutputTokens);
    return o;
}

QJsonObject message(const char* role, const QJsonValue& content) {
    return QJsonObject{{QStringLiteral("role"), QLatin1String(role)}, {QStringLiteral("content"), content}};
}

QJsonArray dataOf(const Answer& a) { return a.json().value(QStringLiteral("data")).toArray(); }

QString idOf(const QJsonValue& item) { return item.toObject().value(QStringLiteral("id")).toString(); }

// The texts of a page's items, in the page's order (each item's parts joined).
QStringList textsOf(const Answer& a) {
    QStringList texts;
    for (const QJsonValue& item : dataOf(a)) {
        QString text;
        for (const QJsonValue& part : item.toObject().value(QStringLiteral("content")).toArray())
            text += part.toObject().value(QStringLiteral("text")).toString();
        texts << text;
    }
    return texts;
}

}  // namespace

class TestApiResponseItems : public QObject, private ApiServerFixture {
    Q_OBJECT
private slots:
    void initTestCase() {
        const QString failed = startServer();
        QVERIFY2(failed.isEmpty(), qPrintable(failed));
    }
    void cleanup() {
        api_->setReplyPaceMs(0);
        QTRY_COMPARE_WITH_TIMEOUT(api_->pendingCount(), 0, kWaitMs);
    }
    void cleanupTestCase() { stopServer(); }
    void aStringInputIsOneUserMessage();
    void itemsAreTheMessagesAsSent();
    void aContinuationListsOnlyItsNewTurns();
    void pagesFollowLimitOrderAfterBefore();
    void badQueriesNameTheField();
    void responsesNotKeptAreGetsNotFound();
    void aResponseBeingWrittenListsItsItems();
    void cancelIsRefusedAsForASynchronousResponse();

private:
    Answer post(const QJsonObject& body) {
        return send("POST", QStringLiteral("/v1/responses"), QJsonDocument(body).toJson(QJsonDocument::Compact));
    }
    Answer items(const QString& id, const QString& query = {}) {
        return send("GET", QStringLiteral("/v1/responses/%1/input_items%2").arg(id, query), {}, {});
    }
    QString postedId(const QJsonObject& body) {
        const Answer a = post(body);
        if (a.status != 200) qWarning("POST /v1/responses: %d %s", a.status, a.body.constData());
        return a.json().value(QStringLiteral("id")).toString();
    }
};

void TestApiResponseItems::aStringInputIsOneUserMessage() {
    const Answer posted = post(ask(QStringLiteral("Hello there"), 4));
    QCOMPARE(posted.status, 200);
    const QString id = posted.json().value(QStringLiteral("id")).toString();
    for (const QString& path : {QStringLiteral("/v1/responses/%1/input_items"), QStringLiteral("/responses/%1/input_items")}) {
        const Answer a = send("GET", path.arg(id), {}, {});
        QCOMPARE(a.status, 200);
        QCOMPARE(a.contentType, QByteArray("application/json"));
        const QJsonObject list = a.json();
        QCOMPARE(list.value(QStringLiteral("object")).toString(), QStringLiteral("list"));
        const QJsonArray data = dataOf(a);
        QCOMPARE(data.size(), 1);
        QJsonObject item = data.at(0).toObject();
        const QString itemId = item.value(QStringLiteral("id")).toString();
        QVERIFY2(itemId.startsWith(QStringLiteral("msg_")) && itemId.size() == 36, qPrintable(itemId));
        // Not the reply's message: that is the output's.
        QVERIFY(itemId != posted.json().value(QStringLiteral("output")).toArray().at(0).toObject().value(QStringLiteral("id")).toString());
        item.remove(QStringLiteral("id"));
        QCOMPARE(item, (QJsonObject{{QStringLiteral("type"), QStringLiteral("message")},
                                    {QStringLiteral("role"), QStringLiteral("user")},
                                    {QStringLiteral("status"), QStringLiteral("completed")},
                                    {QStringLiteral("content"),
                                     QJsonArray{QJsonObject{{QStringLiteral("type"), QStringLiteral("input_text")},
                                                            {QStringLiteral("text"), QStringLiteral("Hello there")}}}}}));
        QCOMPARE(list.value(QStringLiteral("first_id")).toString(), itemId);
        QCOMPARE(list.value(QStringLiteral("last_id")).toString(), itemId);
        QCOMPARE(list.value(QStringLiteral("has_more")), QJsonValue(false));
    }
    // The ids stay: a second listing is the first, byte for byte.
    QCOMPARE(items(id).body, items(id).body);
}

void TestApiResponseItems::itemsAreTheMessagesAsSent() {
    const QJsonArray parts{QJsonObject{{"type", "input_text"}, {"text", "Two "}},
                           QJsonObject{{"type", "text"}, {"text", "parts"}}};
    const QJsonArray input{message("developer", "Be brief."), message("user", "Hi"), message("assistant", "Hello!"),
                           message("user", parts)};
    const QString id = postedId(ask(input, 4, {{QStringLiteral("instructions"), QStringLiteral("Not an item.")}}));
    // OpenAI's default order is desc: the last message first.
    const Answer desc = items(id);
    QCOMPARE(desc.status, 200);
    QCOMPARE(textsOf(desc), (QStringList{"Two parts", "Hello!", "Hi", "Be brief."}));
    const Answer asc = items(id, QStringLiteral("?order=asc"));
    QCOMPARE(textsOf(asc), (QStringList{"Be brief.", "Hi", "Hello!", "Two parts"}));
    const QJsonArray data = dataOf(asc);
    QStringList roles;
    for (const QJsonValue& item : data) roles << item.toObject().value(QStringLiteral("role")).toString();
    QCOMPARE(roles, (QStringList{"developer", "user", "assistant", "user"}));
    // Each part as sent, typed as OpenAI types it: the assistant's as output text, the others' as input text.
    const QJsonObject reply = data.at(2).toObject().value(QStringLiteral("content")).toArray().at(0).toObject();
    QCOMPARE(reply, (QJsonObject{{QStringLiteral("type"), QStringLiteral("output_text")},
                                 {QStringLiteral("text"), QStringLiteral("Hello!")},
                                 {QStringLiteral("annotations"), QJsonArray{}}}));
    const QJsonArray sentParts = data.at(3).toObject().value(QStringLiteral("content")).toArray();
    QCOMPARE(sentParts.size(), 2);
    QCOMPARE(sentParts.at(1).toObject().value(QStringLiteral("type")).toString(), QStringLiteral("input_text"));
    // Four distinct ids, the same in both orders.
    QSet<QString> ids;
    for (const QJsonValue& item : data) ids.insert(idOf(item));
    QCOMPARE(ids.size(), 4);
    QCOMPARE(idOf(dataOf(desc).at(0)), idOf(data.at(3)));
}

void TestApiResponseItems::aContinuationListsOnlyItsNewTurns() {
    const QString first = postedId(ask(QStringLiteral("First question"), 4));
    const QString next = postedId(ask(QStringLiteral("Second question"), 4, {{QStringLiteral("previous_response_id"), first}}));
    QVERIFY(!next.isEmpty());
    // The earlier turns are the earlier response's items (and its output), not repeated here.
    QCOMPARE(textsOf(items(next)), QStringList{QStringLiteral("Second question")});
    QCOMPARE(textsOf(items(first)), QStringList{QStringLiteral("First question")});
}

void TestApiResponseItems::pagesFollowLimitOrderAfterBefore() {
    QJsonArray input;
    for (int i = 1; i <= 5; ++i) input.append(message(i % 2 ? "user" : "assistant", QStringLiteral("m%1").arg(i)));
    const QString id = postedId(ask(input, 2));
    // Ascending, two at a time, each page after the last id of the one before.
    Answer page = items(id, QStringLiteral("?order=asc&limit=2"));
    QCOMPARE(textsOf(page), (QStringList{"m1", "m2"}));
    QCOMPARE(page.json().value(QStringLiteral("has_more")), QJsonValue(true));
    page = items(id, QStringLiteral("?order=asc&limit=2&after=") + page.json().value(QStringLiteral("last_id")).toString());
    QCOMPARE(textsOf(page), (QStringList{"m3", "m4"}));
    QCOMPARE(page.json().value(QStringLiteral("has_more")), QJsonValue(true));
    const QString m4 = page.json().value(QStringLiteral("last_id")).toString();
    page = items(id, QStringLiteral("?order=asc&limit=2&after=") + m4);
    QCOMPARE(textsOf(page), (QStringList{"m5"}));
    QCOMPARE(page.json().value(QStringLiteral("has_more")), QJsonValue(false));
    // Past the last item: an empty page, its first and last ids null.
    page = items(id, QStringLiteral("?order=asc&after=") + page.json().value(QStringLiteral("last_id")).toString());
    QCOMPARE(page.status, 200);
    QCOMPARE(dataOf(page).size(), 0);
    QVERIFY(page.json().value(QStringLiteral("first_id")).isNull());
    QVERIFY(page.json().value(QStringLiteral("last_id")).isNull());
    // Descending (the default), after m4: the items before it in the order sent.
    QCOMPARE(textsOf(items(id, QStringLiteral("?after=") + m4)), (QStringList{"m3", "m2", "m1"}));
    QCOMPARE(textsOf(items(id, QStringLiteral("?limit=1"))), QStringList{"m5"});
    // before: only the items ahead of that one.
    QCOMPARE(textsOf(items(id, QStringLiteral("?order=asc&before=") + m4)), (QStringList{"m1", "m2", "m3"}));
    const Answer window = items(id, QStringLiteral("?order=asc&limit=1&before=%1&after=%2")
                                        .arg(m4, idOf(dataOf(items(id, QStringLiteral("?order=asc"))).at(0))));
    QCOMPARE(textsOf(window), QStringList{"m2"});
    QCOMPARE(window.json().value(QStringLiteral("has_more")), QJsonValue(true));  // m3 is before m4 too
    // Fields of the query this server has no use for are ignored.
    QCOMPARE(textsOf(items(id, QStringLiteral("?include[]=message.input_image.image_url&limit=1"))), QStringList{"m5"});
}

void TestApiResponseItems::badQueriesNameTheField() {
    const QString id = postedId(ask(QStringLiteral("Hi"), 2));
    const struct {
        QString query;
        QString param;
    } cases[] = {
        {QStringLiteral("?limit=0"), QStringLiteral("limit")},
        {QStringLiteral("?limit=101"), QStringLiteral("limit")},
        {QStringLiteral("?limit=ten"), QStringLiteral("limit")},
        {QStringLiteral("?limit="), QStringLiteral("limit")},
        {QStringLiteral("?order=up"), QStringLiteral("order")},
        {QStringLiteral("?after=msg_0123"), QStringLiteral("after")},
        {QStringLiteral("?before=msg_0123"), QStringLiteral("before")},
    };
    for (const auto& c : cases) {
        const Answer a = items(id, c.query);
        QVERIFY2(a.status == 400, qPrintable(c.query + QLatin1Char(' ') + QString::fromUtf8(a.body)));
        QCOMPARE(a.error().value(QStringLiteral("param")).toString(), c.param);
        QCOMPARE(a.error().value(QStringLiteral("type")).toString(), QStringLiteral("invalid_request_error"));
    }
    // A cursor is quoted as any client text: its bidi control as an escape.
    const QString message = items(id, QStringLiteral("?after=msg_%E2%80%AEx")).error().value(QStringLiteral("message")).toString();
    QVERIFY2(message.contains(QStringLiteral("'msg_\\u202Ex'")) && !message.contains(QChar(0x202E)), qPrintable(message));
    // Another method on the path: 405, as on the others.
    for (const QByteArray& method : {QByteArray("POST"), QByteArray("DELETE")}) {
        const Answer a = send(method, QStringLiteral("/v1/responses/%1/input_items").arg(id), "{}");
        QCOMPARE(a.status, 405);
        QCOMPARE(a.error().value(QStringLiteral("code")).toString(), QStringLiteral("method_not_allowed"));
    }
    QCOMPARE(items(id).status, 200);
}

void TestApiResponseItems::responsesNotKeptAreGetsNotFound() {
    // The same 404 as GET /v1/responses/{id}: store: false, deleted, dropped from the last 8, never made, not minted.
    const auto sameAsGet = [&](const QString& id) {
        const Answer listed = items(id);
        const Answer got = send("GET", QStringLiteral("/v1/responses/") + id, {}, {});
        return listed.status == 404 && got.status == 404 && listed.body == got.body;
    };
    const QString unstored = postedId(ask(QStringLiteral("Hi"), 2, {{QStringLiteral("store"), false}}));
    QVERIFY(sameAsGet(unstored));
    const QString deleted = postedId(ask(QStringLiteral("Hi"), 2));
    QCOMPARE(items(deleted).status, 200);
    QCOMPARE(send("DELETE", QStringLiteral("/v1/responses/") + deleted, {}, {}).status, 200);
    QVERIFY(sameAsGet(deleted));
    const QString oldest = postedId(ask(QStringLiteral("First"), 2));
    for (int i = 0; i < 8; ++i) QVERIFY(!postedId(ask(QStringLiteral("Next %1").arg(i), 2)).isEmpty());
    QVERIFY(sameAsGet(oldest));
    QVERIFY(sameAsGet(QStringLiteral("resp_") + QString(32, QLatin1Char('0'))));
    QVERIFY(sameAsGet(oldest.toUpper()));
    const Answer a = items(QStringLiteral("resp_0123"));
    QVERIFY2(a.error().value(QStringLiteral("message")).toString().startsWith(
                 QStringLiteral("Response with id 'resp_0123' not found.")),
             a.body.constData());
    // A deeper path or another word after the id is no endpoint.
    for (const QString& path : {QStringLiteral("/v1/responses/%1/input_items/x"), QStringLiteral("/v1/responses/%1/items")}) {
        const Answer deeper = send("GET", path.arg(unstored), {}, {});
        QCOMPARE(deeper.status, 404);
        QCOMPARE(deeper.error().value(QStringLiteral("code")).toString(), QStringLiteral("unknown_url"));
    }
    // No id: '//' is one '/' (since session 58, docs/api.md), so this is GET /v1/responses/input_items, of a response
    // with that id, which is not found.
    const Answer noId = send("GET", QStringLiteral("/v1/responses//input_items"), {}, {});
    QCOMPARE(noId.status, 404);
    QVERIFY2(noId.error().value(QStringLiteral("message")).toString().startsWith(
                 QStringLiteral("Response with id 'input_items' not found.")),
             noId.body.constData());
    // An encoded "/" is a character of the id, not a path separator: no input items of a kept response behind it
    // (before, GET /v1/responses/ID%2Finput_items listed ID's items; session 49's trial).
    QCOMPARE(items(deleted).status, 404);
    const QString kept = postedId(ask(QStringLiteral("Kept"), 2));
    QCOMPARE(items(kept).status, 200);
    for (const QString& path : {QStringLiteral("/v1/responses/%1%2Finput_items"), QStringLiteral("/v1/responses/%1%2fcancel")}) {
        const Answer encoded = send("GET", path.arg(kept), {}, {});
        QCOMPARE(encoded.status, 404);
        QVERIFY2(encoded.error().value(QStringLiteral("message")).toString().startsWith(
                     QStringLiteral("Response with id '%1/").arg(kept)),
                 encoded.body.constData());
    }
}

void TestApiResponseItems::aResponseBeingWrittenListsItsItems() {
    // A store: true response being written (GET answers it "in_progress") lists its items already, with the ids it
    // keeps once finished; a store: false one is not kept (404).
    for (const bool store : {true, false}) {
        api_->setReplyPaceMs(20);
        const Streaming s = beginStreamedResponse(ask(QStringLiteral("Talk"), 30, {{QStringLiteral("store"), store}}));
        QNetworkReply* streamed = s.reply;
        const QString id = s.id;
        QVERIFY2(!id.isEmpty(), s.sent.constData());
        const Answer during = items(id);
        if (!store) {
            QCOMPARE(during.status, 404);
            streamed->abort();
            streamed->deleteLater();
            continue;
        }
        QCOMPARE(during.status, 200);
        QCOMPARE(textsOf(during), QStringList{QStringLiteral("Talk")});
        QVERIFY(!streamed->isFinished());
        api_->setReplyPaceMs(0);
        QTRY_VERIFY_WITH_TIMEOUT(streamed->isFinished(), kWaitMs);
        streamed->deleteLater();
        QTRY_COMPARE_WITH_TIMEOUT(api_->pendingCount(), 0, kWaitMs);
        QCOMPARE(items(id).body, during.body);  // kept, with the same ids
    }
}

void TestApiResponseItems::cancelIsRefusedAsForASynchronousResponse() {
    const auto cancel = [&](const QString& id, const QByteArray& method = "POST") {
        // OpenAI's SDKs post no body; some send {} as JSON.
        return send(method, QStringLiteral("/v1/responses/%1/cancel").arg(id), {}, {});
    };
    const auto isNotCancellable = [](const Answer& a) {
        const QJsonObject e = a.error();
        return a.status == 400 && a.contentType == "application/json" &&
               e.value(QStringLiteral("type")).toString() == QStringLiteral("invalid_request_error") &&
               e.value(QStringLiteral("param")).isNull() && e.value(QStringLiteral("code")).isNull() &&
               e.value(QStringLiteral("message")).toString().startsWith(
                   QStringLiteral("Cannot cancel a synchronous response."));
    };
    // A kept response: OpenAI's 400 (only background: true ones can be cancelled), and it stays kept as it was.
    const Answer posted = post(ask(QStringLiteral("Hi"), 4));
    const QString id = posted.json().value(QStringLiteral("id")).toString();
    const Answer refused = cancel(id);
    QVERIFY2(isNotCancellable(refused), refused.body.constData());
    QVERIFY(refused.error().value(QStringLiteral("message")).toString().contains(id));
    QVERIFY(isNotCancellable(send("POST", QStringLiteral("/responses/%1/cancel").arg(id), "{}")));
    QCOMPARE(send("GET", QStringLiteral("/v1/responses/") + id, {}, {}).body, posted.body);

    // One being written (store: true): the same 400, and the reply goes on to its end.
    api_->setReplyPaceMs(20);
    const Streaming s = beginStreamedResponse(ask(QStringLiteral("Talk"), 30));
    QNetworkReply* streamed = s.reply;
    QByteArray got = s.sent;
    const QString writing = s.id;
    QVERIFY2(!writing.isEmpty(), got.constData());
    QVERIFY2(isNotCancellable(cancel(writing)), qPrintable(writing));
    QVERIFY(!streamed->isFinished());
    api_->setReplyPaceMs(0);
    QTRY_VERIFY_WITH_TIMEOUT(streamed->isFinished(), kWaitMs);
    got += streamed->readAll();
    streamed->deleteLater();
    QVERIFY2(got.contains("event: response.incomplete"), got.right(300).constData());  // ran to max_output_tokens
    QCOMPARE(send("GET", QStringLiteral("/v1/responses/") + writing, {}, {}).status, 200);

    // Not kept (store: false, deleted, never made, not minted): GET's 404.
    const QString unstored = post(ask(QStringLiteral("Hi"), 2, {{QStringLiteral("store"), false}}))
                                 .json().value(QStringLiteral("id")).toString();
    QCOMPARE(send("DELETE", QStringLiteral("/v1/responses/") + id, {}, {}).status, 200);
    for (const QString& gone : {unstored, id, QStringLiteral("resp_") + QString(32, QLatin1Char('0')),
                                QStringLiteral("resp_%E2%80%AE")}) {
        const Answer a = cancel(gone);
        QCOMPARE(a.status, 404);
        QCOMPARE(a.body, send("GET", QStringLiteral("/v1/responses/") + gone, {}, {}).body);
    }
    // Another method on the path: 405.
    for (const QByteArray& method : {QByteArray("GET"), QByteArray("DELETE")}) {
        const Answer a = cancel(writing, method);
        QCOMPARE(a.status, 405);
        QCOMPARE(a.error().value(QStringLiteral("code")).toString(), QStringLiteral("method_not_allowed"));
    }
}

QTEST_GUILESS_MAIN(TestApiResponseItems)
#include "test_api_response_items.moc"
