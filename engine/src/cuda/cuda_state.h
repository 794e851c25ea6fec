// Device-memory StateStorage of the CUDA backend: the spec §5 layout, fp32, in one cudaMalloc; with the v18
// fp16-state option of batched decode also an fp16 copy of the WKV matrices (allocated on first use). The newer
// of the two WKV forms is tracked here: every reader of the fp32 state (export, clone, batch-1 decode, prefill,
// fp32 batched decode) first gets the fp16 copy widened back (exact), so a state resumes from whatever the last
// step wrote; entering the fp16 form rounds the fp32 WKV matrices to fp16 once.
#pragma once

#include <cstdint>

#include "rwkv/state.h"

namespace rwkv::cuda {

class CudaStateStorage final : public StateStorage {
public:
    /// floats = n_layer * (66 * n_embd) (head size 64); zeroed; throws OutOfMemory.
    CudaStateStorage(int device, std::size_t floats, int n_layer, int n_embd);
    ~CudaStateStorage() override;
    CudaStateStorage(const CudaStateStorage&) = delete;
    CudaStateStorage& operator=(const CudaStateStorage&) = delete;

    void download(std::span<float> dst) const override;  // fp32 (the fp16 copy widened first when newer)
    void upload(std::span<const float> src) override;
    void clear() override;
    std::unique_ptr<StateStorage> clone() const override;

    /// The fp32 state for kernels that read and write all of it: the WKV matrices are widened from the fp16
    /// copy first when that is newer; the fp16 copy is then stale. Enqueued on the legacy default stream.
    float* device_data();
    /// v18 fp16-state mode: the fp16 copy of the WKV matrices ([n_layer, n_embd/64, 64, 64] fp16 bits) for a
    /// kernel that reads and writes it, refreshed (rounded) from the fp32 state when that is newer; the fp32 WKV
    /// matrices are then stale, its token-shift vectors (device_shift_data) stay current. Allocates the copy
    /// (n_layer * 64 * n_embd * 2 bytes) on first use; throws OutOfMemory.
    std::uint16_t* device_wkv16();
    /// device_wkv16 for a caller that selected the device already (v57, batched decode's tables): when the fp16 copy
    /// is current, no device call at all.
    std::uint16_t* device_wkv16_current() {
        if (wkv16_ == nullptr || !f16_ok_) return device_wkv16();
        f32_ok_ = false;
        return wkv16_;
    }
    /// The fp32 state for kernels that touch only its token-shift vectors (no conversion).
    float* device_shift_data() const noexcept { return data_; }
    bool wkv16_newer() const noexcept { return !f32_ok_; }
    int device() const noexcept { return device_; }

private:
    void sync_f32() const;
    int device_;
    std::size_t floats_;
    int n_layer_, n_embd_;
    float* data_ = nullptr;
    std::uint16_t* wkv16_ = nullptr;
    mutable bool f32_ok_ = true;  // the fp32 WKV matrices hold the current state
    bool f16_ok_ = false;         // the fp16 copy holds the current state
};

}  // namespace rwkv::cuda
