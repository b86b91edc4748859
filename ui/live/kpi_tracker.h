// SPDX-License-Identifier: MIT
#pragma once

#include "core/engine/engine_snapshot.h"

#include <array>

#include <QList>
#include <QString>

// The dashboard's key figures and how fast they move, from the stream of snapshots.
namespace bidlab::ui {

// One figure as the tiles show it.
struct KpiFigure
{
    enum class Mood { Neutral, Good, Bad };
    QString name;
    QString value; // "1,234,567", "12.34", "1.23 %", "—"
    QString change; // "+12.3 k/s", "▲ 0.05 in 10 s", "" before there is anything to compare
    Mood mood = Mood::Neutral;
    QString toolTip; // what the figure is and how the change is measured
};

// Keeps the last seconds of run totals and derives the ten tiles: requests, bids, wins, clicks,
// conversions, spend and revenue with their rate per second over the last second; ROAS, CTR and eCPC with
// their change over the last ten seconds.
class KpiTracker
{
public:
    static constexpr int kFigureCount = 10;
    static constexpr double kRateSeconds = 1.0; // counts: rate over this span
    static constexpr double kTrendSeconds = 10.0; // ratios: change over this span

    void clear();
    // A snapshot of the run (ticks in order; a tick of a new run starts over).
    void add(const engine::EngineSnapshot& snapshot);
    // The totals of a finished run (no rates of change).
    void showTotals(const engine::Counters& totals);

    std::array<KpiFigure, kFigureCount> figures() const;
    static QStringList names();

private:
    struct Sample
    {
        double seconds = 0;
        engine::Counters totals;
    };
    // The newest sample at least `span` seconds older than the newest one, or nullptr.
    const Sample* sampleBefore(double span) const;

    static constexpr int kSamples = 160; // 16 s of 10 Hz ticks
    std::array<Sample, kSamples> m_samples {};
    int m_head = 0; // index of the newest
    int m_count = 0;
};

} // namespace bidlab::ui
