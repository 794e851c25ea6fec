// CPU fp32 reference ops (cpu_ops.h).
#include "cpu/cpu_ops.h"

#include <cmath>

namespace rwkv::cpu {

void layer_norm(const float* x, const float* w, const float* b, float* out, int n, float eps) {
    double mean = 0;
    for (int i = 0; i < n; ++i) mean += x[i];
    mean /= n;
    double var = 0;
    for (int i = 0; i < n; ++i) {
        const double d = x[i] - mean;
        var += d * d;
    }
    var /= n;
    const double inv = 1.0 / std::sqrt(var + eps);
    for (int i = 0; i < n; ++i) out[i] = float((x[i] - mean) * inv) * w[i] + b[i];
}

void token_shift_mix6(const float* z, float* prev, const float* const mu[6], float* const out[6], int C) {
    for (int c = 0; c < C; ++c) {
        const float zc = z[c], d = prev[c] - zc;
        for (int i = 0; i < 6; ++i) out[i][c] = zc + d * mu[i][c];
        prev[c] = zc;
    }
}

void matvec(const float* M, const float* x, float* y, int rows, int cols) {
    for (int r = 0; r < rows; ++r) {
        const float* row = M + std::size_t(r) * cols;
        float acc[8] = {0, 0, 0, 0, 0, 0, 0, 0};  // independent partial sums: lets the compiler vectorise
        int c = 0;
        for (; c + 8 <= cols; c += 8) {
            for (int u = 0; u < 8; ++u) acc[u] += row[c + u] * x[c + u];
        }
        float s = ((acc[0] + acc[1]) + (acc[2] + acc[3])) + ((acc[4] + acc[5]) + (acc[6] + acc[7]));
        for (; c < cols; ++c) s += row[c] * x[c];
        y[r] = s;
    }
}

void group_norm(float* y, const float* w, const float* b, int n_head, int head_size, float eps) {
    for (int h = 0; h < n_head; ++h) {
        const int o = h * head_size;
        layer_norm(y + o, w + o, b + o, y + o, head_size, eps);
    }
}

void wkv7_step(float* S, const float* r, const float* decay, const float* k, const float* v, const float* kk,
               const float* a, float* y, int N) {
    float b[64];  // q = kk * a (spec §3.4.11), N <= 64 is checked at load
    for (int j = 0; j < N; ++j) b[j] = kk[j] * a[j];
    for (int m = 0; m < N; ++m) {
        float* row = S + std::size_t(m) * N;
        float sa = 0;
        for (int j = 0; j < N; ++j) sa -= row[j] * kk[j];
        float acc = 0;
        for (int j = 0; j < N; ++j) {
            const float s = row[j] * decay[j] + k[j] * v[m] + sa * b[j];
            row[j] = s;
            acc += s * r[j];
        }
        y[m] = acc;
    }
}

}  // namespace rwkv::cpu
