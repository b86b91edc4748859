// SPDX-License-Identifier: MIT
#pragma once

#include "core/common/expected.h"
#include "core/replay/replay_job.h"

#include <QJsonObject>

namespace bidlab::cli {

// `replay --live`: replays the offline run's log through the engine (bidder worker processes, the exchange,
// the event pipeline) with the same strategy, prints the live totals beside the offline ones and whether
// they are equal, and returns them as JSON (key "live"). Blocks in an event loop until the run ends.
Expected<QJsonObject> runLiveReplay(const replay::ReplayRun& offline, int workers, bool quiet);

} // namespace bidlab::cli
