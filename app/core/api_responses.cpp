// api_responses.cpp — the "response" object of OpenAI's Responses API and the events of a streamed one.
#include "api_responses.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>

namespace rwkv::app {
namespace {

QJsonValue nullIfEmpty(const QString& s) { return s.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(s); }

// A sampling setting as it was sent (a float's 0.3, not 0.30000001192092896).
double asSent(float f) { return QString::number(double(f), 'g', 7).toDouble(); }

QJsonObject outputText(const QString& text) {
    return QJsonObject{{QStringLiteral("type"), QStringLiteral("output_text")},
                       {QStringLiteral("text"), text},
                       {QStringLiteral("annotations"), QJsonArray{}}};
}

// The assistant message: in progress (no content yet), or done with its text.
QJsonObject messageItem(const QString& id, const QString& status, const QJsonArray& content) {
    return QJsonObject{{QStringLiteral("type"), QStringLiteral("message")},
                       {QStringLiteral("id"), id},
                       {QStringLiteral("status"), status},
                       {QStringLiteral("role"), QStringLiteral("assistant")},
                       {QStringLiteral("content"), content}};
}

QString endStatus(bool lengthLimit) { return lengthLimit ? QStringLiteral("incomplete") : QStringLiteral("completed"); }

// The response object: `status` "in_progress" (no output, usage null), "completed" or "incomplete"; the request's
// fields as OpenAI repeats them.
QJsonObject responseObject(const ApiReplyIds& ids, const ApiRequest& request, const QString& status,
                           const QJsonArray& output, const QJsonValue& usage) {
    const ApiResponseFields& r = request.response;
    const bool incomplete = status == QLatin1String("incomplete");
    return QJsonObject{
        {QStringLiteral("id"), ids.id},
        {QStringLiteral("object"), QStringLiteral("response")},
        {QStringLiteral("created_at"), ids.created},
        {QStringLiteral("status"), status},
        {QStringLiteral("error"), QJsonValue::Null},
        {QStringLiteral("incomplete_details"),
         incomplete ? QJsonValue(QJsonObject{{QStringLiteral("reason"), QStringLiteral("max_output_tokens")}})
                    : QJsonValue(QJsonValue::Null)},
        {QStringLiteral("instructions"),
         r.instructions ? QJsonValue(QString::fromStdString(*r.instructions)) : QJsonValue(QJsonValue::Null)},
        {QStringLiteral("max_output_tokens"), r.maxOutputTokens ? QJsonValue(*r.maxOutputTokens) : QJsonValue(QJsonValue::Null)},
        {QStringLiteral("model"), ids.model},
        {QStringLiteral("output"), output},
        {QStringLiteral("parallel_tool_calls"), false},
        {QStringLiteral("previous_response_id"), nullIfEmpty(r.previousResponseId)},
        {QStringLiteral("store"), r.store},
        {QStringLiteral("temperature"), asSent(request.sampler.temperature)},
        {QStringLiteral("top_p"), asSent(request.sampler.top_p)},
        {QStringLiteral("text"), QJsonObject{{QStringLiteral("format"), QJsonObject{{QStringLiteral("type"), QStringLiteral("text")}}}}},
        {QStringLiteral("tool_choice"), QStringLiteral("none")},
        {QStringLiteral("tools"), QJsonArray{}},
        {QStringLiteral("truncation"), QStringLiteral("disabled")},
        {QStringLiteral("usage"), usage},
        {QStringLiteral("metadata"), QJsonObject{}},
    };
}

QJsonArray finishedOutput(const QString& messageId, const QString& text, bool lengthLimit) {
    return QJsonArray{messageItem(messageId, endStatus(lengthLimit), QJsonArray{outputText(text)})};
}

}  // namespace

QJsonObject responseUsageJson(const ApiUsage& usage) {
    return QJsonObject{{QStringLiteral("input_tokens"), usage.promptTokens},
                       {QStringLiteral("input_tokens_details"), QJsonObject{{QStringLiteral("cached_tokens"), usage.cachedTokens}}},
                       {QStringLiteral("output_tokens"), usage.completionTokens},
                       {QStringLiteral("output_tokens_details"), QJsonObject{{QStringLiteral("reasoning_tokens"), 0}}},
                       {QStringLiteral("total_tokens"), usage.promptTokens + usage.completionTokens}};
}

QByteArray responseJson(const ApiReplyIds& ids, const QString& messageId, const ApiRequest& request, const QString& text,
                        bool lengthLimit, const ApiUsage& usage) {
    return QJsonDocument(responseObject(ids, request, endStatus(lengthLimit), finishedOutput(messageId, text, lengthLimit),
                                        responseUsageJson(usage)))
        .toJson(QJsonDocument::Compact);
}

QByteArray responseInProgressJson(const ApiReplyIds& ids, const ApiRequest& request) {
    return QJsonDocument(responseObject(ids, request, QStringLiteral("in_progress"), {}, QJsonValue::Null))
        .toJson(QJsonDocument::Compact);
}

ApiError responseInProgress(const QString& id) {
    return ApiError{409,
                    QStringLiteral("Response with id '%1' is still being written; delete it once it has finished, or "
                                   "close the connection that asked for it to stop it.")
                        .arg(shownClientText(id)),
                    QStringLiteral("invalid_request_error"), {}, QStringLiteral("response_in_progress")};
}

QByteArray responseDeletedJson(const QString& id) {
    return QJsonDocument(QJsonObject{{QStringLiteral("id"), id},
                                     {QStringLiteral("object"), QStringLiteral("response.deleted")},
                                     {QStringLiteral("deleted"), true}})
        .toJson(QJsonDocument::Compact);
}

ApiError responseNotFound(const QString& id) {
    return ApiError{404,
                    QStringLiteral("Response with id '%1' not found. This server keeps the last %2 responses made with "
                                   "store: true, in memory, until they are deleted or the model changes.")
                        .arg(shownClientText(id))
                        .arg(kApiKeptResponses),
                    QStringLiteral("invalid_request_error"), {}, {}};
}

std::variant<ApiItemsQuery, ApiError> parseItemsQuery(const QUrlQuery& query) {
    ApiItemsQuery q;
    const auto value = [&](const QString& key) { return query.queryItemValue(key, QUrl::FullyDecoded); };
    const auto invalid = [](const QString& key, const QString& sent, const QString& accepted) {
        return ApiError{400,
                        QStringLiteral("Invalid value for '%1': '%2' is not %3.").arg(key, shownClientText(sent), accepted),
                        QStringLiteral("invalid_request_error"), key, {}};
    };
    if (query.hasQueryItem(QStringLiteral("limit"))) {
        bool ok = false;
        q.limit = value(QStringLiteral("limit")).toInt(&ok);
        if (!ok || q.limit < 1 || q.limit > 100)
            return invalid(QStringLiteral("limit"), value(QStringLiteral("limit")),
                           QStringLiteral("an integer from 1 to 100"));
    }
    if (query.hasQueryItem(QStringLiteral("order"))) {
        const QString order = value(QStringLiteral("order"));
        if (order != QLatin1String("asc") && order != QLatin1String("desc"))
            return invalid(QStringLiteral("order"), order, QStringLiteral("'asc' or 'desc'"));
        q.ascending = order == QLatin1String("asc");
    }
    q.after = value(QStringLiteral("after"));
    q.before = value(QStringLiteral("before"));
    return q;
}

std::variant<QByteArray, ApiError> inputItemsListJson(const QJsonArray& items, const ApiItemsQuery& query) {
    QJsonArray ordered;
    for (qsizetype i = 0; i < items.size(); ++i) ordered.append(items.at(query.ascending ? i : items.size() - 1 - i));
    const auto indexOf = [&](const QString& id) {
        for (qsizetype i = 0; i < ordered.size(); ++i)
            if (ordered.at(i).toObject().value(QStringLiteral("id")).toString() == id) return i;
        return qsizetype(-1);
    };
    const auto unknown = [](const QString& key, const QString& id) {
        return ApiError{400,
                        QStringLiteral("Invalid value for '%1': '%2' is not the id of one of this response's input "
                                       "items.")
                            .arg(key, shownClientText(id)),
                        QStringLiteral("invalid_request_error"), key, {}};
    };
    qsizetype begin = 0;
    qsizetype end = ordered.size();
    if (!query.after.isEmpty()) {
        const qsizetype at = indexOf(query.after);
        if (at < 0) return unknown(QStringLiteral("after"), query.after);
        begin = at + 1;
    }
    if (!query.before.isEmpty()) {
        const qsizetype at = indexOf(query.before);
        if (at < 0) return unknown(QStringLiteral("before"), query.before);
        end = std::max(begin, at);
    }
    const qsizetype last = std::min(end, begin + query.limit);
    QJsonArray data;
    for (qsizetype i = begin; i < last; ++i) data.append(ordered.at(i));
    const auto idAt = [&](qsizetype i) {
        return data.isEmpty() ? QJsonValue(QJsonValue::Null) : data.at(i).toObject().value(QStringLiteral("id"));
    };
    return QJsonDocument(QJsonObject{{QStringLiteral("object"), QStringLiteral("list")},
                                     {QStringLiteral("data"), data},
                                     {QStringLiteral("first_id"), idAt(0)},
                                     {QStringLiteral("last_id"), idAt(data.size() - 1)},
                                     {QStringLiteral("has_more"), last < end}})
        .toJson(QJsonDocument::Compact);
}

ApiError responseNotCancellable(const QString& id) {
    return ApiError{400,
                    QStringLiteral("Cannot cancel a synchronous response. Only a response created with background: true "
                                   "can be cancelled, and this server makes none; close the connection that asked for "
                                   "response '%1' to stop it while it is written.")
                        .arg(shownClientText(id)),
                    QStringLiteral("invalid_request_error"), {}, {}};
}

QByteArray ApiResponseEvents::event(const QString& type, QJsonObject data) {
    data.insert(QStringLiteral("type"), type);
    data.insert(QStringLiteral("sequence_number"), sequence_++);
    return QByteArrayLiteral("event: ") + type.toUtf8() + QByteArrayLiteral("\ndata: ") +
           QJsonDocument(data).toJson(QJsonDocument::Compact) + QByteArrayLiteral("\n\n");
}

QByteArray ApiResponseEvents::begin() {
    const QJsonObject inProgress = responseObject(ids_, request_, QStringLiteral("in_progress"), {}, QJsonValue::Null);
    QByteArray out = event(QStringLiteral("response.created"), {{QStringLiteral("response"), inProgress}});
    out += event(QStringLiteral("response.in_progress"), {{QStringLiteral("response"), inProgress}});
    out += event(QStringLiteral("response.output_item.added"),
                 {{QStringLiteral("output_index"), 0},
                  {QStringLiteral("item"), messageItem(messageId_, QStringLiteral("in_progress"), {})}});
    out += event(QStringLiteral("response.content_part.added"),
                 {{QStringLiteral("item_id"), messageId_},
                  {QStringLiteral("output_index"), 0},
                  {QStringLiteral("content_index"), 0},
                  {QStringLiteral("part"), outputText({})}});
    return out;
}

QByteArray ApiResponseEvents::delta(const QString& text) {
    return event(QStringLiteral("response.output_text.delta"), {{QStringLiteral("item_id"), messageId_},
                                                                {QStringLiteral("output_index"), 0},
                                                                {QStringLiteral("content_index"), 0},
                                                                {QStringLiteral("delta"), text},
                                                                {QStringLiteral("logprobs"), QJsonArray{}}});
}

QByteArray ApiResponseEvents::end(const QString& text, bool lengthLimit, const ApiUsage& usage) {
    const QJsonObject where{{QStringLiteral("item_id"), messageId_},
                            {QStringLiteral("output_index"), 0},
                            {QStringLiteral("content_index"), 0}};
    QJsonObject done = where;
    done.insert(QStringLiteral("text"), text);
    done.insert(QStringLiteral("logprobs"), QJsonArray{});
    QByteArray out = event(QStringLiteral("response.output_text.done"), done);
    QJsonObject part = where;
    part.insert(QStringLiteral("part"), outputText(text));
    out += event(QStringLiteral("response.content_part.done"), part);
    const QJsonArray output = finishedOutput(messageId_, text, lengthLimit);
    out += event(QStringLiteral("response.output_item.done"),
                 {{QStringLiteral("output_index"), 0}, {QStringLiteral("item"), output.at(0)}});
    out += event(lengthLimit ? QStringLiteral("response.incomplete") : QStringLiteral("response.completed"),
                 {{QStringLiteral("response"),
                   responseObject(ids_, request_, endStatus(lengthLimit), output, responseUsageJson(usage))}});
    return out;
}

QByteArray ApiResponseEvents::error(const ApiError& e) {
    return event(QStringLiteral("error"), {{QStringLiteral("code"), nullIfEmpty(e.code)},
                                           {QStringLiteral("message"), e.message},
                                           {QStringLiteral("param"), nullIfEmpty(e.param)}});
}

}  // namespace rwkv::app
