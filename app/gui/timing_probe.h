// timing_probe.h — the app's own timing log, on when RWKV_TIMING=1: one stderr line per measurement,
//   rwkv-timing: start-to-interactive 412.3 ms
//   rwkv-timing: switch 23.1 ms        (selecting a conversation -> the next frame on screen)
//   rwkv-timing: search 8.4 ms         (a search in the sidebar -> the next frame on screen)
//   rwkv-timing: GUI thread held 2104.0 ms in fork, switch  (its event loop did not run for that long, the window
//                                                           frozen, in the actions begun meanwhile)
// Times run to the next frame the window presents (QQuickWindow::frameSwapped), so they include the database,
// the models, QML and rendering. Numbers for 1,000 x 100 messages are in docs/conversations.md.
#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QTimer>

#include <mutex>

class QQuickWindow;

namespace rwkv::gui {

class TimingProbe : public QObject {
    Q_OBJECT
public:
    /// `sinceStart` was started at the top of main().
    explicit TimingProbe(QElapsedTimer sinceStart, QObject* parent = nullptr);
    /// True when $RWKV_TIMING is set to anything but "0" or empty.
    static bool enabled();
    /// Starts watching the window's frames; the first one logs start-to-interactive. From then on, a GUI thread that
    /// does not come back to its event loop for kHeldMs or more is logged with the actions begun meanwhile ("GUI thread
    /// held 2104.0 ms in fork, switch"): a frame the render thread presents meanwhile does not say the window answered.
    void watch(QQuickWindow* window);
    static constexpr int kHeldMs = 100;
    /// Starts timing `action` until the next presented frame (connect uiActionStarted signals here).
    void begin(const QString& action);

private:
    void onFrameSwapped();  // render thread
    void onTick();          // GUI thread, every kTickMs
    static constexpr int kTickMs = 10;

    QElapsedTimer sinceStart_;
    std::mutex mutex_;
    bool started_ = false;
    QString pending_;
    QElapsedTimer pendingClock_;
    QStringList actionsSinceTick_;  // GUI thread: begun since the last tick
    QTimer tick_;
    QElapsedTimer sinceTick_;
};

}  // namespace rwkv::gui
