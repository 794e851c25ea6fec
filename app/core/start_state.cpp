// start_state.cpp — readStartStateFile (start_state.h).
#include "start_state.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>

#include <atomic>
#include <filesystem>
#include <span>

#include "chat_error.h"
#include "models/one_line.h"  // isolatedPath
#include "rwkv/error.h"
#include "rwkv/file_kind.h"  // require_regular_file

namespace rwkv::app {
namespace {
std::atomic<qint64> reads{0};
constexpr qint64 kReadWholeBytes = qint64(256) << 20;  // 4 x the largest state-tuning file of a published model
}  // namespace

qint64 startStateFileReads() { return reads.load(); }

StartStateFile readStartStateFile(const QString& path) {
    ++reads;
    const auto tr = [](const char* text) { return QCoreApplication::translate("rwkv::app", text); };
    // Before QFile opens it, as the engine's loader does (MappedFile::open): a named pipe blocks the open until a
    // writer comes, and a device is read to its end, which /dev/zero has none of — rwkv-cli chat --state-file
    // /dev/zero grew by ~0.7 GB a second until it was killed, where generate --state-file said "not a regular file"
    // (session 49's trial, HIGH; the window's file dialog and a JSON import naming such a path went the same way). A
    // file of /proc or /sys, which stat calls regular, likewise: QFile read /proc/self/mem's error or a made-up text
    // (session 54's loose ends). The engine's own refusal, said as its loader says it.
    const std::filesystem::path native(QFile::encodeName(path).toStdString());
    require_regular_file(native);
    // A folder, which require_regular_file leaves to its caller: said so, not QFile's "file to open is a directory".
    if (QFileInfo(path).isDir()) {
        const QString sentence = tr("%1 is a folder, not a state-tuning file.");
        throw ChatError(sentence.arg(path).toStdString(), sentence.arg(models::isolatedPath(path)).toStdString());
    }
    // A state-tuning file is a few MB (13.3B's in fp32: 64 MB). A larger one — most likely a model picked by mistake —
    // is first checked through a mapping, which reads its index and no more: a 15 GB model read whole to be refused
    // would hold the window for minutes and its size in memory (session 49's trial: a 2 GB file, 33 s, 2.1 GB RSS).
    if (QFileInfo(path).size() > kReadWholeBytes)
        (void)read_state_file(native);
    // The path as it is for rwkv-cli, isolated for the window (session 57's loose ends: a right-to-left name turned
    // the sentence around it, where every other path of the window is isolated).
    const auto unreadable = [&](const QString& why) {
        const QString sentence = tr("The state-tuning file %1 cannot be read: %2.");
        return ChatError(sentence.arg(path, why).toStdString(), sentence.arg(models::isolatedPath(path), why).toStdString());
    };
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) throw unreadable(f.errorString());
    const QByteArray bytes = f.readAll();
    if (f.error() != QFileDevice::NoError) throw unreadable(f.errorString());
    StartStateFile out;
    out.path = QFileInfo(path).absoluteFilePath();
    out.sha256 = QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
    out.file = read_state_file(std::span(reinterpret_cast<const std::byte*>(bytes.constData()), std::size_t(bytes.size())),
                               QFileInfo(path).fileName().toStdString());
    return out;
}

QString startStateFileName(const QString& path, const QString& sha256) {
    const QString name = QFileInfo(path).fileName();
    if (sha256.size() < 16) return name;
    const QString kept = sha256.left(16) + QLatin1Char('-');
    return name.size() > kept.size() && name.startsWith(kept, Qt::CaseInsensitive) ? name.mid(kept.size()) : name;
}

QString startStateLabel(const QString& path, const StateFile& file) {
    return QStringLiteral("%1 (L%2 H%3)").arg(QFileInfo(path).fileName()).arg(file.n_layer).arg(file.n_head);
}

}  // namespace rwkv::app
