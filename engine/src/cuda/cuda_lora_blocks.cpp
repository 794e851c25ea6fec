// Zero-padded copies of the LoRA projections for the rows path's grouped GEMMs (cuda_rows.cpp): v19 puts v, w and a
// side by side ([3, Dp, C] down, [3, C, Dp] up per layer) and v51 (set_rows_lora4) v, w, a and g ([4, Dg, C] /
// [4, C, Dg]), so that one strided-batched GEMM each way replaces one GEMM per projection. The padding rows of a down
// block and columns of an up block are zero, so the padded products equal the unpadded ones. Made once per model on
// first use, before any graph capture (the graphs bake the pointers in).
#include <algorithm>
#include <cstddef>

#include "cuda/cuda_rows.h"

namespace rwkv::cuda {

namespace {

// One layer's n LoRA pairs (down [D_k, C], up [C, D_k], element size es; a null down = absent, left zero) copied into
// fresh zeroed blocks down [n, Dp, C] (rows 0..D_k-1 of slot k) and up [n, C, Dp] (columns 0..D_k-1 of slot k).
void pad_lora_layer(DeviceArena& arena, int n, const void* const* down_in, const void* const* up_in,
                    const std::size_t* D, std::size_t Dp, std::size_t C, std::size_t es, const char* what,
                    std::vector<const void*>& down_out, std::vector<const void*>& up_out) {
    char* down = static_cast<char*>(arena.alloc(std::size_t(n) * Dp * C * es, what));  // zeroed
    char* up = static_cast<char*>(arena.alloc(std::size_t(n) * C * Dp * es, what));
    for (int k = 0; k < n; ++k) {
        if (down_in[k] == nullptr) continue;  // layer 0 has no value LoRA
        check(cudaMemcpy(down + std::size_t(k) * Dp * C * es, down_in[k], D[k] * C * es, cudaMemcpyDeviceToDevice),
              what);
        check(cudaMemcpy2D(up + std::size_t(k) * C * Dp * es, Dp * es, up_in[k], D[k] * es, D[k] * es, C,
                           cudaMemcpyDeviceToDevice), what);
    }
    down_out.push_back(down);
    up_out.push_back(up);
}

}  // namespace

void CudaModel::ensure_lora_blocks() {
    if (!lora_down3_.empty() || !lora_grouped_) return;
    const ModelShape& s = shape();
    const std::size_t es = wt_ == ck::WType::F16 ? 2 : 4, C = std::size_t(s.n_embd);
    const std::size_t D[3] = {std::size_t(s.lora_v), std::size_t(s.lora_w), std::size_t(s.lora_a)};
    const std::size_t Dp = std::max({D[0], D[1], D[2]});
    check(cudaStreamSynchronize(stream_), "sync");
    for (const DevLayer& L : w_.layers) {
        const void* down[3] = {L.v1, L.w1, L.a1};
        const void* up[3] = {L.v2, L.w2, L.a2};
        pad_lora_layer(arena_, 3, down, up, D, Dp, C, es, "grouped LoRA weights", lora_down3_, lora_up3_);
    }
    check(cudaDeviceSynchronize(), "grouped LoRA weights");
    lora_dp_ = int(Dp);
}

void CudaModel::ensure_lora4_blocks() {
    if (lora_dg_ > 0) return;
    const ModelShape& s = shape();
    const std::size_t es = 2, C = std::size_t(s.n_embd);  // fp16 weights only (set_rows_lora4)
    const std::size_t D[4] = {std::size_t(s.lora_v), std::size_t(s.lora_w), std::size_t(s.lora_a),
                              std::size_t(s.lora_g)};
    const std::size_t Dg = std::max({D[0], D[1], D[2], D[3]});
    check(cudaStreamSynchronize(stream_), "sync");
    for (const DevLayer& L : w_.layers) {
        const void* down[4] = {L.v1, L.w1, L.a1, L.g1};
        const void* up[4] = {L.v2, L.w2, L.a2, L.g2};
        pad_lora_layer(arena_, 4, down, up, D, Dg, C, es, "v51 LoRA blocks", lora_down4_, lora_up4_);
    }
    check(cudaDeviceSynchronize(), "v51 LoRA blocks");
    lora_dg_ = int(Dg);
}

void CudaModel::alloc_lora4_scratch(Rows& r) {
    const std::size_t C = std::size_t(shape().n_embd), R = std::size_t(r.rows), Dg = std::size_t(lora_dg_);
    r.h4 = r.arena.floats(4 * R * Dg, "v51 LoRA scratch");
    r.a4 = r.arena.alloc(4 * R * Dg * 2, "v51 LoRA scratch");
    r.d4 = r.arena.floats(4 * R * C, "v51 LoRA scratch");
}

}  // namespace rwkv::cuda
