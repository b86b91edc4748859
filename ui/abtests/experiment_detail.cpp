// SPDX-License-Identifier: MIT
#include "ui/abtests/experiment_detail.h"

#include "core/stats/ab_report.h"
#include "ui/abtests/ab_results_model.h"

#include <cmath>

namespace bidlab::ui {

namespace {

QString escaped(const QString& text)
{
    return text.toHtmlEscaped();
}

// p-values such as "< 1e-300" would open an HTML tag.
QString pHtml(std::optional<double> p)
{
    return stats::formatPValue(p).toHtmlEscaped();
}

QString number(double value, int decimals = 4)
{
    return std::isfinite(value) ? QString::number(value, 'f', decimals) : QStringLiteral("—");
}

QString intervalText(const std::optional<stats::Interval>& interval, const std::function<QString(double)>& format)
{
    return interval ? QStringLiteral("[%1, %2]").arg(format(interval->low), format(interval->high))
                    : QStringLiteral("—");
}

QString row(const QStringList& cells, bool header = false)
{
    const QString tag = header ? QStringLiteral("th") : QStringLiteral("td");
    QString html = QStringLiteral("<tr>");
    for (const QString& cell : cells)
        html += QStringLiteral("<%1 style='padding:2px 10px 2px 0'>%2</%1>").arg(tag, cell);
    return html + QStringLiteral("</tr>");
}

QString table(const QList<QStringList>& rows)
{
    QString html = QStringLiteral("<table cellspacing='0'>");
    for (qsizetype i = 0; i < rows.size(); ++i)
        html += row(rows[i], i == 0);
    return html + QStringLiteral("</table>");
}

QString testsSection(const stats::Comparison& c)
{
    QList<QStringList> rows { { QObject::tr("Test"), QObject::tr("Statistic"), QObject::tr("p-value") } };
    if (c.proportions) {
        const stats::ProportionDetail& p = *c.proportions;
        rows << QStringList { QObject::tr("Two-proportion z-test (pooled)"),
                              QStringLiteral("z = ") + number(p.zTest.statistic), pHtml(p.zTest.pValue) };
        rows << QStringList { QObject::tr("Chi-square"), QStringLiteral("χ² = ") + number(p.chiSquare.statistic),
                              pHtml(p.chiSquare.pValue) };
        rows << QStringList { QObject::tr("Chi-square with Yates' correction"),
                              QStringLiteral("χ² = ") + number(p.yates.statistic), pHtml(p.yates.pValue) };
        if (p.fisher)
            rows << QStringList {
                QObject::tr("Fisher's exact test"),
                p.fisher->oddsRatio
                    ? QObject::tr("odds ratio %1 (control over treatment)").arg(number(*p.fisher->oddsRatio))
                    : QStringLiteral("—"),
                pHtml(p.fisher->pValue)
            };
        else
            rows << QStringList { QObject::tr("Fisher's exact test"),
                                  QObject::tr("not computed for a table this large"), QStringLiteral("—") };
    }
    if (c.means) {
        const stats::MeanDetail& m = *c.means;
        const QString over = QObject::tr("over %1 and %2 %3s").arg(m.control.count).arg(m.treatment.count).arg(m.unit);
        if (m.welch)
            rows << QStringList {
                QObject::tr("Welch's t-test, %1").arg(over),
                QStringLiteral("t = %1, df = %2").arg(number(m.welch->t), number(m.welch->degreesOfFreedom, 1)),
                pHtml(m.welch->pValue)
            };
        if (m.mannWhitney)
            rows << QStringList {
                QObject::tr("Mann–Whitney U (%1), %2")
                    .arg(m.mannWhitney->exact ? QObject::tr("exact") : QObject::tr("normal approximation"), over),
                QStringLiteral("U = ") + number(m.mannWhitney->u, 1), pHtml(m.mannWhitney->pValue)
            };
    }
    if (c.bootstrap) {
        const stats::RatioBootstrap& b = *c.bootstrap;
        const auto pct = [](double v) { return AbResultsModel::percentText(v); };
        rows << QStringList { QObject::tr("Bootstrap of the lift, %1 resamples%2")
                                  .arg(b.resamples)
                                  .arg(b.resampling == stats::Resampling::PoissonBuckets
                                           ? QObject::tr(" (Poisson, %1 buckets per arm)").arg(b.buckets)
                                           : QString()),
                              QObject::tr("percentile %1, BCa %2")
                                  .arg(intervalText(b.lift.percentile, pct), intervalText(b.lift.bca, pct)),
                              QStringLiteral("—") };
    }
    return rows.size() > 1 ? table(rows) : QString();
}

} // namespace

ExperimentDetail::ExperimentDetail(QWidget* parent)
    : QTextBrowser(parent)
{
    setOpenLinks(false);
    showNothing();
}

void ExperimentDetail::showNothing()
{
    setHtml(tr("<p>Select a comparison in the table to see all its tests.</p>"));
}

void ExperimentDetail::showComparison(const stats::Analysis& analysis, const stats::Comparison& comparison)
{
    setHtml(html(analysis, comparison));
}

QString ExperimentDetail::html(const stats::Analysis& analysis, const stats::Comparison& c)
{
    const stats::Metric metric = analysis.options.metric;
    const int confidence = int(std::lround((1 - analysis.options.alpha) * 100));
    const auto value = [metric](double v) { return AbResultsModel::valueText(metric, v); };
    const auto pct = [](double v) { return AbResultsModel::percentText(v); };
    QString html = QStringLiteral("<h3>%1: %2 → %3</h3>")
                       .arg(escaped(c.experimentName), escaped(c.control.name), escaped(c.treatment.name));
    html += QStringLiteral("<p>%1</p>").arg(escaped(stats::metricDescription(*analysis.dataset, metric)));
    if (!c.error.isEmpty())
        return html + QStringLiteral("<p><b>%1</b></p>").arg(escaped(c.error));
    const bool rate = metric == stats::Metric::Ctr || metric == stats::Metric::Cvr;
    QList<QStringList> arms { { tr("Arm"), tr("Assigned"),
                                rate ? tr("Successes / trials") : tr("Numerator / denominator"),
                                stats::metricLabel(metric), tr("%1 % interval").arg(confidence) } };
    for (const stats::ArmResult* arm : { &c.control, &c.treatment })
        arms << QStringList { escaped(arm->name), QString::number(arm->assigned),
                              QStringLiteral("%1 / %2").arg(number(arm->numerator, rate ? 0 : 2),
                                                            number(arm->denominator, rate ? 0 : 2)),
                              AbResultsModel::valueText(metric, arm->value), intervalText(arm->interval, value) };
    html += table(arms);
    html += QStringLiteral("<p>");
    html += tr("Difference: <b>%1</b> %2<br>")
                .arg(value(c.difference.value_or(NAN)), intervalText(c.differenceInterval, value));
    html += tr("Lift: <b>%1</b> %2 (%3)<br>")
                .arg(AbResultsModel::percentText(c.lift), intervalText(c.liftInterval, pct), escaped(c.intervalMethod));
    html += tr("p-value: <b>%1</b> (%2); adjusted by %3: <b>%4</b> → <b>%5</b>")
                .arg(pHtml(c.pValue), escaped(c.method), escaped(stats::correctionKey(analysis.options.correction)),
                     pHtml(c.adjustedPValue), escaped(stats::decisionLabel(c.decision)));
    html += QStringLiteral("</p>");
    html += QStringLiteral("<h4>%1</h4>").arg(tr("All tests")) + testsSection(c);
    if (c.sampleRatio)
        html += QStringLiteral("<p>%1</p>")
                    .arg(tr("Sample-ratio check: χ² = %1 with %2 df, p %3: %4.")
                             .arg(number(c.sampleRatio->chiSquare, 3))
                             .arg(c.sampleRatio->degreesOfFreedom)
                             .arg((c.sampleRatio->pValue < 1e-300 ? QString() : QStringLiteral("= "))
                                      + pHtml(c.sampleRatio->pValue),
                                  c.sampleRatio->mismatch ? tr("<b>mismatch</b>") : tr("the split looks as planned")));
    if (!c.warnings.isEmpty()) {
        html += QStringLiteral("<h4>%1</h4><ul>").arg(tr("Warnings"));
        for (const QString& warning : c.warnings)
            html += QStringLiteral("<li>%1</li>").arg(escaped(warning));
        html += QStringLiteral("</ul>");
    }
    return html;
}

} // namespace bidlab::ui
