// State and the host-memory StateStorage (rwkv/state.h).
#include "rwkv/state.h"

#include <algorithm>

#include "rwkv/error.h"

namespace rwkv {
namespace {

class HostStateStorage final : public StateStorage {
public:
    explicit HostStateStorage(std::size_t floats) : data_(floats, 0.0f) {}
    void download(std::span<float> dst) const override { std::copy(data_.begin(), data_.end(), dst.begin()); }
    void upload(std::span<const float> src) override { std::copy(src.begin(), src.end(), data_.begin()); }
    void clear() override { std::fill(data_.begin(), data_.end(), 0.0f); }
    std::unique_ptr<StateStorage> clone() const override { return std::make_unique<HostStateStorage>(*this); }
    float* host_data() noexcept override { return data_.data(); }

private:
    std::vector<float> data_;
};

void require_valid(const State& s) {
    if (!s.valid()) throw Error(ErrorCode::InvalidArgument, "state is empty (moved-from or default-constructed)");
}

}  // namespace

std::unique_ptr<StateStorage> make_host_state_storage(std::size_t floats) {
    return std::make_unique<HostStateStorage>(floats);
}

State State::clone() const {
    require_valid(*this);
    return State(shape_, storage_->clone());
}

void State::clear() {
    require_valid(*this);
    storage_->clear();
}

std::vector<float> State::to_host() const {
    require_valid(*this);
    std::vector<float> out(size());
    storage_->download(out);
    return out;
}

void State::from_host(std::span<const float> src) {
    require_valid(*this);
    if (src.size() != size()) {
        throw Error(ErrorCode::StateMismatch, "state has " + std::to_string(src.size()) + " floats, the model needs " +
                                                  std::to_string(size()) + " (" + shape_.to_string() + ")");
    }
    storage_->upload(src);
}

}  // namespace rwkv
