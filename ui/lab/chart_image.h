// SPDX-License-Identifier: MIT
#pragma once

#include "core/report/report.h"

#include <QSize>

namespace bidlab::ui {

// Writes a report chart as a picture, drawn by the same chart code as the screen and the PDF: PNG (raster,
// `size` pixels on a white background) or SVG (vectors), by the file name's suffix. Written atomically; the
// error names the file. Needs a QApplication (the offscreen platform is enough).
Status writeChartImage(const report::Chart& chart, const QString& path, QSize size = { 1200, 700 });

} // namespace bidlab::ui
