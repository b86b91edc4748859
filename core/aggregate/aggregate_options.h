// SPDX-License-Identifier: MIT
#pragma once

#include "core/aggregate/aggregate_params.h"
#include "core/aggregate/aggregate_report.h"
#include "core/common/expected.h"

class QCommandLineParser;

// The command-line face of an aggregation, shared by `bidlab-cli aggregate`, `report` and `bench aggregate`.
namespace bidlab::aggregate {

// --group-by, --map, --no-guess, --date-format, --year, --delimiter, --from, --to, --filter, --exclude,
// --threads, --chunk-bytes.
void addAggregateOptions(QCommandLineParser& parser);
// --title, --top-metric, --top, --time-metric, --share-by, --share-metric.
void addReportOptions(QCommandLineParser& parser);

// The parameters for `path`: the mapping guessed from its header (unless --no-guess), then the --map
// overrides, the dimensions, filters and dates. Errors are sentences naming the option.
Expected<AggregateParams> aggregateParamsFrom(const QCommandLineParser& parser, const QString& path);
Expected<ReportOptions> reportOptionsFrom(const QCommandLineParser& parser, const QStringList& dimensions);

// "campaign, date" -> {"campaign", "date"}; "device=mobile,tablet" -> a filter.
QStringList splitList(const QString& text);
Expected<DimensionFilter> parseFilter(const QString& text, bool exclude);

} // namespace bidlab::aggregate
