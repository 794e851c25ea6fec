// A persistent pool of worker threads for the CPU fast path: run(fn) calls fn(i) once for every task i in
// [0, size()) and returns when all are done. Tasks are claimed, not assigned: the caller and whichever workers are
// running take the next unclaimed task, so a worker the scheduler has descheduled (a busy machine) costs its share
// of the work done by the others, not a wait for its next time slice. Workers spin briefly, then sleep on an atomic
// wait, so a decode step costs no thread creation and no allocation.
#pragma once

#include <atomic>
#include <cstdint>
#include <thread>
#include <vector>

namespace rwkv::cpu {

class ThreadPool {
public:
    /// `threads` >= 1 (the caller counts as one). Throws Error(Internal) "cannot start N threads for the CPU backend
    /// (<reason>); use fewer threads" when a thread cannot be started (a thread limit).
    explicit ThreadPool(int threads);
    ~ThreadPool();
    ThreadPool(const ThreadPool&) = delete;
    ThreadPool& operator=(const ThreadPool&) = delete;

    /// The number of threads, and of tasks per run().
    int size() const noexcept { return n_; }

    /// Calls fn(i) once for each i in [0, size()), on any of the pool's threads (the caller included), tasks
    /// concurrently where threads are free; returns when every call has returned. Scratch indexed by i is never
    /// used by two calls at once. Not re-entrant. fn must not throw.
    template <class F>
    void run(F&& fn) {
        run_impl([](void* ctx, int i) { (*static_cast<std::remove_reference_t<F>*>(ctx))(i); }, &fn);
    }

    /// Worker `i`'s thread (1 <= i < size()), for tests that suspend one.
    std::thread::native_handle_type worker_handle(int i) { return threads_[std::size_t(i - 1)].native_handle(); }

private:
    using Fn = void (*)(void*, int);
    void run_impl(Fn fn, void* ctx);
    void run_tasks();
    void worker();

    int n_;
    std::vector<std::thread> threads_;
    Fn fn_ = nullptr;
    void* ctx_ = nullptr;
    /// The job's generation (high 32 bits) and its next unclaimed task (low 32): a claim is one compare-exchange,
    /// and the generation keeps a claim from a late thread off the next job.
    std::atomic<std::uint64_t> job_{0};
    std::atomic<int> done_{0};               // tasks of the current job that have returned
    std::atomic<bool> caller_sleeps_{false};  // the caller waits on done_: the last task's thread wakes it
    std::atomic<std::uint32_t> generation_{0};  // bumped per job: what sleeping workers wait on
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
