// The shader variants of the Vulkan backend for a device, a ModelConfig and a model width (vk_kernels.h), and
// the environment knobs they read. Moved from vk_model.cpp unchanged.
#include "vulkan/vk_kernels.h"

#include <algorithm>
#include <cstdlib>

#include "rwkv/error.h"

namespace rwkv::vk {
namespace {

bool pow2_le(std::uint32_t v, std::uint32_t max) { return v >= 1 && v <= max && (v & (v - 1)) == 0; }

constexpr std::uint32_t kAllRows = ~0u, kStageFewRows = 64;  // Kernels::i8_stage_rows of int8_gemm_stage 1 / 2

// The wide matvec's default layout (threads per workgroup, rows, column chunks) for a model width. H200, rwkv-cli
// bench B=1 fp16 (docs/perf-notes.md "The public API at the end of session 11"): 128 / 2 / 4 gives every thread all
// of its 16-byte loads at once from C = 2048 up (2.9B +7 %, 7.2B +3.6 %, 1.5B even); at C = 1024 half of them would
// be idle, and 256 / 8 / 1 reads 1-6 % faster.
struct WideLayout { std::uint32_t wg, rows, unroll; };
WideLayout default_wide_layout(int n_embd) {
    return n_embd >= 2048 ? WideLayout{128, 2, 4} : WideLayout{256, 8, 1};
}

}  // namespace

long env_int(const char* name, long fallback) {
    const char* v = std::getenv(name);
    if (!v || !*v) return fallback;
    char* end = nullptr;
    const long x = std::strtol(v, &end, 10);
    return end && *end == 0 ? x : fallback;
}

// The shader variants for this device, config and model width (config first, then the environment, then defaults).
Ops::Kernels choose_kernels(const Caps& caps, const ModelConfig& c, int n_embd) {
    Ops::Kernels k;
    std::string matvec = c.matvec;
    if (matvec.empty() && c.matvec_threads_per_row) matvec = "per_row";
    if (matvec.empty()) {
        const char* e = std::getenv("RWKV_VK_MATVEC");
        matvec = e ? e : "";
    }
    if (matvec.empty()) matvec = caps.cpu_device ? "per_row" : "wide";
    if (matvec != "per_row" && matvec != "wide") {
        throw Error(ErrorCode::InvalidArgument, "unknown Vulkan matvec kernel '" + matvec + "' (per_row, wide)");
    }
    k.matvec = matvec == "wide" ? MatvecKind::Wide : MatvecKind::PerRow;
    k.matvec_tpr = c.matvec_threads_per_row ? c.matvec_threads_per_row
                                            : std::uint32_t(env_int("RWKV_VK_TPR", caps.cpu_device ? 1 : 64));
    const WideLayout wide = default_wide_layout(n_embd);
    k.matvec_rows = c.matvec_rows ? c.matvec_rows : std::uint32_t(env_int("RWKV_VK_MATVEC_ROWS", wide.rows));
    k.matvec_unroll = c.matvec_unroll ? c.matvec_unroll : std::uint32_t(env_int("RWKV_VK_MATVEC_UNROLL", wide.unroll));
    if (k.matvec_unroll != 1 && k.matvec_unroll != 2 && k.matvec_unroll != 4) {
        throw Error(ErrorCode::InvalidArgument, "matvec column unroll must be 1, 2 or 4");
    }
    k.matvec_wg = c.matvec_workgroup ? c.matvec_workgroup : std::uint32_t(env_int("RWKV_VK_MATVEC_WG", wide.wg));
    if (k.matvec_wg != 64 && k.matvec_wg != 128 && k.matvec_wg != 256) {
        throw Error(ErrorCode::InvalidArgument, "matvec workgroup size must be 64, 128 or 256");
    }
    // int8 rows hold 16 columns per chunk, twice fp16's: unless set, fewer chunks are unrolled where the threads x
    // chunks would pass the row's end (those re-read a chunk with x = 0). 7.2B int8 B=1 on the H200: 4 chunks 4.652 ms
    // per token, 2 chunks 3.794 (docs/perf/vulkan-decode.md "Vulkan int8 B=1 (session 37)").
    k.matvec_unroll_i8 = k.matvec_unroll;
    const bool unroll_set = c.matvec_unroll || env_int("RWKV_VK_MATVEC_UNROLL", 0);
    while (!unroll_set && k.matvec_unroll_i8 > 1 && k.matvec_wg * k.matvec_unroll_i8 * 16 > std::uint32_t(n_embd))
        k.matvec_unroll_i8 /= 2;
    if (!pow2_le(k.matvec_tpr, 64) || !pow2_le(k.matvec_rows, 64)) {
        throw Error(ErrorCode::InvalidArgument, "matvec threads per row and rows per workgroup must be powers of two <= 64");
    }
    const int sg = c.subgroup >= 0 ? c.subgroup : int(env_int("RWKV_VK_SUBGROUP", -1));
    k.subgroup = sg < 0 ? (!caps.cpu_device && caps.subgroup_arithmetic) : sg == 1;
    if (k.subgroup && !caps.subgroup_arithmetic) {
        throw Error(ErrorCode::BackendUnavailable, "this Vulkan device has no subgroup arithmetic in compute shaders");
    }
    k.token_mix_slice = c.token_mix_slice ? c.token_mix_slice
                                          : std::uint32_t(env_int("RWKV_VK_TOKEN_MIX_SLICE", caps.cpu_device ? 0 : 256));
    // Rows path GEMMs on tensor cores where the device has them (RWKV_VK_COOP=0 also hides the extension).
    k.coop_gemm = caps.coop_matrix;
    k.coop_bm = std::uint32_t(env_int("RWKV_VK_COOP_BM", 0));
    k.coop_bn = std::uint32_t(env_int("RWKV_VK_COOP_BN", 0));
    k.coop_split_groups = std::uint32_t(env_int("RWKV_VK_COOP_SPLIT", 1024));
    k.few_rows = std::uint32_t(env_int("RWKV_VK_FEW_ROWS", 64));
    k.few_groups = std::uint32_t(std::max<long>(env_int("RWKV_VK_FEW_GROUPS", 256), 1));
    const int i8s = c.int8_storage >= 0 ? c.int8_storage : int(env_int("RWKV_VK_I8_STORAGE", -1));
    if (i8s == 1 && !caps.storage_8bit)
        throw Error(ErrorCode::BackendUnavailable, "this Vulkan device has no 8-bit storage buffers");
    k.i8_storage = i8s < 0 ? caps.storage_8bit : i8s == 1;
    // int8 rows path: fp16 copies where the tensor-core GEMMs run (they read fp16 weights), else gemm_i8 stages the
    // int8 weights itself (no copies, no fills; the same bits). int8_gemm_stage (RWKV_VK_I8_STAGE) 1: the
    // tensor-core GEMMs' int8 forms stage the int8 weights themselves instead of the copies (the same bits); 2: only
    // at most 64 rows (batched decode; the copies stay for prefill). Only where the device has them and
    // int8_gemm_copies is left at its default.
    const int copies = c.int8_gemm_copies >= 0 ? c.int8_gemm_copies : int(env_int("RWKV_VK_I8_COPIES", -1));
    // Default 2: 7.2B int8 on the H200 (session 37), B=64 step 18.39 ms on the copies, 14.36 staged (+28 % tok/s);
    // 1,024-token prefill 107.1 ms on the copies, 193.3 staged (docs/perf/vulkan-rows.md "Rows path v35").
    const int stage = c.int8_gemm_stage >= 0 ? c.int8_gemm_stage : int(env_int("RWKV_VK_I8_STAGE", 2));
    if (stage < 0 || stage > 2)
        throw Error(ErrorCode::InvalidArgument, "RWKV_VK_I8_STAGE / int8_gemm_stage must be 0, 1 or 2");
    if (stage > 0 && k.coop_gemm && copies < 0) k.i8_stage_rows = stage == 1 ? kAllRows : kStageFewRows;
    k.i8_copies = copies < 0 ? k.coop_gemm && k.i8_stage_rows != kAllRows : copies == 1;
    // int8 B=1 matvecs by the integer dot product: by default where the driver runs it accelerated (NVIDIA; not
    // lavapipe, whose default stays the float word path). H100, 7.2B int8 B=1, one process per line (session 41,
    // docs/perf/vulkan-decode.md "int8 dot measured"): word path 280.4 tok/s, dot at 8 rows 292.3, 4 rows 297.3,
    // 2 rows 270. Asked for (1) on a device with the extension but not accelerated: the dot path; on a device
    // without it, the float word path (no error: the same results within the quantization of x). The x chunk's
    // quantization (~77 instructions) is shared by the workgroup's rows; each row's chunk costs ~12 (8 dot products,
    // 2 FADD, 2 FFMA): 2 rows spend more per weight than the word path, 8 rows leave fewer workgroups in flight.
    const int dot = c.int8_dot != -1 ? c.int8_dot : int(env_int("RWKV_VK_I8_DOT", -1));
    if (dot < -1 || dot > 1) throw Error(ErrorCode::InvalidArgument, "RWKV_VK_I8_DOT / int8_dot must be -1 (default), 0 or 1");
    k.i8_dot = dot < 0 ? caps.int_dot && caps.int_dot_accelerated : dot == 1 && caps.int_dot;
    k.i8_dot_rows = c.int8_dot_rows ? c.int8_dot_rows
                                    : std::uint32_t(env_int("RWKV_VK_I8_DOT_ROWS", std::max<long>(k.matvec_rows, 4)));
    if (!pow2_le(k.i8_dot_rows, 64)) throw Error(ErrorCode::InvalidArgument, "int8 dot rows must be a power of two <= 64");
    // The B=1 step's x quantized once for those matvecs, by the kernel that writes it (token_mix_xq, wkv7_xq), instead
    // of by each of their workgroups (~77 instructions a 16-column chunk, ~60 % of a 4-row workgroup's issue); the same
    // bits. By default on where the dot form is on by default (the driver runs it accelerated): H200 7.2B int8 B=1,
    // 4 rows, 336.7 -> 347.3 tok/s, both alternations (docs/perf/vulkan-decode.md "x quantized once measured"). Only
    // with the dot form on the wide matvec, 16-column chunks (C % 16 == 0) and token mix slices of whole chunks.
    const int xq = c.int8_xq != -1 ? c.int8_xq : int(env_int("RWKV_VK_I8_XQ", -1));
    if (xq < -1 || xq > 1) throw Error(ErrorCode::InvalidArgument, "RWKV_VK_I8_XQ / int8_xq must be -1 (default), 0 or 1");
    const bool xq_on = xq < 0 ? caps.int_dot_accelerated : xq == 1;
    k.i8_xq = xq_on && k.i8_dot && k.matvec == MatvecKind::Wide && n_embd % 16 == 0 && k.token_mix_slice % 16 == 0;
    auto tile_ok = [](std::uint32_t v) { return v == 16 || v == 32 || v == 64 || v == 128; };
    if ((k.coop_bm != 0 && !tile_ok(k.coop_bm)) || (k.coop_bn != 0 && !tile_ok(k.coop_bn))) {
        throw Error(ErrorCode::InvalidArgument,
                    "RWKV_VK_COOP_BM / RWKV_VK_COOP_BN must be 16, 32, 64 or 128 (0: by rows)");
    }
    return k;
}

std::string describe_kernels(const Ops::Kernels& k, bool sparse, bool int8) {
    std::string s = k.matvec == MatvecKind::Wide
                        ? "matvec wide/" + std::to_string(k.matvec_rows) + " x" +
                              std::to_string(int8 ? k.matvec_unroll_i8 : k.matvec_unroll) +
                              " wg" + std::to_string(k.matvec_wg)
                        : "matvec per_row/" + std::to_string(k.matvec_tpr);
    s += k.subgroup ? ", subgroup reductions" : ", shared-memory reductions";
    s += k.token_mix_slice ? ", token mix " + std::to_string(k.token_mix_slice) + "/group" : ", token mix 1 group";
    s += sparse ? ", sparse ffn" : ", dense ffn";
    if (k.coop_gemm)
        s += ", coop gemm " + (k.coop_bm ? std::to_string(k.coop_bm) : "64/128") + "x" +
             (k.coop_bn ? std::to_string(k.coop_bn) : "64/128") +
             " split " + std::to_string(k.coop_split_groups);
    if (k.coop_gemm && k.few_rows)
        s += ", few-rows gemm <= " + std::to_string(k.few_rows) + " rows, " + std::to_string(k.few_groups) + " groups";
    if (int8)
        s += std::string(k.i8_storage ? ", int8 via 8-bit storage" : ", int8 as words") +
             (k.matvec == MatvecKind::Wide && k.i8_dot ? ", int8 matvec dot/" + std::to_string(k.i8_dot_rows) : "") +
             (k.i8_xq ? ", x quantized once" : "") +
             (k.i8_stage_rows == kAllRows ? ", rows path tensor-core gemms on int8"
              : k.i8_stage_rows           ? ", rows path tensor-core gemms on int8 at <= 64 rows, fp16 copies above"
              : k.i8_copies               ? ", rows path on fp16 copies"
                                          : ", rows path gemm_i8");
    return s;
}

}  // namespace rwkv::vk
