// timing_probe.cpp — see timing_probe.h.
#include "timing_probe.h"

#include <QQuickWindow>

#include <cstdio>
#include <utility>

namespace rwkv::gui {

TimingProbe::TimingProbe(QElapsedTimer sinceStart, QObject* parent) : QObject(parent), sinceStart_(sinceStart) {}

bool TimingProbe::enabled() {
    const QByteArray v = qgetenv("RWKV_TIMING");
    return !v.isEmpty() && v != "0";
}

void TimingProbe::watch(QQuickWindow* window) {
    // Direct: frameSwapped comes from the render thread right after the frame is presented.
    connect(window, &QQuickWindow::frameSwapped, this, &TimingProbe::onFrameSwapped, Qt::DirectConnection);
    tick_.setInterval(kTickMs);
    connect(&tick_, &QTimer::timeout, this, &TimingProbe::onTick);
    sinceTick_.start();
    tick_.start();
}

void TimingProbe::onTick() {
    const qint64 heldNs = sinceTick_.nsecsElapsed() - qint64(kTickMs) * 1000000;
    sinceTick_.start();
    {
        std::lock_guard lock(mutex_);
        if (!started_) return;  // the start is logged as start-to-interactive
    }
    const QStringList during = std::exchange(actionsSinceTick_, {});
    if (heldNs >= qint64(kHeldMs) * 1000000) {
        std::fprintf(stderr, "rwkv-timing: GUI thread held %.1f ms in %s\n", double(heldNs) / 1e6,
                     during.isEmpty() ? "no action" : qPrintable(during.join(QStringLiteral(", "))));
        std::fflush(stderr);
    }
}

void TimingProbe::begin(const QString& action) {
    actionsSinceTick_ << action;
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
