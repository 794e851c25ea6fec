// chat_error.h — ChatError, a turn that cannot start; on its own so that the error texts (engine_error_text.cpp,
// rwkv_error_text) can tell it from the store's and the engine's errors without depending on ChatSession.
#pragma once

#include <stdexcept>

namespace rwkv::app {

/// A turn that cannot start (empty message, unknown conversation or message). what() is a sentence for the user.
class ChatError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

}  // namespace rwkv::app
