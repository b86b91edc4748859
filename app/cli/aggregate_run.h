// SPDX-License-Identifier: MIT
#pragma once

#include "core/aggregate/aggregate_result.h"

class QCommandLineParser;

namespace bidlab::cli {

// The part `aggregate`, `report` and `bench aggregate` share: reads the aggregation options and FILE from a
// parsed command line, runs the scan with a progress line on stderr (when it is a terminal) and SIGINT /
// SIGTERM as cancel, and prints what went wrong. Returns kOk with *result filled, or the exit code.
int runAggregation(const QCommandLineParser& parser, aggregate::AggregateResult* result);

// True once SIGINT or SIGTERM arrived (the handlers are installed by runAggregation).
bool interrupted();
void installInterruptHandlers();

} // namespace bidlab::cli
