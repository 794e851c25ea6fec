// libFuzzer target: GGUF checkpoints (metadata, tensor infos, K-quant and legacy block dequantisation).
#include "fuzz_common.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    return rwkv_fuzz::run_reader(data, size, rwkv::formats::read_gguf);
}
