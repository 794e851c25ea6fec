// State blobs and fingerprints: exact round trip; another model's, truncated, damaged and foreign blobs
// are refused with the right error code; the same weights in different containers share a fingerprint.
#include <QtTest>

#include "golden.h"
#include "model_calls.h"
#include "rwkv/error.h"
#include "rwkv/model.h"
#include "rwkv/state_blob.h"

using golden::error_code_of;
using golden::testdata;

class TestStateBlob : public QObject {
    Q_OBJECT

    std::unique_ptr<rwkv::Model> tiny_ = rwkv::Model::load(testdata("tiny-rwkv7-834K.pth"));

    rwkv::State advanced() {
        rwkv::State s = tiny_->new_state();
        std::vector<float> logits(256);
        tiny_->forward(s, std::vector<std::int32_t>{72, 105, 33, 10}, logits);
        return s;
    }

private slots:
    void roundTripIsExact() {
        const rwkv::State s = advanced();
        const auto blob = tiny_->export_state(s);
        QCOMPARE(blob.size(), std::size_t(72 + 50688 * 4 + 8));  // header + spec §5 payload + checksum
        const rwkv::State back = tiny_->import_state(blob);
        QCOMPARE(back.to_host(), s.to_host());
        // Continuing from the imported state gives the same logits bit for bit.
        rwkv::State a = s.clone(), b = tiny_->import_state(blob);
        std::vector<float> la(256), lb(256);
        tiny_->forward(a, std::vector<std::int32_t>{104}, la);
        tiny_->forward(b, std::vector<std::int32_t>{104}, lb);
        QCOMPARE(la, lb);
    }

    void sameWeightsSameFingerprint() {
        for (const char* f : {"tiny-rwkv7-834K.safetensors", "tiny-rwkv7-834K-bf16.safetensors",
                              "tiny-rwkv-7v0-834K-FP32.bin"}) {
            auto other = rwkv::Model::load(testdata(f));
            QVERIFY2(other->fingerprint() == tiny_->fingerprint(), f);
            // ...so a state saved with one file loads with another.
            QCOMPARE(other->import_state(tiny_->export_state(advanced())).to_host(), advanced().to_host());
        }
    }

    // The FP16 .bin rounds the weights below 2^-14 (fp16 subnormals): other values, other fingerprint.
    void roundedWeightsChangeTheFingerprint() {
        auto fp16 = rwkv::Model::load(testdata("tiny-rwkv-7v0-834K-FP16.bin"));
        QVERIFY(!(fp16->fingerprint() == tiny_->fingerprint()));
        QVERIFY(fp16->fingerprint().shape == tiny_->fingerprint().shape);
    }

    void otherModelIsRefused() {
        auto rand = rwkv::Model::load(testdata("rand-rwkv7-L3-D128.safetensors"));
        QVERIFY(!(rand->fingerprint() == tiny_->fingerprint()));
        rwkv::State rs = rand->new_state();
        const auto blob = rand->export_state(rs);
        QCOMPARE(error_code_of([&] { tiny_->import_state(blob); }), rwkv::ErrorCode::StateMismatch);
        // Same shape, different weights: fake a fingerprint hash change with a valid checksum.
        rwkv::ModelFingerprint fp = tiny_->fingerprint();
        fp.hash ^= 1;
        const auto forged = rwkv::encode_state_blob(fp, advanced().to_host());
        QCOMPARE(error_code_of([&] { tiny_->import_state(forged); }), rwkv::ErrorCode::StateMismatch);
        // A state object of another model is refused by forward().
        std::vector<float> logits(256);
        QCOMPARE(error_code_of([&] { tiny_->forward(rs, std::vector<std::int32_t>{1}, logits); }),
                 rwkv::ErrorCode::StateMismatch);
    }

    void truncatedIsRefused() {
        const auto blob = tiny_->export_state(advanced());
        for (std::size_t n : {std::size_t(0), std::size_t(7), std::size_t(71), std::size_t(80), blob.size() / 2,
                              blob.size() - 8, blob.size() - 1}) {
            const std::span<const std::byte> cut(blob.data(), n);
            QCOMPARE(error_code_of([&] { tiny_->import_state(cut); }), rwkv::ErrorCode::CorruptState);
        }
        auto longer = blob;
        longer.push_back(std::byte{0});
        QCOMPARE(error_code_of([&] { tiny_->import_state(longer); }), rwkv::ErrorCode::CorruptState);
    }

    void damagedIsRefused() {
        const auto blob = tiny_->export_state(advanced());
        for (std::size_t at : {std::size_t(0), std::size_t(9), std::size_t(20), std::size_t(30), std::size_t(66),
                               std::size_t(100), blob.size() / 2, blob.size() - 1}) {
            auto bad = blob;
            bad[at] ^= std::byte{0x10};
            QCOMPARE(error_code_of([&] { tiny_->import_state(bad); }), rwkv::ErrorCode::CorruptState);
        }
        std::vector<std::byte> junk(blob.size(), std::byte{0x41});
        QCOMPARE(error_code_of([&] { tiny_->import_state(junk); }), rwkv::ErrorCode::CorruptState);
    }

    void fromHostChecksSize() {
        rwkv::State s = tiny_->new_state();
        std::vector<float> wrong(100);
        QCOMPARE(error_code_of([&] { s.from_host(wrong); }), rwkv::ErrorCode::StateMismatch);
    }
};

QTEST_APPLESS_MAIN(TestStateBlob)
#include "test_state_blob.moc"
