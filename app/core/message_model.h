// message_model.h — the messages of the current conversation's branch, root first, for the chat view: its newest
// page, and the older pages the view asked for as it was scrolled up (olderMessages: more of the branch lies above);
// around a search hit far up, a window of the branch whose newer end is read as the view is scrolled down too
// (newerMessages: more lies below the last row).
// The assistant reply being generated is one row whose text grows in place (dataChanged on TextRole).
// Tested in tests/app/test_chat_controller.cpp and test_chat_view_rows.cpp.
#pragma once

#include <QAbstractListModel>
#include <QList>

#include "store/conversation_store.h"

namespace rwkv::app {

class MessageModel : public QAbstractListModel {
    Q_OBJECT
    Q_PROPERTY(int count READ rowCount NOTIFY countChanged)
    /// The branch goes on above the first row: ChatController::loadOlderMessages() puts its next page there.
    Q_PROPERTY(bool olderMessages READ hasOlder NOTIFY olderMessagesChanged)
    /// The branch goes on below the last row (a window around a search hit): ChatController::loadNewerMessages()
    /// puts its next page there.
    Q_PROPERTY(bool newerMessages READ hasNewer NOTIFY newerMessagesChanged)
    /// Tokens the state after the last finished reply shown has read since it began (store::Readouts::state_tokens):
    /// the chat's "Memory: N tokens read" (StatusBar.qml). 0 when no reply is shown or its count is unknown.
    Q_PROPERTY(qint64 stateTokens READ stateTokens NOTIFY stateTokensChanged)
public:
    /// Who wrote a row.
    enum class Author { System, User, Assistant };
    Q_ENUM(Author)
    /// The life cycle of a row (one value, so the view never combines flags).
    enum class Status {
        Complete,     ///< a finished message (a stopped reply is complete too)
        Streaming,    ///< the reply being generated right now
        Interrupted,  ///< a reply that never finished (stopped before it began, or failed)
    };
    Q_ENUM(Status)
    /// How a finished reply ended: store::ReplyEnd's values, for QML (MessageModel.Stopped).
    enum class ReplyEnd {
        ByItself = int(store::ReplyEnd::ByItself),
        Stopped = int(store::ReplyEnd::Stopped),
        Closed = int(store::ReplyEnd::Closed),
        LengthLimit = int(store::ReplyEnd::LengthLimit),
        TextLost = int(store::ReplyEnd::TextLost),  ///< an unfinished reply shown but never saved (MessageBubble's note)
    };
    Q_ENUM(ReplyEnd)

    enum Roles {
        IdRole = Qt::UserRole + 1,  ///< qint64 message id
        AuthorRole,                 ///< int(Author)
        TextRole,                   ///< QString: the message text (grows while Streaming)
        StatusRole,                 ///< int(Status)
        TokenCountRole,             ///< qint64: tokens generated (assistant), 0 when unknown
        ParentIdRole,               ///< qint64 id of the parent message, 0 for the first one
        SiblingIndexRole,           ///< int: 1-based position among the messages with the same parent ("2" of 2/3)
        SiblingCountRole,           ///< int: messages with the same parent, this one included (> 1: show ‹ 2/3 ›)
        PrefillTokensRole,          ///< qint64: prompt tokens read before this reply (0 = unknown)
        PrefillMsRole,              ///< double: wall time of that prefill in ms (0 = unknown)
        DecodeMsRole,               ///< double: wall time of decoding tokenCount tokens in ms (0 = unknown)
        DecodeTokensPerSecondRole,  ///< double: tokenCount / decode time (0 = unknown)
        TtftMsRole,                 ///< double: Send (or the turn's start) to the first token in ms (TurnStats::ttftMs)
        StateSourceRole,            ///< int(store::StateSourceCode): how the reply's state was obtained
        ReplyEndRole,               ///< int(ReplyEnd): how a finished reply ended (the note under a stopped one)
        StateTokensRole,            ///< qint64: tokens the state after this reply has read (0 = unknown)
        ContinuedFromRole,          ///< qint64: the version this reply was continued from (0 = none): its token
                                    ///< count and readouts are the continuation's ("8 more tokens")
        AnsweredBelowRole,          ///< bool: a reply below this one began (or rows below are not read): a reply
                                    ///< that never began says its question "was read with the next message", else
                                    ///< "will be read with the next message that gets a reply" (session 52's trial)
    };
    Q_ENUM(Roles)

    explicit MessageModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    /// Replaces every row (one model reset). Unfinished assistant messages become Interrupted. Readouts and
    /// sibling positions come from the stored messages.
    /// `streamingId` (if not 0) is the reply being generated: shown as Streaming with `streamingText`. `olderLeft`:
    /// the branch goes on above messages.first() (olderMessages); `newerLeft`: below messages.last() (newerMessages).
    void setMessages(const QList<store::Message>& messages, qint64 streamingId = 0, const QString& streamingText = {},
                     bool olderLeft = false, bool newerLeft = false);
    /// Puts `older` (root first: the messages above the first row) before the first row, as rows inserted (a view
    /// keeps what it shows where it is), and refreshes the first row's stored fields from `first` when its id is that
    /// row's (its sibling positions and flags are known once the message above it is read). `olderLeft`: more lies
    /// above them.
    void prependOlder(const QList<store::Message>& older, const store::Message& first, bool olderLeft);
    bool hasOlder() const { return olderLeft_; }
    /// Puts `newer` (the messages under the last row, top first) after the last row, as rows inserted. `newerLeft`:
    /// more lies below them.
    void appendNewer(const QList<store::Message>& newer, bool newerLeft);
    bool hasNewer() const { return newerLeft_; }
    void clear();
    /// Appends one row at the end.
    void append(qint64 id, Author author, const QString& text, Status status);
    /// Appends text to a row (the streaming reply). Unknown ids are ignored.
    void appendText(qint64 id, const QString& delta);
    /// Sets a row's final text, status and token count. Unknown ids are ignored.
    void finish(qint64 id, const QString& text, Status status, qint64 tokenCount);
    /// Refreshes a row's stored fields (readouts, siblings, token count) from the database copy. Unknown ids are
    /// ignored; text and status stay as they are.
    void updateStored(const store::Message& message);
    /// Changes only a row's status. Unknown ids are ignored.
    void setStatus(qint64 id, Status status);
    /// Row of a message id, or -1.
    Q_INVOKABLE int indexOfId(qint64 id) const;
    /// The stored message of a row as last loaded (readouts, siblings); a default Message for a bad row.
    store::Message messageAt(int row) const;
    /// Id of the last row, 0 when empty.
    qint64 lastId() const { return rows_.isEmpty() ? 0 : rows_.back().message.id; }
    qint64 stateTokens() const { return stateTokens_; }

signals:
    void countChanged();
    void olderMessagesChanged();
    void newerMessagesChanged();
    void stateTokensChanged();

private:
    struct Row {
        qint64 id = 0;
        Author author = Author::User;
        QString text;
        Status status = Status::Complete;
        qint64 tokenCount = 0;
        store::Message message;  // as stored when the row was loaded (readouts, siblings)
    };
    static Row rowOf(const store::Message& m);
    void setOlderLeft(bool older);
    void setNewerLeft(bool newer);
    /// Reads stateTokens again from the rows (after any change to them).
    void updateStateTokens();
    /// Whether a reply below `row` began (was read: written, being written, or its text shown) — AnsweredBelowRole.
    bool answeredBelow(int row) const;
    /// Row `row` changed how a reply reads for AnsweredBelowRole: the rows above it are told.
    void answersChangedAt(int row);
    QList<Row> rows_;
    bool olderLeft_ = false;
    bool newerLeft_ = false;
    qint64 stateTokens_ = 0;
};

}  // namespace rwkv::app
