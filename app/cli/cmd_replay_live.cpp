// SPDX-License-Identifier: MIT
#include "app/cli/cmd_replay_live.h"

#include "app/cli/cli_command.h"
#include "core/engine/engine.h"
#include "core/engine/replay_run_config.h"
#include "core/replay/replay_input.h"

#include <QCoreApplication>

namespace bidlab::cli {

Expected<QJsonObject> runLiveReplay(const replay::ReplayRun& offline, int workers, bool quiet)
{
    auto config = engine::liveReplayConfig(offline, workers);
    if (!config)
        return Error { config.error() };
    engine::Engine engine;
    engine::RunSummary summary;
    bool finished = false;
    QObject::connect(&engine, &engine::Engine::finished, [&](const engine::RunSummary& s) {
        summary = s;
        finished = true;
        QCoreApplication::quit();
    });
    if (Status started = engine.start(*config); !started)
        return Error { started.error() };
    if (!finished)
        QCoreApplication::exec();
    if (summary.endState != engine::EngineState::Finished)
        return Error { QStringLiteral("The live replay failed: %1").arg(summary.endReason) };

    const replay::ReplayCounts& want = offline.result.totals;
    const engine::Counters& got = summary.totals;
    const qint64 cost = got.spend * 1000 / replay::kPriceUnitMicros; // back in the log's CPM unit
    const bool equal = got.generated == want.auctions && got.wins == want.impressions && got.clicks == want.clicks
        && got.spend == want.cost * replay::kPriceUnitMicros / 1000;
    QJsonObject live { { QStringLiteral("workers"), workers },
                       { QStringLiteral("seconds"), summary.seconds },
                       { QStringLiteral("auctions"), got.generated },
                       { QStringLiteral("bids"), got.bids },
                       { QStringLiteral("impressions"), got.wins },
                       { QStringLiteral("clicks"), got.clicks },
                       { QStringLiteral("cost"), cost },
                       { QStringLiteral("budgetRejected"), got.budgetRejected },
                       { QStringLiteral("equalsOffline"), equal } };
    if (!quiet) {
        QString text = QStringLiteral("\nLive replay through the engine (%1 worker processes, deterministic, %2 s):\n"
                                      "               offline       live\n")
                           .arg(workers)
                           .arg(summary.seconds, 0, 'f', 2);
        const auto row = [&text](const char* name, qint64 a, qint64 b) {
            text += QStringLiteral("  %1 %2 %3\n").arg(QLatin1String(name), -11).arg(a, 10).arg(b, 10);
        };
        row("auctions", want.auctions, got.generated);
        row("bids", want.bids, got.bids);
        row("impressions", want.impressions, got.wins);
        row("clicks", want.clicks, got.clicks);
        row("cost", want.cost, cost);
        text += equal
            ? QStringLiteral("The live totals equal the offline replay's.")
            : QStringLiteral("The live totals differ from the offline replay's: the budget binds. The exchange "
                             "refused %1 wins the budget left could not pay, and a campaign is then "
                             "exhausted for the rest of the episode; the bidders see budgets as of the last "
                             "lock-step batch. The offline rules cap every bid at the exact budget left.")
                  .arg(got.budgetRejected);
        printOut(text);
    }
    return live;
}

} // namespace bidlab::cli
