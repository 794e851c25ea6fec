// test_continued_readout.cpp — the line under a version made by Continue says what its numbers measure: "5 more
// tokens" (the ones written after the cut text, which its tok/s measures), where it said "5 tokens" under the whole
// text (session 50) — live, and reopened from what the store kept (MessageModel's continuedFrom role, passed by
// MessageBubble.qml as ReplyReadout's stored "continued"). The cut version's line counts its own tokens as before.
// Code: app/core/turn_readouts.cpp, ChatSession::replyAgain (beginReply keeps continued_from). The store's side:
// test_store_continued_from.
#include "chat_controller_fixture.h"

#include "message_model.h"

using rwkv::app::MessageModel;
using rwkv::app::TurnReadouts;

class TestContinuedReadout : public QObject, private ChatControllerFixture {
    Q_OBJECT

    /// What MessageBubble.qml passes to ReplyReadout for row `row` of the chat's messages.
    QVariantMap storedOf(int row) const {
        const QAbstractItemModel* m = chat_->messages();
        const QModelIndex i = m->index(row, 0);
        return {{QStringLiteral("tokens"), i.data(MessageModel::TokenCountRole)},
                {QStringLiteral("ttftMs"), i.data(MessageModel::TtftMsRole)},
                {QStringLiteral("tokensPerSecond"), i.data(MessageModel::DecodeTokensPerSecondRole)},
                {QStringLiteral("prefillTokens"), i.data(MessageModel::PrefillTokensRole)},
                {QStringLiteral("prefillMs"), i.data(MessageModel::PrefillMsRole)},
                {QStringLiteral("continued"), i.data(MessageModel::ContinuedFromRole).toLongLong() > 0}};
    }
    qint64 idOf(int row) const { return chat_->messages()->index(row, 0).data(MessageModel::IdRole).toLongLong(); }
    /// Whether the readouts have reply `id`'s finished measurement: they get the worker's signal after the controller
    /// did (both queued), so after waitForReply they may not have it yet.
    bool measured(qint64 id) const { return readouts_->readout(id) && readouts_->readout(id)->finished; }

private slots:
    void initTestCase() { QLocale::setDefault(QLocale::c()); }
    void init() { ChatControllerFixture::init(); }
    void cleanup() { ChatControllerFixture::cleanup(); }

    void aContinuedVersionCountsItsNewTokens() {
        loadDemoModel();
        readouts_ = std::make_unique<TurnReadouts>();
        readouts_->wire(*chat_, *worker_);
        useGreedyReplies(8);
        QVERIFY(chat_->send(QStringLiteral("Tell me a long story about a cat")));
        waitForReply();
        const QAbstractItemModel* m = chat_->messages();
        QCOMPARE(m->rowCount(), 2);
        const qint64 cut = idOf(1);
        QCOMPARE(store_->message(cut)->end, rwkv::store::ReplyEnd::LengthLimit);
        QCOMPARE(store_->message(cut)->token_count, 8);
        QTRY_VERIFY(measured(cut));
        QVERIFY2(readouts_->describe(cut).endsWith(QStringLiteral(" tok/s · 8 tokens")),
                 qPrintable(readouts_->describe(cut)));

        useGreedyReplies(5);
        QVERIFY(chat_->continueReply(cut));
        waitForReply();
        QCOMPARE(m->rowCount(), 2);
        const qint64 added = idOf(1);
        QVERIFY(added != cut);
        QTRY_VERIFY(measured(added));
        const std::optional<rwkv::store::Message> version = store_->message(added);
        QCOMPARE(version->continued_from, cut);
        QCOMPARE(version->token_count, 5);
        QVERIFY(version->text.startsWith(store_->message(cut)->text));
        QCOMPARE(m->index(1, 0).data(MessageModel::ContinuedFromRole).toLongLong(), cut);
        QCOMPARE(m->index(0, 0).data(MessageModel::ContinuedFromRole).toLongLong(), 0);

        // Live: this session's numbers, said as the continuation's.
        const QString live = readouts_->describe(added);
        QVERIFY2(live.endsWith(QStringLiteral(" tok/s · 5 more tokens")), qPrintable(live));
        QVERIFY2(readouts_->details(added).contains(QStringLiteral("; wrote 5 more tokens at ")),
                 qPrintable(readouts_->details(added)));
        // Reopened: what the store kept, through the model's roles, reads the same.
        const TurnReadouts reopened;
        QCOMPARE(reopened.describe(added, storedOf(1)), live);
        QCOMPARE(reopened.details(added, storedOf(1)), readouts_->details(added));
        QVariantMap notContinued = storedOf(1);
        notContinued.remove(QStringLiteral("continued"));
        QVERIFY2(reopened.describe(added, notContinued).endsWith(QStringLiteral(" · 5 tokens")),
                 qPrintable(reopened.describe(added, notContinued)));

        // The cut version (‹ 1/2 ›) still counts its own 8.
        chat_->showSibling(added, -1);
        QCOMPARE(idOf(1), cut);
        QCOMPARE(m->index(1, 0).data(MessageModel::ContinuedFromRole).toLongLong(), 0);
        QVERIFY2(reopened.describe(cut, storedOf(1)).endsWith(QStringLiteral(" tok/s · 8 tokens")),
                 qPrintable(reopened.describe(cut, storedOf(1))));
    }

    // "3 replies": each version's line under it once they have ended, as under a single reply (session 56's trial:
    // the version shown had no line until the chat was opened again — the readouts heard only single replies end).
    void severalVersionsShowTheirNumbers() {
        loadDemoModel();
        readouts_ = std::make_unique<TurnReadouts>();
        readouts_->wire(*chat_, *worker_);
        useGreedyReplies(8);
        QVERIFY(chat_->send(QStringLiteral("Tell me a long story about a cat")));
        waitForReply();
        const qint64 first = idOf(1);
        QVERIFY(chat_->regenerateSeveral(first, 3));
        waitForReply();
        const qint64 shown = idOf(1);
        QVERIFY(shown != first);
        const QList<qint64> versions = store_->siblings(shown);
        QCOMPARE(versions.size(), 4);
        for (const qint64 v : versions) {
            if (v == first) continue;
            const qint64 tokens = store_->message(v)->token_count;
            QVERIFY(tokens > 0);
            // The one shown as MessageBubble.qml passes it (with what its row holds), the others as measured.
            const auto line = [&] { return readouts_->describe(v, v == shown ? storedOf(1) : QVariantMap{}); };
            QTRY_VERIFY2(line().contains(QStringLiteral(" s to first token · ")) &&
                             line().endsWith(QStringLiteral(" tok/s · %1 tokens").arg(tokens)),
                         qPrintable(QStringLiteral("version %1: \"%2\"").arg(v).arg(line())));
        }
    }
};

QTEST_GUILESS_MAIN(TestContinuedReadout)
#include "test_continued_readout.moc"
