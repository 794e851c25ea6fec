// chat_session_state.h — inside ChatSession, not for other modules: the state found for a turn (ChatSession::Lookup,
// made by findState in chat_session_state.cpp, read by runReply in chat_session.cpp), and why a saved state could not
// be read, which both write to the turn's readouts.
#pragma once

#include <QElapsedTimer>
#include <QString>

#include <cstdint>
#include <exception>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "chat_session.h"

namespace rwkv::app {

struct ChatSession::Lookup {
    State state;               // the state after `fromMessage` (zeros when 0)
    StateSource source = StateSource::Fresh;
    RereadWhy note;            // why no exact state was used (TurnStats::rereadWhy)
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

// What a reply is written from (ChatSession::prepareReply): the state before the turn and the tokens that follow it.
struct ChatSession::Prepared {
    QElapsedTimer clock;       // the turn's start (runReply): totalMs and the first-token time count from it
    double waitedMs = 0;       // ChatParams::requestedAtNs to that start
    Lookup state;              // after prepareReply: the state before the turn (the anchor's, the text read again)
    std::vector<std::int32_t> history;      // the text read again to reach it
    std::vector<std::int32_t> turn;         // the prompt (and a continued reply's text so far)
    std::vector<std::int32_t> soFarTokens;  // continueReply: the cut reply's tokens, which the sampler replays
    std::optional<store::NewSnapshot> derivedSnapshot;  // the anchor's state, derived: saved with the turn
    double derivationMs = 0;
    QString preset;            // the sampling preset the reply uses ("" = params.sampler)
    SamplerParams sampler;     // its values, penalties fitted to the vocabulary
    GenerateOptions options;   // max_tokens, cancel, progress, trim
    double beforeRunMs = 0;    // clock's time when the generation began
};

// One reply's text as it is generated, into the row `assistantId`: shaped per think mode (ThinkFilter), streamed, and
// written to the database at its first words, then every ChatParams::checkpointMs.
class ChatSession::ReplyText {
public:
    ReplyText(store::ConversationStore& store, qint64 assistantId, store::ThinkMode mode, const ChatParams& params,
              std::string soFar);
    /// Takes the generator's next piece: what is shown of it (not empty) goes to `show`, then the pace's pause
    /// (ChatParams::paceMs) and a checkpoint when due.
    void push(std::string_view delta, const std::function<void(const std::string&)>& show);
    /// After a failure during generation: the text so far saved unfinished (a continue with no new word: its row
    /// deleted). Never throws.
    void saveAfterFailure(bool continued) noexcept;
    const std::string& text() const noexcept { return partial_; }
    std::size_t soFarBytes() const noexcept { return soFarBytes_; }
    qint64 assistantId() const noexcept { return assistantId_; }

private:
    store::ConversationStore& store_;
    qint64 assistantId_;
    ThinkFilter think_;
    const ChatParams& params_;
    std::string partial_;  // the version's text: a continued reply's, then more
    std::size_t soFarBytes_;
    QElapsedTimer sinceCheckpoint_;
    bool checkpointed_ = false;  // the first words are saved at once, then every checkpointMs
};

// Why a saved state could not be read, in the user's words, translated (TurnStats::resumeDetail): zstd's "Restored data
// doesn't match checksum" or "Src size is incorrect" stood there before (session 35's trial), as SQLite's words did
// before session 23.
QString stateErrorText(const std::exception& e);

// Why a saved state could not be read, in the library's words, for logs (TurnStats::resumeLog): SQLite's own words
// for a store error (what() also holds the statement and the result code), the codec's message and zstd's words.
QString unreadableReason(const std::exception& e);

// A chat's instructions as the model reads them (the "System:" turn): none when nothing in them is drawn
// (holdsNothingToRead: "\u200b" alone), as the window shows and stores them since session 54 — a chat that kept such
// instructions from before, an import or `rwkv-cli chat --system` read them while the window showed none.
std::string instructionsRead(const QString& systemPrompt);

}  // namespace rwkv::app
