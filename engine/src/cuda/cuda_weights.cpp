// Weights on the device (cuda_model.h): upload of a canonical WeightSet (matrices converted to fp16/fp32 on
// the device, ffn.value transposed to [F, C]; int8 mode: the big matrices — att r/k/v/o, ffn key/value, head
// — quantised per stored row to int8 with an fp32 scale, the rest fp16) and random bench weights generated on
// the device. Each tensor's fp32 copy on the host is checked for NaN and infinity before it is sent (NonFiniteCheck),
// and one the device converts to fp16 for a value beyond fp16's range: a tensor that holds one is refused naming it,
// and the CudaModel being made frees what was uploaded.
#include <algorithm>
#include <cmath>
#include <cstring>
#include <vector>

#include "cuda/cuda_model.h"
#include "formats/non_finite_check.h"
#include "rwkv/error.h"

namespace rwkv::cuda {
namespace {

std::size_t wsize(ck::WType wt) { return wt == ck::WType::F16 ? 2 : 4; }

// Builds DevWeights through two callbacks: `vec(name, dst, n)` fills an fp32 vector, `mat(name, dst, rows,
// cols, transpose, scale)` fills a matrix of WType (scale null) or an int8 matrix with its per-row scales.
// Shared by the upload and the random fill.
template <typename Vec, typename Mat>
void build(const ModelShape& s, ck::WType wt, bool int8, DeviceArena& arena, DevWeights& out, Vec vec, Mat mat) {
    const std::size_t C = std::size_t(s.n_embd), F = std::size_t(s.dim_ffn), V = std::size_t(s.vocab_size);
    out.shape = s;
    out.wt = wt;
    out.int8 = int8;
    out.bytes = 0;
    auto v = [&](const std::string& name, std::size_t n) -> const float* {
        float* d = arena.floats(n, name.c_str());
        vec(name, d, n);
        out.bytes += n * 4;
        return d;
    };
    auto m = [&](const std::string& name, std::size_t rows, std::size_t cols, bool transpose = false) -> const void* {
        void* d = arena.alloc(rows * cols * wsize(wt), name.c_str());
        mat(name, d, rows, cols, transpose, static_cast<float*>(nullptr));
        out.bytes += rows * cols * wsize(wt);
        return d;
    };
    // a big matrix: int8 + scales in int8 mode (rows = stored rows: cols of the source when transposed)
    auto big = [&](const std::string& name, std::size_t rows, std::size_t cols, const float** scale,
                   bool transpose = false) -> const void* {
        if (!int8) return m(name, rows, cols, transpose);
        void* d = arena.alloc(rows * cols, name.c_str());
        float* sc = arena.floats(transpose ? cols : rows, "int8 row scales");
        mat(name, d, rows, cols, transpose, sc);
        out.bytes += rows * cols + (transpose ? cols : rows) * 4;
        *scale = sc;
        return d;
    };
    out.emb = m("emb.weight", V, C);
    out.head = big("head.weight", V, C, &out.head_s);
    out.ln0_w = v("blocks.0.ln0.weight", C);
    out.ln0_b = v("blocks.0.ln0.bias", C);
    out.ln_out_w = v("ln_out.weight", C);
    out.ln_out_b = v("ln_out.bias", C);
    out.layers.assign(std::size_t(s.n_layer), DevLayer{});
    for (int i = 0; i < s.n_layer; ++i) {
        DevLayer& L = out.layers[std::size_t(i)];
        const std::string p = "blocks." + std::to_string(i) + ".", a = p + "att.";
        L.ln1_w = v(p + "ln1.weight", C);
        L.ln1_b = v(p + "ln1.bias", C);
        L.ln2_w = v(p + "ln2.weight", C);
        L.ln2_b = v(p + "ln2.bias", C);
        float* mix = arena.floats(6 * C, "mix");
        const char* names[6] = {"x_r", "x_w", "x_k", "x_v", "x_a", "x_g"};
        for (int j = 0; j < 6; ++j) vec(a + names[j], mix + std::size_t(j) * C, C);
        out.bytes += 6 * C * 4;
        L.mix6 = mix;
        L.w0 = v(a + "w0", C);
        L.a0 = v(a + "a0", C);
        L.k_k = v(a + "k_k", C);
        L.k_a = v(a + "k_a", C);
        L.r_k = v(a + "r_k", C);
        L.lnx_w = v(a + "ln_x.weight", C);
        L.lnx_b = v(a + "ln_x.bias", C);
        L.ffn_x_k = v(p + "ffn.x_k", C);
        {  // r, k, v in one block (stride C*C): one strided-batched GEMM in the rows path
            const std::size_t es = int8 ? 1 : wsize(wt);
            char* rkv = static_cast<char*>(arena.alloc(3 * C * C * es, "att.rkv"));
            float* sc = int8 ? arena.floats(3 * C, "int8 row scales") : nullptr;
            const char* names3[3] = {"receptance.weight", "key.weight", "value.weight"};
            for (int j = 0; j < 3; ++j)
                mat(a + names3[j], rkv + std::size_t(j) * C * C * es, C, C, false, sc ? sc + j * C : nullptr);
            out.bytes += 3 * C * C * es + (int8 ? 3 * C * 4 : 0);
            L.receptance = rkv;
            L.key = rkv + C * C * es;
            L.value = rkv + 2 * C * C * es;
            if (sc) {
                L.receptance_s = sc;
                L.key_s = sc + C;
                L.value_s = sc + 2 * C;
            }
        }
        L.output = big(a + "output.weight", C, C, &L.output_s);
        L.w1 = m(a + "w1", std::size_t(s.lora_w), C);
        L.w2 = m(a + "w2", C, std::size_t(s.lora_w));
        L.a1 = m(a + "a1", std::size_t(s.lora_a), C);
        L.a2 = m(a + "a2", C, std::size_t(s.lora_a));
        L.g1 = m(a + "g1", std::size_t(s.lora_g), C);
        L.g2 = m(a + "g2", C, std::size_t(s.lora_g));
        if (i > 0) {
            L.v0 = v(a + "v0", C);
            L.v1 = m(a + "v1", std::size_t(s.lora_v), C);
            L.v2 = m(a + "v2", C, std::size_t(s.lora_v));
        }
        L.ffn_key = big(p + "ffn.key.weight", F, C, &L.ffn_key_s);
        L.ffn_value_t = big(p + "ffn.value.weight", C, F, &L.ffn_value_s, /*transpose=*/true);  // stored [F, C]
    }
}

}  // namespace

void upload_weights(const WeightSet& ws, ck::WType wt, bool int8, DeviceArena& arena, DevWeights& out,
                    cudaStream_t stream) {
    const ModelShape& s = ws.shape;
    std::size_t biggest = 0;
    for (const auto& [name, t] : ws.tensors()) biggest = std::max(biggest, std::size_t(t.numel()));
    DeviceArena staging_arena;
    float* staging = staging_arena.floats(biggest, "upload staging buffer");
    std::vector<float> host;
    // `to`: what the device makes of the values (F16: launch_convert to fp16, where a value beyond fp16's range is
    // refused first; F32: kept, or quantised to int8 from the value itself).
    auto fetch = [&](const std::string& name, std::size_t n, DType to) {
        const TensorView& t = ws.get(name);
        if (std::size_t(t.numel()) != n)
            throw Error(ErrorCode::CorruptFile, name + " has " + std::to_string(t.numel()) + " elements, expected " +
                                                    std::to_string(n));
        host.resize(n);
        t.to_f32(host);
        NonFiniteCheck::whole(ws, name, host.data(), n, to, "load it with --dtype fp32");
    };
    auto vec = [&](const std::string& name, float* dst, std::size_t n) {
        fetch(name, n, DType::F32);
        check(cudaMemcpyAsync(dst, host.data(), n * 4, cudaMemcpyHostToDevice, stream), "upload weights");
        check(cudaStreamSynchronize(stream), "upload weights");
    };
    auto mat = [&](const std::string& name, void* dst, std::size_t rows, std::size_t cols, bool transpose,
                   float* scale) {
        fetch(name, rows * cols, !scale && wt == ck::WType::F16 ? DType::F16 : DType::F32);
        check(cudaMemcpyAsync(staging, host.data(), rows * cols * 4, cudaMemcpyHostToDevice, stream), "upload weights");
        if (scale)
            check(ck::launch_quantize_rows(staging, static_cast<std::int8_t*>(dst), scale, std::int64_t(rows),
                                           std::int64_t(cols), transpose, stream),
                  "quantise weights");
        else
            check(ck::launch_convert(staging, dst, wt, std::int64_t(rows), std::int64_t(cols), transpose, stream),
                  "convert weights");
        check(cudaStreamSynchronize(stream), "convert weights");
    };
    build(s, wt, int8, arena, out, vec, mat);
}

void fill_random_weights(const ModelShape& s, ck::WType wt, bool int8, std::uint64_t seed, double ffn_density,
                         DeviceArena& arena, DevWeights& out, cudaStream_t stream) {
    DeviceArena staging_arena;  // int8: fp32 random values, then quantised per row
    float* staging = nullptr;
    if (int8)
        staging = staging_arena.floats(std::max(std::size_t(s.vocab_size), std::size_t(s.dim_ffn)) *
                                           std::size_t(s.n_embd), "random staging buffer");
    const float C = float(s.n_embd);
    std::uint64_t counter = seed * 1000003ull;
    // Density trick: ln2 weight 1, bias 1, ffn.x_k 0 -> the FFN input z has sum C and sum of squares 2C
    // exactly; a key row u(-s, s) + o with s = sqrt(3/C) gives W·z ~ N(o*C, 2): o*C = -q*sqrt(2) with q the
    // (1 - density) normal quantile.
    double q = 0.0;
    if (ffn_density > 0 && ffn_density < 1) {  // bisection on the normal tail
        double lo = -8, hi = 8;
        for (int it = 0; it < 100; ++it) {
            const double mid = 0.5 * (lo + hi);
            (0.5 * std::erfc(mid / std::sqrt(2.0)) > ffn_density ? lo : hi) = mid;
        }
        q = 0.5 * (lo + hi);
    }
    const bool biased = ffn_density > 0 && ffn_density < 1;
    auto vec = [&](const std::string& name, float* dst, std::size_t n) {
        float scale = 0.5f, offset = 0.0f;
        auto ends = [&](const char* suf) { return name.size() >= std::strlen(suf) && name.compare(name.size() - std::strlen(suf), std::string::npos, suf) == 0; };
        if (ends(".weight")) { scale = 0.1f; offset = 1.0f; }              // LayerNorm / GroupNorm gains
        else if (ends(".bias")) { scale = 0.1f; offset = 0.0f; }
        if (ends("x_r") || ends("x_w") || ends("x_k") || ends("x_v") || ends("x_a") || ends("x_g")) { scale = 0.5f; offset = 0.5f; }
        if (ends("w0")) { scale = 1.0f; offset = -1.0f; }
        if (ends("k_k")) { scale = 0.2f; offset = 0.8f; }
        if (ends("k_a") || ends("r_k")) { scale = 0.5f; offset = 0.5f; }
        if (biased && ends("ln2.weight")) { scale = 0.0f; offset = 1.0f; }
        if (biased && ends("ln2.bias")) { scale = 0.0f; offset = 1.0f; }
        if (biased && ends("ffn.x_k")) { scale = 0.0f; offset = 0.0f; }
        check(ck::launch_fill_random(dst, ck::WType::F32, std::int64_t(n), ++counter, scale, offset, stream), "fill");
    };
    auto mat = [&](const std::string& name, void* dst, std::size_t rows, std::size_t cols, bool transpose,
                   float* qscale) {
        const std::size_t fan_in = transpose ? rows : cols;  // ffn.value is [C, F]: fan-in F
        float scale = std::sqrt(3.0f / float(fan_in)), offset = 0.0f;
        if (name == "emb.weight") scale = 1.0f;
        if (biased && name.find("ffn.key") != std::string::npos) offset = float(-q * std::sqrt(2.0) / C);
        if (!qscale) {
            check(ck::launch_fill_random(dst, wt, std::int64_t(rows * cols), ++counter, scale, offset, stream), "fill");
            return;
        }
        check(ck::launch_fill_random(staging, ck::WType::F32, std::int64_t(rows * cols), ++counter, scale, offset,
                                     stream), "fill");
        check(ck::launch_quantize_rows(staging, static_cast<std::int8_t*>(dst), qscale, std::int64_t(rows),
                                       std::int64_t(cols), transpose, stream), "quantise");
    };
    build(s, wt, int8, arena, out, vec, mat);
    check(cudaStreamSynchronize(stream), "fill random weights");
}

}  // namespace rwkv::cuda
