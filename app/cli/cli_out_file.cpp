// cli_out_file.cpp — see cli_out_file.h.
#include "cli_out_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <stdexcept>

#include "whole_file_write.h"

namespace rwkv::cli {
namespace {

std::string disk_full(qsizetype bytes) {
    return "the disk is full or the file cannot grow (" + std::to_string(bytes) + " bytes needed)";
}

/// Why the temporary file beside `out` could not be made (QSaveFile says only "No such file or directory" for a
/// folder such as /proc), found by asking the system the same question.
std::string why_not_created(const std::string& out, const std::string& qt_reason, qsizetype bytes) {
    namespace fs = std::filesystem;
    std::error_code ec;
    fs::path folder = fs::path(out).parent_path();
    if (folder.empty()) folder = ".";
    if (!fs::exists(folder, ec)) return "its folder " + folder.string() + " does not exist";
    if (!fs::is_directory(folder, ec)) return folder.string() + " is not a folder";
    if (fs::exists(fs::path(out), ec) && ::access(out.c_str(), W_OK) != 0) return std::strerror(errno);
    std::string probe = (folder / ".rwkv-cli-write-check-XXXXXX").string();
    const int fd = ::mkstemp(probe.data());
    if (fd >= 0) {  // a file can be made there after all: Qt's reason is all there is
        ::close(fd);
        ::unlink(probe.c_str());
        return qt_reason;
    }
    const int err = errno;
    if (err == ENOSPC || err == EDQUOT) return disk_full(bytes);
    if (err == EACCES || err == EPERM || err == EROFS)
        return "its folder " + folder.string() + " cannot be written (" + std::strerror(err) + ")";
    return "no new file can be made in its folder " + folder.string() + " (export writes the whole file there first, "
           "then renames it over " + fs::path(out).filename().string() + ")";
}

}  // namespace

bool is_special_out(const std::string& out) {
    struct stat st {};
    return ::stat(out.c_str(), &st) == 0 && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode);
}

void write_out_file(const std::string& out, const QByteArray& bytes) {
    const auto fail = [&](const std::string& why) {
        throw std::runtime_error("cannot write " + out + ": " + why + " (nothing was written)");
    };
    if (is_special_out(out)) {
        const int fd = ::open(out.c_str(), O_WRONLY | O_CLOEXEC);
        if (fd < 0) fail(std::strerror(errno));
        const char* p = bytes.constData();
        qsizetype left = bytes.size();
        int err = 0;
        while (left > 0 && err == 0) {
            const ssize_t n = ::write(fd, p, std::size_t(left));
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0) err = n < 0 ? errno : ENOSPC;
            else p += n, left -= n;
        }
        ::close(fd);
        if (err == ENOSPC || err == EDQUOT) fail(disk_full(bytes.size()));
        if (err != 0) fail(std::strerror(err));
        return;
    }
    const app::WholeFileWrite w = app::writeWholeFile(QString::fromStdString(out), bytes);
    if (w.written) return;
    // A complete file that could not take its name (a name over 255 bytes: Linux's QSaveFile opens its temporary file
    // without one) has Qt's reason; it read "the disk is full" (session 30's trial, A5).
    if (w.opened) fail(w.commitError.isEmpty() ? disk_full(bytes.size()) : w.commitError.toStdString());
    fail(why_not_created(out, w.openError.toStdString(), bytes.size()));
}

}  // namespace rwkv::cli
