// models/wording.cpp — see wording.h.
#include "wording.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace rwkv::models {

Wording::Wording(const QString& plain) : plain_(plain) {}

Wording::Wording(const char* context, const char* source, std::vector<Wording> args)
    : context_(QByteArray::fromRawData(context, qstrlen(context))),
      source_(QByteArray::fromRawData(source, qstrlen(source))), args_(std::move(args)) {}

namespace {
// Two sentences said together, as a pattern the translation owns: English puts a space between them, zh_CN none
// ("%1%2": its sentences end with their own full-width stop). Rows stored before session 35 hold context "" (never
// translated): they keep their space.
const char* const kJoinContext = "Sentences";
//: Two whole sentences said one after the other on one line (%1 ends with its own full stop). Chinese: "%1%2".
const char* const kJoinSource = QT_TRANSLATE_NOOP("Sentences", "%1 %2");
}  // namespace

Wording Wording::then(Wording next) const {
    if (isEmpty()) return next;
    return Wording(kJoinContext, kJoinSource, {*this, std::move(next)});
}

Wording Wording::withBrief(Wording brief) const {
    Wording w = *this;
    w.brief_ = std::make_shared<const Wording>(std::move(brief));
    return w;
}

// %1 … %99 as QString::arg reads them (one or two digits), filled from args_ in one pass; a marker without an
// argument stays as it is.
QString Wording::text() const {
    if (source_.isNull()) return plain_;
    const QString pattern = QCoreApplication::translate(context_.constData(), source_.constData());
    if (args_.empty()) return pattern;
    QString out;
    out.reserve(pattern.size() + 64);
    for (qsizetype i = 0; i < pattern.size(); ++i) {
        const QChar c = pattern[i];
        if (c != u'%' || i + 1 >= pattern.size() || !pattern[i + 1].isDigit()) {
            out += c;
            continue;
        }
        qsizetype end = i + 2;
        int n = pattern[i + 1].digitValue();
        if (end < pattern.size() && pattern[end].isDigit()) n = n * 10 + pattern[end++].digitValue();
        if (n >= 1 && size_t(n) <= args_.size()) {
            out += args_[size_t(n - 1)].text();
            i = end - 1;
        } else {
            out += c;
        }
    }
    return out;
}

QString Wording::briefText() const { return brief_ ? brief_->text() : text(); }

bool operator==(const Wording& a, const Wording& b) {
    const bool sameBrief = a.brief_ == b.brief_ || (a.brief_ && b.brief_ && *a.brief_ == *b.brief_);
    return a.context_ == b.context_ && a.source_.isNull() == b.source_.isNull() && a.source_ == b.source_ &&
           a.plain_ == b.plain_ && a.args_ == b.args_ && sameBrief;
}

namespace {

// {"context": …, "source": …, "args": [a plain text as a string, a sentence as such an object, …], "brief": {…}}
constexpr int kMaxStoredDepth = 16;  // a reason nests a few levels (then(), an argument that is a sentence)

}  // namespace

QJsonValue Wording::toJsonValue() const {
    if (source_.isNull()) return plain_;
    QJsonObject o{{QStringLiteral("context"), QString::fromUtf8(context_)},
                  {QStringLiteral("source"), QString::fromUtf8(source_)}};
    if (!args_.empty()) {
        QJsonArray args;
        for (const Wording& a : args_) args.append(a.toJsonValue());
        o.insert(QStringLiteral("args"), args);
    }
    if (brief_) o.insert(QStringLiteral("brief"), brief_->toJsonValue());
    return o;
}

Wording Wording::fromJsonValue(const QJsonValue& value, int depth) {
    if (value.isString()) return Wording(value.toString());
    const QJsonObject o = value.toObject();
    const QJsonValue source = o.value(QStringLiteral("source")), context = o.value(QStringLiteral("context"));
    if (depth > kMaxStoredDepth || !source.isString() || source.toString().isEmpty() || !context.isString()) return {};
    Wording w;
    w.context_ = context.toString().toUtf8();
    w.source_ = source.toString().toUtf8();
    for (const QJsonValue a : o.value(QStringLiteral("args")).toArray()) w.args_.push_back(fromJsonValue(a, depth + 1));
    if (const QJsonValue brief = o.value(QStringLiteral("brief")); brief.isObject() || brief.isString())
        w.brief_ = std::make_shared<const Wording>(fromJsonValue(brief, depth + 1));
    return w;
}

QString joinSentences(const QString& first, const QString& second) {
    if (first.isEmpty()) return second;
    if (second.isEmpty()) return first;
    return QCoreApplication::translate(kJoinContext, kJoinSource).arg(first, second);
}

QString Wording::stored() const {
    if (source_.isNull()) return plain_;
    return QString::fromUtf8(QJsonDocument(toJsonValue().toObject()).toJson(QJsonDocument::Compact));
}

Wording Wording::fromStored(const QString& text) {
    if (!text.startsWith(u'{')) return Wording(text);
    const QJsonDocument doc = QJsonDocument::fromJson(text.toUtf8());
    const Wording w = doc.isObject() ? fromJsonValue(doc.object(), 0) : Wording();
    return w.isEmpty() ? Wording(text) : w;
}

}  // namespace rwkv::models
