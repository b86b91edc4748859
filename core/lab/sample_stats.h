// SPDX-License-Identifier: MIT
#pragma once

#include <QList>

namespace bidlab::lab {

// The middle and the range of repeated measurements (this machine is shared and noisy: the median resists
// the odd slow run, the range shows how far to trust a difference).
struct Spread
{
    double median = 0;
    double minimum = 0;
    double maximum = 0;
    int count = 0;

    // (maximum - minimum) / median; 0 for fewer than two values or a zero median.
    double relative() const { return count > 1 && median > 0 ? (maximum - minimum) / median : 0.0; }
};

// The median (the mean of the two middle values for an even count), minimum and maximum; all zero when empty.
Spread summarize(QList<double> values);

} // namespace bidlab::lab
