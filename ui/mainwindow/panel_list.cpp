// SPDX-License-Identifier: MIT
#include "ui/mainwindow/panel_list.h"

#include "ui/abtests/abtests_panel.h"
#include "ui/aggregation/aggregation_panel.h"
#include "ui/anomalies/anomalies_panel.h"
#include "ui/anomalies/live_alerts_view.h"
#include "ui/lab/lab_panel.h"
#include "ui/live/live_panel.h"
#include "ui/replay/replay_panel.h"
#include "ui/reports/reports_panel.h"
#include "ui/training/training_panel.h"

namespace bidlab::ui {

QList<Panel*> createPanels(QWidget* parent)
{
    auto* live = new LivePanel(parent);
    auto* anomalies = new AnomaliesPanel(parent);
    // One alert monitor per engine: the Anomalies tab's Live page shows the Live bidding tab's.
    anomalies->liveView()->setMonitor(live->monitor());
    return {
        live,      new AggregationPanel(parent), new TrainingPanel(parent), new AbTestsPanel(parent),
        anomalies, new ReportsPanel(parent),     new ReplayPanel(parent),   new LabPanel(parent),
    };
}

} // namespace bidlab::ui
