// instructions_limit.h — the longest instructions (system prompt) a conversation keeps: one rule for the window's
// Instructions… dialog and Settings' "Instructions for new chats" (InstructionsField.qml: a longer paste is refused
// with a note, a longer text is not kept), ChatController::setInstructions and `rwkv-cli chat --system`.
// docs/conversations.md "Instructions" says why the API's system message has none.
#pragma once

namespace rwkv::app {

/// The longest instructions a conversation keeps, in characters (UTF-16 units, as QString::size and a QML string's
/// length count them): about 2,500 English words, a page of role, tone and rules. Instructions are read before every
/// re-read of the chat and edited in a text field that lays out all of its text on each change: a 1 MB paste froze the
/// dialog for ~20 s at 889 MB (session 47's trial). A long text for the model to work on belongs in a message, whose
/// box holds a long paste beside it (PastedText.qml).
inline constexpr int kMaxInstructionsLength = 10'000;

}  // namespace rwkv::app
