// rwkv-cli convert, run as a user would (QProcess): every golden model file written as .safetensors still gives its
// golden logits and state; kept as stored it is the same model to the engine (identical logits, the same fingerprint,
// a saved conversation continues from its state); converted to fp16 it says how many values were rounded; bad input
// and a full disk leave nothing behind and keep what was there. Helpers: cli_run.h.
#include "cli_run.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>

#include <cstring>
#include <tuple>

using namespace cli_test;

namespace {

QByteArray fileBytes(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QString testFile(const std::string& name) { return QString::fromStdString(testdata(name)); }

/// The folder's entries, hidden ones (a temporary file left behind) included.
QStringList entries(const QString& dir) {
    return QDir(dir).entryList(QDir::Files | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot, QDir::Name);
}

}  // namespace

class TestCliConvert : public QObject {
    Q_OBJECT
    QTemporaryDir tmp_;

    /// `convert IN OUT ARGS --json`, parsed; fails the test when it does not succeed.
    nlohmann::json convert(const QString& in, const QString& out, const QStringList& more = {}) {
        const Run r = cli(QStringList{"convert", in, out, "--json"} + more);
        if (r.code != 0) qWarning("%s", r.err.constData());
        return r.code == 0 ? nlohmann::json::parse(r.out.toStdString()) : nlohmann::json();
    }

    /// The logits of `tokens` with `model` (CPU fp32), as raw bytes.
    QByteArray logits(const QString& model, const QString& tokens) {
        const QString out = tmp_.filePath("logits.f32");
        const Run r = cli({"eval", "--model", model, "--tokens", tokens, "--logits-out", out});
        if (r.code != 0) qWarning("%s", r.err.constData());
        return r.code == 0 ? fileBytes(out) : QByteArray();
    }

private slots:
    // Every golden case on every golden model file, converted as stored: the same tolerance as the files themselves
    // (test_cli::evalReproducesEveryGolden, 1e-4 against the fp64 reference), and logits bit-identical to the source
    // file's (the engine reads the same numbers). A file kept as stored has the same model fingerprint.
    void everyGoldenFileConvertedGivesItsGoldens() {
        const auto idx = golden::index();
        int checked = 0;
        for (const auto& [model, entry] : idx["models"].items()) {
            for (const std::string file : entry["files"]) {
                const QString in = testFile(file);
                const QString out = tmp_.filePath(QString::fromStdString(file) + ".safetensors");
                const nlohmann::json j = convert(in, out, {"--force"});
                QVERIFY2(!j.is_null(), file.c_str());
                QCOMPARE(j["values_rounded"].get<int>(), 0);
                QVERIFY2(j["same_fingerprint"].get<bool>(), file.c_str());
                QCOMPARE(j["fingerprint"], j["input_fingerprint"]);
                QCOMPARE(qint64(j["bytes"].get<std::uint64_t>()), QFileInfo(out).size());
                for (const auto& c : idx["cases"]) {
                    if (c["model"] != model || c["id"] == "en_then_zh_ids") continue;  // that one starts from a state
                    const std::vector<int> toks = c["token_ids"];
                    const Run r = cli({"eval", "--model", out, "--tokens", ids(toks), "--logits-out",
                                       tmp_.filePath("l.f32"), "--state-out", tmp_.filePath("s.f32")});
                    QVERIFY2(r.code == 0, r.err.constData());
                    const double dl = golden::max_abs_diff(golden::read_f32(tmp_.filePath("l.f32").toStdString()),
                                                           golden::read_f32(testdata("golden/" + std::string(c["logits_file"]))));
                    const double ds = golden::max_abs_diff(golden::read_f32(tmp_.filePath("s.f32").toStdString()),
                                                           golden::read_f32(testdata("golden/" + std::string(c["state_file"]))));
                    QVERIFY2(dl <= 1e-4 && ds <= 1e-4,
                             qPrintable(QString("%1 %2: %3 %4").arg(file.c_str(), std::string(c["id"]).c_str()).arg(dl).arg(ds)));
                    QCOMPARE(logits(out, ids(toks)), logits(in, ids(toks)));
                    ++checked;
                }
            }
        }
        QCOMPARE(checked, 19);  // as test_cli's 20, less the one case that starts from a saved state
    }

    // bf16 -> fp16 keeps every value fp16 can hold; the rest (magnitudes under fp16's smallest normal, 6.1e-5) are
    // rounded and counted. Each such value moves by at most half of fp16's subnormal step (2^-25, 3e-8), so the
    // logits stay within 1e-4 of the bf16 file's — the golden tolerance — and fp32 -> bf16 of a model whose fp32 values
    // came from bf16 rounds none: the same model (fingerprint) as the .pth.
    void dtypeConversionCountsWhatItRounds() {
        const QString toks = QStringLiteral("1,2,3,100,200,72,105");
        const nlohmann::json h = convert(tinyModel(), tmp_.filePath("tiny-fp16.safetensors"), {"--dtype", "fp16"});
        QCOMPARE(h["dtype"], "fp16");
        const auto rounded = h["values_rounded"].get<std::uint64_t>();
        QVERIFY(rounded > 0 && rounded < h["values"].get<std::uint64_t>() / 100);
        const Run info = cli({"info", tmp_.filePath("tiny-fp16.safetensors"), "--json"});
        QCOMPARE(nlohmann::json::parse(info.out.toStdString())["dtype"], "fp16");
        const QByteArray a = logits(tinyModel(), toks), b = logits(tmp_.filePath("tiny-fp16.safetensors"), toks);
        QCOMPARE(a.size(), b.size());
        QVERIFY(!a.isEmpty());
        double worst = 0;
        for (qsizetype i = 0; i < a.size() / 4; ++i) {
            float x, y;
            std::memcpy(&x, a.constData() + 4 * i, 4);
            std::memcpy(&y, b.constData() + 4 * i, 4);
            worst = std::max(worst, double(std::abs(x - y)));
        }
        QVERIFY2(worst <= 1e-4, qPrintable(QString::number(worst)));

        const nlohmann::json b16 = convert(testFile("tiny-rwkv7-834K.safetensors"), tmp_.filePath("tiny-bf16.st"),
                                           {"--dtype", "bf16"});
        QCOMPARE(b16["values_rounded"].get<int>(), 0);
        const nlohmann::json pth = convert(tinyModel(), tmp_.filePath("tiny-pth.safetensors"));
        QCOMPARE(b16["fingerprint"], pth["fingerprint"]);
        QCOMPARE(logits(tmp_.filePath("tiny-bf16.st"), toks), logits(tinyModel(), toks));

        // The lines a person reads say the same.
        const Run text = cli({"convert", tinyModel(), tmp_.filePath("tiny-fp16b.safetensors"), "--dtype", "fp16"});
        QVERIFY2(text.code == 0, text.err.constData());
        QVERIFY2(text.out.contains(QByteArray::number(qulonglong(rounded)) + " of 829,888 rounded to fp16"),
                 text.out.constData());
        const Run kept = cli({"convert", tinyModel(), tmp_.filePath("tiny-kept.safetensors")});
        QVERIFY2(kept.out.contains("all 829,888 kept exactly") && kept.out.contains("continue with it"),
                 kept.out.constData());
    }

#ifdef RWKV_CLI_TEST_STORE
    // What the "conversations" line promises: a chat saved with the .pth continues from its saved state with the file
    // converted as stored, and is read again from its text with one whose numbers differ.
    void savedConversationContinuesWithTheConvertedFile() {
        const QString db = tmp_.filePath("c.sqlite");
        QVERIFY(!chat(db, {"--message", "Hello"}).is_null());
        convert(tinyModel(), tmp_.filePath("same.safetensors"));
        convert(tinyModel(), tmp_.filePath("other.safetensors"), {"--dtype", "fp16"});
        const auto turn = [&](const QString& model) {
            const Run r = cli({"chat", "--db", db, "--model", model, "--conversation", "1", "--message", "Again",
                               "--json", "--max-tokens", "4"});
            if (r.code != 0) qWarning("%s", r.err.constData());
            return r.code == 0 ? nlohmann::json::parse(r.out.toStdString())["stats"]["state_source"] : nlohmann::json();
        };
        QCOMPARE(turn(tmp_.filePath("same.safetensors")), "snapshot");
        QCOMPARE(turn(tmp_.filePath("other.safetensors")), "reprefill");
    }
#endif

    // Refused before anything is written, one line each, the input and an existing output unchanged.
    void badRequestsWriteNothing() {
        QTemporaryDir dir;
        const QString out = dir.filePath("out.safetensors");
        QVERIFY(!convert(tinyModel(), out).is_null());
        const QByteArray before = fileBytes(out);
        QFile::link(out, dir.filePath("link.st"));
        QFile::copy(tinyModel(), dir.filePath("cut.pth"));
        QFile::resize(dir.filePath("cut.pth"), 100000);
        const QStringList files = entries(dir.path());
        const struct {
            QStringList args;
            QByteArray says;  // owned: a const char* into the temporary "… e.g. " + path dangled (flaky since session 46)
        } cases[] = {
            {{tinyModel(), out}, "exists: add --force to replace it (nothing was written)"},
            {{out, out, "--force"}, "is the file convert reads"},
            {{dir.filePath("link.st"), out, "--force"}, "is the file convert reads"},
            {{tinyModel(), dir.filePath("x.pth")}, "name the output e.g. " + dir.filePath("x.safetensors").toUtf8()},
            {{tinyModel(), dir.path()}, "is a folder"},
            {{tinyModel(), dir.filePath("y.st"), "--dtype", "int8"}, "int8 is made when a model loads"},
            {{tinyModel(), dir.filePath("y.st"), "--dtype", "q4"}, "unknown --dtype 'q4' (keep, fp32, fp16, bf16)"},
            {{dir.filePath("cut.pth"), dir.filePath("y.st")}, "The file is incomplete"},
            {{dir.filePath("none.pth"), dir.filePath("y.st")}, "none.pth"},
            {{tinyModel(), dir.filePath("no/such/folder/y.st")}, "does not exist (nothing was written)"},
        };
        for (const auto& c : cases) {
            const Run r = cli(QStringList{"convert"} + c.args);
            QVERIFY2(r.code == 1, qPrintable(c.args.join(' ')));
            QVERIFY2(isPlainOneLineError(r.err) && r.err.contains(c.says), r.err.constData());
            QCOMPARE(entries(dir.path()), files);
            QCOMPARE(fileBytes(out), before);
        }
        QCOMPARE(QCryptographicHash::hash(fileBytes(tinyModel()), QCryptographicHash::Sha256),
                 QCryptographicHash::hash(fileBytes(testFile("tiny-rwkv7-834K.pth")), QCryptographicHash::Sha256));
    }

    // A value fp16 cannot hold (|x| > 65504 would become infinity) is refused naming its tensor, before the file
    // replaces anything: an fp32 file with 1e6 in blocks.0.att.x_r.
    void valueBeyondFp16IsRefused() {
        QByteArray st = fileBytes(testFile("tiny-rwkv7-834K.safetensors"));
        quint64 headerLen = 0;
        std::memcpy(&headerLen, st.constData(), 8);
        const auto header = nlohmann::json::parse(st.mid(8, qsizetype(headerLen)).toStdString());
        const auto& t = header["blocks.0.att.x_r"];
        QCOMPARE(t["dtype"], "F32");
        const float big = 1e6f;
        std::memcpy(st.data() + 8 + headerLen + t["data_offsets"][0].get<std::uint64_t>(), &big, 4);
        QTemporaryDir dir;
        QFile f(dir.filePath("big.safetensors"));
        QVERIFY(f.open(QIODevice::WriteOnly) && f.write(st) == st.size());
        f.close();
        const QStringList files = entries(dir.path());
        const Run r = cli({"convert", f.fileName(), dir.filePath("big16.safetensors"), "--dtype", "fp16"});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains("tensor blocks.0.att.x_r holds 1000000") && r.err.contains("beyond fp16's range"),
                 r.err.constData());
        QCOMPARE(entries(dir.path()), files);
        QVERIFY(!convert(f.fileName(), dir.filePath("big32.safetensors"), {"--dtype", "bf16"}).is_null());  // bf16 can
    }

    // A weight that is NaN or infinite makes every logit NaN: refused naming its tensor and element, before anything
    // is written (session 53's trial: convert wrote it on silently), unless --allow-non-finite asks to keep it. One
    // element of blocks.0.ln1.weight: a NaN in the fp32 file, -infinity (bf16 0xff80) in the bf16 one.
    void nonFiniteWeightIsRefusedNamingIt() {
        QTemporaryDir dir;
        for (const auto& [source, bits, what] :
             {std::tuple{"tiny-rwkv7-834K.safetensors", QByteArray::fromHex("0000c07f"), "NaN"},
              std::tuple{"tiny-rwkv7-834K-bf16.safetensors", QByteArray::fromHex("80ff"), "infinity"}}) {
            QByteArray st = fileBytes(testFile(source));
            quint64 headerLen = 0;
            std::memcpy(&headerLen, st.constData(), 8);
            const auto header = nlohmann::json::parse(st.mid(8, qsizetype(headerLen)).toStdString());
            const auto at = qsizetype(8 + headerLen + header["blocks.0.ln1.weight"]["data_offsets"][0].get<std::uint64_t>());
            st.replace(at + 5 * bits.size(), bits.size(), bits);
            const QString in = dir.filePath(QStringLiteral("bad-") + QLatin1String(source));
            QFile f(in);
            QVERIFY(f.open(QIODevice::WriteOnly) && f.write(st) == st.size());
            f.close();
            const QStringList files = entries(dir.path());
            const QByteArray says = "bad-" + QByteArray(source) + ": tensor blocks.0.ln1.weight holds " + what +
                                    " (element 5 of 64): the weights are damaged";
            for (const QStringList& more : {QStringList{}, QStringList{"--dtype", "fp16"}}) {
                const Run r = cli(QStringList{"convert", in, dir.filePath("out.safetensors")} + more);
                QCOMPARE(r.code, 1);
                QVERIFY2(isPlainOneLineError(r.err) && r.err.contains(says) &&
                             r.err.contains("add --allow-non-finite to write them as they are (nothing was written)"),
                         r.err.constData());
                QCOMPARE(entries(dir.path()), files);
            }
            // Asked for: written as it is, the value kept (the written file says the same of itself).
            const QString out = dir.filePath(QStringLiteral("kept-") + QLatin1String(source));
            QVERIFY(!convert(in, out, {"--allow-non-finite", "--force"}).is_null());
            const Run again = cli({"convert", out, dir.filePath("again.safetensors")});
            QCOMPARE(again.code, 1);
            QVERIFY2(again.err.contains("kept-" + QByteArray(source) + ": tensor blocks.0.ln1.weight holds " + what +
                                        " (element 5 of 64)"),
                     again.err.constData());
            // Nor does it load, in any dtype: it was refused in fp32 only, by the first logits, and ran in fp16 where
            // the sparse FFN skipped a NaN row (session 54).
            for (const char* dtype : {"fp32", "fp16", "bf16", "int8"}) {
                const Run run = cli({"generate", "--model", out, "--dtype", dtype, "--prompt", "hi", "--max-tokens", "2"});
                QCOMPARE(run.code, 1);
                QCOMPARE(run.err, "error: kept-" + QByteArray(source) + ": tensor blocks.0.ln1.weight holds " + what +
                                      " (element 5 of 64): the weights are damaged [corrupt file]\n");
            }
            QFile::remove(out);
        }
    }

    // A disk that fills up mid-file (files limited to 100 kB): the error says so, no temporary file is left, and the
    // file that was there is kept whole.
    void fullDiskKeepsTheOldFile() {
        QTemporaryDir dir;
        const QString out = dir.filePath("out.safetensors");
        QFile old(out);
        QVERIFY(old.open(QIODevice::WriteOnly) && old.write("the old file") == 12);
        old.close();
        const QStringList files = entries(dir.path());
        const Run r = cliOnAFullDisk({"convert", tinyModel(), out, "--force"});
        QCOMPARE(r.code, 1);
        QVERIFY2(isPlainOneLineError(r.err) && r.err.contains("cannot write " + out.toUtf8()) &&
                     r.err.contains("(nothing was written)"),
                 r.err.constData());
        QCOMPARE(entries(dir.path()), files);
        QCOMPARE(fileBytes(out), QByteArray("the old file"));
    }
};

QTEST_GUILESS_MAIN(TestCliConvert)
#include "test_cli_convert.moc"
