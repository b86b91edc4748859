// SPDX-License-Identifier: MIT
// The Anomalies tab's Live page in a real (offscreen) window, on a real engine run (real worker processes,
// deterministic mode): start, inject a crash loop from the menu, see its alert in the table, stop.
#include "tests/common/test_support.h"
#include "ui/anomalies/anomalies_panel.h"
#include "ui/anomalies/live_alert_model.h"
#include "ui/anomalies/live_alerts_view.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QMenu>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QToolButton>

using namespace bidlab;
using namespace bidlab::ui;

class TestAnomalyLiveView : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void injectedIncidentShowsInTheTable()
    {
        AnomaliesPanel panel;
        panel.resize(1100, 700);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        auto* pages = panel.findChild<QTabWidget*>(QStringLiteral("anomalyPages"));
        QVERIFY(pages);
        QCOMPARE(pages->count(), 2);
        pages->setCurrentIndex(1);
        LiveAlertsView* view = panel.liveView();
        QCOMPARE(pages->currentWidget(), view);
        QAbstractItemModelTester tester(view->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);

        engine::EngineConfig config;
        config.deterministic = true;
        config.workers = 2;
        config.workerExecutable = QStringLiteral(BIDLAB_WORKER);
        config.world.users = 20'000;
        config.world.publishers = 500;
        config.world.campaignCount = 40;
        view->setRunConfig(config);
        auto* inject = view->findChild<QToolButton*>(QStringLiteral("injectIncident"));
        auto* start = view->findChild<QPushButton*>(QStringLiteral("startLiveRun"));
        auto* stop = view->findChild<QPushButton*>(QStringLiteral("stopLiveRun"));
        QVERIFY(inject && start && stop);
        QVERIFY(!inject->isEnabled());

        QTest::mouseClick(start, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(inject->isEnabled(), 30'000);
        QVERIFY(!start->isEnabled());
        // Past the rules' 10 s of learning, then the crash loop from the menu.
        QTRY_VERIFY_WITH_TIMEOUT(view->monitor()->lastTimeMs() >= 12'000, 60'000);
        QCOMPARE(view->model()->rowCount(), 0);
        QAction* crash = inject->menu()->findChild<QAction*>(QStringLiteral("inject-crash-loop"));
        QVERIFY(crash);
        crash->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(view->model()->rowCount() >= 1, 60'000);
        const anomaly::LiveAlert& alert = view->model()->alertAt(0);
        QCOMPARE(alert.alert.metric, QStringLiteral("worker_restarts"));
        QCOMPARE(alert.incident, QStringLiteral("crash-loop"));
        QCOMPARE(view->model()->data(view->model()->index(0, LiveAlertModel::MetricColumn)).toString(),
                 QStringLiteral("worker_restarts"));
        QCOMPARE(view->model()->data(view->model()->index(0, LiveAlertModel::IncidentColumn)).toString(),
                 QStringLiteral("crash-loop"));
        auto* table = view->findChild<QTableView*>(QStringLiteral("liveAlertTable"));
        QVERIFY(table && table->model() == view->model());

        QTest::mouseClick(stop, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(start->isEnabled(), 60'000);
        QVERIFY(!inject->isEnabled());
        const QImage shot = panel.grab().toImage();
        QVERIFY(!shot.isNull());
    }
};

BIDLAB_TEST_MAIN_GUI(TestAnomalyLiveView)
#include "test_anomaly_live_view.moc"
