// Device listing for pickers (rwkv/devices.h: list_all_devices, compiled_backends). list_gpu_devices stays in
// model.cpp next to the "auto" backend choice that uses it.
#include "rwkv/devices.h"

#include <exception>

#ifdef RWKV_WITH_CUDA
#include "cuda/cuda_model.h"
#endif
#ifdef RWKV_WITH_VULKAN
#include "vulkan/vk_context.h"
#endif

namespace rwkv {

std::vector<std::string> compiled_backends() {
    std::vector<std::string> out{"cpu"};
#ifdef RWKV_WITH_CUDA
    out.push_back("cuda");
#endif
#ifdef RWKV_WITH_VULKAN
    out.push_back("vulkan");
#endif
    return out;
}

std::vector<DeviceInfo> list_all_devices() {
    std::vector<DeviceInfo> out;
#ifdef RWKV_WITH_CUDA
    {
        int n = 0;
        const cudaError_t e = cudaGetDeviceCount(&n);
        if (e != cudaSuccess || n == 0) {
            cudaGetLastError();  // not sticky: clear it
            DeviceInfo d;
            d.backend = "cuda";
            d.name = "CUDA";
            d.usable = false;
            d.unavailable_reason = cuda::unavailable_reason(e, &d.problem);
            out.push_back(d);
        } else {
            for (DeviceInfo& d : cuda::list_devices()) {
                d.device_type = "discrete";
                out.push_back(std::move(d));
            }
        }
    }
#endif
#ifdef RWKV_WITH_VULKAN
    try {
        const std::vector<vk::DeviceInfo> adapters = vk::list_devices();
        if (adapters.empty()) {
            DeviceInfo d;
            d.backend = "vulkan";
            d.name = "Vulkan";
            d.usable = false;
            d.unavailable_reason = "the Vulkan driver reports no device";
            d.problem = DeviceProblem::Other;
            out.push_back(d);
        }
        for (const vk::DeviceInfo& a : adapters) {
            DeviceInfo d;
            d.backend = "vulkan:" + std::to_string(a.index);
            d.name = a.name;
            d.total_bytes = std::size_t(a.local_bytes);
            d.free_bytes = std::size_t(a.budget_bytes);
            d.device_type = a.type_name();
            d.usable = a.usable;
            if (!a.usable) {
                d.unavailable_reason = "needs Vulkan 1.2 and 16-bit storage buffers";
                d.problem = DeviceProblem::Other;
            }
            out.push_back(d);
        }
    } catch (const std::exception& e) {
        DeviceInfo d;
        d.backend = "vulkan";
        d.name = "Vulkan";
        d.usable = false;
        d.unavailable_reason = e.what();
        d.problem = DeviceProblem::Other;
        out.push_back(d);
    }
#endif
    return out;
}

}  // namespace rwkv
