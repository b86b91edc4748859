// SPDX-License-Identifier: MIT
#pragma once

#include <QIcon>
#include <QPalette>

namespace bidlab::ui {

// The simulation tool bar's Start, Pause and Stop icons, drawn in the palette's button text colour (and its
// disabled colour for the disabled state) rather than taken from the style, whose pixmaps are dark whatever
// the palette: they read on a light and a dark palette alike. Draw them again when the palette changes.
enum class MediaIcon { Play, Pause, Stop };

QIcon mediaIcon(MediaIcon shape, const QPalette& palette);

} // namespace bidlab::ui
