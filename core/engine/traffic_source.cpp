// SPDX-License-Identifier: MIT
#include "core/engine/traffic_source.h"

#include "core/engine/engine_config.h"
#include "core/engine/replay_traffic.h"
#include "core/engine/synthetic_traffic.h"

#include <QCoreApplication>

namespace bidlab::engine {

QStringList trafficKinds()
{
    return { QStringLiteral("synthetic"), QStringLiteral("ipinyou") };
}

Expected<std::unique_ptr<TrafficSource>> makeTrafficSource(const EngineConfig& config, const World& world)
{
    if (config.traffic.kind == QLatin1String("synthetic"))
        return std::unique_ptr<TrafficSource>(std::make_unique<SyntheticTraffic>(world));
    if (config.traffic.kind == QLatin1String("ipinyou")) {
        auto replayed = ReplayTraffic::load(config.traffic, config.world.simStartMs);
        if (!replayed)
            return Error { replayed.error() };
        return std::unique_ptr<TrafficSource>(std::move(replayed).value());
    }
    return Error { QCoreApplication::translate("TrafficSource", "'traffic.kind' \"%1\" is not known to this build.")
                       .arg(config.traffic.kind) };
}

} // namespace bidlab::engine
