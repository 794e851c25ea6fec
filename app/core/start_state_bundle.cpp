// start_state_bundle.cpp — a conversation's starting state in exports and imports (start_state_bundle.h).
#include "start_state_bundle.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <algorithm>
#include <span>

#include "conversation_export.h"  // ImportError
#include "rwkv/error.h"
#include "rwkv/state_file.h"
#include "start_state.h"  // startStateFileName
#include "whole_file_write.h"

namespace rwkv::app {
namespace {

QString sha256Of(const QByteArray& bytes) {
    return QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
}

/// A file name from another computer, made safe to keep: its last part only, no control or bidi characters, at most
/// 100 characters; "state.pth" when nothing is left.
QString keptName(const QString& fileName) {
    QString name = QFileInfo(QString(fileName).replace(u'\\', u'/')).fileName();
    name.removeIf([](QChar c) { return c.category() == QChar::Other_Control || c.category() == QChar::Other_Format; });
    name = name.trimmed();
    if (name.size() > 100) name = name.right(100);  // the end keeps the extension read_state_file goes by
    if (name.isEmpty() || name == QLatin1String(".") || name == QLatin1String("..")) name = QStringLiteral("state.pth");
    return name;
}

[[noreturn]] void cannotKeep(const QString& path, const QString& why) {
    const char* source = QT_TRANSLATE_NOOP("rwkv::app::ImportError",
                                           "its starting state could not be kept as %1 (%2)");
    throw ImportError("cannot import: " + QString::fromUtf8(source).arg(path, why).toStdString() +
                          "; nothing was imported",
                      QCoreApplication::translate("rwkv::app::ImportError", source).arg(path, why));
}

}  // namespace

QJsonObject startStateJson(const store::Conversation& c) {
    if (c.start_state.isEmpty()) return {};
    return QJsonObject{{"file_name", startStateFileName(c.start_state, c.start_state_sha256)},
                       {"sha256", c.start_state_sha256},
                       {"path", c.start_state}};
}

bool startStateFromJson(const QJsonObject& conversation, BundledStartState* out) {
    const QJsonValue v = conversation.value("start_state");
    if (v.isUndefined() || v.isNull()) return true;
    const QJsonObject o = v.toObject();
    const QString sha = o.value("sha256").toString().toLower();
    const QString path = o.value("path").toString(), name = o.value("file_name").toString();
    const bool hex = sha.size() == 64 && std::all_of(sha.cbegin(), sha.cend(), [](QChar ch) {
                         return (ch >= u'0' && ch <= u'9') || (ch >= u'a' && ch <= u'f');
                     });
    if (!v.isObject() || !hex || (path.isEmpty() && name.isEmpty())) return false;
    out->path = path.isEmpty() ? name : path;
    out->fileName = name.isEmpty() ? QFileInfo(path).fileName() : name;
    out->sha256 = sha;
    return true;
}

QByteArray startStateBytesFor(const store::Conversation& c) {
    if (c.start_state.isEmpty()) return {};
    QFile f(c.start_state);
    if (!f.open(QIODevice::ReadOnly)) return {};
    const QByteArray bytes = f.readAll();
    if (f.error() != QFileDevice::NoError || sha256Of(bytes) != c.start_state_sha256) return {};
    return bytes;
}

QString startStateDamage(const BundledStartState& s) {
    const QString sha = sha256Of(s.bytes);
    if (sha != s.sha256)
        return QStringLiteral("the state-tuning file %1 in it is damaged: its sha256 is %2…, the bundle says %3…")
            .arg(s.fileName, sha.left(12), s.sha256.left(12));
    try {
        read_state_file(std::span(reinterpret_cast<const std::byte*>(s.bytes.constData()), std::size_t(s.bytes.size())),
                        keptName(s.fileName).toStdString());
    } catch (const Error& e) {
        return QStringLiteral("the state-tuning file %1 in it cannot be read: %2")
            .arg(s.fileName, QString::fromUtf8(e.what()));
    }
    return {};
}

QString startStatesFolder(const store::ConversationStore& store) {
    return QDir(QFileInfo(store.path()).absolutePath()).filePath(QStringLiteral("states"));
}

QString keepStartStateFile(const QString& folder, const BundledStartState& s) {
    const QString path =
        QDir(folder).absoluteFilePath(QStringLiteral("%1-%2").arg(s.sha256.left(16),  // one prefix, however many hops
                                                                  startStateFileName(keptName(s.fileName), s.sha256)));
    if (QFile f(path); f.open(QIODevice::ReadOnly)) {
        const QByteArray there = f.readAll();
        if (f.error() == QFileDevice::NoError && sha256Of(there) == s.sha256) return path;  // kept before: reused
    }
    if (!QDir().mkpath(folder)) cannotKeep(path, QStringLiteral("the folder %1 cannot be made").arg(folder));
    const WholeFileWrite w = writeWholeFile(path, s.bytes);
    if (!w.written) cannotKeep(path, failureReason(w));
    return path;
}

}  // namespace rwkv::app
