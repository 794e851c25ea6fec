// cli_out_file.h — `rwkv-cli export --out FILE`: the file written whole or not at all, and when it cannot be, the real
// reason named (new-user trial, session 20, F13: "/proc/version: No such file or directory", "/dev/full cannot be read").
#pragma once

#include <QByteArray>

#include <string>

namespace rwkv::cli {

/// True for an existing --out that is not a regular file or a folder: a device (/dev/null, /dev/full, a terminal) or a
/// FIFO. Such a file cannot be an SQLite database and cannot be replaced by a renamed temporary file: it is written
/// directly.
bool is_special_out(const std::string& out);

/// Writes `bytes` to `out`: a regular file through a temporary file renamed over it only when complete
/// (app::writeWholeFile: a failure keeps the file that was there), a special file (is_special_out) directly. Throws
/// std::runtime_error "cannot write OUT: REASON (nothing was written)", REASON in words: "the disk is full …" (ENOSPC,
/// EDQUOT, /dev/full), "Permission denied", "its folder F does not exist", "no new file can be made in its folder F …"
/// (a folder such as /proc), or the system's text.
void write_out_file(const std::string& out, const QByteArray& bytes);

}  // namespace rwkv::cli
