// cli_stop_signal.cpp — see cli_stop_signal.h.
#include "cli_stop_signal.h"

#include <signal.h>
#include <unistd.h>

namespace rwkv::cli {
namespace {

// What the handler touches: lock-free atomics only (async-signal-safe), then _exit for a second signal.
static_assert(std::atomic<bool>::is_always_lock_free && std::atomic<int>::is_always_lock_free);
std::atomic<bool> gStop{false};
std::atomic<int> gSignal{0};
std::atomic<bool> gClose{false};  // set before gStop, so a turn that sees the stop sees what kind it is
struct sigaction gPreviousInt {}, gPreviousTerm {};

extern "C" void stopTheReply(int sig) {
    int none = 0;
    if (!gSignal.compare_exchange_strong(none, sig)) _exit(128 + sig);  // a second one: at once
    gClose.store(sig == SIGTERM);
    gStop.store(true);
}

/// Our handler for `sig`, the one before kept in `previous`; false where the signal is ignored (left so).
bool install(int sig, struct sigaction& previous) {
    if (::sigaction(sig, nullptr, &previous) != 0 || previous.sa_handler == SIG_IGN) return false;
    struct sigaction on {};
    on.sa_handler = stopTheReply;
    ::sigemptyset(&on.sa_mask);
    return ::sigaction(sig, &on, nullptr) == 0;
}

}  // namespace

StopOnSignal::~StopOnSignal() {
    if (!armed_) return;
    ::sigaction(SIGINT, &gPreviousInt, nullptr);
    ::sigaction(SIGTERM, &gPreviousTerm, nullptr);
}

void StopOnSignal::arm() {
    if (armed_) return;
    armed_ = true;
    gStop.store(false);
    gSignal.store(0);
    gClose.store(false);
    install(SIGINT, gPreviousInt);
    install(SIGTERM, gPreviousTerm);
}

const std::atomic<bool>* StopOnSignal::cancel() const { return &gStop; }

const std::atomic<bool>* StopOnSignal::cancelIsClose() const { return &gClose; }

int StopOnSignal::signal() const { return gSignal.load(); }

}  // namespace rwkv::cli
