// cli_checks.h — CLI11 checks of rwkv-cli options with plain messages. CLI11 2.1's PositiveNumber and
// NonNegativeNumber report "Value 0 not in range 0.000000 to 179769313486231570814527423731704356798070567…",
// which is unreadable (and wrong for 0 > 0); these say what is wanted.
#pragma once

#include <CLI/CLI.hpp>

#include <charconv>
#include <filesystem>
#include <string>
#include <system_error>
#include <thread>

namespace rwkv::cli {

/// Accepts a whole number ≥ `min` (ids, token counts); the range of the option's own type is checked by CLI11
/// when it converts the value.
inline CLI::Validator whole_number_at_least(long long min) {
    return CLI::Validator(
        [min](std::string& s) -> std::string {
            long long v = 0;
            const char* first = s.data();
            const char* last = s.data() + s.size();
            const auto [end, ec] = std::from_chars(first, last, v);
            if (ec != std::errc() || end != last || v < min)
                return "'" + s + "' is not a whole number of at least " + std::to_string(min);
            return std::string();
        },
        min > 0 ? "POSITIVE" : "NONNEGATIVE");
}

/// Accepts a whole number from `min` to `max` (token counts, batch sizes, thread counts); `note` (e.g. "0 =
/// automatic") is added to the message in parentheses. CLI11's Range would say "Value abc not in range 1 to 1048576".
inline CLI::Validator whole_number_in(long long min, long long max, std::string note = {}) {
    return CLI::Validator(
        [min, max, note](std::string& s) -> std::string {
            long long v = 0;
            const char* first = s.data();
            const char* last = s.data() + s.size();
            const auto [end, ec] = std::from_chars(first, last, v);
            if (s.empty() || ec != std::errc() || end != last || v < min || v > max)
                return "'" + s + "' is not a whole number from " + std::to_string(min) + " to " + std::to_string(max) +
                       (note.empty() ? std::string() : " (" + note + ")");
            return std::string();
        },
        std::to_string(min) + ".." + std::to_string(max));
}

/// The most CPU threads a --threads takes: 16 per core. More only slow a model down (each thread waits for the
/// others), and a few hundred on a small machine kept `rwkv-cli serve` from serving for seconds.
inline int max_cpu_threads() { return 16 * int(std::max(1u, std::thread::hardware_concurrency())); }

/// --threads: 0 (automatic) to max_cpu_threads(), the message saying why.
inline CLI::Validator cpu_threads() {
    return whole_number_in(0, max_cpu_threads(),
                           "0 = automatic; at most 16 x the " + std::to_string(max_cpu_threads() / 16) + " cores");
}

/// Accepts a number from `min` to `max` written as a decimal (temperature, top-p). CLI11's Range said "Value -1 not in
/// range 0.000000 to 100.000000", and let "nan" through to the sampler ("sampler: temperature must be finite and
/// >= 0", not naming the option; new-user trial, session 16).
inline CLI::Validator number_in(double min, double max, std::string shown) {
    return CLI::Validator(
        [min, max, shown](std::string& s) -> std::string {
            double v = 0;
            const char* first = s.data();
            const char* last = s.data() + s.size();
            const auto [end, ec] = std::from_chars(first, last, v);
            if (s.empty() || ec != std::errc() || end != last || !(v >= min && v <= max))  // NaN fails v >= min
                return "'" + s + "' is not a number from " + shown;
            return std::string();
        },
        shown);
}

/// Refuses an empty value ("" from a script's unset variable): `what` names what is wanted, e.g. "the model path".
inline CLI::Validator not_empty(std::string what) {
    return CLI::Validator(
        [what](std::string& s) -> std::string { return s.empty() ? what + " is empty" : std::string(); }, "");
}

/// Refuses a folder where a file is wanted (--file, --db): `example` names the file to give instead, e.g.
/// "conversations.sqlite" gives "'/tmp' is a directory, not a file: give a file such as /tmp/conversations.sqlite".
inline CLI::Validator not_a_directory(std::string example = {}) {
    return CLI::Validator(
        [example](std::string& s) -> std::string {
            std::error_code ec;
            if (s.empty() || !std::filesystem::is_directory(s, ec)) return std::string();
            std::string msg = "'" + s + "' is a directory, not a file";
            if (!example.empty())
                msg += ": give a file such as " + (std::filesystem::path(s) / example).lexically_normal().string();
            return msg;
        },
        "");
}

/// Accepts a sampling or random-weight seed: a whole number from 0 to 2^64 - 1 (what std::uint64_t holds). CLI11
/// would read "-1" into an unsigned as 18446744073709551615 without a word; a seed that is not the one typed is
/// refused instead.
inline CLI::Validator seed_number() {
    return CLI::Validator(
        [](std::string& s) -> std::string {
            unsigned long long v = 0;
            const char* first = s.data();
            const char* last = s.data() + s.size();
            const auto [end, ec] = std::from_chars(first, last, v);
            if (s.empty() || ec != std::errc() || end != last)
                return "'" + s + "' is not a seed: use a whole number from 0 to 18446744073709551615";
            return std::string();
        },
        "SEED");
}

}  // namespace rwkv::cli
