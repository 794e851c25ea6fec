// libFuzzer target: RWKV state-tuning files (rwkv/state_file.h: a .pth or .safetensors of blocks.{i}.att.time_state),
// read from memory as the app reads them (it hashes the bytes it parses), then laid into a whole state of the same
// L and H (state_file_floats). Only rwkv::Error may escape; a file accepted must hold exactly L·H·N·N finite floats
// (the reader refuses NaN and infinity), and its whole state their values with zero token shifts.
#include <cmath>
#include <cstdlib>
#include <span>
#include <vector>

#include "rwkv/error.h"
#include "rwkv/shape.h"
#include "rwkv/state_file.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    try {
        const rwkv::StateFile f =
            rwkv::read_state_file(std::span(reinterpret_cast<const std::byte*>(data), size), "fuzz-input.pth");
        const std::size_t n = std::size_t(f.n_layer) * f.n_head * f.head_size * f.head_size;
        if (f.n_layer < 1 || f.n_head < 1 || f.wkv.size() != n) std::abort();
        for (const float v : f.wkv)
            if (!std::isfinite(v)) std::abort();
        rwkv::ModelShape shape;
        shape.n_layer = f.n_layer;
        shape.n_head = f.n_head;
        shape.head_size = f.head_size;
        shape.n_embd = f.n_head * f.head_size;
        const std::vector<float> whole = rwkv::state_file_floats(f, shape);
        if (whole.size() != shape.state_floats()) std::abort();
        for (int l = 0; l < shape.n_layer; ++l)  // the token shifts of every layer stay zero
            for (int c = 0; c < shape.n_embd; ++c)
                if (whole[l * shape.state_floats_per_layer() + c] != 0.0f ||
                    whole[(l + 1) * shape.state_floats_per_layer() - 1 - c] != 0.0f)
                    std::abort();
    } catch (const rwkv::Error&) {
    }
    return 0;
}
