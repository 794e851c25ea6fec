// stable_rows_model.cpp — see stable_rows_model.h.
#include "stable_rows_model.h"

#include <algorithm>

namespace rwkv::gui {

void StableRowsModel::setSource(QAbstractItemModel* source) {
    if (source == source_) return;
    if (source_) disconnect(source_, nullptr, this, nullptr);
    source_ = source;
    if (source_) {
        connect(source_, &QAbstractItemModel::modelReset, this, &StableRowsModel::syncAfterSourceReset);
        connect(source_, &QAbstractItemModel::rowsInserted, this, &StableRowsModel::onRowsInserted);
        connect(source_, &QAbstractItemModel::rowsRemoved, this, &StableRowsModel::onRowsRemoved);
        connect(source_, &QAbstractItemModel::dataChanged, this, &StableRowsModel::onDataChanged);
        // Not sent by the chat's MessageModel; read again in full should another source send them.
        connect(source_, &QAbstractItemModel::rowsMoved, this, &StableRowsModel::resetFromSource);
        connect(source_, &QAbstractItemModel::layoutChanged, this, &StableRowsModel::resetFromSource);
    }
    resetFromSource();
    emit sourceChanged();
}

void StableRowsModel::setKeyRole(const QByteArray& name) {
    if (name == keyRoleName_) return;
    keyRoleName_ = name;
    keyRole_ = roleNames_.key(keyRoleName_, -1);
    emit keyRoleChanged();
}

int StableRowsModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : int(rows_.size()); }

QVariant StableRowsModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) return {};
    return rows_.at(index.row()).value(role);
}

StableRowsModel::Row StableRowsModel::readRow(int sourceRow) const {
    Row row;
    const QModelIndex at = source_->index(sourceRow, 0);
    for (auto it = roleNames_.cbegin(); it != roleNames_.cend(); ++it) row.insert(it.key(), source_->data(at, it.key()));
    return row;
}

void StableRowsModel::resetFromSource() {
    const int before = count();
    emit rowsAboutToBeReplaced();
    beginResetModel();
    roleNames_ = source_ ? source_->roleNames() : QHash<int, QByteArray>();
    keyRole_ = roleNames_.key(keyRoleName_, -1);
    rows_.clear();
    for (int r = 0, n = source_ ? source_->rowCount() : 0; r < n; ++r) rows_.push_back(readRow(r));
    endResetModel();
    if (count() != before) emit countChanged();
    emit rowsReplaced();
}

void StableRowsModel::syncAfterSourceReset() {
    if (keyRole_ < 0 || roleNames_ != source_->roleNames()) return resetFromSource();
    const int n = source_->rowCount();
    QList<Row> fresh;
    fresh.reserve(n);
    for (int r = 0; r < n; ++r) fresh.push_back(readRow(r));
    int kept = 0;  // the leading rows with the same keys as ours
    while (kept < std::min(int(rows_.size()), n) && rows_.at(kept).value(keyRole_) == fresh.at(kept).value(keyRole_))
        ++kept;
    if (kept == 0) return resetFromSource();
    // Kept rows: only the roles whose values changed (a sibling count, a finished reply's readouts).
    for (int r = 0; r < kept; ++r) {
        QList<int> changed;
        for (auto it = fresh.at(r).cbegin(); it != fresh.at(r).cend(); ++it)
            if (rows_.at(r).value(it.key()) != it.value()) changed << it.key();
        if (changed.isEmpty()) continue;
        rows_[r] = fresh.at(r);
        emit dataChanged(index(r), index(r), changed);
    }
    if (rows_.size() > kept) {
        beginRemoveRows({}, kept, int(rows_.size()) - 1);
        rows_.erase(rows_.begin() + kept, rows_.end());
        endRemoveRows();
        emit countChanged();
    }
    if (n > kept) {
        beginInsertRows({}, kept, n - 1);
        for (int r = kept; r < n; ++r) rows_.push_back(fresh.at(r));
        endInsertRows();
        emit countChanged();
    }
}

void StableRowsModel::onRowsInserted(const QModelIndex& parent, int first, int last) {
    if (parent.isValid()) return;
    beginInsertRows({}, first, last);
    // In one piece: one insert per row moved every row after it each time, 5,000 rows read above 100,000 at once
    // (the scroll bar let go at the top of a long chat) moved 500 million.
    QList<Row> rows;
    rows.reserve(rows_.size() + last - first + 1);
    rows.append(rows_.mid(0, first));
    for (int r = first; r <= last; ++r) rows.push_back(readRow(r));
    rows.append(rows_.mid(first));
    rows_ = std::move(rows);
    endInsertRows();
    emit countChanged();
}

void StableRowsModel::onRowsRemoved(const QModelIndex& parent, int first, int last) {
    if (parent.isValid()) return;
    beginRemoveRows({}, first, last);
    rows_.erase(rows_.begin() + first, rows_.begin() + last + 1);
    endRemoveRows();
    emit countChanged();
}

void StableRowsModel::onDataChanged(const QModelIndex& topLeft, const QModelIndex& bottomRight, const QList<int>& roles) {
    if (topLeft.parent().isValid()) return;
    const int last = std::min(bottomRight.row(), int(rows_.size()) - 1);
    for (int r = topLeft.row(); r <= last; ++r) {
        const QModelIndex at = source_->index(r, 0);
        if (roles.isEmpty()) rows_[r] = readRow(r);
        else
            for (int role : roles) rows_[r].insert(role, source_->data(at, role));
    }
    if (topLeft.row() <= last) emit dataChanged(index(topLeft.row()), index(last), roles);
}

}  // namespace rwkv::gui
