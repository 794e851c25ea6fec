// The sampling kernel's benches (bench_cuda_sample.cpp sample_kernels, bench_cuda_step.cpp kernel_forms): their
// device buffers and the rows of logits they sample from.
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

#include <cuda_runtime.h>

#include "cuda/cuda_model.h"
#include "rwkv/sampler.h"
#include "rwkv_kernels.h"

namespace bench_cuda {

/// Room for up to Bmax rows of V fp32 logits, their SampleRow parameters and sampled ids on the device, and two
/// events; freed when it goes out of scope.
struct SampleKernelBuffers {
    float* rows = nullptr;
    rwkv::cuda_kernels::SampleRow* par = nullptr;
    std::int32_t* ids = nullptr;
    cudaEvent_t e0 = nullptr, e1 = nullptr;

    SampleKernelBuffers(int Bmax, int V) {
        using rwkv::cuda::check;
        check(cudaMalloc(reinterpret_cast<void**>(&rows), std::size_t(Bmax) * V * 4), "bench rows");
        check(cudaMalloc(reinterpret_cast<void**>(&par), Bmax * sizeof(rwkv::cuda_kernels::SampleRow)), "bench params");
        check(cudaMalloc(reinterpret_cast<void**>(&ids), Bmax * 4), "bench ids");
        check(cudaEventCreate(&e0), "event");
        check(cudaEventCreate(&e1), "event");
    }
    ~SampleKernelBuffers() {
        cudaEventDestroy(e0);
        cudaEventDestroy(e1);
        cudaFree(rows);
        cudaFree(par);
        cudaFree(ids);
    }
    SampleKernelBuffers(const SampleKernelBuffers&) = delete;
    SampleKernelBuffers& operator=(const SampleKernelBuffers&) = delete;

    /// The host rows (all of them) to `rows`.
    void upload_rows(const std::vector<float>& host) {
        rwkv::cuda::check(cudaMemcpy(rows, host.data(), host.size() * 4, cudaMemcpyHostToDevice), "bench rows");
    }
    /// B rows' parameters to `par`: `set`'s temperature and top_p, each row's draw u the next splitmix64_uniform of
    /// one stream seeded `rng` (0 when `set` is greedy).
    void upload_params(int B, const rwkv::TokenSampling& set, std::uint64_t rng) {
        std::vector<rwkv::cuda_kernels::SampleRow> p(static_cast<std::size_t>(B));
        for (auto& r : p) {
            r.temperature = set.temperature;
            r.top_p = set.top_p;
            r.u = set.greedy() ? 0.0 : rwkv::splitmix64_uniform(rng);
        }
        rwkv::cuda::check(
            cudaMemcpy(par, p.data(), p.size() * sizeof(rwkv::cuda_kernels::SampleRow), cudaMemcpyHostToDevice),
            "params");
    }
};

/// Fills `rows` (rows.size() / V rows of V logits) with rows of kind `kind`: "model logits" (the rows of
/// `model_rows` in turn), "normal sd 1", "normal sd 2", "flat sd 0.05" (each logit a sum of three xorshift32 uniforms
/// centred and scaled to sd·(-3, 3)), "peaked" (sd 0.1 with logit (b·7919) mod V of row b set to 30). The xorshift32
/// stream starts at 2463534242 + seed and runs on through the rows.
inline void fill_sample_rows(std::vector<float>& rows, int V, const char* kind, std::uint32_t seed,
                             const std::vector<float>& model_rows) {
    const int n = int(rows.size() / std::size_t(V));
    if (std::strcmp(kind, "model logits") == 0) {
        const std::size_t nm = model_rows.size() / std::size_t(V);
        for (int b = 0; b < n; ++b)
            std::copy_n(model_rows.data() + (std::size_t(b) % nm) * V, V, rows.data() + std::size_t(b) * V);
        return;
    }
    const bool peaked = std::strcmp(kind, "peaked") == 0;
    const float sd = std::strcmp(kind, "normal sd 1") == 0   ? 1.0f
                     : std::strcmp(kind, "normal sd 2") == 0 ? 2.0f
                     : std::strcmp(kind, "flat sd 0.05") == 0 ? 0.05f
                     : peaked                                 ? 0.1f
                                                              : 0.0f;
    if (sd == 0.0f) {
        std::fprintf(stderr, "fill_sample_rows: no row kind '%s'\n", kind);
        std::abort();
    }
    std::uint32_t x = 2463534242u + seed;
    auto uni = [&] {
        x ^= x << 13, x ^= x >> 17, x ^= x << 5;
        return float(x >> 8) / float(1u << 24);
    };
    for (int b = 0; b < n; ++b) {
        float* r = rows.data() + std::size_t(b) * V;
        for (int i = 0; i < V; ++i) r[i] = (uni() + uni() + uni() - 1.5f) * 2.0f * sd;
        if (peaked) r[(b * 7919) % V] = 30.0f;
    }
}

}  // namespace bench_cuda
