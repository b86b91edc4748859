// SPDX-License-Identifier: MIT
#pragma once

#include <QColor>
#include <QImage>

// Checks that a screenshot, a rendered chart or a PDF page shows something (GUI tests only: needs QtGui).
namespace bidlab::test {

// Share of pixels that are not (nearly) white.
inline double inkRatio(const QImage& image)
{
    qint64 ink = 0;
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x) {
            const QColor c = image.pixelColor(x, y);
            if (c.red() < 235 || c.green() < 235 || c.blue() < 235)
                ++ink;
        }
    }
    return image.isNull() ? 0.0 : double(ink) / double(image.width() * image.height());
}

} // namespace bidlab::test
