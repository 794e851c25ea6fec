// The device sampling checks of test_cuda_rows (forward_batch_sample, kernels/cuda/sample.cu): the kernel against the
// host's sample_token on synthetic rows, its v56 / v58 forms, and the public call's rows against forward_batch +
// sample_token (see test_cuda_rows.cpp's header for the list).
#include <cstdint>
#include <string>
#include <vector>

#include "cuda/cuda_rows.h"
#include "cuda_rows_util.h"
#include "rwkv/error.h"
#include "rwkv/sampler.h"

namespace ck = rwkv::cuda_kernels;

namespace rowscheck {
namespace {

// ---- device sampling -------------------------------------------------------------------------------------------

// The kernel alone on samplecheck's synthetic rows (tests/engine/sample_rows_check.h: the same rows and rules as the
// Vulkan sampler's tests), against sample_token with the same uniform numbers.
std::vector<std::int32_t> sample_kernel_vs_host(int V, const std::string& form = "") {
    const samplecheck::Rows r = samplecheck::synthetic_rows(V);
    const int R = r.rows();
    std::vector<ck::SampleRow> params(static_cast<std::size_t>(R));
    for (int i = 0; i < R; ++i) {
        params[std::size_t(i)].temperature = r.settings[std::size_t(i)].temperature;
        params[std::size_t(i)].top_p = r.settings[std::size_t(i)].top_p;
        params[std::size_t(i)].u = r.u[std::size_t(i)];
    }
    float* d_rows = nullptr;
    ck::SampleRow* d_params = nullptr;
    std::int32_t* d_out = nullptr;
    bool ok = cudaMalloc(reinterpret_cast<void**>(&d_rows), r.logits.size() * 4) == cudaSuccess &&
              cudaMalloc(reinterpret_cast<void**>(&d_params), params.size() * sizeof(ck::SampleRow)) == cudaSuccess &&
              cudaMalloc(reinterpret_cast<void**>(&d_out), std::size_t(R) * 4) == cudaSuccess;
    std::vector<std::int32_t> got(std::size_t(R), -7);
    ok = ok && cudaMemcpy(d_rows, r.logits.data(), r.logits.size() * 4, cudaMemcpyHostToDevice) == cudaSuccess &&
         cudaMemcpy(d_params, params.data(), params.size() * sizeof(ck::SampleRow), cudaMemcpyHostToDevice) == cudaSuccess &&
         ck::launch_sample_rows(d_rows, R, V, d_params, d_out, nullptr) == cudaSuccess &&
         cudaMemcpy(got.data(), d_out, std::size_t(R) * 4, cudaMemcpyDeviceToHost) == cudaSuccess;
    cudaFree(d_rows);
    cudaFree(d_params);
    cudaFree(d_out);
    check(ok, "sample kernel V=" + std::to_string(V) + form + ": launched on " + std::to_string(R) + " rows");
    if (!ok) return got;
    const samplecheck::Result res = samplecheck::compare(r, got);
    check(res.ok(), "sample kernel V=" + std::to_string(V) + form + ": " + res.summary());
    return got;
}

// v56 (set_sample_rows_v56): form 1 (16-byte first pass) picks the same ids as form 0 (the v38-v55 kernel), and both
// match the host. V = 51204: a multiple of 4 just past the 51,200 cached values (16-byte loads, a 4-value tail).
// v58 (set_sample_rows_v58; form 3 = v56 form 1 + v58's candidate list): the same ids again; at V = 65,536 (a multiple
// of 32) the list path must have run on some of the rows (peaked and crowded rows; flat ones fall back).
void sample_kernel_forms() {
    for (int V : {65536, 51204, 51203, 1003}) {
        std::vector<std::int32_t> ref;
        for (int mode : {0, 1, 3}) {
            ck::set_sample_rows_v56(mode & 1);
            ck::set_sample_rows_v58(mode >> 1);
            const unsigned long long n0 = ck::sample_rows_v58_count();
            const std::vector<std::int32_t> got = sample_kernel_vs_host(V, ", form " + std::to_string(mode));
            const unsigned long long n58 = ck::sample_rows_v58_count() - n0;
            if (mode == 0) ref = got;
            else check(got == ref, "sample kernel V=" + std::to_string(V) + ": form " + std::to_string(mode) +
                                       " picks form 0's ids (" + std::to_string(got.size()) + " rows; " +
                                       std::to_string(n58) + " by the v58 list)");
            if (mode == 3 && V == 65536) check(n58 > 0, "sample kernel V=65536: the v58 list path ran (" + std::to_string(n58) + " rows)");
        }
    }
    ck::set_sample_rows_v56(1);
    ck::set_sample_rows_v58(1);
}

}  // namespace

void device_sampling() {
    sample_kernel_forms();
    for (rwkv::DType dt : {rwkv::DType::F16, rwkv::DType::F32}) {
        const std::string d(rwkv::dtype_name(dt));
        auto m = load_cuda("rand-rwkv7-L3-D128.safetensors", dt);
        // Steps of mixed settings against forward_batch + sample_token, rows independent of their batch position.
        const samplecheck::ModelResult mr = samplecheck::model_check(*m, 37);
        check(mr.ok(), d + " forward_batch_sample, B=37: " + mr.summary());
        const int V = m->shape().vocab_size, B = 37;
        std::vector<float> logits(static_cast<std::size_t>(V));
        std::vector<rwkv::State> a;
        for (int b = 0; b < B; ++b) {
            a.push_back(m->new_state());
            m->forward(a.back(), random_ids(1 + b % 5, V, 500u + unsigned(b)), logits);
        }
        std::vector<rwkv::State*> pa;
        for (auto& s : a) pa.push_back(&s);
        const rwkv::TokenSampling greedy{0.0f, 0.3f}, top_p{1.0f, 0.3f};
        // Input errors before any work; B = 1 (host sampling after forward()).
        {
            std::vector<std::vector<float>> before;
            for (auto* s : pa) before.push_back(s->to_host());
            const auto ids = random_ids(B, V, 5u);
            std::vector<std::int32_t> next(static_cast<std::size_t>(B));
            std::vector<std::uint64_t> rng(static_cast<std::size_t>(B));
            const std::vector<rwkv::TokenSampling> two = {greedy, top_p};
            const rwkv::TokenSampling neg{-1.0f, 0.3f}, nan_p{1.0f, NAN};
            std::vector<std::int32_t> short_next(static_cast<std::size_t>(B - 1));
            std::vector<std::uint64_t> short_rng(static_cast<std::size_t>(B + 1));
            auto code = [&](auto&& f) {
                try {
                    f();
                } catch (const rwkv::Error& e) {
                    return e.code();
                }
                return rwkv::ErrorCode::Internal;
            };
            const bool errs =
                code([&] { m->forward_batch_sample(pa, ids, two, rng, next); }) == rwkv::ErrorCode::InvalidArgument &&
                code([&] { m->forward_batch_sample(pa, ids, {&neg, 1}, rng, next); }) == rwkv::ErrorCode::InvalidArgument &&
                code([&] { m->forward_batch_sample(pa, ids, {&nan_p, 1}, rng, next); }) == rwkv::ErrorCode::InvalidArgument &&
                code([&] { m->forward_batch_sample(pa, ids, {&top_p, 1}, rng, short_next); }) == rwkv::ErrorCode::InvalidArgument &&
                code([&] { m->forward_batch_sample(pa, ids, {&top_p, 1}, short_rng, next); }) == rwkv::ErrorCode::InvalidArgument;
            bool untouched = true;
            for (int b = 0; b < B; ++b) untouched = untouched && pa[std::size_t(b)]->to_host() == before[std::size_t(b)];
            check(errs && untouched, d + " forward_batch_sample input errors (settings count, temperature, top_p, next, rng) "
                                         "throw InvalidArgument before any work");
            std::vector<float> l1(static_cast<std::size_t>(V));
            std::vector<std::int32_t> n1(1);
            std::vector<std::uint64_t> r1 = {123};
            std::uint64_t h1 = 123;
            rwkv::State one = pa[0]->clone();
            m->forward_batch_sample({pa.data(), 1}, {ids.data(), 1}, {&top_p, 1}, r1, n1, l1);
            m->forward(one, {ids.data(), 1}, logits);
            check(l1 == logits && n1[0] == rwkv::sample_token(l1, top_p, h1) && r1[0] == h1,
                  d + " B=1 forward_batch_sample == forward() + sample_token");
        }
    }
}

}  // namespace rowscheck
