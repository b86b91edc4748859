// SPDX-License-Identifier: MIT
#include "ui/mainwindow/panel_list.h"

#include "ui/live/live_panel.h"
#include "ui/mainwindow/pending_panel.h"

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
        new LivePanel(parent),
        pending("Aggregation", "aggregation", "Parallel campaign aggregation is not built yet.", parent),
        pending("Training", "training", "CTR model training is not built yet.", parent),
        pending("A/B tests", "abtests", "A/B-test analysis is not built yet.", parent),
        pending("Anomalies", "anomalies", "Anomaly detection is not built yet.", parent),
        pending("Reports", "reports", "The report browser is not built yet.", parent),
    };
}

} // namespace bidlab::ui
