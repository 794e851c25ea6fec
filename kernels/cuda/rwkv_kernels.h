// kernels/cuda/rwkv_kernels.h — host-side launchers of the CUDA kernels of the RWKV-7 decode step.
// Plain C++ (no CUDA syntax): included by engine/src/cuda. One kernel per .cu file in this folder, each with
// its launcher and a header comment listing its live variants. Activations are fp32; weights are fp16
// ("F16") or fp32 ("F32") as the model was loaded. Every launcher enqueues on `stream` and returns the
// launch error (cudaGetLastError) so that the caller turns it into an rwkv::Error.
#pragma once

#include <cstdint>

#include <cuda_runtime_api.h>

namespace rwkv::cuda_kernels {

enum class WType : int { F16 = 0, F32 = 1 };

/// Programmatic Dependent Launch between the decode kernels (sm_90; default on): each kernel may start
/// while the previous one drains and stream its constant weights before waiting for its inputs.
void set_pdl(bool on);
/// Early trigger (measurement knob, default 0 = off): for the kernel kinds in `mask` (kEarly* bits) the
/// griddepcontrol.launch_dependents comes before the kernel's griddepcontrol.wait, so that the next kernel
/// launches (and streams its constant weights) while this one still waits for its inputs. Measured on H200
/// (v6): all kinds early 266 tok/s against 277 with the trigger after the wait (docs/perf-notes.md).
enum EarlyTrigger : unsigned { kEarlyMatvec = 1, kEarlyLnMix = 2, kEarlyWkv7 = 4, kEarlySparse = 8 };
void set_pdl_early(unsigned mask);

/// Per-step values the captured CUDA graph reads at run time, so that one graph serves every state and
/// every token: the state base pointer, the token ids of this forward() and the position in them.
struct StepParams {
    float* state = nullptr;          // spec §5 layout, fp32
    const std::int32_t* tokens = nullptr;
    std::int32_t pos = 0;            // read by the layer-0 ln_mix (embedding), advanced by the layer-0 wkv7
};

// ---- matvec.cu: y = epilogue(W·x) for up to kMaxJobs independent matrices in one launch -------------------
enum Epilogue : int {
    kEpiNone = 0,        // y = acc
    kEpiTanh = 1,        // y = tanh(acc)
    kEpiSigmoid = 2,     // y = sigmoid(acc)
    kEpiDecay = 3,       // y = exp(-0.606531 * sigmoid(bias + acc))
    kEpiSigmoidBias = 4, // y = sigmoid(bias + acc)
    kEpiAdd = 5,         // y += acc (residual)
    kEpiRelu2 = 6,       // y = max(acc, 0)^2
};
constexpr int kMaxJobs = 8;
struct MatvecJob {
    const void* W = nullptr;   // [rows, cols] row-major, WType
    const float* x = nullptr;  // [cols]
    float* y = nullptr;        // [rows]
    const float* bias = nullptr;
    int rows = 0, cols = 0, epi = kEpiNone;
    unsigned* mask = nullptr;  // kEpiRelu2 only: bit r of mask[r/32] |= (y[r] != 0) (active-neuron bitmask, v7)
};
struct MatvecBatch {
    MatvecJob job[kMaxJobs];
    int n = 0;
};
cudaError_t launch_matvec(const MatvecBatch& batch, WType wt, cudaStream_t stream);

// ---- ln_mix.cu: residual update + LayerNorm + token-shift mixes (one CTA) --------------------------------
enum LnMixMode : int {
    kLnFromEmbedding = 0,  // x = LN0(emb[tokens[pos]]), then LN
    kLnPlain = 2,          // LN(x)
};
struct LnMixArgs {
    int mode = kLnPlain;
    int C = 0;
    float* x = nullptr;                 // residual stream [C] (written in modes 0 and 1)
    const void* emb = nullptr;          // [V, C] WType (mode 0)
    const float* ln0_w = nullptr, *ln0_b = nullptr;
    const float* ln_w = nullptr, *ln_b = nullptr;
    const float* mix = nullptr;         // [n_mix, C] mix coefficients, consecutive
    int n_mix = 0;                      // 0: out = LN(x) alone
    const StepParams* params = nullptr; // state base + tokens
    std::int64_t shift_offset = -1;     // float offset of the token-shift state in params->state, -1: none
    float* out = nullptr;               // [max(n_mix,1), C]
};
cudaError_t launch_ln_mix(const LnMixArgs& a, WType wt, cudaStream_t stream);

// ---- wkv7.cu: k-normalisation, gates, value residual, WKV-7 update, GroupNorm, bonus, output gate --------
struct Wkv7Args {
    int H = 0, layer = 0;
    bool advance_pos = false;  // params->pos += 1 (once per token, after the embedding lookup)
    const float* r = nullptr, *k = nullptr, *v = nullptr;  // [C]
    const float* decay = nullptr, *alpha = nullptr, *g = nullptr, *vgate = nullptr;
    float* v_first = nullptr;                              // [C]: written at layer 0, read after
    const float* k_k = nullptr, *k_a = nullptr, *r_k = nullptr, *lnx_w = nullptr, *lnx_b = nullptr;
    const StepParams* params = nullptr;
    std::int64_t wkv_offset = 0;  // float offset of this layer's [H,64,64] state
    float* out = nullptr;         // [C] = (GroupNorm(y) + bonus) * g
};
cudaError_t launch_wkv7(const Wkv7Args& a, cudaStream_t stream);

// ---- sparse_ffn.cu: x += sum over non-zero h[f] of h[f] * Vt[f, :] ------------------------------------------
constexpr int kFfnChunk = 512;  // neurons per partial
inline int ffn_partials(int F) { return (F + kFfnChunk - 1) / kFfnChunk; }
struct SparseFfnArgs {
    int F = 0, C = 0;
    const float* h = nullptr;      // [F] relu(k)^2
    const void* Vt = nullptr;      // [F, C] (ffn.value transposed), WType
    float* partials = nullptr;     // [ffn_partials(F), C] scratch
    unsigned* counters = nullptr;  // [ceil(C/256)] zero-initialised; the last CTA of a column slice resets it
    float* x = nullptr;            // [C] residual: += the sum of the partials (fixed order)
    unsigned long long* active = nullptr;  // += number of non-zero h (may be null)
    bool dense = false;            // read every row (for measurements)
    // v7 active-neuron list: the FFN-key matvec ORs the bit of every non-zero h into mask[ceil(F/32)]; the
    // value kernel splits the active rows evenly over its CTAs (in index order) and its last CTA zeroes the
    // mask again (counters[ceil(C/256)] is the grid ticket). null: the v6 chunk kernel (scans h).
    unsigned* mask = nullptr;
};
cudaError_t launch_sparse_ffn(const SparseFfnArgs& a, WType wt, cudaStream_t stream);

// ---- convert.cu: load-time conversions and random fills -------------------------------------------------
/// dst[i] = src[i] (fp32 -> WType); with transpose, src is [rows, cols] and dst [cols, rows].
cudaError_t launch_convert(const float* src, void* dst, WType wt, std::int64_t rows, std::int64_t cols,
                           bool transpose, cudaStream_t stream);
/// dst[i] = offset + scale * u(seed, i), u uniform in [-1, 1) from a counter hash (bench weights).
cudaError_t launch_fill_random(void* dst, WType wt, std::int64_t n, std::uint64_t seed, float scale,
                               float offset, cudaStream_t stream);

}  // namespace rwkv::cuda_kernels
