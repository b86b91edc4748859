// SPDX-License-Identifier: MIT
#include "ui/reports/reports_panel.h"

#include "ui/mainwindow/main_window.h"
#include "ui/reports/report_view.h"

#include <QComboBox>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QVBoxLayout>

namespace bidlab::ui {

ReportsPanel::ReportsPanel(QWidget* parent)
    : Panel(parent)
    , m_controls(new QWidget)
    , m_sources(new QComboBox(m_controls))
    , m_hint(new QLabel(m_controls))
    , m_view(new ReportView(this))
{
    setObjectName(key());
    m_controls->setObjectName(QStringLiteral("reportsControls"));
    auto* controls = new QVBoxLayout(m_controls);
    controls->addWidget(new QLabel(tr("Report of:"), m_controls));
    m_sources->setObjectName(QStringLiteral("reportSource"));
    controls->addWidget(m_sources);
    auto* refreshButton = new QPushButton(tr("Refresh"), m_controls);
    controls->addWidget(refreshButton);
    m_hint->setWordWrap(true);
    controls->addWidget(m_hint);
    controls->addStretch(1);
    connect(refreshButton, &QPushButton::clicked, this, &ReportsPanel::refresh);
    connect(m_sources, &QComboBox::activated, this, [this] {
        m_wantedKey = m_sources->currentData().toString();
        showChosen();
        Q_EMIT reportChanged();
    });

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_view);
    connect(m_view, &ReportView::exported, this,
            [this](const QString& path) { Q_EMIT statusMessage(tr("Exported '%1'.").arg(path), 5000); });
}

void ReportsPanel::setSourceProvider(std::function<QList<Panel*>()> provider)
{
    m_provider = std::move(provider);
    refresh();
}

QList<Panel*> ReportsPanel::sourcePanels() const
{
    QList<Panel*> panels;
    if (m_provider)
        panels = m_provider();
    else if (const auto* window = qobject_cast<const MainWindow*>(this->window()))
        panels = window->panels();
    panels.removeAll(const_cast<ReportsPanel*>(this));
    return panels;
}

void ReportsPanel::refresh()
{
    const QString chosen = m_sources->count() > 0 ? m_sources->currentData().toString() : m_wantedKey;
    m_sources->clear();
    for (Panel* panel : sourcePanels()) {
        // Follow every tab, so that a report appearing later shows up here.
        connect(panel, &Panel::reportChanged, this, &ReportsPanel::refresh, Qt::UniqueConnection);
        if (panel->currentReport())
            m_sources->addItem(panel->title(), panel->key());
    }
    const int index = m_sources->findData(m_wantedKey.isEmpty() ? chosen : m_wantedKey);
    m_sources->setCurrentIndex(index >= 0 ? index : 0);
    m_hint->setText(m_sources->count() == 0
                        ? tr("No tab has a report yet. Run an aggregation (or another analysis) and its report "
                             "appears here.")
                        : tr("%n tab(s) with a report.", nullptr, m_sources->count()));
    showChosen();
    Q_EMIT reportChanged();
}

void ReportsPanel::showChosen()
{
    const QString key = m_sources->currentData().toString();
    for (Panel* panel : sourcePanels()) {
        if (panel->key() == key) {
            m_view->setReport(panel->currentReport());
            return;
        }
    }
    m_view->setReport(std::nullopt);
}

std::optional<report::Report> ReportsPanel::currentReport() const
{
    return m_view->report();
}

void ReportsPanel::showEvent(QShowEvent* event)
{
    Panel::showEvent(event);
    refresh();
}

void ReportsPanel::saveSettings(QSettings& settings) const
{
    settings.setValue(QStringLiteral("source"), m_sources->currentData().toString());
}

void ReportsPanel::restoreSettings(QSettings& settings)
{
    m_wantedKey = settings.value(QStringLiteral("source")).toString();
}

} // namespace bidlab::ui
