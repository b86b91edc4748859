// SPDX-License-Identifier: MIT
#include "ui/live/kpi_board.h"

#include "ui/widgets/kpi_tile.h"

#include <QHBoxLayout>

namespace bidlab::ui {

KpiBoard::KpiBoard(QWidget* parent)
    : QWidget(parent)
{
    auto* row = new QHBoxLayout(this);
    row->setContentsMargins(0, 0, 0, 0);
    row->setSpacing(4);
    const QStringList names = KpiTracker::names();
    for (int i = 0; i < KpiTracker::kFigureCount; ++i) {
        auto* tile = new KpiTile(names[i], this);
        tile->setObjectName(QStringLiteral("kpi") + QString(names[i]).remove(QLatin1Char(' ')));
        m_tiles[std::size_t(i)] = tile;
        row->addWidget(tile);
    }
    refresh();
}

void KpiBoard::refresh()
{
    const auto figures = m_tracker.figures();
    for (std::size_t i = 0; i < figures.size(); ++i) {
        const KpiFigure& f = figures[i];
        m_tiles[i]->setValue(f.value, f.toolTip);
        m_tiles[i]->setChange(f.change, KpiTile::Mood(int(f.mood)));
    }
}

} // namespace bidlab::ui
