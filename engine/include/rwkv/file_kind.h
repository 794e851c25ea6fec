// rwkv/file_kind.h — what a file is when it is not a checkpoint the engine reads, from its first bytes: the words
// that turn "not a known checkpoint container" into something a user can act on ("a Git LFS pointer …: run git lfs
// pull", "a web page (HTML) …", "a gzip-compressed file: unpack it first"). Magic numbers as their formats define
// them (PNG, JPEG, gzip, xz, zstd, tar's "ustar" at byte 257, …; Git LFS pointer spec v1; Python pickle protocol 2+).
#pragma once

#include <cstddef>
#include <filesystem>
#include <span>
#include <string>

namespace rwkv {

/// How many first bytes describe_foreign_file looks at (tar's magic ends at byte 262). Fewer work: a kind whose
/// magic lies beyond the bytes given is not named.
inline constexpr std::size_t kForeignFileHeadBytes = 512;

/// What describe_foreign_file found, for a caller that words it itself (the app, in the window's language).
enum class ForeignFileKind {
    Unknown,  ///< nothing known: random bytes, a damaged file, a checkpoint container
    GitLfsPointer, WebPage, XmlDocument, JsonText,
    PngPicture, JpegPicture, GifPicture, WebpPicture, PdfDocument,
    GzipFile, XzFile, ZstdFile, Bzip2File, SevenZipArchive, RarArchive, TarArchive,
    Program,          ///< ELF
    NumpyArray, Hdf5File,
    LegacyGgml,       ///< llama.cpp's formats before GGUF (ggml, ggjt, ggla)
    LegacyPickle,     ///< a pickle without the .pth's ZIP (PyTorch < 1.6)
    RwkvDesktopState, RwkvDesktopBundle,
    Text,
};

/// What `head` (a file's first bytes, up to kForeignFileHeadBytes) is; the same rules as describe_foreign_file.
/// Pure: no I/O, never throws.
ForeignFileKind classify_foreign_file(std::span<const std::byte> head);

/// An English phrase naming what `head` (a file's first bytes, up to kForeignFileHeadBytes) is, with what to do where
/// there is something to do, e.g. "a Git LFS pointer (the repository was cloned without Git LFS; the model itself is
/// 1,234,567 bytes): run `git lfs pull` in the clone, or download the model from the Models page", "a PNG picture",
/// "a text file". Empty when the bytes name nothing known (random bytes, a damaged file). Checkpoint containers the
/// engine reads (.pth ZIP, GGUF, rwkv.cpp, safetensors) are not named here: their readers say what is wrong with them.
/// Pure: no I/O, never throws.
std::string describe_foreign_file(std::span<const std::byte> head);

/// Refuses a path that is no file on a disk, before anything opens it: Error(UnsupportedFormat) "<path>: not a regular
/// file (a named pipe)" — "(a character device)", "(a block device)", "(a socket)": which it is —, and "<path>: not a
/// regular file (a file of /proc, which the kernel makes up as it is read)" for one of /proc, /sys or another of the
/// kernel's own file systems, which stat calls regular. What
/// the engine's loader (MappedFile::open) refuses, for a reader that opens the file itself (the app's state-tuning
/// files). Does nothing for a regular file, a folder or a missing path (the caller says those). Not pure: stat, statfs.
void require_regular_file(const std::filesystem::path& path);

}  // namespace rwkv
