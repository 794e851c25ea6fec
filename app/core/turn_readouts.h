// turn_readouts.h — the numbers shown under an assistant message: time to first token (from pressing Send to the first
// token: measured here until the reply ends, then the turn's own TurnStats::ttftMs, which the database keeps, so a
// reopened conversation shows the same), decode speed and token count. Fed by ChatController's
// sendRequested and the InferenceWorker's reply signals (wired in wire()); kept per assistant message id for the
// replies of this session. Replies written in an earlier session show what the store kept with them (passed in by
// the view from MessageModel roles). Tested in tests/app/test_reply_progress.cpp.
#pragma once

#include <QHash>
#include <QObject>
#include <QString>
#include <QVariantMap>

#include <functional>
#include <optional>

#include "chat_session.h"

namespace rwkv::app {

class ChatController;
class InferenceWorker;

class TurnReadouts : public QObject {
    Q_OBJECT
    /// Bumped whenever a readout is added or changes; QML passes it to describe() so bindings re-evaluate.
    Q_PROPERTY(int revision READ revision NOTIFY changed)
public:
    /// What is known about one reply.
    struct Readout {
        double firstTokenMs = -1;    ///< Send -> first text (first token once finished); -1 while unknown
        qint64 decodeTokens = 0;
        double decodeTokensPerSecond = 0;
        qint64 prefillTokens = 0;
        double prefillTokensPerSecond = 0;
        bool finished = false;
        /// A version made by Continue (TurnStats::continuedFromId, the store's continued_from): decodeTokens are the
        /// ones written after the cut text, said as "8 more tokens", not as the whole text's count.
        bool continued = false;
    };
    using Clock = std::function<qint64()>;  ///< milliseconds, monotonic

    /// `clock` defaults to a QElapsedTimer started now (tests pass their own).
    explicit TurnReadouts(Clock clock = {}, QObject* parent = nullptr);

    /// Connects to the controller (send) and the worker (start, deltas, finish), all on this object's thread.
    void wire(ChatController& chat, InferenceWorker& worker);

    int revision() const { return revision_; }
    std::optional<Readout> readout(qint64 assistantMessageId) const;

    /// One line for under a reply, e.g. "0.21 s to first token · 45.1 tok/s · 120 tokens", from this session's
    /// measurement when there is one, else from `stored`: what the database kept with the reply, keys "tokens",
    /// "ttftMs", "tokensPerSecond", "prefillTokens", "prefillMs" (missing or 0 = unknown) and "continued" (true for a
    /// version made by Continue: "8 more tokens"). Empty when nothing is known. `revision` is unused: it lets a QML
    /// binding depend on changes.
    Q_INVOKABLE QString describe(qint64 assistantMessageId, const QVariantMap& stored = {}, int revision = 0) const;
    /// The details for a tooltip (prompt tokens read and their speed), or empty.
    Q_INVOKABLE QString details(qint64 assistantMessageId, const QVariantMap& stored = {}, int revision = 0) const;
    /// After a language switch: a new revision, so that every line under a reply is made again in the new language
    /// (they stayed English after a switch to 简体中文 until the next reply, session 20's trial, F8).
    void retranslate() { bump(); }

    // --- inputs (public for tests; wire() connects them) ---
    void onSendRequested(qint64 conversationId);
    void onReplyStarted(qint64 conversationId, qint64 userMessageId, qint64 assistantMessageId);
    void onReplyDelta(qint64 conversationId, const QString& text);
    void onReplyFinished(const rwkv::app::TurnStats& stats);
    void onReplyFailed(qint64 conversationId);

signals:
    void changed();

private:
    void bump();
    /// This session's readout of a reply, else one made from the stored values.
    Readout known(qint64 assistantMessageId, const QVariantMap& stored) const;

    Clock clock_;
    QHash<qint64, Readout> readouts_;
    // The reply in flight.
    qint64 conversationId_ = 0;
    qint64 assistantId_ = 0;
    qint64 sentAtMs_ = -1;
    bool sawText_ = false;
    int revision_ = 0;
};

}  // namespace rwkv::app
