// SPDX-License-Identifier: MIT
#pragma once

#include "core/report/report.h"

#include <QWidget>

class QGridLayout;

namespace bidlab::ui {

// A report's KPIs as a grid of tiles: the name small, the value large, the note below.
class KpiTiles : public QWidget
{
    Q_OBJECT
public:
    explicit KpiTiles(QWidget* parent = nullptr, int columns = 6);

    void setKpis(const QList<report::Kpi>& kpis);
    // "Name: value" of every tile, for tests.
    QStringList texts() const;

private:
    QGridLayout* m_grid;
    int m_columns;
    QStringList m_texts;
};

} // namespace bidlab::ui
