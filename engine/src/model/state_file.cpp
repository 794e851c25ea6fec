// load_state_file (rwkv/state_file.h): a state-tuning file read by rwkv_formats, uploaded as a model's state.
#include "rwkv/state_file.h"

#include "rwkv/error.h"

namespace rwkv {

State load_state_file(const std::filesystem::path& path, const Model& model) {
    const StateFile file = read_state_file(path);
    std::vector<float> floats;
    try {
        floats = state_file_floats(file, model.shape());
    } catch (const Error& e) {
        throw Error(e.code(), path.filename().string() + ": " + e.what());
    }
    State s = model.new_state();
    s.from_host(floats);
    return s;
}

}  // namespace rwkv
