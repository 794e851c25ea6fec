// message_segments.h — splits an assistant reply into the parts the chat view draws differently: prose (Markdown),
// fenced code blocks (monospace, with a Copy button) and the model's reasoning (`<think>…</think>`, RWKV-7 spec
// §7.2; shown collapsible). MessageSegmentModel keeps the split of a growing (streamed) reply as a list model
// that changes in place, so the view's delegates survive every delta. Tested in tests/app/test_message_segments.cpp.
#pragma once

#include <QAbstractListModel>
#include <QList>
#include <QString>

namespace rwkv::app {

/// One part of a reply.
struct MessageSegment {
    enum class Kind { Prose, Code, Think };
    Kind kind = Kind::Prose;
    QString text;      ///< Prose: Markdown source; Code: the code without the fences; Think: the reasoning text
    QString language;  ///< Code only: the info string after the opening fence ("cpp"), may be empty
    bool closed = true;  ///< Code/Think: the closing fence or </think> was seen (false while it is still streaming)
    bool operator==(const MessageSegment&) const = default;
};

/// Splits a reply. Rules:
///  * a reply that starts (after whitespace) with "<think>" begins with a Think segment running to "</think>", or
///    to the end of the text (closed = false) while the reasoning is still being written;
///  * a code fence is a line starting (after at most 3 spaces) with ``` or ~~~ (3 or more); it closes at a line
///    of at least as many of the same character and nothing else; an unclosed fence runs to the end (closed =
///    false). The info string's first word is the language;
///  * everything else is Prose; blank lines around prose are trimmed and empty prose segments dropped.
/// Never fails: any text gives a list (empty for blank text).
QList<MessageSegment> splitMessage(const QString& text);

/// The segments of one message as a list model for a QML Repeater. Setting `text` re-splits it and updates the
/// rows in place: a row whose kind is unchanged keeps its delegate (dataChanged), new rows are inserted and
/// surplus rows removed at the end — so a streamed reply only ever touches its last rows.
class MessageSegmentModel : public QAbstractListModel {
    Q_OBJECT
    Q_PROPERTY(QString text READ text WRITE setText NOTIFY textChanged)
    Q_PROPERTY(int count READ rowCount NOTIFY countChanged)
    /// The last row is prose (the view then puts the typing cursor inside it).
    Q_PROPERTY(bool endsWithProse READ endsWithProse NOTIFY textChanged)
public:
    enum class Kind { Prose, Code, Think };
    Q_ENUM(Kind)
    enum Roles {
        KindRole = Qt::UserRole + 1,  ///< int(Kind)
        SegmentTextRole,              ///< QString
        LanguageRole,                 ///< QString (Code)
        ClosedRole,                   ///< bool (Code, Think)
    };

    explicit MessageSegmentModel(QObject* parent = nullptr);

    QString text() const { return text_; }
    void setText(const QString& text);
    bool endsWithProse() const { return !rows_.isEmpty() && rows_.last().kind == MessageSegment::Kind::Prose; }

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

signals:
    void textChanged();
    void countChanged();

private:
    QString text_;
    QList<MessageSegment> rows_;
};

}  // namespace rwkv::app
