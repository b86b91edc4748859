// SPDX-License-Identifier: MIT
#pragma once

#include "ui/mainwindow/panel.h"

namespace bidlab::ui {

// Stands in for a panel whose capability is not built yet, and says so plainly (with the issue that
// builds it), so that the window already has its final frame.
class PendingPanel : public Panel
{
    Q_OBJECT
public:
    PendingPanel(QString title, QString key, QString explanation, QWidget* parent = nullptr);

    QString title() const override { return m_title; }
    QString key() const override { return m_key; }

private:
    QString m_title;
    QString m_key;
};

} // namespace bidlab::ui
