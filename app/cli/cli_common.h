// Helpers shared by the rwkv-cli commands: id lists, file I/O, finding bundled resources.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <istream>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "rwkv/devices.h"
#include "rwkv/dtype.h"
#include "rwkv/error.h"

namespace rwkv::cli {

/// "1,2,3" -> {1,2,3}; spaces allowed. Throws rwkv::Error(InvalidArgument) on anything but whole numbers, an empty
/// entry included ("1,,2", ",1", "1,2,"), and rwkv::Error(InvalidToken) for a number outside [0, vocab_size), however
/// large, in Model::check_tokens' words: "token id 4294967297 at position 0 is outside [0, 65536)".
std::vector<std::int32_t> parse_token_list(const std::string& text, int vocab_size);
/// parse_token_list's checks that need no vocabulary (before a model loads); returns how many entries the list has.
std::size_t check_token_list(const std::string& text);
std::string join_tokens(const std::vector<std::int32_t>& ids);

/// Whether `bytes` are UTF-8 text as a whole (a sequence cut at the end is not): a command-line argument or a file
/// from a terminal or editor in another encoding is refused by its caller rather than stored with U+FFFD.
bool is_utf8(const std::string& bytes);

/// --dtype: "fp32" | "fp16" | "bf16" | "int8". Throws rwkv::Error(InvalidArgument) naming the choices otherwise.
DType parse_dtype(const std::string& s);

/// 1234567 -> "1,234,567".
std::string with_commas(std::uint64_t n);
/// A count in thousands / millions / billions with three significant digits: 829888 -> "830 K", 7.2e9 -> "7.20 B".
std::string short_count(std::uint64_t n);
/// Bytes in decimal units with three significant digits: 1781257 -> "1.78 MB", 14.4e9 -> "14.4 GB".
std::string short_bytes(std::uint64_t n);

/// A float setting for JSON output: the double nearest to the float's shortest round-trip decimal (0.3f -> 0.3), not
/// the float widened (0.30000001192092896). float(json_float(x)) == x for every finite x.
double json_float(float x);

std::vector<float> read_f32_file(const std::filesystem::path& path);
/// Writes `data` to `path` as raw little-endian float32, whole or not at all (a temporary file renamed over it;
/// through a symbolic link, over the file it points to). A device or a pipe (/dev/null, a FIFO) is written in place.
/// Throws rwkv::Error: Io "cannot write PATH: REASON (nothing was written)"; InvalidArgument for a folder.
void write_f32_file(const std::filesystem::path& path, const std::vector<float>& data);
/// write_f32_file for several files at once: all are written to temporary files first and renamed only when every
/// one is complete, so a failure leaves every target as it was ("(nothing was written)" holds for all of them).
void write_f32_files(const std::vector<std::pair<std::filesystem::path, const std::vector<float>*>>& files);
/// write_f32_file for any output: `write(file)` writes the whole output to `file` by name (a temporary file beside
/// `path`, renamed over it when `write` returned; `path` itself for a device or a pipe). An exception from `write`
/// removes the temporary file and leaves `path` as it was. kind / example / command name the output in messages
/// ("safetensors", "weights.safetensors", "bench"). Throws as write_f32_file.
void write_file_whole(const std::filesystem::path& path, const char* kind, const char* example, const char* command,
                      const std::function<void(const std::string& file)>& write);
/// Refuses, before any work, an output `path` (given as `option`) whose writing would destroy something: a file the
/// command reads (`inputs`: {"--model", path}, …; the same file by any name or link), an SQLite database (a
/// conversation library: its first 16 bytes "SQLite format 3\0") or its -wal / -shm / -journal file, an existing file
/// that cannot be read (it may be one), a folder, or anything else that is not a plain file. A character device or a
/// pipe (/dev/null, a FIFO) is allowed: it is written in place. Throws Error(InvalidArgument) "OPTION PATH is …. Give
/// another file name (nothing was written)".
void refuse_to_overwrite(const std::string& option, const std::string& path,
                         const std::vector<std::pair<std::string, std::string>>& inputs = {});
/// The most bytes rwkv-cli reads as one text (chat --message-file, tokenize --file, bench --text-file): SQLite keeps at
/// most 1,000,000,000 bytes in one value (SQLITE_MAX_LENGTH), so no longer message could be saved. Reading stops one
/// byte past it, so an endless input (/dev/zero, `yes |`) is refused rather than read until memory runs out (session
/// 51's trial: `--message-file /dev/zero` took memory until "error: --message-file: std::bad_alloc").
inline constexpr std::size_t kMaxTextBytes = 1'000'000'000;
/// The bytes of `in` to its end. More than `max_bytes` (read no further) throws Error(InvalidArgument) "NAME holds more
/// than 1,000,000,000 bytes; rwkv-cli reads at most …".
std::string read_text_stream(std::istream& in, const std::string& name, std::size_t max_bytes = kMaxTextBytes);
/// The bytes of the file `path` (read_text_stream; a regular file longer than kMaxTextBytes is refused unread).
/// Throws Error: a folder, a file that cannot be opened (with the system's reason), one too long.
std::string read_text_file(const std::filesystem::path& path);

/// A bundled resource file (resources/NAME): next to the executable, in the build tree (<build>/resources), or
/// installed (../share/rwkv-desktop). Empty path when not found.
std::filesystem::path find_bundled_resource(const char* name);

/// The bundled World vocabulary: next to the executable, in the build tree (<build>/resources), or installed
/// (../share/rwkv-desktop). Empty path when not found.
std::filesystem::path find_bundled_vocab();

/// `explicit_path` when given, else the bundled vocabulary. Throws Error(FileNotFound) saying to pass
/// --vocab when neither exists.
std::filesystem::path vocab_or_bundled(const std::string& explicit_path);

/// The vocabulary file for a model with `vocab_rows` embedding rows: none (empty path) for a byte-level model
/// (256 rows; an explicit --vocab is then reported on stderr as not used), else vocab_or_bundled(explicit_path).
std::filesystem::path vocab_for_model(int vocab_rows, const std::string& explicit_path);

/// What a person can do about an engine error, appended to its one-line message: for a cut file (TruncatedFile) or an
/// empty one (EmptyFile) "[.] The file is incomplete (an interrupted download or copy?): download or copy it again, and check that
/// its size in bytes matches the source's." — only "[.] Download or copy it again, …" when the message already asks
/// "(an incomplete download or copy?)"; empty for every other error.
std::string what_to_do(const Error& e);

/// `e` with a hint where `path` may be a raw float32 state as `eval --state-out` writes it (no header), given to a
/// reader of containers (info, --state-file): e is UnsupportedFormat ("not a known checkpoint container …", "not a
/// state-tuning file …"), the file's size is a whole non-zero number of float32 and its first bytes name no known kind
/// (rwkv/file_kind.h) nor a checkpoint container (a .pth's ZIP, GGUF, rwkv.cpp, safetensors: their readers say what
/// is wrong). The hint: "; a raw float32 state as `eval --state-out` writes it has no header: pass it to
/// `eval --state-in`". Otherwise `e` as it is. Throw what it returns.
Error with_raw_state_hint(const Error& e, const std::filesystem::path& path);

/// `e` with its remedy in the words of `command` ("chat", "serve"), which loads fp16 or int8 weights only, where e is
/// Error(WeightOutOfRange): the engine's "load it with --dtype fp32, bf16 or int8" named types the command does not
/// take (session 57's loose ends). A weight beyond fp16's range: "load it with --dtype int8" (with --backend cpu where
/// another backend refused it, or the CPU's int8 holds it: up to ±8321039.5); beyond that too, or beyond int8's:
/// neither of the command's types holds it, `rwkv-cli generate --dtype fp32` (or bf16) loads it. Otherwise `e` as it
/// is. Throw what it returns.
Error with_fp16_int8_remedy(const Error& e, const std::string& command);

/// The first usable device of a GPU backend kind ("cuda", "vulkan") on this machine and build (rwkv/devices.h),
/// or nullopt: none, the kind is "cpu", or the backend is not compiled in. Lists the devices (tens of ms for Vulkan).
std::optional<DeviceInfo> first_usable_device(const std::string& kind);

}  // namespace rwkv::cli
