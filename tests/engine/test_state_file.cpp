// State-tuning files (rwkv/state_file.h): a state taken from the engine, written as blocks.{i}.att.time_state the way
// the trainer stores it (transposed: file [h][key][value]), loads back to the same WKV state bit for bit and the same
// next-token logits; every kind of bad file is refused with its code and a message that names what is wrong.
#include <QJsonArray>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <cstring>
#include <limits>

#include "golden.h"
#include "model_calls.h"
#include "pth_writer.h"
#include "rwkv/dtype.h"
#include "rwkv/error.h"
#include "rwkv/model.h"
#include "rwkv/state_blob.h"
#include "rwkv/state_file.h"
#include "rwkv/weights.h"
#include "test_files.h"

using golden::error_code_of;
using golden::forward_logits;
using golden::testdata;
using pth_writer::Tensor;
using pth_writer::time_states;

namespace {

std::string message_of(const std::function<void()>& f) {
    try {
        f();
    } catch (const rwkv::Error& e) {
        return e.what();
    }
    return "(no error)";
}

/// Layer l's wkv of a host state (spec §5 layout), (h, m, j) at (h*N + m)*N + j.
const float* wkv_of(const std::vector<float>& state, const rwkv::ModelShape& s, int l) {
    return state.data() + std::size_t(l) * s.state_floats_per_layer() + std::size_t(s.n_embd);
}

/// The same tensors as a .safetensors file (fp32).
QByteArray safetensorsOf(const std::vector<Tensor>& tensors) {
    QJsonObject header;
    QByteArray data;
    for (const Tensor& t : tensors) {
        QJsonArray shape;
        for (auto d : t.shape) shape.append(qint64(d));
        header[QString::fromStdString(t.name)] =
            QJsonObject{{"dtype", "F32"}, {"shape", shape},
                        {"data_offsets", QJsonArray{qint64(data.size()), qint64(data.size() + t.bytes.size())}}};
        data += t.bytes;
    }
    return test_files::makeSafetensors(header, data);
}

/// `state` with both token-shift vectors of every layer set to zero (what a state-tuning file starts from).
std::vector<float> shifts_zeroed(std::vector<float> state, const rwkv::ModelShape& s) {
    const std::size_t c = std::size_t(s.n_embd), per = s.state_floats_per_layer();
    for (int l = 0; l < s.n_layer; ++l) {
        std::fill_n(state.begin() + std::ptrdiff_t(l * per), c, 0.0f);
        std::fill_n(state.begin() + std::ptrdiff_t(l * per + per - c), c, 0.0f);
    }
    return state;
}

}  // namespace

class TestStateFile : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    std::unique_ptr<rwkv::Model> tiny_ = rwkv::Model::load(testdata("tiny-rwkv7-834K.pth"));           // L12 C64 H1
    std::unique_ptr<rwkv::Model> rand_ = rwkv::Model::load(testdata("rand-rwkv7-L3-D128.safetensors"));  // L3 C128 H2

    /// The state after prefilling a prompt: every layer's wkv is full and not symmetric.
    static std::vector<float> prefilled(rwkv::Model& m) {
        rwkv::State s = m.new_state();
        forward_logits(m, s, {72, 105, 33, 32, 84, 101, 108, 108, 32, 109, 101, 46, 10});
        return s.to_host();
    }

    QString write(const QString& name, const QByteArray& bytes) {
        const QString p = dir_.filePath(name);
        test_files::writeAll(p, bytes);
        return p;
    }

    std::string fileFor(rwkv::Model& m, const QString& name) {
        return write(name, pth_writer::makePth(time_states(prefilled(m), m.shape()))).toStdString();
    }

private slots:
    // (a) orientation: the WKV part comes back bit for bit, and the logits after the next token equal those of the
    // source state with its token shifts zeroed; a file written without the trainer's transpose gives other logits.
    void loadsTheStateItWasMadeFrom_data() {
        QTest::addColumn<int>("model");
        QTest::newRow("tiny L12 H1") << 0;
        QTest::newRow("rand L3 H2") << 1;
    }
    void loadsTheStateItWasMadeFrom() {
        QFETCH(int, model);
        rwkv::Model& m = model == 0 ? *tiny_ : *rand_;
        const rwkv::ModelShape& s = m.shape();
        const std::vector<float> source = prefilled(m);
        const std::vector<float> expected = shifts_zeroed(source, s);
        QVERIFY(expected != source);  // the prompt left token shifts to zero

        const std::vector<Tensor> tensors = time_states(source, s);
        for (const QString& name : {QStringLiteral("state.pth"), QStringLiteral("state.safetensors")}) {
            const QByteArray bytes = name.endsWith(".pth") ? pth_writer::makePth(tensors) : safetensorsOf(tensors);
            const std::string path = write(name, bytes).toStdString();
            QVERIFY(rwkv::is_state_file(path));
            const rwkv::StateFile file = rwkv::read_state_file(path);
            QCOMPARE(file.n_layer, s.n_layer);
            QCOMPARE(file.n_head, s.n_head);
            QCOMPARE(file.head_size, 64);
            QCOMPARE(file.dtype, rwkv::DType::F32);

            rwkv::State loaded = rwkv::load_state_file(path, m);
            const std::vector<float> host = loaded.to_host();
            QCOMPARE(host.size(), expected.size());
            QVERIFY(std::memcmp(host.data(), expected.data(), host.size() * sizeof(float)) == 0);  // bit for bit

            rwkv::State reference = m.new_state();
            reference.from_host(expected);
            QCOMPARE(forward_logits(m, loaded, {104, 105}), forward_logits(m, reference, {104, 105}));
        }

        // The wkv matrices are not symmetric, so a loader that skips the transpose is caught: written untransposed,
        // the file loads a state whose wkv differs, and the logits with it.
        const float* w = wkv_of(source, s, 0);
        QVERIFY(w[1] != w[64]);  // (h 0, m 0, j 1) against (h 0, m 1, j 0)
        const std::string flat =
            write("untransposed.pth", pth_writer::makePth(time_states(source, s, rwkv::DType::F32, false))).toStdString();
        rwkv::State wrong = rwkv::load_state_file(flat, m), right = m.new_state();
        right.from_host(expected);
        QVERIFY(wrong.to_host() != expected);
        QVERIFY(forward_logits(m, wrong, {104}) != forward_logits(m, right, {104}));
    }

    // fp16 and bf16 files (what the trainer saves with bf16 precision) load as their values widened exactly.
    void halfPrecisionFilesWidenExactly() {
        const rwkv::ModelShape& s = tiny_->shape();
        const std::vector<float> source = prefilled(*tiny_);
        for (rwkv::DType as : {rwkv::DType::F16, rwkv::DType::BF16}) {
            const std::string path =
                write("half.pth", pth_writer::makePth(time_states(source, s, as))).toStdString();
            const rwkv::StateFile file = rwkv::read_state_file(path);
            QCOMPARE(file.dtype, as);
            const std::vector<float> host = rwkv::load_state_file(path, *tiny_).to_host();
            for (int l = 0; l < s.n_layer; ++l)
                for (std::size_t i = 0; i < 64 * 64; ++i) {
                    const float v = wkv_of(source, s, l)[i];
                    const float want = as == rwkv::DType::F16 ? rwkv::f16_to_f32(rwkv::f32_to_f16(v))
                                                              : rwkv::bf16_to_f32(rwkv::f32_to_bf16(v));
                    QCOMPARE(wkv_of(host, s, l)[i], want);
                }
        }
    }

    // (b) refusals, each with its code and words.
    void anotherModelsShapeIsRefused() {
        const std::string path = fileFor(*tiny_, "tiny-state.pth");
        QCOMPARE(error_code_of([&] { rwkv::load_state_file(path, *rand_); }), rwkv::ErrorCode::StateMismatch);
        const std::string msg = message_of([&] { rwkv::load_state_file(path, *rand_); });
        QVERIFY2(msg.find("tiny-state.pth: the state-tuning file is for a model of L12 H1 N64 (C 64); the loaded model "
                          "is L3 H2 N64 (C 128)") == 0,
                 msg.c_str());
    }

    void missingLayerIsRefused() {
        auto tensors = time_states(prefilled(*rand_), rand_->shape());
        tensors.erase(tensors.begin() + 1);
        const std::string path = write("gap.pth", pth_writer::makePth(tensors)).toStdString();
        QCOMPARE(error_code_of([&] { rwkv::read_state_file(path); }), rwkv::ErrorCode::CorruptFile);
        QCOMPARE(message_of([&] { rwkv::read_state_file(path); }),
                 std::string("gap.pth: blocks.1.att.time_state is missing (the file has 2 of the 3 layers up to its "
                             "last, blocks.2)"));
        // The last layer missing is a file for a model of 2 layers: refused by the model's shape.
        tensors = time_states(prefilled(*rand_), rand_->shape());
        tensors.pop_back();
        const std::string two = write("two.pth", pth_writer::makePth(tensors)).toStdString();
        QCOMPARE(rwkv::read_state_file(two).n_layer, 2);
        QCOMPARE(error_code_of([&] { rwkv::load_state_file(two, *rand_); }), rwkv::ErrorCode::StateMismatch);
    }

    void foreignTensorIsRefused() {
        auto tensors = time_states(prefilled(*rand_), rand_->shape());
        tensors.push_back({"blocks.0.att.time_faaaa", "FloatStorage", {2, 64}, QByteArray(2 * 64 * 4, '\0')});
        const std::string path = write("extra.pth", pth_writer::makePth(tensors)).toStdString();
        QCOMPARE(error_code_of([&] { rwkv::read_state_file(path); }), rwkv::ErrorCode::CorruptFile);
        QCOMPARE(message_of([&] { rwkv::read_state_file(path); }),
                 std::string("extra.pth: holds the tensor blocks.0.att.time_faaaa, which is no part of a state-tuning "
                             "file (only blocks.{i}.att.time_state, one per layer)"));
        // Nothing but foreign tensors: not a state-tuning file at all.
        const std::string none = write("none.pth", pth_writer::makePth({tensors.back()})).toStdString();
        QCOMPARE(error_code_of([&] { rwkv::read_state_file(none); }), rwkv::ErrorCode::UnsupportedFormat);
        QVERIFY(!rwkv::is_state_file(none));
    }

    void modelCheckpointIsRefused() {
        for (const char* f : {"tiny-rwkv7-834K.pth", "tiny-rwkv7-834K.safetensors"}) {
            const std::string path = testdata(f);
            QVERIFY(!rwkv::is_state_file(path));
            QCOMPARE(error_code_of([&] { rwkv::read_state_file(path); }), rwkv::ErrorCode::UnsupportedFormat);
            const std::string msg = message_of([&] { rwkv::read_state_file(path); });
            QVERIFY2(msg.find("is a model checkpoint (it holds ") != std::string::npos, msg.c_str());
            QVERIFY2(msg.find("not a state-tuning file") != std::string::npos, msg.c_str());
        }
        for (const char* f : {"tiny-rwkv7-834K-F16.gguf", "tiny-rwkv-7v0-834K-FP32.bin"}) {
            const std::string msg = message_of([&] { rwkv::read_state_file(testdata(f)); });
            QVERIFY2(msg.find("model file") != std::string::npos, msg.c_str());
        }
    }

    void nonFiniteValuesAreRefused() {
        const float bad[] = {std::numeric_limits<float>::quiet_NaN(), std::numeric_limits<float>::infinity()};
        for (float v : bad) {
            auto tensors = time_states(prefilled(*rand_), rand_->shape());
            std::memcpy(tensors[2].bytes.data() + 4 * 4097, &v, 4);
            const std::string path = write("nan.pth", pth_writer::makePth(tensors)).toStdString();
            QCOMPARE(error_code_of([&] { rwkv::read_state_file(path); }), rwkv::ErrorCode::CorruptFile);
            QCOMPARE(message_of([&] { rwkv::read_state_file(path); }),
                     std::string("nan.pth: tensor blocks.2.att.time_state holds ") + (std::isnan(v) ? "NaN" : "infinity") +
                         " (element 4097 of 8192): the file is damaged");
        }
    }

    void badShapesAreRefused() {
        auto tensors = time_states(prefilled(*rand_), rand_->shape());
        auto other = tensors;
        other[1].shape = {2, 32, 128};  // same bytes, not [H, N, N]
        QCOMPARE(error_code_of([&] { rwkv::read_state_file(write("shape.pth", pth_writer::makePth(other)).toStdString()); }),
                 rwkv::ErrorCode::CorruptFile);
        other = tensors;
        other[0].shape = {8, 32, 32};  // RWKV-5-style head size 32
        for (auto& t : other) t.shape = {8, 32, 32};
        QCOMPARE(error_code_of([&] { rwkv::read_state_file(write("n32.pth", pth_writer::makePth(other)).toStdString()); }),
                 rwkv::ErrorCode::UnsupportedModel);
        other = tensors;
        other[2].shape = {1, 64, 64};
        other[2].bytes.truncate(64 * 64 * 4);
        const std::string mixed = write("mixed.pth", pth_writer::makePth(other)).toStdString();
        QCOMPARE(error_code_of([&] { rwkv::read_state_file(mixed); }), rwkv::ErrorCode::CorruptFile);
        QCOMPARE(message_of([&] { rwkv::read_state_file(mixed); }),
                 std::string("mixed.pth: tensor blocks.2.att.time_state has shape [1, 64, 64], blocks.0.att.time_state "
                             "[2, 64, 64]: every layer's must be the same"));
    }

    void cutAndEmptyFilesAreRefused() {
        const QByteArray whole = pth_writer::makePth(time_states(prefilled(*rand_), rand_->shape()));
        QCOMPARE(error_code_of([&] { rwkv::read_state_file(write("empty.pth", {}).toStdString()); }),
                 rwkv::ErrorCode::EmptyFile);
        for (qsizetype n : {qsizetype(1), qsizetype(3), qsizetype(200), whole.size() / 2, whole.size() - 22,
                            whole.size() - 1}) {
            const std::string path = write("cut.pth", whole.left(n)).toStdString();
            QVERIFY(!rwkv::is_state_file(path));
            QCOMPARE(error_code_of([&] { rwkv::read_state_file(path); }), rwkv::ErrorCode::TruncatedFile);
        }
        QCOMPARE(error_code_of([&] { rwkv::read_state_file(dir_.filePath("gone.pth").toStdString()); }),
                 rwkv::ErrorCode::FileNotFound);
    }

    // Session 48's trial: a state-tuning file opened as a model was "damaged" ("tensor emb.weight is missing"); it is
    // named as what it is, with where it goes, for the loader and the index check alike, .pth and .safetensors.
    void stateFileOpenedAsModelIsNamed() {
        const std::vector<Tensor> tensors = time_states(prefilled(*rand_), rand_->shape());
        for (const QString& path : {write("role.pth", pth_writer::makePth(tensors)),
                                    write("role.safetensors", safetensorsOf(tensors))}) {
            const std::string p = path.toStdString();
            QCOMPARE(error_code_of([&] { rwkv::Model::load(p); }), rwkv::ErrorCode::UnsupportedFormat);
            QCOMPARE(error_code_of([&] { rwkv::check_checkpoint_index(p); }), rwkv::ErrorCode::UnsupportedFormat);
            const std::string msg = message_of([&] { rwkv::check_checkpoint_index(p); });
            QVERIFY2(msg.find(": this is an RWKV state-tuning file (blocks.{i}.att.time_state: ") != std::string::npos,
                     msg.c_str());
            QVERIFY2(msg.find("--state-file") != std::string::npos, msg.c_str());
        }
    }

    // RWKV Desktop's own state blob (rwkv-cli eval --state-out) is not a state-tuning file, and says what it is.
    void ownStateBlobIsNamed() {
        rwkv::State s = tiny_->new_state();
        const auto blob = tiny_->export_state(s);
        const std::string path =
            write("chat.rwkvstate", QByteArray(reinterpret_cast<const char*>(blob.data()), qsizetype(blob.size())))
                .toStdString();
        QCOMPARE(error_code_of([&] { rwkv::read_state_file(path); }), rwkv::ErrorCode::UnsupportedFormat);
        const std::string msg = message_of([&] { rwkv::read_state_file(path); });
        QVERIFY2(msg.find("RWKV Desktop") != std::string::npos, msg.c_str());
    }
};

QTEST_APPLESS_MAIN(TestStateFile)
#include "test_state_file.moc"
