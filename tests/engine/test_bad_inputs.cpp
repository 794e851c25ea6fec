// Issue 3's list of inputs that must give a clear error and leave the process healthy, one test each (GGUF ones
// are in test_gguf.cpp, unsafe pickles in test_formats.cpp): cut files in every container, damaged ZIP records,
// RWKV-4/5/6 checkpoints named as such, wrong dtypes, huge and zero-length tensors, non-integer JSON sizes,
// overlapping safetensors tensors and header entries missing a field (a .pth's shared storage is legal and loads), a
// vocabulary that does not fit the model, bad token ids (checked before any kernel runs; the next call works),
// a first call that runs only token 0 on a large model shape, a model file cut after it was loaded, a named pipe
// or a directory given as the model.
#include <QtTest>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include <fcntl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <cstring>
#include <future>
#include <optional>
#include <utility>

#include "golden.h"
#include "rwkv/bench.h"
#include "rwkv/error.h"
#include "rwkv/file_kind.h"
#include "rwkv/model.h"
#include "rwkv/tokenizer.h"
#include "rwkv/weights.h"
#include "test_files.h"

using rwkv::ErrorCode;
using golden::testdata;
using test_files::makeSafetensors;
using test_files::SafetensorsParts;
using test_files::splitSafetensors;
using test_files::withTensorField;

namespace {

QByteArray readAll(const std::string& path) {
    QFile f(QString::fromStdString(path));
    if (!f.open(QIODevice::ReadOnly)) qFatal("cannot read %s", path.c_str());
    return f.readAll();
}

struct Failure {
    ErrorCode code;
    std::string message;
};

/// Loads `bytes` written to a file named `name`; the rwkv::Error it throws (nullopt when it loads).
std::optional<Failure> loadFailure(const QByteArray& bytes, const QString& name = QStringLiteral("model.bin")) {
    QTemporaryDir dir;
    const QString p = dir.filePath(name);
    QFile f(p);
    if (!f.open(QIODevice::WriteOnly)) qFatal("cannot write %s", qPrintable(p));
    f.write(bytes);
    f.close();
    try {
        rwkv::load_weights(p.toStdString());
    } catch (const rwkv::Error& e) {
        return Failure{e.code(), e.what()};
    }
    return std::nullopt;
}

#define EXPECT_FAILURE(bytes, name, wantCode, text)                                                                \
    do {                                                                                                          \
        const auto f_ = loadFailure(bytes, name);                                                                 \
        QVERIFY2(f_.has_value(), "loaded without an error");                                                     \
        QVERIFY2(f_->code == (wantCode), f_->message.c_str());                                                    \
        QVERIFY2(f_->message.find(text) != std::string::npos, ("message lacks '" + std::string(text) + "': " + f_->message).c_str()); \
    } while (0)

/// Replaces the first `from` in `bytes` (past offset 0) by `to` of the same length, so that every offset in the file
/// stays valid; false (nothing changed) when the sizes differ or `from` is not there.
bool renameInPlace(QByteArray& bytes, const QByteArray& from, const QByteArray& to) {
    if (from.size() != to.size()) return false;
    const qsizetype at = bytes.indexOf(from);
    if (at <= 0) return false;
    bytes.replace(at, from.size(), to);
    return true;
}

QByteArray stWithRawHeader(const QByteArray& json, qsizetype data_bytes) {
    QByteArray out(8, '\0');
    const quint64 n = quint64(json.size());
    std::memcpy(out.data(), &n, 8);
    return out + json + QByteArray(data_bytes, '\0');
}
/// Renames a header key (same entry).
QJsonObject renamed(QJsonObject h, const QString& from, const QString& to) {
    h[to] = h[from];
    h.remove(from);
    return h;
}

std::vector<float> logitsOf(rwkv::Model& m, rwkv::State& s, const std::vector<std::int32_t>& ids) {
    std::vector<float> out(std::size_t(m.shape().vocab_size));
    m.forward(s, ids, out);
    return out;
}

}  // namespace

class TestBadInputs : public QObject {
    Q_OBJECT

private slots:
    // Every container cut by 1 byte, to 50%, and to 7 and 3 bytes (before its header could be recognised: a 7-byte
    // .safetensors was "not a known checkpoint container", new-user trial, session 11): TruncatedFile (CorruptFile
    // saying "truncated" before session 42) naming the file and what ran out.
    void cutFiles_data() {
        QTest::addColumn<QString>("file");
        for (const char* f : {"tiny-rwkv7-834K.pth", "tiny-rwkv7-834K.safetensors", "tiny-rwkv7-834K-bf16.safetensors",
                              "tiny-rwkv-7v0-834K-FP32.bin", "tiny-rwkv-7v0-834K-FP16.bin", "tiny-rwkv7-834K-F16.gguf"})
            QTest::newRow(f) << QString::fromUtf8(f);
    }
    void cutFiles() {
        QFETCH(QString, file);
        const QByteArray all = readAll(testdata(file.toStdString()));
        for (qsizetype len : {all.size() - 1, all.size() / 2, qsizetype(7), qsizetype(3)}) {
            const auto f = loadFailure(all.left(len), file);
            QVERIFY2(f.has_value(), "a cut file loaded");
            qInfo("%s cut to %lld bytes: %s", qPrintable(file), static_cast<long long>(len), f->message.c_str());
            QCOMPARE(f->code, ErrorCode::TruncatedFile);
            QVERIFY2(f->message.rfind(file.toStdString() + ": ", 0) == 0, f->message.c_str());  // names the file
            // A person reads "truncated" (an interrupted download or copy), not only "data_offsets point past the end
            // of the data" (safetensors) or "runs past the end of the file" (GGUF), as before.
            QVERIFY2(f->message.find("truncated") != std::string::npos, f->message.c_str());
        }
    }

    // Every reader's cut says it in the same words (fail_truncated, formats/readers.h, since session 43; each reader
    // built the sentence itself before): the whole message of each, so that a reader's wording drifting from the
    // others fails here. The .pth and .safetensors shorter than their first bytes, a .pth too short for its ZIP
    // record, a GGUF too short for its header's entries, an rwkv.cpp .bin cut before head.weight's record, a
    // safetensors header length past the end, a GGUF tensor's data past the end (MappedFile::slice), a safetensors
    // tensor past the end.
    void cutsShareOneWording() {
        const QString cut = QStringLiteral("the file is truncated (an incomplete download or copy?)");
        const auto message = [](const QByteArray& bytes, const char* name) {
            const auto f = loadFailure(bytes, QString::fromLatin1(name));
            if (!f) return QStringLiteral("loaded");
            return QString::fromStdString((f->code == ErrorCode::TruncatedFile ? "" : "not TruncatedFile: ") + f->message);
        };
        const QByteArray pth = readAll(testdata("tiny-rwkv7-834K.pth"));
        QCOMPARE(message(pth.left(3), "a.pth"),
                 "a.pth: " + cut + ": it is 3 bytes, shorter than the 4 bytes every .pth file starts with (the ZIP "
                                   "signature PK\\x03\\x04)");
        QCOMPARE(message(pth.left(1), "a1.pth"),  // "it is 1 bytes" before session 47's trial
                 "a1.pth: " + cut + ": it is 1 byte, shorter than the 4 bytes every .pth file starts with (the ZIP "
                                    "signature PK\\x03\\x04)");
        const QByteArray st = readAll(testdata("tiny-rwkv7-834K.safetensors"));
        QCOMPARE(message(st.left(7), "b.safetensors"),
                 "b.safetensors: " + cut + ": it is 7 bytes, shorter than the 9 bytes every .safetensors file starts "
                                           "with (an 8-byte header length and the JSON header's '{')");
        QCOMPARE(message(pth.left(7), "c.pth"),
                 "c.pth: " + cut + ": it is 7 bytes, too short for a ZIP archive's 22-byte end-of-central-directory record");
        const QByteArray gguf = readAll(testdata("tiny-rwkv7-834K-F16.gguf"));
        QCOMPARE(message(gguf.left(24), "d.gguf"),
                 "d.gguf: " + cut + ": it is 24 bytes, too short for the 23 metadata entries and 342 tensors its header lists");
        const QByteArray bin = readAll(testdata("tiny-rwkv-7v0-834K-FP16.bin"));
        const qsizetype head = bin.indexOf("head.weight") - 20;  // its record: 3 u32, 2 dims, then the key
        QCOMPARE(message(bin.left(head), "e.bin"),
                 "e.bin: " + cut + ": it ends at byte " + QString::number(head) +
                     ", after 338 tensor records and before head.weight, the last one rwkv.cpp writes");
        QCOMPARE(message(stWithRawHeader("{}", 10).replace(0, 2, QByteArray("\xe8\x03", 2)), "f.safetensors"),
                 "f.safetensors: safetensors header length 1000 does not fit the file (20 bytes): " + cut + " or damaged");
        const QString g = QString::number(gguf.size());
        QCOMPARE(message(gguf.left(gguf.size() - 1), "g.gguf"),
                 "g.gguf: data of tensor output.weight (bytes " + QString::number(gguf.size() - 32768) + ".." + g +
                     ") runs past the end of the file (" + QString::number(gguf.size() - 1) + " bytes): " + cut + " or damaged");
        QCOMPARE(message(st.left(st.size() - 1), "h.safetensors"),
                 "h.safetensors: " + cut + ": it is " + QString::number(st.size() - 1) +
                     " bytes, its tensor head.weight ends at byte " + QString::number(st.size()));
    }

    // A file of 0 bytes (a download or copy that wrote nothing) is EmptyFile whatever its name, by load_weights and by
    // check_checkpoint_index (the Models page's check): the app says "incomplete" by this code. It was
    // UnsupportedFormat, told apart by its words (session 40's trial, dfc6255).
    void emptyFileHasItsCode() {
        for (const char* name : {"empty.pth", "empty.safetensors", "empty.gguf", "empty.bin", "empty"}) {
            const auto f = loadFailure(QByteArray(), QString::fromLatin1(name));
            QVERIFY2(f.has_value(), name);
            QVERIFY2(f->code == ErrorCode::EmptyFile, f->message.c_str());
            QCOMPARE(QString::fromStdString(f->message), QString::fromLatin1(name) + QStringLiteral(": empty file, not a checkpoint"));
        }
        QTemporaryDir dir;
        const QString p = dir.filePath(QStringLiteral("empty.pth"));
        QFile file(p);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.close();
        try {
            rwkv::check_checkpoint_index(p.toStdString());
            QFAIL("an empty file passed the index check");
        } catch (const rwkv::Error& e) {
            QCOMPARE(e.code(), ErrorCode::EmptyFile);
        }
        QCOMPARE(std::string(rwkv::to_string(ErrorCode::EmptyFile)), std::string("empty file"));
        // One byte is no longer empty: cut before its header (TruncatedFile since session 42; CorruptFile before).
        EXPECT_FAILURE(QByteArray(1, 'P'), QStringLiteral("one.pth"), ErrorCode::TruncatedFile, "truncated");
    }

    // A .pth whose first local ZIP header or whose central directory is zeroed.
    void damagedZipRecords() {
        const QByteArray pth = readAll(testdata("tiny-rwkv7-834K.pth"));
        QByteArray b = pth;
        std::memset(b.data(), 0, 30);  // the first local file header
        EXPECT_FAILURE(b, "zeroed-local.pth", ErrorCode::CorruptFile, "bad local header signature for ZIP entry");
        b = pth;
        const qsizetype cd = pth.indexOf(QByteArray("PK\x01\x02", 4));
        const qsizetype eocd = pth.lastIndexOf(QByteArray("PK\x05\x06", 4));
        QVERIFY(cd > 0 && eocd > cd);
        std::memset(b.data() + cd, 0, size_t(eocd - cd));
        EXPECT_FAILURE(b, "zeroed-cd.pth", ErrorCode::CorruptFile, "bad ZIP central directory header #0");
    }

    // RWKV-4/5/6 checkpoints are named as such in every container, never mistaken for RWKV-7.
    void olderArchitecturesNamed() {
        // .pth: a key renamed inside data.pkl (same length, so the archive stays consistent): an RWKV-6 key.
        QByteArray pth = readAll(testdata("tiny-rwkv7-834K.pth"));
        QVERIFY(renameInPlace(pth, "blocks.0.att.output.weight", "blocks.0.att.time_decay_w1"));
        EXPECT_FAILURE(pth, "v6.pth", ErrorCode::UnsupportedModel, "unsupported architecture: RWKV-6 (key blocks.0.att.time_decay_w1)");

        const SafetensorsParts st = splitSafetensors(readAll(testdata("tiny-rwkv7-834K.safetensors")));
        // RWKV-5: time_faaaa (5.1+) with GroupNorm ln_x.
        EXPECT_FAILURE(makeSafetensors(renamed(st.header, "blocks.3.att.k_k", "blocks.3.att.time_faaaa"), st.data), "v5.safetensors",
                       ErrorCode::UnsupportedModel, "unsupported architecture: RWKV-5 (key blocks.3.att.time_faaaa)");
        // RWKV-4: time_first / time_mix_k / time_decay and no ln_x.
        QJsonObject v4 = renamed(st.header, "blocks.0.att.k_a", "blocks.0.att.time_first");
        v4 = renamed(v4, "blocks.0.att.a0", "blocks.0.att.time_mix_k");
        for (const QString& k : v4.keys())
            if (k.contains(QLatin1String(".att.ln_x."))) v4.remove(k);
        EXPECT_FAILURE(makeSafetensors(v4, st.data), "v4.safetensors", ErrorCode::UnsupportedModel, "unsupported architecture: RWKV-4");
        // rwkv.cpp .bin: a record key renamed in place.
        QByteArray bin = readAll(testdata("tiny-rwkv-7v0-834K-FP16.bin"));
        QVERIFY(renameInPlace(bin, "blocks.0.att.key.weight", "blocks.0.att.time_faaaa"));
        EXPECT_FAILURE(bin, "v5.bin", ErrorCode::UnsupportedModel, "unsupported architecture: RWKV-5");
    }

    void wrongDtypes() {
        const SafetensorsParts st = splitSafetensors(readAll(testdata("tiny-rwkv7-834K.safetensors")));
        for (const char* dt : {"F64", "I64", "U8", "F8_E4M3"}) {
            const QJsonObject h = withTensorField(st.header, "blocks.1.att.w0", "dtype", QString::fromUtf8(dt));
            EXPECT_FAILURE(makeSafetensors(h, st.data), "dtype.safetensors", ErrorCode::UnsupportedFormat,
                           "tensor blocks.1.att.w0 has dtype " + std::string(dt) + "; only BF16, F16 and F32 are supported");
        }
        // rwkv.cpp data type 5 (removed from ggml long ago) in the first record.
        QByteArray bin = readAll(testdata("tiny-rwkv-7v0-834K-FP32.bin"));
        const quint32 five = 5;
        std::memcpy(bin.data() + 24 + 8, &five, 4);
        EXPECT_FAILURE(bin, "type5.bin", ErrorCode::UnsupportedFormat, "has rwkv.cpp data type 5");
    }

    void hugeAndZeroSizes() {
        const SafetensorsParts st = splitSafetensors(readAll(testdata("tiny-rwkv7-834K.safetensors")));
        auto withEntry = [&](const QString& name, const QJsonObject& e) {
            QJsonObject h = st.header;
            h[name] = e;
            return makeSafetensors(h, st.data);
        };
        QJsonObject e = st.header["emb.weight"].toObject();
        e["shape"] = QJsonArray{qint64(1) << 40, qint64(1) << 40};
        EXPECT_FAILURE(withEntry("emb.weight", e), "huge.safetensors", ErrorCode::CorruptFile, "tensor emb.weight is implausibly large");
        e["shape"] = QJsonArray{-256, 64};
        EXPECT_FAILURE(withEntry("emb.weight", e), "neg.safetensors", ErrorCode::CorruptFile,
                       "tensor emb.weight has -256 in its shape, not a non-negative integer");
        // A zero-length tensor (shape [0, 64], empty byte range): refused by the shape check, naming it.
        e["shape"] = QJsonArray{0, 64};
        e["data_offsets"] = QJsonArray{0, 0};
        EXPECT_FAILURE(withEntry("emb.weight", e), "zero.safetensors", ErrorCode::CorruptFile,
                       "tensor emb.weight has a size of 0 in its shape [0, 64]: the file is damaged");
        // An empty tensor with a huge dimension beside it: a sentence like the other refusals, not "has bad shape [0,
        // 4611686018427387904]" (session 29's check, S2).
        e["shape"] = QJsonArray{0, qint64(1) << 62};
        EXPECT_FAILURE(withEntry("extra.zero", e), "zerohuge.safetensors", ErrorCode::CorruptFile,
                       "tensor extra.zero has a size of 4611686018427387904 in its shape [0, 4611686018427387904]: no model "
                       "is that large, the file is damaged");
        // Data offsets that are not integers (found by the fuzzer under UBSan: 1.58e50 was converted to an
        // integer, which is undefined behaviour) are refused as such.
        EXPECT_FAILURE(stWithRawHeader(R"({"emb.weight":{"dtype":"F32","shape":[1],"data_offsets":[0,1.58e50]}})", 4),
                       "float.safetensors", ErrorCode::CorruptFile, "tensor emb.weight has 1.58e+50 in its data_offsets, not a non-negative integer");
        EXPECT_FAILURE(stWithRawHeader(R"({"emb.weight":{"dtype":"F32","shape":[1.5],"data_offsets":[0,4]}})", 4),
                       "float.safetensors", ErrorCode::CorruptFile, "tensor emb.weight has 1.5 in its shape, not a non-negative integer");
        // rwkv.cpp: a first record (emb.weight) declaring 65536 x 65536 fp32 elements (16 GiB), and 2^32-1 x 2^32-1.
        QByteArray bin = readAll(testdata("tiny-rwkv-7v0-834K-FP32.bin"));
        quint32 big = 0x10000u;
        std::memcpy(bin.data() + 24 + 12, &big, 4);
        std::memcpy(bin.data() + 24 + 16, &big, 4);
        // A shape a model can have whose data the file does not hold: the file ends before what its record says.
        EXPECT_FAILURE(bin, "huge.bin", ErrorCode::TruncatedFile, "truncated: data of tensor emb.weight needs 17179869184 bytes");
        big = 0xFFFFFFFFu;
        std::memcpy(bin.data() + 24 + 12, &big, 4);
        std::memcpy(bin.data() + 24 + 16, &big, 4);
        EXPECT_FAILURE(bin, "huge.bin", ErrorCode::CorruptFile, "tensor emb.weight is implausibly large");
    }

    // Trial 29 T1: every tensor's data_offsets rewritten to start at 0 (sizes kept) loaded and babbled; the format
    // lets no two tensors share bytes. One tensor moved onto its neighbour's bytes is named with that neighbour.
    void overlappingTensors() {
        const SafetensorsParts st = splitSafetensors(readAll(testdata("tiny-rwkv7-834K.safetensors")));
        QJsonObject all = st.header;
        for (const QString& k : all.keys()) {
            if (k == QLatin1String("__metadata__")) continue;
            QJsonObject e = all[k].toObject();
            const QJsonArray off = e["data_offsets"].toArray();
            e["data_offsets"] = QJsonArray{0, off[1].toInteger() - off[0].toInteger()};
            all[k] = e;
        }
        EXPECT_FAILURE(makeSafetensors(all, st.data), "overlap.safetensors", ErrorCode::CorruptFile, " overlaps tensor ");
        EXPECT_FAILURE(makeSafetensors(all, st.data), "overlap.safetensors", ErrorCode::CorruptFile, "(data bytes 0 to ");

        // blocks.0.att.w0 ([64] fp32, 256 bytes) moved 128 bytes into the tensor stored before it.
        const QJsonArray w0 = st.header["blocks.0.att.w0"].toObject()["data_offsets"].toArray();
        QString before;
        for (const QString& k : st.header.keys())
            if (k != QLatin1String("__metadata__") && st.header[k].toObject()["data_offsets"].toArray()[1] == w0[0]) before = k;
        QVERIFY(!before.isEmpty());
        const qint64 b = w0[0].toInteger() - 128;
        EXPECT_FAILURE(makeSafetensors(withTensorField(st.header, "blocks.0.att.w0", "data_offsets", QJsonArray{b, b + 256}), st.data),
                       "overlap1.safetensors", ErrorCode::CorruptFile,
                       "tensor blocks.0.att.w0 overlaps tensor " + before.toStdString() + " (data bytes " + std::to_string(b) +
                           " to " + std::to_string(b + 256) + " and ");
        // An empty byte range overlaps nothing: the zero-length tensor is refused by the shape check.
        EXPECT_FAILURE(makeSafetensors(withTensorField(withTensorField(st.header, "blocks.0.att.w0", "data_offsets", QJsonArray{b, b}),
                                                       "blocks.0.att.w0", "shape", QJsonArray{0}),
                                       st.data),
                       "empty.safetensors", ErrorCode::CorruptFile, "tensor blocks.0.att.w0 has shape [0], expected [64]");
        // The real file loads (its tensors tile the data block).
        QVERIFY(!loadFailure(makeSafetensors(st.header, st.data), QStringLiteral("ok.safetensors")));
    }

    // Session 38's trial: data_offsets near 1e12 in a file of a few KB were "truncated (an incomplete download)". A
    // tensor past the file's end is a cut only when the tensors fill the data block up to it with no gap; offsets
    // far past the file, or a tensor moved past it leaving a gap, are a damaged header, named with their numbers.
    void offsetsPastTheFile() {
        EXPECT_FAILURE(stWithRawHeader(R"({"emb.weight":{"dtype":"F32","shape":[4],"data_offsets":[999999999984,1000000000000]}})", 4096),
                       "far.safetensors", ErrorCode::CorruptFile,
                       "far.safetensors: not a valid safetensors file (tensor emb.weight has data_offsets [999999999984, "
                       "1000000000000], but the header's tensors add up to 16 bytes of data and the file has 4096 after "
                       "its header): its header is damaged");

        // blocks.0.att.w0 ([64] fp32, 256 bytes, at 84992 of the 3319552 data bytes) moved to just past the end: as
        // far past the file as a 256-byte cut, but it leaves 256 bytes unused where it was.
        const SafetensorsParts st = splitSafetensors(readAll(testdata("tiny-rwkv7-834K.safetensors")));
        const qint64 size = st.data.size();
        QCOMPARE(size, qint64(3319552));
        QCOMPARE(st.header["blocks.0.att.w0"].toObject()["data_offsets"].toArray(), (QJsonArray{84992, 85248}));
        const QByteArray moved =
            makeSafetensors(withTensorField(st.header, "blocks.0.att.w0", "data_offsets", QJsonArray{size, size + 256}), st.data);
        EXPECT_FAILURE(moved, "gap.safetensors", ErrorCode::CorruptFile,
                       "gap.safetensors: not a valid safetensors file (tensor blocks.0.att.w0 has data_offsets [3319552, "
                       "3319808], but the header's tensors add up to 3319552 bytes of data and the file has 3319552 "
                       "after its header): its header is damaged");
        QVERIFY(loadFailure(moved, QStringLiteral("gap.safetensors"))->message.find("truncated") == std::string::npos);

        // The real file cut by 1000 bytes is still an incomplete download, naming the tensor that ends last and the
        // size the whole file has.
        const QByteArray whole = readAll(testdata("tiny-rwkv7-834K.safetensors"));
        EXPECT_FAILURE(whole.left(whole.size() - 1000), "cut.safetensors", ErrorCode::TruncatedFile,
                       "cut.safetensors: the file is truncated (an incomplete download or copy?): it is " +
                           std::to_string(whole.size() - 1000) + " bytes, its tensor head.weight ends at byte " +
                           std::to_string(whole.size()));
    }

    // Two .pth tensors viewing one storage (tied weights) are legal PyTorch and load: blocks.0.ln1.bias pointed at
    // blocks.0.ln1.weight's storage '1' (its own key '2' renamed in data.pkl) reads the weight's values.
    void sharedPthStorageLoads() {
        QByteArray pth = readAll(testdata("tiny-rwkv7-834K.pth"));
        QVERIFY(renameInPlace(pth, QByteArray("X\x01\0\0\0" "2q", 7), QByteArray("X\x01\0\0\0" "1q", 7)));
        QTemporaryDir dir;
        const QString p = dir.filePath("shared.pth");
        QFile f(p);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(pth);
        f.close();
        const rwkv::WeightSet ws = rwkv::load_weights(p.toStdString());
        const rwkv::TensorView& w = ws.get("blocks.0.ln1.weight");
        const rwkv::TensorView& b = ws.get("blocks.0.ln1.bias");
        QCOMPARE(b.numel(), std::int64_t(64));
        for (std::size_t i = 0; i < 64; ++i) QCOMPARE(b.at(i), w.at(i));
        const auto ref = rwkv::load_weights(testdata("tiny-rwkv7-834K.pth"));
        QVERIFY(ref.get("blocks.0.ln1.bias").at(0) != ref.get("blocks.0.ln1.weight").at(0));
    }

    // Trial 29 N3: a header entry without a field, or with one of the wrong JSON type, is said as a sentence
    // naming the tensor, not with the JSON library's "[json.exception.out_of_range.403] key 'dtype' not found".
    void headerEntryFieldsNamed() {
        struct Case { const char* header; const char* text; };
        const Case cases[] = {
            {R"({"a":{"b":1}})", "tensor a has no dtype"},
            {R"({"a":{"dtype":5,"shape":[1],"data_offsets":[0,4]}})", "tensor a has a dtype that is not a string"},
            {R"({"a":{"dtype":"F32","data_offsets":[0,4]}})", "tensor a has no shape"},
            {R"({"a":{"dtype":"F32","shape":{"n":1},"data_offsets":[0,4]}})", "tensor a has a shape that is not a list of up to 8 sizes"},
            {R"({"a":{"dtype":"F32","shape":["1"],"data_offsets":[0,4]}})", R"(tensor a has "1" in its shape, not a non-negative integer)"},
            {R"({"a":{"dtype":"F32","shape":[1]}})", "tensor a has no data_offsets"},
            {R"({"a":{"dtype":"F32","shape":[1],"data_offsets":[0]}})", "tensor a has data_offsets that are not [begin, end]"},
            {R"({"a":{"dtype":"F32","shape":[1],"data_offsets":"0,4"}})", "tensor a has data_offsets that are not [begin, end]"},
            {R"({"a":{"dtype":"F32","shape":[1],"data_offsets":[null,4]}})", "tensor a has null in its data_offsets, not a non-negative integer"},
            {R"({"a":[1,2]})", "tensor a has a header entry that is not a JSON object"},
            {R"({"a":"F32"})", "tensor a has a header entry that is not a JSON object"},
        };
        for (const Case& c : cases) {
            const auto f = loadFailure(stWithRawHeader(c.header, 4), QStringLiteral("fields.safetensors"));
            QVERIFY2(f.has_value(), c.header);
            QVERIFY2(f->code == ErrorCode::CorruptFile, f->message.c_str());
            QVERIFY2(f->message.find(c.text) != std::string::npos, (std::string(c.text) + " not in: " + f->message).c_str());
            QVERIFY2(f->message.find("json.exception") == std::string::npos, f->message.c_str());
        }
    }

    // Session 35's trial: a .safetensors whose header length fits the file but whose header is not JSON (it does not
    // start with '{': a damaged or overwritten header) was "not a known checkpoint container"; now the safetensors
    // reader says where its JSON breaks. The same bytes under another name stay unknown (no guess from 8 bytes).
    void headerThatIsNotJsonIsNamed() {
        struct Case { QByteArray header; const char* text; };
        const Case cases[] = {
            {QByteArray("xx\"a\":{}}"), "damaged safetensors header (not JSON: 'x', at byte 8 of the file)"},
            {QByteArray("\x00\x01garbage!", 10), "damaged safetensors header (not JSON: byte 0x00, at byte 8 of the file)"},
            {QByteArray("{\"a\":{\"b\":1}  x"), "damaged safetensors header (not JSON: 'x', at byte 22 of the file)"},
            {QByteArray("{\"a\":[1,2 "), "damaged safetensors header (not JSON: it ends early, at byte 18 of the file)"},
            {QByteArray("[1,2]"), "damaged safetensors header (not a JSON object)"},
        };
        for (const Case& c : cases) {
            for (const char* name : {"damaged.safetensors", "DAMAGED.SafeTensors"}) {
                const auto f = loadFailure(stWithRawHeader(c.header, 16), QString::fromLatin1(name));
                QVERIFY2(f.has_value(), c.header.constData());
                QVERIFY2(f->code == ErrorCode::CorruptFile, f->message.c_str());
                QCOMPARE(QString::fromStdString(f->message), QString::fromLatin1(name) + QStringLiteral(": ") + QString::fromLatin1(c.text));
            }
        }
        const auto other = loadFailure(stWithRawHeader("xx\"a\":{}}", 16), QStringLiteral("damaged.bin"));
        QVERIFY(other.has_value());
        QCOMPARE(other->code, ErrorCode::UnsupportedFormat);
        QVERIFY2(other->message.find("not a known checkpoint container") != std::string::npos, other->message.c_str());
        // A header length past the file's end: no safetensors header to read, unknown as before.
        static const char kLong[] = "\xff\xff\0\0\0\0\0\0xx\"a\":{}}";  // 8 + 9 bytes (the size said 20: ASan)
        EXPECT_FAILURE(QByteArray(kLong, sizeof kLong - 1), QStringLiteral("long.safetensors"),
                       ErrorCode::UnsupportedFormat, "not a known checkpoint container");
    }

    // Session 44's trial: a file that is no checkpoint was "not a known checkpoint container; first bytes …" whatever it
    // was. Now its first bytes name it (rwkv/file_kind.h), with what to do where there is something to do: above all a
    // clone without Git LFS (every .pth a pointer file) and a web page saved in place of the model. Random bytes
    // stay unnamed; the code stays UnsupportedFormat and the first bytes stay at the end.
    void foreignFilesAreNamed() {
        const QByteArray lfs("version https://git-lfs.github.com/spec/v1\n"
                             "oid sha256:4f1ad5c33a3cd0a8b2a7c4e1e0f7b2b4c0d3e7a5a1f2b3c4d5e6f708192a3b4c\n"
                             "size 5899402354\n");
        const auto f = loadFailure(lfs, QStringLiteral("rwkv7-g1-2.9b.pth"));
        QVERIFY(f.has_value());
        QCOMPARE(f->code, ErrorCode::UnsupportedFormat);
        QCOMPARE(QString::fromStdString(f->message),
                 QStringLiteral("rwkv7-g1-2.9b.pth: not a known checkpoint container (.pth, .safetensors, rwkv.cpp .bin, "
                                ".gguf): it is a Git LFS pointer, not the model (the repository was cloned without Git "
                                "LFS; the model itself is 5.9 GB): run `git lfs pull` in the clone, or download the model "
                                "file itself (the app's Models page does); first bytes 76 65 72 73 69 6f 6e 20"));
        QByteArray tar(600, '\0');
        tar.replace(0, 9, "model.pth");
        tar.replace(257, 5, "ustar");
        struct Case { QByteArray bytes; const char* name; const char* text; };
        const Case cases[] = {
            {QByteArray("version https://git-lfs.github.com/spec/v1\noid sha256:00\n"), "m.pth",
             "it is a Git LFS pointer, not the model (the repository was cloned without Git LFS): run `git lfs pull`"},
            {QByteArray("\xEF\xBB\xBF\n  <!DOCTYPE html>\n<html class=\"\">\n<head>"), "model.pth",
             "it is a web page (HTML), not the model: the page that shows the file was saved instead of the file"},
            {QByteArray("<?xml version=\"1.0\"?><Error><Code>AccessDenied</Code></Error>"), "model.gguf",
             "it is an XML document (a server's error answer?), not the model;"},
            {QByteArray("{\"error\":\"Repository not found\"}"), "model.pth",
             "it is JSON text (a server's error answer, or a configuration file?), not the model; first bytes 7b 22"},
            {QByteArray("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16), "model.safetensors",
             ": it is a PNG picture; first bytes 89 50 4e 47 0d 0a 1a 0a"},
            {QByteArray("\xFF\xD8\xFF\xE0\0\x10JFIF", 10), "model.pth", ": it is a JPEG picture;"},
            {QByteArray("\x1F\x8B\x08\0\0\0\0\0\0\x03", 10), "model.gguf",
             ": it is a gzip-compressed file: unpack it first (gunzip);"},
            {QByteArray("\xFD" "7zXZ\0\0\x04", 8), "model.pth", ": it is an xz-compressed file: unpack it first (unxz);"},
            {tar, "model.tar", ": it is a tar archive: unpack it first (tar -xf);"},
            {QByteArray("\x80\x02\x8a\x0al\xfc\x9c" "F\xf9 j\xa8P\x19.", 15), "old.pth",
             ": it is a Python pickle without the ZIP container of a .pth (a PyTorch file in the format before PyTorch "
             "1.6?), which is not read: save it again with a current PyTorch's torch.save;"},
            {QByteArray("RWKVST01\x01\0\0\0", 12), "chat.pth", ": it is a conversation state saved by RWKV Desktop, not a model;"},
            {QByteArray("tjgg\x03\0\0\0", 8), "old.bin", ": it is a llama.cpp file in a format older than GGUF (ggjt)"},
            {QByteArray("Weights are on the shared drive.\r\n"), "model.pth", ": it is a text file, not a model; first bytes 57 65"},
        };
        for (const Case& c : cases) {
            const auto g = loadFailure(c.bytes, QString::fromLatin1(c.name));
            QVERIFY2(g.has_value(), c.name);
            QVERIFY2(g->code == ErrorCode::UnsupportedFormat, g->message.c_str());
            QVERIFY2(g->message.find(c.text) != std::string::npos, (std::string(c.text) + " not in: " + g->message).c_str());
            QVERIFY2(g->message.find("not a known checkpoint container") != std::string::npos, g->message.c_str());
        }
        // The kind behind the words (classify_foreign_file), for a caller that words it in its own language.
        const auto kindOf = [](const QByteArray& b) {
            return rwkv::classify_foreign_file(std::as_bytes(std::span(b.constData(), size_t(b.size()))));
        };
        QCOMPARE(kindOf(cases[0].bytes), rwkv::ForeignFileKind::GitLfsPointer);
        QCOMPARE(kindOf(tar), rwkv::ForeignFileKind::TarArchive);
        QCOMPARE(kindOf(QByteArray("tjgg\x03\0\0\0", 8)), rwkv::ForeignFileKind::LegacyGgml);
        QCOMPARE(kindOf(QByteArray("Weights are on the shared drive.\r\n")), rwkv::ForeignFileKind::Text);
        QCOMPARE(kindOf(QByteArray("\x01\x02\x03\x04", 4)), rwkv::ForeignFileKind::Unknown);
        // Bytes that name nothing: the sentence as before, no guess.
        const auto r = loadFailure(QByteArray("\x01\x02\x03\x04\x05\x06\x07\x08\x09", 9), QStringLiteral("r.pth"));
        QVERIFY(r.has_value());
        QCOMPARE(QString::fromStdString(r->message),
                 QStringLiteral("r.pth: not a known checkpoint container (.pth, .safetensors, rwkv.cpp .bin, .gguf); "
                                "first bytes 01 02 03 04 05 06 07 08"));
    }

    // Names read from the file are printed quoted and escaped when they hold anything but letters, digits, '.', '_'
    // and '-': a newline or a terminal's escape sequence in a tensor name (or a dtype) split the refusal's line and
    // turned the terminal red, and an empty name read "overlaps tensor  (data bytes" (session 29's check, S1).
    void oddNamesAreQuotedInRefusals() {
        struct Case { const char* header; const char* text; };
        // Plain literals with the escapes spelled out: moc misread raw ones holding a backslash before a quote.
        const Case cases[] = {
            {"{\"bad\\nname\\u001b[31mRED\":{\"b\":1}}", "tensor \"bad\\nname\\x1b[31mRED\" has no dtype"},
            {"{\"\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},"
             "\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}",
             "tensor a overlaps tensor \"\" (data bytes 0 to 4 and 0 to 4)"},
            {"{\"a b\":{\"dtype\":\"F\\u001b\\\"\\\\\",\"shape\":[1],\"data_offsets\":[0,4]}}",
             "tensor \"a b\" has dtype \"F\\x1b\\\"\\\\\";"},
            {"{\"\\u00e9\\t\":{\"b\":1}}", "tensor \"\\xc3\\xa9\\t\" has no dtype"},
        };
        for (const Case& c : cases) {
            const auto f = loadFailure(stWithRawHeader(c.header, 4), QStringLiteral("names.safetensors"));
            QVERIFY2(f.has_value(), c.header);
            QVERIFY2(f->message.find(c.text) != std::string::npos, (std::string(c.text) + " not in: " + f->message).c_str());
            for (const char ch : f->message)  // nothing that moves the cursor or sets a colour reaches the terminal
                QVERIFY2(static_cast<unsigned char>(ch) >= 0x20 && ch != 0x7f, f->message.c_str());
        }
        // Plain names stay as they are.
        EXPECT_FAILURE(stWithRawHeader(R"({"blocks.0.att-x_r":{"b":1}})", 4), "plain.safetensors", ErrorCode::CorruptFile,
                       "tensor blocks.0.att-x_r has no dtype");
    }

    // A 5,000-character name is cut to about 200 characters and "…" (U+2026): before (session 30's note) a refusal
    // printed it whole, 5,000 characters in the window's banner and on the terminal. Names of 200 stay whole.
    void longNamesAreCut() {
        const QByteArray ellipsis = "\xe2\x80\xa6";
        for (const int length : {200, 5000}) {
            const QByteArray plain(length, 'a');
            const auto f = loadFailure(stWithRawHeader("{\"" + plain + "\":{\"b\":1}}", 4), QStringLiteral("long.safetensors"));
            QVERIFY(f.has_value());
            const std::string shown = "tensor " + std::string(200, 'a') + (length > 200 ? ellipsis.toStdString() : "") + " has no dtype";
            QVERIFY2(f->message.find(shown) != std::string::npos, f->message.c_str());
            QVERIFY2(f->message.size() < 300, f->message.c_str());
        }
        // A quoted one: 5,000 line breaks, each shown as \n; cut after whole escapes, "…" after the closing quote.
        const QByteArray breaks = QByteArray(5000, 'n').replace('n', "\\n");  // JSON's "\n", 5,000 times
        const auto f = loadFailure(stWithRawHeader("{\"" + breaks + "\":{\"b\":1}}", 4), QStringLiteral("long.safetensors"));
        QVERIFY(f.has_value());
        std::string escapes = "\"";
        while (escapes.size() <= 200) escapes += "\\n";
        const std::string shown = "tensor " + escapes + "\"" + ellipsis.toStdString() + " has no dtype";
        QVERIFY2(f->message.find(shown) != std::string::npos, f->message.c_str());
        QVERIFY2(f->message.size() < 300, f->message.c_str());
    }

    // 50277 embedding rows (the GPT-NeoX vocabulary of RWKV-4 Pile models) with no tokenizer of that size.
    void vocabularyDoesNotFitTheModel() {
        const SafetensorsParts st = splitSafetensors(readAll(testdata("tiny-rwkv7-834K-bf16.safetensors")));
        QJsonObject h = st.header;
        QByteArray data = st.data;
        for (const char* name : {"emb.weight", "head.weight"}) {
            QJsonObject e = h[name].toObject();
            e["shape"] = QJsonArray{50277, 64};
            e["data_offsets"] = QJsonArray{qint64(data.size()), qint64(data.size()) + 50277 * 64 * 2};
            data += QByteArray(50277 * 64 * 2, '\x3f');
            h[name] = e;
        }
        QTemporaryDir dir;
        const QString p = dir.filePath("v50277.safetensors");
        QFile f(p);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(makeSafetensors(h, data));
        f.close();
        const auto ws = rwkv::load_weights(p.toStdString());
        QCOMPARE(ws.shape.vocab_size, 50277);
        try {
            rwkv::tokenizer_for_vocab_size(ws.shape.vocab_size, testdata("rwkv_vocab_v20230424.txt"));
            QFAIL("a tokenizer was found for 50277 rows");
        } catch (const rwkv::Error& e) {
            QCOMPARE(e.code(), ErrorCode::UnsupportedModel);
            QCOMPARE(std::string(e.what()), std::string("no tokenizer for a vocabulary of 50277 rows (expected 256 or 65536)"));
        }
    }

    // Ids -1, V, 2^31-1, an empty list and a valid id followed by V on the 65536-vocabulary model, every CPU
    // dtype: InvalidToken / InvalidArgument before any work, the state untouched, and the next call works.
    void badTokenIds() {
        for (rwkv::DType dt : {rwkv::DType::F32, rwkv::DType::F16, rwkv::DType::I8}) {
            rwkv::LoadOptions o;
            o.weight_dtype = dt;
            auto m = rwkv::Model::load(testdata("rand-rwkv7-L3-D128.safetensors"), o);
            rwkv::State s = m->new_state(), fresh = m->new_state();
            logitsOf(*m, s, {33, 44});
            logitsOf(*m, fresh, {33, 44});
            const auto before = s.to_host();
            std::vector<float> logits(65536);
            struct Bad {
                std::vector<std::int32_t> ids;
                ErrorCode code;
                const char* text;
            };
            for (const Bad& b : {Bad{{-1}, ErrorCode::InvalidToken, "token id -1"},
                                 Bad{{65536}, ErrorCode::InvalidToken, "token id 65536"},
                                 Bad{{2147483647}, ErrorCode::InvalidToken, "token id 2147483647"},
                                 Bad{{5, 65536}, ErrorCode::InvalidToken, "token id 65536"},
                                 Bad{{}, ErrorCode::InvalidArgument, "needs at least one token"}}) {
                try {
                    m->forward(s, b.ids, logits);
                    QFAIL("forward accepted a bad token list");
                } catch (const rwkv::Error& e) {
                    QCOMPARE(e.code(), b.code);
                    QVERIFY2(std::string(e.what()).find(b.text) != std::string::npos, e.what());
                }
                QCOMPARE(s.to_host(), before);
            }
            QCOMPARE(logitsOf(*m, s, {7}), logitsOf(*m, fresh, {7}));  // the next call works, as if nothing happened
        }
    }

    // A loaded model no longer reads its file: the file cut to nothing (copied over in place, or its USB stick
    // pulled) after the load leaves the model working, with the logits it gave before. Before session 14 the CPU
    // fast path kept the matrices stored in the weight type it runs (fp16 in an F16 .gguf, fp32 in an FP32 rwkv.cpp
    // .bin, a .pth's LoRA) as views into the file's memory map, and the next forward died of SIGBUS.
    void modelOutlivesItsFileBeingCut() {
        for (const auto& [file, dt] : {std::pair{"tiny-rwkv7-834K-F16.gguf", rwkv::DType::F16},
                                       std::pair{"tiny-rwkv-7v0-834K-FP32.bin", rwkv::DType::F32},
                                       std::pair{"tiny-rwkv7-834K.pth", rwkv::DType::F16}}) {
            QTemporaryDir dir;
            const QString p = dir.filePath(QString::fromLatin1(file));
            QVERIFY(QFile::copy(QString::fromStdString(testdata(file)), p));
            QFile::setPermissions(p, QFile::ReadOwner | QFile::WriteOwner);
            rwkv::LoadOptions o;
            o.weight_dtype = dt;
            auto m = rwkv::Model::load(p.toStdString(), o);
            rwkv::State s0 = m->new_state();
            const auto before = logitsOf(*m, s0, {72, 101, 108});
            QFile f(p);
            QVERIFY(f.resize(0));  // what `cp other.pth model.pth` does first
            rwkv::State s1 = m->new_state();
            QCOMPARE(logitsOf(*m, s1, {72, 101, 108}), before);
        }
    }

    // A named pipe given as the model (new-user trial, session 16: `rwkv-cli generate --model fifo.pth` hung for good,
    // as open() waits for a writer; /dev/zero was already refused as not a regular file): refused at once. Should the
    // load block, the test opens the pipe for writing so that it returns, and fails.
    void pipeIsRefusedWithoutWaiting() {
        QTemporaryDir dir;
        const std::string fifo = dir.filePath(QStringLiteral("fifo.pth")).toStdString();
        QVERIFY(::mkfifo(fifo.c_str(), 0600) == 0);
        auto load = std::async(std::launch::async, [&]() -> std::optional<Failure> {
            try {
                rwkv::load_weights(fifo);
            } catch (const rwkv::Error& e) {
                return Failure{e.code(), e.what()};
            }
            return std::nullopt;
        });
        const bool blocked = load.wait_for(std::chrono::seconds(10)) != std::future_status::ready;
        if (blocked) ::close(::open(fifo.c_str(), O_WRONLY));  // a writer comes and goes: the reader's open() returns
        const std::optional<Failure> f = load.get();
        QVERIFY2(!blocked, "loading a named pipe waited for a writer");
        QVERIFY(f.has_value());
        QCOMPARE(f->code, ErrorCode::UnsupportedFormat);
        QCOMPARE(QString::fromStdString(f->message), QString::fromStdString(fifo + ": not a regular file (a named pipe)"));
    }

    // What a path that is no regular file is, named (session 55's loose ends: "not a regular file" alone for a pipe, a
    // device and a socket alike).
    void notARegularFileIsNamed() {
        QTemporaryDir dir;
        const std::string socketPath = dir.filePath(QStringLiteral("s.pth")).toStdString();
        const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
        QVERIFY(fd >= 0);
        sockaddr_un address{};
        address.sun_family = AF_UNIX;
        QVERIFY(socketPath.size() < sizeof(address.sun_path));
        std::memcpy(address.sun_path, socketPath.c_str(), socketPath.size() + 1);
        QCOMPARE(::bind(fd, reinterpret_cast<const sockaddr*>(&address), sizeof(address)), 0);
        for (const auto& [path, what] : {std::pair<std::string, std::string>{socketPath, "a socket"},
                                         {"/dev/null", "a character device"},
                                         {"/dev/zero", "a character device"}}) {
            try {
                rwkv::load_weights(path);
                QFAIL(path.c_str());
            } catch (const rwkv::Error& e) {
                QCOMPARE(e.code(), ErrorCode::UnsupportedFormat);
                QCOMPARE(QString::fromUtf8(e.what()), QString::fromStdString(path + ": not a regular file (" + what + ")"));
            }
        }
        ::close(fd);
    }

    // A directory given as the model (new-user trial, session 16: `rwkv-cli generate --model some_dir.pth` ended
    // "... is a directory, not a checkpoint file [file not found]" although the path exists): InvalidArgument.
    void directoryIsNotAFileNotFound() {
        QTemporaryDir dir;
        const std::string folder = dir.filePath(QStringLiteral("some_dir.pth")).toStdString();
        QVERIFY(QDir().mkdir(QString::fromStdString(folder)));
        std::optional<Failure> f;
        try {
            rwkv::load_weights(folder);
        } catch (const rwkv::Error& e) {
            f = Failure{e.code(), e.what()};
        }
        QVERIFY(f.has_value());
        QCOMPARE(f->code, ErrorCode::InvalidArgument);
        QCOMPARE(QString::fromStdString(f->message), QString::fromStdString(folder + ": is a directory, not a checkpoint file"));
        QCOMPARE(std::string(rwkv::to_string(f->code)), std::string("invalid argument"));
    }

    // The first call on a fresh 0.4B-shape model (random weights) runs only token 0: finite logits, and the fp16 fast
    // path agrees with the fp32 reference on the same weights (0.05, the fp16 tolerance of test_cpu_fast).
    void firstCallTokenZeroOnLargeShape() {
        rwkv::RandomWeightsOptions ro;
        ro.shape = rwkv::preset_shape("0.4b");
        ro.dtype = rwkv::DType::F16;
        rwkv::LoadOptions fast;
        fast.weight_dtype = rwkv::DType::F16;
        auto a = rwkv::Model::from_weights(rwkv::make_random_weights(ro), fast);
        rwkv::State sa = a->new_state();
        const auto la = logitsOf(*a, sa, {0});
        QVERIFY(std::all_of(la.begin(), la.end(), [](float x) { return std::isfinite(x); }));
        a.reset();
        auto b = rwkv::Model::from_weights(rwkv::make_random_weights(ro), rwkv::LoadOptions{});  // fp32 reference
        rwkv::State sb = b->new_state();
        const auto lb = logitsOf(*b, sb, {0});
        const double d = golden::max_abs_diff(la, lb);
        qInfo("0.4b shape, token 0 first: fp16 fast vs fp32 reference max|dlogit| %.3g", d);
        QVERIFY(d <= 0.05);
        QVERIFY(golden::max_abs_diff(lb, std::vector<float>(lb.size(), 0.0f)) > 0.1);  // real logits, not zeros
    }
};

QTEST_APPLESS_MAIN(TestBadInputs)
#include "test_bad_inputs.moc"
