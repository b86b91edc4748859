// SPDX-License-Identifier: MIT
#pragma once

#include "core/common/expected.h"
#include "core/engine/engine_config.h"

#include <QString>

// bidlab-cli simulate --arm NAME:KEY=VALUE,...: an A/B arm of the traffic split from the command line.
namespace bidlab::cli {

// The keys an --arm takes, for --help: "weight, strategy, base-bid, ...".
QString armOptionKeys();

// One --arm value, e.g. "high:strategy=linear,base-bid=4,weight=1". Settings not given are `base`'s (the
// run's strategy). Fails with a sentence naming the arm and the key.
Expected<engine::ArmConfig> parseArmOption(const QString& text, const bidding::StrategyParams& base);

} // namespace bidlab::cli
