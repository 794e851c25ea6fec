// test_api_responses.cpp — POST /v1/responses (OpenAI's Responses API, minimal) on 127.0.0.1 with the demo model on a
// real InferenceWorker thread: a response is the chat reply to its input; previous_response_id continues from the state
// kept after that response (only the new turn is read, and the reply is the one the whole conversation read afresh
// gets); store: false, an unknown or a dropped id are 400s that say the state is gone; the event stream. The demo
// model never writes "\n\n", so every reply runs to max_output_tokens (status "incomplete"); its greedy replies hardly
// depend on the history, so that a continuation's reply is the history's, not the new turn's alone, is checked on a
// World-vocabulary model in tests/app/test_api_completion.cpp. The other endpoints: tests/app/test_api_server.cpp.
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QtTest>

#include <memory>

#include "api_server.h"
#include "inference_worker.h"
#include "rwkv/chat_format.h"
#include "rwkv/generator.h"
#include "store/conversation_store.h"

using namespace rwkv;
using namespace rwkv::app;

namespace {

constexpr int kWaitMs = 60000;

struct Answer {
    int status = 0;
    QByteArray body;
    QByteArray contentType;
    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
    QJsonObject error() const { return json().value(QStringLiteral("error")).toObject(); }
};

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

class TestApiResponses : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanup() { QTRY_COMPARE_WITH_TIMEOUT(api_->pendingCount(), 0, kWaitMs); }
    void cleanupTestCase();
    void responseIsTheChatReply();
    void previousResponseContinuesFromItsState();
    void instructionsOfAContinuationMustBeTheSame();
    void storeFalseUnknownAndDroppedIdsAreGone();
    void streamedEventsJoinToTheText();
    void streamedWithAGoneStateIsAPlainError();
    void errorsNameTheField();

private:
    Answer post(const QJsonObject& body, const QString& path = QStringLiteral("/v1/responses"));
    GenerateResult engineReply(const std::string& prompt, int maxTokens);

    store::ConversationStore store_{QStringLiteral(":memory:")};
    std::unique_ptr<InferenceWorker> worker_;
    std::unique_ptr<ApiServer> api_;
    QNetworkAccessManager net_;
    std::unique_ptr<Model> model_;
    std::unique_ptr<Tokenizer> tokenizer_;
};

void TestApiResponses::initTestCase() {
    worker_ = std::make_unique<InferenceWorker>(store_, QStringLiteral(RWKV_TESTDATA_DIR));
    api_ = std::make_unique<ApiServer>(*worker_);
    QVERIFY2(api_->start(0), qPrintable(api_->errorString()));
    QSignalSpy loaded(worker_.get(), &InferenceWorker::modelLoaded);
    QMetaObject::invokeMethod(worker_.get(), "loadModel", Qt::QueuedConnection,
                              Q_ARG(QString, QStringLiteral(RWKV_TESTDATA_DIR "/tiny-rwkv7-834K.pth")));
    QVERIFY(loaded.wait(kWaitMs));
    LoadOptions options;
    options.weight_dtype = DType::F16;
    model_ = Model::load(RWKV_TESTDATA_DIR "/tiny-rwkv7-834K.pth", options);
    tokenizer_ = tokenizer_for_vocab_size(model_->shape().vocab_size, RWKV_TESTDATA_DIR "/rwkv_vocab_v20230424.txt");
}

void TestApiResponses::cleanupTestCase() {
    api_.reset();
    worker_.reset();
}

Answer TestApiResponses::post(const QJsonObject& body, const QString& path) {
    QNetworkRequest request{QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(api_->port()).arg(path))};
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    QNetworkReply* reply = net_.post(request, QJsonDocument(body).toJson(QJsonDocument::Compact));
    if (!reply->isFinished()) {
        QSignalSpy done(reply, &QNetworkReply::finished);
        if (!done.wait(kWaitMs)) qWarning("no answer in %d ms", kWaitMs);
    }
    Answer a;
    a.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    a.body = reply->readAll();
    a.contentType = reply->header(QNetworkRequest::ContentTypeHeader).toByteArray();
    reply->deleteLater();
    return a;
}

GenerateResult TestApiResponses::engineReply(const std::string& prompt, int maxTokens) {
    SamplerParams sp;
    sp.temperature = 0;
    sp.presence_penalty = sp.frequency_penalty = 0;  // as a chat turn on a byte vocabulary
    Sampler sampler(sp, model_->shape().vocab_size);
    Generator generator(*model_, *tokenizer_, sampler);
    GenerateOptions options;
    options.max_tokens = maxTokens;
    State state = model_->new_state();
    return generator.run(state, tokenizer_->encode(prompt), options);
}

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
    QVERIFY(isGone(continueFrom(QStringLiteral("resp_0123"))));

    // The last 8 are kept: the 9th response after one drops it.
    const Answer oldest = post(ask(QStringLiteral("First"), 2));
    for (int i = 0; i < 8; ++i) QCOMPARE(post(ask(QStringLiteral("Next %1").arg(i), 2)).status, 200);
    QVERIFY(isGone(continueFrom(oldest.json().value(QStringLiteral("id")))));
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
    QCOMPARE(last.value(QStringLiteral("usage")).toObject(), whole.json().value(QStringLiteral("usage")).toObject());
}

void TestApiResponses::streamedWithAGoneStateIsAPlainError() {
    QJsonObject body = ask(QStringLiteral("More"), 4, {{QStringLiteral("previous_response_id"), QStringLiteral("resp_gone")}});
    body.insert(QStringLiteral("stream"), true);
    const Answer a = post(body);
    QCOMPARE(a.status, 400);
    QCOMPARE(a.contentType, QByteArray("application/json"));
    QCOMPARE(a.error().value(QStringLiteral("code")).toString(), QStringLiteral("previous_response_not_found"));
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
    QNetworkRequest get{QUrl(QStringLiteral("http://127.0.0.1:%1/v1/responses").arg(api_->port()))};
    QNetworkReply* reply = net_.get(get);
    QSignalSpy done(reply, &QNetworkReply::finished);
    QVERIFY(done.wait(kWaitMs));
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 405);
    reply->deleteLater();
}

QTEST_GUILESS_MAIN(TestApiResponses)
#include "test_api_responses.moc"
