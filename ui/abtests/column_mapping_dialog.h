// SPDX-License-Identifier: MIT
#pragma once

#include "core/stats/column_mapping.h"

#include <QDialog>
#include <QMap>

class QComboBox;

namespace bidlab::ui {

// Choosing by hand which column of a table plays which role: for each role "found by header" (showing what
// the header matching picks), "not used", or one of the table's columns.
class ColumnMappingDialog : public QDialog
{
    Q_OBJECT
public:
    ColumnMappingDialog(const QStringList& header, const QMap<stats::Role, QString>& chosen, const QString& fileName,
                        QWidget* parent = nullptr);

    // The roles set by hand: a column's header, or an empty text for "not used". Roles left to the header
    // matching are absent.
    QMap<stats::Role, QString> choice() const;
    QComboBox* box(stats::Role role) const; // for tests

private:
    QMap<stats::Role, QComboBox*> m_boxes;
};

} // namespace bidlab::ui
