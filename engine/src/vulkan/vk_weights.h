// A model's weights on the device: fp16 matrices (int8 models: att r/k/v/o, ffn key/value and the head as int8 with
// one fp32 scale per stored row, quantised at load as the CUDA backend does) packed into blocks (each block one VkBuffer no larger than the
// block limit; a matrix larger than the limit is split by rows: the head and embedding on lavapipe's 128 MiB
// maxStorageBufferRange), and the fp32 vectors of every layer in one `params` buffer. ffn.value is stored
// transposed ([F, C]: one contiguous row per FFN neuron, for the sparse FFN); the LoRA up matrices are never split
// (wkv7.glsl binds them whole).
#pragma once

#include <cstdint>
#include <vector>

#include "rwkv/weights.h"
#include "vulkan/ops.h"

namespace rwkv::vk {

/// Index of a vector in a layer's params block ([kParamsPerLayer, C] fp32). The shaders receive these indices
/// through push constants (token_mix: ln_idx; wkv7: p_base = kW0 with w0, a0, v0, k_k, k_a, r_k, lnx_w, lnx_b).
enum Param : std::uint32_t {
    kLn1W, kLn1B, kXR, kXW, kXK, kXV, kXA, kXG,  // token_mix (att): ln1 + 6 mixes
    kLn2W, kLn2B, kFfnXK,                        // token_mix (ffn): ln2 + 1 mix
    kW0, kA0, kV0, kKK, kKA, kRK, kLnxW, kLnxB,  // wkv7
    kParamsPerLayer
};
/// Vectors in the extra params block after the last layer.
enum GlobalParam : std::uint32_t { kLn0W, kLn0B, kLnOutW, kLnOutB };

struct LayerMatrices {
    Matrix receptance, key, value, output;  // [C, C]
    Matrix w1, a1, v1, g1;                  // [D, C] LoRA down
    Matrix w2, a2, v2, g2;                  // [C, D] LoRA up
    Matrix ffn_key;                         // [F, C]
    Matrix ffn_value_t;                     // ffn.value transposed: [F, C]
};

struct DeviceWeights {
    std::vector<Buffer> blocks;
    Matrix emb, head;  // [V, C]
    std::vector<LayerMatrices> layers;
    Buffer params;                       // (L + 1) blocks of kParamsPerLayer * C fp32, stride params_stride
    VkDeviceSize params_stride = 0;      // bytes, aligned to minStorageBufferOffsetAlignment
    std::uint64_t matrix_bytes = 0;      // bytes of all matrices as stored (fp16, int8)
    bool int8 = false;                   // r/k/v/o, ffn key/value and the head are int8 (Matrix::i8)
    Buffer scales;                       // int8: fp32 scale of every stored row of the int8 matrices
    std::uint64_t block_limit = 0;       // the block cap in effect (bytes), for fp16 copies laid out alike

    BufferRange layer_params(int layer) const;
    BufferRange global_params() const { return layer_params(int(layers.size())); }
};

/// Device bytes the weights will take (matrices as stored, int8 ones with `int8` + fp32 vectors + scales), for the
/// budget check before loading.
std::uint64_t estimate_device_bytes(const WeightSet& ws, bool int8 = false);
/// Device bytes of an int8 model's I8Shadow (the rows path's fp16 copies, made where Ops::Kernels::i8_copies): the
/// load checks them too, so that a model that loads can prefill.
std::uint64_t i8_copy_bytes(const ModelShape& shape);

/// Converts and uploads every tensor (`int8`: the big matrices quantised per stored row: s = max|x| / 127, q =
/// round-to-nearest-even(x / s) clamped to ±127, as kernels/cuda/convert.cu quantize_rows_kernel). `block_limit` caps
/// one block (and so one matrix piece); it is clamped to the device's maxStorageBufferRange and
/// maxMemoryAllocationSize (the LoRA up matrices, never split, may exceed the cap but not the device limits). Throws
/// Error(OutOfMemory) when the device is full, Error(UnsupportedModel) when a single row does not fit a block.
DeviceWeights upload_weights(const std::shared_ptr<Context>& ctx, const WeightSet& ws, std::uint64_t block_limit,
                             bool int8 = false);

/// fp16 copies of one layer's int8 matrices (receptance, key, value, output, ffn_key, ffn_value_t) and of the int8
/// head, for the rows path's GEMMs, which read fp16 weights (record_dequant_i8 fills them). The layer set and the
/// head share the buffers: the head's GEMM runs after the last layer's, behind a barrier. Pieces as upload_weights
/// lays out fp16 matrices (DeviceWeights::block_limit).
struct I8Shadow {
    std::vector<Buffer> blocks;
    LayerMatrices layer;  // the six int8 kinds only
    Matrix head;
};
I8Shadow make_i8_shadow(const std::shared_ptr<Context>& ctx, const DeviceWeights& w);

}  // namespace rwkv::vk
