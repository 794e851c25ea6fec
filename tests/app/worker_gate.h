// worker_gate.h — holds an InferenceWorker's thread before the next turn, so that what a test does right after Send or
// Regenerate (a Stop) comes before the turn begins on any machine. A test that only called stop() right after send()
// assumed the worker had not started yet: on a loaded CI runner (2 cores, 3 suites at once) the GUI thread lost its
// core between the two calls and the worker wrote the whole reply first (~1 in 90 runs, session 37).
// Used by test_reply_progress (a Stop before the prefill's first chunk, a Regenerate stopped before its first word).
#pragma once

#include <QMetaObject>
#include <QObject>
#include <QSemaphore>

#include <memory>
#include <utility>

/// While it lives (or until open()), the worker thread waits in a call queued to it at construction: calls queued after
/// it (the turn of a send() or regenerate()) run once the gate opens, in order. Opens when destroyed, so a failed check
/// does not leave the thread waiting at teardown. The semaphore is shared with the queued call: one on the stack was
/// destroyed while the woken thread still returned from acquire() (a crash at teardown).
class WorkerGate {
public:
    explicit WorkerGate(QObject& worker) {
        QMetaObject::invokeMethod(&worker, [held = held_] { held->acquire(); }, Qt::QueuedConnection);
    }
    ~WorkerGate() { open(); }
    WorkerGate(const WorkerGate&) = delete;
    WorkerGate& operator=(const WorkerGate&) = delete;

    /// Lets the worker thread go on with what was queued after the gate.
    void open() {
        if (!std::exchange(opened_, true)) held_->release();
    }

private:
    std::shared_ptr<QSemaphore> held_ = std::make_shared<QSemaphore>();
    bool opened_ = false;
};
