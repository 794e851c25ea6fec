// fp16/bf16 <-> fp32 conversions (rwkv/dtype.h): exact round trips over every 16-bit pattern, and
// round-to-nearest-even at normal and subnormal ties, checked against values computed with ldexp; the load check's
// limits (NonFiniteCheck::finite_limit) against what the conversions make infinite.
#include <QtTest>

#include <cmath>
#include <cstdint>
#include <cstring>

#include "formats/non_finite_check.h"
#include "rwkv/dtype.h"

class TestDType : public QObject {
    Q_OBJECT

private slots:
    void f16RoundTripsEveryPattern() {
        for (std::uint32_t h = 0; h < 0x10000; ++h) {
            const float f = rwkv::f16_to_f32(std::uint16_t(h));
            if (std::isnan(f)) {
                QVERIFY(std::isnan(rwkv::f16_to_f32(rwkv::f32_to_f16(f))));
                continue;
            }
            QCOMPARE(rwkv::f32_to_f16(f), std::uint16_t(h));
        }
    }

    void f16Values() {
        QCOMPARE(rwkv::f16_to_f32(0x3C00), 1.0f);
        QCOMPARE(rwkv::f16_to_f32(0x0001), std::ldexp(1.0f, -24));  // smallest subnormal
        QCOMPARE(rwkv::f16_to_f32(0x7BFF), 65504.0f);
        // 3e-5 lies between subnormals 503 and 504 (units of 2^-24): nearest is 503.
        QCOMPARE(rwkv::f32_to_f16(3e-5f), std::uint16_t(std::lround(3e-5 * std::ldexp(1.0, 24))));
        // Ties go to even: 0.5 and 1.5 units of 2^-24.
        QCOMPARE(rwkv::f32_to_f16(std::ldexp(1.0f, -25)), std::uint16_t(0));
        QCOMPARE(rwkv::f32_to_f16(std::ldexp(3.0f, -26) * 2), std::uint16_t(2));
        QCOMPARE(rwkv::f32_to_f16(1.0f + std::ldexp(1.0f, -11)), std::uint16_t(0x3C00));  // tie -> even
        QCOMPARE(rwkv::f32_to_f16(1.0f + std::ldexp(3.0f, -11)), std::uint16_t(0x3C02));  // tie -> even
        QCOMPARE(rwkv::f32_to_f16(65520.0f), std::uint16_t(0x7C00));  // overflow -> inf
        QCOMPARE(rwkv::f32_to_f16(-65519.0f), std::uint16_t(0xFBFF));
    }

    void bf16RoundTripsEveryPattern() {
        for (std::uint32_t h = 0; h < 0x10000; ++h) {
            const float f = rwkv::bf16_to_f32(std::uint16_t(h));
            if (std::isnan(f)) continue;
            QCOMPARE(rwkv::f32_to_bf16(f), std::uint16_t(h));
        }
        QCOMPARE(rwkv::f32_to_bf16(1.0f + std::ldexp(1.0f, -8)), std::uint16_t(0x3F80));  // tie -> even
        QCOMPARE(rwkv::f32_to_bf16(1.0f + std::ldexp(3.0f, -8)), std::uint16_t(0x3F82));
    }

    // A load refuses a finite fp32 value that its conversion to fp16 or bf16 would make infinite by one compare of its
    // bits with the type's limit (NonFiniteCheck, session 57): the limit is exactly the conversion's edge, for every
    // fp32 value from 2^14 (fp16) or 2^126 (bf16) up to infinity, of either sign. 65520 is the first fp16 infinity
    // (a tie, rounded to the even side), not 65504's successor.
    void loadLimitIsTheConversionsEdge() {
        using rwkv::NonFiniteCheck;
        QCOMPARE(NonFiniteCheck::finite_limit(rwkv::DType::F16), 0x477FEFFFu);
        QCOMPARE(NonFiniteCheck::finite_limit(rwkv::DType::BF16), 0x7F7F7FFFu);
        QCOMPARE(NonFiniteCheck::finite_limit(rwkv::DType::F32), 0x7F7FFFFFu);
        // the CPU's int8 (session 57): a group's scale, its largest |x| / 127, is kept as fp16 — the limit is the
        // largest value whose scale stays finite there; the next fp32 value's scale is fp16 infinity
        const std::uint32_t i8 = NonFiniteCheck::finite_limit(rwkv::DType::I8);
        QCOMPARE(i8, 0x4AFDF01Fu);
        const auto scale16 = [](std::uint32_t bits) {
            float v;
            std::memcpy(&v, &bits, 4);
            return rwkv::f32_to_f16(v / 127.0f);
        };
        QVERIFY(scale16(i8) < 0x7C00u);
        QCOMPARE(scale16(i8 + 1), std::uint16_t(0x7C00));
        const auto edge = [](rwkv::DType to, std::uint32_t from, std::uint16_t (*convert)(float), std::uint16_t inf) {
            const std::uint32_t limit = NonFiniteCheck::finite_limit(to);
            int wrong = 0;
            for (std::uint32_t bits = from; bits < 0x7F800000u; ++bits)
                for (const std::uint32_t sign : {0u, 0x80000000u}) {
                    float f;
                    const std::uint32_t b = bits | sign;
                    std::memcpy(&f, &b, 4);
                    const bool infinite = (convert(f) & 0x7FFFu) == inf;
                    wrong += infinite != (bits > limit);
                }
            return wrong;
        };
        QCOMPARE(edge(rwkv::DType::F16, 0x46800000u, rwkv::f32_to_f16, 0x7C00u), 0);  // from 16384
        QCOMPARE(edge(rwkv::DType::BF16, 0x7E800000u, rwkv::f32_to_bf16, 0x7F80u), 0);  // from 2^126
        QCOMPARE(rwkv::f32_to_f16(std::nextafter(65520.0f, 0.0f)), std::uint16_t(0x7BFF));  // 65504
    }
};

QTEST_APPLESS_MAIN(TestDType)
#include "test_dtype.moc"
