// SPDX-License-Identifier: MIT
#pragma once

#include "core/store/run_store.h"

namespace bidlab::ui {

// A marker the Live tab draws on a run's charts, kept so that the run's report shows it too and the run history
// stores it with the run. Its chart is a LiveChartGrid::Chart (the first four report charts share that order).
using RunMarker = store::RunMarker;

} // namespace bidlab::ui
