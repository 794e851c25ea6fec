// fuzz_make_seeds OUTDIR: writes small, structure-rich seed inputs for the fuzz targets, made from the tiny test
// models in RWKV_TESTDATA_DIR (nothing is copied into the repository): one-layer cuts of the tiny model in every
// container, GGUF cuts with K-quant and Q8_0 tensors, the pickle of the tiny .pth, a state blob and the same state as a
// state-tuning file (fp32, bf16), tokenizer inputs.
#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>
#include <cstring>
#include <string>

#include "formats/mapped_file.h"
#include "formats/readers.h"
#include "formats/zip_reader.h"
#include "gguf_builder.h"
#include "pth_writer.h"
#include "test_files.h"
#include "rwkv/model.h"

namespace {

QString g_out;

using test_files::readAll;

void write(const QString& target, const QString& name, const QByteArray& bytes) {
    QFile f(g_out + "/" + target + "/" + name);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) || f.write(bytes) != bytes.size())
        qFatal("cannot write %s", qPrintable(f.fileName()));
    std::printf("%s/%s: %lld bytes\n", qPrintable(target), qPrintable(name), static_cast<long long>(bytes.size()));
}

/// A seed checkpoint must load (mutations of a file that is already broken explore little).
void writeCheckpoint(const QString& target, const QString& name, const QByteArray& bytes) {
    auto file = rwkv::formats::MappedFile::from_memory({reinterpret_cast<const std::byte*>(bytes.constData()),
                                                        std::size_t(bytes.size())}, name.toStdString());
    const auto ws = rwkv::formats::load_weights_from(file);
    std::printf("%s: %s\n", qPrintable(name), ws.shape.to_string().c_str());
    write(target, name, bytes);
}

QString td(const char* name) { return QStringLiteral(RWKV_TESTDATA_DIR "/") + QString::fromUtf8(name); }

bool isLayer0OrGlobal(const QString& key) {
    return !key.startsWith(QLatin1String("blocks.")) || key.startsWith(QLatin1String("blocks.0."));
}

/// The safetensors file cut down to layer 0 (header rewritten, data repacked).
QByteArray safetensorsLayer0(const QByteArray& file) {
    quint64 n;
    std::memcpy(&n, file.constData(), 8);
    const QJsonObject header = QJsonDocument::fromJson(file.mid(8, qsizetype(n))).object();
    const QByteArray data = file.mid(8 + qsizetype(n));
    QJsonObject out;
    QByteArray outData;
    for (auto it = header.begin(); it != header.end(); ++it) {
        if (it.key() == QLatin1String("__metadata__") || !isLayer0OrGlobal(it.key())) continue;
        QJsonObject e = it.value().toObject();
        const QJsonArray off = e["data_offsets"].toArray();
        const QByteArray bytes = data.mid(qsizetype(off[0].toInteger()), qsizetype(off[1].toInteger() - off[0].toInteger()));
        e["data_offsets"] = QJsonArray{qint64(outData.size()), qint64(outData.size() + bytes.size())};
        outData += bytes;
        out[it.key()] = e;
    }
    const QByteArray h = QJsonDocument(out).toJson(QJsonDocument::Compact);
    QByteArray result;
    const quint64 hl = quint64(h.size());
    result.append(reinterpret_cast<const char*>(&hl), 8);
    return result + h + outData;
}

/// The rwkv.cpp file cut down to layer 0 (records of other layers dropped, n_layer = 1).
QByteArray rwkvcppLayer0(const QByteArray& all) {
    QByteArray out = all.left(24);
    const quint32 one = 1;
    std::memcpy(out.data() + 16, &one, 4);
    for (const auto& r : test_files::rwkvCppRecords(all))
        if (isLayer0OrGlobal(QString::fromLatin1(r.key))) out += all.mid(r.offset, r.size());
    return out;
}

/// The tiny F16 GGUF cut down to layer 0; `ffn_value_type` re-encodes blk.0.channel_mix_value (F16 = unchanged),
/// `q8_projections` the four 64x64 time-mix projections as Q8_0.
QByteArray ggufLayer0(std::uint32_t ffn_value_type, bool q8_projections) {
    namespace g = gguf_test;
    g::File f = g::parse(readAll(td("tiny-rwkv7-834K-F16.gguf")));
    std::vector<g::Tensor> kept;
    for (auto& t : f.tensors) {
        if (t.name.rfind("blk.", 0) == 0 && t.name.rfind("blk.0.", 0) != 0) continue;
        const std::vector<float> x = g::floats(t);
        if (t.name == "blk.0.channel_mix_value.weight" && ffn_value_type != g::F16) {
            QByteArray q;
            for (std::size_t b = 0; b < x.size() / 256; ++b)
                q += ffn_value_type == g::Q6_K ? g::encodeQ6K(g::quantiseQ6K(&x[b * 256]))
                                               : g::encodeQ45K(g::quantiseQ45K(&x[b * 256], ffn_value_type == g::Q5_K),
                                                               ffn_value_type == g::Q5_K);
            t.type = ffn_value_type;
            t.data = q;
        } else if (q8_projections && t.ne.size() == 2 && t.ne[0] == 64 && t.ne[1] == 64 &&
                   t.name.find("time_mix_") != std::string::npos) {
            QByteArray q;
            for (std::size_t b = 0; b < x.size() / 32; ++b) {
                float amax = 0;
                for (int j = 0; j < 32; ++j) amax = std::max(amax, std::fabs(x[b * 32 + j]));
                const std::uint16_t dh = rwkv::f32_to_f16(amax / 127.0f);
                const float d = rwkv::f16_to_f32(dh);
                g::put(q, &dh, 2);
                for (int j = 0; j < 32; ++j)
                    q.append(char(std::int8_t(d > 0 ? std::clamp(int(std::lround(x[b * 32 + j] / d)), -127, 127) : 0)));
            }
            t.type = g::Q8_0;
            t.data = q;
        }
        kept.push_back(t);
    }
    f.tensors = kept;
    for (auto& kv : f.kvs)
        if (g::kvKey(kv) == "rwkv7.block_count") kv = g::kvU32("rwkv7.block_count", 1);
    return g::write(f);
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: fuzz_make_seeds OUTDIR\n");
        return 2;
    }
    g_out = QString::fromLocal8Bit(argv[1]);
    for (const char* t : {"pth", "pickle", "safetensors", "gguf", "rwkvcpp", "state_blob", "state_file", "tokenizer"})
        QDir().mkpath(g_out + "/" + t);
    namespace g = gguf_test;

    // pickle: data.pkl of the tiny .pth, read with the engine's ZIP index.
    {
        auto file = rwkv::formats::MappedFile::open(td("tiny-rwkv7-834K.pth").toStdString());
        rwkv::formats::ZipReader zip(*file);
        for (const auto& e : zip.entries())
            if (e.name.size() >= 8 && e.name.compare(e.name.size() - 8, 8, "data.pkl") == 0) {
                const auto d = zip.data(e);
                write("pickle", "tiny-data.pkl", QByteArray(reinterpret_cast<const char*>(d.data()), qsizetype(d.size())));
            }
    }
    writeCheckpoint("safetensors", "layer0-f32.safetensors", safetensorsLayer0(readAll(td("tiny-rwkv7-834K.safetensors"))));
    writeCheckpoint("safetensors", "layer0-bf16.safetensors", safetensorsLayer0(readAll(td("tiny-rwkv7-834K-bf16.safetensors"))));
    writeCheckpoint("rwkvcpp", "layer0-fp16.bin", rwkvcppLayer0(readAll(td("tiny-rwkv-7v0-834K-FP16.bin"))));
    writeCheckpoint("gguf", "layer0-f16.gguf", ggufLayer0(g::F16, false));
    writeCheckpoint("gguf", "layer0-q4k-q8.gguf", ggufLayer0(g::Q4_K, true));
    writeCheckpoint("gguf", "layer0-q5k.gguf", ggufLayer0(g::Q5_K, false));
    writeCheckpoint("gguf", "layer0-q6k.gguf", ggufLayer0(g::Q6_K, false));

    // state_blob: the tiny model's state after a few tokens.
    {
        auto model = rwkv::Model::load(td("tiny-rwkv7-834K.safetensors").toStdString());
        rwkv::State s = model->new_state();
        std::vector<float> logits(256);
        model->forward(s, std::vector<std::int32_t>{34, 105, 110}, logits);
        const auto blob = model->export_state(s);
        write("state_blob", "tiny.blob", QByteArray(reinterpret_cast<const char*>(blob.data()), qsizetype(blob.size())));
        // state_file: the same state as a state-tuning file (rwkv/state_file.h), fp32 and bf16, as the trainer writes it.
        const std::vector<float> floats = s.to_host();
        write("state_file", "tiny-f32.pth", pth_writer::makePth(pth_writer::time_states(floats, model->shape())));
        write("state_file", "tiny-bf16.pth",
              pth_writer::makePth(pth_writer::time_states(floats, model->shape(), rwkv::DType::BF16)));
    }

    // tokenizer (first byte = mode, see fuzz_tokenizer.cpp): the first 300 vocabulary lines (all single bytes),
    // mixed-script text, a few ids (valid, 0, 65535, out of range), text for the byte tokenizer.
    {
        const QByteArray vocab = readAll(td("rwkv_vocab_v20230424.txt"));
        qsizetype end = 0;
        for (int line = 0; line < 300; ++line) end = vocab.indexOf('\n', end) + 1;
        write("tokenizer", "vocab300.txt", QByteArray(1, '\0') + vocab.left(end));
        write("tokenizer", "text-mixed.txt", QByteArray(1, '\1') + QByteArray("User: Hello, world!\n\nAssistant: \xe4\xbd\xa0\xe5\xa5\xbd \xf0\x9f\x98\x80 \x80\xff tab\tend"));
        QByteArray ids(1, '\2');
        for (std::int32_t id : {33, 0, 65529, 65535, 65536, -1, 10250}) ids.append(reinterpret_cast<const char*>(&id), 4);
        write("tokenizer", "ids.bin", ids);
        write("tokenizer", "bytes.txt", QByteArray(1, '\3') + QByteArray("caf\xc3\xa9 \xe2\x82\xac\x00!", 11));
    }
    return 0;
}
