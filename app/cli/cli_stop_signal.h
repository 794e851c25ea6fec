// cli_stop_signal.h — Ctrl+C (SIGINT) or SIGTERM while `rwkv-cli chat` writes a reply stops it as the window's Stop
// does: the turn's cancel flag is set (checked every token), the reply is saved whole with what was printed (text,
// tokens, state snapshot; with --replies N every version), ended "stopped" for Ctrl+C and "closed" for SIGTERM, as the
// window stores a reply cut by its closing or a SIGTERM (store::ReplyEnd::Closed: "Cut off when RWKV Desktop was
// closed"; session 52 stored SIGTERM as a Stop), one line on stderr says so and the program
// exits with 128 + the signal (130, 143), the shell's convention. Before, the signal killed the process and the
// database kept the last checkpoint (written every 2 s): 35,219 of the 52,195 characters printed (session 52's trial).
// A second signal while the reply is saved ends the program at once (_exit: the last checkpoint stays). Armed from the
// reply's first word: before it (the prompt's prefill) a signal ends the program as it always did (cli_progress.h).
#pragma once

#include <atomic>

namespace rwkv::cli {

/// While armed, SIGINT and SIGTERM set cancel() instead of ending the program; the handlers before arm() come back
/// when it is destroyed. One at a time (the handler reads process-wide flags).
class StopOnSignal {
public:
    StopOnSignal() = default;
    ~StopOnSignal();
    StopOnSignal(const StopOnSignal&) = delete;
    StopOnSignal& operator=(const StopOnSignal&) = delete;

    /// From now on SIGINT and SIGTERM stop the reply (a signal the process ignores, as under nohup, stays ignored).
    /// Idempotent: cheap to call at every piece of the reply.
    void arm();
    /// The flag a turn checks (TurnCallbacks::cancel).
    const std::atomic<bool>* cancel() const;
    /// Whether the stop is a close (TurnCallbacks::cancelIsClose): true once SIGTERM asked for it, so the reply is
    /// stored as ReplyEnd::Closed as the window stores one cut by a SIGTERM; false for SIGINT (a Stop).
    const std::atomic<bool>* cancelIsClose() const;
    /// The signal that asked for the stop (SIGINT, SIGTERM), 0 when none came.
    int signal() const;

private:
    bool armed_ = false;
};

/// Thrown by a command to end rwkv-cli with `code` after its own output, the stack unwound (the database closed):
/// main.cpp returns it. chat after a stop signal: 128 + the signal.
struct ExitStatus {
    int code = 0;
};

}  // namespace rwkv::cli
