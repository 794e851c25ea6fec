// api_field_checks.h — what the request parsers of api_request.cpp share about single fields: the words of a 400
// (a bad value, a wrong type), and the fields asked of OpenAI's models that this server does not do — tools, structured
// output, other output modalities, stream options without a stream —, refused with a 400 naming the field rather than
// silently left out. Pure functions. tests/app/test_api_request.cpp; docs/api.md lists the fields.
#pragma once

#include <QJsonObject>
#include <QJsonValue>
#include <QString>

#include <optional>

#include "api_request.h"

namespace rwkv::app {

/// "null", "a boolean", "a number", "a string", "an array", "an object": a JSON value's type as a message says it.
QString jsonTypeName(const QJsonValue& value);
/// A 400 invalid_request_error with `message`, naming `param` (empty: null).
ApiError badRequest(const QString& message, const QString& param = {});
/// The 400 of a field of the wrong type: "Invalid type for 'param': expected EXPECTED, but got a number."
ApiError wrongType(const QString& param, const QString& expected, const QJsonValue& got);

/// Function calling, refused: a non-empty `tools`, or a `tool_choice` that makes the model call one ("required", or
/// an object naming a tool). "none" and "auto" (and null) pass: with no tools they ask for a reply in words, which is
/// what this server writes. Any other string, or another type, is a 400 naming `tool_choice`. Both endpoints that
/// take them (chat completions, responses).
std::optional<ApiError> refusedTools(const QJsonObject& request);
/// A `tool_choice` (or chat's older `function_call`, named `param`) that makes the model call a tool: as
/// refusedTools says of it.
std::optional<ApiError> refusedToolChoice(const QJsonValue& choice, const QString& param);
/// Structured output (OpenAI's JSON mode, JSON schemas), refused: `format` is the request's `response_format` (chat,
/// completions) or `text.format` (responses), named `param`; absent, null or {"type": "text"} (OpenAI's default)
/// asks for the reply as it is.
std::optional<ApiError> refusedStructuredOutput(const QJsonValue& format, const QString& param);
/// Chat's `modalities`: absent, null or ["text"] pass; asking for any other output ("audio") is a 400 naming
/// `modalities`, as a wrong type is.
std::optional<ApiError> refusedModalities(const QJsonObject& request);
/// `stream_options` (an object, or null) sent without `"stream": true`: OpenAI's 400 naming it ("only allowed when
/// 'stream' is enabled"), on every endpoint that takes it. Not an object: the 400 of a wrong type.
std::optional<ApiError> refusedStreamOptions(const QJsonObject& request, bool stream);

}  // namespace rwkv::app
