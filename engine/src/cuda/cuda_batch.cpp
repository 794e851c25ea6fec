// CudaModel's batched decode calls (cuda_model.h, cuda_rows.h): prepare_batch (the state-pointer tables, the tokens
// and the step's CUDA graph, captured once per batch size), forward_batch / forward_batch_sample (one step of B
// sequences; device top-p sampling, kernels/cuda/sample.cu), batch_steps (the public call: graph, sampler, the ids'
// copy; v56 lean host, v57 sampling rows after the graph's launch), time_batch_step_ms and fill_state_tables. The
// step itself is enqueued by cuda_rows.cpp.
#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "cuda/cuda_rows.h"
#include "cuda/cuda_state.h"
#include "rwkv/error.h"
#include "rwkv/sampler.h"

namespace rwkv::cuda {

namespace {
bool g_step_lean = [] {  // set_batch_step_lean
    const char* e = std::getenv("RWKV_CUDA_STEP_LEAN");
    return e == nullptr || std::strcmp(e, "0") != 0;
}();
bool g_step_early = [] {  // set_batch_step_early
    const char* e = std::getenv("RWKV_CUDA_STEP_EARLY");
    return e == nullptr || std::strcmp(e, "0") != 0;
}();
BatchStepTrace* g_step_trace = nullptr;  // set_batch_step_trace
// A lean batch_steps slice (under the model's lock, this thread): the slice's state storages looked up once, for
// fill_state_tables, and the tokens' copy left to batch_steps (one transfer with the sampling rows).
thread_local std::span<CudaStateStorage* const> t_lean_storages;
thread_local bool t_defer_tokens = false;
double host_us() {
    return std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now().time_since_epoch()).count();
}
}  // namespace

void set_batch_step_lean(bool on) { g_step_lean = on; }
void set_batch_step_trace(BatchStepTrace* t) { g_step_trace = t; }
void set_batch_step_early(bool on) { g_step_early = on; }

cudaGraphExec_t CudaModel::prepare_batch(std::span<State* const> states, std::span<const std::int32_t> tokens) {
    const int B = int(states.size());
    ensure_rows(B, B);
    if (split_batch(B, 1)) ensure_lane2(B - B / 2);
    check(cudaStreamSynchronize(stream_), "sync");  // the pinned tables are free
    fill_state_tables(states, 1);
    for (int b = 0; b < B; ++b) rows_->h_tokens[b] = tokens[std::size_t(b)];
    if (!t_defer_tokens)
        check(cudaMemcpyAsync(rows_->tokens, rows_->h_tokens, std::size_t(B) * 4, cudaMemcpyHostToDevice, stream_),
              "tokens");
    if (!use_graph_) return nullptr;
    if (auto it = batch_graphs_.find(B); it != batch_graphs_.end()) return it->second;
    if (batch_graphs_.size() >= 8) {
        for (auto& [b, g] : batch_graphs_) cudaGraphExecDestroy(g);
        batch_graphs_.clear();
    }
    cudaGraph_t g = nullptr;
    check(cudaStreamBeginCapture(stream_, cudaStreamCaptureModeThreadLocal), "graph capture");
    try {
        enqueue_rows(B, 1, rows_->tokens, true);
    } catch (...) {
        cudaStreamEndCapture(stream_, &g);
        if (g) cudaGraphDestroy(g);
        throw;
    }
    check(cudaStreamEndCapture(stream_, &g), "graph capture");
    cudaGraphExec_t exec = nullptr;
    const cudaError_t e = cudaGraphInstantiate(&exec, g, 0);
    cudaGraphDestroy(g);
    check(e, "graph instantiate");
    batch_graphs_[B] = exec;
    return exec;
}

void CudaModel::forward_batch(std::span<State* const> states, std::span<const std::int32_t> tokens,
                              std::span<float> logits) {
    check_forward_batch(states, tokens, logits);
    if (states.size() == 1) {
        std::vector<float> tmp;
        std::span<float> out = logits;
        if (out.empty()) {
            tmp.resize(std::size_t(shape().vocab_size));
            out = tmp;
        }
        for (State* s : states) storage_of(*s, device_, backend_name());
        forward(*states[0], tokens, out);
        return;
    }
    batch_steps(states, tokens, logits, {}, {}, {});
}

void CudaModel::forward_batch_sample(std::span<State* const> states, std::span<const std::int32_t> tokens,
                                     std::span<const TokenSampling> sampling, std::span<std::uint64_t> rng,
                                     std::span<std::int32_t> next, std::span<float> logits) {
    check_forward_batch_sample(states, tokens, sampling, rng, next, logits);
    // B = 1: the decode graph and the host sampler (one row of logits is 256 KB); a vocabulary above the kernel's
    // limit samples on the host too
    if (states.size() == 1 || shape().vocab_size > ck::kSampleMaxVocab) {
        Model::forward_batch_sample(states, tokens, sampling, rng, next, logits);
        return;
    }
    batch_steps(states, tokens, logits, sampling, rng, next);
}

void CudaModel::batch_steps(std::span<State* const> states, std::span<const std::int32_t> tokens, std::span<float> logits,
                            std::span<const TokenSampling> sampling, std::span<std::uint64_t> rng,
                            std::span<std::int32_t> next) {
    BatchStepTrace* tr = g_step_trace;
    const double h_entry = tr ? host_us() : 0.0;
    const bool lean = g_step_lean;
    std::vector<CudaStateStorage*> storages;
    if (lean) storages.reserve(states.size());
    for (State* s : states) {  // every state on this device, first
        CudaStateStorage* st = storage_of(*s, device_, backend_name());
        if (lean) storages.push_back(st);
    }
    const std::size_t B = states.size(), V = std::size_t(shape().vocab_size);
    const bool sample = !next.empty();
    const bool early = g_step_early;  // v57: the sampling rows after the graph's launch
    std::lock_guard lock(mu_);
    check(cudaSetDevice(device_), "select device");
    struct LeanScope {  // the thread's lean-slice hand-over, cleared on every exit
        ~LeanScope() {
            t_lean_storages = {};
            t_defer_tokens = false;
        }
    } lean_scope;
    for (std::size_t b0 = 0; b0 < B; b0 += kMaxRows) {
        const std::size_t n = std::min<std::size_t>(kMaxRows, B - b0);
        if (tr) {
            tr->host_us[0] = h_entry;
            check(cudaEventRecord(tr->ev[0], stream_), "trace");
            tr->host_us[1] = host_us();
        }
        if (lean) {
            t_lean_storages = std::span<CudaStateStorage* const>(storages).subspan(b0, n);
            t_defer_tokens = true;
        }
        cudaGraphExec_t g = prepare_batch(states.subspan(b0, n), tokens.subspan(b0, n));  // stream_ idle after it
        if (tr) tr->host_us[2] = host_us();
        auto sample_rows = [&] {
            for (std::size_t i = 0; i < n; ++i) {
                const TokenSampling& t = sampling[sampling.size() == 1 ? 0 : b0 + i];
                ck::SampleRow& row = rows_->h_sample[i];
                row.temperature = t.temperature;
                row.top_p = t.top_p;
                row.u = t.greedy() ? 0.0 : splitmix64_uniform(rng[b0 + i]);  // the draw sample_token would make
            }
        };
        if (sample && !early) sample_rows();
        if (lean) {  // the tokens (prepare_batch filled h_tokens) and the sampling rows: one copy
            const std::size_t bytes = sample && !early ? rows_->sample_offset + n * sizeof(ck::SampleRow) : n * 4;
            check(cudaMemcpyAsync(rows_->tokens, rows_->h_tokens, bytes, cudaMemcpyHostToDevice, stream_),
                  "tokens and sampling settings");
        } else if (sample && !early) {
            check(cudaMemcpyAsync(rows_->sample, rows_->h_sample, n * sizeof(ck::SampleRow), cudaMemcpyHostToDevice,
                                  stream_), "sampling settings");
        }
        if (tr) {
            tr->host_us[3] = host_us();
            check(cudaEventRecord(tr->ev[1], stream_), "trace");
        }
        if (g)
            check(cudaGraphLaunch(g, stream_), "graph launch");
        else
            enqueue_rows(int(n), 1, rows_->tokens, true);
        if (tr) check(cudaEventRecord(tr->ev[2], stream_), "trace");
        ffn_total_ += std::uint64_t(n) * std::uint64_t(shape().dim_ffn) * std::uint64_t(shape().n_layer);
        if (sample) {
            if (early) {  // the GPU runs the graph meanwhile
                sample_rows();
                check(cudaMemcpyAsync(rows_->sample, rows_->h_sample, n * sizeof(ck::SampleRow), cudaMemcpyHostToDevice,
                                      stream_), "sampling settings");
            }
            check(ck::launch_sample_rows(rows_->logits, int(n), int(V), rows_->sample, rows_->next, stream_),
                  "sample next tokens");
            if (tr) check(cudaEventRecord(tr->ev[3], stream_), "trace");
            check(cudaMemcpyAsync(rows_->h_next, rows_->next, n * 4, cudaMemcpyDeviceToHost, stream_), "next tokens");
        } else if (tr) {
            check(cudaEventRecord(tr->ev[3], stream_), "trace");
        }
        if (!logits.empty())
            check(cudaMemcpyAsync(logits.data() + b0 * V, rows_->logits, n * V * 4, cudaMemcpyDeviceToHost, stream_),
                  "logits");
        if (tr) {
            check(cudaEventRecord(tr->ev[4], stream_), "trace");
            tr->host_us[4] = host_us();
        }
        check(cudaStreamSynchronize(stream_), "batched decode");
        if (tr) tr->host_us[5] = host_us();
        if (!sample) continue;
        for (std::size_t i = 0; i < n; ++i) next[b0 + i] = checked_device_sample(rows_->h_next[i], b0 + i, V);
    }
}

double CudaModel::time_batch_step_ms(std::span<State* const> states, std::span<const std::int32_t> tokens, int reps) {
    check_forward_batch(states, tokens, {});
    if (states.size() > std::size_t(kMaxRows) || reps < 1)
        throw Error(ErrorCode::InvalidArgument, "time_batch_step_ms: 1.." + std::to_string(kMaxRows) + " states, reps >= 1");
    std::lock_guard lock(mu_);
    check(cudaSetDevice(device_), "select device");
    const bool graph = use_graph_;
    use_graph_ = true;
    cudaGraphExec_t g = prepare_batch(states, tokens);
    use_graph_ = graph;
    check(cudaGraphLaunch(g, stream_), "graph launch");  // warm-up
    cudaEvent_t e0, e1;
    check(cudaEventCreate(&e0), "event");
    check(cudaEventCreate(&e1), "event");
    std::vector<double> ms;
    for (int i = 0; i < reps; ++i) {
        check(cudaEventRecord(e0, stream_), "event");
        check(cudaGraphLaunch(g, stream_), "graph launch");
        check(cudaEventRecord(e1, stream_), "event");
        check(cudaEventSynchronize(e1), "event");
        float t = 0;
        check(cudaEventElapsedTime(&t, e0, e1), "event time");
        ms.push_back(t);
    }
    cudaEventDestroy(e0);
    cudaEventDestroy(e1);
    ffn_total_ += std::uint64_t(reps + 1) * states.size() * std::uint64_t(shape().dim_ffn) * std::uint64_t(shape().n_layer);
    std::sort(ms.begin(), ms.end());
    return ms[ms.size() / 2];
}

void CudaModel::fill_state_tables(std::span<State* const> states, int T) {
    // call with stream_ idle (the pinned tables are free); the fp16/fp32 conversions run on the legacy stream,
    // which stream_ (blocking) waits for
    const std::size_t S = states.size();
    const bool f16 = batch_state_f16_ && T == 1;  // enqueue_rows' condition
    const bool lean = t_lean_storages.size() == S;  // batch_steps looked the states up already (v56)
    bool same = lean && int(S) <= rows_->table_n && (!f16 || int(S) <= rows_->table16_n);
    const bool quick = lean && g_step_early;  // v57: the device is selected (batch_steps)
    for (std::size_t b = 0; b < S; ++b) {
        CudaStateStorage* st = lean ? t_lean_storages[b] : storage_of(*states[b], device_, backend_name());
        if (f16) {
            std::uint16_t* p16 = quick ? st->device_wkv16_current() : st->device_wkv16();
            float* p = st->device_shift_data();
            same = same && rows_->h_states16[b] == p16 && rows_->h_states[b] == p;
            rows_->h_states16[b] = p16;
            rows_->h_states[b] = p;
        } else {
            float* p = st->device_data();
            same = same && rows_->h_states[b] == p;
            rows_->h_states[b] = p;
        }
    }
    if (same) return;  // the device tables hold these pointers already (lean: v56)
    check(cudaMemcpyAsync(rows_->states, rows_->h_states, S * sizeof(float*), cudaMemcpyHostToDevice, stream_),
          "state table");
    rows_->table_n = std::max(rows_->table_n, int(S));
    if (f16) {
        check(cudaMemcpyAsync(rows_->states16, rows_->h_states16, S * sizeof(void*), cudaMemcpyHostToDevice, stream_),
              "fp16 state table");
        rows_->table16_n = std::max(rows_->table16_n, int(S));
    }
}

}  // namespace rwkv::cuda
