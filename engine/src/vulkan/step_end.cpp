// Host side of kernels/vulkan/step_end.comp: advance the token cursor.
#include "ops.h"

namespace rwkv::vk {

void record_step_end(Ops& ops, VkCommandBuffer cmd, const BufferRange& io) {
    const Pipeline& p = ops.pipeline(Shader::step_end, 1, 0);
    ops.dispatch(cmd, p, {io}, nullptr, 1);
}

}  // namespace rwkv::vk
