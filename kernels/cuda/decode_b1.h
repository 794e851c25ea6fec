// kernels/cuda/decode_b1.h — batch-1 decode launches beside rwkv_kernels.h (session 15, helper cb1; the structs are
// rwkv_kernels.h's). docs/perf/cuda-decode.md v47+.
#pragma once

#include <cuda_runtime_api.h>

#include "rwkv_kernels.h"

namespace rwkv::cuda_kernels {

/// v47: the r/k/v + LoRA-down matvec for a time-mix kernel that polls per head (launch_wkv7_lora_poll). The batch's
/// LAST three jobs are r, k, v (same shape: rows = cols = C, C % 64 == 0; int8 with scale, or fp16 with rows4 — the
/// 4-row groups), the jobs before them the LoRA down-projections (computed first). The three are interleaved per
/// 64-row head in the grid (head h's r, k and v rows in consecutive CTAs), every y is stored with st.relaxed.gpu and
/// every CTA lets the dependent launch start as it starts (MatvecBatch::poll = 2 whatever the batch says). Same
/// arithmetic per row as launch_matvec: bit-identical y. Errors: cudaErrorInvalidValue for any other batch.
cudaError_t launch_matvec_heads(const MatvecBatch& batch, WType wt, cudaStream_t stream);

/// v47: the split time-mix kernel (Wkv7LoraArgs::split == 4 only) without waiting for the r/k/v grid: each CTA polls
/// its channels of r, k, v and the four LoRA hidden vectors (relaxed loads at GPU scope until none holds kFfnUnset),
/// then runs v44's arithmetic unchanged (bit-identical outputs and state). r, k and v must hold kFfnUnset before the
/// launch and do after it (each CTA re-arms its own channels once read); the hidden vectors hw / ha / hg / hv must
/// hold kFfnUnset before the producing matvec runs, and after the poll CTA 0 re-arms `rearm[0..n_rearm)` (the
/// previous layer's hidden vectors: their readers are done by then; never this launch's own). Every CTA still waits for
/// the previous grid (griddepcontrol.wait) before it exits, so the grid's completion implies the r/k/v grid's.
cudaError_t launch_wkv7_lora_poll(const Wkv7LoraArgs& a, float* rearm, int n_rearm, cudaStream_t stream);

/// v53 (session 19, default on; CudaModel::set_b1_v53 bit kV53WkvEarly): launch_wkv7_lora_poll's CTAs let the dependent
/// launch (the output projection) start as they start instead of after their poll. Launch order only: bit-identical.
/// H200 B=1 against off, every round: 7.2B fp16 +1.2-1.3 %, int8 +1.5 %, 13.3B +1.3 % (docs/perf/cuda-decode.md v53).
/// Process-wide, like set_pdl; takes effect at the next launch (a captured graph keeps its kernel).
void set_wkv7_poll_early(bool on);

/// v54 measurement (session 20; CudaModel::set_b1_probe): per-CTA %globaltimer stamps (ns) of the next launches.
/// While `rec` is non-null, every launch_matvec_heads, launch_wkv7_lora_poll, and launch_matvec of batch-1 decode's
/// default forms (the output projection's v51 form, the FFN key's and head's split forms) runs a probe instantiation
/// (same arithmetic: bit-identical outputs) whose thread 0 of CTA b < kProbeMaxCtas writes rec[b] = its start,
/// rec[M + b] = its main loop done (matvec: the dot products; time mix: its polls), rec[2M + b] = its end,
/// rec[3M + b] = its SM id, and rec[kM + b] for k = 4..7 the steps inside (time mix: LoRA dots done, exchange 1's
/// cluster sync, state step done, the final griddepcontrol.wait; output projection, its slices' LayerNorm tails only:
/// slice ticket won, statistics published, every slice's statistics polled) (M = kProbeMaxCtas; rec holds
/// kProbeFields * M words). Other launches are unchanged (nothing written).
/// Host-side and process-wide like set_pdl; a captured graph keeps the instantiation and the pointer it was captured
/// with.
constexpr int kProbeMaxCtas = 8192, kProbeFields = 8;
void set_b1_probe(unsigned long long* rec);
unsigned long long* b1_probe_record();  // the record set_b1_probe holds (null: off)

/// v54 (session 20; CudaModel::set_b1_v53 bits kV54HeadsOnly / kV54I8Only; default 3): matvec instantiations with every
/// job path but the batch's own compiled out (v51's kOnly for more batches). Bit 1: launch_matvec_heads batches (LoRA
/// downs in 2-row groups + r/k/v in 4-row groups, int8 or fp16 rows4, all columns % 16 == 0); bit 2: launch_matvec
/// batches of int8 jobs only (the FFN key and the head of an int8 model). Same arithmetic: bit-identical. H200 B=1,
/// both against neither, two calls: 7.2B int8 +1.94 / +2.15 %, dense FFN +0.51 %, fp16 +0.13 / +0.15 %, 13.3B +0.07 /
/// +0.39 % (docs/perf/cuda-decode.md v54). Process-wide.
void set_matvec_only(unsigned mask);

/// v55 (session 20; CudaModel::set_b1_v53 bit kV55OldEarly, default on there): the output projection's residual
/// epilogue (launch_matvec with MatvecBatch::has_ln). Bit 1: the residual's old x loaded by warp 0 right after the main
/// loop, before the block reduction (instead of after it: one L2 round trip off each CTA's end); 0 the form before.
/// Same arithmetic: bit-identical. H200 B=1, ABBA rounds in one process: 7.2B fp16 +0.19 % (11 / 12 rounds; call 1
/// +0.33 %), int8 +0.04 % (docs/perf/cuda-decode.md v55). Process-wide.
/// v61 (session 25; CudaModel::set_b1_v53 bit kV61OutPoll, default on there): bit 2, x's new values also stored
/// relaxed into MatvecLn::xo and polled there by each slice's last row group instead of the slice ticket (an atomic
/// after a release) and the x read-back. Bit-identical. H200 B=1 in one process, every round: 7.2B int8 +1.3 %, fp16
/// +0.9-1.0 %, 13.3B +1.0-1.1 % (docs/perf/cuda-decode.md v61).
void set_matvec_ln_tail(unsigned bits);

/// v56 (session 21; CudaModel::set_b1_v53 bits kV56ScaleEarly / kV56Sum4): the ends of split-matrix matvec CTAs
/// (launch_matvec, launch_matvec_heads). Bit 1: an int8 group's row scales (MatvecJob::scale) copied to shared memory
/// (cp.async) as the CTA starts instead of loaded after the block reduction: one L2 round trip off each int8 CTA's end,
/// no register held across the main loop. Bit 2: a 4-row group's (int8 or fp16 rows4) four warp sums by one transposed
/// butterfly, 6 shuffles instead of 20, each partial added in warp_sum's pairs. Same arithmetic: bit-identical. H200
/// B=1, both against neither (CudaModel bits 6607 against 463, one process, every round, two calls): 7.2B int8 +3.3 /
/// +3.0 % (bit 1 alone +2.1 %, bit 2 alone +1.1 %), 7.2B fp16, dense FFN and 13.3B within ±0.2 %. Default 3.
/// Process-wide (docs/perf/cuda-decode.md v56).
void set_matvec_i8_tail(unsigned bits);

/// v57 (session 22; CudaModel::set_b1_v53 bit kV57Rows8Heads, default on there): launch_matvec_heads batches in v54's
/// int8 form (r/k/v int8, LoRA downs fp16) take the int8 jobs in 8-row CTAs (one 16-byte chunk per row in flight per
/// lane per step: half the CTAs, 8 groups per 64-row head and matrix, one CTA tail per 32 KB of a 4,096-column matrix
/// instead of per 16 KB). Bit 1 on, 0 the 4-row form. Same arithmetic: bit-identical. H200 B=1, 7.2B int8 +3.3 % in
/// one process, every round (the FFN key and head in 8-row CTAs lost -1.1 % and were removed; docs/perf/cuda-decode.md
/// v57). v70 (session 31; CudaModel bit kV70Rows8Key, default on there): bit 2, launch_matvec's int8-only batches (FFN
/// key, head) in 8-row CTAs whose lanes issue both column passes' loads (a 4,096-column row's 32 KB per CTA) before the
/// wait, at 4 CTAs per SM. Bit-identical. H200 B=1, 7.2B int8 +1.0 / +1.1 % in one process, every round (the r/k/v batch
/// in that form lost 4-5 %; docs/perf/cuda-decode.md v70). Default 3. Process-wide.
void set_matvec_i8_rows8(unsigned bits);

/// v66 (session 28; CudaModel::set_b1_v53 bit kV66OutPf, default on there): the output projection's fp16 4-row groups
/// (launch_matvec with MatvecBatch::has_ln) prefetch their later column passes into L2 (prefetch.global.L2, one 128-byte
/// line per lane; at C = 4096 the second 2,048 columns, which only load after griddepcontrol.wait) once each lane's
/// first-pass weights are in, so that the grid's CTAs, resident while the time mix runs, also fetch the bytes they read
/// after the wait. No arithmetic changes: bit-identical. H200 B=1 7.2B fp16 +1.8 / +1.9 % in one process, every round
/// (the same prefetch in the r/k/v groups, fp16 and int8, lost 1.3-1.7 % and was removed; docs/perf/cuda-decode.md
/// v66). Process-wide.
void set_matvec_out_prefetch(bool on);

/// v71 (session 32; CudaModel::set_b1_v53 bit kV71OutDp): the output projection's int8 batch (launch_matvec with
/// MatvecBatch::has_ln, v51's own instantiation at 8 CTAs per SM) takes its dot products on the integer dot-product unit
/// (v49's quantize_x16 + DP2A; x read twice from L1 so that fewer x are live: 20 B / 44 B of spills) whenever
/// set_matvec_i8dp's mode is 1-4; modes 0 and 5 keep the fp32 path. Not bit-identical to it (x moves by <= 2^-15 of
/// its chunk's largest |x|, as in v49's other int8 batches). Process-wide; a captured graph keeps its kernel.
/// v72 (session 33): with MatvecLn::xq set, that form loads x's int16 chunks as the time mix wrote them instead.
void set_matvec_out_dp(bool on);

}  // namespace rwkv::cuda_kernels
