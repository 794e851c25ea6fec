// Host side of kernels/vulkan/wkv7.comp / wkv7_sg.comp: one workgroup of 256 threads per head; the LoRA up
// matrices are bound whole (upload_weights never splits them); wkv7_xq[_sg].comp where Wkv7Args::xq_off asks for
// y's int8 dot chunks too.
#include "ops.h"

#include "rwkv/error.h"

namespace rwkv::vk {
namespace {

struct Push {
    std::uint32_t C, p_base, wkv_off, first_layer;
    std::uint32_t r_off, k_off, v_off, hw_off, ha_off, hg_off, hv_off, vfirst_off, y_off;
    std::uint32_t Dw, Da, Dg, Dv;
    float gn_eps;
    std::uint32_t vec8, xq_off;
};
static_assert(sizeof(Push) == 80, "wkv7.glsl push constants");

const BufferRange& whole(const Matrix& m, const char* name) {
    if (m.pieces.size() != 1) throw Error(ErrorCode::Internal, std::string("wkv7: ") + name + " is split");
    return m.pieces[0].range;
}

}  // namespace

void record_wkv7(Ops& ops, VkCommandBuffer cmd, const BufferRange& act, const BufferRange& params,
                 const BufferRange& state, const LoraUp& lora, const Wkv7Args& a) {
    const bool sg = ops.kernels().subgroup, xq = a.xq_off != kNoXq;
    if (xq && a.xq_off % 4 != 0) throw Error(ErrorCode::Internal, "wkv7_xq: offset not a multiple of 4");
    const Shader shader = xq ? (sg ? Shader::wkv7_xq_sg : Shader::wkv7_xq) : (sg ? Shader::wkv7_sg : Shader::wkv7);
    const Pipeline& p = ops.pipeline(shader, 7, sizeof(Push));
    const std::uint32_t Dv = lora.v2 ? lora.v2->cols : 0;
    const Push push{a.C,      a.p_base,     a.wkv_off, a.first_layer,  a.r_off,         a.k_off,         a.v_off,
                    a.hw_off, a.ha_off,     a.hg_off,  a.hv_off,       a.vfirst_off,    a.y_off,         lora.w2->cols,
                    lora.a2->cols, lora.g2->cols, Dv,  a.gn_eps,
                    (lora.w2->cols % 8 == 0 && lora.a2->cols % 8 == 0 && lora.g2->cols % 8 == 0 && Dv % 8 == 0) ? 1u : 0u,
                    a.xq_off};
    const BufferRange& w2 = whole(*lora.w2, "w2");
    ops.dispatch(cmd, p,
                 {act, params, state, w2, whole(*lora.a2, "a2"), whole(*lora.g2, "g2"), lora.v2 ? whole(*lora.v2, "v2") : w2},
                 &push, a.H);
}

}  // namespace rwkv::vk
