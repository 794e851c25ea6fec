// models/model_catalog.cpp — models.json parsing and validation, memory fit (see model_catalog.h).
#include "model_catalog.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>

#include <algorithm>
#include <cmath>

#include "one_line.h"  // isolatedPath
#include "rwkv/bench.h"

namespace rwkv::models {
namespace {

// lupdate files these under the enclosing namespace; ModelCatalog members use "rwkv::models::ModelCatalog" (below).
QString tr(const char* s) { return QCoreApplication::translate("rwkv::models", s); }

/// A whole number as written, -1 when it is not a number or past qint64 (where the cast is undefined).
qint64 optionalInt(const QJsonValue& v) {
    return v.isDouble() && std::fabs(v.toDouble()) < 9223372036854775808.0 ? qint64(v.toDouble()) : -1;
}

// Parses one entry; returns an error message (empty on success).
QString parseEntry(const QJsonObject& o, CatalogEntry* e) {
    e->id = o.value(QLatin1String("id")).toString();
    e->name = o.value(QLatin1String("name")).toString();
    e->params = o.value(QLatin1String("params")).toString();
    e->fileName = o.value(QLatin1String("file")).toString();
    e->format = o.value(QLatin1String("format")).toString();
    e->quant = o.value(QLatin1String("quant")).toString();
    e->sizeBytes = optionalInt(o.value(QLatin1String("size")));
    e->sha256 = o.value(QLatin1String("sha256")).toString().toLower();
    e->paramCount = optionalInt(o.value(QLatin1String("param_count")));
    e->nLayer = o.value(QLatin1String("n_layer")).toInt();
    e->nEmbd = o.value(QLatin1String("n_embd")).toInt();
    // A number where text belongs ("name": 123) read as "missing or empty" (session 25's trial, N3b).
    const auto asWritten = [](const QJsonValue& v) {
        QString json = QString::fromUtf8(QJsonDocument(QJsonArray{v}).toJson(QJsonDocument::Compact));
        json = json.mid(1, json.size() - 2);  // the value as written, without the array's brackets
        return json.size() > 40 ? json.left(37) + QStringLiteral("...") : json;
    };
    const auto notText = [&](const QString& field, const QJsonValue& v) {
        return tr("field \"%1\" is not text: %2").arg(field, asWritten(v));
    };
    for (const char* field : {"id", "name", "file", "format", "params", "quant", "sha256"})
        if (const QJsonValue v = o.value(QLatin1String(field)); !v.isString() && !v.isNull() && !v.isUndefined())
            return notText(QLatin1String(field), v);
    for (const char* field : {"id", "name", "file", "format"})
        if (o.value(QLatin1String(field)).toString().isEmpty())
            return tr("field \"%1\" is missing or empty").arg(QLatin1String(field));
    // A control character (a line break, a tab, NUL) is no part of a file name a download should write either
    // (session 47's trial: "a\nb.pth" was accepted); the message shows it as U+FFFD.
    const bool control = std::any_of(e->fileName.cbegin(), e->fileName.cend(),
                                     [](QChar c) { return c.category() == QChar::Other_Control; });
    if (e->fileName.contains(QLatin1Char('/')) || e->fileName.contains(QLatin1Char('\\')) ||
        e->fileName.startsWith(QLatin1Char('.')) || control) {
        QString shown = e->fileName;
        for (QChar& c : shown)
            if (c.category() == QChar::Other_Control) c = QChar::ReplacementCharacter;
        return tr("file \"%1\" is not a bare file name").arg(shown);
    }
    static const QRegularExpression hex64(QStringLiteral("^[0-9a-f]{64}$"));
    if (!e->sha256.isEmpty() && !hex64.match(e->sha256).hasMatch())
        return tr("sha256 is not 64 hex digits");
    // "12 GB" and 2^70 were both "must be a positive number" (session 26's trial, F8): text, and a number past
    // qint64 (its cast was undefined; 2^63 and up is more than any disk).
    if (const QJsonValue size = o.value(QLatin1String("size")); !size.isNull() && !size.isUndefined()) {
        if (!size.isDouble()) return tr("field \"%1\" is not a number: %2").arg(QLatin1String("size"), asWritten(size));
        if (size.toDouble() >= 9223372036854775808.0)
            return tr("field \"%1\" is too large: %2").arg(QLatin1String("size"), asWritten(size));
        if (e->sizeBytes <= 0) return tr("size must be a positive number or null");
    }
    // At least one source; a source left out (or null / "") is skipped by Auto and refused with a message when picked
    // (a catalog with only a Hugging Face URL was refused as a whole: new-user trial, session 16). A URL that is there
    // but not http(s) is still an error. (Messages reuse translated strings: i18n/ is not touched here.)
    // Text where the object belongs ("urls": "http://…") was "missing or empty" (session 26's trial, F8).
    if (const QJsonValue v = o.value(QLatin1String("urls")); !v.isObject() && !v.isNull() && !v.isUndefined())
        return tr("field \"%1\" is not an object of sources and their URLs: %2").arg(QLatin1String("urls"), asWritten(v));
    const QJsonObject urls = o.value(QLatin1String("urls")).toObject();
    for (Source s : kAutoOrder) {
        const QJsonValue v = urls.value(sourceKey(s));
        if (!v.isString() && !v.isNull() && !v.isUndefined())
            return notText(QStringLiteral("urls.") + sourceKey(s), v);
        if (v.isUndefined() || v.isNull() || v.toString() == QString())
            continue;  // the source does not have the file
        const QUrl url(v.toString());
        if (!url.isValid() || url.host().isEmpty() ||
            (url.scheme() != QLatin1String("https") && url.scheme() != QLatin1String("http")))
            return tr("no http(s) URL for source \"%1\"").arg(sourceKey(s));
        e->urls.insert(s, url);
    }
    if (e->urls.isEmpty())
        return tr("field \"%1\" is missing or empty").arg(QLatin1String("urls"));
    return {};
}

}  // namespace

qint64 CatalogEntry::estimatedMemoryBytes(bool int8) const {
    for (const std::string& name : rwkv::preset_names())  // the released shapes: 0.1B … 13.3B (and the test's tiny)
        if (const ModelShape s = rwkv::preset_shape(name); s.n_layer == nLayer && s.n_embd == nEmbd)
            return qint64(rwkv::loaded_weight_bytes(s, int8 ? DType::I8 : DType::F16));
    if (sizeBytes > 0)
        return sizeBytes;
    return paramCount > 0 ? paramCount * 2 : -1;
}

DownloadRequest CatalogEntry::downloadRequest(const QString& targetDir, Source source) const {
    DownloadRequest r;
    r.id = id;
    r.fileName = fileName;
    r.targetDir = targetDir;
    r.urls = urls;
    r.source = source;
    r.expectedSize = sizeBytes;
    r.expectedSha256 = sha256;
    return r;
}

Fit fitFor(const CatalogEntry& entry, qint64 gpuBytes, qint64 ramBytes, bool int8) {
    const qint64 weights = entry.estimatedMemoryBytes(int8);
    if (weights < 0)
        return Fit::Unknown;
    // Headroom for the RNN state, activations, the runtime and (for RAM) the rest of the system.
    const qint64 need = weights + weights / 10 + (512LL << 20);
    if (gpuBytes > 0 && need <= gpuBytes)
        return Fit::Gpu;
    if (ramBytes > 0 && need + (1LL << 30) <= ramBytes)
        return Fit::Ram;
    if (gpuBytes < 0 && ramBytes < 0)
        return Fit::Unknown;
    return Fit::TooLarge;
}

std::optional<ModelCatalog> ModelCatalog::fromJson(const QByteArray& json, QString* error, const QString& name) {
    const auto tr = [](const char* s) { return QCoreApplication::translate("rwkv::models::ModelCatalog", s); };
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    const auto failWith = [error](const QString& message) {
        if (error)
            *error = message;
        return std::nullopt;
    };
    if (doc.isNull())
        return failWith(tr("%1 is not valid JSON: %2 at offset %3")
                            .arg(name, parseError.errorString(), QString::number(parseError.offset)));
    const QJsonValue models = doc.object().value(QLatin1String("models"));
    if (!models.isArray())
        return failWith(tr("%1 has no \"models\" list").arg(name));
    ModelCatalog catalog;
    QSet<QString> ids;
    const QJsonArray list = models.toArray();
    for (qsizetype i = 0; i < list.size(); ++i) {
        CatalogEntry entry;
        const QString problem = parseEntry(list.at(i).toObject(), &entry);
        if (!problem.isEmpty()) {
            catalog.skipped_.append(entry.id.isEmpty()  // no "model 1 ()" for an id missing or not text
                                        ? tr("%1, model %2: %3").arg(name, QString::number(i + 1), problem)
                                        : tr("%1, model %2 (%3): %4").arg(name, QString::number(i + 1), entry.id, problem));
            continue;
        }
        if (ids.contains(entry.id)) {
            catalog.skipped_.append(tr("%1, model %2: duplicate id \"%3\"").arg(name, QString::number(i + 1), entry.id));
            continue;
        }
        ids.insert(entry.id);
        catalog.entries_.append(entry);
    }
    if (catalog.entries_.isEmpty() && !catalog.skipped_.isEmpty())
        return failWith(catalog.skipped_.constFirst());  // nothing usable: refused as a whole, as before
    return catalog;
}

std::optional<ModelCatalog> ModelCatalog::load(const QString& path, QString* error) {
    const auto tr = [](const char* s) { return QCoreApplication::translate("rwkv::models::ModelCatalog", s); };
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            // The path isolated and on one line (isolatedPath), as every sentence of the window quotes a path: the
            // Models page and stderr quoted the --catalog path raw until session 45 (a U+202E in it turned the rest
            // of the sentence around; a line break broke the page's line in two).
            *error = tr("Cannot read the model catalog %1: %2").arg(isolatedPath(path), file.errorString());
        return std::nullopt;
    }
    return fromJson(file.readAll(), error, QFileInfo(path).fileName());
}

const CatalogEntry* ModelCatalog::find(const QString& id) const {
    for (const CatalogEntry& e : entries_)
        if (e.id == id)
            return &e;
    return nullptr;
}

}  // namespace rwkv::models
