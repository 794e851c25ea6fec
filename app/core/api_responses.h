// api_responses.h — OpenAI's Responses API (POST /v1/responses), minimal, as pure functions: the "response" object
// of a reply and the server-sent events of a streamed one (response.created … response.output_text.delta …
// response.completed), and the answers of GET / DELETE /v1/responses/{id}, GET /v1/responses/{id}/input_items and
// POST /v1/responses/{id}/cancel. The request is read by parseResponseRequest (api_request.h); the reply is written by
// runApiCompletion (api_completion.h), which keeps the state after it (and the response object, and its input items)
// under the response's id so that a request with `previous_response_id` continues from it.
// tests/app/test_api_request.cpp, tests/app/test_api_responses.cpp, tests/app/test_api_response_items.cpp;
// docs/api.md, "POST /v1/responses".
#pragma once

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <QUrlQuery>

#include <cstddef>
#include <variant>

#include "api_request.h"

namespace rwkv::app {

/// The whole reply of a request without stream: a "response" whose status is "completed", or "incomplete"
/// (incomplete_details.reason "max_output_tokens") when `lengthLimit` ended it; its one output item is the assistant
/// message `messageId` with one output_text part.
QByteArray responseJson(const ApiReplyIds& ids, const QString& messageId, const ApiRequest& request,
                        const QString& text, bool lengthLimit, const ApiUsage& usage);

/// The events of one streamed response, each "event: TYPE\ndata: {…,"type":TYPE,"sequence_number":N}\n\n", N
/// counting from 0 across the stream (hence a writer object, one per stream). No "[DONE]": the stream ends with
/// response.completed, response.incomplete or an "error" event.
class ApiResponseEvents {
public:
    ApiResponseEvents(ApiReplyIds ids, QString messageId, const ApiRequest& request)
        : ids_(std::move(ids)), messageId_(std::move(messageId)), request_(request) {}

    /// response.created and response.in_progress (the response in progress, no output), then
    /// response.output_item.added (the message, no content) and response.content_part.added (an empty output_text).
    QByteArray begin();
    /// response.output_text.delta with this piece of text.
    QByteArray delta(const QString& text);
    /// response.output_text.done, response.content_part.done, response.output_item.done with the whole `text`, then
    /// response.completed — or response.incomplete when `lengthLimit` ended it — with the whole response.
    QByteArray end(const QString& text, bool lengthLimit, const ApiUsage& usage);
    /// An "error" event: code, message, param (a stream that fails after it began).
    QByteArray error(const ApiError& error);

private:
    QByteArray event(const QString& type, QJsonObject data);

    ApiReplyIds ids_;
    QString messageId_;
    ApiRequest request_;
    int sequence_ = 0;
};

/// How many responses' states are kept for previous_response_id (ApiStateCache::kResponseCapacity).
inline constexpr std::size_t kApiKeptResponses = 8;

/// GET /v1/responses/{id} of a kept (store: true) response still being written: the response object with status
/// "in_progress", no output and usage null — the object its stream's response.created event carries.
QByteArray responseInProgressJson(const ApiReplyIds& ids, const ApiRequest& request);
/// DELETE /v1/responses/{id} of a response still being written: a 409 (type invalid_request_error, code
/// response_in_progress) that says to delete it once it has finished, or to close its connection to stop it.
ApiError responseInProgress(const QString& id);

/// DELETE /v1/responses/{id}'s answer: {"id": id, "object": "response.deleted", "deleted": true}.
QByteArray responseDeletedJson(const QString& id);
/// GET or DELETE /v1/responses/{id} of a response not kept: OpenAI's 404, "Response with id '…' not found." (type
/// invalid_request_error, param and code null), and why this server keeps none; the id as shownClientText quotes it.
ApiError responseNotFound(const QString& id);

/// GET /v1/responses/{id}/input_items' query, as OpenAI's list endpoints read it.
struct ApiItemsQuery {
    int limit = 20;          ///< `limit`: 1 … 100 items a page, OpenAI's default 20
    bool ascending = false;  ///< `order=asc`: the order sent; OpenAI's default `desc` lists the last item first
    QString after;           ///< `after`: the items after this one (in that order); empty: from the first
    QString before;          ///< `before`: only the items before this one; empty: to the last
};
/// Reads `limit`, `order`, `after` and `before` (`include` and any other key are ignored: the items are text), or the
/// 400 naming the one that is not valid (a limit outside 1 … 100, an order other than asc / desc).
std::variant<ApiItemsQuery, ApiError> parseItemsQuery(const QUrlQuery& query);
/// One page of a response's input items (`items` in the order its request sent them) as OpenAI's list:
/// {"object":"list","data":[…],"first_id","last_id","has_more"} (first_id and last_id null on an empty page), or a 400
/// naming `after` / `before` when that id is not one of the items.
std::variant<QByteArray, ApiError> inputItemsListJson(const QJsonArray& items, const ApiItemsQuery& query);

/// POST /v1/responses/{id}/cancel of a response this server has (kept, or a store: true one being written): OpenAI
/// cancels only a response made with background: true, and this server makes none (it refuses background: true), so
/// it is a 400 (type invalid_request_error, param and code null), "Cannot cancel a synchronous response." and that a
/// response being written stops when the connection that asked for it is closed.
ApiError responseNotCancellable(const QString& id);

/// OpenAI's usage of a response: input_tokens (the whole conversation the reply follows, the tokens a kept state had
/// read included), input_tokens_details.cached_tokens (those not read again), output_tokens,
/// output_tokens_details.reasoning_tokens (0), total_tokens.
QJsonObject responseUsageJson(const ApiUsage& usage);

}  // namespace rwkv::app
