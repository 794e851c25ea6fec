// Test helper: a minimal PyTorch .pth writer (stored ZIP + the pickle torch.save writes for a dict of tensors), written
// from the format (spec §2.4) independently of engine/src/formats, so that the tests check the reader; and the
// state-tuning file (blocks.{i}.att.time_state, rwkv/state_file.h) of a state the engine made, as the trainer stores it.
#pragma once

#include <QByteArray>

#include "rwkv/dtype.h"
#include "rwkv/shape.h"

#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

namespace pth_writer {

/// One tensor: its torch storage class ("FloatStorage", "HalfStorage", "BFloat16Storage"), torch shape and raw
/// little-endian bytes (row-major, contiguous).
struct Tensor {
    std::string name;
    std::string storage = "FloatStorage";
    std::vector<std::int64_t> shape;
    QByteArray bytes;
};

inline void put16(QByteArray& b, quint16 v) { b.append(reinterpret_cast<const char*>(&v), 2); }
inline void put32(QByteArray& b, quint32 v) { b.append(reinterpret_cast<const char*>(&v), 4); }

inline quint32 crc32(const QByteArray& d) {
    quint32 c = 0xFFFFFFFFu;
    for (unsigned char ch : d) {
        c ^= ch;
        for (int k = 0; k < 8; ++k) c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1u)));
    }
    return ~c;
}

/// A ZIP of stored (uncompressed) entries, as torch.save writes it.
inline QByteArray storedZip(const std::vector<std::pair<QByteArray, QByteArray>>& entries) {
    QByteArray out, cd;
    for (const auto& [name, data] : entries) {
        const quint32 lho = quint32(out.size()), crc = crc32(data);
        put32(out, 0x04034b50); put16(out, 20); put16(out, 0); put16(out, 0); put32(out, 0);
        put32(out, crc); put32(out, quint32(data.size())); put32(out, quint32(data.size()));
        put16(out, quint16(name.size())); put16(out, 0);
        out += name;
        out += data;
        put32(cd, 0x02014b50); put16(cd, 20); put16(cd, 20); put16(cd, 0); put16(cd, 0); put32(cd, 0);
        put32(cd, crc); put32(cd, quint32(data.size())); put32(cd, quint32(data.size()));
        put16(cd, quint16(name.size())); put16(cd, 0); put16(cd, 0); put16(cd, 0); put16(cd, 0); put32(cd, 0);
        put32(cd, lho);
        cd += name;
    }
    const quint32 cdOffset = quint32(out.size());
    out += cd;
    put32(out, 0x06054b50); put16(out, 0); put16(out, 0); put16(out, quint16(entries.size()));
    put16(out, quint16(entries.size())); put32(out, quint32(cd.size())); put32(out, cdOffset); put16(out, 0);
    return out;
}

inline void unicode(QByteArray& p, const std::string& s) {  // BINUNICODE
    p += 'X';
    put32(p, quint32(s.size()));
    p += QByteArray::fromStdString(s);
}

inline void integer(QByteArray& p, std::int64_t v) {  // BININT (fits every test's sizes)
    p += 'J';
    put32(p, quint32(std::int32_t(v)));
}

inline void intTuple(QByteArray& p, const std::vector<std::int64_t>& v) {
    p += '(';
    for (auto x : v) integer(p, x);
    p += 't';
}

/// A .pth holding the dict {name: tensor} (protocol 2, the opcodes torch.save uses), one storage per tensor.
inline QByteArray makePth(const std::vector<Tensor>& tensors) {
    QByteArray p("\x80\x02}(", 4);  // PROTO 2, EMPTY_DICT, MARK
    std::vector<std::pair<QByteArray, QByteArray>> entries;
    for (std::size_t k = 0; k < tensors.size(); ++k) {
        const Tensor& t = tensors[k];
        const int es = t.storage == "FloatStorage" ? 4 : 2;
        std::vector<std::int64_t> stride(t.shape.size());
        std::int64_t numel = 1;
        for (std::size_t d = t.shape.size(); d-- > 0;) stride[d] = numel, numel *= t.shape[d];
        unicode(p, t.name);
        p += "ctorch._utils\n_rebuild_tensor_v2\n(";
        p += '(';  // the persistent id ('storage', class, key, location, numel)
        unicode(p, "storage");
        p += QByteArray::fromStdString("ctorch\n" + t.storage + "\n");
        unicode(p, std::to_string(k));
        unicode(p, "cpu");
        integer(p, std::int64_t(t.bytes.size() / es));
        p += "tQ";
        integer(p, 0);
        intTuple(p, t.shape);
        intTuple(p, stride);
        p += "\x89" "ccollections\nOrderedDict\n)R";  // requires_grad False, backward hooks OrderedDict()
        p += "tR";
        entries.push_back({"state/data/" + QByteArray::number(qulonglong(k)), t.bytes});
    }
    p += "u.";  // SETITEMS, STOP
    entries.insert(entries.begin(), {{"state/data.pkl", p}, {"state/byteorder", "little"}});
    return storedZip(entries);
}

/// The time_state tensors of a host state (spec §5 layout) as the trainer stores them: file [h][a][b] = our wkv
/// (h, m = b, j = a), in `as` (F32, F16 or BF16); token shifts are not stored. `transpose` false writes our layout as
/// it is (the one bug the orientation test must catch).
inline std::vector<Tensor> time_states(const std::vector<float>& state, const rwkv::ModelShape& s,
                                       rwkv::DType as = rwkv::DType::F32, bool transpose = true) {
    const int heads = s.n_head, n = s.head_size;
    std::vector<Tensor> out;
    for (int l = 0; l < s.n_layer; ++l) {
        const float* w = state.data() + std::size_t(l) * s.state_floats_per_layer() + std::size_t(s.n_embd);
        Tensor t;
        t.name = "blocks." + std::to_string(l) + ".att.time_state";
        t.shape = {heads, n, n};
        t.storage = as == rwkv::DType::F32 ? "FloatStorage" : as == rwkv::DType::F16 ? "HalfStorage" : "BFloat16Storage";
        for (int h = 0; h < heads; ++h)
            for (int a = 0; a < n; ++a)
                for (int b = 0; b < n; ++b) {
                    const float v = transpose ? w[(h * n + b) * n + a] : w[(h * n + a) * n + b];
                    if (as == rwkv::DType::F32) {
                        t.bytes.append(reinterpret_cast<const char*>(&v), 4);
                    } else {
                        const std::uint16_t x = as == rwkv::DType::F16 ? rwkv::f32_to_f16(v) : rwkv::f32_to_bf16(v);
                        t.bytes.append(reinterpret_cast<const char*>(&x), 2);
                    }
                }
        out.push_back(std::move(t));
    }
    return out;
}

}  // namespace pth_writer
