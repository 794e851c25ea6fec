// libFuzzer target: .pth checkpoints (ZIP index + restricted unpickler + tensor views).
#include "fuzz_common.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    return rwkv_fuzz::run_reader(data, size, rwkv::formats::read_pth);
}
