// GPU timing for the Vulkan microbenches (bench_vulkan_gemm, bench_vulkan_matvec): a timestamp query pool and the
// warm-up protocol both use. Bench-only code: speed is reported, nothing here is a unit test.
#pragma once

#include <vulkan/vulkan.h>

#include <algorithm>
#include <cstdint>
#include <memory>
#include <stdexcept>
#include <vector>

#include "vulkan/vk_context.h"

namespace rwkv::vk::bench {

/// `count` timestamp queries on ctx's device. Throws std::runtime_error when the pool cannot be created.
class TimestampPool {
public:
    TimestampPool(std::shared_ptr<Context> ctx, std::uint32_t count) : ctx_(std::move(ctx)), count_(count) {
        VkQueryPoolCreateInfo qi{};
        qi.sType = VK_STRUCTURE_TYPE_QUERY_POOL_CREATE_INFO;
        qi.queryType = VK_QUERY_TYPE_TIMESTAMP;
        qi.queryCount = count;
        if (vkCreateQueryPool(ctx_->device(), &qi, nullptr, &pool_) != VK_SUCCESS)
            throw std::runtime_error("vkCreateQueryPool failed");
        const std::uint32_t bits = ctx_->caps().timestamp_bits;
        mask_ = bits >= 64 ? ~0ull : ((1ull << bits) - 1);
    }
    ~TimestampPool() { vkDestroyQueryPool(ctx_->device(), pool_, nullptr); }
    TimestampPool(const TimestampPool&) = delete;
    TimestampPool& operator=(const TimestampPool&) = delete;

    VkQueryPool handle() const { return pool_; }
    std::uint32_t count() const { return count_; }
    /// Waits for all `count` timestamps and returns them (raw device ticks).
    std::vector<std::uint64_t> read() const {
        std::vector<std::uint64_t> ts(count_);
        vkGetQueryPoolResults(ctx_->device(), pool_, 0, count_, ts.size() * 8, ts.data(), 8,
                              VK_QUERY_RESULT_64_BIT | VK_QUERY_RESULT_WAIT_BIT);
        return ts;
    }
    /// Microseconds from tick `from` to tick `to` (the device's period; wrap-around of its valid bits handled).
    double us(std::uint64_t from, std::uint64_t to) const {
        return double((to - from) & mask_) * ctx_->caps().timestamp_ns * 1e-3;
    }

private:
    std::shared_ptr<Context> ctx_;
    std::uint32_t count_;
    VkQueryPool pool_ = VK_NULL_HANDLE;
    std::uint64_t mask_ = ~0ull;
};

namespace detail {
/// The warm-up protocol of the two timers below: one first run of `reps` timed dispatches (pipeline creation, a first
/// estimate at cold clocks, too long) sizes a warm-up of >= 250 ms, run twice before the `reps` timed dispatches (the
/// H200's clocks ramp up over ~100 ms: docs/perf/vulkan-decode.md "B=1 v5"). `first`/`last` name the timestamps around
/// the k-th timed dispatch; `reestimate` sizes the second warm-up from the first round's median.
template <class Record, class First, class Last>
std::vector<double> time_rounds(Context& ctx, const TimestampPool& pool, int reps, Record& record, First first,
                                Last last, bool reestimate) {
    ctx.run_once([&](VkCommandBuffer cmd) { record(cmd, reps, reps); });
    std::vector<std::uint64_t> ts = pool.read();
    double est = pool.us(ts[first(0)], ts[last(reps - 1)]) / reps;
    std::vector<double> per;
    for (int round = 0; round < 2; ++round) {
        const int warm = int(std::min(250e3 / std::max(est, 1.0), 20000.0)) + 1;
        ctx.run_once([&](VkCommandBuffer cmd) { record(cmd, warm + reps, reps); });
        ts = pool.read();
        per.clear();
        for (int i = 0; i < reps; ++i) per.push_back(pool.us(ts[first(i)], ts[last(i)]));
        std::sort(per.begin(), per.end());
        if (reestimate) est = per[per.size() / 2];
    }
    return per;
}
}  // namespace detail

/// Times `reps` dispatches (pool.count() must be reps + 1). record(cmd, n, timed) records n dispatches; it resets the
/// pool, writes timestamp 0 before the first of the last `timed` and timestamp k after the k-th of them. Warm-up:
/// detail::time_rounds. Returns the last round's per-dispatch times in microseconds, sorted ascending. Errors of
/// `record` or the device propagate (Context::run_once throws).
template <class Record>
std::vector<double> time_after_warmup(Context& ctx, const TimestampPool& pool, int reps, Record&& record) {
    return detail::time_rounds(
        ctx, pool, reps, record, [](int k) { return std::size_t(k); }, [](int k) { return std::size_t(k) + 1; }, true);
}

/// As time_after_warmup, for dispatches timed alone among untimed neighbours: pool.count() must be 2 * reps, and
/// record(cmd, n, timed) writes timestamp 2k before and 2k + 1 after the k-th of the last `timed` dispatches it times.
/// Returns the last round's per-dispatch times in microseconds, sorted ascending.
template <class Record>
std::vector<double> time_pairs_after_warmup(Context& ctx, const TimestampPool& pool, int reps, Record&& record) {
    return detail::time_rounds(
        ctx, pool, reps, record, [](int k) { return 2 * std::size_t(k); },
        [](int k) { return 2 * std::size_t(k) + 1; }, false);
}

}  // namespace rwkv::vk::bench
