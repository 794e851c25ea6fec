// kernels/cuda/rows.cu — the glue of the sequence ("rows") path, used by chunked prefill and batched decode
// (rwkv_kernels.h RowsGeom): LayerNorm per row (with the embedding + ln0 at layer 0), the token-shift mixes
// (previous row inside a sequence, the stored state for a sequence's first row), element-wise activations
// of the LoRA hidden vectors, and relu² of the FFN key output. Every output that feeds a GEMM is written in
// the weight type AT (fp16 or fp32), everything else stays fp32.
// Live variants: ln_mix_rows_kernel<ET, AT, kV, kParts, kDecode> (v16, 2026-11-29: LayerNorm + mixes in one kernel, x
// in registers, 8/16-byte stores; v16h: 512 threads per row for C > 2048; v38: kParts adds the split-K partial sums of
// the GEMM before into x; v43L, session 14: kDecode for fp16 batched decode, bit-identical; H200 7.2B, the two ln_mix
// stages alone in the graph B=256 0.521 -> 0.504 ms, B=1024 1.796 -> 1.683), act_rows_kernel<AT>, relu2_rows_h8_kernel
// (v16d, fp16: 16-byte accesses) and relu2_rows_kernel<AT> (fp32, or fp16 not a multiple of 8); ln_rows_kernel<ET, AT> for ln_out;
// ln_mix_dec_kernel<kT, kV, kNM, kEarly, kMinBlocks> (v53, session 19: the fp16 batched-decode ln_mix with 6 or 1 mixes,
// every constant load ahead of the stores; bit-identical to kDecode; H200 1.5B B=256 the two stages alone 0.320 -> 0.204
// ms, the graph 3.333 -> 3.218 ms, 6 of 6 rounds; 7.2B B=256 stages 0.531 -> 0.424, B=1024 1.749 -> 1.566).
// Challengers: ln_rows_kernel + mix_rows_kernel (v1; CudaModel::set_rows_ln_fused(false), env RWKV_CUDA_ROWS_LN=0);
// kDecode and v53's mode 1 (set_ln_mix_v53, env RWKV_CUDA_LN_V53 = 0 / 1).
// Dropped after measuring (session 15, docs/perf/cuda-rows.md v44-v46): v46, the batched-decode ln_mix with two rows per
// CTA of 512 threads sharing the LayerNorm weights and mix vectors (bit-identical; 64 registers, 2 CTAs per SM): the two
// ln_mix stages alone in the 7.2B graph B=256 0.520 -> 0.655 ms, B=1024 1.717 -> 1.870; and v44's PDL launches of these
// kernels after the GEMMs (1.5B B=256 step +0.3 %).
#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <type_traits>

#include "common.cuh"

namespace rwkv::cuda_kernels {
namespace {

constexpr int kThreads = 256;

__device__ __forceinline__ void store_at(__half* p, float v) { *p = __float2half_rn(v); }
__device__ __forceinline__ void store_at(float* p, float v) { *p = v; }

// One CTA per (selected) row.
template <typename ET>
__global__ void __launch_bounds__(kThreads) ln_rows_kernel(const __grid_constant__ LnRowsArgs a, int at_half) {
    extern __shared__ float xs[];  // [C]
    __shared__ float red[32];
    const int C = a.g.C, T = a.g.T;
    const int row = a.last_only ? blockIdx.x * T + (T - 1) : blockIdx.x;
    const int s = row / T, t = row % T;
    float* x = a.x + std::size_t(row) * C;
    if (a.mode == kLnFromEmbedding) {
        const ET* e = static_cast<const ET*>(a.emb) + std::size_t(a.tokens[row]) * C;
        for (int k = threadIdx.x; k < C; k += blockDim.x) xs[k] = to_f32(e[k]);
        __syncthreads();
        float m0, i0;
        ln_stats(xs, C, red, m0, i0);
        for (int k = threadIdx.x; k < C; k += blockDim.x) {
            const float v = (xs[k] - m0) * i0 * a.ln0_w[k] + a.ln0_b[k];
            xs[k] = v;
            x[k] = v;
        }
        __syncthreads();
    } else {
        for (int k = threadIdx.x; k < C; k += blockDim.x) xs[k] = x[k];
        __syncthreads();
    }
    float mean, inv;
    ln_stats(xs, C, red, mean, inv);
    const std::size_t out_row = a.last_only ? std::size_t(blockIdx.x) : std::size_t(row);
    for (int k = threadIdx.x; k < C; k += blockDim.x) {
        const float z = (xs[k] - mean) * inv * a.ln_w[k] + a.ln_b[k];
        if (a.zf) a.zf[out_row * C + k] = z;
        if (a.zh) {
            if (at_half) store_at(static_cast<__half*>(a.zh) + out_row * C + k, z);
            else store_at(static_cast<float*>(a.zh) + out_row * C + k, z);
        }
    }
    if (a.shift_offset >= 0 && t == 0) {
        const float* sh = a.g.states[s] + a.shift_offset;
        for (int k = threadIdx.x; k < C; k += blockDim.x) a.prev0[std::size_t(s) * C + k] = sh[k];
    }
}

// grid (ceil(C/256), R): one thread per channel of one row.
template <typename AT>
__global__ void __launch_bounds__(kThreads) mix_rows_kernel(const __grid_constant__ MixRowsArgs a) {
    const int C = a.g.C, T = a.g.T, R = a.g.S * a.g.T;
    const int c = blockIdx.x * kThreads + threadIdx.x, row = blockIdx.y;
    if (c >= C) return;
    const int s = row / T, t = row % T;
    const float z = a.z[std::size_t(row) * C + c];
    const float prev = t > 0 ? a.z[std::size_t(row - 1) * C + c] : a.prev0[std::size_t(s) * C + c];
    const float d = prev - z;
    AT* out = static_cast<AT*>(a.out);
    for (int m = 0; m < a.n_mix; ++m)
        store_at(out + (std::size_t(a.slot[m]) * R + row) * C + c, z + d * a.mix[std::size_t(m) * C + c]);
    if (t == T - 1) a.g.states[s][a.shift_offset + c] = z;
}

// ---- v16: LayerNorm + mixes in one kernel (LnMixRowsArgs) ----
__device__ __forceinline__ float4 load4(const float* p) { return *reinterpret_cast<const float4*>(p); }
__device__ __forceinline__ float4 load4(const __half* p) {
    const uint2 u = *reinterpret_cast<const uint2*>(p);
    const float2 a = __half22float2(*reinterpret_cast<const __half2*>(&u.x));
    const float2 b = __half22float2(*reinterpret_cast<const __half2*>(&u.y));
    return make_float4(a.x, a.y, b.x, b.y);
}
__device__ __forceinline__ void store4(float* p, float4 v) { *reinterpret_cast<float4*>(p) = v; }
__device__ __forceinline__ void store4(__half* p, float4 v) {
    const __half2 a = __floats2half2_rn(v.x, v.y), b = __floats2half2_rn(v.z, v.w);
    uint2 u;
    u.x = *reinterpret_cast<const unsigned*>(&a);
    u.y = *reinterpret_cast<const unsigned*>(&b);
    *reinterpret_cast<uint2*>(p) = u;
}

// LayerNorm statistics of a row held as float4 v[k] (element index tid + k*kThreads; C4 valid), two-pass fp32,
// eps 1e-5 (ln_stats' arithmetic, summed in another order).
template <int kT, int kV>
__device__ __forceinline__ void row_stats(const float4 (&v)[kV], int C4, float* red, float& mean, float& inv) {
    float s = 0.0f;
#pragma unroll
    for (int k = 0; k < kV; ++k) s += (v[k].x + v[k].y) + (v[k].z + v[k].w);
    mean = block_sum(s, red) / float(4 * C4);
    float q = 0.0f;
#pragma unroll
    for (int k = 0; k < kV; ++k) {
        if (int(threadIdx.x) + k * kT < C4) {
            const float d0 = v[k].x - mean, d1 = v[k].y - mean, d2 = v[k].z - mean, d3 = v[k].w - mean;
            q += (d0 * d0 + d1 * d1) + (d2 * d2 + d3 * d3);
        }
    }
    inv = rsqrtf(block_sum(q, red) / float(4 * C4) + 1e-5f);
}

__device__ __forceinline__ float4 ln4(float4 v, float mean, float inv, float4 w, float4 b) {
    return make_float4((v.x - mean) * inv * w.x + b.x, (v.y - mean) * inv * w.y + b.y, (v.z - mean) * inv * w.z + b.z,
                       (v.w - mean) * inv * w.w + b.w);
}

// x of row `row` into v (zero past C): read from a.x, or (embedding mode) LN0 of the token's embedding row,
// written back to a.x when `write`.
template <typename ET, int kT, int kV>
__device__ __forceinline__ void row_x(const LnMixRowsArgs& a, int row, bool write, float4 (&v)[kV], float* red) {
    const int C = a.g.C, C4 = C / 4, tid = threadIdx.x;
    if (a.mode == kLnFromEmbedding) {
        const ET* e = static_cast<const ET*>(a.emb) + std::size_t(a.tokens[row]) * C;
#pragma unroll
        for (int k = 0; k < kV; ++k) {
            const int i = tid + k * kT;
            v[k] = i < C4 ? load4(e + 4 * i) : make_float4(0.f, 0.f, 0.f, 0.f);
        }
        float m0, i0;
        row_stats<kT>(v, C4, red, m0, i0);
#pragma unroll
        for (int k = 0; k < kV; ++k) {
            const int i = tid + k * kT;
            if (i < C4) {
                v[k] = ln4(v[k], m0, i0, load4(a.ln0_w + 4 * i), load4(a.ln0_b + 4 * i));
                if (write) store4(a.x + std::size_t(row) * C + 4 * i, v[k]);
            }
        }
    } else {
        const float* x = a.x + std::size_t(row) * C;
#pragma unroll
        for (int k = 0; k < kV; ++k) {
            const int i = tid + k * kT;
            v[k] = i < C4 ? load4(x + 4 * i) : make_float4(0.f, 0.f, 0.f, 0.f);
        }
    }
}

// v38: x of row `row` (in v) += the split-K partial sums a.x_parts[j] (j ascending), stored back to a.x.
template <int kT, int kV>
__device__ __forceinline__ void add_parts(const LnMixRowsArgs& a, int row, float4 (&v)[kV]) {
    const int C = a.g.C, C4 = C / 4;
#pragma unroll
    for (int k = 0; k < kV; ++k) {
        const int i = int(threadIdx.x) + k * kT;
        if (i >= C4) continue;
        const std::size_t o = std::size_t(row) * C + 4 * i;
        float4 s = load4(a.x_parts + o);
        for (int j = 1; j < a.n_parts; ++j) {
            const float4 q = load4(a.x_parts + std::size_t(j) * a.part_stride + o);
            s = make_float4(s.x + q.x, s.y + q.y, s.z + q.z, s.w + q.w);
        }
        v[k] = make_float4(v[k].x + s.x, v[k].y + s.y, v[k].z + s.z, v[k].w + s.w);
        store4(a.x + o, v[k]);
    }
}

// One CTA of kT threads per row; kV float4 per thread (C <= 4 * kT * kV). kParts (v38): x first gets the split-K
// partial sums of the GEMM before (plain mode, T = 1). kDecode (v43L, batched decode: T = 1, no parts): every row is a
// sequence's first, so the token-shift state is loaded with x, before the statistics' barriers, and the T > 1
// branches compile away (C = 4096, 512 threads: 62 -> 40 registers, 3 CTAs per SM instead of 2).
template <typename ET, typename AT, int kT, int kV, bool kParts, bool kDecode = false>
__global__ void __launch_bounds__(kT) ln_mix_rows_kernel(const __grid_constant__ LnMixRowsArgs a) {
    __shared__ float red[32];
    const int C = a.g.C, C4 = C / 4, T = kDecode ? 1 : a.g.T, R = a.g.S * T, tid = threadIdx.x;
    const int row = blockIdx.x, s = row / T, t = row % T;
    float4 xv[kV], pv[kV];
    float mean, inv, pmean = 0.0f, pinv = 0.0f;
    row_x<ET, kT>(a, row, true, xv, red);
    float* shift = nullptr;
    if constexpr (kDecode) {  // t = 0: the token-shift state, requested before the statistics' barriers
        shift = a.g.states[s] + a.shift_offset;
#pragma unroll
        for (int k = 0; k < kV; ++k) {
            const int i = tid + k * kT;
            pv[k] = i < C4 ? load4(shift + 4 * i) : make_float4(0.f, 0.f, 0.f, 0.f);
        }
    }
    if constexpr (kParts) add_parts<kT>(a, row, xv);
    row_stats<kT>(xv, C4, red, mean, inv);
    if constexpr (!kDecode) shift = a.g.states[s] + a.shift_offset;
    if (t > 0) {  // block-uniform: the previous row's z is recomputed here
        row_x<ET, kT>(a, row - 1, false, pv, red);
        row_stats<kT>(pv, C4, red, pmean, pinv);
    } else if constexpr (!kDecode) {
#pragma unroll
        for (int k = 0; k < kV; ++k) {
            const int i = tid + k * kT;
            pv[k] = i < C4 ? load4(shift + 4 * i) : make_float4(0.f, 0.f, 0.f, 0.f);
        }
    }
    AT* out = static_cast<AT*>(a.out);
    const int nm = a.n_mix;
#pragma unroll
    for (int k = 0; k < kV; ++k) {
        const int i = tid + k * kT;
        if (i >= C4) break;
        const float4 w = load4(a.ln_w + 4 * i), b = load4(a.ln_b + 4 * i);
        const float4 z = ln4(xv[k], mean, inv, w, b);
        const float4 p = t > 0 ? ln4(pv[k], pmean, pinv, w, b) : pv[k];
        const float4 d = make_float4(p.x - z.x, p.y - z.y, p.z - z.z, p.w - z.w);
        for (int m = 0; m < nm; ++m) {
            const float4 mv = load4(a.mix + std::size_t(m) * C + 4 * i);
            store4(out + (std::size_t(a.slot[m]) * R + row) * C + 4 * i,
                   make_float4(z.x + d.x * mv.x, z.y + d.y * mv.y, z.z + d.z * mv.z, z.w + d.w * mv.w));
        }
        if (t == 0 && T == 1) store4(shift + 4 * i, z);  // this thread read the same 4 floats above
    }
    if (t == 0 && T > 1) {  // the sequence's last row's z becomes the token-shift state (read above: same CTA)
        __syncthreads();
        row_x<ET, kT>(a, row + T - 1, false, pv, red);
        row_stats<kT>(pv, C4, red, pmean, pinv);
#pragma unroll
        for (int k = 0; k < kV; ++k) {
            const int i = tid + k * kT;
            if (i < C4) store4(shift + 4 * i, ln4(pv[k], pmean, pinv, load4(a.ln_w + 4 * i), load4(a.ln_b + 4 * i)));
        }
    }
}

// v53 (session 19): the batched-decode form (fp16, T = 1, no parts) with the mix count a constant and the per-channel
// constants (LayerNorm weight and bias, the kNM mixes) read through the read-only path: HEAD's kDecode kernel loads a
// mix, stores its output, loads the next (the stores may alias the loads: 7 dependent L2 round trips per float4 after
// the statistics); here a thread's loads for one float4 are all in flight before its first store. kEarly also loads
// them before the statistics (ln_mix 2, one mix; with six, ~99 registers would allow one CTA of 512 per SM). kMinBlocks
// bounds the registers: 2 CTAs of 512 per SM (six mixes: 64 at C = 4096; one mix early: 62), 3 (one mix, not early:
// 40, as v43L). Same arithmetic as ln_mix_rows_kernel's kDecode form (same expressions and order): bit-identical.
// Dropped after measuring (session 19): the six-mix form held to 3 CTAs of 512 per SM (40 registers): 7.2B B=256 the
// two stages alone 0.452 ms against 0.424 with 2 CTAs.
__device__ __forceinline__ float4 ldg4(const float* p) { return __ldg(reinterpret_cast<const float4*>(p)); }

template <int kT, int kV, int kNM, bool kEarly, int kMinBlocks>
__global__ void __launch_bounds__(kT, kMinBlocks) ln_mix_dec_kernel(const __grid_constant__ LnMixRowsArgs a) {
    __shared__ float red[32];
    const int C = a.g.C, C4 = C / 4, R = a.g.S, tid = threadIdx.x, row = blockIdx.x;
    float4 xv[kV], pv[kV], wv[kEarly ? kV : 1], bv[kEarly ? kV : 1], mv[kEarly ? kV : 1][kNM];
    row_x<__half, kT>(a, row, true, xv, red);
    float* const shift = a.g.states[row] + a.shift_offset;
#pragma unroll
    for (int k = 0; k < kV; ++k) {
        const int i = tid + k * kT;
        pv[k] = i < C4 ? load4(shift + 4 * i) : make_float4(0.f, 0.f, 0.f, 0.f);
        if constexpr (kEarly) {
            if (i < C4) {
                wv[k] = ldg4(a.ln_w + 4 * i);
                bv[k] = ldg4(a.ln_b + 4 * i);
#pragma unroll
                for (int m = 0; m < kNM; ++m) mv[k][m] = ldg4(a.mix + std::size_t(m) * C + 4 * i);
            }
        }
    }
    float mean, inv;
    row_stats<kT>(xv, C4, red, mean, inv);
    __half* const out = static_cast<__half*>(a.out);
#pragma unroll
    for (int k = 0; k < kV; ++k) {
        const int i = tid + k * kT;
        if (i >= C4) break;
        float4 w, b, mk[kNM];
        if constexpr (kEarly) {
            w = wv[k];
            b = bv[k];
#pragma unroll
            for (int m = 0; m < kNM; ++m) mk[m] = mv[k][m];
        } else {
            w = ldg4(a.ln_w + 4 * i);
            b = ldg4(a.ln_b + 4 * i);
#pragma unroll
            for (int m = 0; m < kNM; ++m) mk[m] = ldg4(a.mix + std::size_t(m) * C + 4 * i);
        }
        const float4 z = ln4(xv[k], mean, inv, w, b);
        const float4 p = pv[k];
        const float4 d = make_float4(p.x - z.x, p.y - z.y, p.z - z.z, p.w - z.w);
#pragma unroll
        for (int m = 0; m < kNM; ++m)
            store4(out + (std::size_t(a.slot[m]) * R + row) * C + 4 * i,
                   make_float4(z.x + d.x * mk[m].x, z.y + d.y * mk[m].y, z.z + d.z * mk[m].z, z.w + d.w * mk[m].w));
        store4(shift + 4 * i, z);  // this thread read the same 4 floats above
    }
}

template <typename AT>
__global__ void act_rows_kernel(const __grid_constant__ ActBatch b) {
    const ActJob& j = b.job[blockIdx.y];
    AT* out = static_cast<AT*>(j.out);
    for (std::int64_t i = blockIdx.x * std::int64_t(blockDim.x) + threadIdx.x; i < j.n;
         i += std::int64_t(gridDim.x) * blockDim.x) {
        float v = j.in[i];
        if (j.act == kActTanh) v = tanhf(v);
        else if (j.act == kActSigmoid) v = sigmoidf_(v);
        store_at(out + i, v);
    }
}

template <typename AT>
__global__ void __launch_bounds__(kThreads) relu2_rows_kernel(AT* h, std::int64_t n, unsigned long long* active) {
    __shared__ float red[32];
    float nz = 0.0f;
    for (std::int64_t i = blockIdx.x * std::int64_t(blockDim.x) + threadIdx.x; i < n;
         i += std::int64_t(gridDim.x) * blockDim.x) {
        const float v = fmaxf(to_f32(h[i]), 0.0f);
        store_at(h + i, v * v);
        nz += v > 0.0f ? 1.0f : 0.0f;
    }
    if (active) {
        const float tot = block_sum(nz, red);
        if (threadIdx.x == 0 && tot > 0.0f) atomicAdd(active, (unsigned long long)tot);
    }
}

// v16d: 8 fp16 values per thread and iteration (16-byte loads and stores; n % 8 == 0, h 16-byte aligned).
__global__ void __launch_bounds__(kThreads) relu2_rows_h8_kernel(uint4* h, std::int64_t n8, unsigned long long* active) {
    __shared__ float red[32];
    float nz = 0.0f;
    for (std::int64_t i = blockIdx.x * std::int64_t(blockDim.x) + threadIdx.x; i < n8;
         i += std::int64_t(gridDim.x) * blockDim.x) {
        uint4 u = h[i];
        __half2* p = reinterpret_cast<__half2*>(&u);
#pragma unroll
        for (int j = 0; j < 4; ++j) {
            const float2 f = __half22float2(p[j]);
            const float a = fmaxf(f.x, 0.0f), b = fmaxf(f.y, 0.0f);
            nz += (a > 0.0f ? 1.0f : 0.0f) + (b > 0.0f ? 1.0f : 0.0f);
            p[j] = __floats2half2_rn(a * a, b * b);
        }
        h[i] = u;
    }
    if (active) {
        const float tot = block_sum(nz, red);
        if (threadIdx.x == 0 && tot > 0.0f) atomicAdd(active, (unsigned long long)tot);
    }
}

bool g_relu2_h8 = true;
bool g_ln512 = true;
int g_ln_v53 = [] {  // set_ln_mix_v53; env RWKV_CUDA_LN_V53
    const char* e = std::getenv("RWKV_CUDA_LN_V53");
    return e == nullptr ? 2 : std::atoi(e) == 0 ? 0 : std::atoi(e) == 1 ? 1 : 2;
}();

}  // namespace

void set_relu2_h8(bool on) { g_relu2_h8 = on; }
void set_ln_mix_rows_512(bool on) { g_ln512 = on; }
void set_ln_mix_v53(int mode) { g_ln_v53 = mode == 0 || mode == 1 ? mode : 2; }

cudaError_t launch_ln_rows(const LnRowsArgs& a, WType wt, cudaStream_t stream) {
    const std::size_t smem = std::size_t(a.g.C) * sizeof(float);
    if (smem > 48 * 1024 || a.g.S <= 0 || a.g.T <= 0) return cudaErrorInvalidValue;
    const int blocks = a.last_only ? a.g.S : a.g.S * a.g.T;
    const int at_half = wt == WType::F16 ? 1 : 0;
    if (wt == WType::F16) ln_rows_kernel<__half><<<blocks, kThreads, smem, stream>>>(a, at_half);
    else ln_rows_kernel<float><<<blocks, kThreads, smem, stream>>>(a, at_half);
    return cudaGetLastError();
}

cudaError_t launch_mix_rows(const MixRowsArgs& a, WType wt, cudaStream_t stream) {
    if (a.n_mix < 1 || a.n_mix > 6) return cudaErrorInvalidValue;
    const dim3 grid((a.g.C + kThreads - 1) / kThreads, a.g.S * a.g.T);
    if (wt == WType::F16) mix_rows_kernel<__half><<<grid, kThreads, 0, stream>>>(a);
    else mix_rows_kernel<float><<<grid, kThreads, 0, stream>>>(a);
    return cudaGetLastError();
}

cudaError_t launch_ln_mix_rows(const LnMixRowsArgs& a, WType wt, cudaStream_t stream) {
    const int C4 = a.g.C / 4;
    if (a.g.C % 4 != 0 || C4 > 8 * kThreads || a.n_mix < 1 || a.n_mix > 6 || a.g.S <= 0 || a.g.T <= 0 ||
        (a.n_parts > 0 && (a.g.T != 1 || a.mode != kLnPlain || a.x_parts == nullptr)))
        return cudaErrorInvalidValue;
    const int blocks = a.g.S * a.g.T;
    auto go = [&](auto kt, auto kv) {
        constexpr int kT = decltype(kt)::value, kV = decltype(kv)::value;
        if (a.n_parts > 0) {
            if (wt == WType::F16) ln_mix_rows_kernel<__half, __half, kT, kV, true><<<blocks, kT, 0, stream>>>(a);
            else ln_mix_rows_kernel<float, float, kT, kV, true><<<blocks, kT, 0, stream>>>(a);
        } else if (wt == WType::F16 && a.g.T == 1 && g_ln_v53 > 0 && kV <= 2 && (a.n_mix == 6 || a.n_mix == 1)) {
            if constexpr (kV <= 2) {  // v53 (up to C = 4096 at 512 threads; above, its forms spill: the kDecode kernel)
                if (a.n_mix == 6) ln_mix_dec_kernel<kT, kV, 6, false, 2><<<blocks, kT, 0, stream>>>(a);
                else if (g_ln_v53 == 2) ln_mix_dec_kernel<kT, kV, 1, true, 2><<<blocks, kT, 0, stream>>>(a);
                else ln_mix_dec_kernel<kT, kV, 1, false, 3><<<blocks, kT, 0, stream>>>(a);
            }
        } else if (wt == WType::F16 && a.g.T == 1) {  // v43L: batched decode
            ln_mix_rows_kernel<__half, __half, kT, kV, false, true><<<blocks, kT, 0, stream>>>(a);
        } else if (wt == WType::F16) {
            ln_mix_rows_kernel<__half, __half, kT, kV, false><<<blocks, kT, 0, stream>>>(a);
        } else {
            ln_mix_rows_kernel<float, float, kT, kV, false><<<blocks, kT, 0, stream>>>(a);
        }
    };
    using I = std::integral_constant<int, kThreads>;
    using I512 = std::integral_constant<int, 512>;
    if (g_ln512 && a.g.T == 1 && C4 > 2 * kThreads) {  // v16h (batched decode): 512 threads per row
        if (C4 <= 1024) go(I512{}, std::integral_constant<int, 2>{});
        else go(I512{}, std::integral_constant<int, 4>{});
    } else if (C4 <= kThreads) go(I{}, std::integral_constant<int, 1>{});
    else if (C4 <= 2 * kThreads) go(I{}, std::integral_constant<int, 2>{});
    else if (C4 <= 4 * kThreads) go(I{}, std::integral_constant<int, 4>{});
    else go(I{}, std::integral_constant<int, 8>{});
    return cudaGetLastError();
}

cudaError_t launch_act_rows(const ActBatch& b, WType wt, cudaStream_t stream) {
    if (b.n < 1 || b.n > 4) return cudaErrorInvalidValue;
    std::int64_t biggest = 0;
    for (int i = 0; i < b.n; ++i) biggest = biggest > b.job[i].n ? biggest : b.job[i].n;
    const int blocks = int(std::min<std::int64_t>((biggest + kThreads - 1) / kThreads, 1024));
    const dim3 grid(blocks > 0 ? blocks : 1, b.n);
    if (wt == WType::F16) act_rows_kernel<__half><<<grid, kThreads, 0, stream>>>(b);
    else act_rows_kernel<float><<<grid, kThreads, 0, stream>>>(b);
    return cudaGetLastError();
}

cudaError_t launch_relu2_rows(void* h, std::int64_t n, unsigned long long* active, WType wt, cudaStream_t stream) {
    const int blocks = int(std::min<std::int64_t>((n + kThreads - 1) / kThreads, 2048));
    if (blocks <= 0) return cudaSuccess;
    if (wt == WType::F16 && g_relu2_h8 && n % 8 == 0 && reinterpret_cast<std::uintptr_t>(h) % 16 == 0) {
        const std::int64_t n8 = n / 8;
        const int b8 = int(std::min<std::int64_t>((n8 + kThreads - 1) / kThreads, 2048));
        relu2_rows_h8_kernel<<<b8, kThreads, 0, stream>>>(static_cast<uint4*>(h), n8, active);
    } else if (wt == WType::F16) relu2_rows_kernel<__half><<<blocks, kThreads, 0, stream>>>(static_cast<__half*>(h), n, active);
    else relu2_rows_kernel<float><<<blocks, kThreads, 0, stream>>>(static_cast<float*>(h), n, active);
    return cudaGetLastError();
}

}  // namespace rwkv::cuda_kernels
