// kernels/cuda/matvec_i8dp.h — v49 (session 16, helper cb1): the batch-1 int8 matvec's dot product on the integer
// dot-product unit (DP2A) instead of fp32 FMAs and the CTAs per SM of multi-wave matvecs, as process-wide knobs
// (docs/perf/cuda-decode.md v49).
#pragma once

namespace rwkv::cuda_kernels {

/// The form of every later launch_matvec / launch_matvec_heads batch that holds an int8 job (MatvecJob::scale set).
/// "dp": x of each lane's 16-column chunk rounded to int16 at a power-of-two scale (|x| * scale < 2^14), the int8 x
/// int16 products summed exactly in int32 (DP2A), the sum scaled back in fp32, then the row scale as before; not
/// bit-identical to the fp32 FMA path (each x moves by at most 2^-15 of its chunk's largest |x|). "Big" batches: more
/// CTAs than one wave at 8 per SM.
///   0: the fp32 FMA path, registers for 8 CTAs per SM (64; the form before v49);
///   1: dp at 8 CTAs per SM;  2: dp at 7 CTAs per SM (72 registers);
///   3 (default; other values): big batches dp at 7 per SM, the others mode 0 (H200 7.2B int8 B=1 +5.0 % over 0);
///   4: big batches dp at 6 per SM (80 registers), others mode 0;
///   5: big batches the fp32 path at 7 per SM, others mode 0 (the occupancy alone, bit-identical to mode 0; +3.7 %).
/// fp16 / fp32 jobs and batches without int8 jobs are unchanged. Not thread-safe against concurrent launches (like
/// set_pdl); captured graphs keep the form they were captured with.
void set_matvec_i8dp(int mode);
int matvec_i8dp();

/// v49c: fp16 batches without int8 jobs and with more CTAs than one wave at 8 per SM (split matrices: r/k/v, the FFN
/// key, the head, the dense FFN value) run with registers for `ctas_per_sm` CTAs per SM: 7 (default, other values; 72
/// registers), 8 (64: the form before v49c) or 6 (80). The same code: bit-identical results. H200 B=1, 7 against 8:
/// 7.2B fp16 +0.8 %, 13.3B +0.9 % (docs/perf/cuda-decode.md v49). Process-wide, like set_pdl.
void set_matvec_f16_big(int ctas_per_sm);

/// v51 (written in session 18, default on since session 19; CudaModel::set_b1_v53 bit kV53OutOnly): the output
/// projection's batch (one residual job with the FFN LayerNorm tail, MatvecBatch::has_ln; int8, or fp16 in 4-row
/// groups) run by an instantiation with the other jobs' paths compiled out. Same arithmetic: bit-identical. H200 B=1
/// against off: int8 +1.15 % (every round), fp16 +0.29 % (inside the spread; docs/perf/cuda-decode.md v53).
/// Process-wide, like set_pdl.
void set_matvec_out_only(bool on);

}  // namespace rwkv::cuda_kernels
