// rwkv/state.h — the recurrent state of one sequence (RWKV-7 spec §5).
// Per layer, in this order: att_x [C] (last ln1 output, time-mix token shift), wkv [H, N, N] fp32 with
// element (h, m, j) at (h*N + m)*N + j, m = value row, j = key column, and ffn_x [C] (last ln2 output).
// All-zero is the initial state. The state lives with the model's backend (host memory for the CPU
// backend, device memory for GPU backends); to_host()/from_host() move it in the layout above.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "rwkv/shape.h"

namespace rwkv {

/// Backend-side storage of one state. Backends implement it; users hold a State.
class StateStorage {
public:
    virtual ~StateStorage() = default;
    virtual void download(std::span<float> dst) const = 0;     // dst.size() == shape.state_floats()
    virtual void upload(std::span<const float> src) = 0;       // src.size() == shape.state_floats()
    virtual void clear() = 0;                                   // all zeros
    virtual std::unique_ptr<StateStorage> clone() const = 0;
    /// Host pointer to the state when it lives in host memory (CPU backend), else nullptr.
    virtual float* host_data() noexcept { return nullptr; }
};

/// One sequence's state (layout in the file comment): shape().state_floats() fp32 values = L · (2C + H·N·N), on the
/// model's backend (Model::new_state). Move-only. Every call below on an empty State (default-constructed or moved
/// from: valid() false) throws Error(InvalidArgument).
class State {
public:
    State() = default;
    State(ModelShape shape, std::unique_ptr<StateStorage> storage)
        : shape_(shape), storage_(std::move(storage)) {}

    State(State&&) noexcept = default;
    State& operator=(State&&) noexcept = default;
    State(const State&) = delete;
    State& operator=(const State&) = delete;

    bool valid() const noexcept { return storage_ != nullptr; }
    const ModelShape& shape() const noexcept { return shape_; }
    std::size_t size() const noexcept { return shape_.state_floats(); }  // floats

    /// A deep copy on the same backend.
    State clone() const;
    void clear();
    /// All floats in spec §5 layout (a device-to-host copy on a GPU backend).
    std::vector<float> to_host() const;
    /// Replaces the content. Throws Error(StateMismatch) when src.size() != size().
    void from_host(std::span<const float> src);

    StateStorage* storage() noexcept { return storage_.get(); }
    const StateStorage* storage() const noexcept { return storage_.get(); }

private:
    ModelShape shape_;
    std::unique_ptr<StateStorage> storage_;
};

/// Host-memory storage used by the CPU backend (and by tests).
std::unique_ptr<StateStorage> make_host_state_storage(std::size_t floats);

}  // namespace rwkv
