// SPDX-License-Identifier: MIT
#include "ui/reports/kpi_tiles.h"

#include <QFrame>
#include <QGridLayout>
#include <QLabel>
#include <QVBoxLayout>

namespace bidlab::ui {

KpiTiles::KpiTiles(QWidget* parent, int columns)
    : QWidget(parent)
    , m_grid(new QGridLayout(this))
    , m_columns(columns)
{
    m_grid->setContentsMargins(0, 0, 0, 0);
    m_grid->setSpacing(6);
}

void KpiTiles::setKpis(const QList<report::Kpi>& kpis)
{
    while (QLayoutItem* item = m_grid->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    m_texts.clear();
    for (qsizetype i = 0; i < kpis.size(); ++i) {
        const report::Kpi& kpi = kpis[i];
        auto* tile = new QFrame(this);
        tile->setFrameShape(QFrame::StyledPanel);
        tile->setObjectName(QStringLiteral("kpiTile"));
        auto* layout = new QVBoxLayout(tile);
        layout->setContentsMargins(8, 4, 8, 4);
        layout->setSpacing(0);
        auto* name = new QLabel(kpi.name, tile);
        name->setStyleSheet(QStringLiteral("color: palette(mid);"));
        const QString valueText = report::formatCell(kpi.value, kpi.format);
        auto* value = new QLabel(valueText, tile);
        QFont big = value->font();
        big.setPointSizeF(big.pointSizeF() * 1.4);
        big.setBold(true);
        value->setFont(big);
        value->setTextInteractionFlags(Qt::TextSelectableByMouse);
        layout->addWidget(name);
        layout->addWidget(value);
        if (!kpi.note.isEmpty())
            layout->addWidget(new QLabel(kpi.note, tile));
        m_grid->addWidget(tile, int(i) / m_columns, int(i) % m_columns);
        m_texts << kpi.name + QStringLiteral(": ") + valueText;
    }
}

QStringList KpiTiles::texts() const
{
    return m_texts;
}

} // namespace bidlab::ui
