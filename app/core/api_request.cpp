// api_request.cpp — an OpenAI chat-completions or completions request read into ApiRequest; the JSON of replies,
// chunks, errors.
#include "api_request.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QJsonValue>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <cstring>

#include "api_field_checks.h"
#include "rwkv/chat_format.h"
#include "surrogate_pairs.h"

namespace rwkv::app {
namespace {

// A number as a person writes it: 1048576, not QString::number's 1.04858e+06; 0.1, not 0.10000000000000001. Whole
// numbers up to 2^53 (the seed's limit, all exact in a double) in full: 9007199254740992, not 9.00719925474099e+15.
QString plainNumber(double d) {
    if (std::floor(d) == d && std::abs(d) <= 9007199254740992.0) return QString::number(qint64(d));
    return QString::number(d, 'g', 15);
}

// A number field in [lo, hi], or nullopt (absent or null). Sets `error` when it is there but not such a number.
std::optional<double> numberIn(const QJsonObject& o, const QString& key, double lo, double hi,
                               std::optional<ApiError>& error) {
    const QJsonValue v = o.value(key);
    if (v.isUndefined() || v.isNull()) return std::nullopt;
    if (!v.isDouble()) {
        error = wrongType(key, QStringLiteral("a number"), v);
        return std::nullopt;
    }
    const double d = v.toDouble();
    // Beyond 2^53 a double no longer holds every whole number, so it cannot be echoed as the client wrote it: 2^64
    // read "1.84467440737096e+19" (session 51's trial). Said too large (small), with the range.
    if (std::isfinite(d) && (d < lo || d > hi) && std::abs(d) > 9007199254740992.0) {
        error = badRequest(QStringLiteral("Invalid value for '%1': the number is too %2; it must be between %3 and %4.")
                               .arg(key, d > 0 ? QStringLiteral("large") : QStringLiteral("small"), plainNumber(lo),
                                    plainNumber(hi)),
                           key);
        return std::nullopt;
    }
    if (!std::isfinite(d) || d < lo || d > hi) {
        error = badRequest(QStringLiteral("Invalid value for '%1': %2 is not between %3 and %4.")
                               .arg(key, plainNumber(d), plainNumber(lo), plainNumber(hi)),
                           key);
        return std::nullopt;
    }
    return d;
}

// An integer field in [lo, hi] (a number without a fraction), or nullopt.
std::optional<double> integerIn(const QJsonObject& o, const QString& key, double lo, double hi,
                                std::optional<ApiError>& error) {
    const QJsonValue v = o.value(key);
    if (!v.isUndefined() && !v.isNull() && (!v.isDouble() || std::floor(v.toDouble()) != v.toDouble())) {
        error = wrongType(key, QStringLiteral("an integer"), v);
        return std::nullopt;
    }
    return numberIn(o, key, lo, hi, error);
}

// A boolean field, or nullopt (absent or null). Sets `error` (naming `param`, default `key`) when it is another type.
std::optional<bool> booleanIn(const QJsonObject& o, const QString& key, std::optional<ApiError>& error,
                              const QString& param = {}) {
    const QJsonValue v = o.value(key);
    if (v.isUndefined() || v.isNull()) return std::nullopt;
    if (!v.isBool()) {
        error = wrongType(param.isEmpty() ? key : param, QStringLiteral("a boolean"), v);
        return std::nullopt;
    }
    return v.toBool();
}

// A message's content: a string, or an array of text parts (joined). Sets `error` otherwise.
std::string contentText(const QJsonValue& v, const QString& param, std::optional<ApiError>& error) {
    if (v.isString()) return v.toString().toStdString();
    if (v.isUndefined()) {  // was "expected a string or an array of text parts, but got undefined" (session 56's trial)
        error = badRequest(QStringLiteral("Missing required parameter: '%1'.").arg(param), param);
        return {};
    }
    if (!v.isArray()) {
        error = wrongType(param, QStringLiteral("a string or an array of text parts"), v);
        return {};
    }
    std::string text;
    const QJsonArray parts = v.toArray();
    for (qsizetype i = 0; i < parts.size(); ++i) {
        const QString partParam = QStringLiteral("%1[%2]").arg(param).arg(i);
        const QJsonObject part = parts[i].toObject();
        const QString type = part.value(QStringLiteral("type")).toString();
        if (!parts[i].isObject() ||
            (type != QLatin1String("text") && type != QLatin1String("input_text") && type != QLatin1String("output_text")) ||
            !part.value(QStringLiteral("text")).isString()) {
            error = badRequest(QStringLiteral("Only text content is supported: '%1' must be "
                                              "{\"type\": \"text\", \"text\": \"...\"} (or \"input_text\").")
                                   .arg(partParam),
                               partParam);
            return {};
        }
        text += part.value(QStringLiteral("text")).toString().toStdString();
    }
    return text;
}

// The messages as the engine's chat format: the system messages, the turns, the last question. `key` names the field
// ("messages"; Responses' "input"); `system` holds the text the System turn begins with (Responses' instructions);
// `continued`: the state has read the conversation so far (previous_response_id), so a system message is refused and
// the prompt is only the new turns.
std::optional<ApiError> readMessages(const QJsonValue& value, const QString& key, std::string system, bool continued,
                                     std::string& prompt) {
    if (value.isUndefined() || value.isNull())
        return badRequest(QStringLiteral("Missing required parameter: '%1'.").arg(key), key);
    if (!value.isArray()) return wrongType(key, QStringLiteral("an array"), value);
    const QJsonArray messages = value.toArray();
    if (messages.isEmpty())
        return badRequest(QStringLiteral("'%1' must hold at least one message.").arg(key), key);

    std::vector<ChatHistoryTurn> turns;
    std::vector<std::string> questions;  // user messages since the last reply
    std::vector<std::string> opening;    // assistant messages before the first user message (a greeting)
    bool turnsBegan = false;
    std::optional<ApiError> error;
    for (qsizetype i = 0; i < messages.size(); ++i) {
        const QString param = QStringLiteral("%1[%2]").arg(key).arg(i);
        if (!messages[i].isObject()) return wrongType(param, QStringLiteral("an object"), messages[i]);
        const QJsonObject m = messages[i].toObject();
        const QJsonValue itemType = m.value(QStringLiteral("type"));  // Responses' items: messages only
        if (!itemType.isUndefined() && itemType.toString() != QLatin1String("message"))
            return badRequest(QStringLiteral("Only messages are supported in '%1': '%2.type' is '%3'.")
                                  .arg(key, param, shownClientText(itemType.toString())),
                              param + QStringLiteral(".type"));
        const QJsonValue roleValue = m.value(QStringLiteral("role"));
        if (roleValue.isUndefined() || roleValue.isNull())  // was "expected a string, but got undefined" (trial2)
            return badRequest(QStringLiteral("Missing required parameter: '%1.role'.").arg(param),
                              param + QStringLiteral(".role"));
        if (!roleValue.isString()) return wrongType(param + QStringLiteral(".role"), QStringLiteral("a string"), roleValue);
        const QString role = roleValue.toString();
        const std::string text = contentText(m.value(QStringLiteral("content")), param + QStringLiteral(".content"), error);
        if (error) return error;
        if (role == QLatin1String("system") || role == QLatin1String("developer")) {
            if (continued)
                return badRequest(QStringLiteral("A response that continues another (previous_response_id) takes no "
                                                 "system message ('%1'): its state has read the conversation's first "
                                                 "one.")
                                      .arg(param),
                                  param + QStringLiteral(".role"));
            if (turnsBegan || !opening.empty())
                return badRequest(QStringLiteral("A system message is accepted only before the first user message "
                                                 "and any assistant message ('%1' follows one).")
                                      .arg(param),
                                  param + QStringLiteral(".role"));
            system += (system.empty() ? "" : "\n") + text;
        } else if (role == QLatin1String("user")) {
            turnsBegan = true;
            questions.push_back(text);
        } else if (role == QLatin1String("assistant")) {
            // A conversation that opens with the assistant's greeting (OpenAI takes it; until session 58 a 400): each
            // such message is an "Assistant:" turn after the System one.
            if (!turnsBegan) {
                opening.push_back(text);
                continue;
            }
            if (questions.empty())
                return badRequest(QStringLiteral("An assistant message must follow a user message ('%1' does not).")
                                      .arg(param),
                                  param + QStringLiteral(".role"));
            ChatHistoryTurn turn{questions.back(), text};
            questions.pop_back();
            turn.unread = std::move(questions);
            questions.clear();
            turns.push_back(std::move(turn));
        } else {
            return badRequest(QStringLiteral("Invalid value for '%1.role': '%2' is not supported (system, user or "
                                             "assistant).")
                                  .arg(param, shownClientText(role)),
                              param + QStringLiteral(".role"));
        }
    }
    if (questions.empty() || messages.last().toObject().value(QStringLiteral("role")).toString() != QLatin1String("user"))
        return badRequest(QStringLiteral("The last message must be the user's (role \"user\"): the model answers it."),
                          key);
    const std::string question = questions.back();
    questions.pop_back();
    // format_history writes the System turn; format_user_turn(…, first_turn = false) then none: one template, the
    // engine's, as ChatSession's first turn (format_user_turn with the system prompt) gives the same text.
    prompt = format_history(system, {}) + format_opening_replies(opening) + format_history({}, turns) +
             format_unread_questions(questions) + format_user_turn(question, {}, false);
    return std::nullopt;
}

// A Responses request's `input` (an array of messages readMessages has checked) as OpenAI's input items: each
// message's content parts as sent, a string content one part; "input_text" parts (an assistant's "output_text").
QJsonArray inputItemsOf(const QJsonArray& messages) {
    QJsonArray items;
    for (const QJsonValue& value : messages) {
        const QJsonObject m = value.toObject();
        const QString role = m.value(QStringLiteral("role")).toString();
        const bool assistant = role == QLatin1String("assistant");
        const auto part = [assistant](const QJsonValue& text) {
            QJsonObject p{{QStringLiteral("type"), assistant ? QStringLiteral("output_text") : QStringLiteral("input_text")},
                          {QStringLiteral("text"), text}};
            if (assistant) p.insert(QStringLiteral("annotations"), QJsonArray{});
            return p;
        };
        const QJsonValue content = m.value(QStringLiteral("content"));
        QJsonArray parts;
        if (content.isString())
            parts.append(part(content));
        else
            for (const QJsonValue& sent : content.toArray())
                parts.append(part(sent.toObject().value(QStringLiteral("text"))));
        items.append(QJsonObject{{QStringLiteral("type"), QStringLiteral("message")},
                                 {QStringLiteral("role"), role},
                                 {QStringLiteral("status"), QStringLiteral("completed")},
                                 {QStringLiteral("content"), parts}});
    }
    return items;
}

std::optional<ApiError> readStop(const QJsonObject& o, std::vector<std::string>& stop) {
    const QJsonValue v = o.value(QStringLiteral("stop"));
    if (v.isUndefined() || v.isNull()) return std::nullopt;
    QJsonArray list;
    if (v.isString())
        list.append(v);
    else if (v.isArray())
        list = v.toArray();
    else
        return wrongType(QStringLiteral("stop"), QStringLiteral("a string or an array of strings"), v);
    if (list.size() > kApiMaxStopStrings)
        return badRequest(QStringLiteral("'stop' holds %1 strings; at most %2 are accepted.")
                              .arg(list.size())
                              .arg(kApiMaxStopStrings),
                          QStringLiteral("stop"));
    for (qsizetype i = 0; i < list.size(); ++i) {
        // A string is named as sent, "stop", as 'prompt' is (session 54's trial: "stop": "" was 'stop[0]', a field the
        // request did not have, while half a surrogate pair in it was already 'stop').
        const QString param = v.isString() ? QStringLiteral("stop") : QStringLiteral("stop[%1]").arg(i);
        if (!list[i].isString()) return wrongType(param, QStringLiteral("a string"), list[i]);
        const std::string s = list[i].toString().toStdString();
        if (s.empty() || s.size() > std::size_t(kApiMaxStopBytes))
            return badRequest(QStringLiteral("Invalid value for '%1': a stop string must hold 1 to %2 bytes.")
                                  .arg(param)
                                  .arg(kApiMaxStopBytes),
                              param);
        stop.push_back(s);
    }
    return std::nullopt;
}

QByteArray compact(const QJsonObject& o) { return QJsonDocument(o).toJson(QJsonDocument::Compact); }

QByteArray event(const QJsonObject& o) { return QByteArrayLiteral("data: ") + compact(o) + QByteArrayLiteral("\n\n"); }

QJsonObject chunkObject(const ApiReplyIds& ids, int index, const QJsonObject& delta, const QJsonValue& finishReason) {
    QJsonObject choice{{QStringLiteral("index"), index}, {QStringLiteral("delta"), delta},
                       {QStringLiteral("logprobs"), QJsonValue::Null}, {QStringLiteral("finish_reason"), finishReason}};
    return QJsonObject{{QStringLiteral("id"), ids.id},
                       {QStringLiteral("object"), QStringLiteral("chat.completion.chunk")},
                       {QStringLiteral("created"), ids.created},
                       {QStringLiteral("model"), ids.model},
                       {QStringLiteral("choices"), QJsonArray{choice}}};
}

QJsonValue nullIfEmpty(const QString& s) { return s.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(s); }

ApiError halfASurrogatePair(const QString& param, QChar unit, bool inName) {
    // `param` holds the client's member names ("input[0].\u202Etext"): shown escaped, as sent in the error's param.
    const QString where =
        param.isEmpty() ? QStringLiteral("the body") : QStringLiteral("'%1'").arg(shownClientText(param, 256));
    return badRequest(QStringLiteral("Invalid value for %1: %2 holds half a UTF-16 surrogate pair (\\u%3 without its "
                                     "other half), which is not a character; send both halves of the character, or "
                                     "leave it out.")
                          .arg(where, inName ? QStringLiteral("a member name") : QStringLiteral("the string"),
                               QString::number(unit.unicode(), 16)),
                      param);
}

// The first string of `v` (member names too) that holds half a surrogate pair: JSON's "\ud800" escape reads as one
// (raw bytes of one, ED A0 80, are not UTF-8 and fail the parse), and UTF-8 cannot hold it (QString::toUtf8 writes
// "?"), so the model would read a character the client never sent. `param` names `v` as OpenAI names fields
// ("messages[0].content"). Refused, naming the field: the client still holds its text (docs/api.md).
std::optional<ApiError> loneSurrogateIn(const QJsonValue& v, const QString& param) {
    if (v.isString()) {
        const QString s = v.toString();
        if (const qsizetype at = halfSurrogateAt(s); at >= 0) return halfASurrogatePair(param, s.at(at), false);
    } else if (v.isArray()) {
        const QJsonArray a = v.toArray();
        for (qsizetype i = 0; i < a.size(); ++i)
            if (auto e = loneSurrogateIn(a.at(i), QStringLiteral("%1[%2]").arg(param).arg(i))) return e;
    } else if (v.isObject()) {
        const QJsonObject o = v.toObject();
        for (auto it = o.begin(); it != o.end(); ++it) {
            if (const qsizetype at = halfSurrogateAt(it.key()); at >= 0)
                return halfASurrogatePair(param, it.key().at(at), true);
            const QString member = param.isEmpty() ? it.key() : param + QLatin1Char('.') + it.key();
            if (auto e = loneSurrogateIn(it.value(), member)) return e;
        }
    }
    return std::nullopt;
}

// Qt's parser refuses a number a double cannot hold (1e400, 1e-400) as "illegal number", its offset just past the
// number: said as a number out of range, naming the member it is the value of ("max_tokens"), if it is one — in an
// array it names none. nullopt for any other parse error.
std::optional<ApiError> numberOutOfRange(const QByteArray& body, const QJsonParseError& parseError) {
    if (parseError.error != QJsonParseError::IllegalNumber) return std::nullopt;
    const auto numberChar = [](char c) {
        return std::isdigit(static_cast<unsigned char>(c)) || std::strchr("+-.eE", c) != nullptr;
    };
    qsizetype end = std::min<qsizetype>(parseError.offset, body.size()), start = end;
    while (start > 0 && numberChar(body[start - 1])) --start;
    const QByteArray number = body.mid(start, end - start);
    const double d = std::strtod(number.constData(), nullptr);
    // A number that overflows (inf) or underflows (0, though a digit before the exponent is not 0); another
    // illegal number ("1.", "-") is left to the parse error's words.
    const qsizetype exponent = std::max(number.indexOf('e'), number.indexOf('E'));
    const QByteArray mantissa = exponent >= 0 ? number.first(exponent) : number;
    const bool large = std::isinf(d);
    const bool nearZero =
        d == 0 && std::any_of(mantissa.begin(), mantissa.end(), [](char c) { return c >= '1' && c <= '9'; });
    if (number.isEmpty() || !std::isdigit(static_cast<unsigned char>(number.back())) || (!large && !nearZero))
        return std::nullopt;
    QString member;  // the name before ':' before the number, when it is an object's member
    qsizetype at = start;
    while (at > 0 && std::isspace(static_cast<unsigned char>(body[at - 1]))) --at;
    if (at > 0 && body[at - 1] == ':') {
        --at;
        while (at > 0 && std::isspace(static_cast<unsigned char>(body[at - 1]))) --at;
        const qsizetype close = at - 1;
        if (close > 0 && body[close] == '"') {
            const qsizetype open = body.lastIndexOf('"', close - 1);
            if (open >= 0 && !body.mid(open + 1, close - open - 1).contains('\\'))
                member = QString::fromUtf8(body.mid(open + 1, close - open - 1));
        }
    }
    const QString range = large ? QStringLiteral("too large for a number (at most about 1.8e308 either way)")
                                : QStringLiteral("too near 0 for a number (at least about 2.2e-308, or 0)");
    if (member.isEmpty())
        return badRequest(QStringLiteral("The body of the request holds %1, which is %2 (at byte %3).")
                              .arg(QString::fromLatin1(number), range)
                              .arg(start));
    return badRequest(
        QStringLiteral("Invalid value for '%1': %2 is %3.").arg(member, QString::fromLatin1(number), range), member);
}

// The body as a JSON object, or the 400 that says why it is not one (not JSON, not an object, half a surrogate pair
// in a string: every endpoint reads its body here).
std::variant<QJsonObject, ApiError> bodyObject(const QByteArray& body) {
    // Said as such: Qt's words for it are "illegal value (at byte 0)" (session 49's trial).
    if (body.trimmed().isEmpty())
        return badRequest(QStringLiteral("The body of the request is empty: send a JSON object "
                                         "(Content-Type: application/json)."));
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &parseError);
    if (auto e = numberOutOfRange(body, parseError)) return *e;
    const auto notAnObject = [](const QJsonValue& got) {
        return badRequest(QStringLiteral("The body of the request must be a JSON object, but got %1.").arg(jsonTypeName(got)));
    };
    if (parseError.error != QJsonParseError::NoError) {
        // Qt reads only an object or an array as a document: `null`, `5` or `"hi"`, which are JSON, were "not valid
        // JSON: illegal value (at byte 1)" (session 55's trial). Read as an array's one value, they are said as what
        // they are.
        const QJsonDocument one = QJsonDocument::fromJson('[' + body + ']');
        if (one.isArray() && one.array().size() == 1) return notAnObject(one.array().at(0));
        return badRequest(QStringLiteral("The body of the request is not valid JSON: %1 (at byte %2).")
                              .arg(parseError.errorString())
                              .arg(parseError.offset));
    }
    if (!doc.isObject()) return notAnObject(doc.array());
    if (auto e = loneSurrogateIn(doc.object(), {})) return *e;
    return doc.object();
}

// The fields both endpoints read alike: model, max_tokens, sampling, seed, n, stream, stream_options, stop.
// Absent ones keep r's values (the endpoint's defaults).
std::optional<ApiError> readCommonFields(const QJsonObject& o, ApiRequest& r) {
    const QJsonValue model = o.value(QStringLiteral("model"));
    if (!model.isUndefined() && !model.isNull() && !model.isString())
        return wrongType(QStringLiteral("model"), QStringLiteral("a string"), model);
    r.model = model.toString();

    std::optional<ApiError> error;
    if (const auto maxTokens = integerIn(o, QStringLiteral("max_tokens"), 1, kApiMaxTokensLimit, error))
        r.maxTokens = int(*maxTokens);
    if (error) return error;
    if (const auto t = numberIn(o, QStringLiteral("temperature"), 0, 2, error)) r.sampler.temperature = float(*t);
    if (error) return error;
    if (const auto p = numberIn(o, QStringLiteral("top_p"), 0, 1, error)) r.sampler.top_p = float(*p);
    if (error) return error;
    if (const auto p = numberIn(o, QStringLiteral("presence_penalty"), -2, 2, error)) r.sampler.presence_penalty = float(*p);
    if (error) return error;
    if (const auto p = numberIn(o, QStringLiteral("frequency_penalty"), -2, 2, error))
        r.sampler.frequency_penalty = float(*p);
    if (error) return error;
    // Integers JSON numbers hold exactly (|seed| <= 2^53); a negative one is taken modulo 2^64.
    constexpr double kExact = 9007199254740992.0;
    if (const auto seed = integerIn(o, QStringLiteral("seed"), -kExact, kExact, error)) {
        r.sampler.seed = std::uint64_t(std::int64_t(*seed));
        r.seedGiven = true;
    }
    if (error) return error;
    // n: several choices, decoded together from the prompt's state (docs/api.md "Several choices: n").
    if (const auto n = integerIn(o, QStringLiteral("n"), 1, kApiMaxChoices, error)) r.choices = int(*n);
    if (error) {
        // A whole number out of range: why the limit.
        if (const QJsonValue n = o.value(QStringLiteral("n")); n.isDouble() && std::floor(n.toDouble()) == n.toDouble())
            error->message += QStringLiteral(" This server writes at most %1 choices per request: each holds a state "
                                             "of the model's size while it is written.")
                                  .arg(kApiMaxChoices);
        return error;
    }

    r.stream = booleanIn(o, QStringLiteral("stream"), error).value_or(false);
    if (error) return error;
    if (auto e = refusedStreamOptions(o, r.stream)) return e;
    const QJsonValue options = o.value(QStringLiteral("stream_options"));
    if (!options.isUndefined() && !options.isNull()) {
        r.includeUsage = booleanIn(options.toObject(), QStringLiteral("include_usage"), error,
                                   QStringLiteral("stream_options.include_usage"))
                             .value_or(false);
        if (error) return error;
    }
    return readStop(o, r.stop);
}

// A completions request's prompt: a non-empty string, or an array of exactly one.
std::optional<ApiError> readRawPrompt(const QJsonObject& o, std::string& prompt) {
    QJsonValue v = o.value(QStringLiteral("prompt"));
    QString param = QStringLiteral("prompt");
    if (v.isUndefined() || v.isNull()) return badRequest(QStringLiteral("Missing required parameter: 'prompt'."), param);
    if (v.isArray()) {
        const QJsonArray list = v.toArray();
        if (!list.isEmpty() && list.at(0).isDouble())  // [1, 2, 3]: one prompt of token ids, as OpenAI reads it
            return badRequest(QStringLiteral("A prompt of token ids is not supported: send '%1' as text.").arg(param),
                              param);
        if (list.size() != 1)
            return badRequest(QStringLiteral("'prompt' holds %1 prompts; this server answers one per request (a string, "
                                             "or an array of one string).")
                                  .arg(list.size()),
                              param);
        v = list.at(0);
        param = QStringLiteral("prompt[0]");
        if (v.isArray())  // [[1, 2]]
            return badRequest(QStringLiteral("A prompt of token ids is not supported: send '%1' as text.").arg(param),
                              param);
    }
    if (!v.isString()) return wrongType(param, QStringLiteral("a string or an array of one string"), v);
    prompt = v.toString().toStdString();
    if (prompt.empty()) return badRequest(QStringLiteral("'%1' is empty: there is nothing to continue.").arg(param), param);
    return std::nullopt;
}

}  // namespace

std::variant<ApiRequest, ApiError> parseChatRequest(const QByteArray& body) {
    auto object = bodyObject(body);
    if (auto* e = std::get_if<ApiError>(&object)) return *e;
    const QJsonObject& o = std::get<QJsonObject>(object);

    ApiRequest r;
    r.kind = ApiKind::Chat;
    if (auto e = readMessages(o.value(QStringLiteral("messages")), QStringLiteral("messages"), {}, false, r.prompt))
        return *e;
    // max_completion_tokens replaced max_tokens (deprecated) at OpenAI, which refuses the two together; here the newer
    // name wins, and max_tokens beside it is not read: {"max_tokens":0,"max_completion_tokens":100} was a 400 naming
    // max_tokens, the value that was not used (session 57's loose ends). A null max_completion_tokens is none.
    const QJsonValue maxCompletion = o.value(QStringLiteral("max_completion_tokens"));
    QJsonObject common = o;
    if (!maxCompletion.isUndefined() && !maxCompletion.isNull()) common.remove(QStringLiteral("max_tokens"));
    if (auto e = readCommonFields(common, r)) return *e;
    std::optional<ApiError> error;
    if (const auto n = integerIn(o, QStringLiteral("max_completion_tokens"), 1, kApiMaxTokensLimit, error))
        r.maxTokens = int(*n);
    if (error) return *error;

    // Asked of OpenAI's models, not done here: refused rather than silently left out.
    if (auto e = refusedTools(o)) return *e;
    // OpenAI's function calling before tools (deprecated there, still sent by older clients).
    if (const QJsonValue functions = o.value(QStringLiteral("functions"));
        functions.isArray() && !functions.toArray().isEmpty())
        return badRequest(QStringLiteral("Function calling ('functions') is not supported by this server."),
                          QStringLiteral("functions"));
    if (auto e = refusedToolChoice(o.value(QStringLiteral("function_call")), QStringLiteral("function_call"))) return *e;
    if (auto e = refusedModalities(o)) return *e;
    if (auto e = refusedStructuredOutput(o.value(QStringLiteral("response_format")), QStringLiteral("response_format")))
        return *e;
    // A boolean here ("yes" was read as false, session 58's trial2); top_logprobs asks for them too (OpenAI requires
    // logprobs with it).
    if (booleanIn(o, QStringLiteral("logprobs"), error).value_or(false))
        return badRequest(QStringLiteral("Log probabilities are not supported by this server."),
                          QStringLiteral("logprobs"));
    if (error) return *error;
    if (const auto top = integerIn(o, QStringLiteral("top_logprobs"), 0, 20, error); top && *top > 0)
        return badRequest(QStringLiteral("Log probabilities are not supported by this server."),
                          QStringLiteral("top_logprobs"));
    if (error) return *error;
    return r;
}

std::variant<ApiRequest, ApiError> parseCompletionRequest(const QByteArray& body) {
    auto object = bodyObject(body);
    if (auto* e = std::get_if<ApiError>(&object)) return *e;
    const QJsonObject& o = std::get<QJsonObject>(object);

    ApiRequest r;
    r.kind = ApiKind::Completion;
    r.maxTokens = kApiCompletionDefaultMaxTokens;
    r.sampler.presence_penalty = r.sampler.frequency_penalty = kApiCompletionDefaultPenalty;
    if (auto e = readRawPrompt(o, r.prompt)) return *e;
    if (auto e = readCommonFields(o, r)) return *e;
    std::optional<ApiError> error;
    r.echo = booleanIn(o, QStringLiteral("echo"), error).value_or(false);
    if (error) return *error;

    // Asked of OpenAI's models, not done here: refused rather than silently left out.
    const QJsonValue suffix = o.value(QStringLiteral("suffix"));
    if (!suffix.isUndefined() && !suffix.isNull() && !(suffix.isString() && suffix.toString().isEmpty()))
        return badRequest(QStringLiteral("Insertion ('suffix') is not supported by this server: the model continues "
                                         "the prompt."),
                          QStringLiteral("suffix"));
    integerIn(o, QStringLiteral("best_of"), 1, 1, error);
    if (error)
        return badRequest(QStringLiteral("Only one candidate per request is supported: 'best_of' must be 1."),
                          QStringLiteral("best_of"));
    // An integer here (the top log probabilities per token); null or 0 asks for none.
    const QJsonValue logprobs = o.value(QStringLiteral("logprobs"));
    if (!logprobs.isUndefined() && !logprobs.isNull() && logprobs != QJsonValue(0) && logprobs != QJsonValue(false))
        return badRequest(QStringLiteral("Log probabilities are not supported by this server."),
                          QStringLiteral("logprobs"));
    if (auto e = refusedStructuredOutput(o.value(QStringLiteral("response_format")), QStringLiteral("response_format")))
        return *e;
    return r;
}

std::variant<ApiRequest, ApiError> parseResponseRequest(const QByteArray& body) {
    auto object = bodyObject(body);
    if (auto* e = std::get_if<ApiError>(&object)) return *e;
    const QJsonObject& o = std::get<QJsonObject>(object);

    ApiRequest r;
    r.kind = ApiKind::Response;
    const auto optionalString = [&](const QString& key, std::optional<ApiError>& error) -> std::optional<QString> {
        const QJsonValue v = o.value(key);
        if (v.isUndefined() || v.isNull()) return std::nullopt;
        if (!v.isString()) error = wrongType(key, QStringLiteral("a string"), v);
        return v.toString();
    };
    std::optional<ApiError> error;
    r.response.previousResponseId = optionalString(QStringLiteral("previous_response_id"), error).value_or(QString());
    if (error) return *error;
    if (const auto instructions = optionalString(QStringLiteral("instructions"), error))
        r.response.instructions = instructions->toStdString();
    if (error) return *error;
    r.model = optionalString(QStringLiteral("model"), error).value_or(QString());
    if (error) return *error;

    const bool continued = !r.response.previousResponseId.isEmpty();
    QJsonValue input = o.value(QStringLiteral("input"));
    if (input.isString())  // one user message
        input = QJsonArray{QJsonObject{{QStringLiteral("role"), QStringLiteral("user")}, {QStringLiteral("content"), input}}};
    else if (!input.isUndefined() && !input.isNull() && !input.isArray())
        return wrongType(QStringLiteral("input"), QStringLiteral("a string or an array of messages"), input);
    if (auto e = readMessages(input, QStringLiteral("input"), continued ? std::string() : r.response.instructions.value_or(""),
                              continued, r.prompt))
        return *e;
    r.response.inputItems = inputItemsOf(input.toArray());

    if (const auto n = integerIn(o, QStringLiteral("max_output_tokens"), 1, kApiMaxTokensLimit, error)) {
        r.maxTokens = int(*n);
        r.response.maxOutputTokens = int(*n);
    }
    if (error) return *error;
    if (const auto t = numberIn(o, QStringLiteral("temperature"), 0, 2, error)) r.sampler.temperature = float(*t);
    if (error) return *error;
    if (const auto p = numberIn(o, QStringLiteral("top_p"), 0, 1, error)) r.sampler.top_p = float(*p);
    if (error) return *error;
    r.stream = booleanIn(o, QStringLiteral("stream"), error).value_or(false);
    if (error) return *error;
    if (auto e = refusedStreamOptions(o, r.stream)) return *e;  // its include_obfuscation: no padding is sent
    r.response.store = booleanIn(o, QStringLiteral("store"), error).value_or(true);
    if (error) return *error;
    const bool background = booleanIn(o, QStringLiteral("background"), error).value_or(false);
    if (error) return *error;

    // Asked of OpenAI's models, not done here: refused rather than silently left out.
    if (auto e = refusedTools(o)) return *e;
    if (background)
        return badRequest(QStringLiteral("Background responses are not supported by this server."),
                          QStringLiteral("background"));
    if (const QJsonValue text = o.value(QStringLiteral("text")); !text.isUndefined() && !text.isNull()) {
        if (!text.isObject()) return wrongType(QStringLiteral("text"), QStringLiteral("an object"), text);
        if (auto e = refusedStructuredOutput(text.toObject().value(QStringLiteral("format")), QStringLiteral("text.format")))
            return *e;
    }
    // OpenAI's Responses API has no n: one response, one output, which previous_response_id continues.
    const QJsonValue n = o.value(QStringLiteral("n"));
    if (!n.isUndefined() && !n.isNull() && n != QJsonValue(1))
        return badRequest(QStringLiteral("'n' is not a field of the Responses API: a response has one output, which "
                                         "'previous_response_id' continues. For several choices to one prompt, send "
                                         "it to /v1/chat/completions (or /v1/completions) with 'n'."),
                          QStringLiteral("n"));
    const QJsonValue conversation = o.value(QStringLiteral("conversation"));
    if (!conversation.isUndefined() && !conversation.isNull())
        return badRequest(QStringLiteral("Conversations are not supported by this server: continue a response with "
                                         "'previous_response_id'."),
                          QStringLiteral("conversation"));
    return r;
}

QString shownClientText(const QString& text, qsizetype maxChars) {
    QString shown;
    qsizetype chars = 0;
    for (qsizetype i = 0; i < text.size(); ++chars) {
        if (chars == maxChars) {
            shown += QChar(0x2026);  // …
            break;
        }
        const bool pair = text.at(i).isHighSurrogate() && i + 1 < text.size() && text.at(i + 1).isLowSurrogate();
        const qsizetype units = pair ? 2 : 1;
        const char32_t c = pair ? QChar::surrogateToUcs4(text.at(i), text.at(i + 1)) : text.at(i).unicode();
        switch (QChar::category(c)) {
        case QChar::Other_Control:
        case QChar::Other_Format:
        case QChar::Other_Surrogate:
        case QChar::Separator_Line:
        case QChar::Separator_Paragraph:
            for (qsizetype u = i; u < i + units; ++u)
                shown += QStringLiteral("\\u") +
                         QString::number(text.at(u).unicode(), 16).toUpper().rightJustified(4, QLatin1Char('0'));
            break;
        default: shown += text.mid(i, units);
        }
        i += units;
    }
    return shown;
}

QString finishReasonName(bool lengthLimit) { return lengthLimit ? QStringLiteral("length") : QStringLiteral("stop"); }

QJsonObject usageJson(const ApiUsage& usage) {
    return QJsonObject{{QStringLiteral("prompt_tokens"), usage.promptTokens},
                       {QStringLiteral("completion_tokens"), usage.completionTokens},
                       {QStringLiteral("total_tokens"), usage.promptTokens + usage.completionTokens},
                       {QStringLiteral("prompt_tokens_details"),
                        QJsonObject{{QStringLiteral("cached_tokens"), usage.cachedTokens}}}};
}

QByteArray completionJson(const ApiReplyIds& ids, const std::vector<ApiChoice>& choices, const ApiUsage& usage) {
    QJsonArray list;
    for (std::size_t i = 0; i < choices.size(); ++i) {
        const QJsonObject message{{QStringLiteral("role"), QStringLiteral("assistant")},
                                  {QStringLiteral("content"), choices[i].text}};
        list.append(QJsonObject{{QStringLiteral("index"), qint64(i)},
                                {QStringLiteral("message"), message},
                                {QStringLiteral("logprobs"), QJsonValue::Null},
                                {QStringLiteral("finish_reason"), finishReasonName(choices[i].lengthLimit)}});
    }
    return compact(QJsonObject{{QStringLiteral("id"), ids.id},
                               {QStringLiteral("object"), QStringLiteral("chat.completion")},
                               {QStringLiteral("created"), ids.created},
                               {QStringLiteral("model"), ids.model},
                               {QStringLiteral("choices"), list},
                               {QStringLiteral("usage"), usageJson(usage)}});
}

QByteArray firstChunk(const ApiReplyIds& ids, int index) {
    return event(chunkObject(
        ids, index, QJsonObject{{QStringLiteral("role"), QStringLiteral("assistant")}, {QStringLiteral("content"), QString()}},
        QJsonValue::Null));
}

QByteArray textChunk(const ApiReplyIds& ids, const QString& text, int index) {
    return event(chunkObject(ids, index, QJsonObject{{QStringLiteral("content"), text}}, QJsonValue::Null));
}

QByteArray lastChunk(const ApiReplyIds& ids, bool lengthLimit, int index) {
    return event(chunkObject(ids, index, QJsonObject{}, finishReasonName(lengthLimit)));
}

QByteArray usageChunk(const ApiReplyIds& ids, const ApiUsage& usage, ApiKind kind) {
    return event(QJsonObject{{QStringLiteral("id"), ids.id},
                             {QStringLiteral("object"), kind == ApiKind::Completion
                                                            ? QStringLiteral("text_completion")
                                                            : QStringLiteral("chat.completion.chunk")},
                             {QStringLiteral("created"), ids.created},
                             {QStringLiteral("model"), ids.model},
                             {QStringLiteral("choices"), QJsonArray{}},
                             {QStringLiteral("usage"), usageJson(usage)}});
}

static QJsonObject textCompletionChoice(int index, const QString& text, const QJsonValue& finishReason) {
    return QJsonObject{{QStringLiteral("text"), text},
                       {QStringLiteral("index"), index},
                       {QStringLiteral("logprobs"), QJsonValue::Null},
                       {QStringLiteral("finish_reason"), finishReason}};
}

static QJsonObject textCompletionObject(const ApiReplyIds& ids, const QJsonArray& choices) {
    return QJsonObject{{QStringLiteral("id"), ids.id},
                       {QStringLiteral("object"), QStringLiteral("text_completion")},
                       {QStringLiteral("created"), ids.created},
                       {QStringLiteral("model"), ids.model},
                       {QStringLiteral("choices"), choices}};
}

QByteArray textCompletionJson(const ApiReplyIds& ids, const std::vector<ApiChoice>& choices, const ApiUsage& usage) {
    QJsonArray list;
    for (std::size_t i = 0; i < choices.size(); ++i)
        list.append(textCompletionChoice(int(i), choices[i].text, finishReasonName(choices[i].lengthLimit)));
    QJsonObject o = textCompletionObject(ids, list);
    o.insert(QStringLiteral("usage"), usageJson(usage));
    return compact(o);
}

QByteArray textCompletionChunk(const ApiReplyIds& ids, const QString& text, bool finished, bool lengthLimit,
                               int index) {
    return event(textCompletionObject(
        ids, QJsonArray{textCompletionChoice(index, text, finished ? QJsonValue(finishReasonName(lengthLimit))
                                                                   : QJsonValue())}));
}

QByteArray doneEvent() { return QByteArrayLiteral("data: [DONE]\n\n"); }

static QJsonObject errorObject(const ApiError& e) {
    return QJsonObject{{QStringLiteral("error"), QJsonObject{{QStringLiteral("message"), e.message},
                                                             {QStringLiteral("type"), e.type},
                                                             {QStringLiteral("param"), nullIfEmpty(e.param)},
                                                             {QStringLiteral("code"), nullIfEmpty(e.code)}}}};
}

QByteArray errorJson(const ApiError& error) { return compact(errorObject(error)); }

QByteArray errorEvent(const ApiError& error) { return event(errorObject(error)); }

namespace {

QJsonObject modelObject(const QString& modelName, qint64 created) {
    return QJsonObject{{QStringLiteral("id"), modelName},
                       {QStringLiteral("object"), QStringLiteral("model")},
                       {QStringLiteral("created"), created},
                       {QStringLiteral("owned_by"), QStringLiteral("rwkv-desktop")}};
}

}  // namespace

QByteArray modelsJson(const QString& modelName, qint64 created) {
    QJsonArray data;
    if (!modelName.isEmpty()) data.append(modelObject(modelName, created));
    return compact(QJsonObject{{QStringLiteral("object"), QStringLiteral("list")}, {QStringLiteral("data"), data}});
}

QByteArray modelJson(const QString& modelName, qint64 created) { return compact(modelObject(modelName, created)); }

}  // namespace rwkv::app
