// SPDX-License-Identifier: MIT
#include "ui/live/live_chart_grid.h"

#include "core/common/money.h"
#include "ui/widgets/live_chart.h"

#include <QGridLayout>
#include <QLineSeries>

namespace bidlab::ui {

namespace {

// Line colours that read on light and dark backgrounds (Tableau 10).
const QColor kBlue(0x4e, 0x79, 0xa7);
const QColor kOrange(0xf2, 0x8e, 0x2b);
const QColor kGreen(0x59, 0xa1, 0x4f);
const QColor kRed(0xe1, 0x57, 0x59);
const QColor kPurple(0xb0, 0x7a, 0xa1);

// Line indices, in the order the lines are added below.
enum QpsLines { Achieved, Target }; // the dashed target on top of the achieved line
enum RateLines { BidRate, WinRate };
enum LatencyLines { P50, P99, P999 };
enum MoneyLines { Spend, Revenue, Roas };

double ms(qint64 nanoseconds)
{
    return double(nanoseconds) / 1e6;
}

} // namespace

LiveChartGrid::LiveChartGrid(QWidget* parent)
    : QWidget(parent)
{
    const QString time = tr("time (s)");
    auto* qps = new LiveChart(tr("Target vs achieved QPS"), time, { tr("k req/s") }, this);
    qps->addLine(tr("achieved"), kBlue);
    qps->addLine(tr("target"), kOrange, false, Qt::DashLine);

    auto* rates = new LiveChart(tr("Bid rate and win rate"), time, { tr("%"), LiveChart::Scale::Linear, 0, 100 }, this);
    rates->addLine(tr("bid rate"), kBlue);
    rates->addLine(tr("win rate"), kGreen);

    auto* latency = new LiveChart(tr("End-to-end latency"), time, { tr("ms"), LiveChart::Scale::Logarithmic }, this);
    latency->addLine(tr("p50"), kBlue);
    latency->addLine(tr("p99"), kOrange);
    latency->addLine(tr("p99.9"), kRed);

    auto* money = new LiveChart(tr("Spend, revenue (cumulative) and ROAS"), time, { tr("units") }, this);
    money->setSecondaryAxis({ tr("ROAS") });
    money->addLine(tr("spend"), kRed);
    money->addLine(tr("revenue"), kGreen);
    money->addLine(tr("ROAS"), kPurple, true, Qt::DotLine);

    m_charts = { qps, rates, latency, money };
    const char* const names[] = { "qpsChart", "ratesChart", "latencyChart", "moneyChart" };
    auto* grid = new QGridLayout(this);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->setSpacing(4);
    for (int i = 0; i < ChartCount; ++i) {
        m_charts[std::size_t(i)]->setObjectName(QLatin1String(names[i]));
        m_charts[std::size_t(i)]->setCapacity(kMaxWindowSeconds * kSnapshotsPerSecond + 2 * kSnapshotsPerSecond);
        grid->addWidget(m_charts[std::size_t(i)], i / 2, i % 2);
    }
}

void LiveChartGrid::add(const engine::EngineSnapshot& s)
{
    const double t = s.elapsedSeconds;
    LiveChart* qps = chart(Qps);
    if (s.targetQps > 0)
        qps->append(Target, t, double(s.targetQps) / 1000);
    if (s.rates.qps)
        qps->append(Achieved, t, *s.rates.qps / 1000);
    LiveChart* rates = chart(Rates);
    if (s.rates.bidRate)
        rates->append(BidRate, t, *s.rates.bidRate * 100);
    if (s.rates.winRate)
        rates->append(WinRate, t, *s.rates.winRate * 100);
    if (s.latency.count > 0) {
        LiveChart* latency = chart(Latency);
        latency->append(P50, t, ms(s.latency.p50));
        latency->append(P99, t, ms(s.latency.p99));
        latency->append(P999, t, ms(s.latency.p999));
    }
    LiveChart* money = chart(Money);
    money->append(Spend, t, toUnits(s.totals.spend));
    money->append(Revenue, t, toUnits(s.totals.revenue));
    if (s.totalRates.roas)
        money->append(Roas, t, *s.totalRates.roas);
}

void LiveChartGrid::refresh()
{
    for (LiveChart* chart : m_charts)
        chart->refresh();
}

void LiveChartGrid::clear()
{
    for (LiveChart* chart : m_charts)
        chart->clear();
}

void LiveChartGrid::addMarker(double seconds, const QString& label, const QColor& color)
{
    for (LiveChart* chart : m_charts)
        chart->addMarker(seconds, label, color);
}

void LiveChartGrid::setWindow(double seconds)
{
    for (LiveChart* chart : m_charts)
        chart->setWindow(seconds);
    refresh();
}

} // namespace bidlab::ui
