// run_on_threads: the bench's fork-join of n threads, with a thread that cannot be started turned into a clear
// Error instead of std::terminate (a joinable std::thread destroyed during unwinding).
#pragma once

#include <string>
#include <string_view>
#include <system_error>
#include <thread>
#include <vector>

#include "rwkv/error.h"

namespace rwkv::bench_detail {

/// Runs fn(t) for t = 0..n-1: t = 0 on the calling thread, the others on new threads, and joins them all.
/// When a thread cannot be started (std::system_error, e.g. a thread limit), `stop()` is called so that the workers
/// already running can finish early (they are joined, never abandoned), and Error(InvalidArgument)
/// "cannot start N threads <purpose> (<reason>); use fewer threads" is thrown; fn(0) has not run then.
template <class Fn, class Stop>
void run_on_threads(int n, std::string_view purpose, Fn&& fn, Stop&& stop) {
    std::vector<std::thread> pool;
    try {
        for (int t = 1; t < n; ++t) pool.emplace_back([&fn, t] { fn(t); });
    } catch (const std::system_error& e) {
        stop();
        for (auto& th : pool) th.join();
        throw Error(ErrorCode::InvalidArgument, "cannot start " + std::to_string(n) + " threads " + std::string(purpose) +
                                                    " (" + e.what() + "); use fewer threads");
    }
    fn(0);
    for (auto& th : pool) th.join();
}

template <class Fn>
void run_on_threads(int n, std::string_view purpose, Fn&& fn) {
    run_on_threads(n, purpose, fn, [] {});
}

}  // namespace rwkv::bench_detail
