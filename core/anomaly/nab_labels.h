// SPDX-License-Identifier: MIT
#pragma once

#include "core/anomaly/time_series.h"
#include "core/common/expected.h"

#include <vector>

#include <QList>
#include <QMap>
#include <QPair>
#include <QString>

namespace bidlab::anomaly {

// A labelled anomaly window as row indices, both ends inclusive.
struct NabWindow
{
    qsizetype first = 0;
    qsizetype last = 0;

    qsizetype width() const { return last - first + 1; }
    friend bool operator==(const NabWindow&, const NabWindow&) = default;
};

// `labels/combined_windows.json`: "<category>/<file>.csv" -> windows as [start, end] timestamp texts.
using NabWindowLabels = QMap<QString, QList<QPair<QString, QString>>>;
Expected<NabWindowLabels> readNabWindowLabels(const QString& path);

// Matches a file's labelled windows to its rows by exact timestamp text (NAB's `.000000` suffix stripped).
// A window end that matches no row is an error naming the file and the timestamp.
Expected<std::vector<NabWindow>> matchWindows(const TimeSeries& series, const QList<QPair<QString, QString>>& labels);

// The window membership of each row: 1 inside a window, 0 outside (the `label` column of NAB score files).
std::vector<int> windowLabels(qsizetype rows, const std::vector<NabWindow>& windows);

} // namespace bidlab::anomaly
