// bench_cuda_ab.h — what bench_cuda's A/B benches (bench_cuda_b1_ab.cpp, bench_cuda_b1_v53.cpp,
// bench_cuda_int8_ab.cpp, bench_cuda_batch_ab.cpp) share: the models every batch-1 A/B runs, the logits hash that
// shows two settings bit-identical, and the RWKV_BENCH_B1 modes that --b1 (bench_b1_ab) hands to another file.
#pragma once

#include <cstdint>
#include <cstring>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "cuda/cuda_model.h"

namespace bench_cuda {

// The models every batch-1 A/B runs, one at a time: 7.2B fp16, 7.2B int8, 13.3B fp16.
inline const std::vector<std::pair<std::string, rwkv::DType>> kB1Models = {
    {"7.2b", rwkv::DType::F16}, {"7.2b", rwkv::DType::I8}, {"13.3b", rwkv::DType::F16}};

// The logits after 8 single-token steps (tokens 17, 4018, ...) on a fresh state, hashed (FNV-1a of their bits): two
// settings that must be bit-identical print the same hash.
inline unsigned long long logits_hash_after_8_steps(rwkv::cuda::CudaModel& m, int vocab_size) {
    rwkv::State st = m.new_state();
    std::vector<float> lg(static_cast<std::size_t>(vocab_size));
    for (int k = 0; k < 8; ++k) {
        const std::int32_t tok = 17 + 4001 * k;
        m.forward(st, std::span<const std::int32_t>(&tok, 1), lg);
    }
    unsigned long long h = 1469598103934665603ull;
    for (float v : lg) {
        unsigned u;
        std::memcpy(&u, &v, 4);
        h = (h ^ u) * 1099511628211ull;
    }
    return h;
}

/// RWKV_BENCH_B1=i8dp (bench_cuda_int8_ab.cpp): the int8 matvec forms of set_matvec_i8dp, then v49c.
nlohmann::json bench_b1_i8dp(double copy_gbs);
/// RWKV_BENCH_B1=v53 … v77 (bench_cuda_b1_v53.cpp): CudaModel::set_b1_v53's variants; the flags pick the runs of the
/// session named (all false: v53).
nlohmann::json bench_b1_v53(double copy_gbs, bool v54, bool v55 = false, bool v56 = false, bool v57 = false,
                            bool v61 = false, bool v63 = false, bool v66 = false, bool v68 = false, bool v70 = false,
                            bool v71 = false, bool v72 = false, bool v76 = false, bool v77 = false);
/// RWKV_BENCH_B1=v56's first part (bench_cuda_b1_v53.cpp): the int8 / fp16 matvecs alone under set_matvec_i8_tail.
nlohmann::json bench_b1_v56_rows(double copy_gbs);
/// RWKV_BENCH_B1=v70's first part (bench_cuda_b1_v53.cpp): the int8 FFN key and head shapes alone under
/// set_matvec_i8_rows8 1 / 3.
nlohmann::json bench_b1_v70_rows(double copy_gbs);

}  // namespace bench_cuda
