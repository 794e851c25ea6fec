// window_gaps.h — how long the window (the GUI thread's event loop) did not answer: a 10 ms timer ticks from the
// meter's making on, and the longest gap between two ticks is the longest wait. Used by test_changes_under_lock (a change
// refused under another program's lock), test_unsaved_reply_lock (a save waiting for one) and test_bundle_import (an
// import in the background). Each had its own copy of the meter before session 40.
#pragma once

#include <QElapsedTimer>
#include <QTimer>
#include <QtTest>

#include <algorithm>
#include <functional>

class WindowGaps {
public:
    /// Starts the clock and the 10 ms timer; they tick while the event loop turns.
    WindowGaps() {
        clock_.start();
        tick_.setInterval(10);
        QObject::connect(&tick_, &QTimer::timeout, [this] {
            longest_ = std::max(longest_, clock_.elapsed() - last_);
            last_ = clock_.elapsed();
            ++ticks_;
        });
        tick_.start();
    }
    WindowGaps(const WindowGaps&) = delete;
    WindowGaps& operator=(const WindowGaps&) = delete;

    /// The longest gap between two ticks (the first counted from the meter's making) so far, in ms.
    qint64 longestMs() const { return longest_; }
    /// The same, counting the time since the last tick as a gap too (the loop may not have turned since).
    qint64 longestUntilNowMs() const { return std::max(longest_, clock_.elapsed() - last_); }
    /// How many times the timer has ticked.
    int ticks() const { return ticks_; }
    /// Milliseconds since the meter was made.
    qint64 elapsedMs() const { return clock_.elapsed(); }
    /// Stops the timer (a gap after this is not counted).
    void stop() { tick_.stop(); }

    /// How long the window did not answer while `change` ran: the longest gap of a meter that ticks from before the
    /// change (3 ticks) to after it (3 more); -1 when it stopped ticking (20 s without the 3 ticks after it).
    static qint64 longestGapDuring(const std::function<void()>& change) {
        WindowGaps gaps;
        if (!QTest::qWaitFor([&] { return gaps.ticks() >= 3; })) return -1;  // the timer runs before the change
        int before = -1;
        QTimer::singleShot(0, &gaps.tick_, [&] {  // not run once the meter is gone
            change();
            before = gaps.ticks();
        });
        if (!QTest::qWaitFor([&] { return before >= 0 && gaps.ticks() >= before + 3; }, 20000)) return -1;  // and after
        return gaps.longestMs();
    }

private:
    QElapsedTimer clock_;
    QTimer tick_;
    qint64 last_ = 0, longest_ = 0;
    int ticks_ = 0;
};
