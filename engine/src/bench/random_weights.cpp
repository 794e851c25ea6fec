// make_random_weights and preset_shape (rwkv/bench.h): canonical RWKV-7 tensors of the official shapes,
// filled in parallel from a counter-based hash (value = f(seed, tensor, index)), so any thread split gives
// the same bits. FFN density is set by a constant ln2 bias β and a matching negative offset on ffn.key.
#include <algorithm>
#include <atomic>
#include <cmath>
#include <memory>
#include <new>
#include <string>
#include <thread>

#if (defined(__x86_64__) || defined(__i386__)) && !defined(RWKV_CPU_PORTABLE_ONLY)
#include <immintrin.h>
#define RWKV_FILL_AVX2 1
#endif

#include "cpu/cpu_features.h"
#include "rwkv/bench.h"
#include "rwkv/error.h"
#include "run_threads.h"

namespace rwkv {
namespace {

struct Preset {
    const char* name;
    int L, C, Dw, Da, Dv, Dg, V;
};
// Spec §1.4 (F = 4C, H = C/64). "tiny" is a test shape, not an official size.
constexpr Preset kPresets[] = {
    {"tiny", 2, 128, 32, 32, 32, 32, 4096},      {"0.1b", 12, 768, 64, 64, 32, 128, 65536},
    {"0.4b", 24, 1024, 64, 64, 32, 160, 65536},  {"1.5b", 24, 2048, 96, 96, 64, 256, 65536},
    {"2.9b", 32, 2560, 96, 96, 64, 320, 65536},  {"7.2b", 32, 4096, 128, 128, 96, 480, 65536},
    {"13.3b", 61, 4096, 128, 128, 96, 480, 65536},
};

constexpr float kLn2Bias = 2.0f;        // β: constant ln2 bias that carries the ffn.key offset
constexpr float kFfnMix = 0.5f;         // ffn.x_k, constant so the variance of x_k is predictable
constexpr double kShiftCorrelation = 0.5;  // assumed correlation of consecutive ln2 outputs

// Uniform in [center - amp, center + amp) plus nothing else; std of the uniform part = amp / sqrt(3).
struct Init {
    float center = 0, amp = 0;
};

struct Job {
    std::string name;
    std::vector<std::int64_t> shape;
    Init init;
    std::uint32_t key = 0;  // per-tensor hash key
    std::size_t n = 0;
    std::byte* data = nullptr;
};

inline std::uint32_t mix32(std::uint32_t x) {
    x ^= x >> 16;
    x *= 0x7feb352du;
    x ^= x >> 15;
    x *= 0x846ca68bu;
    x ^= x >> 16;
    return x;
}

// Values [i0, i0+n) of one tensor into out (fp32); n <= 256. Written to auto-vectorise.
inline void gen_values(const Job& j, std::size_t i0, int n, float* out) {
    for (int k = 0; k < n; ++k) {
        const std::uint32_t h = mix32(std::uint32_t(i0 + std::size_t(k)) * 0x9E3779B9u + j.key);
        const float u = float(std::int32_t(h)) * (1.0f / 2147483648.0f);  // [-1, 1)
        out[k] = j.init.center + j.init.amp * u;
    }
}

void fill_range_scalar(const Job& j, DType dt, std::size_t i0, std::size_t i1) {
    float buf[256];
    for (std::size_t i = i0; i < i1; i += 256) {
        const int n = int(std::min<std::size_t>(256, i1 - i));
        gen_values(j, i, n, buf);
        if (dt == DType::F32) {
            std::memcpy(j.data + 4 * i, buf, std::size_t(n) * 4);
        } else {
            auto* o = reinterpret_cast<std::uint16_t*>(j.data) + i;
            for (int k = 0; k < n; ++k) o[k] = dt == DType::F16 ? f32_to_f16(buf[k]) : f32_to_bf16(buf[k]);
        }
    }
}

#ifdef RWKV_FILL_AVX2
__attribute__((target("avx2,fma,f16c"))) void fill_range_avx2(const Job& j, DType dt, std::size_t i0,
                                                              std::size_t i1) {
    alignas(32) float buf[256];
    for (std::size_t i = i0; i < i1; i += 256) {
        const int n = int(std::min<std::size_t>(256, i1 - i));
        for (int k = 0; k < n; ++k) {  // same arithmetic as gen_values, vectorised for AVX2
            const std::uint32_t h = mix32(std::uint32_t(i + std::size_t(k)) * 0x9E3779B9u + j.key);
            buf[k] = j.init.center + j.init.amp * (float(std::int32_t(h)) * (1.0f / 2147483648.0f));
        }
        if (dt == DType::F32) {
            std::memcpy(j.data + 4 * i, buf, std::size_t(n) * 4);
        } else if (dt == DType::F16 && n == 256) {
            auto* o = reinterpret_cast<__m128i*>(reinterpret_cast<std::uint16_t*>(j.data) + i);
            for (int k = 0; k < 256; k += 8)
                _mm_storeu_si128(o + k / 8, _mm256_cvtps_ph(_mm256_load_ps(buf + k), _MM_FROUND_TO_NEAREST_INT));
        } else {
            auto* o = reinterpret_cast<std::uint16_t*>(j.data) + i;
            for (int k = 0; k < n; ++k) o[k] = dt == DType::F16 ? f32_to_f16(buf[k]) : f32_to_bf16(buf[k]);
        }
    }
}
#endif

/// z with P(N(0,1) > z) = p, by bisection on erfc.
double upper_quantile(double p) {
    double lo = -10, hi = 10;
    for (int i = 0; i < 200; ++i) {
        const double mid = 0.5 * (lo + hi);
        if (0.5 * std::erfc(mid / std::sqrt(2.0)) > p) lo = mid; else hi = mid;
    }
    return 0.5 * (lo + hi);
}

}  // namespace

std::vector<std::string> preset_names() {
    std::vector<std::string> r;
    for (const auto& p : kPresets) r.emplace_back(p.name);
    return r;
}

ModelShape preset_shape(const std::string& name) {
    for (const auto& p : kPresets) {
        if (name == p.name) {
            ModelShape s;
            s.n_layer = p.L;
            s.n_embd = p.C;
            s.head_size = 64;
            s.n_head = p.C / 64;
            s.dim_ffn = 4 * p.C;
            s.vocab_size = p.V;
            s.lora_w = p.Dw;
            s.lora_a = p.Da;
            s.lora_v = p.Dv;
            s.lora_g = p.Dg;
            return s;
        }
    }
    std::string names;
    for (const auto& n : preset_names()) names += (names.empty() ? "" : ", ") + n;
    throw Error(ErrorCode::InvalidArgument, "unknown model size '" + name + "' (known: " + names + ")");
}

WeightSet make_random_weights(const RandomWeightsOptions& o) {
    const ModelShape& s = o.shape;
    if (o.dtype != DType::F32 && o.dtype != DType::F16 && o.dtype != DType::BF16)
        throw Error(ErrorCode::InvalidArgument, "random weights are stored as fp32, fp16 or bf16, not " +
                                                    std::string(dtype_name(o.dtype)));
    if (o.ffn_density >= 1.0 || o.ffn_density == 0.0)
        throw Error(ErrorCode::InvalidArgument, "ffn density must be in (0, 1) or negative for natural");
    if (s.n_layer < 1 || s.n_embd < 64 || s.n_embd % 64 || s.dim_ffn < 1 || s.vocab_size < 1 || s.lora_w < 1 ||
        s.lora_a < 1 || s.lora_g < 1 || (s.n_layer > 1 && s.lora_v < 1))
        throw Error(ErrorCode::InvalidArgument, "bad random model shape " + s.to_string());

    const std::int64_t C = s.n_embd, F = s.dim_ffn, V = s.vocab_size;
    const float sq3 = std::sqrt(3.0f);
    auto std_init = [&](double sd) { return Init{0.0f, float(sd) * sq3}; };
    auto range = [](float lo, float hi) { return Init{0.5f * (lo + hi), 0.5f * (hi - lo)}; };

    // ffn.key offset: h_f = g_f·x + o·Σx with mean(x) = β exactly (ln2 weight 1, bias β, constant mix), so
    // h_f ~ N(o·C·β, σ²), σ² = Var(g)·|x|² ≈ C·(0.5 + 0.5ρ)/C + β².
    const double sigma_h = std::sqrt(0.5 + 0.5 * kShiftCorrelation + double(kLn2Bias) * kLn2Bias);
    const double key_offset =
        o.ffn_density > 0 ? -sigma_h * upper_quantile(o.ffn_density) / (double(C) * kLn2Bias) : 0.0;
    const double value_sd = 0.5 / std::sqrt(double(F) * (o.ffn_density > 0 ? o.ffn_density : 0.5) * 4.0);

    std::vector<Job> jobs;
    auto add = [&](std::string name, std::vector<std::int64_t> shape, Init init) {
        Job j;
        j.name = std::move(name);
        j.shape = std::move(shape);
        j.init = init;
        j.n = 1;
        for (auto d : j.shape) j.n *= std::size_t(d);
        jobs.push_back(std::move(j));
    };
    add("emb.weight", {V, C}, std_init(1.0));
    add("blocks.0.ln0.weight", {C}, range(0.9f, 1.1f));
    add("blocks.0.ln0.bias", {C}, range(-0.1f, 0.1f));
    add("ln_out.weight", {C}, range(0.9f, 1.1f));
    add("ln_out.bias", {C}, range(-0.1f, 0.1f));
    add("head.weight", {V, C}, std_init(1.0 / std::sqrt(double(C))));
    for (int i = 0; i < s.n_layer; ++i) {
        const std::string p = "blocks." + std::to_string(i) + ".", a = p + "att.";
        add(p + "ln1.weight", {C}, range(0.9f, 1.1f));
        add(p + "ln1.bias", {C}, range(-0.1f, 0.1f));
        add(p + "ln2.weight", {C}, Init{1.0f, 0.0f});
        add(p + "ln2.bias", {C}, Init{kLn2Bias, 0.0f});
        for (const char* x : {"x_r", "x_w", "x_k", "x_v", "x_a", "x_g"}) add(a + x, {C}, range(0.1f, 0.9f));
        add(a + "w0", {C}, range(-6.0f, -0.5f));
        add(a + "w1", {s.lora_w, C}, std_init(1.0 / std::sqrt(double(C))));
        add(a + "w2", {C, s.lora_w}, std_init(0.3 / std::sqrt(double(s.lora_w))));
        add(a + "a0", {C}, range(-1.0f, 1.0f));
        add(a + "a1", {s.lora_a, C}, std_init(1.0 / std::sqrt(double(C))));
        add(a + "a2", {C, s.lora_a}, std_init(0.3 / std::sqrt(double(s.lora_a))));
        if (i > 0) {
            add(a + "v0", {C}, range(-1.0f, 1.0f));
            add(a + "v1", {s.lora_v, C}, std_init(1.0 / std::sqrt(double(C))));
            add(a + "v2", {C, s.lora_v}, std_init(0.3 / std::sqrt(double(s.lora_v))));
        }
        add(a + "g1", {s.lora_g, C}, std_init(1.0 / std::sqrt(double(C))));
        add(a + "g2", {C, s.lora_g}, std_init(1.0 / std::sqrt(double(s.lora_g))));
        add(a + "k_k", {C}, range(0.5f, 1.0f));
        add(a + "k_a", {C}, range(0.5f, 1.5f));
        add(a + "r_k", {C}, range(-0.1f, 0.1f));
        for (const char* m : {"receptance", "key", "value"})
            add(a + m + ".weight", {C, C}, std_init(1.0 / std::sqrt(double(C))));
        add(a + "output.weight", {C, C}, std_init(0.5 / std::sqrt(double(C))));
        add(a + "ln_x.weight", {C}, range(0.9f, 1.1f));
        add(a + "ln_x.bias", {C}, range(-0.05f, 0.05f));
        add(p + "ffn.x_k", {C}, Init{kFfnMix, 0.0f});
        Init key = std_init(1.0 / std::sqrt(double(C)));
        key.center = float(key_offset);
        add(p + "ffn.key.weight", {F, C}, key);
        add(p + "ffn.value.weight", {C, F}, std_init(value_sd));
    }

    const std::size_t esz = dtype_size(o.dtype);
    WeightSet ws;
    ws.format = CheckpointFormat::Safetensors;
    ws.path = "random-" + s.to_string();
    try {
        for (std::size_t t = 0; t < jobs.size(); ++t) {
            Job& j = jobs[t];
            j.key = mix32(std::uint32_t(o.seed) ^ mix32(std::uint32_t(o.seed >> 32) + 0x51ED27u * std::uint32_t(t + 1)));
            std::shared_ptr<std::byte[]> buf(new std::byte[j.n * esz]);  // not zero-filled: written below
            j.data = buf.get();
            ws.keep_alive(std::shared_ptr<const void>(buf, buf.get()));
            TensorView v;
            v.dtype = o.dtype;
            v.shape = j.shape;
            v.data = j.data;
            v.nbytes = j.n * esz;
            ws.add_view(j.name, std::move(v));
        }
    } catch (const std::bad_alloc&) {
        throw Error(ErrorCode::OutOfMemory, "not enough memory for random weights of " + s.to_string());
    }

    // Work items of up to 1M elements over all tensors, taken by the threads in any order.
    constexpr std::size_t kItem = std::size_t(1) << 20;
    std::vector<std::pair<std::size_t, std::size_t>> items;  // (job, start)
    for (std::size_t t = 0; t < jobs.size(); ++t)
        for (std::size_t i = 0; i < jobs[t].n; i += kItem) items.emplace_back(t, i);
#ifdef RWKV_FILL_AVX2
    const bool avx2 = cpu::cpu_features().avx2 && cpu::cpu_features().fma && cpu::cpu_features().f16c;
#else
    const bool avx2 = false;
#endif
    std::atomic<std::size_t> next{0};
    auto worker = [&] {
        for (std::size_t k; (k = next.fetch_add(1)) < items.size();) {
            const Job& j = jobs[items[k].first];
            const std::size_t i0 = items[k].second, i1 = std::min(j.n, i0 + kItem);
#ifdef RWKV_FILL_AVX2
            if (avx2) {
                fill_range_avx2(j, o.dtype, i0, i1);
                continue;
            }
#endif
            fill_range_scalar(j, o.dtype, i0, i1);
        }
    };
    const int nt = o.threads > 0 ? o.threads : int(std::max(1u, std::thread::hardware_concurrency()));
    bench_detail::run_on_threads(
        nt, "for random weights", [&](int) { worker(); }, [&] { next.store(items.size()); });

    ws.shape = infer_and_validate_shape(ws);
    return ws;
}

}  // namespace rwkv
