// SPDX-License-Identifier: MIT
// The Live tab's stored settings across versions: a config stored by an older BidLab (no "configVersion", an
// old world such as a 4-hour conversion delay) comes back with the person's choices on the left panel and this
// version's world, and says so once; a config of this version comes back as it was.
#include "core/engine/engine_config.h"
#include "tests/common/test_support.h"
#include "ui/live/event_log_model.h"
#include "ui/live/live_controls.h"
#include "ui/live/live_dashboard.h"
#include "ui/live/live_panel.h"
#include "ui/mainwindow/main_window.h"

#include <QJsonDocument>
#include <QSettings>
#include <QStatusBar>
#include <QtTest>

using namespace bidlab;
using namespace bidlab::ui;

namespace {

// What a person set on the left panel, over a world that is not this version's default.
engine::EngineConfig customised()
{
    engine::EngineConfig c;
    c.name = QStringLiteral("my scenario");
    c.workers = 5;
    c.targetQps = 12'000;
    c.strategy.kind = bidding::StrategyKind::Linear;
    c.strategy.baseBidCpm = 2'500'000;
    c.strategy.averageCtr = 0.004;
    c.auction = engine::AuctionType::FirstPrice;
    c.tmaxMs = 80;
    c.seed = 42;
    c.durationSeconds = 120;
    c.world.botShare = 0.1;
    c.world.campaignCount = 30;
    c.world.evenPacing = true;
    c.world.conversionDelayMeanSeconds = 4 * 3600.0; // the old default
    c.world.users = 50'000;
    c.world.marketPriceScale = 1.5;
    return c;
}

void storeSettings(const engine::EngineConfig& config, const QVariant& version)
{
    QSettings settings;
    settings.beginGroup(QStringLiteral("panels/live"));
    settings.setValue(QStringLiteral("config"),
                      QString::fromUtf8(QJsonDocument(config.toJson()).toJson(QJsonDocument::Compact)));
    if (version.isValid())
        settings.setValue(QStringLiteral("configVersion"), version);
    else
        settings.remove(QStringLiteral("configVersion"));
}

int worldResetMessages(LivePanel& panel)
{
    panel.dashboard()->redraw();
    const EventLogModel& log = *panel.dashboard()->eventModel();
    int count = 0;
    for (int row = 0; row < log.rowCount(); ++row)
        count += log.eventAt(row).text.contains(QStringLiteral("older version")) ? 1 : 0;
    return count;
}

LivePanel* livePanel(MainWindow& window)
{
    return qobject_cast<LivePanel*>(window.panel(QStringLiteral("live")));
}

} // namespace

class TestLiveSettings : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init() { QSettings().clear(); }

    void anOldConfigKeepsTheControlsAndTakesTheNewWorld()
    {
        storeSettings(customised(), QVariant()); // as versions before the key wrote it
        MainWindow window;
        LivePanel* panel = livePanel(window);
        const engine::EngineConfig restored = panel->liveControls()->config();

        engine::EngineConfig expected = customised();
        expected.world = engine::WorldConfig {};
        expected.world.botShare = 0.1;
        expected.world.campaignCount = 30;
        expected.world.evenPacing = true;
        QCOMPARE(restored, expected);
        QCOMPARE(restored.world.conversionDelayMeanSeconds, 30.0);
        QCOMPARE(restored.world.users, engine::WorldConfig {}.users);
        QCOMPARE(restored.workers, 5);
        QCOMPARE(restored.strategy, customised().strategy);

        QCOMPARE(worldResetMessages(*panel), 1);
        QVERIFY2(window.statusBar()->currentMessage().contains(QStringLiteral("older version")),
                 qPrintable(window.statusBar()->currentMessage()));

        // Saved again, it is of this version: the next start says nothing more.
        window.saveSettings();
        QCOMPARE(QSettings().value(QStringLiteral("panels/live/configVersion")).toInt(), 2);
        MainWindow again;
        QCOMPARE(livePanel(again)->liveControls()->config(), expected);
        QCOMPARE(worldResetMessages(*livePanel(again)), 0);
    }

    void explicitCampaignsOfAnOldWorldBecomeGeneratedOnes()
    {
        engine::EngineConfig old = customised();
        old.world.campaigns.resize(3);
        for (std::size_t i = 0; i < old.world.campaigns.size(); ++i) {
            old.world.campaigns[i].name = QStringLiteral("c%1").arg(i);
            old.world.campaigns[i].dailyBudget = 1'000'000'000;
            old.world.campaigns[i].maxBidCpm = 5'000'000;
        }
        storeSettings(old, 1);
        MainWindow window;
        const engine::EngineConfig restored = livePanel(window)->liveControls()->config();
        QVERIFY(restored.world.campaigns.empty());
        QCOMPARE(restored.world.campaignCount, 3); // the count the panel showed
    }

    void anOldConfigWithTheCurrentWorldSaysNothing()
    {
        engine::EngineConfig config = customised();
        config.world.conversionDelayMeanSeconds = engine::WorldConfig {}.conversionDelayMeanSeconds;
        config.world.users = engine::WorldConfig {}.users;
        config.world.marketPriceScale = 1.0;
        storeSettings(config, QVariant());
        MainWindow window;
        QCOMPARE(livePanel(window)->liveControls()->config(), config);
        QCOMPARE(worldResetMessages(*livePanel(window)), 0);
    }

    void aConfigOfThisVersionComesBackAsItWas()
    {
        storeSettings(customised(), 2);
        MainWindow window;
        QCOMPARE(livePanel(window)->liveControls()->config(), customised());
        QCOMPARE(worldResetMessages(*livePanel(window)), 0);
    }
};

BIDLAB_TEST_MAIN_GUI(TestLiveSettings)
#include "test_live_settings.moc"
