// bench_cuda --sample with RWKV_BENCH_SAMPLE=ffnprobe (session 30): which parts of the FFN value's A operand (the relu²
// hidden rows h [R, F], fp16) are zero in the 7.2B batched step — the number that decides whether a GEMM skipping zero
// K-blocks (or compacting live neurons per row tile) can pay. Random fp16 7.2B at ReLU² density 0.098, fp16 state;
// per B (RWKV_BENCH_PROBE_B, default 256,1024): 4 public top-p steps from fresh states, then one eager rows pass
// (profile_rows) with set_rows_ffn_probe copying every layer's h to the host. Per layer: the element density, the
// neurons live in any of the R rows ("union"), the mean live fraction per 64- and 128-row tile, and the fraction of
// all-zero blocks of 64 / 128 / R rows x 64 neurons (the natural neuron order; a K-block of a tile).
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "bench_cuda_common.h"
#include "cuda/cuda_rows.h"

namespace bench_cuda {
namespace {

struct LayerStats {
    double density = 0, uni = 0, tile64 = 0, tile128 = 0, zb64 = 0, zb128 = 0, zball = 0;
};

struct Probe {
    int skip = 0;  // calls left to ignore (profile_rows' warm-up pass)
    std::vector<LayerStats> layers;
    std::vector<std::uint16_t> host;
};

// live[n] over rows [r0, r1): any nonzero fp16 (relu² >= 0: nonzero bits = nonzero value)
void tile_live(const std::uint16_t* h, int F, int r0, int r1, std::vector<unsigned char>& live) {
    std::fill(live.begin(), live.end(), 0);
    for (int r = r0; r < r1; ++r) {
        const std::uint16_t* row = h + std::size_t(r) * F;
        for (int n = 0; n < F; ++n) live[std::size_t(n)] |= row[n] != 0;
    }
}

// Fraction of live neurons and of all-zero 64-neuron blocks over row tiles of `rows` (the last tile may be short).
void tiles(const std::uint16_t* h, int R, int F, int rows, double& live_frac, double& zero_blocks) {
    std::vector<unsigned char> live(static_cast<std::size_t>(F));
    double lf = 0, zb = 0;
    int nt = 0;
    for (int r0 = 0; r0 < R; r0 += rows, ++nt) {
        tile_live(h, F, r0, std::min(R, r0 + rows), live);
        std::size_t nl = 0, nz = 0;
        for (int n = 0; n < F; ++n) nl += live[std::size_t(n)];
        for (int b = 0; b + 64 <= F; b += 64) {
            bool any = false;
            for (int n = b; n < b + 64; ++n) any |= live[std::size_t(n)] != 0;
            nz += !any;
        }
        lf += double(nl) / F;
        zb += double(nz) / (F / 64);
    }
    live_frac = lf / nt;
    zero_blocks = zb / nt;
}

void probe_fn(void* ctx, int layer, const void* h, int R, int F, cudaStream_t stream) {
    auto& p = *static_cast<Probe*>(ctx);
    if (p.skip > 0) {
        --p.skip;
        return;
    }
    p.host.resize(std::size_t(R) * F);
    cudaMemcpyAsync(p.host.data(), h, p.host.size() * 2, cudaMemcpyDeviceToHost, stream);
    cudaStreamSynchronize(stream);
    if (std::size_t(layer) >= p.layers.size()) p.layers.resize(std::size_t(layer) + 1);
    LayerStats& s = p.layers[std::size_t(layer)];  // the last pass's values stay
    std::size_t nz = 0;
    for (std::uint16_t v : p.host) nz += v != 0;
    s.density = double(nz) / double(p.host.size());
    const std::uint16_t* d = p.host.data();
    tiles(d, R, F, R, s.uni, s.zball);
    tiles(d, R, F, 64, s.tile64, s.zb64);
    tiles(d, R, F, 128, s.tile128, s.zb128);
}

}  // namespace

nlohmann::json ffn_probe() {
    nlohmann::json out = nlohmann::json::object();
    const rwkv::ModelShape s = shape_of("7.2b");
    auto m = rwkv::cuda::make_random_cuda_model(s, 0, rwkv::DType::F16, 1, 0.098);
    m->set_batch_state_f16(true);
    const std::vector<int> batches = batches_from_env("RWKV_BENCH_PROBE_B", {256, 1024});
    const rwkv::TokenSampling top_p{1.0f, 0.3f};
    for (int B : batches) {
        BatchInputs in = batch_inputs(*m, s.vocab_size, B);
        for (int t = 0; t < 4; ++t) {
            m->forward_batch_sample(in.ptrs, in.ids, {&top_p, 1}, in.rng, in.next);
            in.ids = in.next;
        }
        Probe p;
        p.skip = s.n_layer;
        rwkv::cuda::set_rows_ffn_probe(probe_fn, &p);
        m->profile_rows(in.ptrs, 1, 1);
        rwkv::cuda::set_rows_ffn_probe(nullptr, nullptr);
        nlohmann::json jb = nlohmann::json::array();
        LayerStats mean;
        for (std::size_t l = 0; l < p.layers.size(); ++l) {
            const LayerStats& a = p.layers[l];
            std::printf("ffnprobe B=%-4d layer %2zu: density %.4f | live neurons: all %d rows %.4f, 128-row tiles %.4f, "
                        "64-row tiles %.4f | all-zero 64-neuron blocks: all rows %.4f, 128-row %.4f, 64-row %.4f\n",
                        B, l, a.density, B, a.uni, a.tile128, a.tile64, a.zball, a.zb128, a.zb64);
            jb.push_back({{"layer", l}, {"density", a.density}, {"union", a.uni}, {"tile128", a.tile128},
                          {"tile64", a.tile64}, {"zero_blocks_all", a.zball}, {"zero_blocks_128", a.zb128},
                          {"zero_blocks_64", a.zb64}});
            const double n = double(p.layers.size());
            mean.density += a.density / n, mean.uni += a.uni / n, mean.tile128 += a.tile128 / n;
            mean.tile64 += a.tile64 / n, mean.zball += a.zball / n, mean.zb128 += a.zb128 / n, mean.zb64 += a.zb64 / n;
        }
        std::printf("ffnprobe B=%-4d mean of %zu layers: density %.4f | live: all rows %.4f, 128-row %.4f, 64-row %.4f | "
                    "zero 64-blocks: all %.4f, 128-row %.4f, 64-row %.4f\n",
                    B, p.layers.size(), mean.density, mean.uni, mean.tile128, mean.tile64, mean.zball, mean.zb128,
                    mean.zb64);
        std::fflush(stdout);
        out["B=" + std::to_string(B)] = jb;
    }
    m->set_batch_state_f16(false);
    return out;
}

}  // namespace bench_cuda
