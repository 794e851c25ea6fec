// search_result_model.h — full-text search hits for the sidebar (ConversationStore::search), newest first. Shows
// the first kFirstRows hits and the rest kFirstRows at a time as the list scrolls (canFetchMore/fetchMore), so a
// search lays out only what fits on screen.
// Filled by LibraryController::search; tested in tests/app/test_library_controller.cpp.
#pragma once

#include <QAbstractListModel>
#include <QList>

#include "store/conversation_store.h"

namespace rwkv::app {

class SearchResultModel : public QAbstractListModel {
    Q_OBJECT
    Q_PROPERTY(int count READ rowCount NOTIFY countChanged)
    /// Every hit of the search, shown or not yet.
    Q_PROPERTY(int totalCount READ totalCount NOTIFY countChanged)
public:
    enum Roles {
        ConversationIdRole = Qt::UserRole + 1,  ///< qint64
        MessageIdRole,                          ///< qint64: the message that matched
        TitleRole,                              ///< QString: the conversation's title, one line, drawable (shownTitle)
        SnippetRole,                            ///< QString: rich text (HTML-escaped) with the match in <b>…</b>
        PlainSnippetRole,                       ///< QString: the same without markup
        AuthorRole,                             ///< int(MessageModel::Author) of the matching message
        WhenTextRole,                           ///< QString: "14:03" today, else a short date
    };
    Q_ENUM(Roles)

    explicit SearchResultModel(QObject* parent = nullptr);

    /// Rows shown at first, and added per fetchMore().
    static constexpr int kFirstRows = 20;

    int rowCount(const QModelIndex& parent = {}) const override;
    int totalCount() const { return int(hits_.size()); }
    bool canFetchMore(const QModelIndex& parent) const override;
    void fetchMore(const QModelIndex& parent) override;
    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    /// Replaces every row (one model reset); the first kFirstRows are shown.
    void setHits(const QList<store::SearchHit>& hits);

    /// The snippet as rich text: HTML-escaped, the U+E000…U+E001 match markers become <b>…</b>, and what Text.StyledText
    /// does not draw as characters (U+0000 ended its reading) swapped for U+FFFD (drawable_text.h).
    static QString richSnippet(const QString& snippet);

signals:
    void countChanged();

private:
    QList<store::SearchHit> hits_;
    int shown_ = 0;
    bool changing_ = false;
};

}  // namespace rwkv::app
