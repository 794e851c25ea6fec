// ThreadPool (thread_pool.h): a job word (generation, next task) claimed by compare-exchange, a count of returned
// tasks for completion, spin-then-wait hand-offs in both directions.
#include "cpu/thread_pool.h"

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define RWKV_SPIN_PAUSE() _mm_pause()
#elif defined(__aarch64__)
#define RWKV_SPIN_PAUSE() __asm__ __volatile__("yield")
#else
#define RWKV_SPIN_PAUSE() ((void)0)
#endif

#include <string>
#include <system_error>

#include "rwkv/error.h"

namespace rwkv::cpu {
namespace {
constexpr int kWorkerSpins = 20000;  // ~0.5 ms (Zen 5) of spinning for the next job before sleeping
// The caller, done with every task it could claim, waits only for tasks a worker is running: ~0.1 ms of spinning,
// then it sleeps (a worker descheduled mid-task gets the core back sooner than from a spinning caller).
constexpr int kCallerSpins = 4000;
}  // namespace

ThreadPool::ThreadPool(int threads) : n_(threads < 1 ? 1 : threads) {
    try {
        for (int i = 1; i < n_; ++i) threads_.emplace_back([this] { worker(); });
    } catch (const std::system_error& e) {
        stop_ = true;
        generation_.fetch_add(1);
        generation_.notify_all();
        for (auto& t : threads_) t.join();
        // Worded as bench's run_on_threads words it: which of the two meets the thread limit first is a race (threads
        // that fill a tiny model's random weights may end before the next starts; session 47's CI got this one).
        throw Error(ErrorCode::Internal, "cannot start " + std::to_string(n_) + " threads for the CPU backend (" +
                                             e.what() + "); use fewer threads");
    }
}

ThreadPool::~ThreadPool() {
    stop_.store(true);
    generation_.fetch_add(1);
    generation_.notify_all();
    for (auto& t : threads_) t.join();
}

void ThreadPool::run_tasks() {
    std::uint64_t w = job_.load(std::memory_order_acquire);
    while (std::uint32_t(w) < std::uint32_t(n_)) {
        if (!job_.compare_exchange_weak(w, w + 1, std::memory_order_acq_rel, std::memory_order_acquire)) continue;
        // The job cannot end before this task returns, so fn_/ctx_ (published with job_) stay this job's.
        fn_(ctx_, int(std::uint32_t(w)));
        if (done_.fetch_add(1) + 1 == n_ && caller_sleeps_.load()) done_.notify_one();
        w = job_.load(std::memory_order_acquire);
    }
}

void ThreadPool::run_impl(Fn fn, void* ctx) {
    if (n_ == 1) {
        fn(ctx, 0);
        return;
    }
    fn_ = fn;
    ctx_ = ctx;
    done_.store(0, std::memory_order_relaxed);  // every task of the last job has returned: no increment is late
    const std::uint64_t g = (job_.load(std::memory_order_relaxed) >> 32) + 1;
    job_.store(g << 32, std::memory_order_release);
    generation_.fetch_add(1);  // seq_cst: orders against sleepers_ below
    if (sleepers_.load() > 0) generation_.notify_all();
    run_tasks();
    for (int spin = 0; spin < kCallerSpins; ++spin) {
        if (done_.load(std::memory_order_acquire) == n_) return;
        RWKV_SPIN_PAUSE();
    }
    caller_sleeps_.store(true);  // seq_cst with the workers' done_ increment and load of caller_sleeps_
    for (int d; (d = done_.load()) != n_;) done_.wait(d);
    caller_sleeps_.store(false, std::memory_order_relaxed);
}

void ThreadPool::worker() {
    std::uint32_t seen = 0;  // the generation at construction: a job posted before this thread ran still counts
    for (;;) {
        std::uint32_t g;
        int spin = 0;
        while ((g = generation_.load(std::memory_order_acquire)) == seen) {
            if (++spin < kWorkerSpins) {
                RWKV_SPIN_PAUSE();
                continue;
            }
            sleepers_.fetch_add(1);
            generation_.wait(seen);
            sleepers_.fetch_sub(1);
            spin = 0;
        }
        seen = g;
        if (stop_.load()) return;
        run_tasks();
    }
}

}  // namespace rwkv::cpu
