// SPDX-License-Identifier: MIT
// Multiple-comparison corrections: textbook examples, and statsmodels' multipletests on more sets.
#include "core/stats/multiple_testing.h"
#include "stats_fixtures.h"
#include "tests/common/test_support.h"

using namespace bidlab;
using namespace bidlab::stats;

namespace {

std::vector<std::optional<double>> present(const std::vector<double>& p)
{
    return { p.begin(), p.end() };
}

int rejections(const std::vector<std::optional<double>>& adjusted, double alpha)
{
    return int(std::count_if(adjusted.begin(), adjusted.end(), [alpha](const auto& p) { return p && *p <= alpha; }));
}

} // namespace

class CorrectionTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void benjaminiHochberg1995()
    {
        // The 15 p-values of Benjamini & Hochberg (1995), section 4: at q = 0.05 BH rejects the 4 smallest,
        // Bonferroni only 3 (0.05 / 15 = 0.0033), Holm also 3 (0.0095 > 0.05 / 12).
        const std::vector<double> p { 0.0001, 0.0004, 0.0019, 0.0095, 0.0201, 0.0278, 0.0298, 0.0344,
                                      0.0459, 0.3240, 0.4262, 0.5719, 0.6528, 0.7590, 1.000 };
        QCOMPARE(rejections(adjustPValues(present(p), Correction::BenjaminiHochberg), 0.05), 4);
        QCOMPARE(rejections(adjustPValues(present(p), Correction::Bonferroni), 0.05), 3);
        QCOMPARE(rejections(adjustPValues(present(p), Correction::Holm), 0.05), 3);
        QCOMPARE(rejections(adjustPValues(present(p), Correction::BenjaminiYekutieli), 0.05), 3);
        QCOMPARE(rejections(adjustPValues(present(p), Correction::None), 0.05), 9);
    }

    void holmWikipedia()
    {
        // Four hypotheses, p = 0.01, 0.04, 0.03, 0.005 at alpha 0.05: Holm rejects H1 and H4 only.
        const auto adjusted = adjustPValues(present({ 0.01, 0.04, 0.03, 0.005 }), Correction::Holm);
        QCOMPARE(*adjusted[0], 0.03);
        QCOMPARE(*adjusted[3], 0.02);
        QVERIFY(*adjusted[1] > 0.05 && *adjusted[2] > 0.05);
    }

    void missingPValuesAreOutsideTheFamily()
    {
        const std::vector<std::optional<double>> p { 0.01, std::nullopt, 0.02 };
        const auto adjusted = adjustPValues(p, Correction::Bonferroni);
        QCOMPARE(*adjusted[0], 0.02); // m = 2, not 3
        QVERIFY(!adjusted[1]);
        QCOMPARE(*adjusted[2], 0.04);
        QVERIFY(adjustPValues({}, Correction::Holm).empty());
    }

    void matchesStatsmodels_data()
    {
        QTest::addColumn<QJsonObject>("c");
        const QJsonArray cases = test::statsFixture("corrections.json").value(QStringLiteral("cases")).toArray();
        QCOMPARE(cases.size(), 24);
        for (const QJsonValue& c : cases) {
            const QJsonObject o = c.toObject();
            QTest::addRow("%s %s", qPrintable(o[QStringLiteral("set")].toString()),
                          qPrintable(o[QStringLiteral("method")].toString()))
                << o;
        }
    }

    void matchesStatsmodels()
    {
        QFETCH(QJsonObject, c);
        const std::optional<Correction> correction = correctionFromName(c[QStringLiteral("method")].toString());
        QVERIFY(correction);
        const std::vector<double> p = test::doubles(c[QStringLiteral("p")]);
        const std::vector<double> expected = test::doubles(c[QStringLiteral("adjusted")]);
        const QJsonArray reject = c[QStringLiteral("reject")].toArray();
        const auto adjusted = adjustPValues(present(p), *correction);
        QCOMPARE(adjusted.size(), expected.size());
        for (std::size_t i = 0; i < expected.size(); ++i) {
            BIDLAB_CLOSE(*adjusted[i], expected[i]);
            QCOMPARE(*adjusted[i] <= 0.05, reject[qsizetype(i)].toBool());
        }
    }

    void names()
    {
        for (const QString& key : correctionKeys())
            QCOMPARE(correctionKey(*correctionFromName(key)), key);
        QCOMPARE(*correctionFromName(QStringLiteral("fdr_bh")), Correction::BenjaminiHochberg);
        QVERIFY(!correctionFromName(QStringLiteral("sidak")));
    }
};

BIDLAB_TEST_MAIN_CORE(CorrectionTest)
#include "test_corrections.moc"
