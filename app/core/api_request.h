// api_request.h — the local API server's requests and answers as pure functions (no network, no model): an OpenAI
// chat-completions request read and checked into ApiChatRequest (its prompt in the engine's chat format,
// rwkv/chat_format.h), and the JSON of a reply, of a streamed chunk (SSE), of /v1/models and of an error.
// ApiServer (api_server.h) puts them on HTTP; tests/app/test_api_request.cpp; docs/api.md lists the fields.
#pragma once

#include <QByteArray>
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

/// A chat-completions request as the engine runs it.
struct ApiChatRequest {
    /// The text to read before the reply: format_history of the earlier turns (the system messages as its System
    /// turn), then format_user_turn of the last user message; ends with "Assistant:".
    std::string prompt;
    QString model;  ///< as asked (accepted, not checked: the loaded model answers)
    /// Absent fields keep the app's chat defaults (SamplerParams, not OpenAI's: temperature 1, top_p 0.3, penalties
    /// 0.5 with decay 0.996), so that a client that sends none gets the replies the window gives.
    SamplerParams sampler;
    bool seedGiven = false;  ///< else the server draws a seed per request
    int maxTokens = 512;
    std::vector<std::string> stop;  ///< the client's stop strings, besides the turn separator "\n\n"
    bool stream = false;
    bool includeUsage = false;  ///< stream_options.include_usage: a last chunk with usage before [DONE]
};

/// Limits of what a request may ask.
inline constexpr int kApiMaxTokensLimit = 1 << 20;
inline constexpr int kApiMaxStopStrings = 4;
inline constexpr int kApiMaxStopBytes = 256;

/// Reads a POST /v1/chat/completions body. The messages: system ones (or "developer") first, then user and assistant
/// turns, each assistant reply after a user message, the last message the user's; content a string or an array of
/// {"type":"text","text":...} parts. Anything else is an ApiError (400) naming the field.
std::variant<ApiChatRequest, ApiError> parseChatRequest(const QByteArray& body);

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
    QString id;  ///< "chatcmpl-…"
    qint64 created = 0;  ///< Unix seconds
    QString model;
};

QJsonObject usageJson(const ApiUsage& usage);
/// The whole reply of a request without stream: a "chat.completion".
QByteArray completionJson(const ApiReplyIds& ids, const QString& text, bool lengthLimit, const ApiUsage& usage);
/// One SSE event "data: {...}\n\n" of a "chat.completion.chunk": the first carries the role (and no text), the
/// middle ones text, the last the finish reason (and no text).
QByteArray firstChunk(const ApiReplyIds& ids);
QByteArray textChunk(const ApiReplyIds& ids, const QString& text);
QByteArray lastChunk(const ApiReplyIds& ids, bool lengthLimit);
/// stream_options.include_usage: a chunk with no choices and the usage, after the last one.
QByteArray usageChunk(const ApiReplyIds& ids, const ApiUsage& usage);
/// "data: [DONE]\n\n".
QByteArray doneEvent();
/// The error as JSON, and as the SSE event that ends a stream that fails after it began.
QByteArray errorJson(const ApiError& error);
QByteArray errorEvent(const ApiError& error);
/// GET /v1/models: the loaded model (none: an empty list).
QByteArray modelsJson(const QString& modelName, qint64 created);

}  // namespace rwkv::app
