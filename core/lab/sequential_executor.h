// SPDX-License-Identifier: MIT
#pragma once

#include "core/lab/trial.h"

namespace bidlab::lab {

// The baseline: every task, one after another, on the calling thread (no start-up, no dispatch).
Expected<TrialOutcome> runSequentialTrial(const TrialSetup& setup, const RunControl& control);

} // namespace bidlab::lab
