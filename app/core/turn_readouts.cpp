// turn_readouts.cpp — see turn_readouts.h.
#include "turn_readouts.h"

#include <QElapsedTimer>
#include <QLocale>

#include <memory>

#include "chat_controller.h"
#include "inference_worker.h"

namespace rwkv::app {

TurnReadouts::TurnReadouts(Clock clock, QObject* parent) : QObject(parent), clock_(std::move(clock)) {
    if (!clock_) {
        auto timer = std::make_shared<QElapsedTimer>();
        timer->start();
        clock_ = [timer] { return timer->elapsed(); };
    }
}

void TurnReadouts::wire(ChatController& chat, InferenceWorker& worker) {
    connect(&chat, &ChatController::sendRequested, this, [this](qint64 id) { onSendRequested(id); });
    connect(&worker, &InferenceWorker::replyStarted, this, &TurnReadouts::onReplyStarted, Qt::QueuedConnection);
    connect(&worker, &InferenceWorker::replyDelta, this, &TurnReadouts::onReplyDelta, Qt::QueuedConnection);
    connect(&worker, &InferenceWorker::replyFinished, this, &TurnReadouts::onReplyFinished, Qt::QueuedConnection);
    // A reply written whole that a full disk kept from being saved shows its numbers as the others do (session 24's
    // trial, F2: no "512 tokens · … tok/s" under it): its readout is kept through the replyFailed that follows.
    connect(&worker, &InferenceWorker::replyNotSaved, this, &TurnReadouts::onReplyFinished, Qt::QueuedConnection);
    // "3 replies": each version's numbers, as a single reply's (session 56's trial: the version shown had no line under
    // it until the chat was opened again; its row keeps the roles it was made with while it streamed).
    connect(&worker, &InferenceWorker::versionsFinished, this, [this](const QList<rwkv::app::TurnStats>& versions) {
        for (const TurnStats& stats : versions)
            if (!stats.replyDiscarded) onReplyFinished(stats);
    }, Qt::QueuedConnection);
    connect(&worker, &InferenceWorker::replyFailed, this, [this](qint64 id) { onReplyFailed(id); },
            Qt::QueuedConnection);
}

void TurnReadouts::bump() {
    ++revision_;
    emit changed();
}

std::optional<TurnReadouts::Readout> TurnReadouts::readout(qint64 assistantMessageId) const {
    const auto it = readouts_.constFind(assistantMessageId);
    if (it == readouts_.constEnd()) return std::nullopt;
    return *it;
}

void TurnReadouts::onSendRequested(qint64 conversationId) {
    conversationId_ = conversationId;
    assistantId_ = 0;
    sentAtMs_ = clock_();
    sawText_ = false;
}

void TurnReadouts::onReplyStarted(qint64 conversationId, qint64, qint64 assistantMessageId) {
    if (conversationId != conversationId_) return;
    assistantId_ = assistantMessageId;
    readouts_.insert(assistantMessageId, Readout{});
    bump();
}

void TurnReadouts::onReplyDelta(qint64 conversationId, const QString& text) {
    if (conversationId != conversationId_ || assistantId_ == 0 || sawText_ || text.isEmpty() || sentAtMs_ < 0) return;
    sawText_ = true;
    readouts_[assistantId_].firstTokenMs = double(clock_() - sentAtMs_);
    bump();
}

void TurnReadouts::onReplyFinished(const rwkv::app::TurnStats& stats) {
    if (stats.assistantMessageId == 0) return;
    Readout& r = readouts_[stats.assistantMessageId];
    r.finished = true;
    // The turn's own time to first token (from the Send, app/core/chat_session.h) is what the database keeps: shown
    // instead of this object's clock, so the line reads the same when the conversation is opened again.
    if (stats.ttftMs > 0) r.firstTokenMs = stats.ttftMs;
    r.decodeTokens = stats.decodeTokens;
    r.decodeTokensPerSecond = stats.decodeTokensPerSecond();
    r.prefillTokens = stats.prefillTokens;
    r.prefillTokensPerSecond = stats.prefillMs > 0 ? stats.prefillTokens * 1000.0 / stats.prefillMs : 0.0;
    r.continued = stats.continuedFromId != 0;
    if (stats.assistantMessageId == assistantId_) assistantId_ = 0;
    sentAtMs_ = -1;
    bump();
}

void TurnReadouts::onReplyFailed(qint64 conversationId) {
    if (conversationId != conversationId_) return;
    // A failed reply has no readout: its first-token time was shown beside "No reply…" when its text could not be
    // saved (a full disk; session 20's trial, F2).
    if (assistantId_ != 0 && readouts_.remove(assistantId_) > 0) bump();
    assistantId_ = 0;
    sentAtMs_ = -1;
}

TurnReadouts::Readout TurnReadouts::known(qint64 assistantMessageId, const QVariantMap& stored) const {
    if (const auto r = readout(assistantMessageId)) return *r;
    Readout r;
    r.decodeTokens = stored.value(QStringLiteral("tokens")).toLongLong();
    r.decodeTokensPerSecond = stored.value(QStringLiteral("tokensPerSecond")).toDouble();
    const double ttft = stored.value(QStringLiteral("ttftMs")).toDouble();
    r.firstTokenMs = ttft > 0 ? ttft : -1;
    r.prefillTokens = stored.value(QStringLiteral("prefillTokens")).toLongLong();
    const double prefillMs = stored.value(QStringLiteral("prefillMs")).toDouble();
    r.prefillTokensPerSecond = prefillMs > 0 ? r.prefillTokens * 1000.0 / prefillMs : 0.0;
    r.finished = true;
    r.continued = stored.value(QStringLiteral("continued")).toBool();
    return r;
}

QString TurnReadouts::describe(qint64 assistantMessageId, const QVariantMap& stored, int) const {
    const QLocale locale;
    const Readout r = known(assistantMessageId, stored);
    QStringList parts;
    if (r.firstTokenMs >= 0) {
        // Under 5 ms (the demo model's replies) rounds to "0.00 s", which reads as "none" or as a broken clock
        // (session 40's trial, nit): "< 0.01 s" then.
        const QString seconds = locale.toString(r.firstTokenMs / 1000.0, 'f', 2);
        parts << (seconds == locale.toString(0.0, 'f', 2)
                      ? tr("< %1 s to first token", "under 0.01 s: the time rounds to 0.00")
                            .arg(locale.toString(0.01, 'f', 2))
                      : tr("%1 s to first token").arg(seconds));
    }
    if (r.finished && r.decodeTokens > 0 && r.decodeTokensPerSecond > 0)
        parts << tr("%1 tok/s").arg(locale.toString(r.decodeTokensPerSecond, 'f', 1));
    // A continued version's count is of the tokens written after the cut text (what its tok/s measures), said so:
    // "8 tokens" under the whole text read as the whole reply's (session 50).
    if (r.finished && r.decodeTokens > 0 && r.continued)
        parts << (r.decodeTokens == 1 ? tr("1 more token", "a continued reply: written after the cut text")
                                      : tr("%1 more tokens", "a continued reply: written after the cut text")
                                            .arg(locale.toString(r.decodeTokens)));
    else if (r.finished && r.decodeTokens > 0)
        parts << (r.decodeTokens == 1 ? tr("1 token") : tr("%1 tokens").arg(locale.toString(r.decodeTokens)));
    return parts.join(QStringLiteral(" · "));
}

QString TurnReadouts::details(qint64 assistantMessageId, const QVariantMap& stored, int) const {
    const Readout r = known(assistantMessageId, stored);
    if (!r.finished || r.prefillTokens <= 0 || r.prefillTokensPerSecond <= 0) return {};
    const QLocale locale;
    const QString text = r.continued ? tr("Read %1 tokens (the prompt and the cut reply) at %2 tok/s; wrote %3 more "
                                          "tokens at %4 tok/s")
                                     : tr("Read %1 prompt tokens at %2 tok/s; wrote %3 tokens at %4 tok/s");
    return text.arg(locale.toString(r.prefillTokens), locale.toString(r.prefillTokensPerSecond, 'f', 1),
                    locale.toString(r.decodeTokens), locale.toString(r.decodeTokensPerSecond, 'f', 1));
}

}  // namespace rwkv::app
