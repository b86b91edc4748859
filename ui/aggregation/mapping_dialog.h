// SPDX-License-Identifier: MIT
#pragma once

#include "core/aggregate/column_mapping.h"
#include "core/aggregate/file_layout.h"

#include <QDialog>

class QComboBox;
class QLabel;
class QSpinBox;
class QTableWidget;

namespace bidlab::ui {

// Which column plays which role, edited by a person: a combo box of the file's headers per role, the date
// format, the year for month/day columns, the delimiter, and a preview of the first rows as read.
class MappingDialog : public QDialog
{
    Q_OBJECT
public:
    MappingDialog(aggregate::FileLayout layout, const aggregate::ColumnMapping& mapping, QWidget* parent = nullptr);

    aggregate::ColumnMapping mapping() const;
    char delimiter() const { return m_layout.delimiter; }
    const aggregate::FileLayout& layout() const { return m_layout; }

    QComboBox* roleBox(aggregate::Role role) const { return m_roles[std::size_t(role)]; }
    QSpinBox* yearBox() const { return m_year; }

private:
    void rereadWithDelimiter();
    void fillColumns(const aggregate::ColumnMapping& mapping);
    void fillPreview();

    aggregate::FileLayout m_layout;
    std::array<QComboBox*, aggregate::kRoleCount> m_roles {};
    QComboBox* m_dateFormat;
    QSpinBox* m_year;
    QComboBox* m_delimiter;
    QTableWidget* m_preview;
    QLabel* m_message;
};

} // namespace bidlab::ui
