// message_model.cpp — see message_model.h.
#include "message_model.h"

#include <algorithm>

namespace rwkv::app {

MessageModel::MessageModel(QObject* parent) : QAbstractListModel(parent) {}

int MessageModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : int(rows_.size()); }

QVariant MessageModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) return {};
    const Row& r = rows_.at(index.row());
    switch (role) {
    case IdRole: return r.id;
    case AuthorRole: return int(r.author);  // ints compare directly with MessageModel.User in QML
    case Qt::DisplayRole:
    case TextRole: return r.text;
    case StatusRole: return int(r.status);
    case TokenCountRole: return r.tokenCount;
    case ParentIdRole: return r.message.parent_id;
    case SiblingIndexRole: return r.message.sibling_index;
    case SiblingCountRole: return r.message.sibling_count;
    case PrefillTokensRole: return r.message.readouts.prefill_tokens;
    case PrefillMsRole: return r.message.readouts.prefill_ms;
    case DecodeMsRole: return r.message.readouts.decode_ms;
    case DecodeTokensPerSecondRole: return r.message.decodeTokensPerSecond();
    case TtftMsRole: return r.message.readouts.ttft_ms;
    case StateSourceRole: return int(r.message.readouts.state_source);
    case ReplyEndRole: return int(r.message.end);
    case StateTokensRole: return r.message.readouts.state_tokens;
    case ContinuedFromRole: return r.message.continued_from;
    case AnsweredBelowRole: return answeredBelow(index.row());
    default: return {};
    }
}

QHash<int, QByteArray> MessageModel::roleNames() const {
    return {{IdRole, "messageId"},
            {AuthorRole, "author"},
            {TextRole, "text"},
            {StatusRole, "status"},
            {TokenCountRole, "tokenCount"},
            {ParentIdRole, "parentId"},
            {SiblingIndexRole, "siblingIndex"},
            {SiblingCountRole, "siblingCount"},
            {PrefillTokensRole, "prefillTokens"},
            {PrefillMsRole, "prefillMs"},
            {DecodeMsRole, "decodeMs"},
            {DecodeTokensPerSecondRole, "decodeTokensPerSecond"},
            {TtftMsRole, "ttftMs"},
            {StateSourceRole, "stateSource"},
            {ReplyEndRole, "replyEnd"},
            {StateTokensRole, "stateTokens"},
            {ContinuedFromRole, "continuedFrom"},
            {AnsweredBelowRole, "answeredBelow"}};
}

MessageModel::Row MessageModel::rowOf(const store::Message& m) {
    Row r;
    r.id = m.id;
    r.author = m.role == store::Role::User        ? Author::User
               : m.role == store::Role::Assistant ? Author::Assistant
                                                  : Author::System;
    r.text = m.text;
    r.status = m.finished ? Status::Complete : Status::Interrupted;
    r.tokenCount = m.token_count;
    r.message = m;
    return r;
}

void MessageModel::setOlderLeft(bool older) {
    if (older == olderLeft_) return;
    olderLeft_ = older;
    emit olderMessagesChanged();
}

void MessageModel::setNewerLeft(bool newer) {
    if (newer == newerLeft_) return;
    newerLeft_ = newer;
    emit newerMessagesChanged();
}

void MessageModel::setMessages(const QList<store::Message>& messages, qint64 streamingId, const QString& streamingText,
                               bool olderLeft, bool newerLeft) {
    const bool countChanges = messages.size() != rows_.size();
    const bool olderChanges = olderLeft != olderLeft_, newerChanges = newerLeft != newerLeft_;
    beginResetModel();
    rows_.clear();
    for (const store::Message& m : messages) {
        Row r = rowOf(m);
        if (streamingId != 0 && m.id == streamingId) {
            r.text = streamingText;
            r.status = Status::Streaming;
        }
        rows_.push_back(r);
    }
    // The new rows' olderMessages / newerMessages already while the views answer the reset (MessageView.qml puts the
    // list at the newest row there, not in a window around a search hit); their signals once it has ended, as before.
    olderLeft_ = olderLeft;
    newerLeft_ = newerLeft;
    endResetModel();
    if (countChanges) emit countChanged();
    if (olderChanges) emit olderMessagesChanged();
    if (newerChanges) emit newerMessagesChanged();
    updateStateTokens();
}

void MessageModel::appendNewer(const QList<store::Message>& newer, bool newerLeft) {
    if (!newer.isEmpty()) {
        beginInsertRows({}, int(rows_.size()), int(rows_.size() + newer.size()) - 1);
        for (const store::Message& m : newer) rows_.push_back(rowOf(m));
        endInsertRows();
        emit countChanged();
    }
    setNewerLeft(newerLeft);
    answersChangedAt(int(rows_.size()));  // rows read below, or none left to read
    updateStateTokens();
}

void MessageModel::prependOlder(const QList<store::Message>& older, const store::Message& first, bool olderLeft) {
    if (!rows_.isEmpty() && first.id == rows_.front().id) updateStored(first);
    if (!older.isEmpty()) {
        beginInsertRows({}, 0, int(older.size()) - 1);
        QList<Row> rows;
        rows.reserve(older.size() + rows_.size());
        for (const store::Message& m : older) rows.push_back(rowOf(m));
        rows.append(std::move(rows_));
        rows_ = std::move(rows);
        endInsertRows();
        emit countChanged();
    }
    setOlderLeft(olderLeft);
    updateStateTokens();
}

void MessageModel::clear() { setMessages({}); }

void MessageModel::append(qint64 id, Author author, const QString& text, Status status) {
    const int row = int(rows_.size());
    beginInsertRows({}, row, row);
    Row r{id, author, text, status, 0, {}};
    r.message.id = id;
    rows_.push_back(r);
    endInsertRows();
    emit countChanged();
    answersChangedAt(row);
    updateStateTokens();
}

store::Message MessageModel::messageAt(int row) const {
    return row >= 0 && row < rows_.size() ? rows_.at(row).message : store::Message();
}

int MessageModel::indexOfId(qint64 id) const {
    // The streaming row is the last one: search from the end.
    for (int i = int(rows_.size()) - 1; i >= 0; --i)
        if (rows_.at(i).id == id) return i;
    return -1;
}

void MessageModel::appendText(qint64 id, const QString& delta) {
    const int row = indexOfId(id);
    if (row < 0 || delta.isEmpty()) return;
    const bool first = rows_[row].text.isEmpty();
    rows_[row].text += delta;
    const QModelIndex i = index(row);
    emit dataChanged(i, i, {TextRole});
    if (first) answersChangedAt(row);
}

void MessageModel::finish(qint64 id, const QString& text, Status status, qint64 tokenCount) {
    const int row = indexOfId(id);
    if (row < 0) return;
    rows_[row].text = text;
    rows_[row].status = status;
    rows_[row].tokenCount = tokenCount;
    const QModelIndex i = index(row);
    emit dataChanged(i, i, {TextRole, StatusRole, TokenCountRole});
    answersChangedAt(row);
    updateStateTokens();
}

void MessageModel::updateStored(const store::Message& message) {
    const int row = indexOfId(message.id);
    if (row < 0) return;
    rows_[row].message = message;
    rows_[row].tokenCount = message.token_count;
    const QModelIndex i = index(row);
    emit dataChanged(i, i,
                     {TokenCountRole, ParentIdRole, SiblingIndexRole, SiblingCountRole, PrefillTokensRole, PrefillMsRole,
                      DecodeMsRole, DecodeTokensPerSecondRole, TtftMsRole, StateSourceRole, ReplyEndRole, StateTokensRole});
    answersChangedAt(row);  // its end: TextLost
    updateStateTokens();
}

void MessageModel::setStatus(qint64 id, Status status) {
    const int row = indexOfId(id);
    if (row < 0 || rows_[row].status == status) return;
    rows_[row].status = status;
    const QModelIndex i = index(row);
    emit dataChanged(i, i, {StatusRole});
    answersChangedAt(row);
    updateStateTokens();
}

// A reply that never began is read with the next turn that runs: its question "was read with the next message" once a
// reply below it began, else it "will be read" (session 52's trial: the first of two stopped replies said it was read).
// Rows below not read yet (newerMessages) are taken as read, as MessageView's `followed` takes them as there.
bool MessageModel::answeredBelow(int row) const {
    const Row& r = rows_.at(row);
    if (r.author != Author::Assistant || r.status != Status::Interrupted || !r.text.isEmpty()) return false;
    if (newerLeft_) return true;
    for (qsizetype i = row + 1; i < rows_.size(); ++i) {
        const Row& below = rows_.at(i);
        const bool began = below.status != Status::Interrupted || !below.text.isEmpty() ||
                           below.message.end == store::ReplyEnd::TextLost;
        if (below.author == Author::Assistant && began) return true;
    }
    return false;
}

void MessageModel::answersChangedAt(int row) {
    if (row > 0) emit dataChanged(index(0), index(std::min(row, int(rows_.size())) - 1), {AnsweredBelowRole});
}

// The state the next message continues: that of the last finished reply shown (a reply being written has none yet;
// the chat's memory is still the one before it). Below a reply cut off with text (Unfinished: the app was killed), no
// count: the next message reads that text again first, so the count before it was not what the chat holds, and it
// stood under the cut-off reply as if it were (session 57's trial). A reply stopped before its first word adds nothing.
void MessageModel::updateStateTokens() {
    qint64 tokens = 0;
    for (auto r = rows_.crbegin(); r != rows_.crend(); ++r) {
        if (r->author != Author::Assistant) continue;
        if (r->status == Status::Interrupted && !r->text.isEmpty()) break;
        if (r->status == Status::Complete) {
            tokens = r->message.readouts.state_tokens;
            break;
        }
    }
    if (tokens == stateTokens_) return;
    stateTokens_ = tokens;
    emit stateTokensChanged();
}

}  // namespace rwkv::app
