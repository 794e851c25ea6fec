// The wide int8 matvec by the integer dot product (kernels/vulkan/matvec_wide_i8_dot[_sg].comp, i8_dot.glsl) alone,
// recorded by record_matvec on host-made int8 rows, against an fp64 reference y[r] = scale[r] * sum_c q[r][c] x[c]:
// every row within the quantization bound of x (per 16-column chunk k with max |x| m_k, each x off by at most
// 0.5 / 32512 m_k, so |dy[r]| <= scale[r] * sum_k 0.5 / 32512 m_k sum_{c in k} |q[r][c]|, plus fp32 rounding).
// The x holds a chunk of zeros (adds exactly 0), a chunk with one huge value (3e30: no overflow, no NaN, the chunk's
// other values quantize to 0), a chunk of tiny values (1e-20), and rows of +-127 against a chunk of its max (the
// largest int32 sums); 13 rows (rows past the end of the last workgroup) of 96 columns (the unrolled chunks past the
// row's end). All-zero x gives exactly 0. Both reductions, 1 and 8 rows per workgroup. The model-level tests (goldens,
// against the float path, validation) are in test_vulkan_int8.cpp. QSKIP without a device with
// VK_KHR_shader_integer_dot_product.
#include <QtTest>

#include <cmath>
#include <cstring>
#include <random>

#include "vulkan/ops.h"
#include "vulkan/vk_context.h"
#include "vulkan/vk_pipeline.h"
#include "vk_test_model.h"

namespace vk = rwkv::vk;

namespace {

constexpr std::uint32_t kRows = 13, kCols = 96, kChunk = 16;

struct Case {
    std::vector<std::int8_t> q;  // [kRows, kCols]
    std::vector<float> scale;    // [kRows]
    std::vector<float> x;        // [kCols]
};

// `huge`: chunk 1 holds 3e30 among its small values.
Case make_case(bool huge) {
    std::mt19937 rng(38);
    std::uniform_int_distribution<int> qd(-127, 127);
    std::uniform_real_distribution<float> xd(-2.0f, 2.0f), sd(0.01f, 0.02f);
    Case c;
    c.q.resize(std::size_t(kRows) * kCols);
    for (auto& v : c.q) v = std::int8_t(qd(rng));
    for (std::uint32_t col = 0; col < kCols; ++col) {  // rows 0 and 1: +127 / -127 everywhere
        c.q[col] = 127;
        c.q[kCols + col] = -127;
    }
    for (std::uint32_t r = 0; r < kRows; ++r) c.scale.push_back(sd(rng));
    c.x.resize(kCols);
    for (auto& v : c.x) v = xd(rng);
    for (std::uint32_t i = 0; i < kChunk; ++i) {
        c.x[i] = 0.0f;                      // chunk 0: zeros
        c.x[2 * kChunk + i] *= 1e-20f;      // chunk 2: tiny
        c.x[5 * kChunk + i] = 1.75f;        // chunk 5: all at its max (rows 0/1: |dot_hi| = 16 * 127 * 127)
    }
    if (huge) c.x[kChunk + 7] = 3e30f;      // chunk 1: one huge value among small ones
    return c;
}

// The fp64 reference of row r and the bound on the dot-product matvec's error there: x's quantization, then fp32
// (the chunk scale s = m / 32512 rounded once, two FMAs per chunk, the row's scale).
std::pair<double, double> reference(const Case& c, std::uint32_t r) {
    double ref = 0, bound = 0, mag = 0;
    for (std::uint32_t k0 = 0; k0 < kCols; k0 += kChunk) {
        double m = 0, qsum = 0;
        for (std::uint32_t col = k0; col < k0 + kChunk; ++col) {
            const double q = c.q[std::size_t(r) * kCols + col], xv = c.x[col];
            ref += q * xv;
            mag += std::abs(q * xv);
            m = std::max(m, std::abs(xv));
            qsum += std::abs(q);
        }
        bound += 0.5 / 32512.0 * m * qsum;
    }
    return {c.scale[r] * ref, c.scale[r] * (bound * (1 + 1e-6) + 1e-6 * mag)};
}

// y from the dot-product matvec with `k` (wide, i8_dot) on `c`.
std::vector<float> run(vk::Context& ctx, vk::Ops& ops, const vk::Ops::Kernels& k, const Case& c) {
    auto sp = ctx.shared_from_this();
    const VkDeviceSize wbytes = c.q.size(), xbytes = c.x.size() * 4, ybytes = kRows * 4;
    vk::Buffer w(sp, wbytes, vk::MemoryKind::Upload, "test int8 rows");
    vk::Buffer s(sp, kRows * 4, vk::MemoryKind::Upload, "test scales");
    vk::Buffer x(sp, xbytes, vk::MemoryKind::Upload, "test x");
    vk::Buffer y(sp, ybytes, vk::MemoryKind::Readback, "test y");
    std::memcpy(w.mapped(), c.q.data(), wbytes);
    std::memcpy(s.mapped(), c.scale.data(), kRows * 4);
    std::memcpy(x.mapped(), c.x.data(), xbytes);
    std::memset(y.mapped(), 0xFF, ybytes);  // NaN: every row must be written
    vk::Matrix m;
    m.rows = kRows;
    m.cols = kCols;
    m.i8 = true;
    m.scales = {s.handle(), 0, kRows * 4};
    m.pieces.push_back({{w.handle(), 0, wbytes}, 0, kRows});
    ops.set_kernels(k);
    ctx.run_once([&](VkCommandBuffer cmd) {
        vk::record_matvec(ops, cmd, m, {x.handle(), 0, xbytes}, 0, {y.handle(), 0, ybytes}, 0, vk::ActIn::None,
                          vk::ActOut::None, false);
        vk::full_barrier(cmd);
    });
    std::vector<float> out(kRows);
    std::memcpy(out.data(), y.mapped(), ybytes);
    return out;
}

}  // namespace

class TestVulkanI8Dot : public QObject {
    Q_OBJECT
    std::shared_ptr<vk::Context> ctx_;

private slots:
    void initTestCase() {
        if (!vktest::have_vulkan_device()) return;
        vk::ContextOptions o;
        o.validation = true;  // where the layer is installed: the dot product's SPIR-V must pass it
        ctx_ = vk::Context::create(vk::choose_device(vk::list_devices(), "", 0), o);
    }

    void againstReference_data() {
        QTest::addColumn<int>("sg");
        QTest::addColumn<int>("rows");
        QTest::newRow("shared memory, 8 rows") << 0 << 8;
        QTest::newRow("shared memory, 1 row") << 0 << 1;
        QTest::newRow("subgroup, 8 rows") << 1 << 8;
    }
    void againstReference() {
        if (!ctx_) QSKIP("no usable Vulkan device");
        if (!ctx_->caps().int_dot) QSKIP("no VK_KHR_shader_integer_dot_product on this Vulkan device");
        QFETCH(int, sg);
        QFETCH(int, rows);
        if (sg && !ctx_->caps().subgroup_arithmetic) QSKIP("no subgroup arithmetic");
        qInfo("integer dot product accelerated (4x8 packed signed): %d", int(ctx_->caps().int_dot_accelerated));
        vk::Ops ops(ctx_);
        vk::Ops::Kernels k;
        k.matvec = vk::MatvecKind::Wide;
        k.matvec_wg = 64;
        k.matvec_unroll_i8 = 2;  // 64 threads x 2 chunks x 16 columns: most chunks lie past the 96 columns
        k.subgroup = sg == 1;
        k.i8_dot = true;
        k.i8_dot_rows = std::uint32_t(rows);
        const Case c = make_case(false), huge = make_case(true);
        for (const Case* cs : {&c, &huge}) {
            const auto y = run(*ctx_, ops, k, *cs);
            double worst = 0;  // error / bound
            for (std::uint32_t r = 0; r < kRows; ++r) {
                const auto [ref, bound] = reference(*cs, r);
                const double err = std::abs(double(y[r]) - ref);
                const QString tag = QString("%1, row %2").arg(cs == &c ? "x" : "x with 3e30").arg(r);
                qInfo("%s: y %.9g, reference %.9g, |error| %.3g, bound %.3g", qPrintable(tag), y[r], ref, err, bound);
                QVERIFY2(std::isfinite(y[r]), qPrintable(tag));
                QVERIFY2(err <= bound, qPrintable(tag));
                worst = std::max(worst, err / bound);
            }
            qInfo("worst error / bound %.3g", worst);
        }
        QVERIFY(ops.shaders_used() == std::vector<std::string>{sg ? "matvec_wide_i8_dot_sg" : "matvec_wide_i8_dot"});
        // x = 0: exactly 0 (a zero chunk's scale is 0, its sums 0), not NaN
        Case zero = c;
        std::fill(zero.x.begin(), zero.x.end(), 0.0f);
        QVERIFY(run(*ctx_, ops, k, zero) == std::vector<float>(kRows, 0.0f));
        for (const auto& e : ctx_->validation_errors()) qWarning("validation: %s", e.c_str());
        QVERIFY(ctx_->validation_errors().empty());
    }
};

QTEST_GUILESS_MAIN(TestVulkanI8Dot)
#include "test_vulkan_i8_dot.moc"
