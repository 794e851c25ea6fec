// test_message_answered_below.cpp — MessageModel's AnsweredBelowRole: whether a reply below one that never began has
// begun, so that its bubble says its question "was read with the next message" only when it was, and "will be read with
// the next message that gets a reply" when the replies below never began either (MessageBubble.qml). Before (session
// 52's trial) the first of two stopped replies said its question was read. The view: test_drawn_text_e2e.
#include <QSignalSpy>
#include <QtTest>

#include "message_model.h"

using rwkv::app::MessageModel;
using rwkv::store::Message;
using rwkv::store::Role;

namespace {

Message row(qint64 id, Role role, const QString& text, bool finished) {
    Message m;
    m.id = id;
    m.parent_id = id - 1;
    m.role = role;
    m.text = text;
    m.finished = finished;
    return m;
}

bool answeredBelow(const MessageModel& m, int r) {
    return m.data(m.index(r), MessageModel::AnsweredBelowRole).toBool();
}

}  // namespace

class TestMessageAnsweredBelow : public QObject {
    Q_OBJECT

private slots:
    // Two questions whose replies never began: neither reply is answered below, until the second one's reply gets text.
    void secondReplyThatNeverBeganLeavesTheFirstUnread() {
        MessageModel m;
        m.setMessages({row(1, Role::User, QStringLiteral("Q1"), true), row(2, Role::Assistant, {}, false),
                       row(3, Role::User, QStringLiteral("Q2"), true), row(4, Role::Assistant, {}, false)});
        QCOMPARE(answeredBelow(m, 1), false);
        QCOMPARE(answeredBelow(m, 3), false);
        QCOMPARE(answeredBelow(m, 0), false);  // a question: not asked

        QSignalSpy changed(&m, &QAbstractItemModel::dataChanged);
        m.setStatus(4, MessageModel::Status::Streaming);  // a Regenerate of the second one reads both questions
        QCOMPARE(answeredBelow(m, 1), true);
        const auto told = [&changed] {
            for (const QList<QVariant>& c : changed)
                if (c.at(0).toModelIndex().row() <= 1 && c.at(1).toModelIndex().row() >= 1 &&
                    c.at(2).value<QList<int>>().contains(MessageModel::AnsweredBelowRole))
                    return true;
            return false;
        };
        QVERIFY(told());  // the view draws the first one's note again
        changed.clear();
        m.setStatus(4, MessageModel::Status::Interrupted);  // stopped before its first word
        QCOMPARE(answeredBelow(m, 1), false);
        QVERIFY(told());
        m.setStatus(4, MessageModel::Status::Streaming);
        m.appendText(4, QStringLiteral("Hi"));
        m.finish(4, QStringLiteral("Hi"), MessageModel::Status::Complete, 1);
        QCOMPARE(answeredBelow(m, 1), true);
    }

    // A reply below whose text was shown but never saved (TextLost) was read; rows below not read yet count as read.
    void textShownBelowOrRowsNotReadCountAsRead() {
        MessageModel m;
        Message lost = row(4, Role::Assistant, {}, false);
        lost.end = rwkv::store::ReplyEnd::TextLost;
        m.setMessages({row(1, Role::User, QStringLiteral("Q1"), true), row(2, Role::Assistant, {}, false),
                       row(3, Role::User, QStringLiteral("Q2"), true), lost});
        QCOMPARE(answeredBelow(m, 1), true);
        m.setMessages({row(1, Role::User, QStringLiteral("Q1"), true), row(2, Role::Assistant, {}, false),
                       row(3, Role::User, QStringLiteral("Q2"), true)},
                      0, {}, false, true);
        QCOMPARE(answeredBelow(m, 1), true);
    }
};

QTEST_GUILESS_MAIN(TestMessageAnsweredBelow)
#include "test_message_answered_below.moc"
