// Internals shared by cuda_model.cpp, cuda_rows.cpp and cuda_batch.cpp: the event profiler of eager launches, and the
// scratch of the CUDA rows path (cuda_rows.cpp): activations of up to `rows` rows ([R, C] row-major) for
// chunked prefill and batched decode, the state pointer table of up to `seqs` sequences and the pinned host
// copies that feed it. Reallocated (and the batch graphs dropped) when a call needs more.
#pragma once

#include <algorithm>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "cuda/cuda_model.h"

namespace rwkv::cuda {

/// Profiling hook of the batched-decode step (bench_cuda --sample with RWKV_BENCH_SAMPLE=stages): bit b of `skip`
/// leaves stage b out of every layer, bit b of `twice` runs it twice; stages 0 ln_mix 1, 1 r/k/v GEMM, 2 LoRA downs,
/// 3 LoRA activations, 4 LoRA ups, 5 WKV step, 6 output GEMM, 7 ln_mix 2, 8 FFN key, 9 relu², 10 FFN value, 11 ln_out +
/// head (the default kernels of each stage). Process-wide; applies to launches enqueued afterwards (drop captured
/// graphs first: any CudaModel setter does). Timing only — the outputs are meaningless unless both masks are 0 (the
/// default).
void set_rows_stage_mask(unsigned skip, unsigned twice);

/// Session 30 probe (diagnostic, process-wide; nullptr = off): called after each layer's relu² of an eager rows pass
/// (profile_rows; never inside a captured graph) with the layer, the fp16 hidden rows h [R, F] on the device and the
/// stream they were written on.
using RowsFfnProbe = void (*)(void* ctx, int layer, const void* h, int R, int F, cudaStream_t stream);
void set_rows_ffn_probe(RowsFfnProbe fn, void* ctx);

/// v51 knob (process-wide; default from env RWKV_CUDA_LORA4 = 0 / 1, else -1): with fp16 weights the batched-decode
/// LoRA projections of v, w, a and g as ONE strided-batched GEMM each way instead of two (v19: v/w/a grouped, g alone):
/// the four blocks zero-padded to Dg = max(lora widths) rows (down, [4, Dg, C]) and columns (up, [4, C, Dg]). 1 = on,
/// 0 = off, -1 = by batch: on up to kLora4Rows rows per step (H200 7.2B, the LoRA stages alone in the graph: B=64
/// 2.35 -> 2.14 ms, B=256 1.05 -> 0.83, B=512 1.33 -> 1.26, B=1024 1.83 -> 2.10: 2.2x the FLOPs win there). The blocks
/// are made once per model (CudaModel::ensure_lora4_blocks) when a batched step of 2..kLora4Rows sequences (or any,
/// when on) first needs them: 7.2B 32 x 31.5 MB (~1 GB) of device memory. Same function; not bit-identical to v19 (other GEMM shapes, other
/// cuBLAS kernels; 7.2B logits after 3 steps rel L2 3.6-4.3 % from v19's, v19 against its own 8-GEMM form 5.5-6 %).
/// Applies to launches enqueued afterwards (drop captured graphs first: any CudaModel setter does).
void set_rows_lora4(int mode);
constexpr int kLora4Rows = 512;

/// v56 knob (process-wide; env RWKV_CUDA_STEP_LEAN = 0 / 1, default 1): the public batched call's host side looks each
/// state up once, copies the state-pointer tables only when a pointer changed, and copies the tokens with the sampling
/// settings as one transfer (before: two lookups per state, two table copies, two small copies per step). The same
/// launches and arithmetic; only host work and copies the GPU waits for go (H200, the GPU's wait for the preparation
/// per step: 1.5B B=256 0.051 -> 0.033 ms, 7.2B B=256 0.109 -> 0.080, B=1024 0.187 -> 0.133; docs/perf/cuda-rows.md v56).
void set_batch_step_lean(bool on);

/// v57 knob (process-wide; env RWKV_CUDA_STEP_EARLY = 0 / 1, default 1): the public batched call launches the step's
/// graph as soon as the tokens are copied and makes and copies the sampling rows after the launch (the sampler runs
/// after the graph), and fill_state_tables takes each state's current fp16 copy without a cudaSetDevice per state
/// (CudaStateStorage::device_wkv16_current). Bit-identical; only host work the GPU waits for goes (H200, the GPU's wait
/// for the preparation per call, 7.2B B=256 0.067 -> 0.035 ms, B=1024 0.220 -> 0.059; docs/perf/cuda-rows.md v57).
void set_batch_step_early(bool on);

/// Diagnostic hook of the public batched call (bench_cuda --sample with RWKV_BENCH_SAMPLE=step): while set, every
/// slice of batch_steps records into *t (overwritten per slice) the host's steady-clock time (µs, since the clock's
/// epoch) at its entry, after the state lookups, after the step's preparation (tables, tokens), before the graph
/// launch, after the last enqueue and after the sync, and the events ev[0..4] (the caller creates them) on the stream
/// at entry, before the graph, after it, after the sampler and after the ids' copy. nullptr (default): off.
struct BatchStepTrace {
    cudaEvent_t ev[5] = {};
    double host_us[6] = {};
};
void set_batch_step_trace(BatchStepTrace* t);

struct CudaModel::Prof {
    std::vector<std::pair<std::string, cudaEvent_t>> marks;
    cudaEvent_t start = nullptr;
    std::size_t used = 0;
    std::vector<cudaEvent_t> pool;
    cudaStream_t stream = nullptr;
    void begin(cudaStream_t s) {
        stream = s;
        used = 0;
        marks.clear();
        if (!start) check(cudaEventCreate(&start), "event");
        check(cudaEventRecord(start, s), "event");
    }
    void mark(const char* label) {
        if (used == pool.size()) {
            cudaEvent_t e;
            check(cudaEventCreate(&e), "event");
            pool.push_back(e);
        }
        cudaEvent_t e = pool[used++];
        check(cudaEventRecord(e, stream), "event");
        marks.emplace_back(label, e);
    }
    /// Per label, the summed ms between the previous mark and this one (labels in first-seen order); call
    /// after the stream has finished.
    std::vector<std::pair<std::string, double>> sums() const {
        std::vector<std::pair<std::string, double>> out;
        cudaEvent_t prev = start;
        for (const auto& [label, e] : marks) {
            float ms = 0;
            check(cudaEventElapsedTime(&ms, prev, e), "event time");
            prev = e;
            auto it = std::find_if(out.begin(), out.end(), [&](const auto& p) { return p.first == label; });
            if (it == out.end()) out.emplace_back(label, double(ms));
            else it->second += ms;
        }
        return out;
    }
    ~Prof() {
        for (cudaEvent_t e : pool) cudaEventDestroy(e);
        if (start) cudaEventDestroy(start);
    }
};

struct CudaModel::Rows {
    int rows = 0, seqs = 0;
    DeviceArena arena;
    // fp32 [R, C]
    float *x = nullptr, *z = nullptr, *v_first = nullptr, *y = nullptr;
    float *r = nullptr, *k = nullptr, *v = nullptr;  // one block [3, rows, C]: stride rows*C (strided GEMM)
    float *dw = nullptr, *da = nullptr, *dg = nullptr, *dv = nullptr;  // LoRA up-projection outputs
    float *hw = nullptr, *ha = nullptr, *hg = nullptr, *hv = nullptr;  // LoRA down-projection outputs [R, D]
    float *hvwa = nullptr, *dvwa = nullptr;  // v19 grouped LoRA: [3, R, Dp] hidden and [3, R, C] up outputs (v, w, a)
    void* hvwa_a = nullptr;                  // [3, R, Dp] AT
    // v51 (set_rows_lora4; allocated by ensure_rows when on, else null): the hidden [4, R, Dg] fp32 and AT, and the up
    // outputs [4, R, C] (fp32, or fp16 packed at the start with in16); the padded blocks are CudaModel's (lora_down4_)
    float *h4 = nullptr, *d4 = nullptr;
    void* a4 = nullptr;
    float* P = nullptr;        // [R, H, 6, 64] packed scan inputs
    float* prev0 = nullptr;    // [S, C]
    float* logits = nullptr;   // [S, V]
    float* parts = nullptr;    // [2, min(R, kSplitKRows), C] split-K partial sums (v38)
    float* ffn_parts = nullptr;      // [ffn_partials(F), min(R, kSparseFfnBatchRows), C] v79 sparse FFN value partials
    unsigned* ffn_counters = nullptr;  // [ceil(C/256)] v79 column-slice tickets (zeroed; reset by each launch)
    // weight type (fp16 or fp32): GEMM inputs
    void* xmix = nullptr;      // [6, R, C] in the order r, k, v, w, a, g
    void *hw_a = nullptr, *ha_a = nullptr, *hg_a = nullptr, *hv_a = nullptr;  // [R, D]
    void* yg = nullptr;        // [R, C]
    void* h = nullptr;         // [R, F]
    void* zout = nullptr;      // [S, C]
    std::int32_t* tokens = nullptr;  // [R] (batched decode)
    float** states = nullptr;        // [S] device pointer table
    std::uint16_t** states16 = nullptr;  // [S] v18 fp16 WKV copies (fp16-state mode)
    std::int32_t* h_tokens = nullptr;  // pinned [R]
    float** h_states = nullptr;        // pinned [S]
    std::uint16_t** h_states16 = nullptr;  // pinned [S]
    ck::SampleRow* sample = nullptr;       // [S] device sampling settings + uniform numbers (forward_batch_sample)
    std::int32_t* next = nullptr;          // [S] sampled ids
    ck::SampleRow* h_sample = nullptr;     // pinned [S]
    std::int32_t* h_next = nullptr;        // pinned [S]
    // tokens and sample share one device block and one pinned block (h_tokens, h_sample): [align16(rows * 4) bytes of
    // tokens | S sampling rows], so that lean steps copy both at once (set_batch_step_lean)
    std::size_t sample_offset = 0;
    // leading entries of the device tables states / states16 known equal to h_states / h_states16 (every copy into
    // them comes from those pinned tables; 0 after allocation)
    int table_n = 0, table16_n = 0;
    ~Rows();
};

class CudaStateStorage;
/// The CUDA storage of state `s` on `device`; throws StateMismatch (naming `backend`) for any other state.
CudaStateStorage* storage_of(State& s, int device, const std::string& backend);

}  // namespace rwkv::cuda
