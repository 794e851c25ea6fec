// start_state.h — a conversation's starting state from a state-tuning file (rwkv/state_file.h): the file read once,
// its bytes hashed (sha256) and parsed from the same bytes, so that what a conversation records (path + sha256) is
// exactly what its turns start from. docs/conversations.md "Starting state". Tests: tests/app/test_start_state.cpp.
#pragma once

#include <QString>

#include "rwkv/state_file.h"

namespace rwkv::app {

/// A state-tuning file as read for a conversation.
struct StartStateFile {
    QString path;    ///< absolute, as recorded (store::Conversation::start_state)
    QString sha256;  ///< lower-case hex of the bytes read
    StateFile file;  ///< the engine's reading of those bytes
};

/// Reads the whole file at `path` (a few MB), hashes it and parses the same bytes with rwkv::read_state_file. Throws
/// ChatError (a translated sentence naming the file; shown(): its path isolated, for the window) when it cannot be read
/// or is a folder, rwkv::Error when it is no state-tuning file (read_state_file's codes and words) — UnsupportedFormat
/// "PATH: not a regular file (a named pipe)", before opening it, for a named pipe, a device, a socket or a file of
/// /proc or /sys (rwkv::require_regular_file). A file over 256 MiB (no state-tuning file is: 13.3B's fp32 one is 64 MB) is first
/// checked by read_state_file(path) through a mapping, so a model chosen by mistake is refused from its index, unread.
StartStateFile readStartStateFile(const QString& path);

/// How many times readStartStateFile has read a file in this process (tests count the reads of a turn).
qint64 startStateFileReads();

/// The name a chat's starting state is shown and exported by: the file name of `path`, less the "<first 16 hex digits of
/// `sha256`>-" that a copy kept at import starts with (start_state_bundle.h, keepStartStateFile): "pirate.pth" for
/// states/06437649b36167cb-pirate.pth, as the chat showed it where it was made, so that an export of an imported chat
/// names the file as the user did and the next import keeps it as 06437649b36167cb-pirate.pth again (not with a second
/// prefix per computer it passed through).
QString startStateFileName(const QString& path, const QString& sha256);

/// "rwkv-x070-role-1b5.pth (L24 H32)": the file's name and shape, for status lines and the CLI.
QString startStateLabel(const QString& path, const StateFile& file);

}  // namespace rwkv::app
