// SPDX-License-Identifier: MIT
#include "core/stats/ab_json.h"

#include "core/stats/ab_report.h"

#include <cmath>

#include <QJsonArray>

namespace bidlab::stats {

namespace {

QJsonValue number(std::optional<double> value)
{
    return value && std::isfinite(*value) ? QJsonValue(*value) : QJsonValue(QJsonValue::Null);
}

QJsonValue interval(const std::optional<Interval>& i)
{
    if (!i)
        return QJsonValue::Null;
    return QJsonArray { number(i->low), number(i->high) };
}

QJsonObject test(const TestStatistic& t)
{
    return { { QStringLiteral("statistic"), number(t.statistic) }, { QStringLiteral("p"), number(t.pValue) } };
}

QJsonObject arm(const ArmResult& a)
{
    return { { QStringLiteral("name"), a.name },           { QStringLiteral("assigned"), double(a.assigned) },
             { QStringLiteral("numerator"), a.numerator }, { QStringLiteral("denominator"), a.denominator },
             { QStringLiteral("value"), number(a.value) }, { QStringLiteral("interval"), interval(a.interval) } };
}

QJsonObject bootstrapInterval(const BootstrapInterval& b)
{
    return { { QStringLiteral("estimate"), number(b.estimate) },
             { QStringLiteral("percentile"), interval(b.percentile) },
             { QStringLiteral("bca"), interval(b.bca) },
             { QStringLiteral("biasCorrection"), number(b.biasCorrection) },
             { QStringLiteral("acceleration"), number(b.acceleration) } };
}

QJsonObject tests(const Comparison& c)
{
    QJsonObject t;
    if (c.proportions) {
        const ProportionDetail& p = *c.proportions;
        t.insert(QStringLiteral("zTest"), test(p.zTest));
        t.insert(QStringLiteral("chiSquare"), test(p.chiSquare));
        t.insert(QStringLiteral("yates"), test(p.yates));
        t.insert(QStringLiteral("smallestExpected"), p.smallestExpected);
        if (p.fisher)
            t.insert(QStringLiteral("fisher"),
                     QJsonObject { { QStringLiteral("oddsRatio"), number(p.fisher->oddsRatio) },
                                   { QStringLiteral("p"), number(p.fisher->pValue) } });
    }
    if (c.means) {
        const MeanDetail& m = *c.means;
        QJsonObject means { { QStringLiteral("unit"), m.unit },
                            { QStringLiteral("controlMean"), m.control.mean },
                            { QStringLiteral("treatmentMean"), m.treatment.mean },
                            { QStringLiteral("controlCount"), m.control.count },
                            { QStringLiteral("treatmentCount"), m.treatment.count } };
        if (m.welch)
            means.insert(QStringLiteral("welch"),
                         QJsonObject { { QStringLiteral("t"), m.welch->t },
                                       { QStringLiteral("df"), m.welch->degreesOfFreedom },
                                       { QStringLiteral("p"), m.welch->pValue },
                                       { QStringLiteral("interval"), interval(m.welch->interval) } });
        if (m.mannWhitney)
            means.insert(QStringLiteral("mannWhitney"),
                         QJsonObject { { QStringLiteral("u"), m.mannWhitney->u },
                                       { QStringLiteral("p"), m.mannWhitney->pValue },
                                       { QStringLiteral("exact"), m.mannWhitney->exact } });
        t.insert(QStringLiteral("means"), means);
    }
    if (c.bootstrap) {
        const RatioBootstrap& b = *c.bootstrap;
        t.insert(
            QStringLiteral("bootstrap"),
            QJsonObject { { QStringLiteral("resamples"), b.resamples },
                          { QStringLiteral("undefined"), b.undefined },
                          { QStringLiteral("resampling"),
                            b.resampling == Resampling::Units ? QStringLiteral("units") : QStringLiteral("poisson") },
                          { QStringLiteral("buckets"), b.buckets },
                          { QStringLiteral("control"), bootstrapInterval(b.control) },
                          { QStringLiteral("treatment"), bootstrapInterval(b.treatment) },
                          { QStringLiteral("lift"), bootstrapInterval(b.lift) } });
    }
    if (c.sampleRatio)
        t.insert(QStringLiteral("sampleRatio"),
                 QJsonObject { { QStringLiteral("chiSquare"), c.sampleRatio->chiSquare },
                               { QStringLiteral("df"), c.sampleRatio->degreesOfFreedom },
                               { QStringLiteral("p"), c.sampleRatio->pValue },
                               { QStringLiteral("mismatch"), c.sampleRatio->mismatch } });
    return t;
}

QString decisionKey(Decision d)
{
    switch (d) {
    case Decision::NotTested:
        return QStringLiteral("not-tested");
    case Decision::NotSignificant:
        return QStringLiteral("not-significant");
    case Decision::Better:
        return QStringLiteral("increase");
    case Decision::Worse:
        return QStringLiteral("decrease");
    }
    return {};
}

QJsonObject comparison(const Comparison& c)
{
    return { { QStringLiteral("experiment"), c.experimentName },
             { QStringLiteral("control"), arm(c.control) },
             { QStringLiteral("treatment"), arm(c.treatment) },
             { QStringLiteral("difference"), number(c.difference) },
             { QStringLiteral("differenceInterval"), interval(c.differenceInterval) },
             { QStringLiteral("lift"), number(c.lift) },
             { QStringLiteral("liftInterval"), interval(c.liftInterval) },
             { QStringLiteral("method"), c.method },
             { QStringLiteral("intervalMethod"), c.intervalMethod },
             { QStringLiteral("statistic"), number(c.statistic) },
             { QStringLiteral("p"), number(c.pValue) },
             { QStringLiteral("adjustedP"), number(c.adjustedPValue) },
             { QStringLiteral("decision"), decisionKey(c.decision) },
             { QStringLiteral("error"), c.error.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(c.error) },
             { QStringLiteral("warnings"), QJsonArray::fromStringList(c.warnings) },
             { QStringLiteral("tests"), tests(c) } };
}

} // namespace

QJsonObject analysisToJson(const Analysis& analysis)
{
    const Dataset& d = *analysis.dataset;
    const AnalysisOptions& o = analysis.options;
    QJsonObject columns;
    for (const QString& key : roleKeys()) {
        const Role role = *roleFromKey(key);
        if (d.has(role))
            columns.insert(key, d.headers.value(d.columns[role]));
    }
    QJsonArray problems;
    for (const RowProblem& p : d.problems)
        problems.append(QJsonObject { { QStringLiteral("file"), p.file },
                                      { QStringLiteral("line"), double(p.line) },
                                      { QStringLiteral("reason"), p.reason } });
    QJsonArray comparisons;
    for (const Comparison& c : analysis.comparisons)
        comparisons.append(comparison(c));
    return { { QStringLiteral("files"), QJsonArray::fromStringList(d.files) },
             { QStringLiteral("shape"), shapeLabel(d.shape) },
             { QStringLiteral("columns"), columns },
             { QStringLiteral("metric"), metricKey(o.metric) },
             { QStringLiteral("metricDescription"), metricDescription(d, o.metric) },
             { QStringLiteral("correction"), correctionKey(o.correction) },
             { QStringLiteral("alpha"), o.alpha },
             { QStringLiteral("rows"), double(d.rows) },
             { QStringLiteral("rejectedRows"), double(d.rejectedRows) },
             { QStringLiteral("problems"), problems },
             { QStringLiteral("notes"), QJsonArray::fromStringList(d.notes) },
             { QStringLiteral("experiments"), double(d.experiments.size()) },
             { QStringLiteral("tested"), analysis.tested },
             { QStringLiteral("significant"), analysis.significant },
             { QStringLiteral("mismatchedExperiments"), analysis.mismatchedExperiments },
             { QStringLiteral("comparisons"), comparisons } };
}

} // namespace bidlab::stats
