// test_chat_view_rows.cpp — StableRows (app/gui/stable_rows_model.h), through which MessageView.qml shows Chat.messages:
// a reset of the message model that keeps the leading messages (a turn starting: the branch reloaded with the
// question and the reply added) reaches the view as rows inserted and removed after them, never as a reset (a
// ListView lays out from the top on a reset); another conversation is still a reset. Checked with
// QAbstractItemModelTester.
#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QtTest>

#include <optional>

#include "message_model.h"
#include "stable_rows_model.h"

class TestChatViewRows : public QObject {
    Q_OBJECT

private slots:
    void aTurnStartingInsertsRowsWithoutAReset();
    void aNewBranchReplacesOnlyTheRowsAfterTheKeptOnes();
    void anotherConversationIsAReset();
    void aResetIsAnnouncedAroundTheViewsAnswer();
};

namespace {

using rwkv::app::MessageModel;
using rwkv::gui::StableRowsModel;

/// `turns` question/answer pairs with ids firstId, firstId + 1, ...
QList<rwkv::store::Message> conversation(int turns, qint64 firstId = 1) {
    QList<rwkv::store::Message> out;
    for (int i = 0; i < 2 * turns; ++i) {
        rwkv::store::Message m;
        m.id = firstId + i;
        m.parent_id = i == 0 ? 0 : firstId + i - 1;
        m.role = i % 2 == 0 ? rwkv::store::Role::User : rwkv::store::Role::Assistant;
        m.text = QStringLiteral("%1 %2").arg(i % 2 == 0 ? QStringLiteral("Question") : QStringLiteral("Answer")).arg(i / 2 + 1);
        out << m;
    }
    return out;
}

rwkv::store::Message message(qint64 id, qint64 parent, rwkv::store::Role role, const QString& text, bool finished = true) {
    rwkv::store::Message m;
    m.id = id;
    m.parent_id = parent;
    m.role = role;
    m.text = text;
    m.finished = finished;
    return m;
}

/// A MessageModel showing `messages` and the StableRows that MessageView.qml puts over it (keyed by message id), under
/// QAbstractItemModelTester from then on.
struct ShownRows {
    enum class Key { BeforeSource, AfterSource };  // when the key role is set: QML sets properties in any order
    explicit ShownRows(const QList<rwkv::store::Message>& messages, Key key = Key::BeforeSource) {
        source.setMessages(messages);
        if (key == Key::BeforeSource) rows.setKeyRole("messageId");
        rows.setSource(&source);
        if (key == Key::AfterSource) rows.setKeyRole("messageId");
        tester.emplace(&rows, QAbstractItemModelTester::FailureReportingMode::QtTest);
    }
    MessageModel source;
    StableRowsModel rows;
    std::optional<QAbstractItemModelTester> tester;
};

/// What a view hears from `rows` from now on.
struct ViewSignals {
    explicit ViewSignals(StableRowsModel& rows)
        : resets(&rows, &QAbstractItemModel::modelReset), inserted(&rows, &QAbstractItemModel::rowsInserted),
          removed(&rows, &QAbstractItemModel::rowsRemoved), changed(&rows, &QAbstractItemModel::dataChanged),
          counted(&rows, &StableRowsModel::countChanged) {}
    QSignalSpy resets, inserted, removed, changed, counted;
};

QVariant at(const StableRowsModel& rows, int row, int role) { return rows.data(rows.index(row), role); }

/// Every row and role of `rows` equals the source's.
bool sameAsSource(const StableRowsModel& rows, const MessageModel& source) {
    if (rows.rowCount() != source.rowCount()) return false;
    const auto names = source.roleNames();
    for (int r = 0; r < source.rowCount(); ++r)
        for (auto it = names.cbegin(); it != names.cend(); ++it)
            if (at(rows, r, it.key()) != source.data(source.index(r), it.key())) return false;
    return true;
}

}  // namespace

// 20 turns shown; "hi" sent: the controller reloads the branch with the question and the streaming reply (one reset
// of MessageModel). The rows reach the view as two rows inserted at the end, no reset and no row of the 40 kept ones
// changed; the reply's text then grows in place (dataChanged of its row).
void TestChatViewRows::aTurnStartingInsertsRowsWithoutAReset() {
    auto messages = conversation(20);
    ShownRows shown(messages);
    MessageModel& source = shown.source;
    StableRowsModel& rows = shown.rows;
    QVERIFY(sameAsSource(rows, source));
    QCOMPARE(rows.count(), 40);

    ViewSignals heard(rows);
    auto& [resets, inserted, removed, changed, counted] = heard;
    messages << message(41, 40, rwkv::store::Role::User, QStringLiteral("hi"))
             << message(42, 41, rwkv::store::Role::Assistant, QString(), false);
    source.setMessages(messages, 42, QStringLiteral("Hel"));
    QCOMPARE(resets.size(), 0);
    QCOMPARE(removed.size(), 0);
    QCOMPARE(changed.size(), 0);
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(inserted[0][1].toInt(), 40);
    QCOMPARE(inserted[0][2].toInt(), 41);
    QCOMPARE(counted.size(), 1);
    QCOMPARE(rows.count(), 42);
    QVERIFY(sameAsSource(rows, source));
    QCOMPARE(at(rows, 41, MessageModel::TextRole).toString(), QStringLiteral("Hel"));
    QCOMPARE(at(rows, 41, MessageModel::StatusRole).toInt(), int(MessageModel::Status::Streaming));

    source.appendText(42, QStringLiteral("lo"));
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed[0][0].value<QModelIndex>().row(), 41);
    QCOMPARE(at(rows, 41, MessageModel::TextRole).toString(), QStringLiteral("Hello"));
    QVERIFY(sameAsSource(rows, source));
    QCOMPARE(resets.size(), 0);
}

// Regenerate of the last reply: the branch reloaded with the new reply in the old one's place and the question's
// sibling count unchanged, the old reply's row removed and the new one inserted; a kept row whose stored values
// changed (the reply before it now 1 of 2) gets dataChanged for those roles only.
void TestChatViewRows::aNewBranchReplacesOnlyTheRowsAfterTheKeptOnes() {
    auto messages = conversation(3);
    ShownRows shown(messages);
    MessageModel& source = shown.source;
    StableRowsModel& rows = shown.rows;
    ViewSignals heard(rows);
    auto& [resets, inserted, removed, changed, counted] = heard;

    messages[5] = message(7, 5, rwkv::store::Role::Assistant, QString(), false);  // another reply to Question 3
    messages[5].sibling_index = 2;
    messages[5].sibling_count = 2;
    messages[3].sibling_count = 2;  // (as if Answer 2 had a sibling now: a kept row with a changed value)
    source.setMessages(messages, 7, QStringLiteral("Again"));
    QCOMPARE(resets.size(), 0);
    QCOMPARE(removed.size(), 1);
    QCOMPARE(removed[0][1].toInt(), 5);
    QCOMPARE(removed[0][2].toInt(), 5);
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(inserted[0][1].toInt(), 5);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed[0][0].value<QModelIndex>().row(), 3);
    QCOMPARE(changed[0][2].value<QList<int>>(), QList<int>{MessageModel::SiblingCountRole});
    QVERIFY(sameAsSource(rows, source));
    QCOMPARE(at(rows, 5, MessageModel::IdRole).toLongLong(), 7);
}

// Another conversation (no message kept) and an empty one are resets, as before.
void TestChatViewRows::anotherConversationIsAReset() {
    ShownRows shown(conversation(3), ShownRows::Key::AfterSource);
    MessageModel& source = shown.source;
    StableRowsModel& rows = shown.rows;
    ViewSignals heard(rows);
    auto& [resets, inserted, removed, changed, counted] = heard;
    source.setMessages(conversation(2, 100));
    QCOMPARE(resets.size(), 1);
    QCOMPARE(inserted.size(), 0);
    QVERIFY(sameAsSource(rows, source));
    source.clear();
    QCOMPARE(resets.size(), 2);
    QCOMPARE(rows.count(), 0);
    // A first turn in a new chat: nothing kept, a reset.
    source.setMessages(conversation(1, 200));
    QCOMPARE(resets.size(), 3);
    QVERIFY(sameAsSource(rows, source));
}

// Another conversation: rowsAboutToBeReplaced before the reset begins (the model still holds the old rows) and
// rowsReplaced once the view connected to modelReset has answered it (MessageView.qml then puts the list at the newest
// row, where ListView had laid out from the top); a turn starting (rows kept) says neither.
void TestChatViewRows::aResetIsAnnouncedAroundTheViewsAnswer() {
    ShownRows shown(conversation(3));
    MessageModel& source = shown.source;
    StableRowsModel& rows = shown.rows;
    QStringList said;  // in the order they came, with the rows held then
    connect(&rows, &StableRowsModel::rowsAboutToBeReplaced, this,
            [&] { said << QStringLiteral("about to replace %1").arg(rows.rowCount()); });
    connect(&rows, &QAbstractItemModel::modelReset, this, [&] { said << QStringLiteral("view laid out %1").arg(rows.rowCount()); });
    connect(&rows, &StableRowsModel::rowsReplaced, this, [&] {
        said << QStringLiteral("replaced %1%2").arg(rows.rowCount()).arg(source.hasNewer() ? ", newer left" : "");
    });
    source.setMessages(conversation(2, 100));
    QCOMPARE(said, (QStringList{QStringLiteral("about to replace 6"), QStringLiteral("view laid out 4"),
                                QStringLiteral("replaced 4")}));
    // A window around a search hit: the view knows it is one (newerMessages) as it answers, not only afterwards.
    said.clear();
    QSignalSpy newer(&source, &MessageModel::newerMessagesChanged);
    source.setMessages(conversation(3, 200), 0, {}, true, true);
    QCOMPARE(said.last(), QStringLiteral("replaced 6, newer left"));
    QCOMPARE(newer.size(), 1);
    source.setMessages(conversation(2, 100));
    QCOMPARE(said.last(), QStringLiteral("replaced 4"));
    QCOMPARE(newer.size(), 2);
    said.clear();
    auto next = conversation(2, 100);
    next << message(104, 103, rwkv::store::Role::User, QStringLiteral("hi"));
    source.setMessages(next);
    QCOMPARE(said, QStringList());
    QCOMPARE(rows.count(), 5);
}

QTEST_GUILESS_MAIN(TestChatViewRows)
#include "test_chat_view_rows.moc"
