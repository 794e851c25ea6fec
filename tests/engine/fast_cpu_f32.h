// fast_cpu_f32.h — the CPU fast path (FastCpuModel) with fp32 weight storage, for test_cpu_fast and test_cpu_batch:
// LoadOptions cannot reach it (fp32 there means the reference model), so the tests build it from the weights.
#pragma once

#include <memory>
#include <string>

#include "cpu/fast_model.h"
#include "golden.h"
#include "rwkv/weights.h"

namespace golden {

/// FastCpuModel over the test data file `file` (golden::testdata), fp32 storage, 2 threads.
inline std::unique_ptr<rwkv::Model> fast_f32(const std::string& file) {
    rwkv::WeightSet ws = rwkv::load_weights(testdata(file));
    auto fp = rwkv::compute_fingerprint(ws);
    return std::make_unique<rwkv::cpu::FastCpuModel>(fp, std::move(ws), rwkv::DType::F32, 2);
}

}  // namespace golden
