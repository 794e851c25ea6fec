// cli_progress.cpp — see cli_progress.h.
#include "cli_progress.h"

#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <iostream>
#include <memory>
#include <sstream>

namespace rwkv::cli {
namespace {

// What the SIGINT handler needs, as lock-free atomics (the handler may only read those and call write/sigaction/raise).
std::atomic<bool> gShown{false};     ///< a progress line is shown and the reading is not over
std::atomic<bool> gLineOpen{false};  ///< that line is drawn in place and not ended
std::atomic<std::size_t> gDone{0}, gTotal{0};
struct sigaction gPrevious {};
bool gInstalled = false;

char* put(char* p, const char* text) {
    while (*text) *p++ = *text++;
    return p;
}

char* put(char* p, std::size_t n) {
    char digits[24];
    int k = 0;
    do digits[k++] = char('0' + n % 10);
    while ((n /= 10) != 0);
    while (k > 0) *p++ = digits[--k];
    return p;
}

extern "C" void sayWhereTheReadingStopped(int sig) {
    if (gShown.load()) {
        char line[96];
        char* p = line;
        if (gLineOpen.load()) *p++ = '\n';
        p = put(put(put(put(put(p, "[stopped after "), gDone.load()), " / "), gTotal.load()), " prompt tokens]\n");
        [[maybe_unused]] const ssize_t n = ::write(2, line, std::size_t(p - line));
    }
    ::sigaction(sig, &gPrevious, nullptr);  // then end as the process always did on SIGINT
    ::raise(sig);
}

}  // namespace

std::string roughDuration(double seconds) {
    const long long s = std::llround(std::max(0.0, seconds));
    std::ostringstream o;
    if (s < 60) o << s << " s";
    else if (s < 3600) o << s / 60 << " min " << s % 60 << " s";
    else o << s / 3600 << " h " << s % 3600 / 60 << " min";
    return o.str();
}

PrefillProgress::PrefillProgress(std::ostream& out, bool asked, bool terminal, Clock clock)
    : out_(out), asked_(asked), terminal_(terminal), clock_(std::move(clock)) {
    if (!clock_) {
        const auto t0 = std::chrono::steady_clock::now();
        clock_ = [t0] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count(); };
    }
}

PrefillProgress PrefillProgress::forStderr(bool asked) {
    PrefillProgress p(std::cerr, asked, isatty(2) != 0);
    if (!gInstalled) {
        struct sigaction on {};
        on.sa_handler = sayWhereTheReadingStopped;
        sigemptyset(&on.sa_mask);
        // Not where SIGINT is ignored (a background job of a script, nohup): it stays ignored.
        if (::sigaction(SIGINT, nullptr, &gPrevious) == 0 && gPrevious.sa_handler != SIG_IGN &&
            ::sigaction(SIGINT, &on, nullptr) == 0)
            gInstalled = true;
    }
    p.onSigint_ = gInstalled;
    return p;
}

PrefillProgress::~PrefillProgress() {
    if (drawnWidth_ > 0) out_ << std::endl;  // a failed turn: its error line starts on a line of its own
    drawnWidth_ = 0;
    shown_ = false;
    tellSigint();
}

void PrefillProgress::tellSigint() const {
    if (!onSigint_) return;
    gDone.store(done_);
    gTotal.store(total_);
    gLineOpen.store(drawnWidth_ > 0);
    gShown.store(shown_ && !finished_);
}

void PrefillProgress::start() {
    startedAt_ = clock_();
    done_ = total_ = 0;
    shown_ = finished_ = false;
    tellSigint();
}

void PrefillProgress::update(std::size_t done, std::size_t total) {
    if (finished_ || startedAt_ < 0) return;
    done_ = done;
    total_ = total;
    if (shown_) tellSigint();  // the count the handler says, also between redraws
    if (done >= total) return finish();
    if (!asked_ && !terminal_) return;
    const double now = clock_(), elapsed = now - startedAt_;
    if (!asked_ && elapsed < kQuietSeconds) return;
    if (drawnAt_ >= 0 && now - drawnAt_ < (terminal_ ? kRedrawSeconds : kLineSeconds)) return;
    drawnAt_ = now;
    std::ostringstream text;
    text << "[reading the prompt: " << done << " / " << total << " tokens";
    if (done > 0 && elapsed > 0) {
        const double rate = double(done) / elapsed;
        const double left = double(total - done) / rate;
        text << ", " << std::llround(rate) << " tok/s, " << (left < 1 ? std::string("almost done")
                                                                  : "about " + roughDuration(left) + " left");
    }
    text << "]";
    draw(text.str(), false);
}

void PrefillProgress::finish() {
    if (finished_ || startedAt_ < 0) return;
    finished_ = true;
    if (!shown_ && !asked_) return;  // short: nothing was said, nothing to end
    const double elapsed = clock_() - startedAt_;
    std::ostringstream text;
    text.setf(std::ios::fixed);
    text.precision(1);
    text << "[read " << done_ << " prompt tokens in " << elapsed << " s";
    if (elapsed > 0 && done_ > 0) text << ", " << std::llround(double(done_) / elapsed) << " tok/s";
    text << "]";
    draw(text.str(), true);
}

void PrefillProgress::draw(const std::string& text, bool last) {
    shown_ = true;
    // The SIGINT handler learns what is on screen before it is written, and each line goes out in one write
    // (std::cerr writes each << at once): a SIGINT after a line is seen always says where the reading stopped, on a
    // line of its own (in the instant before, at worst after a line that was already ended).
    if (!terminal_) {
        tellSigint();
        out_ << (text + '\n') << std::flush;
        return;
    }
    // In place: back to the line's start, the text, blanks over what a longer line left.
    const std::size_t blanks = text.size() < drawnWidth_ ? drawnWidth_ - text.size() : 0;
    drawnWidth_ = last ? 0 : std::max(drawnWidth_, text.size());  // what is on screen: the blanks count
    tellSigint();
    out_ << ('\r' + text + std::string(blanks, ' ') + (last ? "\n" : "")) << std::flush;
}

}  // namespace rwkv::cli
