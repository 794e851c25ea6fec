// api_field_checks.cpp — the 400s' words for single fields, and the fields asked of OpenAI's models, refused.
#include "api_field_checks.h"

#include <QJsonArray>

namespace rwkv::app {

QString jsonTypeName(const QJsonValue& v) {
    switch (v.type()) {
    case QJsonValue::Null: return QStringLiteral("null");
    case QJsonValue::Bool: return QStringLiteral("a boolean");
    case QJsonValue::Double: return QStringLiteral("a number");
    case QJsonValue::String: return QStringLiteral("a string");
    case QJsonValue::Array: return QStringLiteral("an array");
    case QJsonValue::Object: return QStringLiteral("an object");
    default: return QStringLiteral("undefined");
    }
}

ApiError badRequest(const QString& message, const QString& param) {
    return ApiError{400, message, QStringLiteral("invalid_request_error"), param, {}};
}

ApiError wrongType(const QString& param, const QString& expected, const QJsonValue& got) {
    return badRequest(
        QStringLiteral("Invalid type for '%1': expected %2, but got %3.").arg(param, expected, jsonTypeName(got)), param);
}

std::optional<ApiError> refusedToolChoice(const QJsonValue& choice, const QString& param) {
    if (choice.isUndefined() || choice.isNull()) return std::nullopt;
    // OpenAI's `tool_choice` strings are "none", "auto" and "required"; the older `function_call`'s "none" and "auto".
    const bool toolChoice = param == QLatin1String("tool_choice");
    const QString modes = toolChoice ? QStringLiteral("\"none\", \"auto\" or \"required\"") : QStringLiteral("\"none\" or \"auto\"");
    if (!choice.isString() && !choice.isObject())
        return wrongType(param, QStringLiteral("a string (%1) or an object").arg(modes), choice);
    const QString mode = choice.toString();
    if (choice.isString() && (mode == QLatin1String("none") || mode == QLatin1String("auto"))) return std::nullopt;
    const QString why = QStringLiteral(": tools (function calling) are not supported by this server, which answers "
                                       "in words. Leave '%1' out, or send \"auto\" or \"none\".")
                            .arg(param);
    if (choice.isObject())  // {"type":"function","function":{"name":…}}, {"type":"file_search"}, {"name":…}, …
        return badRequest(QStringLiteral("'%1' names a tool for the model to call").arg(param) + why, param);
    if (toolChoice && mode == QLatin1String("required"))
        return badRequest(QStringLiteral("'tool_choice' is \"required\", which makes the model call a tool") + why, param);
    return badRequest(QStringLiteral("Invalid value for '%1': '%2' is not one of %3.")
                          .arg(param, shownClientText(mode), modes),
                      param);
}

std::optional<ApiError> refusedTools(const QJsonObject& o) {
    const QJsonValue tools = o.value(QStringLiteral("tools"));
    if (tools.isArray() && !tools.toArray().isEmpty())
        return badRequest(QStringLiteral("Tools (function calling) are not supported by this server."),
                          QStringLiteral("tools"));
    // Until session 59 any tool_choice was ignored: "required" with no tools, or a function named, got a reply in
    // words, which a client waiting for a tool call cannot read as one.
    return refusedToolChoice(o.value(QStringLiteral("tool_choice")), QStringLiteral("tool_choice"));
}

// The reply is free text, which a client that asked for JSON would fail to parse (it was a 200 with free text until
// session 58's trial2).
std::optional<ApiError> refusedStructuredOutput(const QJsonValue& format, const QString& param) {
    if (format.isUndefined() || format.isNull()) return std::nullopt;
    if (!format.isObject()) return wrongType(param, QStringLiteral("an object"), format);
    const QJsonValue type = format.toObject().value(QStringLiteral("type"));
    const QString typeParam = param + QStringLiteral(".type");
    if (type.isUndefined()) return badRequest(QStringLiteral("Missing required parameter: '%1'.").arg(typeParam), typeParam);
    if (!type.isString()) return wrongType(typeParam, QStringLiteral("a string"), type);
    if (type.toString() == QLatin1String("text")) return std::nullopt;
    return badRequest(QStringLiteral("Structured output ('%1' of type '%2') is not supported by this server: its replies "
                                     "are free text, not held to JSON or a schema. Leave '%1' out (or send "
                                     "{\"type\": \"text\"}), ask for JSON in the prompt and check what comes back.")
                          .arg(param, shownClientText(type.toString())),
                      param);
}

std::optional<ApiError> refusedModalities(const QJsonObject& o) {
    const QString param = QStringLiteral("modalities");
    const QJsonValue v = o.value(param);
    if (v.isUndefined() || v.isNull()) return std::nullopt;
    if (!v.isArray()) return wrongType(param, QStringLiteral("an array of strings"), v);
    const QJsonArray list = v.toArray();
    for (qsizetype i = 0; i < list.size(); ++i) {
        if (!list[i].isString()) return wrongType(QStringLiteral("modalities[%1]").arg(i), QStringLiteral("a string"), list[i]);
        // Until session 59 ["text", "audio"] got a reply in text alone, and the client no audio, with no word why.
        if (list[i].toString() != QLatin1String("text"))
            return badRequest(QStringLiteral("'modalities' asks for '%1' output: this server writes text only. Send "
                                             "[\"text\"], or leave 'modalities' out.")
                                  .arg(shownClientText(list[i].toString())),
                              param);
    }
    return std::nullopt;
}

std::optional<ApiError> refusedStreamOptions(const QJsonObject& o, bool stream) {
    const QString param = QStringLiteral("stream_options");
    const QJsonValue options = o.value(param);
    if (options.isUndefined() || options.isNull()) return std::nullopt;
    if (!options.isObject()) return wrongType(param, QStringLiteral("an object"), options);
    // OpenAI's answer, word for word; until session 59 they were ignored without a stream (the reply came whole).
    if (!stream)
        return badRequest(QStringLiteral("The 'stream_options' parameter is only allowed when 'stream' is enabled."),
                          param);
    return std::nullopt;
}

}  // namespace rwkv::app
