// SPDX-License-Identifier: MIT
#include "ui/reports/report_view.h"

#include "ui/charts/chart_builder.h"
#include "ui/report/report_export.h"
#include "ui/report/report_table_model.h"
#include "ui/reports/kpi_tiles.h"

#include <QChart>
#include <QChartView>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace bidlab::ui {

namespace {

// A sortable table with a filter box above it.
QWidget* tableTab(const report::Table& table, QWidget* parent)
{
    auto* page = new QWidget(parent);
    auto* layout = new QVBoxLayout(page);
    auto* filter = new QLineEdit(page);
    filter->setPlaceholderText(QObject::tr("Filter rows…"));
    filter->setClearButtonEnabled(true);
    auto* model = new ReportTableModel(page);
    model->setTable(table);
    auto* proxy = new QSortFilterProxyModel(page);
    proxy->setSourceModel(model);
    proxy->setSortRole(Qt::UserRole); // the raw values: numbers sort as numbers
    proxy->setFilterKeyColumn(-1);
    proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    QObject::connect(filter, &QLineEdit::textChanged, proxy, &QSortFilterProxyModel::setFilterFixedString);
    auto* view = new QTableView(page);
    view->setModel(proxy);
    view->setSortingEnabled(true);
    view->sortByColumn(-1, Qt::AscendingOrder); // the report's own order until a header is clicked
    view->setAlternatingRowColors(true);
    view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 6);
    view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    layout->addWidget(filter);
    layout->addWidget(view);
    return page;
}

} // namespace

ReportView::ReportView(QWidget* parent)
    : QWidget(parent)
    , m_title(new QLabel(this))
    , m_parameters(new QLabel(this))
    , m_kpis(new KpiTiles(this))
    , m_tabs(new QTabWidget(this))
    , m_notes(new QLabel(this))
{
    auto* layout = new QVBoxLayout(this);
    auto* header = new QHBoxLayout;
    header->addWidget(m_title, 1);
    for (const QString& suffix : { QStringLiteral("csv"), QStringLiteral("xlsx"), QStringLiteral("pdf") }) {
        auto* button = new QPushButton(tr("Export %1…").arg(suffix.toUpper()), this);
        button->setObjectName(QStringLiteral("export_") + suffix);
        connect(button, &QPushButton::clicked, this, [this, suffix] { exportAs(suffix); });
        header->addWidget(button);
        m_exportButtons << button;
    }
    layout->addLayout(header);
    m_parameters->setWordWrap(true);
    m_parameters->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_parameters);
    layout->addWidget(m_kpis);
    layout->addWidget(m_tabs, 1);
    m_notes->setWordWrap(true);
    layout->addWidget(m_notes);
    setReport(std::nullopt);
}

void ReportView::setReport(std::optional<report::Report> report)
{
    m_report = std::move(report);
    while (m_tabs->count() > 0) {
        QWidget* page = m_tabs->widget(0);
        m_tabs->removeTab(0);
        delete page;
    }
    for (QPushButton* button : std::as_const(m_exportButtons))
        button->setEnabled(m_report.has_value());
    if (!m_report) {
        m_title->setText(tr("<i>No report to show.</i>"));
        m_parameters->clear();
        m_kpis->setKpis({});
        m_notes->clear();
        return;
    }
    const report::Report& r = *m_report;
    m_title->setText(QStringLiteral("<b>%1</b> — %2").arg(r.title.toHtmlEscaped(), r.subtitle.toHtmlEscaped()));
    QStringList params;
    for (const auto& [name, value] : r.parameters)
        params << QStringLiteral("<b>%1</b>: %2").arg(name.toHtmlEscaped(), value.toHtmlEscaped());
    m_parameters->setText(params.join(QStringLiteral(" · ")));
    m_kpis->setKpis(r.kpis);
    for (const report::Table& table : r.tables)
        m_tabs->addTab(tableTab(table, m_tabs), QStringLiteral("%1 (%2)").arg(table.title).arg(table.rows.size()));
    for (const report::Chart& chart : r.charts) {
        auto* view = new QChartView(buildChart(chart), m_tabs);
        view->setRenderHint(QPainter::Antialiasing);
        m_tabs->addTab(view, chart.title);
    }
    m_notes->setText(r.notes.join(QLatin1Char(' ')));
}

bool ReportView::exportTo(const QString& path)
{
    if (!m_report)
        return false;
    const Status status = exportReport(*m_report, path);
    if (!status) {
        QMessageBox::warning(this, tr("Export failed"), status.error());
        return false;
    }
    Q_EMIT exported(path);
    return true;
}

void ReportView::exportAs(const QString& suffix)
{
    if (!m_report)
        return;
    QSettings settings;
    const QString dir = settings.value(QStringLiteral("export/lastDir")).toString();
    QString name = m_report->title;
    name.replace(QLatin1Char(' '), QLatin1Char('_'));
    const QString path = QFileDialog::getSaveFileName(this, tr("Export report"),
                                                      QFileInfo(dir, name + QLatin1Char('.') + suffix).filePath(),
                                                      tr("%1 files (*.%2)").arg(suffix.toUpper(), suffix));
    if (path.isEmpty())
        return;
    settings.setValue(QStringLiteral("export/lastDir"), QFileInfo(path).absolutePath());
    exportTo(path);
}

} // namespace bidlab::ui
