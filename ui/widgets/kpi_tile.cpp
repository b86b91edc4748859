// SPDX-License-Identifier: MIT
#include "ui/widgets/kpi_tile.h"

#include <QEvent>
#include <QFontMetrics>
#include <QPainter>

namespace bidlab::ui {

namespace {

constexpr int kMarginX = 8;
constexpr int kMarginY = 4;
constexpr int kValueCharacters = 8; // the widest value a tile is meant for: "1,234.56", "12.3 M"

} // namespace

KpiTile::KpiTile(const QString& caption, QWidget* parent)
    : QFrame(parent)
    , m_caption(caption)
    , m_value(QStringLiteral("—"))
{
    setFrameShape(QFrame::StyledPanel);
    setBackgroundRole(QPalette::Base);
    setAutoFillBackground(true);
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
    updateFonts();
}

void KpiTile::updateFonts()
{
    m_smallFont = font();
    m_smallFont.setPointSizeF(m_smallFont.pointSizeF() * 0.85);
    m_valueFont = font();
    m_valueFont.setPointSizeF(m_valueFont.pointSizeF() * 1.35);
    m_valueFont.setBold(true);
}

void KpiTile::changeEvent(QEvent* event)
{
    QFrame::changeEvent(event);
    if (event->type() == QEvent::FontChange) {
        updateFonts();
        updateGeometry();
    }
}

QSize KpiTile::sizeHint() const
{
    const QFontMetrics small(m_smallFont);
    const QFontMetrics value(m_valueFont);
    const int width
        = std::max(value.horizontalAdvance(QLatin1Char('0')) * kValueCharacters, small.horizontalAdvance(m_caption));
    const int height = 2 * small.height() + value.height();
    return QSize(width + 2 * kMarginX + 2 * frameWidth(), height + 2 * kMarginY + 2 * frameWidth());
}

QSize KpiTile::minimumSizeHint() const
{
    const QSize hint = sizeHint();
    return QSize(hint.width() / 2, hint.height());
}

void KpiTile::setValue(const QString& value, const QString& toolTip)
{
    if (value != m_value) {
        m_value = value;
        update();
    }
    if (toolTip != this->toolTip())
        setToolTip(toolTip);
}

void KpiTile::setChange(const QString& change, Mood mood)
{
    if (change == m_change && mood == m_mood)
        return;
    m_change = change;
    m_mood = mood;
    update();
}

void KpiTile::paintEvent(QPaintEvent* event)
{
    QFrame::paintEvent(event);
    QPainter painter(this);
    const QRect area = contentsRect().adjusted(kMarginX, kMarginY, -kMarginX, -kMarginY);
    const QFontMetrics small(m_smallFont);
    const QFontMetrics value(m_valueFont);
    QRect line(area.left(), area.top(), area.width(), small.height());
    painter.setFont(m_smallFont);
    painter.setPen(palette().color(QPalette::PlaceholderText));
    painter.drawText(line, Qt::AlignLeft | Qt::AlignVCenter, small.elidedText(m_caption, Qt::ElideRight, line.width()));
    line = QRect(area.left(), line.bottom() + 1, area.width(), value.height());
    painter.setFont(m_valueFont);
    painter.setPen(palette().color(QPalette::WindowText));
    painter.drawText(line, Qt::AlignLeft | Qt::AlignVCenter, value.elidedText(m_value, Qt::ElideRight, line.width()));
    line = QRect(area.left(), line.bottom() + 1, area.width(), small.height());
    painter.setFont(m_smallFont);
    // Green and red that read on light and dark backgrounds; neutral follows the theme's text colour.
    painter.setPen(m_mood == Mood::Good      ? QColor(0x2e, 0x9d, 0x4f)
                       : m_mood == Mood::Bad ? QColor(0xd9, 0x53, 0x4f)
                                             : palette().color(QPalette::WindowText));
    painter.drawText(line, Qt::AlignLeft | Qt::AlignVCenter, small.elidedText(m_change, Qt::ElideRight, line.width()));
}

} // namespace bidlab::ui
