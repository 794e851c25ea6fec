// api_request.h — the local API server's requests and answers as pure functions (no network, no model): an OpenAI
// chat-completions request (its prompt in the engine's chat format, rwkv/chat_format.h) or a raw-prompt completions
// request read and checked into ApiRequest, and the JSON of a reply, of a streamed chunk (SSE), of /v1/models and of
// an error.
// ApiServer (api_server.h) puts them on HTTP; tests/app/test_api_request.cpp; docs/api.md lists the fields.
#pragma once

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QString>

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "rwkv/sampler.h"

namespace rwkv::app {

/// An OpenAI-style error: the HTTP status and {"error":{"message","type","param","code"}}.
struct ApiError {
    int status = 400;
    QString message;
    QString type = QStringLiteral("invalid_request_error");
    QString param;  ///< the field at fault ("messages[2].role"); empty = null
    QString code;   ///< a short machine word ("model_not_loaded"); empty = null
};

/// The endpoint a request came to: what its prompt is and how its reply is written.
enum class ApiKind {
    /// POST /v1/chat/completions: the prompt in the chat format; the reply ends at the turn separator "\n\n" (fed
    /// after a reply that ends otherwise), without the blank the model writes after "Assistant:", outer blanks stripped.
    Chat,
    /// POST /v1/completions: the prompt as sent; the continuation as written, blanks and all, ended only by the
    /// client's stop strings, max_tokens or end of text (as `rwkv-cli generate`).
    Completion,
    /// POST /v1/responses: the input in the chat format (as Chat), or — with previous_response_id — only its new
    /// turns, read from the state kept after that response; the reply as Chat's.
    Response,
};

/// What a Responses request adds: how it continues, whether its state is kept, the fields its answer repeats.
struct ApiResponseFields {
    QString previousResponseId;  ///< continue from the state kept after that response; empty: from the input alone
    bool store = true;           ///< keep the state after this reply under its id (store: false keeps none)
    std::optional<std::string> instructions;  ///< the System turn's text (a continued one must not change it)
    std::optional<int> maxOutputTokens;       ///< as sent (ApiRequest::maxTokens holds the limit used)
    /// This request's `input` as OpenAI's input items (GET /v1/responses/{id}/input_items), in the order sent: one
    /// {"type":"message","role","status":"completed","content":[parts]} per message, a string input one user message,
    /// each content part as "input_text" (an assistant's "output_text", with "annotations": []). Without ids:
    /// ApiServer gives each its "msg_…" before the request is queued.
    QJsonArray inputItems;
};

/// A request as the engine runs it.
struct ApiRequest {
    ApiKind kind = ApiKind::Chat;
    /// The text to read before the reply. Chat: format_history of the earlier turns (the system messages as its
    /// System turn), then format_user_turn of the last user message; ends with "Assistant:". Completion: as sent.
    std::string prompt;
    QString model;  ///< as asked (accepted, not checked: the loaded model answers)
    /// Absent fields keep the app's chat defaults (SamplerParams, not OpenAI's: temperature 1, top_p 0.3, penalties
    /// 0.5 with decay 0.996), so that a client that sends none gets the replies the window gives.
    SamplerParams sampler;
    bool seedGiven = false;  ///< else the server draws a seed per request
    int maxTokens = 512;
    std::vector<std::string> stop;  ///< the client's stop strings, besides the turn separator "\n\n"
    /// `n`: how many replies (choices) to write to the prompt, 1 … kApiMaxChoices (Chat and Completion; a Response
    /// writes one). Choice i is sampled with seed + i when a seed was sent, so choice 0 is the n = 1 reply.
    int choices = 1;
    bool stream = false;
    bool includeUsage = false;  ///< stream_options.include_usage: a last chunk with usage before [DONE]
    bool echo = false;  ///< Completion: the prompt is written before the continuation (whole and streamed)
    ApiResponseFields response;  ///< Response only
};

/// Limits of what a request may ask.
inline constexpr int kApiMaxTokensLimit = 1 << 20;
inline constexpr int kApiMaxStopStrings = 4;
inline constexpr int kApiMaxStopBytes = 256;
/// `n`'s limit: each choice holds a state of its own while the choices are written (33 MiB for a 7.2B model, in the
/// backend's memory), and the request holds the worker shared with the window's chats until its longest choice ends.
inline constexpr int kApiMaxChoices = 8;

/// Reads a POST /v1/chat/completions body. The messages: system ones (or "developer") first, then user and assistant
/// turns, each assistant reply after a user message, the last message the user's; content a string or an array of
/// {"type":"text","text":...} parts. Anything else is an ApiError (400) naming the field.
std::variant<ApiRequest, ApiError> parseChatRequest(const QByteArray& body);

/// POST /v1/completions' default max_tokens: OpenAI's (and vLLM's) documented 16. A raw prompt has no turn separator
/// to end the reply, so a client written for OpenAI that sends none gets the short continuation it was written for,
/// not one that holds the single worker (shared with the window's chats) for up to kApiMaxTokensLimit tokens.
inline constexpr int kApiCompletionDefaultMaxTokens = 16;
/// POST /v1/completions' default repetition penalties: `rwkv-cli generate`'s free-generation ones (spec §8.5), so
/// that the endpoint continues a prompt as generate does (penalties applied on every vocabulary, as generate does).
inline constexpr float kApiCompletionDefaultPenalty = 0.2f;

/// Reads a POST /v1/completions body: `prompt` a non-empty string (or an array of one), the sampling fields as the
/// chat endpoint reads them (defaults: max_tokens 16, penalties 0.2), `echo`; `suffix`, `best_of` > 1, `logprobs`
/// and token-id prompts are refused. Anything else is an ApiError (400) naming the field.
std::variant<ApiRequest, ApiError> parseCompletionRequest(const QByteArray& body);

/// Reads a POST /v1/responses body (OpenAI's Responses API, minimal): `input` a string (one user message) or an
/// array of {role, content} messages as chat's `messages` (content parts "input_text", "output_text" or "text"),
/// `instructions` (the System turn), `max_output_tokens` (default 512), `temperature`, `top_p`, `stream`, `store`,
/// `previous_response_id` — with it the prompt is only the new turns (no system message allowed). Tools,
/// `background` and `conversation` are refused. Anything else is an ApiError (400) naming the field.
std::variant<ApiRequest, ApiError> parseResponseRequest(const QByteArray& body);

/// Why a reply ended, as OpenAI names it: "stop" (a stop string, end of text) or "length" (max_tokens).
QString finishReasonName(bool lengthLimit);

/// Token counts of one reply (prompt as the model's tokenizer counts it; cached = read from a kept state, not again).
struct ApiUsage {
    qint64 promptTokens = 0;
    qint64 completionTokens = 0;
    qint64 cachedTokens = 0;
};

/// What every object of one reply shares.
struct ApiReplyIds {
    QString id;  ///< "chatcmpl-…" (chat), "cmpl-…" (completion) or "resp_…" (response)
    qint64 created = 0;  ///< Unix seconds
    QString model;
};

/// One reply of a request (`n` of them: choices[i] has "index" i): its text and why it ended.
struct ApiChoice {
    QString text;
    bool lengthLimit = false;  ///< ended at max_tokens ("length"), else "stop"
};

QJsonObject usageJson(const ApiUsage& usage);
/// The whole reply of a request without stream: a "chat.completion", one choice per reply ("index" 0 … n − 1, each
/// its finish_reason); `usage` the request's (completion_tokens the sum over the choices).
QByteArray completionJson(const ApiReplyIds& ids, const std::vector<ApiChoice>& choices, const ApiUsage& usage);
inline QByteArray completionJson(const ApiReplyIds& ids, const QString& text, bool lengthLimit, const ApiUsage& usage) {
    return completionJson(ids, {ApiChoice{text, lengthLimit}}, usage);
}
/// One SSE event "data: {...}\n\n" of a "chat.completion.chunk" of choice `index`: the first carries the role (and no
/// text), the middle ones text, the last the finish reason (and no text).
QByteArray firstChunk(const ApiReplyIds& ids, int index = 0);
QByteArray textChunk(const ApiReplyIds& ids, const QString& text, int index = 0);
QByteArray lastChunk(const ApiReplyIds& ids, bool lengthLimit, int index = 0);
/// stream_options.include_usage: a chunk with no choices and the usage, after the last one ("chat.completion.chunk",
/// or for a Completion "text_completion").
QByteArray usageChunk(const ApiReplyIds& ids, const ApiUsage& usage, ApiKind kind = ApiKind::Chat);
/// POST /v1/completions: the whole reply, a "text_completion" with choices[i].text ("index" i).
QByteArray textCompletionJson(const ApiReplyIds& ids, const std::vector<ApiChoice>& choices, const ApiUsage& usage);
inline QByteArray textCompletionJson(const ApiReplyIds& ids, const QString& text, bool lengthLimit,
                                     const ApiUsage& usage) {
    return textCompletionJson(ids, {ApiChoice{text, lengthLimit}}, usage);
}
/// One SSE event of a streamed completion's choice `index`: a "text_completion" with a piece of text and
/// finish_reason null, or (with `finished`) the last one: no text and the finish reason of `lengthLimit`.
QByteArray textCompletionChunk(const ApiReplyIds& ids, const QString& text, bool finished = false,
                               bool lengthLimit = false, int index = 0);
/// "data: [DONE]\n\n".
QByteArray doneEvent();
/// How many characters of a client's text an error message quotes (shownClientText).
inline constexpr qsizetype kApiShownTextChars = 64;
/// A client's text (an id, a path, a role) as an error message quotes it: its first `maxChars` characters ("…" after
/// when there were more: a 5,000-character id is no message), each control, format, line/paragraph separator or
/// lone-surrogate character written as its escape, "\u202E" (one "\uXXXX" per UTF-16 unit; category Cc, Cf, Zl, Zp,
/// Cs). So an id holding U+202E RIGHT-TO-LEFT OVERRIDE, a newline or U+200B cannot turn around, break or hide part of
/// the log line a client writes the message into; what it sent can still be read off the message. Every message
/// that quotes a client's text quotes it through this (docs/api.md, "Errors").
QString shownClientText(const QString& text, qsizetype maxChars = kApiShownTextChars);

/// The error as JSON, and as the SSE event that ends a stream that fails after it began.
QByteArray errorJson(const ApiError& error);
QByteArray errorEvent(const ApiError& error);
/// GET /v1/models: the loaded model (none: an empty list).
QByteArray modelsJson(const QString& modelName, qint64 created);
/// GET /v1/models/{id} of the loaded model: its object, as modelsJson lists it (OpenAI's "retrieve model").
QByteArray modelJson(const QString& modelName, qint64 created);

}  // namespace rwkv::app
