// kernels/cuda/state_prefetch.cu — v87 (session 58): one layer's WKV matrices of every sequence of a small decode step
// pulled into L2 ahead of the WKV kernel (launch_state_prefetch_l2 in rwkv_kernels.h). The step's WKV kernel reads
// and writes each sequence's fp32 state of the layer once (H x N x N floats: 1 MiB at 7.2B) in one wave of CTAs, so
// at B = 2-8 it waits on DRAM latency more than it moves bytes (H100 int8 B = 8: 0.46 ms a step in the graph for
// 0.54 GB a step, ~1.2 TB/s). The prefetch runs on v86b's side stream beside the r/k/v product, whose weight loads
// carry the evict-first hint, so the state's lines stay in L2 until the WKV kernel reads them; it moves the same bytes
// earlier and changes no value (the WKV kernel's loads and arithmetic are untouched).
#include "rwkv_kernels.h"

namespace rwkv::cuda_kernels {
namespace {

constexpr int kPrefetchThreads = 256;

// CTA s prefetches sequence s's span [offset, offset + bytes) of its state, split evenly over the CTA's threads in
// 16-byte multiples: sm_90 as one bulk prefetch a thread, earlier GPUs one prefetch instruction a 128-byte line.
__global__ void __launch_bounds__(kPrefetchThreads) state_prefetch_kernel(const __grid_constant__ StatePrefetchArgs a) {
    const char* base = reinterpret_cast<const char*>(a.states[blockIdx.x] + a.offset);
    const std::int64_t piece = ((a.bytes + kPrefetchThreads - 1) / kPrefetchThreads + 15) / 16 * 16;
    const std::int64_t lo = piece * threadIdx.x, hi = lo + piece < a.bytes ? lo + piece : a.bytes;
    if (lo >= hi) return;
#if defined(__CUDA_ARCH__) && __CUDA_ARCH__ >= 900
    asm volatile("cp.async.bulk.prefetch.L2.global [%0], %1;" ::"l"(base + lo), "r"(static_cast<unsigned>(hi - lo))
                 : "memory");
#else
    for (std::int64_t p = lo; p < hi; p += 128) asm volatile("prefetch.global.L2 [%0];" ::"l"(base + p));
#endif
}

}  // namespace

cudaError_t launch_state_prefetch_l2(const StatePrefetchArgs& a, cudaStream_t stream) {
    if (a.states == nullptr || a.S <= 0 || a.bytes <= 0 || a.bytes % 16 != 0 || a.offset < 0 || a.offset % 4 != 0)
        return cudaErrorInvalidValue;
    state_prefetch_kernel<<<a.S, kPrefetchThreads, 0, stream>>>(a);
    return cudaGetLastError();
}

}  // namespace rwkv::cuda_kernels
