// fp16/bf16 <-> fp32 conversions (rwkv/dtype.h): exact round trips over every 16-bit pattern, and
// round-to-nearest-even at normal and subnormal ties, checked against values computed with ldexp.
#include <QtTest>

#include <cmath>

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
};

QTEST_APPLESS_MAIN(TestDType)
#include "test_dtype.moc"
