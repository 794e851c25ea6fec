// Test helpers for model-file tests: whole-file reads and writes that stop the test on failure, and a walker over
// the tensor records of an rwkv.cpp .bin file (independent of engine/src/formats, so the tests check the reader).
#pragma once

#include <QByteArray>
#include <QDataStream>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>

#include <cstdint>
#include <cstring>
#include <vector>

namespace test_files {

inline QByteArray readAll(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) qFatal("cannot read %s", qPrintable(path));
    return f.readAll();
}

inline void writeAll(const QString& path, const QByteArray& bytes) {
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) || f.write(bytes) != bytes.size())
        qFatal("cannot write %s", qPrintable(path));
}

/// A safetensors file in its two parts: the JSON header and the data block after it.
struct SafetensorsParts {
    QJsonObject header;
    QByteArray data;
};

/// `file` split after its u64 little-endian header length and the header (no checks: the tests' own files).
inline SafetensorsParts splitSafetensors(const QByteArray& file) {
    quint64 n;
    std::memcpy(&n, file.constData(), 8);
    return {QJsonDocument::fromJson(file.mid(8, qsizetype(n))).object(), file.mid(8 + qsizetype(n))};
}

/// A safetensors file: u64 little-endian length of the compact JSON `header`, the header, then `data`.
inline QByteArray makeSafetensors(const QJsonObject& header, const QByteArray& data) {
    const QByteArray h = QJsonDocument(header).toJson(QJsonDocument::Compact);
    const quint64 n = quint64(h.size());
    QByteArray out(reinterpret_cast<const char*>(&n), 8);
    return out + h + data;
}

/// `header` with `field` ("dtype", "shape", "data_offsets") of tensor `tensor`'s entry set to `value`.
inline QJsonObject withTensorField(QJsonObject header, const QString& tensor, const QString& field,
                                   const QJsonValue& value) {
    QJsonObject e = header[tensor].toObject();
    e[field] = value;
    header[tensor] = e;
    return header;
}

/// One tensor record of an rwkv.cpp .bin file: u32 n_dims, key_len, type; u32 dims[n_dims]; key; data.
struct RwkvCppRecord {
    qsizetype offset = 0;      // of the record in the file
    qsizetype header = 0;      // bytes before the data: 12 + 4 * n_dims + key_len
    qsizetype elements = 0;    // product of the dims
    std::uint32_t type = 0;    // 0 fp32, 1 fp16 (the unquantised files the tests start from)
    QByteArray key;
    qsizetype size() const { return header + elements * (type == 0 ? 4 : 2); }
};

/// The records of an unquantised rwkv.cpp file after its 24-byte header, in file order. Read through a QDataStream,
/// not memcpy from constData(): GCC 12 cannot see that `all` is not empty (-Warray-bounds). Stops at the first
/// record that does not fit; a caller that needs the whole file checks that the last record ends at all.size().
inline std::vector<RwkvCppRecord> rwkvCppRecords(const QByteArray& all) {
    std::vector<RwkvCppRecord> out;
    QDataStream in(all);
    in.setByteOrder(QDataStream::LittleEndian);
    qsizetype p = 24;
    while (p + 12 <= all.size() && in.device()->seek(p)) {
        quint32 nDims = 0, keyLen = 0, type = 0;
        in >> nDims >> keyLen >> type;
        RwkvCppRecord r;
        r.offset = p;
        r.type = type;
        r.elements = 1;
        for (quint32 d = 0; d < nDims && in.status() == QDataStream::Ok; ++d) {
            quint32 dim = 0;
            in >> dim;
            r.elements *= dim;
        }
        r.header = 12 + 4 * qsizetype(nDims) + keyLen;
        if (in.status() != QDataStream::Ok || p + r.size() > all.size()) break;
        r.key = all.mid(p + 12 + 4 * qsizetype(nDims), keyLen);
        p += r.size();
        out.push_back(std::move(r));
    }
    return out;
}

}  // namespace test_files
