// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

namespace bidlab::ui {

// The Fusion style with a light or dark palette, or the platform's own look.
enum class Theme { System, Light, Dark };

void applyTheme(Theme theme);
QString themeName(Theme theme);
Theme themeFromName(const QString& name);

} // namespace bidlab::ui
