// SPDX-License-Identifier: MIT
// Reading A/B tables: columns found by header, the three shapes, and bad rows reported with file, line and
// reason while the rest is kept.
#include "core/stats/ab_loader.h"
#include "tests/common/test_support.h"
#include "tests/unit/stats/stats_fixtures.h"

#include <QFile>
#include <QTemporaryDir>

using namespace bidlab;
using namespace bidlab::stats;

namespace {

const Arm* findArm(const Experiment& e, const QString& name)
{
    for (const Arm& arm : e.arms) {
        if (arm.name == name)
            return &arm;
    }
    return nullptr;
}

} // namespace

class LoaderTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void normalizesHeaders_data()
    {
        QTest::addColumn<QString>("header");
        QTest::addColumn<QString>("name");
        QTest::newRow("facebook impressions") << QStringLiteral("# of Impressions") << QStringLiteral("impressions");
        QTest::newRow("units in brackets") << QStringLiteral("Spend [USD]") << QStringLiteral("spend");
        QTest::newRow("words") << QStringLiteral("Campaign Name") << QStringLiteral("campaignname");
        QTest::newRow("snake case") << QStringLiteral("auction_id") << QStringLiteral("auctionid");
        QTest::newRow("number of") << QStringLiteral("Number of Clicks") << QStringLiteral("clicks");
        QTest::newRow("parenthesis") << QStringLiteral("Revenue (EUR)") << QStringLiteral("revenue");
        QTest::newRow("a lone filler word stays") << QStringLiteral("Total") << QStringLiteral("total");
        QTest::newRow("no") << QStringLiteral(" no ") << QStringLiteral("no");
    }

    void normalizesHeaders()
    {
        QFETCH(QString, header);
        QFETCH(QString, name);
        QCOMPARE(normalizeHeader(header), name);
    }

    void mapsTheRealHeaders()
    {
        const QStringList facebook { QStringLiteral("Campaign Name"),
                                     QStringLiteral("Date"),
                                     QStringLiteral("Spend [USD]"),
                                     QStringLiteral("# of Impressions"),
                                     QStringLiteral("Reach"),
                                     QStringLiteral("# of Website Clicks"),
                                     QStringLiteral("# of Searches"),
                                     QStringLiteral("# of View Content"),
                                     QStringLiteral("# of Add to Cart"),
                                     QStringLiteral("# of Purchase") };
        const Expected<ColumnMap> fb = mapColumns(facebook, {}, QStringLiteral("control_group.csv"));
        QVERIFY2(fb, qPrintable(fb.error()));
        QCOMPARE((*fb)[Role::Arm], 0);
        QCOMPARE((*fb)[Role::Date], 1);
        QCOMPARE((*fb)[Role::Cost], 2);
        QCOMPARE((*fb)[Role::Exposures], 3);
        QCOMPARE((*fb)[Role::Clicks], 5);
        QCOMPARE((*fb)[Role::Conversions], 9);
        QVERIFY(!fb->has(Role::Experiment) && !fb->has(Role::Revenue));

        const QStringList smartad { QStringLiteral("auction_id"),  QStringLiteral("experiment"),
                                    QStringLiteral("date"),        QStringLiteral("hour"),
                                    QStringLiteral("device_make"), QStringLiteral("platform_os"),
                                    QStringLiteral("browser"),     QStringLiteral("yes"),
                                    QStringLiteral("no") };
        const Expected<ColumnMap> sa = mapColumns(smartad, {}, QStringLiteral("AdSmartABdata.csv"));
        QVERIFY(sa);
        QCOMPARE((*sa)[Role::Arm], 1); // "experiment" holds control / exposed
        QVERIFY(!sa->has(Role::Experiment));
        QCOMPARE((*sa)[Role::User], 0);
        QCOMPARE((*sa)[Role::Conversions], 7);
        QCOMPARE((*sa)[Role::Declined], 8);

        // With both, "arm" is the arm and "experiment" the experiment.
        const Expected<ColumnMap> both = mapColumns({ QStringLiteral("experiment"), QStringLiteral("arm"),
                                                      QStringLiteral("users"), QStringLiteral("conversions") },
                                                    {}, QStringLiteral("x.csv"));
        QCOMPARE((*both)[Role::Experiment], 0);
        QCOMPARE((*both)[Role::Arm], 1);
        QCOMPARE((*both)[Role::Exposures], 2);
    }

    void chosenColumnsWin()
    {
        const QStringList header { QStringLiteral("bucket"), QStringLiteral("Reach"), QStringLiteral("impressions"),
                                   QStringLiteral("hits") };
        QMap<Role, QString> chosen { { Role::Exposures, QStringLiteral("reach") },
                                     { Role::Clicks, QStringLiteral(" Hits ") } };
        const Expected<ColumnMap> map = mapColumns(header, chosen, QStringLiteral("x.csv"));
        QVERIFY(map);
        QCOMPARE((*map)[Role::Exposures], 1);
        QCOMPARE((*map)[Role::Clicks], 3);
        chosen.insert(Role::Cost, QStringLiteral("spend"));
        const Expected<ColumnMap> missing = mapColumns(header, chosen, QStringLiteral("x.csv"));
        QVERIFY(!missing);
        QVERIFY2(missing.error().contains(QStringLiteral("x.csv has no column 'spend'")), qPrintable(missing.error()));
        // An empty choice leaves a role out.
        const Expected<ColumnMap> without
            = mapColumns({ QStringLiteral("arm"), QStringLiteral("impressions"), QStringLiteral("clicks") },
                         { { Role::Exposures, QString() } }, QStringLiteral("x.csv"));
        QVERIFY(without && !without->has(Role::Exposures) && without->has(Role::Clicks));
    }

    void chosenColumnsAreNeverTakenByTheMatching()
    {
        // Clicks chosen as "impressions": the exposures must not take that column by its name.
        const QStringList header { QStringLiteral("arm"), QStringLiteral("impressions"), QStringLiteral("views") };
        const ColumnMap map = findColumns(header, { { Role::Clicks, QStringLiteral("Impressions") } });
        QCOMPARE(map[Role::Clicks], 1);
        QCOMPARE(map[Role::Exposures], 2); // the next name on its list
        QCOMPARE(findColumns(header, { { Role::Clicks, QStringLiteral("nowhere") } })[Role::Clicks], -1);
    }

    void refusesTablesWithoutArmOrMetric()
    {
        const Expected<ColumnMap> noArm
            = mapColumns({ QStringLiteral("day"), QStringLiteral("clicks") }, {}, QStringLiteral("daily.csv"));
        QVERIFY(!noArm);
        QVERIFY2(noArm.error().contains(QStringLiteral("daily.csv")) && noArm.error().contains(QStringLiteral("'day'")),
                 qPrintable(noArm.error()));
        const Expected<ColumnMap> noMetric
            = mapColumns({ QStringLiteral("variant"), QStringLiteral("country") }, {}, QStringLiteral("m.csv"));
        QVERIFY(!noMetric);
    }

    void aggregatedTable()
    {
        // Two experiments, a repeated (experiment, arm) row that adds up, a control that is not first, a BOM,
        // CRLF, semicolons and a quoted field.
        const QString path = write(QStringLiteral("agg.csv"),
                                   "\xEF\xBB\xBFtest;variant;users;conversions;revenue\r\n"
                                   "homepage;B;1000;30;300.50\r\n"
                                   "homepage;control;1000;20;200\r\n"
                                   "\"checkout; v2\";A;500;10;0\r\n"
                                   "\"checkout; v2\";B;500;15;0\r\n"
                                   "homepage;B;10;1;0.5\r\n");
        const Expected<Dataset> data = loadDataset({ path });
        QVERIFY2(data, qPrintable(data.error()));
        QCOMPARE(data->shape, TableShape::Aggregated);
        QCOMPARE(data->rows, 5);
        QCOMPARE(data->rejectedRows, 0);
        QCOMPARE(int(data->experiments.size()), 2);
        const Experiment& home = data->experiments[0];
        QCOMPARE(home.name, QStringLiteral("homepage"));
        QCOMPARE(home.arms.front().name, QStringLiteral("control")); // moved first
        const Arm* b = findArm(home, QStringLiteral("B"));
        QCOMPARE(b->exposures, 1010);
        QCOMPARE(b->assigned, 1010);
        QCOMPARE(b->conversions, 31);
        QCOMPARE(b->revenue, Micros(301'000'000));
        QCOMPARE(data->experiments[1].name, QStringLiteral("checkout; v2"));
        QCOMPARE(data->experiments[1].arms.front().name, QStringLiteral("A")); // "A" reads as the control
        QVERIFY(data->experiments[1].arms.front().units.size() == 0);
    }

    void badRowsAreReportedAndLeftOut()
    {
        const QString path = write(QStringLiteral("bad.csv"),
                                   "arm,impressions,clicks,cost\n"
                                   "A,1000,10,5.00\n"
                                   "B,,12,5.00\n"
                                   "B,1000,twelve,5.00\n"
                                   "B,1000,-3,5.00\n"
                                   "B,1000,12\n"
                                   "B,1000,12,5.0.0\n"
                                   ",1000,12,5\n"
                                   "B,1000,12,5.00\n"
                                   "B,1000,13,\"7\n");
        const Expected<Dataset> data = loadDataset({ path });
        QVERIFY2(data, qPrintable(data.error()));
        QCOMPARE(data->rejectedRows, 7);
        QCOMPARE(int(data->problems.size()), 7);
        const QStringList expected {
            QStringLiteral("bad.csv, line 3: 'impressions' is empty; the row was left out."),
            QStringLiteral("bad.csv, line 4: 'clicks' is not a whole number: 'twelve'; the row was left out."),
            QStringLiteral("bad.csv, line 5: 'clicks' is negative (-3); the row was left out."),
            QStringLiteral("bad.csv, line 6: it has 3 fields where the header has 4; the row was left out."),
            QStringLiteral("bad.csv, line 7: 'cost' is not an amount of money: '5.0.0'; the row was left out."),
            QStringLiteral("bad.csv, line 8: 'arm' is empty; the row was left out."),
        };
        for (int i = 0; i < expected.size(); ++i)
            QCOMPARE(data->problems[std::size_t(i)].message(), expected[i]);
        QCOMPARE(data->problems[6].line, 10);
        QVERIFY2(data->problems[6].reason.contains(QStringLiteral("unterminated")),
                 qPrintable(data->problems[6].reason));
        // The good rows are all there.
        const Experiment& e = data->experiments.front();
        QCOMPARE(int(e.arms.size()), 2);
        QCOMPARE(findArm(e, QStringLiteral("B"))->clicks, 12);
        QCOMPARE(findArm(e, QStringLiteral("A"))->cost, Micros(5'000'000));
    }

    void perUserTable()
    {
        // Yes/no answers: a user with neither did not respond; u3 appears in both arms; u1 has two rows.
        const QString path = write(QStringLiteral("users.csv"),
                                   "auction_id,experiment,yes,no\n"
                                   "u1,control,1,0\n"
                                   "u2,control,0,0\n"
                                   "u3,control,0,1\n"
                                   "u4,exposed,1,0\n"
                                   "u3,exposed,1,0\n"
                                   "u5,exposed,yes,no\n"
                                   "u6,exposed,1,1\n"
                                   "u1,control,0,0\n");
        const Expected<Dataset> data = loadDataset({ path });
        QVERIFY2(data, qPrintable(data.error()));
        QCOMPARE(data->shape, TableShape::PerUnit);
        QCOMPARE(data->rejectedRows, 1);
        QVERIFY2(data->problems.front().reason.contains(QStringLiteral("both")),
                 qPrintable(data->problems.front().reason));
        QCOMPARE(data->problems.front().line, 8);
        const Experiment& e = data->experiments.front();
        QCOMPARE(e.name, QStringLiteral("users"));
        const Arm& control = e.arms[0];
        QCOMPARE(control.name, QStringLiteral("control"));
        QCOMPARE(control.assigned, 3); // u1 (two rows), u2, u3
        QCOMPARE(control.exposures, 2); // u1 and u3 answered
        QCOMPARE(control.conversions, 1);
        QCOMPARE(control.nonResponders, 1);
        const Arm& exposed = e.arms[1];
        QCOMPARE(exposed.assigned, 3); // u4, u3, u5
        QCOMPARE(exposed.conversions, 3);
        QCOMPARE(exposed.exposures, 3);
        QVERIFY2(data->notes.join(QLatin1Char(' ')).contains(QStringLiteral("1 user(s) appear in more than one arm")),
                 qPrintable(data->notes.join(QLatin1Char('\n'))));
    }

    void dailyTablesFromTwoFiles()
    {
        const QString a = write(QStringLiteral("control.csv"),
                                "Campaign Name;Date;# of Impressions;# of Website Clicks\r\n"
                                "Control Campaign;1.08.2019;1000;10\r\n"
                                "Control Campaign;2.08.2019;;\r\n"
                                "Control Campaign;1.08.2019;500;5");
        const QString b = write(QStringLiteral("test.csv"),
                                "Campaign Name;Date;# of Impressions;# of Website Clicks\r\n"
                                "Test Campaign;1.08.2019;800;20\r\n"
                                "Test Campaign;2.08.2019;900;30\r\n");
        const Expected<Dataset> data = loadDataset({ b, a });
        QVERIFY2(data, qPrintable(data.error()));
        QCOMPARE(data->shape, TableShape::Daily);
        QCOMPARE(data->rejectedRows, 1);
        QCOMPARE(data->problems.front().file, QStringLiteral("control.csv"));
        QCOMPARE(data->problems.front().line, 3);
        const Experiment& e = data->experiments.front();
        QCOMPARE(e.name, QStringLiteral("test + control"));
        QCOMPARE(e.arms.front().name, QStringLiteral("Control Campaign")); // the name says control
        QCOMPARE(int(e.arms.front().units.size()), 1); // two rows of 1.08 are one day
        QCOMPARE(e.arms.front().units.exposures.front(), 1500);
        QCOMPARE(e.arms.front().assigned, 1500);
        QCOMPARE(int(e.arms[1].units.size()), 2);
    }

    void wholeFileFailures()
    {
        QVERIFY(!loadDataset({}));
        const Expected<Dataset> missing = loadDataset({ m_dir.filePath(QStringLiteral("none.csv")) });
        QVERIFY2(missing.error().contains(QStringLiteral("none.csv"))
                     && missing.error().contains(QStringLiteral("does not exist")),
                 qPrintable(missing.error()));
        QVERIFY(!loadDataset({ write(QStringLiteral("empty.csv"), "") }));
        const Expected<Dataset> allBad = loadDataset({ write(QStringLiteral("allbad.csv"), "arm,clicks\nA,x\nB,y\n") });
        QVERIFY(!allBad);
        QVERIFY2(allBad.error().contains(QStringLiteral("allbad.csv, line 2")), qPrintable(allBad.error()));
        const Expected<Dataset> shapes = loadDataset({ write(QStringLiteral("s1.csv"), "arm,users,clicks\nA,1,1\n"),
                                                       write(QStringLiteral("s2.csv"), "arm,user,clicks\nA,u,1\n") });
        QVERIFY(!shapes);
        QVERIFY2(shapes.error().contains(QStringLiteral("s2.csv")), qPrintable(shapes.error()));
    }

    void controlByName()
    {
        const QString path = write(QStringLiteral("named.csv"), "arm,users,clicks\nold,100,5\nnew,100,9\n");
        LoadOptions options;
        options.control = QStringLiteral("NEW");
        const Expected<Dataset> data = loadDataset({ path }, options);
        QCOMPARE(data->experiments.front().arms.front().name, QStringLiteral("new"));
        options.control = QStringLiteral("nobody");
        const Expected<Dataset> other = loadDataset({ path }, options);
        QCOMPARE(other->experiments.front().arms.front().name, QStringLiteral("old"));
        QVERIFY2(other->notes.join(QLatin1Char(' ')).contains(QStringLiteral("'nobody'")),
                 qPrintable(other->notes.join(QLatin1Char(' '))));
    }

private:
    QString write(const QString& name, const QByteArray& content) { return test::writeFile(m_dir, name, content); }

    QTemporaryDir m_dir;
};

BIDLAB_TEST_MAIN_CORE(LoaderTest)
#include "test_loader.moc"
