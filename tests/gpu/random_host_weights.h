// Host-side random canonical WeightSet (fp32) of any shape, for CUDA-vs-CPU comparisons in tests/gpu.
// Magnitudes as the device bench fill (engine/src/cuda/cuda_weights.cpp): 1/sqrt(fan-in) projections.
#pragma once

#include <cmath>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "rwkv/weights.h"

inline rwkv::WeightSet random_host_weights(const rwkv::ModelShape& s, unsigned seed) {
    rwkv::WeightSet ws;
    ws.shape = s;
    std::mt19937 rng(seed);
    std::uniform_real_distribution<float> u(-1.0f, 1.0f);
    const std::int64_t C = s.n_embd, F = s.dim_ffn, V = s.vocab_size;
    auto add = [&](const std::string& name, std::vector<std::int64_t> shape, float scale, float offset) {
        std::int64_t n = 1;
        for (auto d : shape) n *= d;
        std::vector<std::byte> bytes(std::size_t(n) * 4);
        float* f = reinterpret_cast<float*>(bytes.data());
        for (std::int64_t i = 0; i < n; ++i) f[i] = offset + scale * u(rng);
        ws.add_owned(name, rwkv::DType::F32, std::move(shape), std::move(bytes));
    };
    auto mat = [&](const std::string& name, std::int64_t out, std::int64_t in) {
        add(name, {out, in}, std::sqrt(3.0f / float(in)), 0.0f);
    };
    add("emb.weight", {V, C}, 1.0f, 0.0f);
    mat("head.weight", V, C);
    add("blocks.0.ln0.weight", {C}, 0.1f, 1.0f);
    add("blocks.0.ln0.bias", {C}, 0.1f, 0.0f);
    add("ln_out.weight", {C}, 0.1f, 1.0f);
    add("ln_out.bias", {C}, 0.1f, 0.0f);
    for (int i = 0; i < s.n_layer; ++i) {
        const std::string p = "blocks." + std::to_string(i) + ".", a = p + "att.";
        for (const char* n : {"ln1", "ln2"}) {
            add(p + n + ".weight", {C}, 0.1f, 1.0f);
            add(p + n + ".bias", {C}, 0.1f, 0.0f);
        }
        for (const char* n : {"x_r", "x_w", "x_k", "x_v", "x_a", "x_g"}) add(a + n, {C}, 0.5f, 0.5f);
        add(a + "w0", {C}, 1.0f, -1.0f);
        add(a + "a0", {C}, 0.5f, 0.0f);
        add(a + "k_k", {C}, 0.2f, 0.8f);
        add(a + "k_a", {C}, 0.5f, 0.5f);
        add(a + "r_k", {C}, 0.5f, 0.5f);
        add(a + "ln_x.weight", {C}, 0.1f, 1.0f);
        add(a + "ln_x.bias", {C}, 0.1f, 0.0f);
        add(p + "ffn.x_k", {C}, 0.5f, 0.5f);
        for (const char* n : {"receptance", "key", "value", "output"}) mat(a + n + ".weight", C, C);
        mat(a + "w1", s.lora_w, C);
        mat(a + "w2", C, s.lora_w);
        mat(a + "a1", s.lora_a, C);
        mat(a + "a2", C, s.lora_a);
        mat(a + "g1", s.lora_g, C);
        mat(a + "g2", C, s.lora_g);
        if (i > 0) {
            add(a + "v0", {C}, 0.5f, 0.0f);
            mat(a + "v1", s.lora_v, C);
            mat(a + "v2", C, s.lora_v);
        }
        mat(p + "ffn.key.weight", F, C);
        mat(p + "ffn.value.weight", C, F);
    }
    return ws;
}
