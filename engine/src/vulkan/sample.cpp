// Host side of kernels/vulkan/sample.comp: the batched decode's device sampler, one workgroup per row.
#include "ops.h"

#include "rwkv/error.h"

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

void record_sample(Ops& ops, VkCommandBuffer cmd, const BufferRange& logits, std::uint32_t x_off, std::uint32_t V,
                   std::uint32_t rows, const BufferRange& params, const BufferRange& ids, std::uint32_t out_off) {
    if (!ops.caps().device_sampling) throw Error(ErrorCode::Internal, "sample.comp: the device lacks fp64 / int64");
    if (V == 0 || V > kSampleMaxVocab) throw Error(ErrorCode::Internal, "sample.comp: vocabulary outside [1, 2^17]");
    const Pipeline& p = ops.pipeline(Shader::sample, 3, sizeof(Push), {sample_workgroup_size(ops.caps())});
    const Push push{V, rows, x_off, out_off};
    ops.dispatch(cmd, p, {logits, params, ids}, &push, rows);
}

}  // namespace rwkv::vk
