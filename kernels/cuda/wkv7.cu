// kernels/cuda/wkv7.cu — everything of the time mix between the projections and the output projection,
// for one token (spec §3.4.8–3.4.13): removal key kk = L2norm(k * k_k), k modulation by the in-context
// rate, value residual (layer 0 stores v_first), the WKV-7 state update and read-out, GroupNorm (eps
// 64e-5), the bonus (sum r*k*r_k) * v and the output gate g. The state stays fp32.
// Live variant: wkv7_kernel (v6) — one CTA of 64 threads per head, thread i owns state row i (value index) in
// 64 registers, the five key-indexed vectors in shared memory; the state row and the per-layer constants
// are loaded before griddepcontrol.wait (only this kernel writes this layer's state, at the previous token):
// 9.5 -> 7.2 us per call inside the graph. Challenger: none.
#include "common.cuh"

namespace rwkv::cuda_kernels {
namespace {

constexpr int N = 64;

__device__ __forceinline__ float head_sum(float v, float* red2) {
    v = warp_sum(v);
    if ((threadIdx.x & 31) == 0) red2[threadIdx.x >> 5] = v;
    __syncthreads();
    const float t = red2[0] + red2[1];
    __syncthreads();
    return t;
}

__global__ void __launch_bounds__(N) wkv7_kernel(const __grid_constant__ Wkv7Args a) {
    __shared__ float s_kk[N], s_b[N], s_k[N], s_w[N], s_r[N], red2[2];
    const int h = blockIdx.x, i = threadIdx.x, o = h * N + i;
    // The state row and the layer constants first, before the wait (v6): only this kernel writes this
    // layer's state (at the previous token), so its 16 loads are in flight while the previous kernel drains.
    float* S = a.params->state + a.wkv_offset + std::size_t(o) * N;
    float row[N];
#pragma unroll
    for (int j = 0; j < N; j += 4) {
        const float4 t = *reinterpret_cast<const float4*>(S + j);
        row[j] = t.x; row[j + 1] = t.y; row[j + 2] = t.z; row[j + 3] = t.w;
    }
    const float c_kk = a.k_k[o], c_ka = a.k_a[o], c_rk = a.r_k[o], c_lw = a.lnx_w[o], c_lb = a.lnx_b[o];
    pdl_wait();
    pdl_trigger();
    if (a.advance_pos && h == 0 && i == 0) const_cast<StepParams*>(a.params)->pos += 1;
    const float k0 = a.k[o];
    float kk = k0 * c_kk;
    const float ss = head_sum(kk * kk, red2);
    kk *= 1.0f / fmaxf(sqrtf(ss), 1e-12f);
    const float alpha = a.alpha[o];
    const float kmod = k0 * (1.0f + (alpha - 1.0f) * c_ka);
    float v = a.v[o];
    if (a.layer == 0) {
        a.v_first[o] = v;
    } else {
        v += (a.v_first[o] - v) * a.vgate[o];
    }
    const float r = a.r[o];
    s_kk[i] = kk;
    s_b[i] = kk * alpha;
    s_k[i] = kmod;
    s_w[i] = a.decay[o];
    s_r[i] = r;
    __syncthreads();

    float sa = 0.0f;
#pragma unroll
    for (int j = 0; j < N; ++j) sa -= row[j] * s_kk[j];
    float y = 0.0f;
#pragma unroll
    for (int j = 0; j < N; ++j) {
        const float s = row[j] * s_w[j] + s_k[j] * v + sa * s_b[j];
        row[j] = s;
        y += s * s_r[j];
    }
#pragma unroll
    for (int j = 0; j < N; j += 4) *reinterpret_cast<float4*>(S + j) = make_float4(row[j], row[j + 1], row[j + 2], row[j + 3]);

    const float mean = head_sum(y, red2) / float(N);
    const float d = y - mean;
    const float var = head_sum(d * d, red2) / float(N);
    const float yn = d * rsqrtf(var + 64e-5f) * c_lw + c_lb;
    const float beta = head_sum(r * kmod * c_rk, red2);
    a.out[o] = (yn + beta * v) * a.g[o];
}

}  // namespace

cudaError_t launch_wkv7(const Wkv7Args& a, cudaStream_t stream) {
    return launch_pdl(wkv7_kernel, dim3(a.H), dim3(N), 0, stream, a);
}

}  // namespace rwkv::cuda_kernels
