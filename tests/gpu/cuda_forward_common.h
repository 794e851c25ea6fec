// tests/gpu: what test_cuda_forward's two files share (plain C++, no Qt): one forward call's logits, a number in
// three digits, the relative L2 error, the finite check; and the checks of cuda_forward_b1.cpp that its main() runs.
#pragma once

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include "rwkv/model.h"

namespace cuda_forward {

inline std::vector<float> run(rwkv::Model& m, rwkv::State& s, const std::vector<std::int32_t>& ids) {
    std::vector<float> logits(std::size_t(m.shape().vocab_size));
    m.forward(s, ids, logits);
    return logits;
}

inline std::string fmt(double v) {
    char b[32];
    std::snprintf(b, sizeof b, "%.3g", v);
    return b;
}

inline double rel_l2(const std::vector<float>& a, const std::vector<float>& ref) {
    double num = 0, den = 0;
    for (std::size_t i = 0; i < ref.size(); ++i) {
        num += (double(a[i]) - ref[i]) * (double(a[i]) - ref[i]);
        den += double(ref[i]) * ref[i];
    }
    return std::sqrt(num / den);
}

inline bool all_finite(const std::vector<float>& v) {
    for (float x : v)
        if (!std::isfinite(x)) return false;
    return true;
}

// cuda_forward_b1.cpp: the batch-1 decode forms against the forms before them, in main()'s order
void pdl_knobs_bit_identical();
void wkv7_split();
void wkv7_poll();
void matvec_i8dp();
void b1_v53();
void b1_v66();
void b1_v70();
void b1_v71();
void b1_v72();
void b1_v76();
void b1_v77();
void sparse_stamps();
void sparse_poll_modes();

}  // namespace cuda_forward
