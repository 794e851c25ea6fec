// stable_rows_model.h — StableRows (RwkvDesktop.Core): the rows of another list model, with its resets turned into
// row changes where the new rows begin with the old ones. MessageView.qml shows Chat.messages through it: the chat
// controller replaces the whole branch (one model reset) when a turn starts, and a ListView answers a reset by
// throwing its delegates away and laying out from the top — under load the conversation's top stayed on screen until
// the view was put back at the newest message (session 15), and a scroll or a selection made meanwhile was lost.
#pragma once

#include <QAbstractListModel>
#include <QByteArray>
#include <QHash>
#include <QList>
#include <QPointer>
#include <QVariant>

namespace rwkv::gui {

class StableRowsModel : public QAbstractListModel {
    Q_OBJECT
    /// The model shown (a flat list: rows of the root only); its role names are ours.
    Q_PROPERTY(QAbstractItemModel* source READ source WRITE setSource NOTIFY sourceChanged)
    /// The role that tells rows apart (e.g. "messageId"): a reset whose first rows have the same keys as ours is
    /// shown as rows removed and inserted after them, and as dataChanged of the kept rows whose values changed. A
    /// reset that keeps no row (another conversation) stays a reset.
    Q_PROPERTY(QByteArray keyRole READ keyRole WRITE setKeyRole NOTIFY keyRoleChanged)
    Q_PROPERTY(int count READ count NOTIFY countChanged)

public:
    using QAbstractListModel::QAbstractListModel;

    QAbstractItemModel* source() const { return source_; }
    void setSource(QAbstractItemModel* source);
    QByteArray keyRole() const { return keyRoleName_; }
    void setKeyRole(const QByteArray& name);
    int count() const { return int(rows_.size()); }

    int rowCount(const QModelIndex& parent = {}) const override;
    /// The value the source had for `role` when this row was last read (rows are copied: the source may already
    /// hold its new rows while this model announces the change).
    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override { return roleNames_; }

signals:
    void sourceChanged();
    void keyRoleChanged();
    void countChanged();
    /// Around a reset (every row replaced: another conversation, a window around a search hit): the first before it
    /// begins, the second once it has ended and every view of these rows has answered modelReset (a ListView: laid
    /// out anew from its top), so that a view can lay out elsewhere instead (MessageView.qml: at the newest row).
    void rowsAboutToBeReplaced();
    void rowsReplaced();

private:
    using Row = QHash<int, QVariant>;  // role -> value
    Row readRow(int sourceRow) const;
    void resetFromSource();       // a plain reset: every row read again
    void syncAfterSourceReset();  // the source was reset: keep our rows that it kept
    void onRowsInserted(const QModelIndex& parent, int first, int last);
    void onRowsRemoved(const QModelIndex& parent, int first, int last);
    void onDataChanged(const QModelIndex& topLeft, const QModelIndex& bottomRight, const QList<int>& roles);

    QPointer<QAbstractItemModel> source_;
    QByteArray keyRoleName_;
    int keyRole_ = -1;
    QHash<int, QByteArray> roleNames_;
    QList<Row> rows_;
};

}  // namespace rwkv::gui
