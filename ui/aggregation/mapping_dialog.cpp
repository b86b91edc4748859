// SPDX-License-Identifier: MIT
#include "ui/aggregation/mapping_dialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>

namespace bidlab::ui {

using namespace aggregate;

MappingDialog::MappingDialog(FileLayout layout, const ColumnMapping& mapping, QWidget* parent)
    : QDialog(parent)
    , m_layout(std::move(layout))
    , m_dateFormat(new QComboBox(this))
    , m_year(new QSpinBox(this))
    , m_delimiter(new QComboBox(this))
    , m_preview(new QTableWidget(this))
    , m_message(new QLabel(this))
{
    setObjectName(QStringLiteral("mappingDialog"));
    setWindowTitle(tr("Columns of %1").arg(m_layout.path));
    auto* form = new QFormLayout;
    for (const char delimiter : { char(0), ',', ';', '\t', '|' })
        m_delimiter->addItem(delimiter ? delimiterName(delimiter) : tr("detect"), int(delimiter));
    m_delimiter->setCurrentIndex(std::max(0, m_delimiter->findData(int(m_layout.delimiter))));
    connect(m_delimiter, &QComboBox::activated, this, &MappingDialog::rereadWithDelimiter);
    form->addRow(tr("Delimiter"), m_delimiter);
    for (Role role : kAllRoles) {
        auto* box = new QComboBox(this);
        box->setObjectName(QStringLiteral("role_") + roleKey(role));
        m_roles[std::size_t(role)] = box;
        form->addRow(roleTitle(role), box);
    }
    for (DateFormat f : { DateFormat::Auto, DateFormat::Iso, DateFormat::YearMonthDay, DateFormat::DayMonthYear,
                          DateFormat::MonthDayYear, DateFormat::Compact })
        m_dateFormat->addItem(dateFormatTitle(f), int(f));
    m_dateFormat->setCurrentIndex(m_dateFormat->findData(int(mapping.dateFormat)));
    form->addRow(tr("Date format"), m_dateFormat);
    m_year->setRange(0, 9999);
    m_year->setSpecialValueText(tr("none"));
    m_year->setValue(mapping.year);
    m_year->setToolTip(tr("The year of month and day columns, for files that have none."));
    form->addRow(tr("Year"), m_year);

    m_preview->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_preview->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_message->setWordWrap(true);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* top = new QHBoxLayout;
    top->addLayout(form);
    top->addWidget(m_preview, 1);
    auto* layoutBox = new QVBoxLayout(this);
    layoutBox->addLayout(top);
    layoutBox->addWidget(m_message);
    layoutBox->addWidget(buttons);
    fillColumns(mapping);
    fillPreview();
    resize(1000, 560);
}

void MappingDialog::fillColumns(const ColumnMapping& mapping)
{
    for (Role role : kAllRoles) {
        QComboBox* box = m_roles[std::size_t(role)];
        box->clear();
        box->addItem(tr("(none)"), QString());
        for (const QString& header : std::as_const(m_layout.headers))
            box->addItem(header, header);
        box->setCurrentIndex(std::max(0, box->findData(mapping.column(role))));
    }
}

void MappingDialog::fillPreview()
{
    m_preview->clear();
    m_preview->setColumnCount(int(m_layout.headers.size()));
    m_preview->setHorizontalHeaderLabels(m_layout.headers);
    m_preview->setRowCount(int(m_layout.sample.size()));
    for (int r = 0; r < m_layout.sample.size(); ++r) {
        for (int c = 0; c < m_layout.sample[r].size() && c < m_layout.headers.size(); ++c)
            m_preview->setItem(r, c, new QTableWidgetItem(m_layout.sample[r][c]));
    }
    m_message->setText(tr("%1 columns, %2-separated%3. The first rows as read:")
                           .arg(m_layout.headers.size())
                           .arg(delimiterName(m_layout.delimiter))
                           .arg(m_layout.compressed ? tr(", gzip-compressed") : QString()));
}

void MappingDialog::rereadWithDelimiter()
{
    const ColumnMapping before = mapping();
    const Expected<FileLayout> layout = inspectFile(m_layout.path, char(m_delimiter->currentData().toInt()));
    if (!layout) {
        m_message->setText(layout.error());
        return;
    }
    m_layout = *layout;
    const ColumnMapping guessed = guessMapping(m_layout.headers);
    fillColumns(m_layout.headers.contains(before.column(Role::Campaign)) ? before : guessed);
    fillPreview();
}

ColumnMapping MappingDialog::mapping() const
{
    ColumnMapping mapping;
    for (Role role : kAllRoles)
        mapping.setColumn(role, m_roles[std::size_t(role)]->currentData().toString());
    mapping.dateFormat = DateFormat(m_dateFormat->currentData().toInt());
    mapping.year = m_year->value();
    return mapping;
}

} // namespace bidlab::ui
