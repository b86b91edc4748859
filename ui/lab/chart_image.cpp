// SPDX-License-Identifier: MIT
#include "ui/lab/chart_image.h"

#include "core/common/atomic_file.h"
#include "ui/charts/chart_builder.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QImage>
#include <QPainter>
#include <QSvgGenerator>

namespace bidlab::ui {

namespace {

bool writePng(const report::Chart& chart, QSize size, QIODevice& device, QString* error)
{
    QImage image(size, QImage::Format_ARGB32);
    image.fill(Qt::white);
    {
        QPainter painter(&image);
        painter.setRenderHint(QPainter::Antialiasing);
        renderChart(painter, QRectF(QPointF(0, 0), QSizeF(size)), chart, size.width());
    }
    if (!image.save(&device, "PNG")) {
        *error = QCoreApplication::translate("Lab", "the PNG encoder failed");
        return false;
    }
    return true;
}

bool writeSvg(const report::Chart& chart, QSize size, QIODevice& device)
{
    QSvgGenerator generator;
    generator.setOutputDevice(&device);
    generator.setSize(size);
    generator.setViewBox(QRect(QPoint(0, 0), size));
    generator.setTitle(chart.title);
    QPainter painter(&generator);
    renderChart(painter, QRectF(QPointF(0, 0), QSizeF(size)), chart, size.width());
    return true;
}

} // namespace

Status writeChartImage(const report::Chart& chart, const QString& path, QSize size)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix != QLatin1String("png") && suffix != QLatin1String("svg"))
        return Error { QCoreApplication::translate("Lab",
                                                   "Cannot write the chart to '%1': the file name must end in "
                                                   ".png or .svg.")
                           .arg(path) };
    const bool png = suffix == QLatin1String("png");
    return writeFileAtomically(path, [&](QIODevice& device, QString* error) {
        return png ? writePng(chart, size, device, error) : writeSvg(chart, size, device);
    });
}

} // namespace bidlab::ui
