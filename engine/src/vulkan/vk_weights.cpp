// Weight upload for the Vulkan backend (vk_weights.h).
#include "vulkan/vk_weights.h"

#include <algorithm>
#include <cstring>
#include <string>
#include <thread>

#include "rwkv/dtype.h"
#include "rwkv/error.h"

namespace rwkv::vk {
namespace {

struct Job {  // one matrix to place: its tensor and where its pieces go
    const TensorView* t = nullptr;
    Matrix* m = nullptr;
    std::string name;
    bool whole = false;      // never split (LoRA up matrices)
    bool transpose = false;  // store the tensor [a, b] as [b, a] (ffn.value)
    std::vector<std::pair<std::size_t, VkDeviceSize>> where;  // per piece: block index, byte offset
};

// fp16 bits of rows [r0, r0 + n) of the stored matrix ([rows, cols]; the tensor itself, or its transpose) into dst.
void rows_to_f16(const Job& j, std::uint32_t r0, std::uint32_t n, std::byte* dst, std::vector<std::uint16_t>& tmp) {
    const TensorView& t = *j.t;
    const std::uint32_t cols = j.m->cols;
    const std::size_t count = std::size_t(n) * cols;
    if (t.dtype == DType::F16 && !j.transpose) {
        std::memcpy(dst, t.data + std::size_t(r0) * cols * 2, count * 2);
        return;
    }
    if (tmp.empty()) {  // the whole tensor as fp16 once, reused for its other pieces
        tmp.resize(std::size_t(t.numel()));
        if (t.dtype == DType::F16) {
            std::memcpy(tmp.data(), t.data, tmp.size() * 2);
        } else {
            std::vector<float> f(tmp.size());
            t.to_f32(f);
            for (std::size_t i = 0; i < f.size(); ++i) tmp[i] = f32_to_f16(f[i]);
        }
    }
    auto* out = reinterpret_cast<std::uint16_t*>(dst);
    if (!j.transpose) {
        std::memcpy(out, tmp.data() + std::size_t(r0) * cols, count * 2);
        return;
    }
    // Stored row r is tensor column r: tensor [cols, rows] row-major. Blocked to stay in cache, rows spread over
    // a few threads (a 7.2B model transposes 4.3 GB).
    const std::size_t trows = cols, tcols = j.m->rows;
    auto part = [&](std::size_t ra, std::size_t rb) {
        constexpr std::size_t B = 64;
        for (std::size_t c0 = 0; c0 < trows; c0 += B) {
            const std::size_t c1 = std::min(trows, c0 + B);
            for (std::size_t r = ra; r < rb; ++r) {
                std::uint16_t* o = out + (r - r0) * cols;
                for (std::size_t c = c0; c < c1; ++c) o[c] = tmp[c * tcols + r];
            }
        }
    };
    const std::size_t nt = count < (std::size_t(1) << 20) ? 1 : std::clamp<std::size_t>(std::thread::hardware_concurrency(), 1, 16);
    std::vector<std::thread> pool;
    for (std::size_t i = 1; i < nt; ++i) pool.emplace_back(part, r0 + n * i / nt, r0 + n * (i + 1) / nt);
    part(r0, r0 + n / nt);
    for (auto& th : pool) th.join();
}

std::vector<std::pair<const char*, Param>> layer_vectors() {
    return {{"ln1.weight", kLn1W},  {"ln1.bias", kLn1B},   {"att.x_r", kXR},      {"att.x_w", kXW},
            {"att.x_k", kXK},       {"att.x_v", kXV},      {"att.x_a", kXA},      {"att.x_g", kXG},
            {"ln2.weight", kLn2W},  {"ln2.bias", kLn2B},   {"ffn.x_k", kFfnXK},   {"att.w0", kW0},
            {"att.a0", kA0},        {"att.v0", kV0},       {"att.k_k", kKK},      {"att.k_a", kKA},
            {"att.r_k", kRK},       {"att.ln_x.weight", kLnxW}, {"att.ln_x.bias", kLnxB}};
}

}  // namespace

BufferRange DeviceWeights::layer_params(int layer) const {
    return {params.handle(), params_stride * VkDeviceSize(layer), params_stride};
}

std::uint64_t estimate_device_bytes(const WeightSet& ws) {
    std::uint64_t bytes = 0;
    for (const auto& [name, t] : ws.tensors()) bytes += std::uint64_t(t.numel()) * (t.shape.size() == 2 ? 2 : 4);
    return bytes;
}

DeviceWeights upload_weights(const std::shared_ptr<Context>& ctx, const WeightSet& ws, std::uint64_t block_limit) {
    const Caps& caps = ctx->caps();
    const ModelShape& sh = ws.shape;
    const std::uint64_t align = caps.min_storage_align;
    block_limit = std::min({block_limit, caps.max_storage_range, caps.max_allocation});
    block_limit = block_limit / align * align;

    DeviceWeights dw;
    dw.layers.resize(std::size_t(sh.n_layer));
    std::vector<Job> jobs;
    auto add = [&](const std::string& name, Matrix& m, bool whole = false, bool transpose = false) {
        const TensorView& t = ws.get(name);
        const std::size_t in_dim = transpose ? 0 : 1;
        if (t.shape.size() != 2 || t.shape[in_dim] % 4 != 0) {
            throw Error(ErrorCode::UnsupportedModel, "the Vulkan backend needs " + name + " as a matrix with a multiple of 4 " +
                                                         (transpose ? "rows" : "columns"));
        }
        m.rows = std::uint32_t(t.shape[1 - in_dim]);
        m.cols = std::uint32_t(t.shape[in_dim]);
        jobs.push_back({&t, &m, name, whole, transpose, {}});
    };
    add("emb.weight", dw.emb);
    for (int i = 0; i < sh.n_layer; ++i) {
        LayerMatrices& L = dw.layers[std::size_t(i)];
        const std::string a = "blocks." + std::to_string(i) + ".att.";
        const std::string f = "blocks." + std::to_string(i) + ".ffn.";
        add(a + "receptance.weight", L.receptance);
        add(a + "key.weight", L.key);
        add(a + "value.weight", L.value);
        add(a + "output.weight", L.output);
        add(a + "w1", L.w1);
        add(a + "w2", L.w2, true);
        add(a + "a1", L.a1);
        add(a + "a2", L.a2, true);
        if (i > 0) {
            add(a + "v1", L.v1);
            add(a + "v2", L.v2, true);
        }
        add(a + "g1", L.g1);
        add(a + "g2", L.g2, true);
        add(f + "key.weight", L.ffn_key);
        add(f + "value.weight", L.ffn_value_t, false, true);
    }
    add("head.weight", dw.head);

    // Plan: fill blocks in order. A matrix that fits a block is never split: it starts a new block when the
    // current one is too full (blocks are allocated at their used size, so this wastes no memory). A larger one
    // is split by rows; LoRA up matrices (`whole`) may use the device limit instead of the cap.
    const std::uint64_t device_limit = std::min(caps.max_storage_range, caps.max_allocation) / align * align;
    std::vector<VkDeviceSize> block_sizes(1, 0);
    for (Job& j : jobs) {
        const VkDeviceSize row_bytes = VkDeviceSize(j.m->cols) * 2;
        const VkDeviceSize bytes = row_bytes * j.m->rows;
        const std::uint64_t limit = j.whole ? std::max<std::uint64_t>(block_limit, std::min<std::uint64_t>(bytes, device_limit))
                                            : block_limit;
        if (row_bytes > limit || (j.whole && bytes > limit)) {
            throw Error(ErrorCode::UnsupportedModel, "one row of " + j.name + " (" + std::to_string(row_bytes) +
                                                         " bytes) exceeds the device's storage buffer limit");
        }
        std::uint32_t done = 0;
        while (done < j.m->rows) {
            VkDeviceSize off = align_up(block_sizes.back(), align);
            const VkDeviceSize left = VkDeviceSize(j.m->rows - done) * row_bytes;
            VkDeviceSize fit = off < limit ? (limit - off) / row_bytes : 0;
            if (left <= limit && off + left > limit) fit = 0;  // fits a block of its own: do not split it
            if (fit == 0) {
                if (off == 0) throw Error(ErrorCode::Internal, "weight placement made no progress for " + j.name);
                block_sizes.push_back(0);
                continue;
            }
            const std::uint32_t n = std::uint32_t(std::min<VkDeviceSize>(fit, j.m->rows - done));
            j.m->pieces.push_back({{VK_NULL_HANDLE, off, n * row_bytes}, done, n});
            j.where.emplace_back(block_sizes.size() - 1, off);
            block_sizes.back() = off + n * row_bytes;
            done += n;
            dw.matrix_bytes += n * row_bytes;
        }
    }

    // Upload block by block through one staging buffer of the largest block size.
    const VkDeviceSize max_block = *std::max_element(block_sizes.begin(), block_sizes.end());
    Buffer staging(ctx, max_block, MemoryKind::Upload, "weight staging");
    std::vector<std::uint16_t> tmp;
    for (std::size_t b = 0; b < block_sizes.size(); ++b) {
        dw.blocks.emplace_back(ctx, block_sizes[b], MemoryKind::Device, "weights");
        auto* dst = static_cast<std::byte*>(staging.mapped());
        for (Job& j : jobs) {
            tmp.clear();
            for (std::size_t p = 0; p < j.where.size(); ++p) {
                if (j.where[p].first != b) continue;
                MatrixPiece& piece = j.m->pieces[p];
                piece.range.buffer = dw.blocks.back().handle();
                rows_to_f16(j, piece.row_begin, piece.rows, dst + j.where[p].second, tmp);
            }
        }
        const VkBuffer src = staging.handle(), to = dw.blocks.back().handle();
        const VkDeviceSize size = block_sizes[b];
        ctx->run_once([&](VkCommandBuffer cmd) {
            const VkBufferCopy region{0, 0, size};
            vkCmdCopyBuffer(cmd, src, to, 1, &region);
        });
    }

    // fp32 vectors: L layer blocks + one global block.
    const std::uint32_t C = std::uint32_t(sh.n_embd);
    dw.params_stride = align_up(VkDeviceSize(kParamsPerLayer) * C * 4, align);
    const VkDeviceSize params_bytes = dw.params_stride * VkDeviceSize(sh.n_layer + 1);
    Buffer pstage(ctx, params_bytes, MemoryKind::Upload, "parameter staging");
    std::memset(pstage.mapped(), 0, params_bytes);
    auto put = [&](int block, std::uint32_t idx, const std::string& name) {
        const TensorView& t = ws.get(name);
        if (std::uint64_t(t.numel()) != C) throw Error(ErrorCode::CorruptFile, name + " does not have C elements");
        auto* base = reinterpret_cast<float*>(static_cast<std::byte*>(pstage.mapped()) + dw.params_stride * VkDeviceSize(block));
        t.to_f32(std::span<float>(base + std::size_t(idx) * C, C));
    };
    for (int i = 0; i < sh.n_layer; ++i) {
        const std::string p = "blocks." + std::to_string(i) + ".";
        for (const auto& [name, idx] : layer_vectors()) {
            if (i == 0 && idx == kV0) continue;  // layer 0 has no value-residual gate
            put(i, idx, p + name);
        }
    }
    put(sh.n_layer, kLn0W, "blocks.0.ln0.weight");
    put(sh.n_layer, kLn0B, "blocks.0.ln0.bias");
    put(sh.n_layer, kLnOutW, "ln_out.weight");
    put(sh.n_layer, kLnOutB, "ln_out.bias");
    dw.params = Buffer(ctx, params_bytes, MemoryKind::Device, "parameters");
    const VkBuffer psrc = pstage.handle(), pdst = dw.params.handle();
    ctx->run_once([&](VkCommandBuffer cmd) {
        const VkBufferCopy region{0, 0, params_bytes};
        vkCmdCopyBuffer(cmd, psrc, pdst, 1, &region);
    });
    return dw;
}

}  // namespace rwkv::vk
