// cli_progress.cpp — see cli_progress.h.
#include "cli_progress.h"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <iostream>
#include <memory>
#include <sstream>

namespace rwkv::cli {

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

PrefillProgress PrefillProgress::forStderr(bool asked) { return PrefillProgress(std::cerr, asked, isatty(2) != 0); }

PrefillProgress::~PrefillProgress() {
    if (drawnWidth_ > 0) out_ << std::endl;  // a failed turn: its error line starts on a line of its own
}

void PrefillProgress::start() {
    startedAt_ = clock_();
    done_ = total_ = 0;
    shown_ = finished_ = false;
}

void PrefillProgress::update(std::size_t done, std::size_t total) {
    if (finished_ || startedAt_ < 0) return;
    done_ = done;
    total_ = total;
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
    if (!terminal_) {
        out_ << text << std::endl;
        return;
    }
    // In place: back to the line's start, the text, blanks over what a longer line left.
    out_ << '\r' << text;
    if (text.size() < drawnWidth_) out_ << std::string(drawnWidth_ - text.size(), ' ');
    drawnWidth_ = std::max(drawnWidth_, text.size());  // what is on screen: the blanks count
    if (last) {
        out_ << std::endl;
        drawnWidth_ = 0;
    } else {
        out_ << std::flush;
    }
}

}  // namespace rwkv::cli
