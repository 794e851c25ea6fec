// libFuzzer target: state blobs (docs/state-blob.md) imported into the tiny model. Each input is tried as it is
// and once more with its trailing checksum recomputed, so that mutations reach the checks behind the checksum.
#include <cstdlib>
#include <cstring>
#include <memory>
#include <vector>

#define XXH_INLINE_ALL
#include <xxhash.h>

#include "rwkv/error.h"
#include "rwkv/model.h"

namespace {
std::unique_ptr<rwkv::Model> g_model;

void try_import(const std::vector<std::byte>& blob) {
    try {
        const rwkv::State s = g_model->import_state(blob);
        if (s.to_host().size() != g_model->shape().state_floats()) std::abort();  // accepted with a wrong size
    } catch (const rwkv::Error&) {
    }
}
}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    g_model = rwkv::Model::load(RWKV_TESTDATA_DIR "/tiny-rwkv7-834K.safetensors");
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::vector<std::byte> blob(reinterpret_cast<const std::byte*>(data), reinterpret_cast<const std::byte*>(data) + size);
    try_import(blob);
    if (size >= 8) {
        const std::uint64_t sum = XXH3_64bits(blob.data(), size - 8);
        std::memcpy(blob.data() + size - 8, &sum, 8);
        try_import(blob);
    }
    return 0;
}
