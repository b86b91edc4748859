// SPDX-License-Identifier: MIT
#pragma once

#include "ui/live/kpi_tracker.h"

#include <array>

#include <QWidget>

namespace bidlab::ui {

class KpiTile;

// The row of ten KPI tiles over the live charts, showing what a KpiTracker derives from the snapshots.
class KpiBoard : public QWidget
{
    Q_OBJECT
public:
    explicit KpiBoard(QWidget* parent = nullptr);

    KpiTracker& tracker() { return m_tracker; }
    // Shows the tracker's current figures.
    void refresh();
    KpiTile* tile(int index) const { return m_tiles[std::size_t(index)]; }

private:
    KpiTracker m_tracker;
    std::array<KpiTile*, KpiTracker::kFigureCount> m_tiles {};
};

} // namespace bidlab::ui
