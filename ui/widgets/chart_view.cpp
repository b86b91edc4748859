// SPDX-License-Identifier: MIT
#include "ui/widgets/chart_view.h"

#include "core/common/atomic_file.h"
#include "ui/widgets/number_text.h"

#include <QAbstractAxis>
#include <QContextMenuEvent>
#include <QCursor>
#include <QFileDialog>
#include <QFileInfo>
#include <QGraphicsLayout>
#include <QLegend>
#include <QMenu>
#include <QMessageBox>
#include <QPainter>
#include <QSettings>
#include <QSvgGenerator>
#include <QToolTip>
#include <QXYSeries>

namespace bidlab::ui {

namespace {

QString axisTitle(const QXYSeries& series, Qt::Orientation orientation)
{
    const QList<QAbstractAxis*> axes = const_cast<QXYSeries&>(series).attachedAxes(); // not const in Qt 6.4
    for (const QAbstractAxis* axis : axes) {
        if (axis->orientation() == orientation)
            return axis->titleText();
    }
    return {};
}

} // namespace

QString defaultHoverText(const QXYSeries& series, const QPointF& point)
{
    const QString yTitle = axisTitle(series, Qt::Vertical);
    const QString xTitle = axisTitle(series, Qt::Horizontal);
    QString text = series.name().isEmpty() ? compactNumber(point.y())
                                           : QStringLiteral("%1: %2").arg(series.name(), compactNumber(point.y()));
    if (!yTitle.isEmpty())
        text += QStringLiteral(" (%1)").arg(yTitle);
    text += QStringLiteral("\n%1 %2").arg(xTitle.isEmpty() ? QStringLiteral("x") : xTitle, compactNumber(point.x()));
    return text;
}

ChartView::ChartView(QWidget* parent)
    : QChartView(parent)
{
    setRenderHint(QPainter::Antialiasing);
    setRubberBand(QChartView::NoRubberBand);
    setMinimumSize(200, 110);
}

void ChartView::showChart(QChart* chart)
{
    QChart* previous = this->chart();
    chart->setAnimationOptions(QChart::NoAnimation);
    if (chart->layout())
        chart->layout()->setContentsMargins(0, 0, 0, 0); // the view's room goes to the plot
    setChart(chart);
    if (previous && previous != chart)
        delete previous;
    const QList<QAbstractSeries*> series = chart->series();
    for (QAbstractSeries* one : series) {
        if (auto* xy = qobject_cast<QXYSeries*>(one))
            trackHover(xy);
    }
    applyPalette();
}

void ChartView::applyPalette()
{
    QChart* chart = this->chart();
    if (!chart)
        return;
    const QPalette& p = palette();
    const QColor text = p.color(QPalette::WindowText);
    const QColor base = p.color(QPalette::Base);
    QColor grid = text;
    grid.setAlphaF(0.15);
    QColor minorGrid = text;
    minorGrid.setAlphaF(0.06);
    QColor axisLine = text;
    axisLine.setAlphaF(0.45);
    chart->setBackgroundBrush(base);
    chart->setBackgroundPen(Qt::NoPen);
    chart->setTitleBrush(text);
    chart->legend()->setLabelColor(text);
    chart->legend()->setBrush(Qt::NoBrush);
    const QList<QAbstractAxis*> axes = chart->axes();
    for (QAbstractAxis* axis : axes) {
        axis->setLabelsColor(text);
        axis->setTitleBrush(text);
        axis->setGridLineColor(grid);
        axis->setMinorGridLineColor(minorGrid);
        axis->setLinePenColor(axisLine);
    }
}

void ChartView::changeEvent(QEvent* event)
{
    QChartView::changeEvent(event);
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::ApplicationPaletteChange)
        applyPalette();
}

void ChartView::setHoverText(QXYSeries* series, HoverText text)
{
    disconnect(series, &QXYSeries::hovered, this, nullptr); // one tooltip per series
    connect(series, &QXYSeries::hovered, this, [this, series, text = std::move(text)](const QPointF& point, bool on) {
        if (on)
            QToolTip::showText(QCursor::pos(), text(*series, point), this);
        else
            QToolTip::hideText();
    });
}

void ChartView::trackHover(QXYSeries* series)
{
    setHoverText(series, defaultHoverText);
}

QString ChartView::imageFileFilters()
{
    return tr("PNG image (*.png);;SVG drawing (*.svg)");
}

Status ChartView::saveImage(const QString& path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("png")) {
        const QPixmap pixmap = grab();
        return writeFileAtomically(path, [&](QIODevice& device, QString* error) {
            if (pixmap.isNull() || !pixmap.save(&device, "PNG")) {
                *error = tr("Cannot draw the chart as a PNG image.");
                return false;
            }
            return true;
        });
    }
    if (suffix == QLatin1String("svg")) {
        return writeFileAtomically(path, [&](QIODevice& device, QString*) {
            QSvgGenerator generator;
            generator.setOutputDevice(&device);
            generator.setSize(size());
            generator.setViewBox(QRect(QPoint(0, 0), size()));
            generator.setTitle(chart() ? chart()->title() : QString());
            generator.setDescription(tr("A BidLab chart"));
            QPainter painter(&generator);
            render(&painter);
            painter.end();
            return true;
        });
    }
    return Error { tr("Cannot save the chart as '%1': the file name must end in .png or .svg.").arg(path) };
}

void ChartView::saveImageInteractively()
{
    QSettings settings;
    const QString lastDir = settings.value(QStringLiteral("charts/lastDir")).toString();
    QString filter;
    const QString path = QFileDialog::getSaveFileName(this, tr("Save chart"), lastDir, imageFileFilters(), &filter);
    if (path.isEmpty())
        return;
    QString target = path;
    if (QFileInfo(target).suffix().isEmpty())
        target += filter.contains(QLatin1String("*.svg")) ? QStringLiteral(".svg") : QStringLiteral(".png");
    settings.setValue(QStringLiteral("charts/lastDir"), QFileInfo(target).absolutePath());
    const Status status = saveImage(target);
    if (!status.ok())
        QMessageBox::warning(this, tr("Save chart"), status.error());
}

void ChartView::contextMenuEvent(QContextMenuEvent* event)
{
    QMenu menu(this);
    menu.addAction(tr("Save chart as PNG or SVG…"), this, &ChartView::saveImageInteractively);
    menu.exec(event->globalPos());
}

} // namespace bidlab::ui
