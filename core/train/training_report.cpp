// SPDX-License-Identifier: MIT
#include "core/train/training_report.h"

#include <QCoreApplication>

namespace bidlab::train {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("TrainingReport", text);
}

QVariant optional(const std::optional<double>& v)
{
    return v ? QVariant(*v) : QVariant();
}

report::Kpi decimalKpi(const QString& name, const std::optional<double>& v, int decimals, const QString& note = {})
{
    return { name, optional(v), { {}, report::ColumnKind::Decimal, decimals }, note };
}

QString modelName(const TrainRequest& r)
{
    if (r.kind == ModelKind::Forest)
        return tr("random forest");
    return r.logistic.optimizer == LogisticOptions::Optimizer::Lbfgs ? tr("logistic regression (L-BFGS)")
                                                                     : tr("logistic regression (FTRL)");
}

void addParameters(report::Report& report, const TrainOutcome& o, const TrainRequest& r)
{
    report.parameters.append({ tr("Data"), o.dataDescription });
    report.parameters.append({ tr("Model"), modelName(r) });
    for (auto it = o.model.trainingParameters.begin(); it != o.model.trainingParameters.end(); ++it) {
        if (it.key() == QLatin1String("data") || it.key() == QLatin1String("dataDescription"))
            continue;
        report.parameters.append({ it.key(),
                                   it.value().toVariant().toStringList().join(QStringLiteral(", ")).isEmpty()
                                       ? it.value().toVariant().toString()
                                       : it.value().toVariant().toStringList().join(QStringLiteral(", ")) });
    }
    report.parameters.append({ tr("Rows (train / validation / test)"),
                               QStringLiteral("%1 / %2 / %3").arg(o.trainRows).arg(o.validationRows).arg(o.testRows) });
    report.parameters.append({ tr("Threads"), QString::number(o.threads) });
}

report::Table metricsTable(const TrainOutcome& o)
{
    using report::ColumnKind;
    report::Table t { tr("Test metrics"),
                      { { tr("metric"), ColumnKind::Text }, { tr("value"), ColumnKind::Decimal, 5 } },
                      {} };
    t.rows.append({ tr("test AUC"), optional(o.test.auc) });
    t.rows.append({ tr("test log loss"), optional(o.test.logLoss) });
    t.rows.append({ tr("true model AUC"), optional(o.trueAuc) });
    t.rows.append({ tr("true model log loss"), optional(o.trueLogLoss) });
    t.rows.append({ tr("out-of-bag AUC"), optional(o.oobAuc) });
    t.rows.append({ tr("out-of-bag log loss"), optional(o.oobLogLoss) });
    for (const PrecisionRecall& pr : o.test.atK) {
        t.rows.append({ tr("precision at %1").arg(pr.k), pr.precision });
        t.rows.append({ tr("recall at %1").arg(pr.k), optional(pr.recall) });
    }
    t.rows.append({ tr("fit seconds"), o.fitSeconds });
    t.rows.append({ tr("fit CPU seconds (all threads)"), o.fitCpuSeconds });
    return t;
}

report::Table calibrationTable(const TrainOutcome& o)
{
    using report::ColumnKind;
    report::Table t { tr("Calibration (equal-count bins)"),
                      { { tr("bin"), ColumnKind::Integer },
                        { tr("rows"), ColumnKind::Integer },
                        { tr("mean predicted"), ColumnKind::Percent, 3 },
                        { tr("observed CTR"), ColumnKind::Percent, 3 } },
                      {} };
    for (std::size_t b = 0; b < o.test.calibration.size(); ++b) {
        const CalibrationBin& bin = o.test.calibration[b];
        t.rows.append({ qint64(b + 1), qint64(bin.rows), bin.meanPredicted, bin.observedRate });
    }
    return t;
}

report::Table importanceTable(const TrainOutcome& o)
{
    using report::ColumnKind;
    report::Table t { tr("Feature importance"),
                      { { tr("feature"), ColumnKind::Text },
                        { tr("impurity"), ColumnKind::Decimal, 4 },
                        { tr("permutation (AUC drop)"), ColumnKind::Decimal, 4 },
                        { tr("|weight|"), ColumnKind::Decimal, 4 } },
                      {} };
    auto at = [](const std::vector<double>& v, qsizetype i) {
        return std::size_t(i) < v.size() ? QVariant(v[std::size_t(i)]) : QVariant();
    };
    for (qsizetype f = 0; f < o.featureNames.size(); ++f)
        t.rows.append({ o.featureNames.at(f), at(o.impurityImportance, f), at(o.permutationImportance, f),
                        at(o.weightImportance, f) });
    return t;
}

} // namespace

QString trialStateName(Trial::State state)
{
    switch (state) {
    case Trial::State::Waiting:
        return tr("waiting");
    case Trial::State::Running:
        return tr("running");
    case Trial::State::Finished:
        return tr("finished");
    case Trial::State::Stopped:
        return tr("stopped early");
    case Trial::State::Failed:
        return tr("failed");
    }
    return {};
}

QString parametersText(const QList<QPair<QString, double>>& parameters)
{
    QStringList parts;
    for (const auto& [name, v] : parameters)
        parts << QStringLiteral("%1=%2").arg(name).arg(v, 0, 'g', 4);
    return parts.join(QStringLiteral(", "));
}

report::Chart lossChart(const TrainOutcome& o)
{
    report::Chart c { tr("Loss curve"), report::ChartKind::Line, {}, tr("log loss"), false, false, {}, {} };
    const bool forest = o.model.kind() == bidding::CtrModel::Kind::Forest;
    c.xTitle = forest ? tr("trees") : tr("step (iteration or epoch)");
    report::Series train { forest ? tr("validation, first n trees") : tr("training objective"), {} };
    report::Series validation { tr("validation log loss"), {} };
    for (const LossPoint& p : o.curve) {
        train.points.append({ double(p.step), p.trainLoss });
        if (p.validationLoss && !forest)
            validation.points.append({ double(p.step), *p.validationLoss });
    }
    c.series.append(train);
    if (!validation.points.isEmpty())
        c.series.append(validation);
    return c;
}

report::Chart rocChart(const TrainOutcome& o)
{
    report::Chart c { tr("ROC curve (test)"),
                      report::ChartKind::Line,
                      tr("false positive rate"),
                      tr("true positive rate"),
                      false,
                      false,
                      {},
                      {} };
    report::Series model { tr("model, AUC %1").arg(o.test.auc.value_or(0.0), 0, 'f', 4), {} };
    for (const RocPoint& p : o.test.roc)
        model.points.append({ p.falsePositiveRate, p.truePositiveRate });
    c.series.append(model);
    c.series.append({ tr("chance"), { { 0.0, 0.0 }, { 1.0, 1.0 } } });
    return c;
}

report::Chart calibrationChart(const TrainOutcome& o)
{
    report::Chart c { tr("Calibration (test)"),
                      report::ChartKind::Line,
                      tr("mean predicted CTR"),
                      tr("observed CTR"),
                      false,
                      false,
                      {},
                      {} };
    report::Series bins { tr("model"), {} };
    double top = 0.0;
    for (const CalibrationBin& b : o.test.calibration) {
        bins.points.append({ b.meanPredicted, b.observedRate });
        top = std::max({ top, b.meanPredicted, b.observedRate });
    }
    c.series.append(bins);
    c.series.append({ tr("perfect"), { { 0.0, 0.0 }, { top, top } } });
    return c;
}

report::Chart importanceChart(const TrainOutcome& o)
{
    const bool forest = o.model.kind() == bidding::CtrModel::Kind::Forest;
    report::Chart c { tr("Feature importance"),
                      report::ChartKind::Bar,
                      tr("feature"),
                      forest ? tr("importance") : tr("|weight| (standardised feature)"),
                      false,
                      false,
                      o.featureNames,
                      {} };
    auto series = [](const QString& name, const std::vector<double>& values) {
        report::Series s { name, {} };
        for (std::size_t f = 0; f < values.size(); ++f)
            s.points.append({ double(f), values[f] });
        return s;
    };
    if (forest) {
        c.series.append(series(tr("impurity decrease"), o.impurityImportance));
        c.series.append(series(tr("permutation (AUC drop)"), o.permutationImportance));
    } else {
        c.series.append(series(tr("|weight|"), o.weightImportance));
    }
    return c;
}

report::Table leaderboardTable(const Leaderboard& board)
{
    using report::ColumnKind;
    report::Table t { tr("Search leaderboard"),
                      { { tr("rank"), ColumnKind::Integer },
                        { tr("trial"), ColumnKind::Integer },
                        { tr("parameters"), ColumnKind::Text },
                        { tr("state"), ColumnKind::Text },
                        { tr("folds"), ColumnKind::Integer },
                        { tr("mean AUC"), ColumnKind::Decimal, 5 },
                        { tr("mean log loss"), ColumnKind::Decimal, 5 },
                        { tr("seconds"), ColumnKind::Decimal, 2 },
                        { tr("note"), ColumnKind::Text } },
                      {} };
    qint64 rank = 0;
    for (const int i : board.ranking()) {
        const Trial& trial = board.trials[std::size_t(i)];
        const bool scored = !trial.foldAuc.empty();
        t.rows.append({ ++rank, qint64(trial.index + 1), parametersText(trial.parameters), trialStateName(trial.state),
                        qint64(trial.foldAuc.size()), scored ? QVariant(trial.meanAuc()) : QVariant(),
                        scored ? QVariant(trial.meanLogLoss()) : QVariant(), trial.seconds, trial.note });
    }
    return t;
}

report::Report trainingReport(const TrainOutcome& o, const TrainRequest& r)
{
    report::Report report;
    report.title = tr("CTR model: %1").arg(modelName(r));
    report.subtitle = r.dataPath;
    report.created = QDateTime::currentDateTimeUtc();
    addParameters(report, o, r);
    report.kpis.append(decimalKpi(tr("Test AUC"), o.test.auc, 4,
                                  o.trueAuc ? tr("true model %1").arg(*o.trueAuc, 0, 'f', 4) : QString()));
    report.kpis.append(decimalKpi(tr("Test log loss"), o.test.logLoss, 5));
    if (o.oobAuc)
        report.kpis.append(decimalKpi(tr("Out-of-bag AUC"), o.oobAuc, 4));
    report.kpis.append(decimalKpi(tr("Fit time (s)"), o.fitSeconds, 3, tr("%1 threads").arg(o.threads)));
    report.tables = { metricsTable(o), calibrationTable(o), importanceTable(o) };
    report.charts = { lossChart(o), rocChart(o), calibrationChart(o), importanceChart(o) };
    if (o.badRowCount > 0) {
        report.notes << tr("%1 rows could not be used.").arg(o.badRowCount);
        for (const BadRow& bad : o.badRows)
            report.notes << tr("Line %1: %2.").arg(bad.line).arg(bad.reason);
    }
    report.notes << tr("Stopped: %1.").arg(o.stopReason);
    return report;
}

report::Report tuningReport(const TuneOutcome& outcome, const TuneRequest& request)
{
    report::Report report = trainingReport(
        outcome.best,
        withParameters(request.base, outcome.leaderboard.trials[std::size_t(outcome.bestTrial)].parameters));
    report.title = tr("Hyper-parameter search: %1").arg(report.title);
    report.tables.prepend(leaderboardTable(outcome.leaderboard));
    report.parameters.append(
        { tr("Search"), request.randomSearch ? tr("random, %1 trials").arg(request.trials) : tr("grid") });
    report.parameters.append({ tr("Folds"), QString::number(outcome.leaderboard.folds) });
    return report;
}

} // namespace bidlab::train
