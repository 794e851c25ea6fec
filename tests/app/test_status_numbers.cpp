// test_status_numbers.cpp — the status line after a reply (ChatController::describe) writes its token counts in the
// language's number format, as it writes the speed beside them and as the readouts under the reply and the memory line
// write theirs: "read 129494 new tokens · 512 tokens at 10,625.1 tok/s" mixed the two after a long paste (session 52's
// trial). Code: app/core/chat_controller_from_worker.cpp. The sentences themselves: test_reply_progress (C locale).
#include <QtTest>

#include "chat_controller.h"
#include "chat_session.h"

using rwkv::app::ChatController;
using rwkv::app::RereadWhy;
using rwkv::app::StateSource;
using rwkv::app::TurnStats;

class TestStatusNumbers : public QObject {
    Q_OBJECT

    /// A saved reply of `decodeTokens` tokens written in 2 s after reading `prefillTokens`, from `source`.
    static TurnStats stats(StateSource source, qint64 prefillTokens, qint64 decodeTokens) {
        TurnStats s;
        s.replySaved = s.stateSaved = true;
        s.source = source;
        s.prefillTokens = prefillTokens;
        s.decodeTokens = decodeTokens;
        s.decodeMs = 2000;
        return s;
    }

private slots:
    void cleanup() { QLocale::setDefault(QLocale::c()); }

    void countsAreInTheLanguagesNumberFormat() {
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
        QCOMPARE(ChatController::describe(stats(StateSource::SavedState, 129494, 1200)),
                 QStringLiteral("resumed from saved state, read 129,494 new tokens · 1,200 tokens at 600.0 tok/s"));
        QCOMPARE(ChatController::describe(stats(StateSource::Fresh, 84040, 8), false),
                 QStringLiteral("new conversation, read 84,040 tokens"));
        TurnStats reread = stats(StateSource::Reprefill, 12345, 4000);
        reread.reprefillMessages = 12000;
        reread.rereadWhy = {RereadWhy::Kind::NoSavedState};
        QCOMPARE(ChatController::describe(reread),
                 QStringLiteral("re-read 12,345 tokens (no saved state — re-reading 12,000 messages) · 4,000 tokens at "
                                "2,000.0 tok/s"));
        // Another language's separators, the speed's and the counts' alike.
        QLocale::setDefault(QLocale(QLocale::German, QLocale::Germany));
        QCOMPARE(ChatController::describe(stats(StateSource::SavedState, 129494, 4000)),
                 QStringLiteral("resumed from saved state, read 129.494 new tokens · 4.000 tokens at 2.000,0 tok/s"));
    }
};

QTEST_GUILESS_MAIN(TestStatusNumbers)
#include "test_status_numbers.moc"
