// The matvec rows kernels against the host's double sums (cuda_rows_util.h matvec_rows_vs_host): v81's int8 form of
// launch_matvec_rows (test_cuda_rows_i8.cpp) and v82's launch_matvec_rows_mma with int8 or fp16 weights
// (test_cuda_rows_mma.cpp) on random operands.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include <cuda_runtime_api.h>

#include "cuda_rows_util.h"
#include "rwkv/dtype.h"

namespace ck = rwkv::cuda_kernels;

namespace rowscheck {

void matvec_rows_vs_host(MatvecRowsLaunch launch, bool int8, std::span<const MatvecCase> cases, double rel,
                         unsigned seed, const std::string& tag) {
    std::mt19937 rng(seed);
    std::uniform_int_distribution<int> qd(-127, 127);
    std::uniform_real_distribution<float> u(-1.0f, 1.0f);
    for (const MatvecCase& c : cases) {
        const std::size_t NK = std::size_t(c.N) * c.K, RK = std::size_t(c.R) * c.K, gap = 5;
        const std::size_t ys = std::size_t(c.R) * c.N + gap, M = std::size_t(c.count);
        std::vector<std::int8_t> q(int8 ? M * NK : 0);
        std::vector<std::uint16_t> w16(int8 ? 0 : M * NK);
        std::vector<float> w(M * NK), scale(M * std::size_t(c.N), 1.0f), x(M * RK), y0(M * ys);
        std::vector<std::uint16_t> x16(x.size()), y016(y0.size());
        for (std::size_t i = 0; i < w.size(); ++i) {
            if (int8) {
                q[i] = std::int8_t(qd(rng));
                w[i] = q[i];
            } else {
                w16[i] = rwkv::f32_to_f16(u(rng));
                w[i] = rwkv::f16_to_f32(w16[i]);
            }
        }
        if (int8)
            for (auto& v : scale) v = (1.0f + 0.5f * u(rng)) / 127.0f;
        for (std::size_t i = 0; i < x.size(); ++i) {
            x16[i] = rwkv::f32_to_f16(u(rng));
            x[i] = rwkv::f16_to_f32(x16[i]);
        }
        for (std::size_t i = 0; i < y0.size(); ++i) {  // the gaps keep these values
            y016[i] = rwkv::f32_to_f16(u(rng));
            y0[i] = c.y16 ? rwkv::f16_to_f32(y016[i]) : u(rng);
        }
        void *dw = nullptr, *dx = nullptr, *dy = nullptr;
        float* ds = nullptr;
        const std::size_t wbytes = M * NK * (int8 ? 1 : 2), ybytes = y0.size() * (c.y16 ? 2 : 4);
        bool ok = cudaMalloc(&dw, wbytes) == cudaSuccess && cudaMalloc(&dx, x16.size() * 2) == cudaSuccess &&
                  cudaMalloc(&dy, ybytes) == cudaSuccess &&
                  cudaMalloc(reinterpret_cast<void**>(&ds), scale.size() * 4) == cudaSuccess;
        ok = ok &&
             cudaMemcpy(dw, int8 ? static_cast<const void*>(q.data()) : w16.data(), wbytes, cudaMemcpyHostToDevice) ==
                 cudaSuccess &&
             cudaMemcpy(dx, x16.data(), x16.size() * 2, cudaMemcpyHostToDevice) == cudaSuccess &&
             cudaMemcpy(ds, scale.data(), scale.size() * 4, cudaMemcpyHostToDevice) == cudaSuccess &&
             cudaMemcpy(dy, c.y16 ? static_cast<const void*>(y016.data()) : y0.data(), ybytes, cudaMemcpyHostToDevice) ==
                 cudaSuccess;
        const ck::MatvecRowsArgs a{.R = c.R, .N = c.N, .K = c.K, .count = c.count, .W = dw, .X = dx, .Y = dy,
                                   .w_stride = static_cast<long long>(NK), .x_stride = static_cast<long long>(RK),
                                   .y_stride = static_cast<long long>(ys), .y_wt = c.y16, .beta = c.beta,
                                   .scale = int8 ? ds : nullptr, .scale_stride = int8 ? c.N : 0};
        ok = ok && launch(a, ck::WType::F16, nullptr) == cudaSuccess && cudaDeviceSynchronize() == cudaSuccess;
        std::vector<float> got(y0.size());
        std::vector<std::uint16_t> got16(y0.size());
        ok = ok && cudaMemcpy(c.y16 ? static_cast<void*>(got16.data()) : got.data(), dy, ybytes, cudaMemcpyDeviceToHost) ==
                       cudaSuccess;
        if (c.y16)
            for (std::size_t i = 0; i < got.size(); ++i) got[i] = rwkv::f16_to_f32(got16[i]);
        double worst = 0;  // error / allowed
        bool gaps = true;
        for (std::size_t m = 0; m < M; ++m) {
            for (int r = 0; r < c.R; ++r)
                for (int n = 0; n < c.N; ++n) {
                    double sum = 0, mag = 0;
                    for (int k = 0; k < c.K; ++k) {
                        const double t = double(w[m * NK + std::size_t(n) * c.K + k]) * x[m * RK + std::size_t(r) * c.K + k];
                        sum += t;
                        mag += std::fabs(t);
                    }
                    const double s = scale[m * c.N + std::size_t(n)];
                    const std::size_t i = m * ys + std::size_t(r) * c.N + std::size_t(n);
                    const double want = c.beta * double(y0[i]) + s * sum;
                    const double e32 = rel * (s * mag + std::fabs(c.beta * y0[i])) + 1e-30;
                    const double allowed = c.y16 ? e32 * (1 + 0x1p-11) + 0x1p-11 * std::fabs(want) + 1e-7 : e32;
                    worst = std::max(worst, std::fabs(double(got[i]) - want) / allowed);
                }
            for (std::size_t i = m * ys + std::size_t(c.R) * c.N; i < (m + 1) * ys; ++i) gaps = gaps && got[i] == y0[i];
        }
        cudaFree(dw);
        cudaFree(dx);
        cudaFree(dy);
        cudaFree(ds);
        check(ok && worst <= 1.0 && gaps,
              tag + " R=" + std::to_string(c.R) + " N=" + std::to_string(c.N) + " K=" + std::to_string(c.K) +
                  " count=" + std::to_string(c.count) + (c.y16 ? " Y fp16" : " Y fp32") + " beta=" + fmt(c.beta) +
                  ": worst error " + fmt(worst) + " of the allowed, gaps untouched " + (gaps ? "yes" : "no"));
    }
}

}  // namespace rowscheck
