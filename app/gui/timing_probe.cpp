// timing_probe.cpp — see timing_probe.h.
#include "timing_probe.h"

#include <QQuickWindow>

#include <cstdio>

namespace rwkv::gui {

TimingProbe::TimingProbe(QElapsedTimer sinceStart, QObject* parent) : QObject(parent), sinceStart_(sinceStart) {}

bool TimingProbe::enabled() {
    const QByteArray v = qgetenv("RWKV_TIMING");
    return !v.isEmpty() && v != "0";
}

void TimingProbe::watch(QQuickWindow* window) {
    // Direct: frameSwapped comes from the render thread right after the frame is presented.
    connect(window, &QQuickWindow::frameSwapped, this, &TimingProbe::onFrameSwapped, Qt::DirectConnection);
}

void TimingProbe::begin(const QString& action) {
    std::lock_guard lock(mutex_);
    pending_ = action;
    pendingClock_.start();
}

void TimingProbe::onFrameSwapped() {
    std::lock_guard lock(mutex_);
    if (!started_) {
        started_ = true;
        std::fprintf(stderr, "rwkv-timing: start-to-interactive %.1f ms\n", double(sinceStart_.nsecsElapsed()) / 1e6);
    }
    if (!pending_.isEmpty()) {
        std::fprintf(stderr, "rwkv-timing: %s %.1f ms\n", qPrintable(pending_), double(pendingClock_.nsecsElapsed()) / 1e6);
        pending_.clear();
    }
    std::fflush(stderr);
}

}  // namespace rwkv::gui
