// The activation of the GEMM epilogue (gemm.glsl, gemm_coop.glsl, gemm_few.glsl, gemm_few_ws.glsl): pc.act 0 none,
// 1 relu² (FFN key, spec §3.5), 2 tanh (LoRA w), 3 sigmoid (LoRA g), applied to each finished fp32 sum before the
// optional residual add. Include after the push constants (which name the field `act`).
float act_out(float v) {
    if (pc.act == 1u) {
        v = max(v, 0.0);
        return v * v;
    }
    if (pc.act == 2u) return tanh(v);
    if (pc.act == 3u) return 1.0 / (1.0 + exp(-v));
    return v;
}
