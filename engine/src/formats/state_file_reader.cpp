// State-tuning files (rwkv/state_file.h): the .pth / .safetensors readers' tensors, checked to be exactly
// blocks.{0..L-1}.att.time_state of one [H, 64, 64] shape, finite, and transposed into our wkv layout.
#include <cmath>
#include <cstring>
#include <map>
#include <string_view>

#include "formats/byte_reader.h"
#include "formats/mapped_file.h"
#include "formats/readers.h"
#include "rwkv/error.h"
#include "rwkv/file_kind.h"
#include "rwkv/state_file.h"

namespace rwkv {
namespace {

constexpr std::string_view kSuffix = ".att.time_state";
constexpr int kMaxLayers = 1024;  // the largest RWKV-7 has 61

/// Names only a model checkpoint has (spec §2.1; after the readers' renaming of HF names).
bool model_tensor(std::string_view name) {
    return name == "emb.weight" || name == "head.weight" || name == "ln_out.weight" ||
           (name.substr(0, 7) == "blocks." && (name.find(".att.key.weight") != std::string_view::npos ||
                                               name.find(".ffn.key.weight") != std::string_view::npos));
}

constexpr const char* kWhatItIs = "a state-tuning file (a .pth or .safetensors of blocks.{i}.att.time_state tensors)";

/// The container's tensors (the checkpoint readers', which also check the index against the file), or an Error for a
/// file that is no .pth / .safetensors at all.
WeightSet read_container(const std::shared_ptr<const formats::MappedFile>& file) {
    const auto b = file->bytes();
    const formats::MappedFile& f = *file;
    if (b.empty()) formats::fail(ErrorCode::EmptyFile, f, std::string("empty file, not ") + kWhatItIs);
    if (b.size() >= 4 && std::memcmp(b.data(), "PK\x03\x04", 4) == 0) return formats::read_pth(file);
    if (b.size() >= 9 && std::to_integer<char>(b[8]) == '{') return formats::read_safetensors(file);
    if (formats::has_zip_end_record(b)) return formats::read_pth(file);
    if (formats::lower_extension(f) == ".pth" && b.size() < 4)
        formats::fail_truncated(f, "it is " + std::to_string(b.size()) +
                                       " bytes, shorter than the 4 bytes every .pth file starts with");
    std::string kind;
    if (b.size() >= 4 && std::memcmp(b.data(), "GGUF", 4) == 0) kind = "a llama.cpp GGUF model file";
    else if (b.size() >= 4 && formats::load_le<std::uint32_t>(b.data()) == 0x67676D66u) kind = "an rwkv.cpp model file";
    else kind = describe_foreign_file(b);
    formats::fail(ErrorCode::UnsupportedFormat, f,
                  std::string("not ") + kWhatItIs + (kind.empty() ? std::string() : ": it is " + kind) +
                      "; first bytes " + formats::first_bytes_hex(b));
}

/// Layer -> tensor of a container that is a state-tuning file; refuses anything else in it.
std::map<int, const TensorView*> time_state_tensors(const WeightSet& ws, const formats::MappedFile& f) {
    std::map<int, const TensorView*> layers;
    std::string other;
    for (const auto& [name, view] : ws.tensors()) {
        if (model_tensor(name))
            formats::fail(ErrorCode::UnsupportedFormat, f,
                          "this is a model checkpoint (it holds " + formats::quoted_name(name) + " and " +
                              std::to_string(ws.tensors().size() - 1) + " other tensors), not " + kWhatItIs +
                              ": open it as the model");
        const int layer = formats::time_state_layer(name);
        if (layer >= 0) layers[layer] = &view;
        else if (other.empty()) other = name;
    }
    if (layers.empty())
        formats::fail(ErrorCode::UnsupportedFormat, f,
                      std::string("holds no blocks.{i}.att.time_state tensor, so it is not ") + kWhatItIs +
                          (other.empty() ? std::string(" (it holds no tensors)")
                                         : " (its first tensor is " + formats::quoted_name(other) + ")"));
    if (!other.empty())
        formats::fail(ErrorCode::CorruptFile, f,
                      "holds the tensor " + formats::quoted_name(other) +
                          ", which is no part of a state-tuning file (only blocks.{i}.att.time_state, one per layer)");
    const int n_layer = layers.rbegin()->first + 1;
    if (int(layers.size()) != n_layer) {
        int missing = 0;
        while (layers.count(missing)) ++missing;
        formats::fail(ErrorCode::CorruptFile, f,
                      "blocks." + std::to_string(missing) + ".att.time_state is missing (the file has " +
                          std::to_string(layers.size()) + " of the " + std::to_string(n_layer) +
                          " layers up to its last, blocks." + std::to_string(n_layer - 1) + ")");
    }
    return layers;
}

}  // namespace

namespace {

StateFile read_state_file_from(const std::shared_ptr<const formats::MappedFile>& file) {
    const formats::MappedFile& f = *file;
    const WeightSet ws = read_container(file);
    const auto layers = time_state_tensors(ws, f);

    StateFile out;
    out.format = ws.format;
    out.n_layer = int(layers.size());
    const TensorView& first = *layers.begin()->second;
    out.dtype = first.dtype;
    for (const auto& [layer, view] : layers) {
        const std::string name = "blocks." + std::to_string(layer) + ".att.time_state";
        const auto& s = view->shape;
        if (s.size() != 3 || s[1] != s[2] || s[0] < 1)
            formats::fail(ErrorCode::CorruptFile, f,
                          "tensor " + name + " has shape " + formats::shape_str(s) + ", expected [H, 64, 64]");
        if (s[1] != 64)
            formats::fail(ErrorCode::UnsupportedModel, f,
                          "tensor " + name + " has shape " + formats::shape_str(s) + ": head size " +
                              std::to_string(s[1]) + "; only RWKV-7 with head size 64 is supported");
        if (s != first.shape)
            formats::fail(ErrorCode::CorruptFile, f,
                          "tensor " + name + " has shape " + formats::shape_str(s) + ", blocks." +
                              std::to_string(layers.begin()->first) + ".att.time_state " +
                              formats::shape_str(first.shape) + ": every layer's must be the same");
    }
    out.n_head = int(first.shape[0]);
    out.head_size = int(first.shape[1]);
    const std::size_t n = std::size_t(out.head_size), per_layer = std::size_t(out.n_head) * n * n;
    out.wkv.resize(per_layer * std::size_t(out.n_layer));
    std::vector<float> raw(per_layer);
    for (const auto& [layer, view] : layers) {
        view->to_f32(raw);
        for (std::size_t i = 0; i < per_layer; ++i)
            if (!std::isfinite(raw[i]))
                formats::fail(ErrorCode::CorruptFile, f,
                              "tensor blocks." + std::to_string(layer) + ".att.time_state holds " +
                                  (std::isnan(raw[i]) ? "NaN" : "infinity") + " (element " + std::to_string(i) +
                                  " of " + std::to_string(per_layer) + "): the file is damaged");
        // file [h][a][b] -> ours (h, m = b, j = a): time_state.transpose(1, 2).
        float* dst = out.wkv.data() + std::size_t(layer) * per_layer;
        for (std::size_t h = 0; h < std::size_t(out.n_head); ++h)
            for (std::size_t a = 0; a < n; ++a)
                for (std::size_t b = 0; b < n; ++b) dst[(h * n + b) * n + a] = raw[(h * n + a) * n + b];
    }
    return out;
}

}  // namespace

int formats::time_state_layer(std::string_view name) {
    constexpr std::string_view kPre = "blocks.";
    if (name.size() <= kPre.size() + kSuffix.size() || name.substr(0, kPre.size()) != kPre ||
        name.substr(name.size() - kSuffix.size()) != kSuffix)
        return -1;
    const std::string_view digits = name.substr(kPre.size(), name.size() - kPre.size() - kSuffix.size());
    if (digits.empty() || digits.size() > 4 || (digits.size() > 1 && digits[0] == '0')) return -1;
    int i = 0;
    for (char c : digits) {
        if (c < '0' || c > '9') return -1;
        i = i * 10 + (c - '0');
    }
    return i < kMaxLayers ? i : -1;
}

StateFile read_state_file(const std::filesystem::path& path) {
    return read_state_file_from(formats::MappedFile::open(path));
}

StateFile read_state_file(std::span<const std::byte> bytes, const std::filesystem::path& name) {
    return read_state_file_from(formats::MappedFile::from_memory(bytes, name));
}

bool is_state_file(const std::filesystem::path& path) noexcept {
    try {
        const auto file = formats::MappedFile::open(path);
        const WeightSet ws = read_container(file);
        bool time_state = false;
        for (const auto& [name, view] : ws.tensors()) {
            if (name == "emb.weight") return false;
            time_state = time_state || formats::time_state_layer(name) >= 0;
        }
        return time_state;
    } catch (...) {
        return false;
    }
}

std::vector<float> state_file_floats(const StateFile& file, const ModelShape& shape) {
    if (file.n_layer != shape.n_layer || file.n_head != shape.n_head || file.head_size != shape.head_size)
        throw Error(ErrorCode::StateMismatch,
                    "the state-tuning file is for a model of L" + std::to_string(file.n_layer) + " H" +
                        std::to_string(file.n_head) + " N" + std::to_string(file.head_size) + " (C " +
                        std::to_string(file.n_head * file.head_size) + "); the loaded model is L" +
                        std::to_string(shape.n_layer) + " H" + std::to_string(shape.n_head) + " N" +
                        std::to_string(shape.head_size) + " (C " + std::to_string(shape.n_embd) + ")");
    const std::size_t c = std::size_t(shape.n_embd), wkv = std::size_t(shape.n_head) * shape.head_size * shape.head_size;
    std::vector<float> out(shape.state_floats(), 0.0f);
    for (std::size_t l = 0; l < std::size_t(shape.n_layer); ++l)
        std::memcpy(out.data() + l * shape.state_floats_per_layer() + c, file.wkv.data() + l * wkv, wkv * sizeof(float));
    return out;
}

}  // namespace rwkv
