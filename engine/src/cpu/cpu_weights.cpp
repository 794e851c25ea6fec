// load_fp32_weights (cpu_weights.h): canonical WeightSet -> fp32 vectors, each refused where it holds NaN or
// infinity (NonFiniteCheck), as the fast path's dtypes refuse it.
#include "cpu/cpu_weights.h"

#include <new>

#include "formats/non_finite_check.h"
#include "rwkv/error.h"

namespace rwkv::cpu {
namespace {

Vec f32(const WeightSet& ws, const std::string& name) {
    const TensorView& t = ws.get(name);
    Vec out(static_cast<std::size_t>(t.numel()));
    t.to_f32(out);
    NonFiniteCheck::whole(ws, name, out.data(), out.size());
    return out;
}

}  // namespace

ModelWeights load_fp32_weights(const WeightSet& ws) {
    try {
        ModelWeights m;
        m.shape = ws.shape;
        m.emb = f32(ws, "emb.weight");
        m.ln0_w = f32(ws, "blocks.0.ln0.weight");
        m.ln0_b = f32(ws, "blocks.0.ln0.bias");
        m.ln_out_w = f32(ws, "ln_out.weight");
        m.ln_out_b = f32(ws, "ln_out.bias");
        m.head = f32(ws, "head.weight");
        m.layers.resize(std::size_t(ws.shape.n_layer));
        for (int i = 0; i < ws.shape.n_layer; ++i) {
            LayerWeights& l = m.layers[std::size_t(i)];
            const std::string p = "blocks." + std::to_string(i) + ".";
            const std::string a = p + "att.";
            l.ln1_w = f32(ws, p + "ln1.weight");
            l.ln1_b = f32(ws, p + "ln1.bias");
            l.ln2_w = f32(ws, p + "ln2.weight");
            l.ln2_b = f32(ws, p + "ln2.bias");
            l.x_r = f32(ws, a + "x_r");
            l.x_w = f32(ws, a + "x_w");
            l.x_k = f32(ws, a + "x_k");
            l.x_v = f32(ws, a + "x_v");
            l.x_a = f32(ws, a + "x_a");
            l.x_g = f32(ws, a + "x_g");
            l.w0 = f32(ws, a + "w0");
            l.w1 = f32(ws, a + "w1");
            l.w2 = f32(ws, a + "w2");
            l.a0 = f32(ws, a + "a0");
            l.a1 = f32(ws, a + "a1");
            l.a2 = f32(ws, a + "a2");
            if (i > 0) {  // layer 0 has no value-residual gate (spec §2.1)
                l.v0 = f32(ws, a + "v0");
                l.v1 = f32(ws, a + "v1");
                l.v2 = f32(ws, a + "v2");
            }
            l.g1 = f32(ws, a + "g1");
            l.g2 = f32(ws, a + "g2");
            l.k_k = f32(ws, a + "k_k");
            l.k_a = f32(ws, a + "k_a");
            l.r_k = f32(ws, a + "r_k");
            l.receptance = f32(ws, a + "receptance.weight");
            l.key = f32(ws, a + "key.weight");
            l.value = f32(ws, a + "value.weight");
            l.output = f32(ws, a + "output.weight");
            l.lnx_w = f32(ws, a + "ln_x.weight");
            l.lnx_b = f32(ws, a + "ln_x.bias");
            l.ffn_x_k = f32(ws, p + "ffn.x_k");
            l.ffn_key = f32(ws, p + "ffn.key.weight");
            l.ffn_value = f32(ws, p + "ffn.value.weight");
        }
        return m;
    } catch (const std::bad_alloc&) {
        throw Error(ErrorCode::OutOfMemory, "not enough memory for an fp32 copy of the weights (" +
                                                std::to_string(ws.total_bytes() / (1 << 20)) + " MiB stored)");
    }
}

}  // namespace rwkv::cpu
