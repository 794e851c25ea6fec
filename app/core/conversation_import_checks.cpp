// conversation_import_checks.cpp — the checks of a file before its conversation is parsed (a model file, a folder, a
// link, a file larger than any export can be, neither a bundle nor JSON) and the words every import refusal is said
// in (conversation_import_checks.h, shared with the parser in conversation_export.cpp).
#include "conversation_import_checks.h"

#include "conversation_export.h"
#include "engine_error_text.h"  // notARegularFileKind
#include "foreign_file_text.h"
#include "models/one_line.h"  // isolatedPath

#include <QCoreApplication>
#include <QLocale>
#include <QtEndian>

#include <algorithm>
#include <filesystem>

#include "rwkv/error.h"
#include "rwkv/file_kind.h"  // require_regular_file

namespace rwkv::app {
namespace import_checks {

Words as_is(const QString& s) { return {s, s}; }
Words as_is(qint64 n) { return as_is(QString::number(n)); }
Words words(const char* source) {
    return {QString::fromUtf8(source), QCoreApplication::translate("rwkv::app::ImportError", source)};
}
Words words(const char* source, const Words& a) {
    const Words w = words(source);
    return {w.en.arg(a.en), w.local.arg(a.local)};
}
Words words(const char* source, const Words& a, const Words& b) {
    const Words w = words(source);
    return {w.en.arg(a.en, b.en), w.local.arg(a.local, b.local)};
}

Words words(const char* source, const Words& a, const Words& b, const Words& c) {
    const Words w = words(source);
    return {w.en.arg(a.en, b.en, c.en), w.local.arg(a.local, b.local, c.local)};
}

void bad(const Words& why) {
    throw ImportError("cannot import: " + why.en.toStdString() + "; nothing was imported", why.local);
}

void refuseIfLengthsDisagree(qint64 size, quint64 jsonBytes, quint64 stateBytes) {
    const quint64 fileBytes = quint64(std::max<qint64>(size, 0));
    const Words whole = as_is(size);
    if (jsonBytes > fileBytes)
        bad(words(QT_TRANSLATE_NOOP("rwkv::app::ImportError",
                                    "the bundle is damaged or truncated: its header says its JSON part is %1 bytes, "
                                    "more than the whole file (%2 bytes)"),
                  as_is(QString::number(jsonBytes)), whole));
    if (stateBytes > fileBytes)
        bad(words(QT_TRANSLATE_NOOP("rwkv::app::ImportError",
                                    "the bundle is damaged or truncated: its header says its state part is %1 bytes, "
                                    "more than the whole file (%2 bytes)"),
                  as_is(QString::number(stateBytes)), whole));
    // Each part is at most the file's size (below 2^63): the sum fits in 64 bits.
    const quint64 expected = quint64(kHeaderBytes) + jsonBytes + stateBytes + quint64(kHashBytes);
    if (expected != fileBytes)
        bad(words(QT_TRANSLATE_NOOP("rwkv::app::ImportError",
                                    "the bundle is truncated or has extra bytes (%1 bytes, its header says %2)"),
                  whole, as_is(QString::number(expected))));
}

// A UTF-8 byte order mark, as Windows Notepad and "UTF-8 with BOM" editors write before a JSON export they saved: a
// JSON export edited there was refused as "neither an RWKV Desktop bundle nor a JSON export" (new-user trial,
// session 16). JSON text may start with one (RFC 8259 §8.1: parsers may ignore it).
QByteArray withoutBom(const QByteArray& bytes) {
    return bytes.startsWith("\xEF\xBB\xBF") ? bytes.mid(3) : bytes;
}

void refuseNeitherBundleNorJson(const QByteArray& head) {
    if (const char* kind = foreignFileKind(head))
        bad(words(QT_TRANSLATE_NOOP("rwkv::app::ImportError",
                                    "this is neither an RWKV Desktop bundle (.rwkvchat) nor a JSON export: it is %1"),
                  Words{QString::fromUtf8(kind), foreignFileKindText(kind)}));
    bad(words(QT_TRANSLATE_NOOP("rwkv::app::ImportError",
                                "this is neither an RWKV Desktop bundle (.rwkvchat) nor a JSON export")));
}

}  // namespace import_checks

using namespace import_checks;

const char* modelFileKind(const QByteArray& head) {
    if (head.startsWith("PK\x03\x04")) return "PyTorch .pth";
    if (head.startsWith("GGUF")) return "GGUF";
    if (head.size() >= 4 && qFromLittleEndian<quint32>(head.constData()) == 0x67676D66u) return "rwkv.cpp .bin";
    if (head.size() >= 10 && head.mid(8, 2) == QByteArrayLiteral("{\"")) return "safetensors";
    return nullptr;
}

bool isNeitherBundleNorJson(const QByteArray& head) {
    const QByteArray text = withoutBom(head).trimmed();
    return !head.startsWith("RWKV") && !text.isEmpty() && !text.startsWith('{');
}

void refuseWhatIsNotAFile(const QString& path) {
    // A path as rwkv-cli says it (what()), and isolated (U+2068 … U+2069) on one line in the window's words (reason()),
    // as every other path of the window is: the model's "cannot be loaded" and the import's refusals quoted it bare, so
    // a right-to-left name turned the sentence around it (session 57's loose ends).
    const auto named = [](const QString& shown) { return Words{shown, models::isolatedPath(shown)}; };
    const Words name = named(path);
    const std::filesystem::path p = path.toStdString();
    std::error_code ec;
    const std::filesystem::file_status st = std::filesystem::status(p, ec);  // follows links
    if (ec == std::errc::too_many_symbolic_link_levels)
        bad(words(QT_TRANSLATE_NOOP("rwkv::app::ImportError",
                                    "%1 is a link that leads back to itself (too many levels of symbolic links)"),
                  name));
    if (st.type() == std::filesystem::file_type::not_found) {
        std::error_code lec;
        if (std::filesystem::is_symlink(std::filesystem::symlink_status(p, lec)))
            bad(words(QT_TRANSLATE_NOOP("rwkv::app::ImportError", "%1 is a link to %2, which does not exist"), name,
                      named(QString::fromStdString(std::filesystem::read_symlink(p, lec).string()))));
        bad(words(QT_TRANSLATE_NOOP("rwkv::app::ImportError", "%1 does not exist"), name));
    }
    if (!std::filesystem::status_known(st)) return;  // a folder on the way that cannot be read: the open says why
    if (std::filesystem::is_directory(st))
        bad(words(QT_TRANSLATE_NOOP("rwkv::app::ImportError", "%1 is a folder, not a file"), name));
    // Which it is, as the engine's own check names it (a named pipe, a device, a socket, a file of /proc or /sys that
    // the kernel makes up as it is read): session 57's loose ends found "a named pipe, a device or a socket" for each.
    try {
        require_regular_file(p);
    } catch (const Error& e) {
        const QString detail = QString::fromUtf8(e.what());
        if (const QString kind = notARegularFileKind(detail, false); !kind.isEmpty())
            bad(words(QT_TRANSLATE_NOOP("rwkv::app::ImportError", "%1 is %2, not a file stored on a disk"), name,
                      Words{kind, notARegularFileKind(detail, true)}));
    }
    if (!std::filesystem::is_regular_file(st))
        bad(words(QT_TRANSLATE_NOOP("rwkv::app::ImportError",
                                    "%1 is not a regular file (a named pipe, a device or a socket)"),
                  name));
}

namespace {
// The largest file an export can be, checked before anything is read: a 2 GB file of JSON was read whole (on the
// window's thread: a 14 s freeze, 2.3 GB of memory) only to be called damaged (session 24's trial, F7). The numbers
// are the format's own limits, not a guess at how long a chat gets:
// - the JSON (a JSON export, or a bundle's JSON part) is read by QJsonDocument, which takes at most 2^31 - 1 bytes: Qt
//   6.4 parses a 2^31 - 1 byte document and refuses one of 2^31 at once ("illegal value", offset 0; measured);
// - a bundle's state snapshot is stored as one SQLite BLOB, which SQLite keeps to SQLITE_MAX_LENGTH (10^9 bytes, its
//   default) — so no library holds a larger one to export, and none could be imported into it.
constexpr qint64 kMaxJsonBytes = (qint64(1) << 31) - 1;
constexpr qint64 kMaxSnapshotBytes = 1'000'000'000;
constexpr qint64 kMaxBundleBytes = kHeaderBytes + kMaxJsonBytes + kMaxSnapshotBytes + kHashBytes;

/// "2.1 GB": the size the way a file manager shows it (the exact bytes follow it in the sentence).
QString readableSize(qint64 bytes) { return QLocale::c().formattedDataSize(bytes, 1, QLocale::DataSizeSIFormat); }
}  // namespace

void refuseIfLargerThanAnyExport(const QByteArray& head, qint64 size) {
    const bool bundle = head.startsWith("RWKV");
    // (a UTF-8 byte order mark before a JSON export is not read as JSON: withoutBom)
    const qint64 most = bundle ? kMaxBundleBytes : kMaxJsonBytes + (head.startsWith("\xEF\xBB\xBF") ? 3 : 0);
    if (size <= most) return;
    const Words readable = as_is(readableSize(size)), bytes = as_is(size), limit = as_is(most);
    if (bundle)
        bad(words(QT_TRANSLATE_NOOP("rwkv::app::ImportError", "the file is %1 (%2 bytes), larger than any conversation "
                                                              "bundle can be (at most %3 bytes); it was not read"),
                  readable, bytes, limit));
    bad(words(QT_TRANSLATE_NOOP("rwkv::app::ImportError", "the file is %1 (%2 bytes), larger than any JSON export can "
                                                          "be (at most %3 bytes); it was not read"),
              readable, bytes, limit));
}

QByteArray readConversationFile(QIODevice& file) {
    const QByteArray head = file.peek(kHeaderBytes);
    if (const char* model = modelFileKind(head))
        bad(words(QT_TRANSLATE_NOOP("rwkv::app::ImportError",
                                    "this is a model file (%1), not a conversation (open models with "
                                    "the model button or on the Models page)"),
                  as_is(QString::fromLatin1(model))));
    if (head.startsWith(QByteArray(kBundleMagic, 8)) && head.size() == kHeaderBytes) {
        if (!file.isSequential())
            refuseIfLengthsDisagree(file.size(), qFromLittleEndian<quint64>(head.constData() + 16),
                                    qFromLittleEndian<quint64>(head.constData() + 24));
    } else if (isNeitherBundleNorJson(head)) {
        refuseNeitherBundleNorJson(file.peek(qint64(rwkv::kForeignFileHeadBytes)));
    }
    if (!file.isSequential()) refuseIfLargerThanAnyExport(head, file.size());
    return file.readAll();
}

}  // namespace rwkv::app
