// The token step and head of the Vulkan backend (vk_step.h).
#include "vulkan/vk_step.h"

#include <algorithm>
#include <array>
#include <cstdlib>
#include <initializer_list>
#include <vector>

namespace rwkv::vk {
namespace {

constexpr float kLayerNormEps = 1e-5f;
constexpr float kGroupNormEps = 64e-5f;

// Ends a stage: a compute barrier, then (profiling) a timestamp that closes the stage's interval.
void end_stage(VkCommandBuffer cmd, StageTimer* t, StepCounts& counts, const char* name, double bytes) {
    compute_barrier(cmd);
    ++counts.barriers;
    if (!t) return;
    vkCmdWriteTimestamp(cmd, VK_PIPELINE_STAGE_BOTTOM_OF_PIPE_BIT, t->pool, t->next++);
    t->names.emplace_back(name);
    t->bytes.push_back(bytes);
}

double mbytes(const Matrix& m) { return double(m.bytes()); }

// Page touches (record_touch) every 2 MiB: at 7.2B B=1 beside the prefetch windows, 3.941 -> 3.812 ms per token in
// one process (touches at 1 MiB: 3.872, 4 MiB: 3.820; 64 KiB: 5.36, the touches' own misses stall their stage).
constexpr std::uint32_t kTouchStride = 2u << 20;

}  // namespace

Scratch::Scratch(const ModelShape& s) {
    const std::uint32_t C = std::uint32_t(s.n_embd);
    std::uint32_t o = 0;
    auto take = [&](std::uint32_t n) {
        const std::uint32_t at = o;
        o += (n + 15) / 16 * 16;  // vec4 loads and 64-byte alignment
        return at;
    };
    x = take(C);
    xmix = take(6 * C);  // xr, xw, xk, xv, xa, xg (token_mix order); also ln_out(x) for the head
    r = take(C);
    k = take(C);
    v = take(C);
    yg = take(C);
    vfirst = take(C);
    ffn_in = take(C);
    hw = take(std::uint32_t(s.lora_w));
    ha = take(std::uint32_t(s.lora_a));
    hg = take(std::uint32_t(s.lora_g));
    hv = take(std::uint32_t(std::max(s.lora_v, 1)));
    ffn_h = take(std::uint32_t(s.dim_ffn));
    xq_mix = take(6 * xq_floats(C));
    xq_ffn = take(xq_floats(C));
    xq_yg = take(xq_floats(C));
    total = o;
}

void record_step(Ops& o, VkCommandBuffer cmd, const StepResources& R, StageTimer* timer, StepCounts& counts) {
    const ModelShape& s = *R.shape;
    const DeviceWeights& w = *R.w;
    const Scratch& sc = R.sc;
    const std::uint32_t C = std::uint32_t(s.n_embd);
    const BufferRange& a = R.act;
    const double f4 = 4.0;
    const bool touch = R.prefetch != decltype(R.prefetch){};
    // Touch form (RWKV_VK_TOUCH_FORM, read when the step is recorded): by default one touch.comp dispatch per stage
    // and weight buffer, the FFN key's pages touched beside wkv7 with the output's; 0 keeps v15's form (one
    // prefetch.comp dispatch per matrix piece, the key's touch beside the FFN token mix). H200 7.2B: the FFN token
    // mix stage 8.6 -> 7.0 us per layer (docs/perf/vulkan-decode.md "B=1 v16").
    const char* tf_env = std::getenv("RWKV_VK_TOUCH_FORM");
    const bool v16_touch = !(tf_env && std::atoi(tf_env) == 0);
    auto touches = [&](std::initializer_list<const Matrix*> ms) {
        std::vector<const Matrix*> v;
        for (const Matrix* m : ms)
            if (m) v.push_back(m);
        if (v16_touch)
            record_touch_merged(o, cmd, v, kTouchStride, a);
        else
            record_touch(o, cmd, v, kTouchStride, a);
    };
    auto touch_one = [&](const Matrix& m) { touches({&m}); };
    // The FFN token mix's LayerNorm + mix vectors and the state's FFN shift read into L2 beside att.output (GPUs, where
    // the step prefetches; RWKV_VK_WARM=0, read when the step is recorded, leaves them out): H200 7.2B B=1 -0.005 to
    // -0.009 ms per token in one process, bit-identical (docs/perf/vulkan-decode.md "B=1 v20").
    const char* warm_env = std::getenv("RWKV_VK_WARM");
    const bool warm_ffn_mix = touch && !(warm_env && std::atoi(warm_env) == 0);

    full_barrier(cmd);  // after the previous step, the token-id copy or the state copy-in
    ++counts.barriers;
    if (timer) vkCmdWriteTimestamp(cmd, VK_PIPELINE_STAGE_BOTTOM_OF_PIPE_BIT, timer->pool, timer->next++);
    record_embed(o, cmd, w.emb, a, sc.ffn_in, R.io);  // emb row -> ffn_in (free here), ln0 -> x
    end_stage(cmd, timer, counts, "embed", C * 2.0);
    const BufferRange G = w.global_params();
    record_token_mix(o, cmd, a, G, G, {C, sc.ffn_in, sc.x, 0, kLn0W, 0, kLayerNormEps, {}, 0, 0});
    auto proj = [&](int l) -> std::array<const Matrix*, 3> {
        const LayerMatrices& L = w.layers[std::size_t(l)];
        return {&L.receptance, &L.key, &L.value};
    };
    end_stage(cmd, timer, counts, "ln0", C * f4 * 4);
    const std::uint32_t xr = sc.xmix, xw = xr + C, xk = xw + C, xv = xk + C, xa = xv + C, xg = xa + C;
    // Kernels::i8_xq: the x of each int8 matrix (the dot form) quantized by the kernel that writes it; xq_at(m, at):
    // where that matvec reads it (kNoXq: it quantizes x itself).
    const bool xq = o.kernels().i8_xq;
    auto xq_at = [&](const Matrix& m, std::uint32_t at) { return xq && m.i8 ? at : kNoXq; };
    const std::uint32_t XQ = xq_floats(C);
    for (int l = 0; l < s.n_layer; ++l) {
        const LayerMatrices& L = w.layers[std::size_t(l)];
        const BufferRange P = w.layer_params(l), S = R.layer_state[std::size_t(l)];
        const std::uint32_t mask_off = std::uint32_t(l) * R.mask_words;

        TokenMixArgs tm{C, sc.x, sc.xmix, 6, kLn1W, 0, kLayerNormEps, R.mask, mask_off, R.mask_words};
        if (xq) {  // xr, xk, xv: mixes 0, 2, 3
            tm.xq_off = sc.xq_mix;
            tm.xq_mask = (L.receptance.i8 ? 1u : 0u) | (L.key.i8 ? 4u : 0u) | (L.value.i8 ? 8u : 0u);
        }
        record_token_mix(o, cmd, a, P, S, tm);
        record_prefetch(o, cmd, proj(l), 0, R.prefetch[kPrefetchAttMix], a);
        if (touch) touches({&L.receptance, &L.key, &L.value, &L.w1, &L.a1, &L.g1, l > 0 ? &L.v1 : nullptr});
        end_stage(cmd, timer, counts, "att.token_mix", C * f4 * 18);

        record_matvec(o, cmd, L.receptance, a, xr, a, sc.r, ActIn::None, ActOut::None, false, nullptr,
                      xq_at(L.receptance, sc.xq_mix));
        record_matvec(o, cmd, L.key, a, xk, a, sc.k, ActIn::None, ActOut::None, false, nullptr,
                      xq_at(L.key, sc.xq_mix + 2 * XQ));
        record_matvec(o, cmd, L.value, a, xv, a, sc.v, ActIn::None, ActOut::None, false, nullptr,
                      xq_at(L.value, sc.xq_mix + 3 * XQ));
        record_matvec(o, cmd, L.w1, a, xw, a, sc.hw, ActIn::None, ActOut::None, false);
        record_matvec(o, cmd, L.a1, a, xa, a, sc.ha, ActIn::None, ActOut::None, false);
        record_matvec(o, cmd, L.g1, a, xg, a, sc.hg, ActIn::None, ActOut::None, false);
        if (l > 0) record_matvec(o, cmd, L.v1, a, xv, a, sc.hv, ActIn::None, ActOut::None, false);
        end_stage(cmd, timer, counts, "att.proj",
                  mbytes(L.receptance) + mbytes(L.key) + mbytes(L.value) + mbytes(L.w1) + mbytes(L.a1) + mbytes(L.g1) +
                      (l > 0 ? mbytes(L.v1) : 0.0));

        Wkv7Args wa;
        wa.C = C;
        wa.H = std::uint32_t(s.n_head);
        wa.p_base = kW0;
        wa.wkv_off = C;
        wa.first_layer = l == 0 ? 1 : 0;
        wa.r_off = sc.r;
        wa.k_off = sc.k;
        wa.v_off = sc.v;
        wa.hw_off = sc.hw;
        wa.ha_off = sc.ha;
        wa.hg_off = sc.hg;
        wa.hv_off = sc.hv;
        wa.vfirst_off = sc.vfirst;
        wa.y_off = sc.yg;
        wa.gn_eps = kGroupNormEps;
        wa.xq_off = xq_at(L.output, sc.xq_yg);
        const LoraUp up{&L.w2, &L.a2, &L.g2, l > 0 ? &L.v2 : nullptr};
        record_wkv7(o, cmd, a, P, S, up, wa);
        const Matrix* out[] = {&L.output};
        record_prefetch(o, cmd, out, 0, R.prefetch[kPrefetchWkv], a);
        if (touch) touches({&L.output, v16_touch ? &L.ffn_key : nullptr});
        const double state_bytes = 2.0 * s.n_head * 64.0 * 64.0 * 4.0;
        end_stage(cmd, timer, counts, "att.wkv7",
                  mbytes(L.w2) + mbytes(L.a2) + mbytes(L.g2) + (l > 0 ? mbytes(L.v2) : 0.0) + state_bytes);

        record_matvec(o, cmd, L.output, a, sc.yg, a, sc.x, ActIn::None, ActOut::None, true, nullptr,
                      xq_at(L.output, sc.xq_yg));
        if (warm_ffn_mix) {
            record_warm(o, cmd, P, VkDeviceSize(kLn2W) * C * 4, 3 * VkDeviceSize(C) * 4, a);  // ln2 w, b, ffn.x_k
            record_warm(o, cmd, S, VkDeviceSize(R.layer_floats - C) * 4, VkDeviceSize(C) * 4, a);  // the FFN shift
        }
        end_stage(cmd, timer, counts, "att.output", mbytes(L.output));

        const std::uint32_t ffn_shift = R.layer_floats - C;
        record_token_mix(o, cmd, a, P, S,
                         {C, sc.x, sc.ffn_in, 1, kLn2W, ffn_shift, kLayerNormEps, {}, 0, 0, sc.xq_ffn,
                          xq && L.ffn_key.i8 ? 1u : 0u});
        const Matrix* key[] = {&L.ffn_key};
        record_prefetch(o, cmd, key, 0, R.prefetch[kPrefetchFfnMix], a);
        if (touch && !v16_touch) touch_one(L.ffn_key);
        end_stage(cmd, timer, counts, "ffn.token_mix", C * f4 * 7);

        const MaskArgs mask{R.mask, mask_off, !R.sparse_ffn};
        record_matvec(o, cmd, L.ffn_key, a, sc.ffn_in, a, sc.ffn_h, ActIn::None, ActOut::Relu2, false, &mask,
                      xq_at(L.ffn_key, sc.xq_ffn));
        if (touch) touch_one(L.ffn_value_t);  // its active rows are read scattered: the touch is worth 1.4 %
        end_stage(cmd, timer, counts, "ffn.key", mbytes(L.ffn_key));

        record_ffn_value(o, cmd, a, R.mask, R.io, R.ffn_scratch, L.ffn_value_t, {C, sc.ffn_h, sc.x, mask_off, true});
        if (touch && l + 1 == s.n_layer) touch_one(w.head);
        end_stage(cmd, timer, counts, "ffn.value", 0.0);  // bytes: from the measured activity (profile_decode)
    }
    record_step_end(o, cmd, R.io);
    end_stage(cmd, timer, counts, "step_end", 0.0);
}

void record_head(Ops& o, VkCommandBuffer cmd, const StepResources& R, StageTimer* timer, StepCounts& counts) {
    const std::uint32_t C = std::uint32_t(R.shape->n_embd);
    full_barrier(cmd);  // (profiling: the first head interval starts at the step's last timestamp)
    ++counts.barriers;
    const BufferRange G = R.w->global_params();
    const bool xq = o.kernels().i8_xq && R.w->head.i8;  // ln_out's chunks quantized for the head's dot matvec
    record_token_mix(o, cmd, R.act, G, G,
                     {C, R.sc.x, R.sc.xmix, 0, kLnOutW, 0, kLayerNormEps, {}, 0, 0, R.sc.xq_mix, xq ? 1u : 0u});
    end_stage(cmd, timer, counts, "head.ln_out", C * 4.0 * 4);
    record_matvec(o, cmd, R.w->head, R.act, R.sc.xmix, R.logits, 0, ActIn::None, ActOut::None, false, nullptr,
                  xq ? R.sc.xq_mix : kNoXq);
    end_stage(cmd, timer, counts, "head.matvec", mbytes(R.w->head));
}

}  // namespace rwkv::vk
