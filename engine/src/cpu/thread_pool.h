// A persistent pool of worker threads for the CPU fast path: run(fn) calls fn(i) on every thread
// (i = 0 is the caller) and returns when all are done. Workers spin briefly, then sleep on an atomic wait,
// so a decode step costs no thread creation and no allocation.
#pragma once

#include <atomic>
#include <cstdint>
#include <thread>
#include <vector>

namespace rwkv::cpu {

class ThreadPool {
public:
    /// `threads` >= 1 (the caller counts as one). Throws Error(Internal) when a thread cannot be started.
    explicit ThreadPool(int threads);
    ~ThreadPool();
    ThreadPool(const ThreadPool&) = delete;
    ThreadPool& operator=(const ThreadPool&) = delete;

    int size() const noexcept { return n_; }

    /// Calls fn(i) for i in [0, size()) concurrently; i = 0 on the calling thread. Not re-entrant.
    /// fn must not throw.
    template <class F>
    void run(F&& fn) {
        run_impl([](void* ctx, int i) { (*static_cast<std::remove_reference_t<F>*>(ctx))(i); }, &fn);
    }

private:
    using Fn = void (*)(void*, int);
    void run_impl(Fn fn, void* ctx);
    void worker(int index);

    int n_;
    std::vector<std::thread> threads_;
    Fn fn_ = nullptr;
    void* ctx_ = nullptr;
    std::atomic<std::uint32_t> generation_{0};
    std::atomic<int> pending_{0};
    std::atomic<int> sleepers_{0};
    std::atomic<bool> stop_{false};
};

/// [begin, end) of part `i` of `n` when splitting `count` items, each boundary a multiple of `align`
/// (except the end).
inline std::pair<int, int> split_range(int count, int i, int n, int align = 1) {
    auto at = [&](int k) {
        const long long b = (long long)count * k / n;
        const int r = int(b / align * align);
        return k == n ? count : r;
    };
    return {at(i), at(i + 1)};
}

}  // namespace rwkv::cpu
