// SPDX-License-Identifier: MIT
// The dashboard's item models, each under QAbstractItemModelTester while rows come, change and go.
#include "core/common/money.h"
#include "tests/common/test_support.h"
#include "tests/gui/live/snapshot_factory.h"
#include "ui/history/run_list_model.h"
#include "ui/live/campaign_table_model.h"
#include "ui/live/event_log_model.h"
#include "ui/live/worker_table_model.h"
#include "ui/widgets/number_text.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QtTest>

using namespace bidlab;
using namespace bidlab::ui;

namespace {

engine::WorkerRow worker(int id, engine::WorkerState state = engine::WorkerState::Running, int restarts = 0)
{
    engine::WorkerRow row;
    row.id = id;
    row.pid = 1000 + id;
    row.state = state;
    row.requestsPerSecond = 1000.0 * (id + 1);
    row.meanLatencyNs = 50'000;
    row.p99LatencyNs = 2'000'000;
    row.restarts = restarts;
    return row;
}

engine::EngineEvent makeEvent(engine::EventSeverity severity, const QString& text, int workerId = -1)
{
    engine::EngineEvent e;
    e.timeMs = 1'700'000'000'000;
    e.elapsedSeconds = 1.5;
    e.severity = severity;
    e.kind = engine::EventKind::WorkerStderr;
    e.worker = workerId;
    e.text = text;
    return e;
}

QList<int> ids(const WorkerTableModel& model)
{
    QList<int> list;
    for (int row = 0; row < model.rowCount(); ++row)
        list.append(model.workerId(row));
    return list;
}

} // namespace

class TestLiveModels : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void workersComeChangeAndGo()
    {
        WorkerTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        model.setWorkers({ worker(1), worker(0) });
        QCOMPARE(ids(model), (QList<int> { 0, 1 }));
        QCOMPARE(inserted.size(), 2);
        // Same workers: changed in place, no rows inserted or removed.
        model.setWorkers({ worker(0), worker(1, engine::WorkerState::Restarting, 1) });
        QCOMPARE(inserted.size(), 2);
        QCOMPARE(model.index(1, WorkerTableModel::State).data().toString(), QStringLiteral("restarting"));
        QCOMPARE(model.index(1, WorkerTableModel::Restarts).data().toInt(), 1);
        // Scale to four, then retire worker 1.
        model.setWorkers({ worker(0), worker(1), worker(2), worker(3) });
        QCOMPARE(ids(model), (QList<int> { 0, 1, 2, 3 }));
        model.setWorkers({ worker(0), worker(2), worker(3) });
        QCOMPARE(ids(model), (QList<int> { 0, 2, 3 }));
        QCOMPARE(removed.size(), 1);
        QCOMPARE(resets.size(), 0);
        QCOMPARE(model.rowOfWorker(3), 2);
        QCOMPARE(model.index(0, WorkerTableModel::Pid).data().toString(), QStringLiteral("1000"));
        QCOMPARE(model.index(2, WorkerTableModel::RequestsPerSecond).data().toString(), QStringLiteral("4.00 k"));
        QCOMPARE(model.index(0, WorkerTableModel::P99Latency).data().toString(), QStringLiteral("2.00 ms"));
        QCOMPARE(model.index(0, WorkerTableModel::P99Latency).data(WorkerTableModel::SortRole).toLongLong(), 2'000'000);
        QCOMPARE(model.headerData(WorkerTableModel::Restarts, Qt::Horizontal).toString(), QStringLiteral("Restarts"));
        // The model fingerprint: its first 8 hex digits, or the empty mark before a model is loaded.
        QCOMPARE(model.index(0, WorkerTableModel::Model).data().toString(), emptyValueText());
        engine::WorkerRow deployed = worker(0);
        deployed.modelFingerprint = 0x00ab'cdef'1234'5678ULL;
        model.setWorkers({ deployed, worker(2), worker(3) });
        QCOMPARE(model.index(0, WorkerTableModel::Model).data().toString(), QStringLiteral("00abcdef"));
        QCOMPARE(model.index(0, WorkerTableModel::Model).data(WorkerTableModel::SortRole).toULongLong(),
                 0x00ab'cdef'1234'5678ULL);
        model.clear();
        QCOMPARE(model.rowCount(), 0);
    }

    void campaignsSortAndPace()
    {
        CampaignTableModel model;
        QSortFilterProxyModel proxy;
        proxy.setSourceModel(&model);
        proxy.setSortRole(CampaignTableModel::SortRole);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester proxyTester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        proxy.sort(CampaignTableModel::Spend, Qt::DescendingOrder);
        const engine::EngineSnapshot s = test::makeSnapshot(360, 10'000, 2, 3); // 6 world hours into the day
        model.setCampaigns(s.campaigns, s.simTimeMs);
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(CampaignTableModel::dayFraction(s.simTimeMs), 0.25);
        // Highest spend first: campaign 2 pays 3 units per win.
        QCOMPARE(proxy.index(0, CampaignTableModel::Name).data().toString(), QStringLiteral("campaign 2"));
        const engine::CampaignRow& c0 = s.campaigns[0];
        const double used = double(c0.spentToday) / double(c0.dailyBudget);
        QCOMPARE(CampaignTableModel::paceIndex(c0, s.simTimeMs).value(), used / 0.25);
        QCOMPARE(model.index(0, CampaignTableModel::WinRate).data().toString(), QStringLiteral("50.0 %"));
        QCOMPARE(model.index(0, CampaignTableModel::Spend).data().toString(), formatMoney(c0.spend));
        // Empty ratios are empty, never inf or NaN.
        engine::CampaignRow idle;
        idle.id = 9;
        idle.name = QStringLiteral("idle");
        model.setCampaigns({ c0, idle }, s.simTimeMs);
        const int idleRow = 1;
        QCOMPARE(model.index(idleRow, CampaignTableModel::Roas).data().toString(), QStringLiteral("—"));
        QVERIFY(model.index(idleRow, CampaignTableModel::Pacing).data(CampaignTableModel::SortRole).isNull());
        QVERIFY(!CampaignTableModel::paceIndex(idle, s.simTimeMs).has_value());
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(proxy.rowCount(), 2);
    }

    void eventLogBatchesAndCaps()
    {
        EventLogModel model(nullptr, 5);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        model.add(makeEvent(engine::EventSeverity::Info, QStringLiteral("one")));
        model.add(makeEvent(engine::EventSeverity::Warning, QStringLiteral("two"), 1));
        QCOMPARE(model.rowCount(), 0); // queued until the flush
        QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 2, 5000); // the flush timer
        QCOMPARE(inserted.size(), 1); // one insert for the batch
        QCOMPARE(model.index(1, EventLogModel::Message).data().toString(), QStringLiteral("two"));
        QCOMPARE(model.index(1, EventLogModel::Worker).data().toString(), QStringLiteral("1"));
        QCOMPARE(model.index(1, EventLogModel::Severity).data().toString(), QStringLiteral("warning"));
        QCOMPARE(model.index(1, EventLogModel::Kind).data().toString(),
                 engine::eventKindName(engine::EventKind::WorkerStderr));
        QCOMPARE(model.index(1, EventLogModel::RunTime).data().toString(), QStringLiteral("1.5 s"));
        // A flood: only the newest five stay, the counts keep everything.
        for (int i = 0; i < 20; ++i)
            model.add(makeEvent(engine::EventSeverity::Error, QStringLiteral("line %1").arg(i)));
        model.flush();
        QCOMPARE(model.rowCount(), 5);
        QCOMPARE(model.index(4, EventLogModel::Message).data().toString(), QStringLiteral("line 19"));
        QCOMPARE(model.index(0, EventLogModel::Message).data().toString(), QStringLiteral("line 15"));
        QCOMPARE(model.count(engine::EventSeverity::Error), 20);
        QCOMPARE(model.count(engine::EventSeverity::Warning), 1);
        QCOMPARE(model.dropped(), 17);
        model.clear();
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(model.count(engine::EventSeverity::Error), 0);
    }

    void runList()
    {
        RunListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        store::RunInfo a;
        a.id = 3;
        a.name = QStringLiteral("three");
        a.seconds = 12.5;
        a.generated = 1234;
        a.spend = 2'000'000;
        a.revenue = 5'000'000;
        store::RunInfo b = a;
        b.id = 7;
        b.spend = 0;
        model.setRuns({ b, a });
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.rowOfRun(7), 1);
        QCOMPARE(model.index(0, RunListModel::Roas).data().toString(), QStringLiteral("2.50"));
        QCOMPARE(model.index(1, RunListModel::Roas).data().toString(), QStringLiteral("—"));
        QCOMPARE(model.index(0, RunListModel::Seconds).data().toString(), QStringLiteral("12.5 s"));
        QCOMPARE(model.index(0, RunListModel::Requests).data().toString(), QStringLiteral("1,234"));
        model.setRuns({ b });
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.index(0, 0).data(RunListModel::IdRole).toLongLong(), 7);
    }
};

BIDLAB_TEST_MAIN_GUI(TestLiveModels)
#include "test_live_models.moc"
