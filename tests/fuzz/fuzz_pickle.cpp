// libFuzzer target: the restricted unpickler of .pth state dicts on its own (the pickle bytes of data.pkl).
#include <cstddef>
#include <cstdint>

#include "formats/pickle.h"
#include "rwkv/error.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    try {
        const auto records = rwkv::formats::unpickle_state_dict({reinterpret_cast<const std::byte*>(data), size}, "fuzz-input");
        volatile std::size_t sink = 0;
        for (const auto& [name, t] : records) sink = sink + name.size() + t.storage_key.size() + t.size.size() + t.stride.size();
    } catch (const rwkv::Error&) {
    }
    return 0;
}
