// SPDX-License-Identifier: MIT
#pragma once

#include <algorithm>

#include <QAbstractTableModel>
#include <QList>

namespace bidlab::ui {

// A table model over rows that carry a stable key (a worker's slot, a campaign's id) and are replaced
// wholesale every tick. replaceRows() tells views exactly what happened: rows whose key went away are
// removed, new keys are inserted where they sort, and the rest change in place with one dataChanged(), so
// selections and scroll positions survive ten updates a second.
template<class Row> class KeyedRowsModel : public QAbstractTableModel
{
public:
    using QAbstractTableModel::QAbstractTableModel;

    int rowCount(const QModelIndex& parent = QModelIndex()) const override
    {
        return parent.isValid() ? 0 : int(m_rows.size());
    }
    const QList<Row>& rows() const { return m_rows; }
    const Row& rowAt(int row) const { return m_rows[row]; }
    // The row showing the key, or -1.
    int rowOfKey(qint64 key) const
    {
        for (int i = 0; i < int(m_rows.size()); ++i) {
            if (keyOf(m_rows[i]) == key)
                return i;
        }
        return -1;
    }

protected:
    // A row's stable key (a worker's slot, a campaign's id, a run's id).
    virtual qint64 keyOf(const Row& row) const = 0;

    // The rows from now on; `incoming` need not be sorted.
    void replaceRows(QList<Row> incoming)
    {
        const auto byKey = [this](const Row& a, const Row& b) { return keyOf(a) < keyOf(b); };
        std::stable_sort(incoming.begin(), incoming.end(), byKey);
        // Rows whose key is gone, from the back so that indices stay valid.
        for (int i = int(m_rows.size()) - 1; i >= 0; --i) {
            if (!std::binary_search(incoming.cbegin(), incoming.cend(), m_rows[i], byKey)) {
                beginRemoveRows(QModelIndex(), i, i);
                m_rows.removeAt(i);
                endRemoveRows();
            }
        }
        // New keys where they sort; the old rows are now a sorted subset of the incoming ones.
        for (int i = 0; i < int(incoming.size()); ++i) {
            if (i >= int(m_rows.size()) || keyOf(m_rows[i]) != keyOf(incoming[i])) {
                beginInsertRows(QModelIndex(), i, i);
                m_rows.insert(i, incoming[i]);
                endInsertRows();
            }
        }
        m_rows = std::move(incoming);
        if (!m_rows.isEmpty())
            Q_EMIT dataChanged(index(0, 0), index(int(m_rows.size()) - 1, columnCount() - 1));
    }

    void clearRows()
    {
        if (m_rows.isEmpty())
            return;
        beginResetModel();
        m_rows.clear();
        endResetModel();
    }

    QList<Row> m_rows;
};

} // namespace bidlab::ui
