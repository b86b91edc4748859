// SPDX-License-Identifier: MIT
#include "ui/widgets/number_text.h"

#include <cmath>

#include <QLocale>

namespace bidlab::ui {

QString emptyValueText()
{
    return QStringLiteral("—");
}

QString compactNumber(double value)
{
    if (!std::isfinite(value))
        return emptyValueText();
    const double magnitude = std::fabs(value);
    static const struct
    {
        double scale;
        const char* suffix;
    } units[] = { { 1e9, " G" }, { 1e6, " M" }, { 1e3, " k" } };
    for (const auto& unit : units) {
        if (magnitude >= unit.scale * 0.9995) {
            const double scaled = value / unit.scale;
            const int decimals = std::fabs(scaled) >= 99.95 ? 0 : std::fabs(scaled) >= 9.995 ? 1 : 2;
            return QString::number(scaled, 'f', decimals) + QLatin1String(unit.suffix);
        }
    }
    if (magnitude == 0.0)
        return QStringLiteral("0");
    if (magnitude >= 99.95)
        return QString::number(value, 'f', 0);
    // Three significant digits, without trailing zeros.
    const int decimals = std::max(0, 2 - int(std::floor(std::log10(magnitude))));
    QString text = QString::number(value, 'f', decimals);
    if (text.contains(QLatin1Char('.'))) {
        while (text.endsWith(QLatin1Char('0')))
            text.chop(1);
        if (text.endsWith(QLatin1Char('.')))
            text.chop(1);
    }
    return text;
}

QString groupedCount(qint64 value)
{
    QLocale locale;
    locale.setNumberOptions(QLocale::DefaultNumberOptions);
    return locale.toString(value);
}

QString moneyText(qint64 micros)
{
    const double units = double(micros) / 1e6;
    if (std::fabs(units) < 1000)
        return QString::number(units, 'f', 2);
    if (std::fabs(units) < 1e6)
        return groupedCount(std::llround(units));
    return compactNumber(units);
}

QString percentText(const std::optional<double>& fraction, int decimals)
{
    if (!fraction || !std::isfinite(*fraction))
        return emptyValueText();
    return QString::number(*fraction * 100.0, 'f', decimals) + QStringLiteral(" %");
}

QString decimalText(const std::optional<double>& value, int decimals)
{
    if (!value || !std::isfinite(*value))
        return emptyValueText();
    return QString::number(*value, 'f', decimals);
}

QString durationText(qint64 nanoseconds)
{
    const double ns = double(nanoseconds);
    const auto scaled = [](double v, const char* unit) -> QString {
        const int decimals = v >= 99.95 ? 0 : v >= 9.995 ? 1 : 2;
        return QString::number(v, 'f', decimals) + QString::fromUtf8(unit);
    };
    if (ns < 1e3)
        return QString::number(nanoseconds) + QStringLiteral(" ns");
    if (ns < 1e6)
        return scaled(ns / 1e3, " µs");
    if (ns < 1e9)
        return scaled(ns / 1e6, " ms");
    return scaled(ns / 1e9, " s");
}

} // namespace bidlab::ui
