// foreign_file_text.cpp — see foreign_file_text.h.
#include "foreign_file_text.h"

#include <QCoreApplication>
#include <QFile>

#include <span>

#include "rwkv/file_kind.h"

namespace rwkv::app {

const char* foreignFileKind(const QByteArray& head) {
    using K = rwkv::ForeignFileKind;
    // What the file is, not what it is not: the engine's words for a file given as a model go on with "not the
    // model", "use a .gguf", which say nothing of a conversation.
    switch (rwkv::classify_foreign_file(std::as_bytes(std::span(head.constData(), size_t(head.size()))))) {
    case K::Unknown: return nullptr;
    case K::GitLfsPointer: return QT_TRANSLATE_NOOP("rwkv::app::ForeignFile", "a Git LFS pointer");
    case K::WebPage: return QT_TRANSLATE_NOOP("rwkv::app::ForeignFile", "a web page (HTML)");
    case K::XmlDocument: return QT_TRANSLATE_NOOP("rwkv::app::ForeignFile", "an XML document");
    case K::JsonText: return QT_TRANSLATE_NOOP("rwkv::app::ForeignFile", "JSON text");
    case K::PngPicture: return QT_TRANSLATE_NOOP("rwkv::app::ForeignFile", "a PNG picture");
    case K::JpegPicture: return QT_TRANSLATE_NOOP("rwkv::app::ForeignFile", "a JPEG picture");
    case K::GifPicture: return QT_TRANSLATE_NOOP("rwkv::app::ForeignFile", "a GIF picture");
    case K::WebpPicture: return QT_TRANSLATE_NOOP("rwkv::app::ForeignFile", "a WebP picture");
    case K::PdfDocument: return QT_TRANSLATE_NOOP("rwkv::app::ForeignFile", "a PDF document");
    case K::GzipFile: return QT_TRANSLATE_NOOP("rwkv::app::ForeignFile", "a gzip-compressed file: unpack it first (gunzip)");
    case K::XzFile: return QT_TRANSLATE_NOOP("rwkv::app::ForeignFile", "an xz-compressed file: unpack it first (unxz)");
    case K::ZstdFile: return QT_TRANSLATE_NOOP("rwkv::app::ForeignFile", "a zstd-compressed file: unpack it first (unzstd)");
    case K::Bzip2File: return QT_TRANSLATE_NOOP("rwkv::app::ForeignFile", "a bzip2-compressed file: unpack it first (bunzip2)");
    case K::SevenZipArchive: return QT_TRANSLATE_NOOP("rwkv::app::ForeignFile", "a 7-Zip archive: unpack it first");
    case K::RarArchive: return QT_TRANSLATE_NOOP("rwkv::app::ForeignFile", "a RAR archive: unpack it first");
    case K::TarArchive: return QT_TRANSLATE_NOOP("rwkv::app::ForeignFile", "a tar archive: unpack it first (tar -xf)");
    case K::Program: return QT_TRANSLATE_NOOP("rwkv::app::ForeignFile", "a program or library (ELF)");
    case K::NumpyArray: return QT_TRANSLATE_NOOP("rwkv::app::ForeignFile", "a NumPy array (.npy)");
    case K::Hdf5File: return QT_TRANSLATE_NOOP("rwkv::app::ForeignFile", "an HDF5 file (.h5)");
    case K::LegacyGgml: return QT_TRANSLATE_NOOP("rwkv::app::ForeignFile", "a llama.cpp file in a format older than GGUF");
    case K::LegacyPickle: return QT_TRANSLATE_NOOP("rwkv::app::ForeignFile", "a Python pickle");
    case K::RwkvDesktopState: return QT_TRANSLATE_NOOP("rwkv::app::ForeignFile", "a conversation state saved by RWKV Desktop");
    case K::RwkvDesktopBundle: return QT_TRANSLATE_NOOP("rwkv::app::ForeignFile", "an RWKV Desktop conversation bundle");
    case K::Text: return QT_TRANSLATE_NOOP("rwkv::app::ForeignFile", "a text file");
    }
    return nullptr;
}

QString foreignFileKindText(const char* kind) {
    return kind ? QCoreApplication::translate("rwkv::app::ForeignFile", kind) : QString();
}

const char* foreignFileKindOf(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? foreignFileKind(f.read(qint64(rwkv::kForeignFileHeadBytes))) : nullptr;
}

QString notAModelFileSentence(const char* kind) {
    return QCoreApplication::translate("EngineError", "This is not a model file: it is %1.").arg(foreignFileKindText(kind));
}

}  // namespace rwkv::app
