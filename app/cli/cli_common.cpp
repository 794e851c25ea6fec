// rwkv-cli shared helpers (cli_common.h).
#include "cli_common.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <cerrno>
#include <climits>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <functional>
#include <span>
#include <sstream>
#include <string_view>

#include "rwkv/error.h"
#include "rwkv/file_kind.h"
#include "rwkv/tokenizer.h"  // utf8_replace_invalid
#include "terminal_text.h"

namespace rwkv::cli {

bool is_utf8(const std::string& bytes) {
    // The engine's decoder (spec §6.4: each invalid or cut sequence becomes U+FFFD, valid text is kept byte for byte),
    // not Qt's: this file is in the engine-only rwkv-cli of the GPU machine, which has no Qt (QStringDecoder broke
    // that build from e0ac837 until session 50's device call).
    return utf8_replace_invalid(bytes) == bytes;
}

namespace {

/// One entry of a --tokens list: as written (trimmed), and its value when it fits 64 bits.
struct TokenEntry {
    std::string text;
    bool fits = false;
    long long value = 0;
};

std::vector<TokenEntry> split_token_list(const std::string& text) {
    std::vector<TokenEntry> entries;
    std::stringstream ss(text);
    std::string item;
    while (std::getline(ss, item, ',')) {
        const auto b = item.find_first_not_of(" \t");
        const auto e = item.find_last_not_of(" \t");
        if (b == std::string::npos) {
            throw Error(ErrorCode::InvalidArgument, "empty entry in token list '" + text + "'");
        }
        TokenEntry entry{item.substr(b, e - b + 1)};
        const bool plus = entry.text[0] == '+';  // "+5" is 5, as std::stoll read it before
        const std::string_view digits = std::string_view(entry.text).substr(plus ? 1 : 0);
        const char* end = digits.data() + digits.size();
        const auto [ptr, ec] = std::from_chars(digits.data(), end, entry.value);
        // A whole number too large for 64 bits is still one: outside the vocabulary, not "not a token id" (session
        // 26's trial, F12: 4294967297 was refused so, as it did not fit 32 bits).
        if (ptr != end || (ec != std::errc() && ec != std::errc::result_out_of_range) ||
            (plus && (digits.empty() || digits[0] < '0' || digits[0] > '9'))) {
            throw Error(ErrorCode::InvalidArgument, "'" + entry.text + "' is not a token id");
        }
        entry.fits = ec == std::errc();
        entries.push_back(std::move(entry));
    }
    // getline ends without an empty last item: "1,2," was taken as 1,2 while "1,,2" and ",1" were refused
    // (new-user trial, session 16).
    if (const auto last = text.find_last_not_of(" \t"); last != std::string::npos && text[last] == ',')
        throw Error(ErrorCode::InvalidArgument, "empty entry in token list '" + text + "'");
    return entries;
}

}  // namespace

std::size_t check_token_list(const std::string& text) { return split_token_list(text).size(); }

std::vector<std::int32_t> parse_token_list(const std::string& text, int vocab_size) {
    const std::vector<TokenEntry> entries = split_token_list(text);
    std::vector<std::int32_t> ids;
    ids.reserve(entries.size());
    for (std::size_t i = 0; i < entries.size(); ++i) {
        const TokenEntry& t = entries[i];
        if (!t.fits || t.value < 0 || t.value >= vocab_size)
            throw Error(ErrorCode::InvalidToken, "token id " + t.text + " at position " + std::to_string(i) +
                                                     " is outside [0, " + std::to_string(vocab_size) + ")");
        ids.push_back(std::int32_t(t.value));
    }
    return ids;
}

std::string join_tokens(const std::vector<std::int32_t>& ids) {
    std::string out;
    for (std::size_t i = 0; i < ids.size(); ++i) {
        if (i) out += ',';
        out += std::to_string(ids[i]);
    }
    return out;
}

std::string with_commas(std::uint64_t n) {  // appended digit by digit: GCC 12 warns (-Wrestrict) on string::insert
    const std::string digits = std::to_string(n);
    std::string s;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) s += ',';
        s += digits[i];
    }
    return s;
}

namespace {

std::string short_size(double x, const char* const units[], int count) {
    int u = 0;
    while (u + 1 < count && x >= 1000.0) x /= 1000.0, ++u;
    char buf[32];
    std::snprintf(buf, sizeof buf, x < 10 ? "%.2f %s" : x < 100 ? "%.1f %s" : "%.0f %s", x, units[u]);
    return buf;
}

}  // namespace

std::string short_count(std::uint64_t n) {
    static const char* const kCounts[] = {"", "K", "M", "B"};
    return short_size(double(n), kCounts, 4);
}

std::string short_bytes(std::uint64_t n) {
    static const char* const kBytes[] = {"B", "KB", "MB", "GB", "TB"};
    return short_size(double(n), kBytes, 5);
}

DType parse_dtype(const std::string& s) {
    if (s == "fp32") return DType::F32;
    if (s == "fp16") return DType::F16;
    if (s == "bf16") return DType::BF16;
    if (s == "int8") return DType::I8;
    throw Error(ErrorCode::InvalidArgument, "unknown --dtype '" + s + "' (fp32, fp16, bf16, int8)");
}

std::vector<float> read_f32_file(const std::filesystem::path& path) {
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) {
        throw Error(ErrorCode::InvalidArgument, path.string() + " is a directory, not a float32 file");
    }
    std::ifstream f(path, std::ios::binary);
    if (!f) throw Error(ErrorCode::FileNotFound, "cannot open " + path.string());
    std::vector<char> bytes((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
    if (bytes.size() % 4 != 0) {
        throw Error(ErrorCode::CorruptFile, path.string() + " is not a float32 file (size not a multiple of 4)");
    }
    std::vector<float> out(bytes.size() / 4);
    std::memcpy(out.data(), bytes.data(), bytes.size());
    return out;
}

namespace {

/// One output of write_f32_files / write_file_whole: its temporary file beside it, written whole and synced, not yet
/// renamed.
struct PendingWrite {
    std::string target, tmp;  ///< tmp empty: written in place already (a device or a pipe)
    std::string named;        ///< the path as given, for messages (target is a link's file)
};

[[noreturn]] void cannot_write(const std::string& target, const std::string& why) {
    throw Error(ErrorCode::Io, "cannot write " + target + ": " + why + " (nothing was written)");
}

/// Writes all of `data` to `fd`; 0, or the errno that stopped it.
int write_all(int fd, const std::vector<float>& data) {
    const char* p = reinterpret_cast<const char*>(data.data());
    std::size_t left = data.size() * sizeof(float);
    while (left > 0) {
        const ssize_t n = ::write(fd, p, left);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return n < 0 ? errno : EIO;
        p += n;
        left -= std::size_t(n);
    }
    return 0;
}

/// What is written and by whom, for the messages: kind "raw float32", example "out.f32", command "eval".
struct OutKind {
    const char* kind;
    const char* example;
    const char* command;
};

/// `fill(fd, file)` writes the whole output (to fd, or to the file by name) and returns 0 or an errno.
using Fill = std::function<int(int fd, const std::string& file)>;

PendingWrite write_temp(const std::filesystem::path& path, const OutKind& k, const Fill& fill) {
    const std::string target = path.string();
    std::error_code ec;
    // A folder (or a name ending in "/") was "cannot write /tmp/t28/: Not a directory" (session 28's trial, N2).
    if (std::filesystem::is_directory(path, ec) || path.filename().empty())
        throw Error(ErrorCode::InvalidArgument,
                    target + " is a folder: give the name of a file to write (" + k.kind + "), e.g. " +
                        (path / k.example).lexically_normal().string() + " (nothing was written)");
    struct stat st {};
    const bool exists = ::stat(target.c_str(), &st) == 0;  // through a link: the file it points to
    if (exists && !S_ISREG(st.st_mode)) {
        // A device or a pipe (/dev/null, /dev/stdout, a FIFO) is written in place, not replaced: a temporary file
        // renamed over it made /dev/null a regular file when run as root (session 28's check).
        const int fd = ::open(target.c_str(), O_WRONLY | O_CLOEXEC);
        if (fd < 0) cannot_write(target, std::strerror(errno));
        int err = 0;
        try {
            err = fill(fd, target);
        } catch (...) {
            ::close(fd);
            throw;
        }
        if (::close(fd) != 0 && err == 0) err = errno;
        if (err != 0) cannot_write(target, std::strerror(err));
        return {target, "", target};
    }
    // Through a symbolic link the file it points to is replaced and the link kept (the rename replaced the link).
    // A link to a file not made yet makes that file.
    std::filesystem::path real = path;
    for (int hops = 0; hops < 40 && std::filesystem::is_symlink(real, ec); ++hops) {
        const std::filesystem::path to = std::filesystem::read_symlink(real, ec);
        if (ec) break;
        real = to.is_absolute() ? to : real.parent_path() / to;
    }
    std::string hidden = ".";  // appended, not "." + name: GCC 12 warns (-Wrestrict) on that inlined insert
    hidden += real.filename().string();
    hidden += ".XXXXXX";
    std::string tmp = std::filesystem::path(real).replace_filename(hidden).string();
    const int fd = ::mkstemp(tmp.data());
    if (fd < 0) {  // the temporary file's errno named the target: /proc/version "No such file or directory" (C5)
        const int made = errno;
        std::filesystem::path folder = real.parent_path();
        if (folder.empty()) folder = ".";
        if (!std::filesystem::is_directory(folder, ec))
            cannot_write(target, "its folder " + folder.string() + " does not exist");
        if (made == EACCES || made == EPERM || made == EROFS)
            cannot_write(target, "its folder " + folder.string() + " cannot be written (" + std::strerror(made) + ")");
        if (made == ENOSPC || made == EDQUOT) cannot_write(target, std::strerror(made));
        cannot_write(target, "no new file can be made in its folder " + folder.string() + " (" + std::strerror(made) +
                                 "): " + k.command + " writes the whole file there first, then renames it over " +
                                 real.filename().string());
    }
    if (exists) {
        ::fchmod(fd, st.st_mode & 07777);  // keep the replaced file's permissions
    } else {
        const mode_t mask = ::umask(0);
        ::umask(mask);
        ::fchmod(fd, 0666 & ~mask);  // mkstemp makes 0600; a new file gets what open() would give it
    }
    int err = 0;
    try {
        err = fill(fd, tmp);
    } catch (...) {
        ::close(fd);
        ::unlink(tmp.c_str());
        throw;
    }
    if (err == 0 && ::fsync(fd) != 0) err = errno;  // the file's data, whichever descriptor wrote it
    if (::close(fd) != 0 && err == 0) err = errno;
    if (err != 0) {
        ::unlink(tmp.c_str());
        cannot_write(target, std::strerror(err));
    }
    return {real.string(), tmp, target};
}

/// Renames every pending temporary file over its target; a failure removes those not renamed and says which were.
void rename_all(std::vector<PendingWrite>& pending) {
    for (std::size_t i = 0; i < pending.size(); ++i) {
        if (pending[i].tmp.empty() || ::rename(pending[i].tmp.c_str(), pending[i].target.c_str()) == 0) continue;
        const int err = errno;
        for (std::size_t j = i; j < pending.size(); ++j)
            if (!pending[j].tmp.empty()) ::unlink(pending[j].tmp.c_str());
        if (i == 0) cannot_write(pending[i].named, std::strerror(err));
        std::string done;  // a rename after the first failed: say what was replaced
        for (std::size_t j = 0; j < i; ++j) done += (j ? ", " : "") + pending[j].named;
        throw Error(ErrorCode::Io, "cannot write " + pending[i].named + ": " + std::strerror(err) + " (" + done +
                                       " was written)");
    }
}

}  // namespace

void write_f32_files(const std::vector<std::pair<std::filesystem::path, const std::vector<float>*>>& files) {
    // Temporary files beside the targets, renamed over them only when all are complete and synced: a full disk or a
    // killed run keeps what was there (QSaveFile's contract), for every file — the logits were replaced while the
    // state failed with "(nothing was written)" (session 28's trial, N2). Plain POSIX rather than QSaveFile because
    // eval is also in the engine-only rwkv-cli that GPU machines without Qt build (docs/testing.md).
    std::vector<PendingWrite> pending;
    try {
        for (const auto& [path, data] : files)
            pending.push_back(write_temp(path, {"raw float32", "out.f32", "eval"},
                                         [data = data](int fd, const std::string&) { return write_all(fd, *data); }));
    } catch (...) {
        for (const PendingWrite& f : pending)
            if (!f.tmp.empty()) ::unlink(f.tmp.c_str());
        throw;
    }
    rename_all(pending);
}

void write_f32_file(const std::filesystem::path& path, const std::vector<float>& data) {
    write_f32_files({{path, &data}});
}

void write_file_whole(const std::filesystem::path& path, const char* kind, const char* example, const char* command,
                      const std::function<void(const std::string& file)>& write) {
    std::vector<PendingWrite> pending{write_temp(path, {kind, example, command}, [&](int, const std::string& file) {
        try {
            write(file);
        } catch (const Error& e) {  // named by the output's name, not its hidden temporary file's
            std::string why = e.what();
            if (why.rfind(file, 0) == 0) why.erase(0, file.size() + (why.compare(file.size(), 2, ": ") == 0 ? 2 : 0));
            cannot_write(path.string(), why);
        }
        return 0;
    })};
    rename_all(pending);
}

namespace {

bool is_sqlite_database(const std::string& path) {
    char head[16] = {};
    std::ifstream f(path, std::ios::binary);
    return f.read(head, sizeof head) && std::memcmp(head, "SQLite format 3", 16) == 0;  // with its '\0'
}

}  // namespace

void refuse_to_overwrite(const std::string& option, const std::string& path,
                         const std::vector<std::pair<std::string, std::string>>& inputs) {
    namespace fs = std::filesystem;
    const auto refuse = [&](const std::string& why) {
        throw Error(ErrorCode::InvalidArgument,
                    option + " " + path + " " + why + ". Give another file name (nothing was written)");
    };
    struct stat st {};
    const bool exists = ::stat(path.c_str(), &st) == 0;  // through a link: the file it points to
    if (exists && (S_ISCHR(st.st_mode) || S_ISFIFO(st.st_mode))) return;  // /dev/null, a pipe: written in place
    if (exists && S_ISDIR(st.st_mode)) refuse("is a folder");
    if (exists && !S_ISREG(st.st_mode)) refuse("is not a plain file (a disk, a socket?): writing it would destroy it");
    std::error_code ec;
    const fs::path out = fs::weakly_canonical(fs::path(path), ec);
    for (const auto& [name, input] : inputs) {
        if (input.empty()) continue;
        std::error_code e2;
        const bool same = exists && fs::exists(input, e2) ? fs::equivalent(path, input, e2)
                                                          : out == fs::weakly_canonical(fs::path(input), e2);
        if (same) refuse("is the file " + name + " reads (" + input + "): writing it would destroy it");
    }
    for (const char* suffix : {"-wal", "-shm", "-journal"}) {  // an SQLite database's journal is part of it
        const std::size_t n = std::strlen(suffix);
        if (path.size() > n && path.compare(path.size() - n, n, suffix) == 0 &&
            is_sqlite_database(path.substr(0, path.size() - n)))
            refuse(std::string("is the ") + suffix + " file of the SQLite database " + path.substr(0, path.size() - n) +
                   " (a conversation library?): writing it would damage the database");
    }
    if (!exists) return;
    if (::access(path.c_str(), R_OK) != 0)
        refuse(std::string("cannot be read (") + std::strerror(errno) +
               "), so rwkv-cli cannot tell whether it is a database it would destroy");
    if (is_sqlite_database(path))
        refuse("is an SQLite database (a conversation library?): writing it would destroy it");
}

double json_float(float x) {
    char buf[32];
    const auto end = std::to_chars(buf, buf + sizeof buf, x).ptr;  // shortest decimal that reads back as x
    double d = x;
    std::from_chars(buf, end, d);  // inf / nan: to_chars writes "inf" / "nan", which from_chars reads back
    return d;
}

namespace {
/// "; rwkv-cli reads at most N bytes of text (the most SQLite keeps in one message)": why a text is refused.
std::string at_most_text(std::size_t max_bytes) {
    return "; rwkv-cli reads at most " + with_commas(max_bytes) +
           " bytes of text (the most SQLite keeps in one message)";
}
}  // namespace

std::string read_text_file(const std::filesystem::path& path) {
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec))
        throw Error(ErrorCode::InvalidArgument, path.string() + " is a directory, not a file");
    errno = 0;
    std::ifstream f(path, std::ios::binary);
    // With the system's reason ("No such file or directory", "Permission denied"): "cannot open F" alone left the user
    // to guess which (session 45's trial).
    if (!f)
        throw Error(ErrorCode::FileNotFound,
                    "cannot open " + path.string() + (errno != 0 ? std::string(": ") + std::strerror(errno) : ""));
    if (std::filesystem::is_regular_file(path, ec)) {
        const std::uintmax_t size = std::filesystem::file_size(path, ec);
        if (!ec && size > kMaxTextBytes)  // refused without reading a byte
            throw Error(ErrorCode::InvalidArgument, path.string() + " holds " + with_commas(size) + " bytes" +
                                                        at_most_text(kMaxTextBytes));
    }
    return read_text_stream(f, path.string());
}

std::string read_text_stream(std::istream& in, const std::string& name, std::size_t max_bytes) {
    std::string bytes;
    char chunk[1 << 16];
    while (in) {
        in.read(chunk, std::min<std::streamsize>(sizeof chunk, std::streamsize(max_bytes - bytes.size()) + 1));
        bytes.append(chunk, std::size_t(in.gcount()));
        if (bytes.size() > max_bytes)
            throw Error(ErrorCode::InvalidArgument,
                        name + " holds more than " + with_commas(max_bytes) + " bytes" + at_most_text(max_bytes));
    }
    return bytes;
}

std::filesystem::path find_bundled_resource(const char* name) {
    std::error_code ec;
    const std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", ec);
    if (ec) return {};
    const std::filesystem::path dir = exe.parent_path();
    // next to the binary, the build tree (<build>/app/cli/rwkv-cli -> <build>/resources), installed
    for (const auto& p : {dir / "resources" / name, dir / ".." / "resources" / name,
                          dir / ".." / ".." / "resources" / name, dir / ".." / "share" / "rwkv-desktop" / name}) {
        if (std::filesystem::is_regular_file(p, ec)) return std::filesystem::weakly_canonical(p, ec);
    }
    return {};
}

std::filesystem::path find_bundled_vocab() { return find_bundled_resource("rwkv_vocab_v20230424.txt"); }

std::filesystem::path vocab_or_bundled(const std::string& explicit_path) {
    if (!explicit_path.empty()) return explicit_path;
    std::filesystem::path p = find_bundled_vocab();
    if (p.empty()) {
        throw Error(ErrorCode::FileNotFound,
                    "the bundled World vocabulary (rwkv_vocab_v20230424.txt) was not found next to rwkv-cli; "
                    "pass --vocab PATH");
    }
    return p;
}

std::filesystem::path vocab_for_model(int vocab_rows, const std::string& explicit_path) {
    if (vocab_rows != 256) return vocab_or_bundled(explicit_path);
    if (!explicit_path.empty())
        std::fprintf(stderr, "note: this model reads bytes (a 256-row vocabulary), so --vocab %s is not used\n",
                     terminal_line(explicit_path).c_str());
    return {};
}

std::string what_to_do(const Error& e) {
    const std::string what = e.what();
    if (e.code() != ErrorCode::EmptyFile && e.code() != ErrorCode::TruncatedFile) return {};
    const std::string next = "ownload or copy it again, and check that its size in bytes matches the source's.";
    // The readers' own "the file is truncated (an incomplete download or copy?)" already asks; say only what to do.
    if (what.find("(an incomplete download or copy?)") != std::string::npos)
        return std::string(what.back() == '.' ? " D" : ". D") + next;
    return std::string(what.back() == '.' ? " " : ". ") +
           "The file is incomplete (an interrupted download or copy?): d" + next;
}

Error with_raw_state_hint(const Error& e, const std::filesystem::path& path) {
    if (e.code() != ErrorCode::UnsupportedFormat) return e;
    std::error_code ec;
    const std::uintmax_t size = std::filesystem::file_size(path, ec);
    if (ec || size == 0 || size % sizeof(float) != 0) return e;
    std::ifstream in(path, std::ios::binary);
    std::string head(std::min<std::uintmax_t>(size, kForeignFileHeadBytes), '\0');
    if (!in.read(head.data(), std::streamsize(head.size()))) return e;
    if (classify_foreign_file(std::as_bytes(std::span(head.data(), head.size()))) != ForeignFileKind::Unknown) return e;
    // A checkpoint container the engine reads, by the first bytes its loader goes by (a .pth's ZIP, GGUF, rwkv.cpp's
    // magic "fmgg", safetensors' JSON header after 8 bytes): its reader said what is wrong with it (a GGUF of a
    // version to come was pointed to `eval --state-in` until session 59's trial2).
    const std::string_view start(head);
    if (start.starts_with("PK\x03\x04") || start.starts_with("GGUF") || start.starts_with("fmgg") ||
        (start.size() > 8 && start[8] == '{'))
        return e;
    return Error(e.code(), std::string(e.what()) +
                               "; a raw float32 state as `eval --state-out` writes it has no header: pass it to "
                               "`eval --state-in`");
}

std::optional<DeviceInfo> first_usable_device(const std::string& kind) {
    if (kind.empty() || kind == "cpu") return std::nullopt;
    for (const DeviceInfo& d : list_all_devices())
        if (d.usable && d.backend.starts_with(kind + ":")) return d;
    return std::nullopt;
}

Error with_fp16_int8_remedy(const Error& e, const std::string& command) {
    if (e.code() != ErrorCode::WeightOutOfRange) return e;
    std::string what = e.what();
    const std::size_t remedy = what.find("; load it with");
    const std::string engine = remedy == std::string::npos ? std::string() : what.substr(remedy);
    if (remedy != std::string::npos) what.resize(remedy);
    // The value the message names ("holds 70000 (element …"): int8 on the CPU holds it up to 8321039.5.
    const std::size_t at = what.find(" holds ");
    const double value = at == std::string::npos ? 0.0 : std::fabs(std::strtod(what.c_str() + at + 7, nullptr));
    const bool int8_holds = what.find("beyond fp16's range") != std::string::npos && value <= 8321039.5;
    if (!int8_holds)
        return Error(e.code(), what + "; neither fp16 nor int8, the weights `rwkv-cli " + command +
                                   "` loads, holds it: `rwkv-cli generate --dtype fp32` (or bf16) loads it");
    // The CPU's remedy offers int8 itself; Vulkan's and CUDA's name the CPU or fp32: the CPU's int8 holds it.
    const bool cpu = engine.find("int8") != std::string::npos && engine.find("--backend") == std::string::npos;
    return Error(e.code(), what + (cpu ? "; load it with --dtype int8" : "; load it with --backend cpu --dtype int8"));
}

}  // namespace rwkv::cli
