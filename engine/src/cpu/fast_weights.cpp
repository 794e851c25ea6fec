// load_fast_weights (fast_weights.h): a parallel copy where the stored dtype is the requested one, otherwise a
// parallel tile-wise conversion (and transposition for ffn.value) with int8 per-group absmax scales (kernels.h).
// Nothing points into the checkpoint's memory map afterwards: a file cut or replaced in place after the load (cp over
// it, a pulled USB stick) would otherwise kill the process with SIGBUS at the next forward. Every weight is checked
// for NaN and infinity on the way, row by row while in cache (NonFiniteCheck): the sparse FFN skips a NaN row of
// ffn.value that no token's activation reaches, so such a file ran on here where fp32 refused it (session 54). A
// value converted to fp16 or bf16 is checked against that type's range in the same compare (session 57: 70000 became
// infinity, and only the first logits said so).
#include "cpu/fast_weights.h"

#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <new>

#include "formats/non_finite_check.h"
#include "rwkv/error.h"

namespace rwkv::cpu {
namespace {

constexpr int kTile = 64;

// Source elements [c0, c0+n) of row r of a 2-D tensor as fp32.
void read_row(const TensorView& v, std::size_t r, std::size_t c0, std::size_t n, float* out) {
    const std::size_t cols = std::size_t(v.shape[1]);
    const std::size_t i0 = r * cols + c0;
    switch (v.dtype) {
    case DType::F32: std::memcpy(out, v.data + 4 * i0, 4 * n); return;
    case DType::F16:
        for (std::size_t i = 0; i < n; ++i) {
            std::uint16_t h;
            std::memcpy(&h, v.data + 2 * (i0 + i), 2);
            out[i] = f16_to_f32(h);
        }
        return;
    case DType::BF16:
        for (std::size_t i = 0; i < n; ++i) {
            std::uint16_t h;
            std::memcpy(&h, v.data + 2 * (i0 + i), 2);
            out[i] = bf16_to_f32(h);
        }
        return;
    default:
        throw Error(ErrorCode::Internal, "fast CPU weights: tensor dtype " + std::string(dtype_name(v.dtype)) +
                                             " should have been dequantised by the reader");
    }
}

void store(DType t, void* base, std::size_t i, float f) {
    switch (t) {
    case DType::F32: static_cast<float*>(base)[i] = f; break;
    case DType::F16: static_cast<std::uint16_t*>(base)[i] = f32_to_f16(f); break;
    default: static_cast<std::uint16_t*>(base)[i] = f32_to_bf16(f); break;
    }
}

// int8 with one absmax scale per group of kI8Group elements: q = round(x / s), s = max|x_g| / 127, and s is stored
// rounded to fp16 (kernels.h). q is taken against the exact s, so the int8 values are those of an fp32-scale
// quantisation and only the group's scale moves, by at most 2^-11 of itself (fp16's 11 significant bits; s is in
// fp16's normal range for max|x| >= 0.0078, and exact to 6e-8 below): a weight is off by at most
// (0.5 + 127·2^-11)·s = 0.56 steps. (q rounded against the stored scale, also half a step at most, flips the golden
// top-1 of rand-L3-D128 'en', a 0.043 near-tie, test_cpu_fast int8MatchesGoldens.)
void quantise_row(const float* x, int cols, std::int8_t* q, std::uint16_t* scale) {
    for (int c0 = 0, g = 0; c0 < cols; c0 += kI8Group, ++g) {
        const int c1 = std::min(cols, c0 + kI8Group);
        float mx = 0;
        for (int c = c0; c < c1; ++c) mx = std::max(mx, std::fabs(x[c]));
        const float s = mx > 0 ? mx / 127.0f : 1.0f;
        // fp16's largest finite value: a larger scale is refused after the copy (NonFiniteCheck's int8 limit)
        scale[g] = f32_to_f16(std::min(s, 65504.0f));
        const float inv = 1.0f / s;
        for (int c = c0; c < c1; ++c) {  // a NaN or infinity (refused after the copy, NonFiniteCheck) stores 0
            const float v = std::nearbyint(x[c] * inv);
            q[c] = std::int8_t(v >= -127.0f && v <= 127.0f ? v : v > 127.0f ? 127.0f : v < -127.0f ? -127.0f : 0.0f);
        }
    }
}

// Gives the source pages of a tensor that will not be read again back to the OS (file pages leave our RSS,
// heap pages are freed). Only whole pages inside the tensor are touched.
void release_pages(const TensorView& v) {
    if (v.nbytes < (std::size_t(1) << 20)) return;
    const auto page = std::uintptr_t(sysconf(_SC_PAGESIZE));
    const auto b = (reinterpret_cast<std::uintptr_t>(v.data) + page - 1) / page * page;
    const auto e = (reinterpret_cast<std::uintptr_t>(v.data) + v.nbytes) / page * page;
    if (e > b) madvise(reinterpret_cast<void*>(b), e - b, MADV_DONTNEED);
}

class Builder {
public:
    Builder(FastWeights& w, ThreadPool& pool) : w_(w), pool_(pool) {}

    FVec vec(const std::string& name) {
        const TensorView& t = w_.source.get(name);
        FVec out(std::size_t(t.numel()));
        t.to_f32(out);
        NonFiniteCheck::whole(w_.source, name, out.data(), out.size());
        return out;
    }

    /// A LoRA matrix as stored (fp32, fp16 or bf16, copied): never quantised, and its values are exactly those
    /// of an fp32 copy, without the memory.
    QMatrix lora(const std::string& name) { return matrix(name, w_.source.get(name).dtype); }

    /// A [rows, cols] (or [cols, rows] when transposed) matrix of `name` in dtype `dt`.
    QMatrix matrix(const std::string& name, DType dt, bool transpose = false) {
        const TensorView& v = w_.source.get(name);
        if (v.shape.size() != 2) throw Error(ErrorCode::Internal, "fast CPU weights: " + name + " is not 2-D");
        if (v.dtype != DType::F32 && v.dtype != DType::F16 && v.dtype != DType::BF16)
            throw Error(ErrorCode::Internal, "fast CPU weights: " + name + " is " + std::string(dtype_name(v.dtype)) +
                                                 ", readers dequantise block formats at load");
        const int R = int(v.shape[0]), Cc = int(v.shape[1]);
        QMatrix m;
        m.dtype = dt;
        m.rows = transpose ? Cc : R;
        m.cols = transpose ? R : Cc;
        const std::size_t n = std::size_t(R) * std::size_t(Cc);
        const std::size_t esz = dt == DType::I8 ? 1 : dtype_size(dt);
        const std::size_t scales = dt == DType::I8 ? std::size_t(m.rows) * std::size_t(m.groups()) : 0;
        const std::size_t scale_at = (n + 1) & ~std::size_t(1);  // 2-byte aligned fp16 scales after the int8 data
        void* data = alloc(n * esz + (scales > 0 ? scale_at - n + 2 * scales : 0));
        m.data = data;
        if (dt == DType::I8) m.scale = reinterpret_cast<const std::uint16_t*>(static_cast<std::byte*>(data) + scale_at);
        auto* scale = const_cast<std::uint16_t*>(m.scale);
        const int nt = pool_.size();
        // Every branch reports each value it reads, by its index in `v`; a value beyond fp16's (or bf16's) range is
        // refused where it is converted to that type, and one whose int8 group's scale would be beyond fp16's.
        NonFiniteCheck check(w_.source, name, dt,
                             dt == DType::F16 ? "load it with --dtype fp32, bf16 or int8"
                             : dt == DType::I8 ? "load it with --dtype fp32 or bf16"
                                               : "load it with --dtype fp32");
        if (!transpose && v.dtype == dt) {  // stored as run: copied out of the mapping, in parallel row ranges
            const std::size_t row_bytes = std::size_t(Cc) * esz;
            pool_.run([&](int t) {
                auto [r0, r1] = split_range(R, t, nt);
                for (int r = r0; r < r1; ++r) {  // a row at a time, checked while in cache
                    std::byte* row = static_cast<std::byte*>(data) + std::size_t(r) * row_bytes;
                    std::memcpy(row, v.data + std::size_t(r) * row_bytes, row_bytes);
                    check.stored(row, std::size_t(Cc), dt, std::int64_t(r) * Cc);
                }
            });
        } else if (dt == DType::I8) {
            // Whole output rows through an fp32 buffer (a tile of kTile rows when transposing), then per-group
            // absmax quantisation (kernels.h, kI8Group).
            const int tiles = (m.rows + kTile - 1) / kTile;
            pool_.run([&](int t) {
                auto [b0, b1] = split_range(tiles, t, nt);
                std::vector<float> buf(std::size_t(kTile) * std::size_t(m.cols));
                for (int b = b0; b < b1; ++b) {
                    const int o0 = b * kTile, on = std::min(kTile, m.rows - o0);
                    if (!transpose) {
                        for (int o = 0; o < on; ++o) read_row(v, std::size_t(o0 + o), 0, std::size_t(Cc), &buf[std::size_t(o) * Cc]);
                        check.floats(buf.data(), std::size_t(on) * std::size_t(Cc),
                                     [&](std::size_t j) { return std::int64_t(o0) * Cc + std::int64_t(j); });
                    } else {  // output row o = source column o0 + o
                        std::vector<float> part(static_cast<std::size_t>(on));
                        for (int s = 0; s < R; ++s) {
                            read_row(v, std::size_t(s), std::size_t(o0), std::size_t(on), part.data());
                            for (int o = 0; o < on; ++o) buf[std::size_t(o) * std::size_t(R) + std::size_t(s)] = part[std::size_t(o)];
                        }
                        check.floats(buf.data(), std::size_t(on) * std::size_t(R), [&](std::size_t j) {
                            return std::int64_t(j % std::size_t(R)) * Cc + o0 + std::int64_t(j / std::size_t(R));
                        });
                    }
                    for (int o = 0; o < on; ++o)
                        quantise_row(&buf[std::size_t(o) * std::size_t(m.cols)], m.cols,
                                     static_cast<std::int8_t*>(data) + std::size_t(o0 + o) * std::size_t(m.cols),
                                     scale + std::size_t(o0 + o) * std::size_t(m.groups()));
                }
            });
        } else if (!transpose) {
            pool_.run([&](int t) {
                auto [r0, r1] = split_range(R, t, nt);
                std::vector<float> row(static_cast<std::size_t>(Cc));
                for (int r = r0; r < r1; ++r) {
                    read_row(v, std::size_t(r), 0, std::size_t(Cc), row.data());
                    check.floats(row.data(), row.size(), [&](std::size_t j) { return std::int64_t(r) * Cc + std::int64_t(j); });
                    for (int c = 0; c < Cc; ++c) store(dt, data, std::size_t(r) * Cc + c, row[std::size_t(c)]);
                }
            });
        } else {
            const int tiles = (Cc + kTile - 1) / kTile;  // output-row tiles
            pool_.run([&](int t) {
                auto [b0, b1] = split_range(tiles, t, nt);
                std::vector<float> tile(std::size_t(kTile) * kTile);
                for (int b = b0; b < b1; ++b) {
                    const int o0 = b * kTile, on = std::min(kTile, Cc - o0);
                    for (int s0 = 0; s0 < R; s0 += kTile) {
                        const int sn = std::min(kTile, R - s0);
                        for (int s = 0; s < sn; ++s) {
                            read_row(v, std::size_t(s0 + s), std::size_t(o0), std::size_t(on), &tile[std::size_t(s) * kTile]);
                            check.floats(&tile[std::size_t(s) * kTile], std::size_t(on), [&](std::size_t j) {
                                return std::int64_t(s0 + s) * Cc + o0 + std::int64_t(j);
                            });
                        }
                        for (int o = 0; o < on; ++o)
                            for (int s = 0; s < sn; ++s)
                                store(dt, data, std::size_t(o0 + o) * R + std::size_t(s0 + s), tile[std::size_t(s) * kTile + o]);
                    }
                }
            });
        }
        release_pages(v);
        check.throw_if_found();
        return m;
    }

private:
    void* alloc(std::size_t bytes) {
        try {
            w_.owned.emplace_back(new std::byte[bytes]);
        } catch (const std::bad_alloc&) {
            throw Error(ErrorCode::OutOfMemory, "not enough memory to convert the weights (" +
                                                    std::to_string(bytes >> 20) + " MiB more needed)");
        }
        return w_.owned.back().get();
    }

    FastWeights& w_;
    ThreadPool& pool_;
};

}  // namespace

FastWeights load_fast_weights(WeightSet ws, DType dt, ThreadPool& pool) {
    if (dt != DType::F32 && dt != DType::F16 && dt != DType::BF16 && dt != DType::I8)
        throw Error(ErrorCode::InvalidArgument, "the CPU backend runs fp32, fp16, bf16 or int8 weights, not " +
                                                    std::string(dtype_name(dt)));
    if (dt == DType::I8 && ws.shape.n_embd > kMaxI8Cols)
        throw Error(ErrorCode::InvalidArgument, "int8 weights need n_embd <= " + std::to_string(kMaxI8Cols));
    FastWeights w;
    w.shape = ws.shape;
    w.dtype = dt;
    w.source = std::move(ws);
    Builder b(w, pool);
    w.emb = b.matrix("emb.weight", dt);
    w.head = b.matrix("head.weight", dt);
    w.ln0_w = b.vec("blocks.0.ln0.weight");
    w.ln0_b = b.vec("blocks.0.ln0.bias");
    w.ln_out_w = b.vec("ln_out.weight");
    w.ln_out_b = b.vec("ln_out.bias");
    w.layers.resize(std::size_t(w.shape.n_layer));
    for (int i = 0; i < w.shape.n_layer; ++i) {
        FastLayer& l = w.layers[std::size_t(i)];
        const std::string p = "blocks." + std::to_string(i) + ".", a = p + "att.";
        l.ln1_w = b.vec(p + "ln1.weight");
        l.ln1_b = b.vec(p + "ln1.bias");
        l.ln2_w = b.vec(p + "ln2.weight");
        l.ln2_b = b.vec(p + "ln2.bias");
        l.x_r = b.vec(a + "x_r");
        l.x_w = b.vec(a + "x_w");
        l.x_k = b.vec(a + "x_k");
        l.x_v = b.vec(a + "x_v");
        l.x_a = b.vec(a + "x_a");
        l.x_g = b.vec(a + "x_g");
        l.w0 = b.vec(a + "w0");
        l.a0 = b.vec(a + "a0");
        l.k_k = b.vec(a + "k_k");
        l.k_a = b.vec(a + "k_a");
        l.r_k = b.vec(a + "r_k");
        l.lnx_w = b.vec(a + "ln_x.weight");
        l.lnx_b = b.vec(a + "ln_x.bias");
        l.ffn_x_k = b.vec(p + "ffn.x_k");
        l.w1 = b.lora(a + "w1");
        l.w2 = b.lora(a + "w2");
        l.a1 = b.lora(a + "a1");
        l.a2 = b.lora(a + "a2");
        if (i > 0) {
            l.v0 = b.vec(a + "v0");
            l.v1 = b.lora(a + "v1");
            l.v2 = b.lora(a + "v2");
        }
        l.g1 = b.lora(a + "g1");
        l.g2 = b.lora(a + "g2");
        l.receptance = b.matrix(a + "receptance.weight", dt);
        l.key = b.matrix(a + "key.weight", dt);
        l.value = b.matrix(a + "value.weight", dt);
        l.output = b.matrix(a + "output.weight", dt);
        l.ffn_key = b.matrix(p + "ffn.key.weight", dt);
        l.ffn_value_t = b.matrix(p + "ffn.value.weight", dt, /*transpose=*/true);
    }
    w.source = WeightSet{};  // everything is copied: the file's mapping (or the reader's buffers) can go
    return w;
}

}  // namespace rwkv::cpu
