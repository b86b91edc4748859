// SPDX-License-Identifier: MIT
#include "ui/live/event_log_view.h"

#include "ui/live/event_log_model.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

namespace bidlab::ui {

namespace {

// Rows at or above a severity whose text contains the search string.
class EventFilter : public QSortFilterProxyModel
{
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;

    void setMinimumSeverity(int severity)
    {
        m_minimum = severity;
        invalidateRowsFilter();
    }
    void setText(const QString& text)
    {
        m_text = text;
        invalidateRowsFilter();
    }

protected:
    bool filterAcceptsRow(int row, const QModelIndex& parent) const override
    {
        const QAbstractItemModel* model = sourceModel();
        if (model->index(row, 0, parent).data(EventLogModel::SeverityRole).toInt() < m_minimum)
            return false;
        if (m_text.isEmpty())
            return true;
        for (const int column : { EventLogModel::Kind, EventLogModel::Message, EventLogModel::Worker }) {
            if (model->index(row, column, parent).data().toString().contains(m_text, Qt::CaseInsensitive))
                return true;
        }
        return false;
    }

private:
    int m_minimum = 0;
    QString m_text;
};

} // namespace

EventLogView::EventLogView(EventLogModel* model, QWidget* parent)
    : QWidget(parent)
    , m_model(model)
    , m_proxy(new EventFilter(this))
    , m_table(new QTableView(this))
    , m_severity(new QComboBox(this))
    , m_search(new QLineEdit(this))
{
    m_proxy->setSourceModel(model);
    m_table->setObjectName(QStringLiteral("eventTable"));
    m_table->setModel(m_proxy);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_table->setColumnWidth(EventLogModel::Time, 100);
    m_table->setColumnWidth(EventLogModel::RunTime, 70);
    m_table->setColumnWidth(EventLogModel::Severity, 90);
    m_table->setColumnWidth(EventLogModel::Kind, 130);
    m_table->setColumnWidth(EventLogModel::Worker, 55);

    m_severity->setObjectName(QStringLiteral("eventSeverity"));
    m_severity->addItem(tr("All events"), int(engine::EventSeverity::Info));
    m_severity->addItem(tr("Warnings and errors"), int(engine::EventSeverity::Warning));
    m_severity->addItem(tr("Errors"), int(engine::EventSeverity::Error));
    m_search->setPlaceholderText(tr("Filter text…"));
    m_search->setClearButtonEnabled(true);
    auto* clear = new QPushButton(tr("Clear"), this);
    clear->setToolTip(tr("Empty the log (the counts start again)."));

    auto* bar = new QHBoxLayout;
    bar->addWidget(new QLabel(tr("Show:"), this));
    bar->addWidget(m_severity);
    bar->addWidget(m_search, 1);
    bar->addWidget(clear);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 4, 0, 0);
    layout->addLayout(bar);
    layout->addWidget(m_table, 1);

    auto* filter = static_cast<EventFilter*>(m_proxy);
    connect(m_severity, &QComboBox::currentIndexChanged, this,
            [this, filter] { filter->setMinimumSeverity(m_severity->currentData().toInt()); });
    connect(m_search, &QLineEdit::textChanged, this, [filter](const QString& text) { filter->setText(text); });
    connect(clear, &QPushButton::clicked, model, &EventLogModel::clear);
    // Follow the newest event while the view is at the end (a person scrolling up stays where they are).
    connect(m_proxy, &QAbstractItemModel::rowsAboutToBeInserted, this, [this] {
        QScrollBar* bar = m_table->verticalScrollBar();
        m_followEnd = bar->value() >= bar->maximum() - 2;
    });
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this, [this] {
        if (m_followEnd)
            m_table->scrollToBottom();
    });
}

void EventLogView::setMinimumSeverity(int severity)
{
    const int index = m_severity->findData(severity);
    if (index >= 0)
        m_severity->setCurrentIndex(index);
}

} // namespace bidlab::ui
