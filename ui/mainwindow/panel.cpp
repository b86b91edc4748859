// SPDX-License-Identifier: MIT
#include "ui/mainwindow/panel.h"

namespace bidlab::ui {

Panel::Panel(QWidget* parent)
    : QWidget(parent)
{ }

void Panel::saveSettings(QSettings&) const { }

void Panel::restoreSettings(QSettings&) { }

} // namespace bidlab::ui
