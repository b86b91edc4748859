// SPDX-License-Identifier: MIT
// bidlab-cli abtest: A/B-test analysis of CSV tables (or planning with --plan), as text, JSON or a report file.
#include "app/cli/cli_command.h"
#include "core/jobs/job_pool.h"
#include "core/stats/ab_job.h"
#include "core/stats/ab_json.h"
#include "core/stats/ab_report.h"
#include "core/stats/power.h"
#include "ui/report/report_export.h"

#include <cmath>
#include <limits>

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>

namespace bidlab::cli {

namespace {

using namespace bidlab::stats;

QString percent(std::optional<double> fraction, int decimals = 2)
{
    if (!fraction || !std::isfinite(*fraction))
        return QStringLiteral("—");
    return QString::number(*fraction * 100, 'f', decimals) + QLatin1Char('%');
}

QString value(Metric metric, std::optional<double> v)
{
    if (metric == Metric::Ctr || metric == Metric::Cvr)
        return percent(v, 3);
    return v && std::isfinite(*v) ? QString::number(*v, 'f', 4) : QStringLiteral("—");
}

QString liftText(const Comparison& c)
{
    QString text = percent(c.lift);
    if (c.liftInterval)
        text += QStringLiteral(" [%1, %2]").arg(percent(c.liftInterval->low), percent(c.liftInterval->high));
    return text;
}

// The results as an aligned table; columns as wide as their longest cell.
void printText(const Analysis& analysis)
{
    const Dataset& d = *analysis.dataset;
    const AnalysisOptions& o = analysis.options;
    printOut(QStringLiteral("A/B tests: %1 — %2 (%3)")
                 .arg(metricDescription(d, o.metric), d.files.join(QStringLiteral(", ")), shapeLabel(d.shape)));
    printOut(QStringLiteral("Columns: %1").arg(d.mappingText()));
    printOut(QStringLiteral("%1 rows read, %2 left out.").arg(d.rows).arg(d.rejectedRows));
    for (const RowProblem& p : d.problems)
        printErr(p.message());
    for (const QString& note : d.notes)
        printOut(QStringLiteral("Note: ") + note);
    printOut(QString());

    const int confidence = int(std::lround((1 - o.alpha) * 100));
    QList<QStringList> rows {
        { QStringLiteral("experiment"), QStringLiteral("control → treatment"), QStringLiteral("control"),
          QStringLiteral("treatment"), QStringLiteral("lift [%1% CI]").arg(confidence), QStringLiteral("p"),
          QStringLiteral("p (%1)").arg(correctionKey(o.correction)), QStringLiteral("decision") }
    };
    for (const Comparison& c : analysis.comparisons) {
        const QString arms = c.control.name + QStringLiteral(" → ") + c.treatment.name;
        if (!c.error.isEmpty())
            rows << QStringList {
                c.experimentName, arms, QString(), QString(), QString(), QString(), QString(), c.error
            };
        else
            rows << QStringList { c.experimentName,
                                  arms,
                                  value(o.metric, c.control.value),
                                  value(o.metric, c.treatment.value),
                                  liftText(c),
                                  formatPValue(c.pValue),
                                  formatPValue(c.adjustedPValue),
                                  decisionLabel(c.decision) };
    }
    QList<int> widths(rows.front().size(), 0);
    for (const QStringList& row : std::as_const(rows)) {
        for (qsizetype i = 0; i < row.size(); ++i)
            widths[i] = std::max(widths[i], int(row[i].size()));
    }
    for (qsizetype r = 0; r < rows.size(); ++r) {
        QStringList cells;
        for (qsizetype i = 0; i < rows[r].size(); ++i) {
            const bool number = i >= 2 && i <= 6 && i != 4; // right-aligned
            const QString& cell = rows[r][i];
            cells << (i + 1 == rows[r].size() ? cell
                          : number            ? cell.rightJustified(widths[i])
                                              : cell.leftJustified(widths[i]));
        }
        printOut(cells.join(QStringLiteral("  ")));
        const Comparison* c = r > 0 ? &analysis.comparisons[std::size_t(r - 1)] : nullptr;
        for (const QString& warning : c ? c->warnings : QStringList())
            printOut(QStringLiteral("    ! ") + warning);
    }
    printOut(QStringLiteral("\n%1 of %2 comparisons significant after %3 at alpha %4 (p-values: %5).")
                 .arg(analysis.significant)
                 .arg(analysis.tested)
                 .arg(correctionLabel(o.correction))
                 .arg(o.alpha)
                 .arg(analysis.comparisons.empty() ? QString() : analysis.comparisons.front().method));
}

// --map ROLE=COLUMN (repeatable).
bool parseMappings(const QStringList& values, QMap<Role, QString>* columns)
{
    for (const QString& item : values) {
        const qsizetype eq = item.indexOf(QLatin1Char('='));
        const std::optional<Role> role = eq > 0 ? roleFromKey(item.left(eq)) : std::nullopt;
        if (!role) {
            printErr(QStringLiteral("--map: expected ROLE=COLUMN with ROLE one of %1, got '%2'.")
                         .arg(roleKeys().join(QStringLiteral(", ")), item));
            return false;
        }
        columns->insert(*role, item.mid(eq + 1));
    }
    return true;
}

bool parseDelimiter(const QString& text, char* delimiter)
{
    if (text.isEmpty())
        return true;
    if (text == QLatin1String("tab") || text == QLatin1String("\\t")) {
        *delimiter = '\t';
        return true;
    }
    if (text.size() == 1 && QStringLiteral(",;|\t").contains(text)) {
        *delimiter = char(text.at(0).toLatin1());
        return true;
    }
    printErr(QStringLiteral("--delimiter: expected ',', ';', '|' or 'tab', got '%1'.").arg(text));
    return false;
}

bool parseSplit(const QString& text, std::vector<double>* split)
{
    if (text.isEmpty())
        return true;
    for (const QString& part : text.split(QRegularExpression(QStringLiteral("[,:/]")))) {
        bool ok = false;
        const double share = part.toDouble(&ok);
        if (!ok || !(share > 0)) {
            printErr(QStringLiteral("--split: expected positive shares such as 50,50 or 90:10, got '%1'.").arg(text));
            return false;
        }
        split->push_back(share);
    }
    return true;
}

int runPlan(const QCommandLineParser& parser)
{
    PlanningInputs in;
    double rate = 0, lift = 0, n = 0;
    if (!doubleOption(parser, QStringLiteral("baseline"), 1e-9, 1 - 1e-9, &in.baseline)
        || !doubleOption(parser, QStringLiteral("alpha"), 1e-6, 0.5, &in.alpha)
        || !doubleOption(parser, QStringLiteral("power"), 0.01, 0.9999, &in.power)
        || !doubleOption(parser, QStringLiteral("ratio"), 1e-3, 1e3, &in.ratio)
        || !doubleOption(parser, QStringLiteral("rate"), 1e-9, 1 - 1e-9, &rate)
        || !doubleOption(parser, QStringLiteral("lift"), -0.999999, 1e6, &lift)
        || !doubleOption(parser, QStringLiteral("n"), 1, 1e15, &n))
        return kUsage;
    if (!parser.isSet(QStringLiteral("baseline"))) {
        printErr(QStringLiteral("--plan needs --baseline RATE (the control's expected rate, e.g. 0.05)."));
        return kUsage;
    }
    if (parser.isSet(QStringLiteral("lift")))
        rate = in.baseline * (1 + lift);
    QJsonObject out { { QStringLiteral("baseline"), in.baseline },
                      { QStringLiteral("alpha"), in.alpha },
                      { QStringLiteral("power"), in.power },
                      { QStringLiteral("ratio"), in.ratio } };
    QStringList lines;
    if (rate > 0) {
        const std::optional<double> size = requiredSampleSize(in, rate);
        out.insert(QStringLiteral("rate"), rate);
        out.insert(QStringLiteral("controlUnits"), size ? QJsonValue(std::ceil(*size)) : QJsonValue());
        out.insert(QStringLiteral("treatmentUnits"), size ? QJsonValue(std::ceil(*size * in.ratio)) : QJsonValue());
        lines << (size ? QStringLiteral("To detect %1 → %2 (lift %3) with power %4 at alpha %5: %6 control and %7 "
                                        "treatment units.")
                             .arg(percent(in.baseline, 3), percent(rate, 3), percent(rate / in.baseline - 1))
                             .arg(in.power)
                             .arg(in.alpha)
                             .arg(std::ceil(*size), 0, 'f', 0)
                             .arg(std::ceil(*size * in.ratio), 0, 'f', 0)
                       : QStringLiteral("No sample size detects a rate equal to the baseline."));
    }
    if (n > 0) {
        const std::optional<double> mde = minimumDetectableRate(in, n);
        out.insert(QStringLiteral("n"), n);
        out.insert(QStringLiteral("mdeRate"), mde ? QJsonValue(*mde) : QJsonValue());
        lines << (mde ? QStringLiteral("With %1 control units the minimum detectable rate is %2 (lift %3).")
                            .arg(n, 0, 'f', 0)
                            .arg(percent(*mde, 3), percent(*mde / in.baseline - 1))
                      : QStringLiteral("With %1 control units no rate up to 100%% is detectable.").arg(n, 0, 'f', 0));
        if (rate > 0) {
            const double power = powerOfTest(in.baseline, rate, n, in.alpha, in.ratio);
            out.insert(QStringLiteral("powerAtN"), power);
            lines << QStringLiteral("Power with %1 control units against %2: %3.")
                         .arg(n, 0, 'f', 0)
                         .arg(percent(rate, 3), percent(power, 1));
        }
    }
    if (lines.isEmpty()) {
        printErr(QStringLiteral("--plan needs --rate, --lift (for a sample size) or --n (for the minimum "
                                "detectable effect)."));
        return kUsage;
    }
    if (parser.isSet(QStringLiteral("json")))
        printJson(out);
    else
        printOut(lines.join(QLatin1Char('\n')));
    return kOk;
}

int runAbtest(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("files"), QStringLiteral("CSV tables (several files are one table)."),
                                 QStringLiteral("FILE..."));
    parser.addOptions({
        { QStringLiteral("metric"), QStringLiteral("ctr, cvr, revenue or roas (default: the first the table has)."),
          QStringLiteral("name") },
        { QStringLiteral("correction"), QStringLiteral("none, bonferroni, holm, bh or by (default holm)."),
          QStringLiteral("name"), QStringLiteral("holm") },
        { QStringLiteral("alpha"), QStringLiteral("Significance level (default 0.05)."), QStringLiteral("a"),
          QStringLiteral("0.05") },
        { QStringLiteral("test"), QStringLiteral("Rates: auto, z, chi2, yates or fisher (default auto)."),
          QStringLiteral("name"), QStringLiteral("auto") },
        { QStringLiteral("control"), QStringLiteral("The control arm's name (default: 'control', else the first)."),
          QStringLiteral("name") },
        { QStringLiteral("map"),
          QStringLiteral("Use COLUMN for ROLE (arm, experiment, user, date, exposures, "
                         "clicks, conversions, declined, revenue, revenue_squares, cost)."),
          QStringLiteral("role=column") },
        { QStringLiteral("delimiter"), QStringLiteral("',', ';', '|' or 'tab' (default: detected)."),
          QStringLiteral("c") },
        { QStringLiteral("split"), QStringLiteral("Planned shares of the arms for the ratio check (e.g. 90,10)."),
          QStringLiteral("shares") },
        { QStringLiteral("resamples"), QStringLiteral("Bootstrap resamples for ROAS (default 2000)."),
          QStringLiteral("n"), QStringLiteral("2000") },
        { QStringLiteral("seed"), QStringLiteral("Bootstrap seed."), QStringLiteral("n") },
        { QStringLiteral("bootstrap"),
          QStringLiteral("auto, units or poisson (bucketed Poisson, for millions of "
                         "rows)."),
          QStringLiteral("kind"), QStringLiteral("auto") },
        { QStringLiteral("threads"), QStringLiteral("Job threads (default: the cores)."), QStringLiteral("n") },
        { QStringLiteral("output"), QStringLiteral("Also write the report (.csv, .xlsx or .pdf)."),
          QStringLiteral("file") },
        { QStringLiteral("json"), QStringLiteral("Print JSON.") },
        { QStringLiteral("plan"),
          QStringLiteral("Plan a test of rates instead: --baseline with --rate/--lift "
                         "(sample size) and/or --n (minimum detectable effect).") },
        { QStringLiteral("baseline"), QStringLiteral("--plan: the control's rate."), QStringLiteral("rate") },
        { QStringLiteral("rate"), QStringLiteral("--plan: the treatment's rate."), QStringLiteral("rate") },
        { QStringLiteral("lift"), QStringLiteral("--plan: the relative lift (0.1 for +10 %)."),
          QStringLiteral("fraction") },
        { QStringLiteral("n"), QStringLiteral("--plan: control units available."), QStringLiteral("count") },
        { QStringLiteral("power"), QStringLiteral("--plan: the power wanted (default 0.8)."), QStringLiteral("p"),
          QStringLiteral("0.8") },
        { QStringLiteral("ratio"), QStringLiteral("--plan: treatment units per control unit (default 1)."),
          QStringLiteral("r"), QStringLiteral("1") },
    });
    int exitCode = kOk;
    if (!parseArguments(parser, arguments,
                        QStringLiteral("Analyse A/B tests in CSV tables: per experiment and arm, or per user, or per "
                                       "arm and day. Columns are found by header."),
                        &exitCode))
        return exitCode;
    if (parser.isSet(QStringLiteral("plan")))
        return runPlan(parser);

    AbJobParams params;
    params.files = parser.positionalArguments();
    if (params.files.isEmpty()) {
        printErr(QStringLiteral("%1: give one or more CSV files.\nTry '%1 --help'.").arg(arguments.value(0)));
        return kUsage;
    }
    AnalysisOptions& o = params.analysis;
    const std::optional<Correction> correction = correctionFromName(parser.value(QStringLiteral("correction")));
    const std::optional<ProportionTest> test = proportionTestFromKey(parser.value(QStringLiteral("test")));
    std::optional<Metric> metric;
    if (parser.isSet(QStringLiteral("metric"))) {
        metric = metricFromKey(parser.value(QStringLiteral("metric")));
        if (!metric) {
            printErr(QStringLiteral("--metric: expected one of %1.").arg(metricKeys().join(QStringLiteral(", "))));
            return kUsage;
        }
    }
    if (!correction || !test) {
        printErr(
            !correction
                ? QStringLiteral("--correction: expected one of %1.").arg(correctionKeys().join(QStringLiteral(", ")))
                : QStringLiteral("--test: expected one of %1.").arg(proportionTestKeys().join(QStringLiteral(", "))));
        return kUsage;
    }
    o.correction = *correction;
    o.test = *test;
    const QString bootstrap = parser.value(QStringLiteral("bootstrap"));
    if (bootstrap != QLatin1String("auto") && bootstrap != QLatin1String("units")
        && bootstrap != QLatin1String("poisson")) {
        printErr(QStringLiteral("--bootstrap: expected auto, units or poisson."));
        return kUsage;
    }
    o.bootstrap = bootstrap == QLatin1String("units") ? BootstrapChoice::Units
        : bootstrap == QLatin1String("poisson")       ? BootstrapChoice::PoissonBuckets
                                                      : BootstrapChoice::Auto;
    qint64 resamples = o.resamples, seed = qint64(o.seed), threads = 0;
    if (!doubleOption(parser, QStringLiteral("alpha"), 1e-6, 0.5, &o.alpha)
        || !intOption(parser, QStringLiteral("resamples"), 10, 1'000'000, &resamples)
        || !intOption(parser, QStringLiteral("seed"), 0, std::numeric_limits<qint64>::max(), &seed)
        || !intOption(parser, QStringLiteral("threads"), 1, 256, &threads)
        || !parseMappings(parser.values(QStringLiteral("map")), &params.load.columns)
        || !parseDelimiter(parser.value(QStringLiteral("delimiter")), &params.load.delimiter)
        || !parseSplit(parser.value(QStringLiteral("split")), &o.split))
        return kUsage;
    o.resamples = int(resamples);
    o.seed = std::uint64_t(seed);
    if (threads > 0)
        jobs::setJobThreadCount(int(threads));
    params.load.control = parser.value(QStringLiteral("control"));

    // Read first, so that the metric can default to what the table has.
    Expected<Dataset> dataset = loadDataset(params.files, params.load);
    if (!dataset) {
        printErr(dataset.error());
        return kBadInput;
    }
    params.dataset = std::make_shared<const Dataset>(std::move(dataset).value());
    if (!metric)
        metric = firstAvailableMetric(*params.dataset);
    if (!metric) {
        printErr(QStringLiteral("The table has no column for any metric (clicks, conversions, revenue, cost)."));
        return kBadInput;
    }
    o.metric = *metric;
    QFuture<jobs::JobResult<Analysis>> future = jobs::runJob<Analysis>(jobs::jobPool(), runAbJob, params);
    future.waitForFinished();
    const jobs::JobResult<Analysis> result = future.result();
    if (!result.ok()) {
        printErr(result.error());
        return kBadInput;
    }
    if (parser.isSet(QStringLiteral("json")))
        printJson(analysisToJson(*result));
    else
        printText(*result);
    if (parser.isSet(QStringLiteral("output"))) {
        const Status written = ui::exportReport(abReport(*result), parser.value(QStringLiteral("output")));
        if (!written.ok()) {
            printErr(written.error());
            return kFailure;
        }
        printErr(QStringLiteral("Wrote %1.").arg(parser.value(QStringLiteral("output"))));
    }
    return kOk;
}

const Registrar registrar { { QStringLiteral("abtest"),
                              QStringLiteral("A/B-test analysis of CSV tables, or test planning (--plan)."), runAbtest,
                              /*needsGui=*/true } }; // PDF output draws charts

} // namespace

} // namespace bidlab::cli
