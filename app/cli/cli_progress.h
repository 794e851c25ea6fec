// cli_progress.h — `rwkv-cli chat`'s progress while it reads the prompt (the prefill), on stderr. A long message or a
// conversation read again can take minutes on a CPU (a 922 KB --message-file: 130 s with no word, session 23's
// trial, T8), so, as curl or pv do:
//  - stderr a terminal: once the reading has taken 2 s, one line redrawn in place, at most 4 times a second:
//    "[reading the prompt: 40960 / 90081 tokens, 20480 tok/s, about 2 s left]", ended by
//    "[read 90081 prompt tokens in 4.4 s, 20473 tok/s]" before the reply. A shorter reading prints nothing.
//  - stderr not a terminal (a log, a pipe): nothing, unless --progress: then from the start, one such line every
//    2 s, and the "[read …]" line at the end (on a terminal, --progress draws the line from the start).
// Written by the turn's callbacks (cli_chat.cpp); a turn that fails while the line is drawn ends it first. Ctrl+C
// (SIGINT) while forStderr's lines are shown ends the line and says "[stopped after N / M prompt tokens]", then the
// process ends by SIGINT as before (session 25's trial, N6: the shell's next output landed on the open line).
#pragma once

#include <cstddef>
#include <functional>
#include <ostream>
#include <string>

namespace rwkv::cli {

class PrefillProgress {
public:
    using Clock = std::function<double()>;  ///< seconds, monotonic
    /// `asked`: --progress. `terminal`: whether `out` is one (redrawn in place). `clock`: tests pass their own.
    PrefillProgress(std::ostream& out, bool asked, bool terminal, Clock clock = {});
    /// For stderr: terminal when isatty(2); SIGINT says where the reading stopped (unless SIGINT is ignored).
    static PrefillProgress forStderr(bool asked);
    ~PrefillProgress();  // ends a line still drawn in place

    void start();                                   ///< the turn began (its rows are stored)
    void update(std::size_t done, std::size_t total);  ///< prompt tokens read so far, of `total`
    void finish();                                  ///< the reading is over (the first reply text, or the end)

    static constexpr double kQuietSeconds = 2.0;   ///< on a terminal without --progress: nothing before this
    static constexpr double kRedrawSeconds = 0.25;  ///< in place, at most this often
    static constexpr double kLineSeconds = 2.0;     ///< a new line, not a terminal, at most this often

private:
    void draw(const std::string& text, bool last);
    std::ostream& out_;
    bool asked_, terminal_;
    Clock clock_;
    double startedAt_ = -1, drawnAt_ = -1;
    std::size_t done_ = 0, total_ = 0;
    bool shown_ = false, finished_ = false;
    std::size_t drawnWidth_ = 0;  ///< of the line drawn in place (0: none open)
    bool onSigint_ = false;       ///< forStderr's: tells the SIGINT handler what is on screen
    void tellSigint() const;
};

/// "3 s", "2 min 5 s", "1 h 3 min": a time left, rounded to the second.
std::string roughDuration(double seconds);

}  // namespace rwkv::cli
