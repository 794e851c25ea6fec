// search_result_model.cpp — see search_result_model.h.
#include "search_result_model.h"

#include <QDateTime>

#include <algorithm>
#include <QLocale>

#include "conversation_title.h"
#include "list_time.h"
#include "drawable_text.h"
#include "message_model.h"

namespace rwkv::app {

SearchResultModel::SearchResultModel(QObject* parent) : QAbstractListModel(parent) {}

int SearchResultModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : shown_; }

bool SearchResultModel::canFetchMore(const QModelIndex& parent) const {
    // Not while a reset or an insertion is being announced (views and QAbstractItemModelTester ask from their slots).
    return !parent.isValid() && !changing_ && shown_ < hits_.size();
}

void SearchResultModel::fetchMore(const QModelIndex& parent) {
    if (!canFetchMore(parent)) return;
    const int more = std::min<int>(kFirstRows, int(hits_.size()) - shown_);
    changing_ = true;
    beginInsertRows({}, shown_, shown_ + more - 1);
    shown_ += more;
    endInsertRows();
    changing_ = false;
    emit countChanged();
}

QString SearchResultModel::richSnippet(const QString& snippet) {
    // U+0000 ended what Text.StyledText drew (drawable_text.h); simplified() keeps it.
    QString out = drawableText(snippet.simplified()).toHtmlEscaped();
    out.replace(QChar(0xE000), QStringLiteral("<b>"));
    out.replace(QChar(0xE001), QStringLiteral("</b>"));
    return out;
}

QVariant SearchResultModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) return {};
    const store::SearchHit& h = hits_.at(index.row());
    switch (role) {
    case ConversationIdRole: return h.conversation_id;
    case MessageIdRole: return h.message_id;
    case Qt::DisplayRole:
    case TitleRole: return shownTitle(h.title);
    case SnippetRole: return richSnippet(h.snippet);
    case PlainSnippetRole: {
        QString plain = h.snippet.simplified();
        plain.remove(QChar(0xE000));
        plain.remove(QChar(0xE001));
        return plain;
    }
    case AuthorRole:
        return int(h.role == store::Role::User        ? MessageModel::Author::User
                   : h.role == store::Role::Assistant ? MessageModel::Author::Assistant
                                                      : MessageModel::Author::System);
    case WhenTextRole: return listTime(h.created_at);
    default: return {};
    }
}

QHash<int, QByteArray> SearchResultModel::roleNames() const {
    return {{ConversationIdRole, "conversationId"}, {MessageIdRole, "messageId"}, {TitleRole, "title"},
            {SnippetRole, "snippet"}, {PlainSnippetRole, "plainSnippet"}, {AuthorRole, "author"},
            {WhenTextRole, "whenText"}};
}

void SearchResultModel::setHits(const QList<store::SearchHit>& hits) {
    const bool countChanges = hits.size() != hits_.size() || std::min<int>(kFirstRows, int(hits.size())) != shown_;
    changing_ = true;
    beginResetModel();
    hits_ = hits;
    shown_ = std::min<int>(kFirstRows, int(hits_.size()));
    endResetModel();
    changing_ = false;
    if (countChanges) emit countChanged();
}

}  // namespace rwkv::app
