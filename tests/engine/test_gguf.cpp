// GGUF (spec §10.2) beyond the stored F16 file: ggml K-quant super-blocks decoded bit-exactly, a tiny-model GGUF
// mixing Q4_K/Q5_K/Q6_K/Q8_0/F16/F32 tensors (as Q4_K_M-style files do) that loads and stays close to the F16
// file, and malformed GGUF files (bad blocks, sizes, metadata, offsets, architectures) that give clear errors.
#include <QtTest>

#include <QTemporaryDir>

#include <cmath>
#include <functional>
#include <map>
#include <optional>
#include <random>

#include "formats/dequant.h"
#include "gguf_builder.h"
#include "golden.h"
#include "rwkv/error.h"
#include "rwkv/model.h"
#include "rwkv/weights.h"
#include "test_files.h"

using rwkv::ErrorCode;
namespace g = gguf_test;

namespace {

using test_files::readAll;
using test_files::writeAll;

const QString kTinyF16 = QStringLiteral(RWKV_TESTDATA_DIR "/tiny-rwkv7-834K-F16.gguf");

/// The rwkv::Error thrown by loading `bytes` as a file (nullopt when it loads); its message goes to `msg`.
std::optional<ErrorCode> loadError(const QByteArray& bytes, std::string* msg = nullptr) {
    QTemporaryDir dir;
    const QString p = dir.filePath("m.gguf");
    writeAll(p, bytes);
    try {
        rwkv::load_weights(p.toStdString());
    } catch (const rwkv::Error& e) {
        if (msg) *msg = e.what();
        return e.code();
    }
    return std::nullopt;
}

#define EXPECT_LOAD_ERROR(bytes, code, text)                                                              \
    do {                                                                                                  \
        std::string msg_;                                                                                 \
        QCOMPARE(loadError(bytes, &msg_), std::optional(code));                                           \
        QVERIFY2(msg_.find(text) != std::string::npos, ("message lacks '" + std::string(text) + "': " + msg_).c_str()); \
    } while (0)

std::vector<float> dequant(rwkv::formats::BlockType t, const QByteArray& blocks) {
    std::vector<float> out(std::size_t(blocks.size()) / rwkv::formats::block_bytes(t) * rwkv::formats::block_elems(t));
    rwkv::formats::dequantize(t, reinterpret_cast<const std::byte*>(blocks.constData()), out);
    return out;
}

/// Random fp16 bits of a finite number with magnitude in about [2^-20, 2^4], either sign (subnormals included).
std::uint16_t randomHalf(std::mt19937& rng) {
    const unsigned exp = rng() % 20;  // biased exponents 0..19: subnormals .. 16
    return std::uint16_t((rng() & 1u) << 15 | exp << 10 | (rng() & 0x3FFu));
}

/// Which K-quant the mix file gives blk.{layer}.channel_mix_value (the only matrices whose rows, 256
/// elements, fit a K-quant super-block in this 64-wide model; ggml needs ne[0] % 256 == 0).
std::uint32_t mixTypeOfLayer(int layer) {
    static constexpr std::uint32_t kCycle[] = {g::Q4_K, g::Q5_K, g::Q6_K};
    return kCycle[layer % 3];
}

struct Mix {
    QByteArray file;
    std::map<std::string, std::vector<float>> expected;  // official name -> expected dequantised values (fp32)
};

/// The tiny F16 GGUF re-encoded like a Q4_K_M file: channel_mix_value in Q4_K/Q5_K/Q6_K (by layer), the 64x64
/// time-mix projections in Q8_0 (llama.cpp's fallback for rows too short for K-quants), the rest unchanged.
Mix makeMix() {
    g::File f = g::parse(readAll(kTinyF16));
    Mix mix;
    for (auto& t : f.tensors) {
        const auto dot = t.name.find('.', 4);
        const std::string layer = t.name.substr(4, dot - 4), rest = t.name.substr(dot + 1);
        if (t.name.rfind("blk.", 0) != 0) continue;
        const std::vector<float> x = g::floats(t);
        std::vector<float> want;
        QByteArray out;
        if (rest == "channel_mix_value.weight") {
            t.type = mixTypeOfLayer(std::stoi(layer));
            for (std::size_t b = 0; b < x.size() / 256; ++b) {
                if (t.type == g::Q6_K) {
                    const auto v = g::quantiseQ6K(&x[b * 256]);
                    out += g::encodeQ6K(v);
                    for (int i = 0; i < 256; ++i) want.push_back(g::valueQ6K(v, i));
                } else {
                    const bool five = t.type == g::Q5_K;
                    const auto v = g::quantiseQ45K(&x[b * 256], five);
                    out += g::encodeQ45K(v, five);
                    for (int i = 0; i < 256; ++i) want.push_back(g::valueQ45K(v, i));
                }
            }
            mix.expected["blocks." + layer + ".ffn.value.weight"] = want;
        } else if (rest == "time_mix_key.weight" || rest == "time_mix_value.weight" ||
                   rest == "time_mix_receptance.weight" || rest == "time_mix_output.weight") {
            t.type = g::Q8_0;
            for (std::size_t b = 0; b < x.size() / 32; ++b) {
                float amax = 0;
                for (int j = 0; j < 32; ++j) amax = std::max(amax, std::fabs(x[b * 32 + j]));
                const std::uint16_t dh = rwkv::f32_to_f16(amax / 127.0f);
                const float d = rwkv::f16_to_f32(dh);
                g::put(out, &dh, 2);
                for (int j = 0; j < 32; ++j) {
                    const int q = d > 0 ? std::clamp(int(std::lround(x[b * 32 + j] / d)), -127, 127) : 0;
                    out.append(char(std::int8_t(q)));
                    want.push_back(float(double(q) * d));
                }
            }
            const std::string off = rest == "time_mix_receptance.weight" ? "receptance" : rest.substr(9, rest.size() - 16);
            mix.expected["blocks." + layer + ".att." + off + ".weight"] = want;
        } else {
            continue;
        }
        t.data = out;
    }
    mix.file = g::write(f);
    return mix;
}

std::vector<float> f32(const rwkv::TensorView& t) {
    std::vector<float> v(std::size_t(t.numel()));
    t.to_f32(v);
    return v;
}

}  // namespace

class TestGguf : public QObject {
    Q_OBJECT

private slots:
    void blockGeometry() {
        using BT = rwkv::formats::BlockType;
        QCOMPARE(rwkv::formats::block_bytes(BT::Q4_K), std::size_t(144));  // 2+2+12+128
        QCOMPARE(rwkv::formats::block_bytes(BT::Q5_K), std::size_t(176));  // 2+2+12+32+128
        QCOMPARE(rwkv::formats::block_bytes(BT::Q6_K), std::size_t(210));  // 128+64+16+2
        for (BT t : {BT::Q4_K, BT::Q5_K, BT::Q6_K}) QCOMPARE(rwkv::formats::block_elems(t), std::size_t(256));
        QCOMPARE(rwkv::formats::block_type_from_ggml(12), std::optional(BT::Q4_K));
        QCOMPARE(rwkv::formats::block_type_from_ggml(14), std::optional(BT::Q6_K));
        QCOMPARE(rwkv::formats::block_type_from_ggml(11), std::nullopt);  // Q3_K: not supported
        QCOMPARE(rwkv::formats::ggml_type_name(11), std::string("Q3_K"));
    }

    // Random logical contents (every scale/min/quant bit pattern reachable, extremes forced in some blocks),
    // encoded bit by bit from the layout and decoded by the engine: every element exact.
    void kQuantBlocksBitExact() {
        using BT = rwkv::formats::BlockType;
        std::mt19937 rng(2024);
        for (int variant = 0; variant < 3; ++variant) {
            QByteArray blocks;
            std::vector<float> want;
            for (int b = 0; b < 40; ++b) {
                const int mode = b % 4;  // 0 random, 1 all maximal, 2 all zero quants, 3 random with extreme scales
                if (variant < 2) {
                    const bool five = variant == 1;
                    g::Q45K v;
                    v.d = randomHalf(rng);
                    v.dmin = randomHalf(rng);
                    for (int s = 0; s < 8; ++s) {
                        v.sc[s] = mode == 1 ? 63 : mode == 3 ? int(rng() % 2) * 63 : int(rng() % 64);
                        v.m[s] = mode == 1 ? 63 : mode == 3 ? int(rng() % 2) * 63 : int(rng() % 64);
                    }
                    for (int& q : v.q) q = mode == 1 ? (five ? 31 : 15) : mode == 2 ? 0 : int(rng() % (five ? 32 : 16));
                    blocks += g::encodeQ45K(v, five);
                    for (int i = 0; i < 256; ++i) want.push_back(g::valueQ45K(v, i));
                } else {
                    g::Q6K v;
                    v.d = randomHalf(rng);
                    for (int& s : v.sc) s = mode == 1 ? -128 : mode == 3 ? (rng() & 1 ? 127 : -128) : int(rng() % 256) - 128;
                    for (int& q : v.q) q = mode == 1 ? 63 : mode == 2 ? 0 : int(rng() % 64);
                    blocks += g::encodeQ6K(v);
                    for (int i = 0; i < 256; ++i) want.push_back(g::valueQ6K(v, i));
                }
            }
            const BT t = variant == 0 ? BT::Q4_K : variant == 1 ? BT::Q5_K : BT::Q6_K;
            const auto got = dequant(t, blocks);
            QCOMPARE(got.size(), want.size());
            for (std::size_t i = 0; i < got.size(); ++i)
                if (got[i] != want[i])
                    QFAIL(qPrintable(QStringLiteral("type %1 element %2 (block %3): got %4, expected %5")
                                         .arg(variant).arg(i).arg(i / 256).arg(double(got[i]), 0, 'g', 9).arg(double(want[i]), 0, 'g', 9)));
        }
    }

    // A few literal values, worked out by hand from the layout (no encoder involved).
    void kQuantKnownAnswers() {
        using BT = rwkv::formats::BlockType;
        // Q4_K: d = 1.0 (0x3C00), dmin = 0.5 (0x3800); scales bytes: byte 0 = 0b11000010 (sub-block 0 scale 2,
        // top bits 3 = high bits of sub-block 4's scale), byte 4 = 0b00000101 (sub-block 0 min 5), byte 8 =
        // 0b01110001 (sub-block 4: scale low 1, min low 7), byte 4 again gives sub-block 4's min high bits 0.
        // qs[0] = 0x9A: element 0 = 0xA (low nibble), element 32 = 0x9 (high nibble, sub-block 1).
        // qs[64] = 0x0C: element 128 (sub-block 4) = 0xC.
        QByteArray q4(144, '\0');
        q4[0] = char(0x00); q4[1] = char(0x3C); q4[2] = char(0x00); q4[3] = char(0x38);
        q4[4 + 0] = char(0xC2); q4[4 + 4] = char(0x05); q4[4 + 8] = char(0x71);
        q4[16 + 0] = char(0x9A); q4[16 + 64] = char(0x0C);
        const auto y4 = dequant(BT::Q4_K, q4);
        QCOMPARE(y4[0], 1.0f * 2 * 10 - 0.5f * 5);        // 17.5
        QCOMPARE(y4[32], 0.0f);                           // sub-block 1: scale 0, min 0
        QCOMPARE(y4[128], 1.0f * (1 + 3 * 16) * 12 - 0.5f * 7);  // scale 49, min 7: 584.5
        QCOMPARE(y4[129], -0.5f * 7);
        // Q6_K: d = 0.25 (0x3400); scales[0] = -3, scales[8] = 5; ql[0] = 0x21 (element 0 low 1, element 64 low 2),
        // qh[0] = 0b10010011 (element 0 high 3, element 32 high 0, element 64 high 1, element 96 high 2);
        // ql[64] = 0x0F with qh[32] = 0 -> element 128 = 15.
        QByteArray q6(210, '\0');
        q6[0] = char(0x21); q6[128] = char(0x93); q6[64] = char(0x0F);
        q6[192 + 0] = char(-3); q6[192 + 4] = char(7); q6[192 + 8] = char(5); q6[192 + 6] = char(2);
        q6[208] = char(0x00); q6[209] = char(0x34);
        const auto y6 = dequant(BT::Q6_K, q6);
        QCOMPARE(y6[0], 0.25f * -3 * ((1 | 3 << 4) - 32));   // q = 49: -12.75
        QCOMPARE(y6[32], 0.25f * 0 * (0 - 32));             // scales[2] = 0
        QCOMPARE(y6[64], 0.25f * 7 * ((2 | 1 << 4) - 32));   // scales[4] = 7, q = 18: -24.5
        QCOMPARE(y6[96], 0.25f * 2 * ((0 | 2 << 4) - 32));   // scales[6] = 2, q = 32: 0
        QCOMPARE(y6[128], 0.25f * 5 * (15 - 32));           // scales[8] = 5: -21.25
        QCOMPARE(y6[1], 0.25f * -3 * -32);                  // all-zero bits: q = 0 -> 24
    }

    // A Q4_K_M-style mix of the tiny model: each quantised tensor holds exactly the expected values (rounded to
    // fp16, the dtype the loader dequantises to), every other tensor is unchanged, and the logits stay close.
    void tinyKQuantMixLoads() {
        const Mix mix = makeMix();
        QCOMPARE(mix.expected.size(), std::size_t(12 + 12 * 4));
        QTemporaryDir dir;
        const QString p = dir.filePath("tiny-mix.gguf");
        writeAll(p, mix.file);
        const auto ws = rwkv::load_weights(p.toStdString());
        const auto ref = rwkv::load_weights(kTinyF16.toStdString());
        QCOMPARE(ws.shape.to_string(), ref.shape.to_string());
        for (const auto& [name, t] : ref.tensors()) {
            const auto& u = ws.get(name);
            QCOMPARE(u.shape, t.shape);
            const auto it = mix.expected.find(name);
            if (it == mix.expected.end()) {
                QVERIFY2(f32(u) == f32(t), name.c_str());
                continue;
            }
            QCOMPARE(u.dtype, rwkv::DType::F16);  // dequantised to fp16: memory = the fp16 size
            QCOMPARE(u.nbytes, std::size_t(u.numel()) * 2);
            std::vector<float> want = it->second;
            for (float& x : want) x = rwkv::f16_to_f32(rwkv::f32_to_f16(x));
            QVERIFY2(f32(u) == want, name.c_str());
            QVERIFY2(f32(u) != f32(t), name.c_str());  // really quantised
        }

        // Logits on the golden tiny prompts, fp32 reference backend: the mix vs the F16 file it came from.
        // Tolerance 0.02 max-abs, about 5x the measured 0.0035: the mix moves 30% of the weights by up to half a
        // quantisation step (Q4_K: 1/30 of a 32-value range, Q8_0: 1/254 of the largest value); a decoding
        // error is caught exactly by the tensor check above, this bounds the effect on the model. The golden
        // top-1 must hold.
        auto a = rwkv::Model::load(p.toStdString());
        auto b = rwkv::Model::load(kTinyF16.toStdString());
        const auto idx = golden::index();
        int cases = 0;
        for (const auto& c : idx["cases"]) {
            if (c["model"] != "tiny") continue;
            const auto ids = c["token_ids"].get<std::vector<std::int32_t>>();
            std::vector<float> la(256), lb(256);
            rwkv::State sa = a->new_state(), sb = b->new_state();
            a->forward(sa, ids, la);
            b->forward(sb, ids, lb);
            const double d = golden::max_abs_diff(la, lb);
            const int top = int(std::max_element(la.begin(), la.end()) - la.begin());
            qInfo("K-quant mix vs F16 GGUF, %s: max|dlogit| %.4f, top-1 %d (golden %d)",
                  std::string(c["id"]).c_str(), d, top, c["top5_ids"][0].get<int>());
            QVERIFY(d <= 0.02);
            QCOMPARE(top, c["top5_ids"][0].get<int>());
            ++cases;
        }
        QCOMPARE(cases, 3);
        // The fast CPU path takes the dequantised fp16 tensors as they are.
        rwkv::LoadOptions o;
        o.weight_dtype = rwkv::DType::F16;
        auto fast = rwkv::Model::load(p.toStdString(), o);
        rwkv::State s = fast->new_state(), s2 = a->new_state();
        std::vector<float> lf(256), lr(256);
        fast->forward(s, std::vector<std::int32_t>{34, 105, 110}, lf);
        a->forward(s2, std::vector<std::int32_t>{34, 105, 110}, lr);
        QVERIFY(golden::max_abs_diff(lf, lr) <= 0.05);
    }

    void malformedKQuants() {
        g::File base = g::parse(readAll(kTinyF16));
        // A K-quant on a tensor whose rows (64) are shorter than a super-block (256): ggml forbids it.
        {
            g::File f = base;
            g::Tensor* t = g::find(f, "blk.3.time_mix_key.weight");  // ne {64, 64}
            t->type = g::Q4_K;
            t->data = QByteArray(16 * 144, '\0');
            EXPECT_LOAD_ERROR(g::write(f), ErrorCode::CorruptFile,
                              "Q4_K tensor blk.3.time_mix_key.weight [64, 64] has a row length of 64, not a multiple of the Q4_K block size 256");
        }
        // Data shorter than the blocks its shape needs (the last tensor of the file, so nothing follows it).
        {
            g::File f = base;
            g::Tensor& t = f.tensors.back();
            QCOMPARE(t.name, std::string("output.weight"));  // ne {64, 256}: not K-quantisable either; use the FFN
            g::Tensor* v = g::find(f, "blk.11.channel_mix_value.weight");
            v->type = g::Q6_K;
            v->data = QByteArray(64 * 210, '\0');
            std::swap(*v, t);  // move it to the end
            QByteArray bytes = g::write(f);
            bytes.chop(211);
            EXPECT_LOAD_ERROR(bytes, ErrorCode::TruncatedFile, "data of Q6_K tensor blk.11.channel_mix_value.weight");
        }
        // A block whose scale is NaN: refused, naming tensor and block.
        {
            g::File f = base;
            g::Tensor* v = g::find(f, "blk.5.channel_mix_value.weight");
            v->type = g::Q5_K;
            v->data = QByteArray(64 * 176, '\0');
            v->data[7 * 176 + 0] = char(0x00);
            v->data[7 * 176 + 1] = char(0x7E);  // d = NaN in block 7
            v->data[7 * 176 + 4] = char(1);     // sub-block 0 scale 1, so the NaN reaches the values
            EXPECT_LOAD_ERROR(g::write(f), ErrorCode::CorruptFile,
                              "Q5_K tensor blk.5.channel_mix_value.weight holds a non-finite value (NaN or infinity) at element 1792 (block 7)");
        }
        // A quantisation the engine does not read: named, with the supported list.
        {
            g::File f = base;
            g::Tensor* v = g::find(f, "blk.2.channel_mix_value.weight");
            v->type = g::Q3_K;
            v->data = QByteArray(64 * 110, '\0');
            EXPECT_LOAD_ERROR(g::write(f), ErrorCode::UnsupportedFormat, "ggml type Q3_K (11); supported: F32, F16, BF16");
        }
        // A type id ggml had not defined when this reader was written: its number, once ("type 99 (99)" until
        // session 59's trial2).
        {
            g::File f = base;
            g::find(f, "blk.2.channel_mix_value.weight")->type = g::GgmlType(99);
            EXPECT_LOAD_ERROR(g::write(f), ErrorCode::UnsupportedFormat,
                              "blk.2.channel_mix_value.weight has ggml type 99, a type unknown here; supported: F32,");
        }
    }

    // The container itself (issue 3's list): each malformed file gives an rwkv::Error with a clear message.
    void malformedContainer() {
        const g::File base = g::parse(readAll(kTinyF16));
        QVERIFY(!loadError(g::write(base)).has_value());  // the rewrite of the untouched file loads
        auto withKv = [&](const std::string& key, const QByteArray& entry) {
            g::File f = base;
            bool replaced = false;
            for (auto& kv : f.kvs)
                if (g::kvKey(kv) == key) kv = entry, replaced = true;
            if (!replaced) f.kvs.push_back(entry);
            return g::write(f);
        };
        EXPECT_LOAD_ERROR(withKv("", g::kvU32("", 7)), ErrorCode::CorruptFile, "has an empty key");
        {
            g::File f = base;
            f.kvs.push_back(f.kvs[0]);
            EXPECT_LOAD_ERROR(g::write(f), ErrorCode::CorruptFile, "GGUF metadata key general.architecture appears twice");
        }
        {
            g::File f = base;
            f.tensor_count = std::uint64_t(1) << 60;
            EXPECT_LOAD_ERROR(g::write(f), ErrorCode::CorruptFile, "header claims more entries than the file can hold");
            f.tensor_count.reset();
            f.kv_count = 0xFFFFFFFFFFFFull;
            EXPECT_LOAD_ERROR(g::write(f), ErrorCode::CorruptFile, "header claims more entries than the file can hold");
            f.kv_count = base.kvs.size() + 1;  // one entry more than written: the tensor infos are misread
            std::string misread;
            const auto code = loadError(g::write(f), &misread);
            QVERIFY2(code == std::optional(ErrorCode::CorruptFile), misread.c_str());
        }
        {
            g::File f = base;
            g::find(f, "blk.4.time_mix_k_k.weight")->offset = std::uint64_t(1) << 40;
            EXPECT_LOAD_ERROR(g::write(f), ErrorCode::CorruptFile, "tensor blk.4.time_mix_k_k.weight starts past the end of the file");
            QByteArray cut = g::write(base);
            cut.chop(1);  // the last tensor's data now ends 1 byte past the end
            EXPECT_LOAD_ERROR(cut, ErrorCode::TruncatedFile, "data of tensor output.weight (bytes ");
            EXPECT_LOAD_ERROR(cut, ErrorCode::TruncatedFile, ") runs past the end of the file");
            g::find(f, "blk.4.time_mix_k_k.weight")->offset = 0;  // overlapping the first tensor (memory amplification)
            EXPECT_LOAD_ERROR(g::write(f), ErrorCode::CorruptFile, "tensor blk.4.time_mix_k_k.weight has data offset 0, expected ");
            g::find(f, "blk.4.time_mix_k_k.weight")->offset = 36;
            EXPECT_LOAD_ERROR(g::write(f), ErrorCode::CorruptFile, "starts at data offset 36, not a multiple of the alignment 32");
        }
        {
            g::File f = base;
            g::find(f, "blk.1.time_mix_w0.weight")->ne = {std::uint64_t(1) << 41};
            EXPECT_LOAD_ERROR(g::write(f), ErrorCode::CorruptFile, "tensor blk.1.time_mix_w0.weight has a huge dimension");
            g::find(f, "blk.1.time_mix_w0.weight")->ne = {0};  // a zero-length tensor
            g::find(f, "blk.1.time_mix_w0.weight")->data.clear();
            EXPECT_LOAD_ERROR(g::write(f), ErrorCode::CorruptFile, "blocks.1.att.w0");
            g::find(f, "blk.1.time_mix_w0.weight")->ne = {64, 0};
            EXPECT_LOAD_ERROR(g::write(f), ErrorCode::CorruptFile, "blocks.1.att.w0");
        }
        EXPECT_LOAD_ERROR(withKv("general.architecture", g::kvString("general.architecture", "rwkv6")),
                          ErrorCode::UnsupportedModel, "unsupported architecture: RWKV-6");
        EXPECT_LOAD_ERROR(withKv("general.architecture", g::kvString("general.architecture", "llama")),
                          ErrorCode::UnsupportedModel, "unsupported architecture: 'llama' is not an RWKV model");
        {
            g::File f = base;
            f.kvs.erase(f.kvs.begin());
            EXPECT_LOAD_ERROR(g::write(f), ErrorCode::UnsupportedModel, "without general.architecture");
        }
        EXPECT_LOAD_ERROR(withKv("rwkv7.block_count", g::kvU32("rwkv7.block_count", 24)), ErrorCode::CorruptFile,
                          "metadata rwkv7.block_count = 24 but the tensors give n_layer 12");
        EXPECT_LOAD_ERROR(withKv("rwkv7.wkv.head_size", g::kvU32("rwkv7.wkv.head_size", 128)), ErrorCode::UnsupportedModel,
                          "head size 128");
        {
            // A vocabulary that does not match the model: 50277 tokens (the GPT-NeoX vocabulary of RWKV-4) for 256 rows.
            QByteArray kv;
            g::putStr(kv, "tokenizer.ggml.tokens");
            g::put32(kv, 9);
            g::put32(kv, 8);
            g::put64(kv, 50277);
            for (int i = 0; i < 50277; ++i) g::putStr(kv, "t" + std::to_string(i));
            EXPECT_LOAD_ERROR(withKv("tokenizer.ggml.tokens", kv), ErrorCode::CorruptFile,
                              "the embedded vocabulary (tokenizer.ggml.tokens) has 50277 tokens but the model has 256 embedding rows");
        }
        {
            QByteArray kv;
            g::putStr(kv, "x.bad");
            g::put32(kv, 13);  // no such value type
            EXPECT_LOAD_ERROR(withKv("x.bad", kv), ErrorCode::CorruptFile, "metadata value of unknown type 13");
        }
        {
            g::File f = base;
            f.version = 1;
            EXPECT_LOAD_ERROR(g::write(f), ErrorCode::UnsupportedFormat, "GGUF version 1 (expected 2 or 3)");
        }
    }
};

QTEST_APPLESS_MAIN(TestGguf)
#include "test_gguf.moc"
