// CUDA device helpers (cuda_model.h): error mapping, device listing, allocations, the device State storage.
#include <algorithm>

#include "cuda/cuda_model.h"
#include "cuda/cuda_state.h"
#include "rwkv/error.h"

namespace rwkv::cuda {

void check(cudaError_t e, const char* what) {
    if (e == cudaSuccess) return;
    cudaGetLastError();  // clear a non-sticky error so that the app can go on (e.g. offer the CPU)
    const std::string msg = std::string("CUDA: ") + what + ": " + cudaGetErrorString(e);
    if (e == cudaErrorMemoryAllocation) throw Error(ErrorCode::OutOfMemory, msg);
    if (e == cudaErrorNoDevice || e == cudaErrorInsufficientDriver)
        throw Error(ErrorCode::BackendUnavailable, unavailable_reason(e) + " [" + what + "]");
    if (e == cudaErrorInvalidDevice) throw Error(ErrorCode::BackendUnavailable, msg);
    throw Error(ErrorCode::Internal, msg);
}

namespace {
std::string cuda_version(int v) { return std::to_string(v / 1000) + "." + std::to_string(v % 1000 / 10); }
}  // namespace

std::string unavailable_reason(cudaError_t e, DeviceProblem* problem) {
    // CUDA's own words ("CUDA driver version is insufficient for CUDA runtime version" where no driver is installed)
    // were the whole message in the app and rwkv-cli (session 22's trial, F7): now the detail in parentheses.
    const std::string raw = std::string("CUDA: ") + cudaGetErrorString(e);
    int driver = 0;
    if (cudaDriverGetVersion(&driver) != cudaSuccess) driver = 0;  // 0: no driver installed
    int runtime = 0;
    if (cudaRuntimeGetVersion(&runtime) != cudaSuccess) runtime = 0;
    cudaGetLastError();
    const auto say = [&](DeviceProblem p, const std::string& sentence) {
        if (problem) *problem = p;
        return sentence + " (" + raw + ")";
    };
    if (driver == 0) return say(DeviceProblem::NoDriver, "no NVIDIA GPU driver found: use the CPU or Vulkan");
    if (e == cudaErrorInsufficientDriver)
        return say(DeviceProblem::OldDriver, "the NVIDIA GPU driver (CUDA " + cuda_version(driver) +
                                                 ") is older than this build needs (CUDA " + cuda_version(runtime) +
                                                 "): update it, or use the CPU or Vulkan");
    if (e == cudaErrorNoDevice || e == cudaSuccess)
        return say(DeviceProblem::NoDevice, "no NVIDIA GPU found: use the CPU or Vulkan");
    if (problem) *problem = DeviceProblem::Other;
    return raw;
}

std::vector<DeviceInfo> list_devices() {
    std::vector<DeviceInfo> out;
    int n = 0;
    if (cudaGetDeviceCount(&n) != cudaSuccess) {
        cudaGetLastError();
        return out;
    }
    int prev = 0;
    cudaGetDevice(&prev);
    for (int i = 0; i < n; ++i) {
        cudaDeviceProp p{};
        if (cudaGetDeviceProperties(&p, i) != cudaSuccess) continue;
        DeviceInfo d;
        d.backend = "cuda:" + std::to_string(i);
        d.name = p.name;
        d.total_bytes = p.totalGlobalMem;
        d.compute_major = p.major;
        d.compute_minor = p.minor;
        if (cudaSetDevice(i) == cudaSuccess) {
            std::size_t fr = 0, tot = 0;
            if (cudaMemGetInfo(&fr, &tot) == cudaSuccess) d.free_bytes = fr;
        }
        out.push_back(d);
    }
    cudaSetDevice(prev);
    cudaGetLastError();
    return out;
}

int parse_device(const std::string& backend) {
    int dev = 0;
    if (backend.rfind("cuda:", 0) == 0) {
        try {
            std::size_t used = 0;
            dev = std::stoi(backend.substr(5), &used);
            if (used != backend.size() - 5 || dev < 0) throw std::invalid_argument("bad");
        } catch (const std::exception&) {
            throw Error(ErrorCode::InvalidArgument, "bad backend '" + backend + "' (expected cuda:N)");
        }
    } else if (backend != "cuda") {
        throw Error(ErrorCode::InvalidArgument, "bad backend '" + backend + "'");
    }
    int n = 0;
    const cudaError_t e = cudaGetDeviceCount(&n);
    if (e != cudaSuccess) {
        cudaGetLastError();
        n = 0;
    }
    if (dev >= n) {
        throw Error(ErrorCode::BackendUnavailable, "backend '" + backend + "': " +
                                                       (n == 0 ? unavailable_reason(e)
                                                               : std::to_string(n) + " CUDA device(s) present"));
    }
    return dev;
}

std::size_t estimate_bytes(const ModelShape& s, ck::WType wt, bool staging, bool int8) {
    const std::size_t es = wt == ck::WType::F16 ? 2 : 4;
    const std::size_t bs = int8 ? 1 : es;  // big matrices (att r/k/v/o, ffn key/value, head)
    const std::size_t C = std::size_t(s.n_embd), F = std::size_t(s.dim_ffn), V = std::size_t(s.vocab_size);
    const std::size_t lora = std::size_t(s.lora_w + s.lora_a + s.lora_v + s.lora_g) * C * 2;
    const std::size_t per_layer = (4 * C * C + 2 * F * C) * bs + lora * es + 32 * C * 4 + (int8 ? (4 * C + 2 * F) * 4 : 0);
    std::size_t bytes = per_layer * std::size_t(s.n_layer) + V * C * (es + bs) + (int8 ? V * 4 : 0);
    if (int8) bytes += std::max({3 * C * C, F * C, V * C}) * 2;  // rows path: fp16 dequantisation buffer
    bytes += (64 * C + F + V) * 4 + s.state_floats() * 4;  // scratch + one state
    if (staging) bytes += std::max(V, F) * C * 4;
    return bytes + (std::size_t(256) << 20);  // context, graphs, allocator slack
}

DeviceArena::~DeviceArena() {
    for (void* p : ptrs_) cudaFree(p);
}

void* DeviceArena::alloc(std::size_t bytes, const char* what) {
    void* p = nullptr;
    check(cudaMalloc(&p, std::max<std::size_t>(bytes, 16)), what);
    ptrs_.push_back(p);
    check(cudaMemset(p, 0, std::max<std::size_t>(bytes, 16)), what);
    check(cudaDeviceSynchronize(), what);
    return p;
}

// ---- device State storage ----------------------------------------------------------------------------

CudaStateStorage::CudaStateStorage(int device, std::size_t floats, int n_layer, int n_embd)
    : device_(device), floats_(floats), n_layer_(n_layer), n_embd_(n_embd) {
    check(cudaSetDevice(device_), "select device");
    check(cudaMalloc(reinterpret_cast<void**>(&data_), floats_ * 4), "allocate a state");
    check(cudaMemset(data_, 0, floats_ * 4), "clear a state");
    check(cudaDeviceSynchronize(), "clear a state");
}

CudaStateStorage::~CudaStateStorage() {
    if (data_) cudaFree(data_);
    if (wkv16_) cudaFree(wkv16_);
}

void CudaStateStorage::sync_f32() const {
    if (f32_ok_) return;
    check(cudaSetDevice(device_), "select device");
    check(ck::launch_state_wkv_to_f32(wkv16_, data_, n_layer_, n_embd_, nullptr), "widen an fp16 state");
    f32_ok_ = true;
}

float* CudaStateStorage::device_data() {
    sync_f32();
    f16_ok_ = false;
    return data_;
}

std::uint16_t* CudaStateStorage::device_wkv16() {
    check(cudaSetDevice(device_), "select device");
    if (wkv16_ == nullptr) {
        const std::size_t n = std::size_t(n_layer_) * 64 * std::size_t(n_embd_);
        check(cudaMalloc(reinterpret_cast<void**>(&wkv16_), n * 2), "allocate an fp16 state copy");
        f16_ok_ = false;
    }
    if (!f16_ok_) {
        check(ck::launch_state_wkv_to_f16(data_, wkv16_, n_layer_, n_embd_, nullptr), "round a state to fp16");
        f16_ok_ = true;
    }
    f32_ok_ = false;
    return wkv16_;
}

void CudaStateStorage::download(std::span<float> dst) const {
    sync_f32();
    check(cudaSetDevice(device_), "select device");
    check(cudaMemcpy(dst.data(), data_, floats_ * 4, cudaMemcpyDeviceToHost), "download a state");
}

void CudaStateStorage::upload(std::span<const float> src) {
    check(cudaSetDevice(device_), "select device");
    check(cudaMemcpy(data_, src.data(), floats_ * 4, cudaMemcpyHostToDevice), "upload a state");
    f32_ok_ = true;
    f16_ok_ = false;
}

void CudaStateStorage::clear() {
    check(cudaSetDevice(device_), "select device");
    check(cudaMemset(data_, 0, floats_ * 4), "clear a state");
    check(cudaDeviceSynchronize(), "clear a state");
    f32_ok_ = true;
    f16_ok_ = false;
}

std::unique_ptr<StateStorage> CudaStateStorage::clone() const {
    sync_f32();
    auto c = std::make_unique<CudaStateStorage>(device_, floats_, n_layer_, n_embd_);
    check(cudaMemcpy(c->data_, data_, floats_ * 4, cudaMemcpyDeviceToDevice), "copy a state");
    return c;
}

}  // namespace rwkv::cuda
