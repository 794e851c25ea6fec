// rwkv/devices.h — the GPU devices the engine can run on (the app's backend picker lists them).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace rwkv {

/// Why a listed device cannot be used, for a translated sentence (DeviceInfo::unavailable_reason has the English one).
enum class DeviceProblem {
    None,
    NoDriver,   // CUDA: no NVIDIA GPU driver is installed
    OldDriver,  // CUDA: the driver is older than the CUDA runtime of this build
    NoDevice,   // CUDA: a driver but no NVIDIA GPU
    Other,      // anything else (Vulkan's reasons; CUDA's other errors): unavailable_reason only
};

/// One device as a device picker shows it; bytes are bytes (not MiB).
struct DeviceInfo {
    std::string backend;          // the LoadOptions::backend string: "cuda:0"
    std::string name;             // "NVIDIA H200"
    std::size_t total_bytes = 0;  // device memory
    std::size_t free_bytes = 0;   // free now
    int compute_major = 0, compute_minor = 0;
    std::string device_type;         // Vulkan: "discrete", "integrated", "virtual", "cpu" (software), "other"
    bool usable = true;              // false: listed for a device picker, but the backend cannot run here
    std::string unavailable_reason;  // why not usable (empty when usable); the API's own words in parentheses
    DeviceProblem problem = DeviceProblem::None;  // which case, when not usable
};

/// The CUDA devices of this build (empty for a build without CUDA or a machine without an NVIDIA driver): Vulkan
/// adapters are not listed here, only by list_all_devices() (model.cpp). The app's Models page takes its GPU memory
/// for the fit hints from it (app/gui/main.cpp). Never throws.
std::vector<DeviceInfo> list_gpu_devices();

/// Every device the backends of this build know, for a device picker: CUDA devices, then every Vulkan adapter
/// (unusable ones too, usable = false with the reason). A compiled-in GPU backend that cannot list any device
/// adds one entry with backend "cuda" or "vulkan", usable = false and the reason (no driver, no device).
/// Backends not compiled in are absent (compiled_backends()). Never throws.
std::vector<DeviceInfo> list_all_devices();

/// The backends compiled into this build, in order: "cpu", then "cuda" and "vulkan" when present.
std::vector<std::string> compiled_backends();

/// True when a model of this many weight bytes (as the backend stores them) plus `extra` fits in the free
/// memory of `dev` with a safety margin of 512 MiB: bytes + extra + 512 MiB <= dev.free_bytes.
bool fits_on_device(const DeviceInfo& dev, std::size_t bytes, std::size_t extra = 0);

}  // namespace rwkv
