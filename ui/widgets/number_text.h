// SPDX-License-Identifier: MIT
#pragma once

#include <optional>

#include <QString>

// Numbers as the dashboard shows them to a person (tiles, tooltips, tables). Files get exact values from the
// report writers instead.
namespace bidlab::ui {

// Three significant digits with a k / M / G suffix from a thousand on: "950", "12.3 k", "4.56 M". Small
// values keep up to three significant digits ("0.0123").
QString compactNumber(double value);
// An amount of money (micros) for a tile: cents below a thousand units ("12.34"), whole units with digit
// grouping below a million ("37,500"), then three significant digits ("1.23 M").
QString moneyText(qint64 micros);
// A count with the locale's digit grouping: "1,234,567".
QString groupedCount(qint64 value);
// A fraction as a percentage with `decimals` places ("1.23 %"); "—" for an empty value.
QString percentText(const std::optional<double>& fraction, int decimals = 2);
// A plain decimal with `decimals` places; "—" for an empty value.
QString decimalText(const std::optional<double>& value, int decimals = 2);
// A latency in nanoseconds in the unit that suits it: "850 ns", "12.3 µs", "4.56 ms", "1.20 s".
QString durationText(qint64 nanoseconds);

// The text of an empty value (a ratio with a zero denominator).
QString emptyValueText();

} // namespace bidlab::ui
