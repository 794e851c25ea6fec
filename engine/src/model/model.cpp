// Model: backend dispatch for load/from_weights, input validation shared by every backend, and state
// export/import through the blob format (rwkv/model.h).
#include "rwkv/model.h"

#include "cpu/cpu_model.h"
#include "rwkv/error.h"
#include "rwkv/state_blob.h"

namespace rwkv {

std::unique_ptr<Model> Model::load(const std::filesystem::path& path, const LoadOptions& options) {
    return from_weights(load_weights(path), options);
}

std::unique_ptr<Model> Model::from_weights(WeightSet weights, const LoadOptions& options) {
    const std::string& b = options.backend;
    if (b == "cpu" || b == "auto" || b.empty()) return make_cpu_model(std::move(weights), options);
    throw Error(ErrorCode::BackendUnavailable,
                "backend '" + b + "' is not available in this build (available: cpu)");
}

void Model::check_tokens(std::span<const std::int32_t> tokens) const {
    if (tokens.empty()) throw Error(ErrorCode::InvalidArgument, "forward() needs at least one token");
    const int V = shape().vocab_size;
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        if (tokens[i] < 0 || tokens[i] >= V) {
            throw Error(ErrorCode::InvalidToken, "token id " + std::to_string(tokens[i]) + " at position " +
                                                     std::to_string(i) + " is outside [0, " + std::to_string(V) + ")");
        }
    }
}

void Model::check_state(const State& state) const {
    if (!state.valid() || !(state.shape() == shape())) {
        throw Error(ErrorCode::StateMismatch, "state does not belong to this model (" + shape().to_string() + ")");
    }
}

std::vector<std::byte> Model::export_state(const State& state) const {
    check_state(state);
    return encode_state_blob(fingerprint(), state.to_host());
}

State Model::import_state(std::span<const std::byte> blob) const {
    std::vector<float> host = decode_state_blob(blob, fingerprint());
    State s = new_state();
    s.from_host(host);
    return s;
}

}  // namespace rwkv
