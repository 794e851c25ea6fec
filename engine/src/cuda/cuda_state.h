// Device-memory StateStorage of the CUDA backend: the spec §5 layout, fp32, in one cudaMalloc.
#pragma once

#include "rwkv/state.h"

namespace rwkv::cuda {

class CudaStateStorage final : public StateStorage {
public:
    CudaStateStorage(int device, std::size_t floats);  // zeroed; throws OutOfMemory
    ~CudaStateStorage() override;
    CudaStateStorage(const CudaStateStorage&) = delete;
    CudaStateStorage& operator=(const CudaStateStorage&) = delete;

    void download(std::span<float> dst) const override;
    void upload(std::span<const float> src) override;
    void clear() override;
    std::unique_ptr<StateStorage> clone() const override;

    float* device_data() const noexcept { return data_; }
    int device() const noexcept { return device_; }

private:
    int device_;
    std::size_t floats_;
    float* data_ = nullptr;
};

}  // namespace rwkv::cuda
