// SPDX-License-Identifier: MIT
#pragma once

#include "core/engine/engine_snapshot.h"

#include <array>

#include <QColor>
#include <QWidget>

namespace bidlab::ui {

class LiveChart;

// The four live charts of a run, two by two: (1) target vs achieved QPS, (2) bid rate and win rate,
// (3) latency p50 / p99 / p99.9 on a log axis, (4) spend and revenue with ROAS on a second axis. Every
// snapshot adds its points to the charts' rings; refresh() draws them (the dashboard calls it once per frame).
class LiveChartGrid : public QWidget
{
    Q_OBJECT
public:
    enum Chart { Qps, Rates, Latency, Money, ChartCount };
    static constexpr int kSnapshotsPerSecond = 10;
    static constexpr int kMaxWindowSeconds = 600;

    explicit LiveChartGrid(QWidget* parent = nullptr);

    void add(const engine::EngineSnapshot& snapshot);
    void refresh();
    void clear();
    void setWindow(double seconds);
    // A vertical marker at `seconds` of the run on all four charts (an alert, an A/B arm change, ...); shown
    // from the next refresh(), gone with clear().
    void addMarker(double seconds, const QString& label, const QColor& color);

    LiveChart* chart(Chart which) const { return m_charts[std::size_t(which)]; }

private:
    std::array<LiveChart*, ChartCount> m_charts {};
};

} // namespace bidlab::ui
