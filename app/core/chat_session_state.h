// chat_session_state.h — inside ChatSession, not for other modules: the state found for a turn (ChatSession::Lookup,
// made by findState in chat_session_state.cpp, read by runReply in chat_session.cpp), and why a saved state could not
// be read, which both write to the turn's readouts.
#pragma once

#include <QString>

#include <exception>
#include <string>
#include <vector>

#include "chat_session.h"

namespace rwkv::app {

struct ChatSession::Lookup {
    State state;               // the state after `fromMessage` (zeros when 0)
    StateSource source = StateSource::Fresh;
    QString note;              // why no exact state was used
    QString detail;            // a damaged state: why, translated (TurnStats::resumeDetail)
    QString detailWords;       // the same in the codec's or SQLite's words (TurnStats::resumeLog)
    qint64 fromMessage = 0;    // the reply whose state was found
    qint64 tokens = 0;         // the tokens `state` has read since it began (TurnStats::stateTokens; -1 unknown)
    qint64 anchorId = 0;       // the last complete reply before the turn (0 = none)
    std::string text;          // text to prefill from `state` to reach the anchor's state
    qint64 textMessages = 0;
    bool firstTurn = true;
    std::vector<std::string> unread;  // questions after the anchor the state never read: fed with the new message
    std::vector<qint64> unreadIds;
};

// Why a saved state could not be read, in the user's words, translated (TurnStats::resumeDetail): zstd's "Restored data
// doesn't match checksum" or "Src size is incorrect" stood there before (session 35's trial), as SQLite's words did
// before session 23.
QString stateErrorText(const std::exception& e);

// Why a saved state could not be read, in the library's words, for logs (TurnStats::resumeLog): SQLite's own words
// for a store error (what() also holds the statement and the result code), the codec's message and zstd's words.
QString unreadableReason(const std::exception& e);

}  // namespace rwkv::app
