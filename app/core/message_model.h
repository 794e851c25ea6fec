// message_model.h — the messages of the current conversation's branch, root first, for the chat view.
// The assistant reply being generated is one row whose text grows in place (dataChanged on TextRole).
// Tested in tests/app/test_chat_controller.cpp.
#pragma once

#include <QAbstractListModel>
#include <QList>

#include "store/conversation_store.h"

namespace rwkv::app {

class MessageModel : public QAbstractListModel {
    Q_OBJECT
    Q_PROPERTY(int count READ rowCount NOTIFY countChanged)
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

    enum Roles {
        IdRole = Qt::UserRole + 1,  ///< qint64 message id
        AuthorRole,                 ///< int(Author)
        TextRole,                   ///< QString: the message text (grows while Streaming)
        StatusRole,                 ///< int(Status)
        TokenCountRole,             ///< qint64: tokens generated (assistant), 0 when unknown
    };
    Q_ENUM(Roles)

    explicit MessageModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    /// Replaces every row (one model reset). Unfinished assistant messages become Interrupted.
    void setMessages(const QList<store::Message>& messages);
    void clear();
    /// Appends one row at the end.
    void append(qint64 id, Author author, const QString& text, Status status);
    /// Appends text to a row (the streaming reply). Unknown ids are ignored.
    void appendText(qint64 id, const QString& delta);
    /// Sets a row's final text, status and token count. Unknown ids are ignored.
    void finish(qint64 id, const QString& text, Status status, qint64 tokenCount);
    /// Changes only a row's status. Unknown ids are ignored.
    void setStatus(qint64 id, Status status);
    /// Row of a message id, or -1.
    int indexOfId(qint64 id) const;

signals:
    void countChanged();

private:
    struct Row {
        qint64 id = 0;
        Author author = Author::User;
        QString text;
        Status status = Status::Complete;
        qint64 tokenCount = 0;
    };
    QList<Row> rows_;
};

}  // namespace rwkv::app
