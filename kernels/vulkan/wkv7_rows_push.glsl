// Push constants shared by wkv7_rows_prep / _scan / _post (engine/src/vulkan/wkv7_rows.cpp, struct Push).
layout(push_constant) uniform Push {
    uint C, Rc, Sc, H, R, grid_x, p_base, first_layer;
    uint r_off, k_off, v_off, tw_off, ta_off, tg_off, tv_off, vfirst_off, y_off;  // [R, C] blocks in act (floats)
    uint state_base;  // floats: S of head h of sequence s at state[s * seq_stride + state_base + h*64*64]
    uint seq_stride;  // floats, multiple of 4
    float gn_eps;
    uint y16_off;     // wkv7_rows_post with YH: y written as fp16 at act halves 2 * y16_off + row * C + c
} pc;
