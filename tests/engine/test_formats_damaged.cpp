// Checkpoint readers (engine/src/formats) given hostile input: a file cut anywhere, bytes flipped, foreign files,
// unsafe or damaged pickles, a compressed ZIP entry, renamed tensors, other model families and bad safetensors only
// ever throw, with the error code that says which. Split from test_formats.cpp (loading, equality across formats,
// the writer) in session 51; shared helpers: format_test_util.h.
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

class TestFormatsDamaged : public QObject {
    Q_OBJECT

private slots:
    void truncatedFilesThrow_data() {
        QTest::addColumn<QString>("file");
        for (const char* f : kTinyFiles) QTest::newRow(f) << td(f);
        QTest::newRow("rand") << td("rand-rwkv7-L3-D128.safetensors");
    }
    void truncatedFilesThrow() {
        // A cut download keeps its name (the app lists and imports model files by their suffix): the name tells the
        // container of a file cut inside its magic bytes.
        QFETCH(QString, file);
        const QByteArray all = readAll(file);
        QTemporaryDir dir;
        const QString p = dir.filePath(QStringLiteral("cut.") + QFileInfo(file).suffix());
        const qsizetype n = all.size();
        for (qsizetype len : {qsizetype(0), qsizetype(1), qsizetype(4), qsizetype(7), qsizetype(8), qsizetype(9),
                              qsizetype(24), qsizetype(100), qsizetype(4096), n / 3, n / 2, n - 64, n - 23, n - 1}) {
            writeAll(p, all.left(len));
            std::string msg;
            const auto code = loadError(p, &msg);
            QVERIFY2(code.has_value(), qPrintable(QStringLiteral("no error at length %1").arg(len)));
            // 0 bytes: a download or copy that wrote nothing (05eae17); any other cut: the file ends before what its
            // header says, its own code (not CorruptFile or UnsupportedFormat by where it stopped)
            QVERIFY2(*code == (len == 0 ? ErrorCode::EmptyFile : ErrorCode::TruncatedFile),
                     qPrintable(QStringLiteral("length %1: [%2] %3").arg(len).arg(rwkv::to_string(*code), msg.c_str())));
            if (len > 0) QVERIFY2(msg.find("truncated") != std::string::npos, msg.c_str());
        }
    }

    // Every cut of every kind of checkpoint, read from memory as the app's import check (index only) and a load read
    // it: each of the first and last 80 bytes, about 300 lengths between, and each rwkv.cpp record's and safetensors
    // tensor's end (a file cut between two tensors has no byte of the next one to show it was cut).
    void everyCutIsTruncatedFile_data() {
        QTest::addColumn<QString>("file");
        for (const char* f : kTinyFiles) QTest::newRow(f) << td(f);
        QTest::newRow("rand") << td("rand-rwkv7-L3-D128.safetensors");
    }
    void everyCutIsTruncatedFile() {
        QFETCH(QString, file);
        const QByteArray all = readAll(file);
        const qsizetype n = all.size();
        std::set<qsizetype> lengths;
        for (qsizetype len = 1; len <= 80; ++len) lengths.insert(len), lengths.insert(n - len);
        for (qsizetype k = 1; k < 300; ++k) lengths.insert(n * k / 300);
        if (file.endsWith(QLatin1String(".bin")))
            for (const auto& r : test_files::rwkvCppRecords(all)) lengths.insert(r.offset), lengths.insert(r.offset + r.header);
        if (file.endsWith(QLatin1String(".safetensors"))) {
            const auto parts = splitSafetensors(all);
            const qsizetype dataStart = n - parts.data.size();
            lengths.insert(dataStart);
            for (const QJsonValue e : parts.header) {
                const QJsonArray offsets = e.toObject().value(QStringLiteral("data_offsets")).toArray();
                if (offsets.size() == 2) lengths.insert(dataStart + offsets.at(1).toInteger());
            }
        }
        lengths.erase(n);
        const std::string name = "cut." + QFileInfo(file).suffix().toStdString();
        int checked = 0;
        for (const qsizetype len : lengths) {
            const auto cut = rwkv::formats::MappedFile::from_memory(
                {reinterpret_cast<const std::byte*>(all.constData()), std::size_t(len)}, name);
            for (const bool indexOnly : {true, false}) {
                std::string msg;
                const auto code = errorOf([&] { rwkv::formats::load_weights_from(cut, indexOnly); }, &msg);
                QVERIFY2(code == std::optional(ErrorCode::TruncatedFile),
                         qPrintable(QStringLiteral("length %1 of %2%3: %4").arg(len).arg(n).arg(indexOnly ? ", index only" : "")
                                        .arg(code ? QStringLiteral("[%1] %2").arg(rwkv::to_string(*code), msg.c_str())
                                                  : QStringLiteral("no error"))));
                ++checked;
            }
        }
        QVERIFY(checked > 2 * 300);
    }

    void corruptedBytesNeverCrash_data() {
        QTest::addColumn<QString>("file");
        for (const char* f : kTinyFiles) QTest::newRow(f) << td(f);
    }
    void corruptedBytesNeverCrash() {
        // Random byte flips in the structural parts (start and end of each file): loading either succeeds or
        // throws rwkv::Error; anything else (crash, other exception) fails the test.
        QFETCH(QString, file);
        const QByteArray all = readAll(file);
        QTemporaryDir dir;
        const QString p = dir.filePath("fuzz");
        std::mt19937 rng(1234);
        for (int iter = 0; iter < 150; ++iter) {
            QByteArray b = all;
            for (int k = 0; k < 4; ++k) {
                const qsizetype region = std::min<qsizetype>(b.size(), 40000);
                qsizetype pos = qsizetype(rng() % quint32(region));
                if (rng() & 1) pos = b.size() - 1 - pos;
                b[pos] = char(rng() & 0xFF);
            }
            writeAll(p, b);
            try {
                rwkv::load_weights(p.toStdString());
            } catch (const rwkv::Error&) {
            }
        }
    }

    void foreignInputs() {
        QTemporaryDir dir;
        QCOMPARE(loadError(dir.filePath("does-not-exist.pth")), std::optional(ErrorCode::FileNotFound));
        QCOMPARE(loadError(dir.path()), std::optional(ErrorCode::InvalidArgument));  // a directory: it exists
        writeAll(dir.filePath("empty"), {});
        QCOMPARE(loadError(dir.filePath("empty")), std::optional(ErrorCode::EmptyFile));  // not foreign: incomplete
        writeAll(dir.filePath("one.pth"), "P");  // cut after its first byte: incomplete too, by its name
        QCOMPARE(loadError(dir.filePath("one.pth")), std::optional(ErrorCode::TruncatedFile));
        writeAll(dir.filePath("one"), "P");  // no name to tell: one byte of nothing known
        QCOMPARE(loadError(dir.filePath("one")), std::optional(ErrorCode::UnsupportedFormat));
        writeAll(dir.filePath("text.pth"), "This is not a model, just a text file.\n");
        QCOMPARE(loadError(dir.filePath("text.pth")), std::optional(ErrorCode::UnsupportedFormat));
        std::mt19937 rng(7);
        QByteArray rnd(100000, '\0');
        for (auto& c : rnd) c = char(rng());
        rnd[8] = 'x';  // not '{'
        writeAll(dir.filePath("random.bin"), rnd);
        std::string msg;
        QCOMPARE(loadError(dir.filePath("random.bin"), &msg), std::optional(ErrorCode::UnsupportedFormat));
        QVERIFY2(msg.find("random.bin") != std::string::npos, msg.c_str());
        writeAll(dir.filePath("vocab.txt"), readAll(td("rwkv_vocab_v20230424.txt")));
        QCOMPARE(loadError(dir.filePath("vocab.txt")), std::optional(ErrorCode::UnsupportedFormat));
    }

    void unsafePickles() {
        QTemporaryDir dir;
        const QString p = dir.filePath("evil.pth");
        std::string msg;
        // os.system("ls") via GLOBAL + REDUCE
        writeAll(p, pthWithPickle(QByteArray("\x80\x02" "cos\nsystem\nq\x00X\x02\x00\x00\x00lsq\x01\x85q\x02Rq\x03.", 31)));
        QCOMPARE(loadError(p, &msg), std::optional(ErrorCode::UnsafeFile));
        QVERIFY2(msg.find("os.system") != std::string::npos, msg.c_str());
        // builtins.eval via protocol-4 STACK_GLOBAL
        writeAll(p, pthWithPickle(QByteArray("\x80\x04\x8c\x08" "builtins\x8c\x04" "eval\x93\x8c\x01" "1\x85R.", 25)));
        QCOMPARE(loadError(p, &msg), std::optional(ErrorCode::UnsafeFile));
        QVERIFY2(msg.find("builtins.eval") != std::string::npos, msg.c_str());
        // INST opcode ('i') is not accepted at all
        writeAll(p, pthWithPickle(QByteArray("\x80\x02(ios\nsystem\n.", 15)));
        QCOMPARE(loadError(p), std::optional(ErrorCode::UnsafeFile));
        // a dict of a non-tensor, nesting bombs, bad memo references: CorruptFile, never a crash
        writeAll(p, pthWithPickle(QByteArray("\x80\x02}X\x01\x00\x00\x00" "aK\x01s.", 13)));
        QCOMPARE(loadError(p), std::optional(ErrorCode::CorruptFile));
        QByteArray deep("\x80\x02K\x01", 4);
        deep += QByteArray(100000, '\x85');
        deep += '.';
        writeAll(p, pthWithPickle(deep));
        QCOMPARE(loadError(p), std::optional(ErrorCode::CorruptFile));
        writeAll(p, pthWithPickle(QByteArray("\x80\x02h\x05.", 5)));
        QCOMPARE(loadError(p), std::optional(ErrorCode::CorruptFile));
        writeAll(p, pthWithPickle(QByteArray(1000000, '(')));
        QCOMPARE(loadError(p), std::optional(ErrorCode::CorruptFile));
    }

    // Damaged bytes are a damaged file (CorruptFile: "download it again"), not one that "asks to run code" (session
    // 32's trial: the demo .pth with data.pkl overwritten by random bytes from byte 200 on said UnsafeFile).
    void damagedPicklesAreCorruptNotUnsafe() {
        QTemporaryDir dir;
        const QString p = dir.filePath("damaged.pth");
        std::string msg;
        writeAll(p, pthWithPickle("garbage"));  // 'g' (GET, text) is an opcode torch.save never writes
        QCOMPARE(loadError(p, &msg), std::optional(ErrorCode::CorruptFile));
        QVERIFY2(msg.find("opcode 0x67") != std::string::npos, msg.c_str());
        writeAll(p, pthWithPickle(QByteArray("\x80\x02\xff.", 4)));  // no opcode at all
        QCOMPARE(loadError(p, &msg), std::optional(ErrorCode::CorruptFile));
        QVERIFY2(msg.find("opcode 0xff is not one torch.save writes (damaged bytes?) (at byte 2)") != std::string::npos, msg.c_str());
        writeAll(p, pthWithPickle(QByteArray("\x80\x02" "c\x01\x9c os\n\x07\n.", 12)));  // GLOBAL of no Python name
        QCOMPARE(loadError(p, &msg), std::optional(ErrorCode::CorruptFile));
        // NEWOBJ / OBJ / EXT1 / PERSID without a name lookup reach nothing outside the whitelist: damaged
        for (const char* bytes : {"\x80\x02)\x81.", "\x80\x02(o.", "\x80\x02\x82\x01.", "\x80\x02Pos.system\n."}) {
            writeAll(p, pthWithPickle(QByteArray(bytes)));
            QCOMPARE(loadError(p), std::optional(ErrorCode::CorruptFile));
        }
        // INST of a whitelisted name is damage too; INST of os.system stays UnsafeFile (unsafePickles)
        writeAll(p, pthWithPickle(QByteArray("\x80\x02(icollections\nOrderedDict\n.")));
        QCOMPARE(loadError(p), std::optional(ErrorCode::CorruptFile));
        // the trial's file, for 100 seeds: the demo .pth, data.pkl random from byte 200 on (same length, CRC right)
        const auto entries = readZip(readAll(td("tiny-rwkv7-834K.pth")));
        int unsafe = 0, corrupt = 0;
        for (unsigned seed = 1; seed <= 100; ++seed) {
            auto cut = entries;
            std::mt19937 rng(seed);
            for (auto& e : cut)
                if (e.name.endsWith("data.pkl"))
                    for (qsizetype i = 200; i < e.data.size(); ++i) e.data[i] = char(rng());
            writeAll(p, makeZip(cut, false));
            const auto code = loadError(p, &msg);
            unsafe += code == std::optional(ErrorCode::UnsafeFile);
            corrupt += code == std::optional(ErrorCode::CorruptFile);
            if (code == std::optional(ErrorCode::UnsafeFile)) qWarning("seed %u: %s", seed, msg.c_str());
        }
        QCOMPARE(unsafe, 0);
        QCOMPARE(corrupt, 100);
    }

    void compressedZipEntryRejected() {
        auto entries = readZip(readAll(td("tiny-rwkv7-834K.pth")));
        for (auto& e : entries)
            if (e.name.endsWith("data.pkl")) e.method = 8;  // claims deflate
        QTemporaryDir dir;
        writeAll(dir.filePath("deflate.pth"), makeZip(entries, false));
        std::string msg;
        QCOMPARE(loadError(dir.filePath("deflate.pth"), &msg), std::optional(ErrorCode::UnsupportedFormat));
        QVERIFY2(msg.find("compressed") != std::string::npos, msg.c_str());
    }

    // An intact checkpoint of other names is not RWKV-7, not damage (session 34's trial: the demo .pth with blocks. →
    // layers. and att. → atn. in data.pkl said "no blocks.{i}.* tensors [corrupt file]"). The names are BINUNICODE
    // strings ('X', u32 little-endian length, UTF-8), rewritten here with their lengths.
    void renamedTensorsAreNotRwkv7() {
        auto entries = readZip(readAll(td("tiny-rwkv7-834K.pth")));
        int renamed = 0;
        for (auto& e : entries) {
            if (!e.name.endsWith("data.pkl")) continue;
            QByteArray out;
            for (qsizetype i = 0; i < e.data.size();) {
                const quint32 n = i + 5 <= e.data.size() ? qFromLittleEndian<quint32>(e.data.constData() + i + 1) : 0;
                if (e.data[i] == 'X' && i + 5 + qsizetype(n) <= e.data.size() && e.data.mid(i + 5, 7) == "blocks.") {
                    const QByteArray name = e.data.mid(i + 5, n).replace("blocks.", "layers.").replace(".att.", ".atn.");
                    QByteArray length(4, '\0');
                    qToLittleEndian<quint32>(quint32(name.size()), length.data());
                    out += 'X' + length + name;
                    i += 5 + n;
                    ++renamed;
                } else {
                    out += e.data[i++];
                }
            }
            e.data = out;
        }
        QCOMPARE(renamed, 395);  // every tensor but emb.weight, head.weight, ln_out.weight and ln_out.bias
        QTemporaryDir dir;
        const QString p = dir.filePath("notrwkv7.pth");
        writeAll(p, makeZip(entries, false));
        std::string msg;
        QCOMPARE(loadError(p, &msg), std::optional(ErrorCode::UnsupportedModel));
        QCOMPARE(QString::fromStdString(msg), QStringLiteral("notrwkv7.pth: not an RWKV-7 model: its tensors are named "
                                                             "layers.0.\u2026, not blocks.0.\u2026 as RWKV-7's are"));
        // no numbered name at all: the first three names
        const auto base = splitSafetensors(readAll(td("tiny-rwkv7-834K.safetensors")));
        QJsonObject h;
        for (const char* name : {"emb.weight", "head.weight", "ln_out.weight", "ln_out.bias"}) h[name] = base.header[name];
        writeAll(dir.filePath("four.safetensors"), makeSafetensors(h, base.data));
        QCOMPARE(loadError(dir.filePath("four.safetensors"), &msg), std::optional(ErrorCode::UnsupportedModel));
        QCOMPARE(QString::fromStdString(msg), QStringLiteral("four.safetensors: not an RWKV-7 model: it has no blocks.0.\u2026 "
                                                             "tensors, only emb.weight, head.weight, ln_out.bias, \u2026"));
    }

    // Session 34's check: a whole checkpoint of another model without emb.weight (a Llama .safetensors) was "corrupt".
    // It is unsupported, named by its layout when known; only a file with RWKV-7's blocks.N. but no emb.weight is
    // damaged. Each built here from the tiny model's tensors under other names (no weights committed).
    void otherModelsAreNamedNotDamaged() {
        const auto base = splitSafetensors(readAll(td("tiny-rwkv7-834K.safetensors")));
        const char* const kept[] = {"emb.weight", "head.weight", "ln_out.weight"};  // each its own bytes
        QTemporaryDir dir;
        std::string msg;
        const auto refusal = [&](const char* file, std::initializer_list<const char*> names) {
            QJsonObject h;
            int i = 0;
            for (const char* name : names) h[name] = base.header[kept[i++]];
            writeAll(dir.filePath(file), makeSafetensors(h, base.data));
            const auto code = loadError(dir.filePath(file), &msg);
            return std::pair{code, QString::fromStdString(msg)};
        };
        const std::pair llama = refusal("llama.safetensors", {"model.embed_tokens.weight", "model.layers.0.mlp.up_proj.weight",
                                                              "lm_head.weight"});
        QCOMPARE(llama.first, std::optional(ErrorCode::UnsupportedModel));
        QCOMPARE(llama.second, QStringLiteral("llama.safetensors: not an RWKV model: a Llama-style model (key "
                                              "model.embed_tokens.weight); only RWKV-7 is supported"));
        const std::pair meta = refusal("consolidated.safetensors", {"tok_embeddings.weight", "layers.0.attention.wq.weight"});
        QCOMPARE(meta.first, std::optional(ErrorCode::UnsupportedModel));
        QCOMPARE(meta.second, QStringLiteral("consolidated.safetensors: not an RWKV model: a Llama-style model (key "
                                             "tok_embeddings.weight); only RWKV-7 is supported"));
        const std::pair gpt2 = refusal("gpt2.safetensors", {"wte.weight", "h.0.attn.c_attn.weight"});
        QCOMPARE(gpt2.first, std::optional(ErrorCode::UnsupportedModel));
        QCOMPARE(gpt2.second, QStringLiteral("gpt2.safetensors: not an RWKV model: a GPT-2-style model (key wte.weight); "
                                             "only RWKV-7 is supported"));
        // Unknown names, no blocks.N.: not RWKV-7, by what it has.
        const std::pair other = refusal("other.safetensors", {"encoder.0.weight", "decoder.0.weight"});
        QCOMPARE(other.first, std::optional(ErrorCode::UnsupportedModel));
        QCOMPARE(other.second, QStringLiteral("other.safetensors: not an RWKV-7 model: its tensors are named decoder.0.\u2026, "
                                              "not blocks.0.\u2026 as RWKV-7's are"));
        // RWKV-7's blocks without emb.weight: damaged, as before.
        const std::pair cut = refusal("noemb.safetensors", {"blocks.0.ln1.weight", "head.weight"});
        QCOMPARE(cut.first, std::optional(ErrorCode::CorruptFile));
        QCOMPARE(cut.second, QStringLiteral("noemb.safetensors: tensor emb.weight is missing"));
    }

    void badSafetensors() {
        QTemporaryDir dir;
        const QString p = dir.filePath("bad.safetensors");
        const auto base = splitSafetensors(readAll(td("tiny-rwkv7-834K.safetensors")));
        std::string msg;

        // offsets pointing past the end of the data block, overlapping nothing: no cut leaves such a header (session
        // 38's trial: "truncated"), its tensors add up to the data the file has
        {
            const qint64 begin = qint64(base.data.size()) - 100;
            const QJsonObject h = withTensorField(base.header, "head.weight", "data_offsets", QJsonArray{begin, begin + 65536});
            writeAll(p, makeSafetensors(h, base.data));
            QCOMPARE(loadError(p, &msg), std::optional(ErrorCode::CorruptFile));
            QVERIFY2(msg.find("not a valid safetensors file (tensor head.weight has data_offsets [" + std::to_string(begin) +
                              ", " + std::to_string(begin + 65536) + "]") != std::string::npos &&
                         msg.find("truncated") == std::string::npos,
                     msg.c_str());
        }
        // header length larger than the file: a length no header has (over 100 MiB) is a bad header, not a
        // truncation (session 37's trial: 2^60 in a full-size file was called "incomplete"); one that could be is
        {
            QByteArray b;
            put64(b, 1u << 30);
            writeAll(p, b + "{\"a\":1}");
            QCOMPARE(loadError(p, &msg), std::optional(ErrorCode::CorruptFile));
            QVERIFY2(msg.find("not a valid safetensors file (its header length is 1073741824 bytes, the file is 15)") !=
                             std::string::npos && msg.find("truncated") == std::string::npos,
                     msg.c_str());
            QByteArray whole = readAll(td("tiny-rwkv7-834K.safetensors"));
            const qsizetype size = whole.size();
            whole.replace(0, 8, QByteArray("\0\0\0\0\0\0\0\x10", 8));  // 2^60
            writeAll(p, whole);
            QCOMPARE(loadError(p, &msg), std::optional(ErrorCode::CorruptFile));
            QVERIFY2(msg.find("not a valid safetensors file (its header length is 1152921504606846976 bytes, the file "
                              "is " + std::to_string(size) + ")") != std::string::npos &&
                         msg.find("truncated") == std::string::npos,
                     msg.c_str());
            QByteArray cut;
            put64(cut, 4096);
            writeAll(p, cut + "{\"a\":1}");
            QCOMPARE(loadError(p, &msg), std::optional(ErrorCode::TruncatedFile));
            QVERIFY2(msg.find("the file is truncated") != std::string::npos, msg.c_str());
        }
        // one tensor missing
        {
            QJsonObject h = base.header;
            h.remove("blocks.5.att.k_k");
            writeAll(p, makeSafetensors(h, base.data));
            QCOMPARE(loadError(p, &msg), std::optional(ErrorCode::CorruptFile));
            QVERIFY2(msg.find("blocks.5.att.k_k") != std::string::npos, msg.c_str());
        }
        // wrong shape for one tensor (same byte count)
        {
            const QJsonObject h = withTensorField(base.header, "blocks.2.att.key.weight", "shape", QJsonArray{32, 128});
            writeAll(p, makeSafetensors(h, base.data));
            QCOMPARE(loadError(p, &msg), std::optional(ErrorCode::CorruptFile));
            QVERIFY2(msg.find("blocks.2.att.key.weight") != std::string::npos, msg.c_str());
        }
        // head size 32 instead of 64
        {
            const QJsonObject h = withTensorField(base.header, "blocks.0.att.r_k", "shape", QJsonArray{2, 32});
            writeAll(p, makeSafetensors(h, base.data));
            QCOMPARE(loadError(p, &msg), std::optional(ErrorCode::UnsupportedModel));
        }
        // rwkv7a (DeepEmbed) and RWKV-6 keys are refused as unsupported models, naming the variant. The extra tensor
        // gets a copy of its model's bytes at the end of the data (sharing them would be refused as an overlap).
        auto withCopy = [&](const QString& name, const QString& from) {
            QJsonObject h = base.header;
            QJsonObject e = h[from].toObject();
            const QJsonArray off = e["data_offsets"].toArray();
            const qint64 b = off[0].toInteger(), n = off[1].toInteger() - b;
            e["data_offsets"] = QJsonArray{qint64(base.data.size()), qint64(base.data.size()) + n};
            h[name] = e;
            return makeSafetensors(h, base.data + base.data.mid(b, n));
        };
        {
            writeAll(p, withCopy("blocks.0.ffn.s_emb.weight", "blocks.0.ffn.key.weight"));
            QCOMPARE(loadError(p, &msg), std::optional(ErrorCode::UnsupportedModel));
            QVERIFY2(msg.find("rwkv7a") != std::string::npos, msg.c_str());
        }
        {
            writeAll(p, withCopy("blocks.0.att.time_maa_x", "blocks.0.att.x_r"));
            QCOMPARE(loadError(p, &msg), std::optional(ErrorCode::UnsupportedModel));
            QVERIFY2(msg.find("RWKV-6") != std::string::npos, msg.c_str());
        }
        // not JSON / unsupported dtype
        {
            QByteArray b;
            put64(b, 5);
            writeAll(p, b + "{oops" + QByteArray(10, '\0'));
            QCOMPARE(loadError(p), std::optional(ErrorCode::CorruptFile));
            const QJsonObject h = withTensorField(base.header, "emb.weight", "dtype", "F64");
            writeAll(p, makeSafetensors(h, base.data));
            QCOMPARE(loadError(p), std::optional(ErrorCode::UnsupportedFormat));
        }
    }
};

QTEST_APPLESS_MAIN(TestFormatsDamaged)
#include "test_formats_damaged.moc"
