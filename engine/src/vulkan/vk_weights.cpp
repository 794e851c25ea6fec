// Weight upload for the Vulkan backend (vk_weights.h). Every weight is checked for NaN and infinity as the host
// copies or converts it (NonFiniteCheck), and a matrix converted to fp16 for a value beyond fp16's range, a tensor
// that holds one refused naming it before any of its rows is quantised; the blocks already made are freed with the
// DeviceWeights being built, so no half-loaded model is kept.
#include "vulkan/vk_weights.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <memory>
#include <string>
#include <thread>

#include "formats/non_finite_check.h"
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
    std::unique_ptr<NonFiniteCheck> check;                   // its values, as each piece reads them
};

// The matrices an int8 model stores as int8 (as the CUDA backend: att r/k/v/o, ffn key/value, the head).
bool int8_kind(const std::string& name) {
    for (const char* end : {"att.receptance.weight", "att.key.weight", "att.value.weight", "att.output.weight",
                            "ffn.key.weight", "ffn.value.weight"})
        if (name.size() > std::strlen(end) && name.compare(name.size() - std::strlen(end), std::string::npos, end) == 0)
            return true;
    return name == "head.weight";
}

// One stored row to int8: s = max|x| / 127 (1 for a zero row), q = rint(x / s) clamped to ±127, fp32 throughout —
// kernels/cuda/convert.cu quantize_rows_kernel's arithmetic, so the CUDA and Vulkan backends hold the same bytes.
float quantise_row(const float* x, std::size_t n, std::int8_t* q) {
    float m = 0.0f;
    for (std::size_t i = 0; i < n; ++i) m = std::fmax(m, std::fabs(x[i]));
    const float sc = m > 0.0f ? m / 127.0f : 1.0f;
    for (std::size_t i = 0; i < n; ++i) q[i] = std::int8_t(int(std::fmin(std::fmax(std::rint(x[i] / sc), -127.0f), 127.0f)));
    return sc;
}

// Runs part(a, b) over [r0, r0 + n) split among a few threads when there is much work.
template <typename F>
void parallel_rows(std::uint32_t r0, std::uint32_t n, std::size_t work, F part) {
    const std::size_t nt = work < (std::size_t(1) << 20) ? 1 : std::clamp<std::size_t>(std::thread::hardware_concurrency(), 1, 16);
    std::vector<std::thread> pool;
    for (std::size_t i = 1; i < nt; ++i) pool.emplace_back(part, r0 + n * i / nt, r0 + n * (i + 1) / nt);
    part(r0, r0 + n / nt);
    for (auto& th : pool) th.join();
}

// Rows [r0, r0 + n) of the stored matrix as int8 into dst and their scales into scales[r0 ..]; `tmp` holds the whole
// tensor as fp32 (filled and checked on the first piece, reused for the others).
void rows_to_i8(const Job& j, std::uint32_t r0, std::uint32_t n, std::byte* dst, float* scales, std::vector<float>& tmp) {
    const TensorView& t = *j.t;
    if (tmp.empty()) {
        tmp.resize(std::size_t(t.numel()));
        t.to_f32(tmp);
        j.check->floats(tmp.data(), tmp.size(), [](std::size_t i) { return std::int64_t(i); });
        j.check->throw_if_found();  // before any row is quantised (a NaN cast to int8 is undefined)
    }
    const std::size_t cols = j.m->cols, rows = j.m->rows;
    auto* out = reinterpret_cast<std::int8_t*>(dst);
    parallel_rows(r0, n, std::size_t(n) * cols, [&](std::size_t ra, std::size_t rb) {
        constexpr std::size_t B = 64;  // transposed: stored rows gathered 64 at a time (tensor rows read in runs)
        std::vector<float> buf(j.transpose ? B * cols : 0);
        for (std::size_t b0 = ra; b0 < rb; b0 += B) {
            const std::size_t b1 = std::min(rb, b0 + B);
            if (j.transpose)
                for (std::size_t c = 0; c < cols; ++c)
                    for (std::size_t r = b0; r < b1; ++r) buf[(r - b0) * cols + c] = tmp[c * rows + r];
            for (std::size_t r = b0; r < b1; ++r) {
                const float* x = j.transpose ? &buf[(r - b0) * cols] : &tmp[r * cols];
                scales[r] = quantise_row(x, cols, out + (r - r0) * cols);
            }
        }
    });
}

// Places the rows of m (row_bytes each) into blocks after block_sizes.back(), starting new blocks as needed, pieces
// at most `limit` bytes; a matrix that fits a block is never split. Appends m's pieces (buffers unset); returns each
// piece's (block index, byte offset).
std::vector<std::pair<std::size_t, VkDeviceSize>> place_rows(Matrix& m, const std::string& name, VkDeviceSize row_bytes,
                                                             std::uint64_t limit, std::uint64_t align,
                                                             std::vector<VkDeviceSize>& block_sizes) {
    std::vector<std::pair<std::size_t, VkDeviceSize>> where;
    std::uint32_t done = 0;
    while (done < m.rows) {
        VkDeviceSize off = align_up(block_sizes.back(), align);
        const VkDeviceSize left = VkDeviceSize(m.rows - done) * row_bytes;
        VkDeviceSize fit = off < limit ? (limit - off) / row_bytes : 0;
        if (left <= limit && off + left > limit) fit = 0;  // fits a block of its own: do not split it
        if (fit == 0) {
            if (off == 0) throw Error(ErrorCode::Internal, "weight placement made no progress for " + name);
            block_sizes.push_back(0);
            continue;
        }
        const std::uint32_t n = std::uint32_t(std::min<VkDeviceSize>(fit, m.rows - done));
        m.pieces.push_back({{VK_NULL_HANDLE, off, n * row_bytes}, done, n});
        where.emplace_back(block_sizes.size() - 1, off);
        block_sizes.back() = off + n * row_bytes;
        done += n;
    }
    return where;
}

// fp16 bits of rows [r0, r0 + n) of the stored matrix ([rows, cols]; the tensor itself, or its transpose) into dst,
// every value read reported to j.check (refused by the caller after the tensor's last piece, or here once it is whole).
void rows_to_f16(const Job& j, std::uint32_t r0, std::uint32_t n, std::byte* dst, std::vector<std::uint16_t>& tmp) {
    const TensorView& t = *j.t;
    const std::uint32_t cols = j.m->cols;
    const std::size_t count = std::size_t(n) * cols;
    if (t.dtype == DType::F16 && !j.transpose) {  // copied a run at a time, each run checked while in cache
        constexpr std::size_t kRun = std::size_t(1) << 17;  // values (256 KiB)
        const std::byte* src = t.data + std::size_t(r0) * cols * 2;
        for (std::size_t i = 0; i < count; i += kRun) {
            const std::size_t k = std::min(kRun, count - i);
            std::memcpy(dst + 2 * i, src + 2 * i, 2 * k);
            j.check->stored(src + 2 * i, k, DType::F16, std::int64_t(r0) * cols + std::int64_t(i));
        }
        return;
    }
    if (tmp.empty()) {  // the whole tensor as fp16 once, reused for its other pieces
        tmp.resize(std::size_t(t.numel()));
        if (t.dtype == DType::F16) {
            std::memcpy(tmp.data(), t.data, tmp.size() * 2);
            j.check->stored(reinterpret_cast<const std::byte*>(tmp.data()), tmp.size(), DType::F16, 0);
        } else {
            std::vector<float> f(tmp.size());
            t.to_f32(f);
            j.check->floats(f.data(), f.size(), [](std::size_t i) { return std::int64_t(i); });
            for (std::size_t i = 0; i < f.size(); ++i) tmp[i] = f32_to_f16(f[i]);
        }
        j.check->throw_if_found();
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
    parallel_rows(r0, n, count, part);
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

std::uint64_t estimate_device_bytes(const WeightSet& ws, bool int8) {
    std::uint64_t bytes = 0;
    for (const auto& [name, t] : ws.tensors()) {
        const std::uint64_t n = std::uint64_t(t.numel());
        if (t.shape.size() != 2)
            bytes += n * 4;
        else if (int8 && int8_kind(name))
            bytes += n + std::uint64_t(t.shape[0] + t.shape[1]) * 4;  // int8 + scales (at most one per row or column)
        else
            bytes += n * 2;
    }
    return bytes;
}

std::uint64_t i8_copy_bytes(const ModelShape& s) {  // one layer's int8 matrices or the head, whichever is larger
    const std::uint64_t C = std::uint64_t(s.n_embd), F = std::uint64_t(s.dim_ffn), V = std::uint64_t(s.vocab_size);
    return std::max(4 * C * C + 2 * F * C, V * C) * 2;
}

DeviceWeights upload_weights(const std::shared_ptr<Context>& ctx, const WeightSet& ws, std::uint64_t block_limit,
                             bool int8) {
    const Caps& caps = ctx->caps();
    const ModelShape& sh = ws.shape;
    const std::uint64_t align = caps.min_storage_align;
    block_limit = std::min({block_limit, caps.max_storage_range, caps.max_allocation});
    block_limit = block_limit / align * align;

    DeviceWeights dw;
    dw.int8 = int8;
    dw.block_limit = block_limit;
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
        m.i8 = int8 && int8_kind(name);
        // A matrix not stored as int8 is fp16 here whatever was asked for: a value beyond fp16's range is refused,
        // saying what loads it (int8 quantises from the value itself).
        const std::string remedy = int8_kind(name) ? "Vulkan keeps this tensor in fp16 unless --dtype int8: load it with "
                                                     "--dtype int8, or on the CPU with --backend cpu --dtype fp32"
                                                   : "Vulkan keeps this tensor in fp16: load it on the CPU with "
                                                     "--backend cpu --dtype fp32";
        jobs.push_back({&t, &m, name, whole, transpose, {},
                        std::make_unique<NonFiniteCheck>(ws, name, m.i8 ? DType::F32 : DType::F16, remedy)});
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
    std::uint32_t scale_rows = 0;
    for (Job& j : jobs) {
        const VkDeviceSize row_bytes = VkDeviceSize(j.m->cols) * j.m->elem_bytes();
        const VkDeviceSize bytes = row_bytes * j.m->rows;
        const std::uint64_t limit = j.whole ? std::max<std::uint64_t>(block_limit, std::min<std::uint64_t>(bytes, device_limit))
                                            : block_limit;
        if (row_bytes > limit || (j.whole && bytes > limit)) {
            throw Error(ErrorCode::UnsupportedModel, "one row of " + j.name + " (" + std::to_string(row_bytes) +
                                                         " bytes) exceeds the device's storage buffer limit");
        }
        j.where = place_rows(*j.m, j.name, row_bytes, limit, align, block_sizes);
        dw.matrix_bytes += bytes;
        if (j.m->i8) {
            j.m->scale_off = scale_rows;
            scale_rows += j.m->rows;
        }
    }
    std::vector<float> scales(scale_rows);

    // Upload block by block through one staging buffer of the largest block size.
    const VkDeviceSize max_block = *std::max_element(block_sizes.begin(), block_sizes.end());
    Buffer staging(ctx, max_block, MemoryKind::Upload, "weight staging");
    std::vector<std::uint16_t> tmp;
    std::vector<float> tmp_f32;
    for (std::size_t b = 0; b < block_sizes.size(); ++b) {
        dw.blocks.emplace_back(ctx, block_sizes[b], MemoryKind::Device, "weights");
        auto* dst = static_cast<std::byte*>(staging.mapped());
        for (Job& j : jobs) {
            tmp.clear();
            tmp_f32.clear();
            for (std::size_t p = 0; p < j.where.size(); ++p) {
                if (j.where[p].first != b) continue;
                MatrixPiece& piece = j.m->pieces[p];
                piece.range.buffer = dw.blocks.back().handle();
                if (j.m->i8)
                    rows_to_i8(j, piece.row_begin, piece.rows, dst + j.where[p].second, scales.data() + j.m->scale_off,
                               tmp_f32);
                else
                    rows_to_f16(j, piece.row_begin, piece.rows, dst + j.where[p].second, tmp);
                if (p + 1 == j.where.size()) j.check->throw_if_found();  // the tensor's last piece: all read
            }
        }
        const VkBuffer src = staging.handle(), to = dw.blocks.back().handle();
        const VkDeviceSize size = block_sizes[b];
        ctx->run_once([&](VkCommandBuffer cmd) {
            const VkBufferCopy region{0, 0, size};
            vkCmdCopyBuffer(cmd, src, to, 1, &region);
        });
    }

    if (scale_rows > 0) {  // the int8 rows' scales, one buffer bound whole by every int8 matrix
        const VkDeviceSize bytes = VkDeviceSize(scale_rows) * 4;
        Buffer sstage(ctx, bytes, MemoryKind::Upload, "scale staging");
        std::memcpy(sstage.mapped(), scales.data(), bytes);
        dw.scales = Buffer(ctx, bytes, MemoryKind::Device, "int8 row scales");
        const VkBuffer src = sstage.handle(), to = dw.scales.handle();
        ctx->run_once([&](VkCommandBuffer cmd) {
            const VkBufferCopy region{0, 0, bytes};
            vkCmdCopyBuffer(cmd, src, to, 1, &region);
        });
        for (Job& j : jobs)
            if (j.m->i8) j.m->scales = {to, 0, bytes};
    }

    // fp32 vectors: L layer blocks + one global block.
    const std::uint32_t C = std::uint32_t(sh.n_embd);
    dw.params_stride = align_up(VkDeviceSize(kParamsPerLayer) * C * 4, align);
    const VkDeviceSize params_bytes = dw.params_stride * VkDeviceSize(sh.n_layer + 1);
    Buffer pstage(ctx, params_bytes, MemoryKind::Upload, "parameter staging");
    std::memset(pstage.mapped(), 0, params_bytes);
    std::vector<float> vec(C);  // one vector in fp32, checked here: the staging memory is not read back
    auto put = [&](int block, std::uint32_t idx, const std::string& name) {
        const TensorView& t = ws.get(name);
        if (std::uint64_t(t.numel()) != C) throw Error(ErrorCode::CorruptFile, name + " does not have C elements");
        auto* base = reinterpret_cast<float*>(static_cast<std::byte*>(pstage.mapped()) + dw.params_stride * VkDeviceSize(block));
        t.to_f32(vec);
        NonFiniteCheck::whole(ws, name, vec.data(), vec.size());
        std::memcpy(base + std::size_t(idx) * C, vec.data(), std::size_t(C) * 4);
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

I8Shadow make_i8_shadow(const std::shared_ptr<Context>& ctx, const DeviceWeights& w) {
    I8Shadow sh;
    if (!w.int8) return sh;
    const std::uint64_t align = ctx->caps().min_storage_align;
    const LayerMatrices& L0 = w.layers.front();
    LayerMatrices& S = sh.layer;
    const std::pair<Matrix*, const Matrix*> layer_kinds[] = {{&S.receptance, &L0.receptance}, {&S.key, &L0.key},
                                                             {&S.value, &L0.value},           {&S.output, &L0.output},
                                                             {&S.ffn_key, &L0.ffn_key},       {&S.ffn_value_t, &L0.ffn_value_t}};
    // Two layouts over the same blocks: the layer set, and the head alone.
    std::vector<VkDeviceSize> sizes_layer(1, 0), sizes_head(1, 0);
    std::vector<std::pair<Matrix*, std::vector<std::pair<std::size_t, VkDeviceSize>>>> placed;
    auto plan = [&](Matrix& m, const Matrix& src, std::vector<VkDeviceSize>& sizes) {
        m.rows = src.rows;
        m.cols = src.cols;
        placed.emplace_back(&m, place_rows(m, "an fp16 copy", VkDeviceSize(m.cols) * 2, w.block_limit, align, sizes));
    };
    for (const auto& [m, src] : layer_kinds) plan(*m, *src, sizes_layer);
    plan(sh.head, w.head, sizes_head);
    const std::size_t nb = std::max(sizes_layer.size(), sizes_head.size());
    sizes_layer.resize(nb, 0);
    sizes_head.resize(nb, 0);
    for (std::size_t b = 0; b < nb; ++b)
        sh.blocks.emplace_back(ctx, std::max(sizes_layer[b], sizes_head[b]), MemoryKind::Device, "int8 -> fp16 copies");
    for (auto& [m, where] : placed)
        for (std::size_t p = 0; p < where.size(); ++p) m->pieces[p].range.buffer = sh.blocks[where[p].first].handle();
    return sh;
}

}  // namespace rwkv::vk
