// SPDX-License-Identifier: MIT
#include "ui/mainwindow/panel_list.h"

#include "ui/abtests/abtests_panel.h"
#include "ui/aggregation/aggregation_panel.h"
#include "ui/anomalies/anomalies_panel.h"
#include "ui/lab/lab_panel.h"
#include "ui/mainwindow/pending_panel.h"
#include "ui/replay/replay_panel.h"
#include "ui/reports/reports_panel.h"
#include "ui/training/training_panel.h"

#include <QCoreApplication>

namespace bidlab::ui {

namespace {

Panel* pending(const char* title, const char* key, const char* what, QWidget* parent)
{
    return new PendingPanel(QCoreApplication::translate("Panels", title), QString::fromLatin1(key),
                            QCoreApplication::translate("Panels", what), parent);
}

} // namespace

QList<Panel*> createPanels(QWidget* parent)
{
    return {
        pending("Live bidding", "live", "The multi-process bidding engine and its live dashboard are not built yet.",
                parent),
        new AggregationPanel(parent),
        new TrainingPanel(parent),
        new AbTestsPanel(parent),
        new AnomaliesPanel(parent),
        new ReportsPanel(parent),
        new ReplayPanel(parent),
        new LabPanel(parent),
    };
}

} // namespace bidlab::ui
