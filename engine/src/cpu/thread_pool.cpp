// ThreadPool (thread_pool.h): generation counter + spin-then-wait hand-off, pending counter for completion.
#include "cpu/thread_pool.h"

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define RWKV_SPIN_PAUSE() _mm_pause()
#elif defined(__aarch64__)
#define RWKV_SPIN_PAUSE() __asm__ __volatile__("yield")
#else
#define RWKV_SPIN_PAUSE() ((void)0)
#endif

#include <system_error>

#include "rwkv/error.h"

namespace rwkv::cpu {
namespace {
constexpr int kSpins = 20000;  // ~ tens of microseconds of spinning before sleeping
}

ThreadPool::ThreadPool(int threads) : n_(threads < 1 ? 1 : threads) {
    try {
        for (int i = 1; i < n_; ++i) threads_.emplace_back([this, i] { worker(i); });
    } catch (const std::system_error& e) {
        stop_ = true;
        generation_.fetch_add(1);
        generation_.notify_all();
        for (auto& t : threads_) t.join();
        throw Error(ErrorCode::Internal, std::string("cannot start CPU worker threads: ") + e.what());
    }
}

ThreadPool::~ThreadPool() {
    stop_.store(true);
    generation_.fetch_add(1);
    generation_.notify_all();
    for (auto& t : threads_) t.join();
}

void ThreadPool::run_impl(Fn fn, void* ctx) {
    if (n_ == 1) {
        fn(ctx, 0);
        return;
    }
    fn_ = fn;
    ctx_ = ctx;
    pending_.store(n_ - 1);
    generation_.fetch_add(1);  // seq_cst: publishes fn_/ctx_ and orders against sleepers_ below
    if (sleepers_.load() > 0) generation_.notify_all();
    fn(ctx, 0);
    for (int spin = 0; pending_.load(std::memory_order_acquire) != 0; ++spin) {
        if (spin < kSpins) RWKV_SPIN_PAUSE(); else std::this_thread::yield();
    }
}

void ThreadPool::worker(int index) {
    std::uint32_t seen = 0;  // the generation at construction: a job posted before this thread ran still counts
    for (;;) {
        std::uint32_t g;
        int spin = 0;
        while ((g = generation_.load(std::memory_order_acquire)) == seen) {
            if (++spin < kSpins) {
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
        fn_(ctx_, index);
        pending_.fetch_sub(1, std::memory_order_release);
    }
}

}  // namespace rwkv::cpu
