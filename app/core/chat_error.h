// chat_error.h — ChatError, a turn that cannot start; on its own so that the error texts (engine_error_text.cpp,
// rwkv_error_text) can tell it from the store's and the engine's errors without depending on ChatSession.
#pragma once

#include <stdexcept>
#include <string>
#include <utility>

namespace rwkv::app {

/// A turn that cannot start (empty message, unknown conversation or message). what() is a sentence for the user.
class ChatError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
    /// `what` as rwkv-cli writes it; `shown` (UTF-8) the same sentence as the window shows it, the names from outside
    /// in it (a path, a file's name) isolated between U+2068 and U+2069 as every sentence of the window quotes one.
    ChatError(const std::string& what, std::string shown) : std::runtime_error(what), shown_(std::move(shown)) {}
    /// The window's sentence: `shown` where one was given, else what().
    const char* shown() const noexcept { return shown_.empty() ? what() : shown_.c_str(); }

private:
    std::string shown_;
};

}  // namespace rwkv::app
