// SPDX-License-Identifier: MIT
#include "ui/widgets/kpi_tile.h"

#include <QLabel>
#include <QVBoxLayout>

namespace bidlab::ui {

KpiTile::KpiTile(const QString& caption, QWidget* parent)
    : QFrame(parent)
    , m_caption(new QLabel(caption, this))
    , m_value(new QLabel(QStringLiteral("—"), this))
    , m_change(new QLabel(this))
{
    setFrameShape(QFrame::StyledPanel);
    setBackgroundRole(QPalette::Base);
    setAutoFillBackground(true);
    QFont valueFont = m_value->font();
    valueFont.setPointSizeF(valueFont.pointSizeF() * 1.35);
    valueFont.setBold(true);
    m_value->setFont(valueFont);
    QFont small = m_caption->font();
    small.setPointSizeF(small.pointSizeF() * 0.85);
    m_caption->setFont(small);
    m_change->setFont(small);
    m_caption->setForegroundRole(QPalette::PlaceholderText);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 4, 8, 4);
    layout->setSpacing(0);
    layout->addWidget(m_caption);
    layout->addWidget(m_value);
    layout->addWidget(m_change);
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
}

void KpiTile::setValue(const QString& value, const QString& toolTip)
{
    if (m_value->text() != value)
        m_value->setText(value);
    setToolTip(toolTip);
}

void KpiTile::setChange(const QString& change, Mood mood)
{
    if (m_change->text() != change)
        m_change->setText(change);
    if (mood == m_mood)
        return;
    m_mood = mood;
    // Green and red that read on light and dark backgrounds; neutral inherits the theme's text colour (an
    // empty QPalette resolves nothing).
    QPalette palette;
    if (mood != Mood::Neutral)
        palette.setColor(QPalette::WindowText,
                         mood == Mood::Good ? QColor(0x2e, 0x9d, 0x4f) : QColor(0xd9, 0x53, 0x4f));
    m_change->setPalette(palette);
}

QString KpiTile::caption() const
{
    return m_caption->text();
}

QString KpiTile::value() const
{
    return m_value->text();
}

QString KpiTile::change() const
{
    return m_change->text();
}

} // namespace bidlab::ui
