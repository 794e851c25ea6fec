// models/wording.cpp — see wording.h.
#include "wording.h"

#include <QCoreApplication>

#include <cstring>

namespace rwkv::models {

Wording::Wording(const QString& plain) : plain_(plain) {}

Wording::Wording(const char* context, const char* source, std::vector<Wording> args)
    : context_(context), source_(source), args_(std::move(args)) {}

Wording Wording::then(Wording next) const {
    if (isEmpty()) return next;
    return Wording("", "%1 %2", {*this, std::move(next)});  // no translation has context "": the source is used
}

Wording Wording::withBrief(Wording brief) const {
    Wording w = *this;
    w.brief_ = std::make_shared<const Wording>(std::move(brief));
    return w;
}

// %1 … %99 as QString::arg reads them (one or two digits), filled from args_ in one pass; a marker without an
// argument stays as it is.
QString Wording::text() const {
    if (!source_) return plain_;
    const QString pattern = QCoreApplication::translate(context_, source_);
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
    const auto same = [](const char* x, const char* y) { return x == y || (x && y && std::strcmp(x, y) == 0); };
    const bool sameBrief = a.brief_ == b.brief_ || (a.brief_ && b.brief_ && *a.brief_ == *b.brief_);
    return same(a.context_, b.context_) && same(a.source_, b.source_) && a.plain_ == b.plain_ && a.args_ == b.args_ &&
           sameBrief;
}

}  // namespace rwkv::models
