// SPDX-License-Identifier: MIT
#include "ui/live/kpi_tracker.h"

#include "core/common/money.h"
#include "ui/widgets/number_text.h"

#include <cmath>

#include <QCoreApplication>

namespace bidlab::ui {

namespace {

using engine::Counters;
using Mood = KpiFigure::Mood;

QString tr(const char* text)
{
    return QCoreApplication::translate("KpiTracker", text);
}

// "+12.3 k/s" for a count or an amount per second.
QString perSecond(double rate)
{
    return (rate >= 0 ? QStringLiteral("+") : QString()) + compactNumber(rate) + QStringLiteral("/s");
}

// "▲ 0.05 in 10 s" / "▼ …" / "= in 10 s"; the mood says whether up is good.
void trend(KpiFigure& figure, std::optional<double> now, std::optional<double> before, const QString& delta,
           bool upIsGood)
{
    if (!now || !before)
        return;
    const double change = *now - *before;
    if (change == 0) {
        figure.change = tr("= in 10 s");
        return;
    }
    figure.change = (change > 0 ? QStringLiteral("▲ ") : QStringLiteral("▼ ")) + delta + tr(" in 10 s");
    figure.mood = (change > 0) == upIsGood ? Mood::Good : Mood::Bad;
}

engine::Rates ratesOf(const Counters& totals)
{
    return engine::Rates::of(totals, 0.0);
}

} // namespace

QStringList KpiTracker::names()
{
    return { tr("Requests"), tr("Bids"),    tr("Wins"), tr("Clicks"), tr("Conversions"),
             tr("Spend"),    tr("Revenue"), tr("ROAS"), tr("CTR"),    tr("eCPC") };
}

void KpiTracker::clear()
{
    m_count = 0;
    m_head = 0;
}

void KpiTracker::add(const engine::EngineSnapshot& snapshot)
{
    if (m_count > 0 && snapshot.elapsedSeconds < m_samples[std::size_t(m_head)].seconds)
        clear(); // a new run
    m_head = m_count == 0 ? 0 : (m_head + 1) % kSamples;
    m_samples[std::size_t(m_head)] = Sample { snapshot.elapsedSeconds, snapshot.totals };
    m_count = std::min(m_count + 1, kSamples);
}

void KpiTracker::showTotals(const engine::Counters& totals)
{
    clear();
    m_samples[0] = Sample { 0.0, totals };
    m_count = 1;
}

const KpiTracker::Sample* KpiTracker::sampleBefore(double span) const
{
    if (m_count == 0)
        return nullptr;
    const double newest = m_samples[std::size_t(m_head)].seconds;
    for (int back = 1; back < m_count; ++back) {
        const Sample& s = m_samples[std::size_t((m_head - back + kSamples) % kSamples)];
        if (newest - s.seconds >= span - 1e-6)
            return &s;
    }
    return nullptr;
}

std::array<KpiFigure, KpiTracker::kFigureCount> KpiTracker::figures() const
{
    std::array<KpiFigure, kFigureCount> f;
    const QStringList captions = names();
    for (int i = 0; i < kFigureCount; ++i)
        f[std::size_t(i)].name = captions[i];
    if (m_count == 0) {
        for (KpiFigure& figure : f)
            figure.value = emptyValueText();
        return f;
    }
    const Sample& now = m_samples[std::size_t(m_head)];
    const Counters& t = now.totals;
    const Sample* second = sampleBefore(kRateSeconds);
    const Sample* tenSeconds = sampleBefore(kTrendSeconds);

    // Counts and amounts, with their rate over the last second.
    using Field = qint64 (*)(const Counters&);
    const struct
    {
        Field get;
        bool money;
        const char* what;
    } counts[] = {
        { [](const Counters& c) { return c.generated; }, false,
          QT_TRANSLATE_NOOP("KpiTracker", "Bid requests generated since the start.") },
        { [](const Counters& c) { return c.bids; }, false,
          QT_TRANSLATE_NOOP("KpiTracker", "Requests answered in time with a bid.") },
        { [](const Counters& c) { return c.wins; }, false,
          QT_TRANSLATE_NOOP("KpiTracker", "Auctions won (each an impression).") },
        { [](const Counters& c) { return c.clicks; }, false,
          QT_TRANSLATE_NOOP("KpiTracker", "Valid clicks, after bot and duplicate filtering.") },
        { [](const Counters& c) { return c.conversions; }, false,
          QT_TRANSLATE_NOOP("KpiTracker", "Conversions attributed to a click.") },
        { [](const Counters& c) { return qint64(c.spend); }, true,
          QT_TRANSLATE_NOOP("KpiTracker", "What the won impressions cost, in currency units.") },
        { [](const Counters& c) { return qint64(c.revenue); }, true,
          QT_TRANSLATE_NOOP("KpiTracker", "Value of the attributed conversions, in currency units.") },
    };
    for (std::size_t i = 0; i < std::size(counts); ++i) {
        KpiFigure& figure = f[i];
        const qint64 value = counts[i].get(t);
        // Tiles have room for about nine characters: three significant digits from a million on (money: whole
        // units from a thousand on); the tooltip has the exact figure.
        const QString exact = counts[i].money ? formatMoney(value) : groupedCount(value);
        figure.value = counts[i].money ? moneyText(value) : value < 1'000'000 ? exact : compactNumber(double(value));
        figure.toolTip
            = exact + QStringLiteral("\n") + tr(counts[i].what) + tr(" Below: the rate over the last second.");
        if (second) {
            const double span = now.seconds - second->seconds;
            const double delta = double(value - counts[i].get(second->totals));
            figure.change = perSecond(counts[i].money ? toUnits(Micros(delta)) / span : delta / span);
        }
    }

    // Ratios, with their change over ten seconds.
    const engine::Rates rates = ratesOf(t);
    const engine::Rates before = tenSeconds ? ratesOf(tenSeconds->totals) : engine::Rates {}; // empty: no change
    KpiFigure& roas = f[7];
    roas.value = decimalText(rates.roas);
    roas.toolTip = tr("Return on ad spend: revenue / spend since the start. Below: its change over 10 s.");
    if (rates.roas && before.roas)
        trend(roas, rates.roas, before.roas, QString::number(std::fabs(*rates.roas - *before.roas), 'f', 2), true);
    KpiFigure& ctr = f[8];
    ctr.value = percentText(rates.ctr);
    ctr.toolTip = tr("Click-through rate: clicks / impressions since the start. Below: its change over 10 s.");
    if (rates.ctr && before.ctr)
        trend(ctr, rates.ctr, before.ctr,
              QString::number(std::fabs(*rates.ctr - *before.ctr) * 100, 'f', 3) + tr(" pp"), true);
    KpiFigure& ecpc = f[9];
    ecpc.value = decimalText(rates.ecpc, 3);
    ecpc.toolTip = tr("Effective cost per click: spend / clicks since the start. Below: its change over 10 s.");
    if (rates.ecpc && before.ecpc)
        trend(ecpc, rates.ecpc, before.ecpc, QString::number(std::fabs(*rates.ecpc - *before.ecpc), 'f', 3), false);
    return f;
}

} // namespace bidlab::ui
