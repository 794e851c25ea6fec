// Host side of kernels/vulkan/sample.comp: the batched decode's device sampler, one workgroup per row.
#include "ops.h"

#include "rwkv/error.h"

#include <cstdlib>

namespace rwkv::vk {
namespace {

struct Push {
    std::uint32_t V, rows, x_off, out_off;
};
static_assert(sizeof(Push) == 16, "sample.comp push constants");
static_assert(sizeof(SampleRow) == 16, "sample.comp Row (std430: float, float, double)");

}  // namespace

std::uint32_t sample_workgroup_size(const Caps& caps) {
    std::uint32_t wg = 1024;
    while (wg > 64 && wg > caps.max_workgroup_size) wg /= 2;
    return wg;
}

int sample_keeps_exp() {
    // A recording knob (vk_rows.cpp kRecordingKnobs): 0 sample.comp, 2 sample_keep_exp_draw.comp, anything else
    // (unset: the default since session 23's end check, docs/perf/vulkan-batched.md v26) sample_keep_exp.comp.
    const char* v = std::getenv("RWKV_VK_SAMPLE_EXP");
    if (v && (v[0] == '0' || v[0] == '2') && v[1] == 0) return v[0] - '0';
    return 1;
}

void record_sample(Ops& ops, VkCommandBuffer cmd, const BufferRange& logits, std::uint32_t x_off, std::uint32_t V,
                   std::uint32_t rows, const BufferRange& params, const BufferRange& ids, std::uint32_t out_off,
                   const BufferRange* scratch) {
    if (!ops.caps().device_sampling) throw Error(ErrorCode::Internal, "sample.comp: the device lacks fp64 / int64");
    if (V == 0 || V > kSampleMaxVocab) throw Error(ErrorCode::Internal, "sample.comp: vocabulary outside [1, 2^17]");
    const Push push{V, rows, x_off, out_off};
    if (const int keep = sample_keeps_exp(); scratch && keep) {
        if (scratch->range < VkDeviceSize(rows) * V * 4)
            throw Error(ErrorCode::Internal, "sample_keep_exp.comp: the scratch rows are too small");
        const Pipeline& p = ops.pipeline(keep == 2 ? Shader::sample_keep_exp_draw : Shader::sample_keep_exp, 4,
                                         sizeof(Push), {sample_workgroup_size(ops.caps())});
        ops.dispatch(cmd, p, {logits, params, ids, *scratch}, &push, rows);
        return;
    }
    const Pipeline& p = ops.pipeline(Shader::sample, 3, sizeof(Push), {sample_workgroup_size(ops.caps())});
    ops.dispatch(cmd, p, {logits, params, ids}, &push, rows);
}

}  // namespace rwkv::vk
