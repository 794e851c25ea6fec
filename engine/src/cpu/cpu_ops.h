// The CPU fp32 reference ops of one RWKV-7 token step (RWKV-7 spec §3). Plain loops, fp32 storage,
// reductions that matter (LayerNorm/GroupNorm statistics, L2 norms) in fp64. Checked by
// tests/engine/test_cpu_forward.cpp against the fp64 goldens; GPU kernels are checked against these.
#pragma once

#include <cstddef>

namespace rwkv::cpu {

/// out[i] = (x[i] - mean) / sqrt(var + eps) * w[i] + b[i] over n elements (biased variance). Spec §0.1.
void layer_norm(const float* x, const float* w, const float* b, float* out, int n, float eps);

/// Token shift of the time mix (spec §3.4.2–3): out[i][c] = z[c] + (prev[c] - z[c]) * mu[i][c] for the six
/// mixes (r, w, k, v, a, g), then prev[c] = z[c]. All vectors [C].
void token_shift_mix6(const float* z, float* prev, const float* const mu[6], float* const out[6], int C);

/// y[r] = sum_c M[r*cols + c] * x[c]; M is [rows, cols] row-major ([out, in]). y must not alias x.
void matvec(const float* M, const float* x, float* y, int rows, int cols);

/// Per-head LayerNorm of y ([H*N]) with affine w, b ([H*N]), eps 64e-5 for ln_x. Spec §3.4.12.
void group_norm(float* y, const float* w, const float* b, int n_head, int head_size, float eps);

/// One WKV-7 step for one head (spec §3.4.11). S is [N, N] = [value m][key j], updated in place:
///   sa[m] = sum_j S[m][j] * (-kk[j]);  S[m][j] = S[m][j]*decay[j] + k[j]*v[m] + sa[m]*(kk[j]*a[j]);
///   y[m] = sum_j S[m][j] * r[j].
/// r, decay, k, v, kk, a, y are [N].
void wkv7_step(float* S, const float* r, const float* decay, const float* k, const float* v, const float* kk,
               const float* a, float* y, int N);

inline float sigmoid(float x) { return 1.0f / (1.0f + __builtin_expf(-x)); }

}  // namespace rwkv::cpu
