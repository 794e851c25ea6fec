// run_bench, decode_weight_bytes and measure_host_bandwidth (rwkv/bench.h): the measurement behind
// `rwkv-cli bench`. Timing uses steady_clock around whole forward() calls; nothing here is a unit test.
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string>
#include <thread>

#include "rwkv/bench.h"
#include "rwkv/error.h"
#include "rwkv/model.h"
#include "run_threads.h"

namespace rwkv {
namespace {

using Clock = std::chrono::steady_clock;
double seconds_since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

std::int32_t bench_token(std::uint64_t i, int vocab) {
    std::uint64_t x = i * 0x9E3779B97F4A7C15ull + 0x1234567ull;
    x ^= x >> 31;
    x *= 0xBF58476D1CE4E5B9ull;
    x ^= x >> 29;
    return std::int32_t(x % std::uint64_t(vocab));
}

}  // namespace

double decode_weight_bytes(const ModelShape& s, DType dtype, double value_density) {
    const double C = s.n_embd, F = s.dim_ffn, V = s.vocab_size, L = s.n_layer;
    const double esz = dtype == DType::I8 ? 1.0 : double(dtype_size(dtype));
    // int8: one fp16 scale per 64 weights of a row (kernels.h kI8Group; every int8 matrix has C columns)
    const double row_scale = dtype == DType::I8 ? 2.0 * std::ceil(C / 64.0) : 0.0;
    const double small = 4.0;                                 // vectors: fp32 on the fast path
    const double lora = dtype == DType::F32 ? 4.0 : 2.0;      // LoRA kept as stored (16-bit checkpoints)
    double per_layer = 4 * C * C * esz + 4 * C * row_scale;                  // r, k, v, o
    per_layer += F * C * esz + F * row_scale;                                  // ffn.key
    per_layer += value_density * F * (C * esz + row_scale);                   // ffn.value rows read
    per_layer += 2 * C * (s.lora_w + s.lora_a + s.lora_g) * lora;             // LoRAs (v-LoRA below)
    per_layer += 19 * C * small;                                              // vectors
    double total = L * per_layer + (L - 1) * 2 * C * s.lora_v * lora;
    total += C * esz + V * C * esz + V * row_scale + 4 * C * small;          // emb row, head, ln0/ln_out
    return total;
}

double loaded_weight_bytes(const ModelShape& s, DType dtype) {
    const double emb = dtype == DType::I8 ? 2.0 : double(dtype_size(dtype));  // int8 keeps the embedding fp16
    return decode_weight_bytes(s, dtype, 1.0) + double(s.vocab_size) * s.n_embd * emb;
}

std::pair<double, double> measure_host_bandwidth(int threads, std::size_t bytes) {
    const int nt = threads > 0 ? threads : int(std::max(1u, std::thread::hardware_concurrency()));
    const std::size_t words = bytes / 8;
    std::unique_ptr<std::uint64_t[]> a(new std::uint64_t[words]), b(new std::uint64_t[words]);
    auto parallel = [&](auto&& fn) { bench_detail::run_on_threads(nt, "to measure memory bandwidth", fn); };
    auto slice = [&](int t) { return std::pair(words * std::size_t(t) / nt, words * std::size_t(t + 1) / nt); };
    parallel([&](int t) {  // first touch by the thread that reads it later
        auto [i0, i1] = slice(t);
        for (std::size_t i = i0; i < i1; ++i) a[i] = i, b[i] = 0;
    });
    std::vector<std::uint64_t> sums(std::size_t(nt), 0);
    double best_read = 1e30, best_copy = 1e30;
    for (int pass = 0; pass < 4; ++pass) {
        auto t0 = Clock::now();
        parallel([&](int t) {
            auto [i0, i1] = slice(t);
            std::uint64_t s0 = 0, s1 = 0, s2 = 0, s3 = 0;
            std::size_t i = i0;
            for (; i + 4 <= i1; i += 4) s0 += a[i], s1 += a[i + 1], s2 += a[i + 2], s3 += a[i + 3];
            for (; i < i1; ++i) s0 += a[i];
            sums[std::size_t(t)] += s0 + s1 + s2 + s3;
        });
        best_read = std::min(best_read, seconds_since(t0));
        t0 = Clock::now();
        parallel([&](int t) {
            auto [i0, i1] = slice(t);
            std::memcpy(b.get() + i0, a.get() + i0, (i1 - i0) * 8);
        });
        best_copy = std::min(best_copy, seconds_since(t0));
    }
    volatile std::uint64_t sink = sums[0] + b[words / 2];  // keep the reads
    (void)sink;
    return {double(words * 8) / best_read / 1e9, 2.0 * double(words * 8) / best_copy / 1e9};
}

double peak_rss_mb() {
    struct rusage ru {};
    getrusage(RUSAGE_SELF, &ru);
    return double(ru.ru_maxrss) / 1024.0;  // Linux: kilobytes
}

double current_rss_mb() {
    long pages = 0, resident = 0;
    if (FILE* f = std::fopen("/proc/self/statm", "r")) {
        if (std::fscanf(f, "%ld %ld", &pages, &resident) != 2) resident = 0;
        std::fclose(f);
    }
    return double(resident) * double(sysconf(_SC_PAGESIZE)) / (1024.0 * 1024.0);
}

const char* batch_output_name(BenchOptions::BatchOutput output) {
    switch (output) {
    case BenchOptions::BatchOutput::Logits: return "logits";
    case BenchOptions::BatchOutput::Greedy: return "greedy";
    case BenchOptions::BatchOutput::TopP: return "top-p";
    }
    return "?";
}

BenchResult run_bench(const BenchOptions& o) {
    if (o.batch < 1 || o.gen < 1 || o.prompt < 0)
        throw Error(ErrorCode::InvalidArgument, "bench needs --batch >= 1, --gen >= 1 and --prompt >= 0");
    if (!(o.warmup_s >= 0 && o.warmup_s <= 60))
        throw Error(ErrorCode::InvalidArgument, "bench needs a decode warm-up of 0 to 60 s");
    BenchResult r;
    r.batch = o.batch;
    r.prompt = o.prompt;
    r.gen = o.gen;

    auto t0 = Clock::now();
    WeightSet ws;
    if (!o.random.empty()) {
        RandomWeightsOptions ro;
        ro.shape = preset_shape(o.random);
        // Random weights are stored as the requested 16-bit type; int8 is quantised from fp16 by the backend.
        ro.dtype = o.dtype == DType::I8 ? DType::F16 : o.dtype;
        ro.seed = o.seed;
        ro.ffn_density = o.ffn_density;
        ro.threads = o.threads;
        ws = make_random_weights(ro);
    } else {
        ws = load_weights(o.model);
    }
    r.weights_gb = double(ws.total_bytes()) / 1e9;
    LoadOptions lo;
    lo.backend = o.backend;
    lo.weight_dtype = o.dtype;
    lo.threads = o.threads;
    std::unique_ptr<Model> model = Model::from_weights(std::move(ws), lo);
    r.load_s = seconds_since(t0);
    r.peak_rss_load_mb = peak_rss_mb();
    r.rss_after_load_mb = current_rss_mb();
    const ModelShape& s = model->shape();
    r.backend = model->backend_name();
    r.device = model->device_name();
    // The weights that ran, not the ones asked for: Vulkan keeps fp16 for --dtype fp32 and bf16, CUDA for bf16 (as eval says), and the
    // JSON named the request (session 54's trial2: "dtype":"fp32" over an fp16 Vulkan run).
    r.dtype = std::string(dtype_name(model->weight_dtype()));
    const std::string dtype_note = model->weight_dtype() == o.dtype ? std::string() :
        r.device + " runs " + r.dtype + " weights, not --dtype " + std::string(dtype_name(o.dtype));
    r.shape = (o.random.empty() ? o.model.filename().string() : o.random) + " " + s.to_string();
    r.threads = o.threads > 0 ? o.threads : auto_cpu_threads(s);  // what the CPU backend runs
    if (o.batch_state_dtype) model->set_batch_state_dtype(*o.batch_state_dtype);
    r.state_dtype = std::string(dtype_name(model->batch_state_dtype()));

    std::vector<State> states;
    for (int b = 0; b < o.batch; ++b) states.push_back(model->new_state());
    std::vector<float> logits(std::size_t(s.vocab_size));
    std::uint64_t tok = 0;
    // The prompt of each sequence is one forward() call with one chunk (backends prefill in their own blocks).
    ForwardOptions whole;
    whole.chunk_size = std::max<std::size_t>(256, std::size_t(o.prompt));

    if (o.prompt > 0) {
        std::vector<std::int32_t> prompt(std::size_t(o.prompt));
        {  // warm-up: the whole prompt on a throw-away state (weights, scratch sized for the prompt, GEMM heuristics
           // of its shapes: none of that belongs to the timed prefill), once and then again until warmup_s has passed
           // after the first call, as decode's warm-up below: a first prefill after an idle load runs at the GPU's
           // low clocks (H200 Vulkan, 7.2B T=1024: 236-360 ms against 102-104 ms, every stage alike; vulkan-rows.md
           // "Rows path v30"), and one such call did not always bring the clocks up for the timed one.
            State w = model->new_state();
            std::vector<std::int32_t> same(prompt.size(), 1);
            const auto tf = Clock::now();
            model->forward(w, same, logits, whole);
            r.first_prefill_ms = seconds_since(tf) * 1e3;
            const auto tf1 = Clock::now();
            for (r.prefill_warmup_calls = 1; seconds_since(tf1) < o.warmup_s; ++r.prefill_warmup_calls)
                model->forward(w, same, logits, whole);
        }
        auto tp = Clock::now();
        for (auto& st : states) {
            for (auto& id : prompt) id = bench_token(tok++, s.vocab_size);
            model->forward(st, prompt, logits, whole);
        }
        r.prefill_tok_s = double(o.prompt) * o.batch / seconds_since(tp);
    }
    // Decode: B = 1 through forward(); B > 1 through forward_batch() (B rows of logits per step).
    std::vector<State*> ptrs;
    for (auto& st : states) ptrs.push_back(&st);
    std::vector<std::int32_t> ids(std::size_t(o.batch));
    const bool want_logits = o.batch > 1 && o.batch_output == BenchOptions::BatchOutput::Logits;
    std::vector<float> batch_logits(want_logits ? std::size_t(o.batch) * std::size_t(s.vocab_size) : 0);
    // The B x V logits of a batched step go to page-locked memory, as a serving loop would keep them: CUDA copies
    // them at bus speed (H200, B=256, 67 MB: pageable 4.5-6.2 ms per step against a 10.3-12.4 ms step).
    const auto logits_bytes = std::as_writable_bytes(std::span<float>(batch_logits));
    const PinnedHostMemory logits_pin(*model, logits_bytes);
    r.logits_pinned = logits_pin.pinned();
    using Out = BenchOptions::BatchOutput;
    const Out out = o.batch == 1 ? Out::Logits : o.batch_output;
    r.batch_output = batch_output_name(out);
    // forward_batch_sample: the app's default sampling (or greedy), one random stream per sequence
    const TokenSampling sampling = out == Out::Greedy ? TokenSampling{0.0f, 0.0f} : TokenSampling{1.0f, 0.3f};
    std::vector<std::uint64_t> rng(std::size_t(o.batch));
    for (std::size_t b = 0; b < rng.size(); ++b) rng[b] = o.seed * 0x9E3779B97F4A7C15ull + b;
    std::vector<std::int32_t> next(std::size_t(o.batch));
    auto step = [&] {
        for (auto& id : ids) id = bench_token(tok++, s.vocab_size);  // fixed ids: every mode decodes the same tokens
        if (o.batch == 1)
            model->forward(states[0], ids, logits);
        else if (out == Out::Logits)
            model->forward_batch(ptrs, ids, batch_logits);
        else
            model->forward_batch_sample(ptrs, ids, {&sampling, 1}, rng, next);
    };
    // Warm-up decode steps (not timed), until the GPU's clocks are up. The first step may capture a batched graph or
    // compile pipelines for seconds on the CPU while the GPU idles and its clocks drop: the warm-up's time counts
    // from its end (a 3.5 s first step used to end the warm-up alone, and the timed steps ran at low clocks).
    const auto tw = Clock::now();
    step();
    r.first_step_ms = seconds_since(tw) * 1e3;
    const auto tw1 = Clock::now();
    for (r.warmup_steps = 1; seconds_since(tw1) < o.warmup_s; ++r.warmup_steps) step();
    r.warmup_s = seconds_since(tw);
    const Model::FfnActivity a0 = model->ffn_activity();
    auto td = Clock::now();
    for (int g = 0; g < o.gen; ++g) step();
    const double dt = seconds_since(td);
    const Model::FfnActivity a1 = model->ffn_activity();
    if (o.profile) {  // after the timed loop, on the first sequence: timestamps must not slow the timed steps
        std::vector<std::int32_t> pids(std::size_t(o.gen));
        for (auto& id : pids) id = bench_token(tok++, s.vocab_size);
        r.profile = model->profile_decode(states[0], pids);
    }
    if (a1.total > a0.total) r.ffn_density = double(a1.active - a0.active) / double(a1.total - a0.total);
    r.decode_tok_s = double(o.gen) * o.batch / dt;
    r.ms_per_token = dt * 1e3 / o.gen;  // per decode step of all B sequences
    r.batched_decode = model->has_batched_decode();
    if (o.batch > 1 && !r.batched_decode) {
        r.note = "backend " + r.backend + " has no batched decode: the " + std::to_string(o.batch) +
                 " sequences were decoded one after another (decode tok/s counts all of them)";
    } else if (o.batch > 1 && out == Out::Logits) {
        r.note = std::string("batched decode: one forward_batch() call per step, the B x V logits copied to ") +
                 (r.logits_pinned ? "page-locked" : "pageable") + " host memory each step";
    } else if (o.batch > 1) {
        r.note = std::string("batched decode: one forward_batch_sample() call per step, ") +
                 (out == Out::Greedy ? "greedy" : "temperature 1, top_p 0.3") + ", only the B next ids returned";
    }
    // The fp32 reference reads ffn.value densely; the fast CPU path reads only active rows.
    // (A batched step multiplies the whole ffn.value matrix: the union of active neurons is nearly all of them.)
    const bool sparse = model->weight_dtype() != DType::F32 && r.ffn_density >= 0 && !(o.batch > 1 && r.batched_decode);
    r.bytes_per_token = decode_weight_bytes(s, model->weight_dtype(), sparse ? r.ffn_density : 1.0);
    r.achieved_gb_s = r.bytes_per_token * (r.decode_tok_s / o.batch) / 1e9;
    r.peak_rss_mb = peak_rss_mb();  // before the bandwidth buffers below
    if (r.backend.rfind("cpu", 0) == 0) {
        auto [rd, cp] = measure_host_bandwidth(o.threads);
        r.read_bw_gb_s = rd;
        r.copy_bw_gb_s = cp;
        r.roofline_pct = 100.0 * r.achieved_gb_s / cp;
        r.roofline_read_pct = 100.0 * r.achieved_gb_s / rd;
        const std::string cached = roofline_note(r.bytes_per_token, r.roofline_pct, r.roofline_read_pct, cpu_cache_bytes());
        if (!cached.empty()) r.note += std::string(r.note.empty() ? "" : "; ") + cached;
    }
    if (!dtype_note.empty()) r.note = dtype_note + (r.note.empty() ? "" : "; " + r.note);
    return r;
}

std::string roofline_note(double bytes_per_token, double roofline_pct, double roofline_read_pct, double cache_bytes) {
    const bool copy = roofline_pct > 100.0, read = roofline_read_pct > 100.0;
    if (!copy && !read) return {};
    char mb[32];
    std::snprintf(mb, sizeof mb, "%.1f", bytes_per_token / 1e6);
    const char* which = copy && read ? "roofline_pct and roofline_read_pct > 100" : copy ? "roofline_pct > 100"
                                                                                         : "roofline_read_pct > 100";
    // Session 57's trial: 230.8 MB "fit in the CPU caches" of 32 MB, the bandwidth measured while other work ran.
    if (cache_bytes > 0 && bytes_per_token > cache_bytes) {
        char cache[32];
        std::snprintf(cache, sizeof cache, "%.1f", cache_bytes / 1e6);
        return std::string("the bandwidth measurement looks disturbed (") + which + "): the " + mb +
               " MB of weights read per token do not fit in the CPU's " + cache +
               " MB of cache, so decode cannot run above the memory roofline; run the bench again on an idle machine";
    }
    return std::string("the ") + mb +
           " MB of weights read per token fit in the CPU caches, so decode runs above the memory roofline (" + which +
           (copy && read ? " measure" : " measures") + " cache, not DRAM, bandwidth)";
}

double cpu_cache_bytes() {
    // The largest cache of CPU 0 (the last level, shared): /sys/devices/system/cpu/cpu0/cache/indexN/size ("32768K").
    double largest = 0;
    for (int i = 0; i < 16; ++i) {
        std::FILE* f = std::fopen(("/sys/devices/system/cpu/cpu0/cache/index" + std::to_string(i) + "/size").c_str(), "r");
        if (!f) break;
        unsigned long long n = 0;
        char unit = 0;
        const int got = std::fscanf(f, "%llu%c", &n, &unit);
        std::fclose(f);
        if (got < 1) continue;
        const double bytes = double(n) * (unit == 'K' ? 1024.0 : unit == 'M' ? 1048576.0 : unit == 'G' ? 1073741824.0 : 1.0);
        largest = std::max(largest, bytes);
    }
    return largest;
}

}  // namespace rwkv
