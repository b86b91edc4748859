// SPDX-License-Identifier: MIT
// Alert rules on synthetic metric streams with injected incidents of known start: one incident, one alert,
// raised within a stated delay; minimum duration and cooldown.
#include "core/anomaly/alert_engine.h"
#include "tests/common/test_support.h"
#include "tests/unit/anomaly/synthetic.h"

#include <QCoreApplication>

using namespace bidlab;
using namespace bidlab::anomaly;

namespace {

constexpr qint64 kTickMs = 100; // the engine's snapshot period

// A metric sampled every tick: noise around `level`, and `incident` added from tick `start` for `length`.
std::vector<double> stream(std::size_t ticks, std::uint32_t seed, double level, double sd, std::size_t start,
                           std::size_t length, double incident)
{
    std::vector<double> values = test::noisySeries(ticks, seed, level, sd);
    for (std::size_t i = start; i < std::min(ticks, start + length); ++i)
        values[i] += incident;
    return values;
}

AlertRule rule(const QString& metric, qint64 minDurationMs, qint64 cooldownMs, const QString& detector = {})
{
    AlertRule r;
    r.name = metric + QStringLiteral(" anomaly");
    r.metric = metric;
    if (!detector.isEmpty())
        r.detector = detector;
    r.minDurationMs = minDurationMs;
    r.cooldownMs = cooldownMs;
    r.severity = Severity::Critical;
    r.probation = 100;
    return r;
}

} // namespace

class AlertEngineTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void anIncidentRaisesExactlyOneAlertWithinItsDelay_data()
    {
        QTest::addColumn<QString>("detector");
        QTest::addColumn<double>("incident");
        QTest::addColumn<qint64>("minDurationMs");
        QTest::addColumn<qint64>("maxDelayMs");
        // Incidents lasting 30 s on a 10 Hz metric: a latency jump of 10 sd, a CTR collapse of 6 sd. Level
        // detectors keep scoring while the incident lasts, so they can ask for a 1 s minimum duration;
        // CUSUM signals a change once (then restarts), so its rules fire at once.
        QTest::addRow("ewma latency jump") << QStringLiteral("ewma") << 10.0 << qint64(1000) << qint64(1000);
        QTest::addRow("ewma ctr collapse") << QStringLiteral("ewma") << -6.0 << qint64(1000) << qint64(1000);
        QTest::addRow("mad latency jump") << QStringLiteral("mad") << 10.0 << qint64(1000) << qint64(1000);
        QTest::addRow("cusum ctr collapse") << QStringLiteral("cusum") << -6.0 << qint64(0) << qint64(300);
    }
    void anIncidentRaisesExactlyOneAlertWithinItsDelay()
    {
        QFETCH(QString, detector);
        QFETCH(double, incident);
        QFETCH(qint64, minDurationMs);
        QFETCH(qint64, maxDelayMs);
        AlertEngine engine({ rule(QStringLiteral("m"), minDurationMs, 120'000, detector) });
        const std::size_t start = 2000;
        const std::vector<double> values = stream(4000, 17, 100.0, 1.0, start, 300, incident);
        QList<qsizetype> raised;
        for (std::size_t i = 0; i < values.size(); ++i)
            raised << engine.add(static_cast<qint64>(i) * kTickMs, QStringLiteral("m"), values[i]);
        QCOMPARE(engine.alerts().size(), qsizetype(1));
        QCOMPARE(raised, QList<qsizetype>({ 0 }));
        const Alert& alert = engine.alerts().first();
        const qint64 incidentMs = static_cast<qint64>(start) * kTickMs;
        QVERIFY2(alert.startMs >= incidentMs, qPrintable(QString::number(alert.startMs)));
        QVERIFY2(alert.raisedMs - incidentMs <= maxDelayMs, qPrintable(QString::number(alert.raisedMs - incidentMs)));
        QVERIFY(alert.raisedMs - alert.startMs >= minDurationMs);
        QCOMPARE(alert.severity, Severity::Critical);
        QCOMPARE(alert.rule, QStringLiteral("m anomaly"));
        QVERIFY(!alert.open());
        QVERIFY(alert.peakScore >= kDefaultThreshold);
    }

    void aShortBlipDoesNotLastTheMinimumDuration()
    {
        AlertEngine engine({ rule(QStringLiteral("qps"), 2000, 10'000) });
        std::vector<double> values = test::noisySeries(1000, 3, 5000.0, 50.0);
        values[600] += 2000.0; // one tick
        for (std::size_t i = 0; i < values.size(); ++i)
            engine.add(static_cast<qint64>(i) * kTickMs, QStringLiteral("qps"), values[i]);
        QVERIFY(engine.alerts().isEmpty());
        QVERIFY(engine.lastScore(0) < kDefaultThreshold);
    }

    void cooldownMergesARelapseAndLaterIncidentsAlertAgain()
    {
        AlertEngine engine({ rule(QStringLiteral("p99"), 0, 60'000) });
        std::vector<double> values = test::noisySeries(6000, 5, 20.0, 1.0);
        for (std::size_t at : { 2000u, 2100u, 5000u }) // 2100 is 10 s later: inside the cooldown
            values[at] += 30.0;
        for (std::size_t i = 0; i < values.size(); ++i)
            engine.add(static_cast<qint64>(i) * kTickMs, QStringLiteral("p99"), values[i]);
        QCOMPARE(engine.alerts().size(), qsizetype(2));
        QCOMPARE(engine.alerts().at(0).raisedMs, qint64(2000) * kTickMs);
        QCOMPARE(engine.alerts().at(1).raisedMs, qint64(5000) * kTickMs);
    }

    void defaultRulesStayQuietOnCleanTrafficAndRaiseOnePerIncident()
    {
        // 10 minutes of every engine metric at 10 Hz, then a 1 minute p99 latency jump (x3) and its recovery.
        AlertEngine engine(defaultAlertRules());
        QCOMPARE(engine.rules().size(), qsizetype(8));
        struct Metric
        {
            const char* name;
            double level;
            double sd;
        };
        const Metric metrics[] = { { "qps", 5000, 70 },          { "bid_rate", 0.8, 0.01 }, { "win_rate", 0.25, 0.008 },
                                   { "ctr", 0.002, 0.0001 },     { "spend_rate", 120, 4 },  { "roas", 2.5, 0.08 },
                                   { "p99_latency_ms", 12, 0.8 } };
        std::uint32_t seed = 100;
        for (const Metric& m : metrics) {
            const std::vector<double> values = test::noisySeries(9000, seed++, m.level, m.sd);
            for (std::size_t i = 0; i < values.size(); ++i) {
                const bool incident = QLatin1String(m.name) == QLatin1String("p99_latency_ms") && i >= 6000 && i < 6600;
                engine.add(static_cast<qint64>(i) * kTickMs, QString::fromLatin1(m.name),
                           values[i] * (incident ? 3.0 : 1.0));
                engine.add(static_cast<qint64>(i) * kTickMs, QStringLiteral("worker_restarts"), 0.0);
            }
        }
        QCOMPARE(engine.alerts().size(), qsizetype(1));
        QCOMPARE(engine.alerts().first().metric, QStringLiteral("p99_latency_ms"));
        QCOMPARE(engine.alerts().first().raisedMs, qint64(6000 + 10) * kTickMs); // the 1 s minimum duration
    }

    void rulesOnlySeeTheirMetric()
    {
        AlertEngine engine;
        QVERIFY(engine.addRule(rule(QStringLiteral("a"), 0, 1000)).ok());
        QVERIFY(engine.addRule(rule(QStringLiteral("b"), 0, 1000)).ok());
        const Status bad = engine.addRule(rule(QStringLiteral("c"), 0, 1000, QStringLiteral("nope")));
        QVERIFY(!bad.ok());
        QVERIFY(bad.error().contains(QStringLiteral("nope")));
        QCOMPARE(engine.rules().size(), qsizetype(2));
        const std::vector<double> a = test::noisySeries(500, 1, 10.0, 1.0);
        for (std::size_t i = 0; i < a.size(); ++i) {
            engine.add(static_cast<qint64>(i) * kTickMs, QStringLiteral("a"), a[i]);
            engine.add(static_cast<qint64>(i) * kTickMs, QStringLiteral("b"), i == 400 ? 1000.0 : a[i]);
        }
        QCOMPARE(engine.alerts().size(), qsizetype(1));
        QCOMPARE(engine.alerts().first().metric, QStringLiteral("b"));
        QCOMPARE(severityName(Severity::Warning), QStringLiteral("warning"));
    }
};

BIDLAB_TEST_MAIN_CORE(AlertEngineTest)
#include "test_alert_engine.moc"
