// SPDX-License-Identifier: MIT
#include "ui/mainwindow/pending_panel.h"

#include <QLabel>
#include <QVBoxLayout>

namespace bidlab::ui {

PendingPanel::PendingPanel(QString title, QString key, QString explanation, QWidget* parent)
    : Panel(parent)
    , m_title(std::move(title))
    , m_key(std::move(key))
{
    setObjectName(m_key);
    auto* layout = new QVBoxLayout(this);
    auto* label = new QLabel(QStringLiteral("<h2>%1</h2><p>%2</p>").arg(m_title.toHtmlEscaped(), explanation), this);
    label->setAlignment(Qt::AlignCenter);
    label->setWordWrap(true);
    layout->addWidget(label);
}

} // namespace bidlab::ui
