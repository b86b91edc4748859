// SPDX-License-Identifier: MIT
#pragma once

#include <QList>

class QWidget;

namespace bidlab::ui {

class Panel;

// The main window's tabs, in order. Each capability adds its panel here (one line).
QList<Panel*> createPanels(QWidget* parent);

} // namespace bidlab::ui
