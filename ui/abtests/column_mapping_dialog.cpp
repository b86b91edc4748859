// SPDX-License-Identifier: MIT
#include "ui/abtests/column_mapping_dialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace bidlab::ui {

namespace {

// Item data: no value for "found by header", an empty string for "not used", else the header.
constexpr int kAutomatic = 0;
constexpr int kNotUsed = 1;

} // namespace

ColumnMappingDialog::ColumnMappingDialog(const QStringList& header, const QMap<stats::Role, QString>& chosen,
                                         const QString& fileName, QWidget* parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Columns of %1").arg(fileName));
    // What the header matching finds on its own, to show beside "found by header".
    const stats::ColumnMap detected = stats::findColumns(header);
    auto* form = new QFormLayout;
    for (const QString& key : stats::roleKeys()) {
        const stats::Role role = *stats::roleFromKey(key);
        auto* box = new QComboBox(this);
        box->setObjectName(key);
        const int found = detected[role];
        box->addItem(found >= 0 ? tr("found by header: '%1'").arg(header[found]) : tr("found by header: none"));
        box->addItem(tr("not used"), QString());
        for (const QString& column : header)
            box->addItem(column, column);
        if (chosen.contains(role)) {
            const QString wanted = chosen.value(role);
            const int index = wanted.isEmpty() ? kNotUsed : box->findData(wanted, Qt::UserRole, Qt::MatchFixedString);
            box->setCurrentIndex(index >= 0 ? index : kAutomatic);
        }
        form->addRow(stats::roleLabel(role), box);
        m_boxes.insert(role, box);
    }
    auto* buttons
        = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel | QDialogButtonBox::Reset, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(buttons->button(QDialogButtonBox::Reset), &QPushButton::clicked, this, [this] {
        for (QComboBox* box : std::as_const(m_boxes))
            box->setCurrentIndex(kAutomatic);
    });
    auto* layout = new QVBoxLayout(this);
    auto* hint = new QLabel(tr("Rows are users when a user column is used, days when a date column is, and counts "
                               "per arm otherwise."),
                            this);
    hint->setWordWrap(true);
    layout->addWidget(hint);
    layout->addLayout(form);
    layout->addWidget(buttons);
}

QMap<stats::Role, QString> ColumnMappingDialog::choice() const
{
    QMap<stats::Role, QString> choice;
    for (auto it = m_boxes.cbegin(); it != m_boxes.cend(); ++it) {
        if (it.value()->currentIndex() != kAutomatic)
            choice.insert(it.key(), it.value()->currentData().toString());
    }
    return choice;
}

QComboBox* ColumnMappingDialog::box(stats::Role role) const
{
    return m_boxes.value(role);
}

} // namespace bidlab::ui
