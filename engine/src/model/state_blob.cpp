// The versioned state blob (rwkv/state_blob.h; docs/state-blob.md): encode, and decode with every check a
// blob from disk needs — size, magic, version, dtype, fingerprint, shape, payload length, checksum.
#include "rwkv/state_blob.h"

#define XXH_INLINE_ALL
#include <xxhash.h>

#include <cstring>

#include "rwkv/error.h"

namespace rwkv {
namespace {

constexpr char kMagic[8] = {'R', 'W', 'K', 'V', 'S', 'T', '0', '1'};
constexpr std::uint32_t kVersion = 1;
constexpr std::uint32_t kDTypeF32 = 0;
constexpr std::size_t kHeaderBytes = 72;
constexpr std::size_t kChecksumBytes = 8;

template <typename T>
void put(std::vector<std::byte>& out, std::size_t at, T v) {
    std::memcpy(out.data() + at, &v, sizeof v);  // little-endian hosts only (x86-64, arm64)
}
template <typename T>
T get(std::span<const std::byte> in, std::size_t at) {
    T v;
    std::memcpy(&v, in.data() + at, sizeof v);
    return v;
}

void shape_to_ints(const ModelShape& s, std::int32_t out[10]) {
    const int v[10] = {s.n_layer, s.n_embd, s.n_head, s.head_size, s.vocab_size,
                       s.dim_ffn, s.lora_w, s.lora_a, s.lora_v, s.lora_g};
    for (int i = 0; i < 10; ++i) out[i] = v[i];
}

}  // namespace

std::vector<std::byte> encode_state_blob(const ModelFingerprint& fp, std::span<const float> state) {
    if (state.size() != fp.shape.state_floats()) {
        throw Error(ErrorCode::StateMismatch, "state size does not match the model it is saved for");
    }
    const std::size_t payload = state.size() * sizeof(float);
    std::vector<std::byte> out(kHeaderBytes + payload + kChecksumBytes);
    std::memcpy(out.data(), kMagic, 8);
    put<std::uint32_t>(out, 8, kVersion);
    put<std::uint32_t>(out, 12, kDTypeF32);
    put<std::uint64_t>(out, 16, fp.hash);
    std::int32_t dims[10];
    shape_to_ints(fp.shape, dims);
    std::memcpy(out.data() + 24, dims, sizeof dims);
    put<std::uint64_t>(out, 64, payload);
    std::memcpy(out.data() + kHeaderBytes, state.data(), payload);
    put<std::uint64_t>(out, kHeaderBytes + payload, XXH3_64bits(out.data(), kHeaderBytes + payload));
    return out;
}

std::span<const std::byte> state_blob_payload(std::span<const std::byte> blob, const ModelFingerprint& expected) {
    if (blob.size() < kHeaderBytes + kChecksumBytes) {
        throw Error(ErrorCode::CorruptState, "state blob is truncated (" + std::to_string(blob.size()) + " bytes)");
    }
    if (std::memcmp(blob.data(), kMagic, 8) != 0) {
        throw Error(ErrorCode::CorruptState, "not an RWKV state blob (bad magic)");
    }
    const auto version = get<std::uint32_t>(blob, 8);
    if (version != kVersion) {
        throw Error(ErrorCode::CorruptState, "state blob format version " + std::to_string(version) +
                                                 " is not supported (this build reads version 1)");
    }
    const auto payload = get<std::uint64_t>(blob, 64);
    if (payload > blob.size() || blob.size() - kHeaderBytes - kChecksumBytes != payload) {
        throw Error(ErrorCode::CorruptState, "state blob is truncated or has trailing bytes");
    }
    const auto stored_sum = get<std::uint64_t>(blob, kHeaderBytes + payload);
    if (XXH3_64bits(blob.data(), kHeaderBytes + payload) != stored_sum) {
        throw Error(ErrorCode::CorruptState, "state blob checksum mismatch (the data is damaged)");
    }
    if (get<std::uint32_t>(blob, 12) != kDTypeF32) {
        throw Error(ErrorCode::StateMismatch, "state blob dtype is not fp32");
    }
    std::int32_t dims[10], want[10];
    std::memcpy(dims, blob.data() + 24, sizeof dims);
    shape_to_ints(expected.shape, want);
    if (std::memcmp(dims, want, sizeof dims) != 0 || get<std::uint64_t>(blob, 16) != expected.hash) {
        throw Error(ErrorCode::StateMismatch, "state blob was made by another model (fingerprint " +
                                                  ModelFingerprint{{}, get<std::uint64_t>(blob, 16)}.to_string() +
                                                  ", loaded model " + expected.to_string() + ")");
    }
    if (payload != expected.shape.state_floats() * sizeof(float)) {
        throw Error(ErrorCode::CorruptState, "state blob payload size does not match its shape");
    }
    return blob.subspan(kHeaderBytes, payload);
}

std::vector<float> decode_state_blob(std::span<const std::byte> blob, const ModelFingerprint& expected) {
    const std::span<const std::byte> payload = state_blob_payload(blob, expected);
    std::vector<float> state(expected.shape.state_floats());
    std::memcpy(state.data(), payload.data(), payload.size());
    return state;
}

}  // namespace rwkv
