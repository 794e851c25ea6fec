// Body of rows_mix.comp / rows_mix_bda.comp: token shift of the rows path (spec §3.4.3, §3.5), one thread per (row,
// column): for each of n_mix coefficient vectors mu_m, out_m[r] = z + (prev - z) * mu_m with z = zp row r + seq + 1
// and prev = zp row r + seq (both written by rows_ln.comp mode 0); the last row of a sequence stores its z as the
// sequence's new shift vector. out_m at act[out_off + m * out_stride + r * C]. Host: engine/src/vulkan/rows_mix.cpp.
layout(local_size_x = 256) in;
#include "rows_common.glsl"

layout(std430, binding = 0) buffer Act { float act[]; };
layout(std430, binding = 1) restrict readonly buffer Params { float params[]; };
layout(std430, binding = 3) restrict readonly buffer Io { uint io[]; };

layout(push_constant) uniform Push {
    uint C, Rc, R, n_mix;
    uint zp_off, out_off, out_stride, mix_idx;  // mu_m = params[(mix_idx + m) * C ..]
    uint state_base, seq_stride, grid_x;
} pc;

#define STATE_T float
#define STATE_QUAL restrict writeonly
#define STATE_UNIT 1u
#include "rows_state.glsl"

void main() {
    const uint e = (gl_WorkGroupID.y * pc.grid_x + gl_WorkGroupID.x) * 256u + gl_LocalInvocationID.x;
    if (e >= pc.R * pc.C) return;
    const uint r = e / pc.C, c = e % pc.C;
    const uint info = io[pc.Rc + r];
    const uint seq = ROW_SEQ(info);
    if (seq == PAD_ROW) return;
    const float prev = act[pc.zp_off + (r + seq) * pc.C + c];
    const float z = act[pc.zp_off + (r + seq + 1u) * pc.C + c];
    const float d = prev - z;
    [[unroll]] for (uint m = 0; m < 6; ++m) {
        if (m < pc.n_mix) act[pc.out_off + m * pc.out_stride + r * pc.C + c] = z + d * params[(pc.mix_idx + m) * pc.C + c];
    }
    if (ROW_LAST(info) == 1u) {
        STATE_OPEN(seq);
        STATE(st_base + pc.state_base + c) = z;
    }
}
