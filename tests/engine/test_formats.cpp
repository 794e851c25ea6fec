// Checkpoint readers (engine/src/formats): every tiny test file loads with the golden shape, all formats
// give bit-identical canonical tensors, spec §11.1 values, rwkv.cpp records and the safetensors writer. Hostile,
// truncated and foreign input only ever throws: test_formats_damaged.cpp. Shared helpers: format_test_util.h.
#include <QtTest>

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtEndian>

#include <cmath>
#include <cstring>
#include <algorithm>
#include <functional>
#include <map>
#include <optional>
#include <random>
#include <set>

#include "formats/mapped_file.h"
#include "formats/readers.h"
#include "rwkv/error.h"
#include "rwkv/weights.h"
#include "format_test_util.h"
#include "test_files.h"

using rwkv::ErrorCode;
using namespace format_test;

class TestFormats : public QObject {
    Q_OBJECT

    /// Every canonical tensor of `ws` equals (bit for bit after to_f32) the one in `ref`; same name set.
    void compareToReference(const rwkv::WeightSet& ws, const rwkv::WeightSet& ref) {
        for (const auto& [name, t] : ref.tensors()) {
            QVERIFY2(ws.has(name), name.c_str());
            const auto& u = ws.get(name);
            QVERIFY2(u.shape == t.shape, name.c_str());
            auto a = f32(t);
            const auto b = f32(u);
            // Values are bf16-exact, so fp32/bf16 storage is lossless; fp16 storage is lossless too except for
            // magnitudes below 2^-14 (fp16 subnormals, e.g. 6.3479e-06 -> 6.3181e-06): expect exactly the
            // fp16 rounding of the reference there.
            if (u.dtype == rwkv::DType::F16)
                for (auto& x : a)
                    if (std::fabs(x) < 0x1p-14f) x = std::nearbyint(x * 0x1p24f) * 0x1p-24f;  // RNE to 2^-24 steps
            QVERIFY2(std::memcmp(a.data(), b.data(), a.size() * 4) == 0, name.c_str());
        }
        for (const auto& [name, t] : ws.tensors())
            QVERIFY2(ref.has(name) || name.rfind("gguf.", 0) == 0 || name.rfind("hf.", 0) == 0, name.c_str());
    }

private slots:
    void tinyFilesHaveGoldenShape_data() {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("format");
        const rwkv::CheckpointFormat fmts[] = {rwkv::CheckpointFormat::Pth, rwkv::CheckpointFormat::Safetensors,
                                               rwkv::CheckpointFormat::Safetensors, rwkv::CheckpointFormat::RwkvCpp,
                                               rwkv::CheckpointFormat::RwkvCpp, rwkv::CheckpointFormat::Gguf};
        for (int i = 0; i < 6; ++i) QTest::newRow(kTinyFiles[i]) << td(kTinyFiles[i]) << int(fmts[i]);
    }
    void tinyFilesHaveGoldenShape() {
        QFETCH(QString, file);
        QFETCH(int, format);
        const auto ws = rwkv::load_weights(file.toStdString());
        QCOMPARE(int(ws.format), format);
        // golden/index.json "tiny": L12 C64 H1 N64 F256 V256, lora w/a/v/g 32.
        QCOMPARE(QString::fromStdString(ws.shape.to_string()), QStringLiteral("L12 C64 H1 F256 V256 lora 32/32/32/32"));
        QCOMPARE(ws.shape.head_size, 64);
        QCOMPARE(ws.get("blocks.0.att.w1").shape, (std::vector<std::int64_t>{32, 64}));  // [out, in]
        QCOMPARE(ws.get("blocks.0.att.w2").shape, (std::vector<std::int64_t>{64, 32}));
        QCOMPARE(ws.get("blocks.3.att.r_k").shape, (std::vector<std::int64_t>{64}));
        QVERIFY(!ws.has("blocks.0.att.v0") && !ws.has("blocks.0.att.v1") && !ws.has("blocks.0.att.v2"));
        // spec §11.1 checkpoints (bf16-exact values, so exact comparison).
        const auto& xr = ws.get("blocks.0.att.x_r");
        QCOMPARE(xr.at(0), 1.0078125f);
        QCOMPARE(xr.at(1), 0.57421875f);
        QCOMPARE(xr.at(2), 0.50390625f);
        const auto& w0 = ws.get("blocks.0.att.w0");
        QCOMPARE(w0.at(0), -6.5f);
        QCOMPARE(w0.at(1), -6.34375f);
        QCOMPARE(w0.at(2), -6.21875f);
        // 829,888 parameters (spec §11.1), none of layer 0's v-LoRA.
        std::int64_t params = 0;
        for (const auto& [n, t] : ws.tensors()) params += t.numel();
        QCOMPARE(params, std::int64_t(829888));
    }

    void randL3D128Shape() {
        const auto ws = rwkv::load_weights(td("rand-rwkv7-L3-D128.safetensors").toStdString());
        QCOMPARE(QString::fromStdString(ws.shape.to_string()), QStringLiteral("L3 C128 H2 F512 V65536 lora 32/32/16/64"));
        QCOMPARE(ws.get("blocks.2.att.v1").shape, (std::vector<std::int64_t>{16, 128}));
        QCOMPARE(ws.get("emb.weight").dtype, rwkv::DType::BF16);
        QCOMPARE(ws.total_bytes(), std::size_t(34971744 - 8 - 9304));  // every byte of the data block is a tensor
    }

    void crossFormatEquality_data() {
        QTest::addColumn<QString>("file");
        for (const char* f : kTinyFiles) QTest::newRow(f) << td(f);
    }
    void crossFormatEquality() {
        // Exact equality with the fp32 safetensors (bf16-exact values, spec §2.2); see compareToReference.
        QFETCH(QString, file);
        const auto ref = rwkv::load_weights(td("tiny-rwkv7-834K.safetensors").toStdString());
        const auto ws = rwkv::load_weights(file.toStdString());
        compareToReference(ws, ref);
    }

    void loraTransposeAgainstRawPth() {
        // Independent of the readers: element (c, d) of the .pth's [C, Dw] w1 (read straight from the raw
        // safetensors bytes) must equal canonical w1 (d, c), and rwkv.cpp (stored [out, in]) must agree.
        const QByteArray file = readAll(td("tiny-rwkv7-834K.safetensors"));
        const auto st = splitSafetensors(file);
        const auto off = st.header["blocks.4.att.w1"].toObject()["data_offsets"].toArray();
        const float* raw = reinterpret_cast<const float*>(st.data.constData() + off[0].toInteger());
        const auto ws = rwkv::load_weights(td("tiny-rwkv-7v0-834K-FP32.bin").toStdString());
        const auto& w1 = ws.get("blocks.4.att.w1");
        for (int c = 0; c < 64; c += 7)
            for (int d = 0; d < 32; d += 5) QCOMPARE(w1.at(std::size_t(d * 64 + c)), raw[c * 32 + d]);
    }

    void zip64Pth() {
        // Rebuild the tiny .pth with ZIP64 central-directory records and extra fields: same tensors.
        const auto entries = readZip(readAll(td("tiny-rwkv7-834K.pth")));
        QVERIFY(entries.size() > 300);
        QTemporaryDir dir;
        const QString p = dir.filePath("zip64.pth");
        writeAll(p, makeZip(entries, true));
        const auto ws = rwkv::load_weights(p.toStdString());
        compareToReference(ws, rwkv::load_weights(td("tiny-rwkv7-834K.safetensors").toStdString()));
    }

    void hfFlavourSafetensors() {
        // Write the tiny model under HF/fla names (spec §2.5 B): fused x_x, LoRA in Linear layout, w0 as bias.
        const auto ref = rwkv::load_weights(td("tiny-rwkv7-834K.safetensors").toStdString());
        QJsonObject header;
        QByteArray data;
        auto add = [&](const QString& name, std::vector<float> v, QJsonArray shape) {
            QJsonObject e;
            e["dtype"] = "F32";
            e["shape"] = shape;
            e["data_offsets"] = QJsonArray{qint64(data.size()), qint64(data.size() + qsizetype(v.size() * 4))};
            header[name] = e;
            data.append(reinterpret_cast<const char*>(v.data()), qsizetype(v.size() * 4));
        };
        auto get = [&](const std::string& n) { return f32(ref.get(n)); };
        add("model.embeddings.weight", get("emb.weight"), {256, 64});
        add("lm_head.weight", get("head.weight"), {256, 64});
        add("model.norm.weight", get("ln_out.weight"), {64});
        add("model.norm.bias", get("ln_out.bias"), {64});
        add("model.layers.0.pre_norm.weight", get("blocks.0.ln0.weight"), {64});
        add("model.layers.0.pre_norm.bias", get("blocks.0.ln0.bias"), {64});
        for (int i = 0; i < 12; ++i) {
            const std::string b = "blocks." + std::to_string(i) + ".";
            const QString h = QStringLiteral("model.layers.%1.").arg(i);
            for (auto [from, to] : std::vector<std::pair<const char*, const char*>>{
                     {"ln1.weight", "attn_norm.weight"}, {"ln1.bias", "attn_norm.bias"}, {"ln2.weight", "ffn_norm.weight"},
                     {"ln2.bias", "ffn_norm.bias"}, {"att.k_k", "attn.k_k"}, {"att.k_a", "attn.k_a"},
                     {"att.ln_x.weight", "attn.g_norm.weight"}, {"att.ln_x.bias", "attn.g_norm.bias"}, {"ffn.x_k", "ffn.x_k"},
                     {"att.w0", "attn.w_lora.lora.2.bias"}, {"att.a0", "attn.a_lora.lora.2.bias"}})
                add(h + to, get(b + from), {64});
            if (i > 0) add(h + "attn.v_lora.lora.2.bias", get(b + "att.v0"), {64});
            add(h + "attn.r_k", get(b + "att.r_k"), {1, 64});
            std::vector<float> xx;
            for (const char* m : {"x_r", "x_w", "x_k", "x_v", "x_a", "x_g"}) {
                auto v = get(b + "att." + m);
                xx.insert(xx.end(), v.begin(), v.end());
            }
            add(h + "attn.x_x", xx, {6, 64});
            for (char l : std::string(i > 0 ? "wavg" : "wag")) {
                add(h + QStringLiteral("attn.%1_lora.lora.0.weight").arg(l), get(b + "att." + l + "1"), {32, 64});
                add(h + QStringLiteral("attn.%1_lora.lora.2.weight").arg(l), get(b + "att." + l + "2"), {64, 32});
            }
            for (auto [from, to] : std::vector<std::pair<const char*, const char*>>{
                     {"att.receptance.weight", "attn.r_proj.weight"}, {"att.key.weight", "attn.k_proj.weight"},
                     {"att.value.weight", "attn.v_proj.weight"}, {"att.output.weight", "attn.o_proj.weight"}})
                add(h + to, get(b + from), {64, 64});
            add(h + "ffn.key.weight", get(b + "ffn.key.weight"), {256, 64});
            add(h + "ffn.value.weight", get(b + "ffn.value.weight"), {64, 256});
        }
        QTemporaryDir dir;
        const QString p = dir.filePath("hf.safetensors");
        writeAll(p, makeSafetensors(header, data));
        compareToReference(rwkv::load_weights(p.toStdString()), ref);
    }

    void missingTensorInRwkvCpp() {
        // Drop the record of blocks.7.ffn.value.weight from the FP32 .bin (records are walked independently here).
        const QByteArray all = readAll(td("tiny-rwkv-7v0-834K-FP32.bin"));
        QByteArray out = all.left(24);
        bool dropped = false;
        const auto records = test_files::rwkvCppRecords(all);
        QVERIFY(records.size() > 10);
        QCOMPARE(records.back().offset + records.back().size(), all.size());
        for (const auto& r : records) {
            if (r.key == "blocks.7.ffn.value.weight") dropped = true;
            else out += all.mid(r.offset, r.size());
        }
        QVERIFY(dropped);
        QTemporaryDir dir;
        writeAll(dir.filePath("m.bin"), out);
        std::string msg;
        QCOMPARE(loadError(dir.filePath("m.bin"), &msg), std::optional(ErrorCode::CorruptFile));
        QVERIFY2(msg.find("blocks.7.ffn.value.weight") != std::string::npos, msg.c_str());
    }

    void quantisedRwkvCppQ8_0() {
        // Re-encode the big matrices of the FP32 .bin as rwkv.cpp Q8_0 (type 9: fp16 d + 32 int8) and check the
        // reader dequantises every element to exactly q * d; all other tensors must stay bit-identical.
        const QByteArray all = readAll(td("tiny-rwkv-7v0-834K-FP32.bin"));
        QByteArray out = all.left(24);
        std::map<std::string, std::vector<float>> expected;
        const auto records = test_files::rwkvCppRecords(all);
        QVERIFY(records.size() > 10);
        QCOMPARE(records.back().offset + records.back().size(), all.size());
        for (const auto& r : records) {
            const qsizetype p = r.offset, head = r.header, n = r.elements;
            const std::string key = r.key.toStdString();
            const bool quantise = key.find(".weight") != std::string::npos && key.find("ln") == std::string::npos &&
                                  key != "emb.weight" && key != "head.weight";
            if (!quantise) {
                out += all.mid(p, head + n * 4);
            } else {
                QByteArray rec = all.mid(p, head);
                const quint32 q8 = 9;
                std::memcpy(rec.data() + 8, &q8, 4);
                std::vector<float> xs(static_cast<std::size_t>(n));  // copied: the record data is not 4-byte aligned
                std::memcpy(xs.data(), all.constData() + p + head, xs.size() * 4);
                const float* x = xs.data();
                auto& exp = expected[key];
                for (qsizetype b = 0; b < n / 32; ++b) {
                    float amax = 0;
                    for (int j = 0; j < 32; ++j) amax = std::max(amax, std::fabs(x[b * 32 + j]));
                    const quint16 dbits = rwkv::f32_to_f16(amax / 127.0f);
                    const float d = rwkv::f16_to_f32(dbits);
                    put16(rec, dbits);
                    for (int j = 0; j < 32; ++j) {
                        const int q = d > 0 ? std::clamp(int(std::lround(x[b * 32 + j] / d)), -127, 127) : 0;
                        rec.append(char(qint8(q)));
                        exp.push_back(float(q) * d);
                    }
                }
                out += rec;
            }
        }
        QCOMPARE(expected.size(), std::size_t(12 * 6));
        QTemporaryDir dir;
        writeAll(dir.filePath("q8.bin"), out);
        const auto ws = rwkv::load_weights(dir.filePath("q8.bin").toStdString());
        const auto ref = rwkv::load_weights(td("tiny-rwkv-7v0-834K-FP32.bin").toStdString());
        for (const auto& [name, t] : ref.tensors()) {
            const auto got = f32(ws.get(name));
            const auto it = expected.find(name);
            const auto want = it == expected.end() ? f32(t) : it->second;
            QVERIFY2(got == want, name.c_str());
        }
        // A nonzero quantisation error proves the file really was quantised (Q8_0 relative step <= 1/254).
        QVERIFY(f32(ws.get("blocks.3.ffn.key.weight")) != f32(ref.get("blocks.3.ffn.key.weight")));
    }

    void writeSafetensorsRoundTrip() {
        // write_safetensors puts the LoRA matrices back in the .pth layout; reading the file gives the same tensors.
        const auto ref = rwkv::load_weights(td("tiny-rwkv7-834K.pth").toStdString());
        QTemporaryDir dir;
        const QString p = dir.filePath("written.safetensors");
        rwkv::write_safetensors(ref, p.toStdString());
        const auto back = rwkv::load_weights(p.toStdString());
        QCOMPARE(back.format, rwkv::CheckpointFormat::Safetensors);
        compareToReference(back, ref);
        const auto st = splitSafetensors(readAll(p));
        QCOMPARE(st.header["blocks.1.att.w1"].toObject()["shape"].toArray(), (QJsonArray{64, 32}));  // [in, out]
        QCOMPARE(st.header["blocks.1.att.r_k"].toObject()["shape"].toArray(), (QJsonArray{1, 64}));  // [H, N]
    }

    void writeSafetensorsConverts() {
        // Converted a piece at a time: every value read back is the source's rounded by dtype.h's conversion (the
        // LoRA matrices through their transpose too), the count of changed values is exact, and the size is known
        // before writing. fp32 keeps every bf16 value.
        const auto ref = rwkv::load_weights(td("tiny-rwkv7-834K.pth").toStdString());
        QTemporaryDir dir;
        for (const auto to : {rwkv::DType::F16, rwkv::DType::F32}) {
            const QString p = dir.filePath(QString("as-%1.safetensors").arg(int(to)));
            const auto w = rwkv::write_safetensors(ref, p.toStdString(), to);
            QCOMPARE(qint64(w.bytes), QFileInfo(p).size());
            QCOMPARE(w.bytes, rwkv::safetensors_bytes(ref, to));
            const auto back = rwkv::load_weights(p.toStdString());
            std::uint64_t changed = 0, values = 0;
            for (const auto& [name, t] : ref.tensors()) {
                const auto& b = back.get(name);
                QCOMPARE(b.dtype, to);
                QCOMPARE(b.shape, t.shape);
                const auto want = f32(t), got = f32(b);
                for (std::size_t i = 0; i < want.size(); ++i) {
                    const float r = to == rwkv::DType::F16 ? rwkv::f16_to_f32(rwkv::f32_to_f16(want[i])) : want[i];
                    QVERIFY2(got[i] == r, name.c_str());
                    changed += r != want[i];
                }
                values += want.size();
            }
            QCOMPARE(w.values, values);
            QCOMPARE(w.values_rounded, changed);
            if (to == rwkv::DType::F32) QCOMPARE(changed, std::uint64_t(0));
            else QVERIFY(changed > 0);  // the tiny model has bf16 values under fp16's smallest normal
        }
        QCOMPARE(errorOf([&] { rwkv::write_safetensors(ref, dir.filePath("i8.st").toStdString(), rwkv::DType::I8); }),
                 std::optional(ErrorCode::InvalidArgument));
        QVERIFY(!QFileInfo::exists(dir.filePath("i8.st")));  // refused before the file is made
    }

    void tensorViewApi() {
        const auto ws = rwkv::load_weights(td("tiny-rwkv7-834K-bf16.safetensors").toStdString());
        const auto& t = ws.get("blocks.0.att.x_r");
        QCOMPARE(t.dtype, rwkv::DType::BF16);
        QCOMPARE(t.nbytes, std::size_t(128));
        std::vector<float> wrong(3);
        QCOMPARE(errorOf([&] { t.to_f32(wrong); }), std::optional(ErrorCode::InvalidArgument));
        QCOMPARE(errorOf([&] { t.at(64); }), std::optional(ErrorCode::InvalidArgument));
        QCOMPARE(errorOf([&] { ws.get("no.such.tensor"); }), std::optional(ErrorCode::CorruptFile));
        QCOMPARE(QString(rwkv::to_string(rwkv::CheckpointFormat::RwkvCpp)), QStringLiteral("rwkv.cpp"));
    }
};

QTEST_APPLESS_MAIN(TestFormats)
#include "test_formats.moc"
