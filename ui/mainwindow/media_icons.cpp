// SPDX-License-Identifier: MIT
#include "ui/mainwindow/media_icons.h"

#include <QPainter>
#include <QPainterPath>
#include <QPixmap>

namespace bidlab::ui {

namespace {

// The shape on a square of side 1, centred with room around it like the style's own media icons.
QPainterPath shapePath(MediaIcon shape)
{
    QPainterPath path;
    switch (shape) {
    case MediaIcon::Play:
        path.moveTo(0.28, 0.18);
        path.lineTo(0.82, 0.50);
        path.lineTo(0.28, 0.82);
        path.closeSubpath();
        break;
    case MediaIcon::Pause:
        path.addRect(0.24, 0.20, 0.18, 0.60);
        path.addRect(0.58, 0.20, 0.18, 0.60);
        break;
    case MediaIcon::Stop:
        path.addRect(0.22, 0.22, 0.56, 0.56);
        break;
    }
    return path;
}

QPixmap draw(const QPainterPath& shape, int side, const QColor& color)
{
    QPixmap pixmap(side, side);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.scale(side, side);
    painter.fillPath(shape, color);
    return pixmap;
}

} // namespace

QIcon mediaIcon(MediaIcon shape, const QPalette& palette)
{
    const QPainterPath path = shapePath(shape);
    const QColor normal = palette.color(QPalette::Active, QPalette::ButtonText);
    const QColor disabled = palette.color(QPalette::Disabled, QPalette::ButtonText);
    QIcon icon;
    for (const int side : { 16, 22, 24, 32, 48, 64 }) {
        icon.addPixmap(draw(path, side, normal), QIcon::Normal);
        icon.addPixmap(draw(path, side, disabled), QIcon::Disabled);
    }
    return icon;
}

} // namespace bidlab::ui
