// format_test_util.h — what test_formats.cpp and test_formats_damaged.cpp share: the test data's paths, the rwkv::Error
// code a load throws, tensors as fp32, a minimal ZIP writer and reader (stored entries; optional ZIP64 records) written
// apart from engine/src/formats, a .pth archive around a given pickle, and the tiny test files of every format. Whole-
// file reads and writes and safetensors makers: test_files.h.
#pragma once

#include <QByteArray>
#include <QString>

#include <cmath>
#include <cstring>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "pth_writer.h"
#include "rwkv/error.h"
#include "rwkv/weights.h"
#include "test_files.h"

namespace format_test {

using rwkv::ErrorCode;

inline QString td(const char* name) { return QStringLiteral(RWKV_TESTDATA_DIR "/") + QString::fromUtf8(name); }

using test_files::makeSafetensors;
using test_files::readAll;
using test_files::splitSafetensors;
using test_files::withTensorField;
using test_files::writeAll;

/// Runs fn; returns the rwkv::Error code it threw (nullopt when it returned). Any other exception fails.
inline std::optional<ErrorCode> errorOf(const std::function<void()>& fn, std::string* message = nullptr) {
    try {
        fn();
    } catch (const rwkv::Error& e) {
        if (message) *message = e.what();
        return e.code();
    }
    return std::nullopt;
}

inline std::optional<ErrorCode> loadError(const QString& path, std::string* message = nullptr) {
    return errorOf([&] { rwkv::load_weights(path.toStdString()); }, message);
}

inline std::vector<float> f32(const rwkv::TensorView& t) {
    std::vector<float> v(static_cast<std::size_t>(t.numel()));
    t.to_f32(v);
    return v;
}

// --- little-endian writers and a minimal ZIP writer (stored entries; optional ZIP64 records) ---
using pth_writer::crc32;  // the .pth writer's little-endian writers and CRC-32, shared
using pth_writer::put16;
using pth_writer::put32;
inline void put64(QByteArray& b, quint64 v) { b.append(reinterpret_cast<const char*>(&v), 8); }

struct ZipIn {
    QByteArray name, data;
    quint16 method = 0;
};

inline QByteArray makeZip(const std::vector<ZipIn>& entries, bool zip64) {
    QByteArray out, cd;
    for (const auto& e : entries) {
        const quint64 lho = static_cast<quint64>(out.size());
        const quint32 crc = crc32(e.data);
        put32(out, 0x04034b50); put16(out, 45); put16(out, 0); put16(out, e.method); put32(out, 0);
        put32(out, crc); put32(out, quint32(e.data.size())); put32(out, quint32(e.data.size()));
        put16(out, quint16(e.name.size())); put16(out, 0);
        out += e.name;
        out += e.data;
        put32(cd, 0x02014b50); put16(cd, 45); put16(cd, 45); put16(cd, 0); put16(cd, e.method); put32(cd, 0);
        put32(cd, crc);
        put32(cd, zip64 ? 0xFFFFFFFFu : quint32(e.data.size()));
        put32(cd, zip64 ? 0xFFFFFFFFu : quint32(e.data.size()));
        put16(cd, quint16(e.name.size())); put16(cd, zip64 ? 28 : 0); put16(cd, 0); put16(cd, 0); put16(cd, 0);
        put32(cd, 0); put32(cd, zip64 ? 0xFFFFFFFFu : quint32(lho));
        cd += e.name;
        if (zip64) {
            put16(cd, 1); put16(cd, 24); put64(cd, quint64(e.data.size())); put64(cd, quint64(e.data.size())); put64(cd, lho);
        }
    }
    const quint64 cd_off = static_cast<quint64>(out.size());
    out += cd;
    if (zip64) {
        const quint64 z64 = static_cast<quint64>(out.size());
        put32(out, 0x06064b50); put64(out, 44); put16(out, 45); put16(out, 45); put32(out, 0); put32(out, 0);
        put64(out, entries.size()); put64(out, entries.size()); put64(out, quint64(cd.size())); put64(out, cd_off);
        put32(out, 0x07064b50); put32(out, 0); put64(out, z64); put32(out, 1);
    }
    put32(out, 0x06054b50); put16(out, 0); put16(out, 0);
    put16(out, zip64 ? 0xFFFF : quint16(entries.size())); put16(out, zip64 ? 0xFFFF : quint16(entries.size()));
    put32(out, zip64 ? 0xFFFFFFFFu : quint32(cd.size())); put32(out, zip64 ? 0xFFFFFFFFu : quint32(cd_off)); put16(out, 0);
    return out;
}

/// Entries of a plain (non-ZIP64) stored ZIP, read independently of the code under test.
inline std::vector<ZipIn> readZip(const QByteArray& z) {
    auto u16 = [&](qsizetype p) { quint16 v; std::memcpy(&v, z.constData() + p, 2); return v; };
    auto u32 = [&](qsizetype p) { quint32 v; std::memcpy(&v, z.constData() + p, 4); return v; };
    const qsizetype eocd = z.lastIndexOf(QByteArray("PK\x05\x06", 4));
    const int count = u16(eocd + 10);
    qsizetype p = u32(eocd + 16);
    std::vector<ZipIn> out;
    for (int i = 0; i < count; ++i) {
        const quint32 size = u32(p + 24), lho = u32(p + 42);
        const quint16 nl = u16(p + 28), xl = u16(p + 30), cl = u16(p + 32);
        ZipIn e;
        e.name = z.mid(p + 46, nl);
        e.data = z.mid(lho + 30 + u16(lho + 26) + u16(lho + 28), size);
        out.push_back(e);
        p += 46 + nl + xl + cl;
    }
    return out;
}

/// A .pth-shaped archive whose data.pkl is `pickle`.
inline QByteArray pthWithPickle(const QByteArray& pickle) {
    return makeZip({{"m/data.pkl", pickle}, {"m/byteorder", "little"}, {"m/data/0", QByteArray(64, '\0')}}, false);
}

inline const char* const kTinyFiles[] = {"tiny-rwkv7-834K.pth", "tiny-rwkv7-834K.safetensors",
                                         "tiny-rwkv7-834K-bf16.safetensors", "tiny-rwkv-7v0-834K-FP32.bin",
                                         "tiny-rwkv-7v0-834K-FP16.bin", "tiny-rwkv7-834K-F16.gguf"};

}  // namespace format_test
