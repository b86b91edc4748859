// SPDX-License-Identifier: MIT
#pragma once

#include <QList>

namespace bidlab::lab {

struct SpeedupPoint
{
    double workers = 1;
    double speedup = 1;
};

// Amdahl's law: with a serial fraction f of the work, p workers give a speedup S(p) = 1 / (f + (1 - f) / p),
// never more than 1 / f.
struct AmdahlFit
{
    double serialFraction = 0;
    double rmsError = 0; // root mean square of (measured - fitted) speedup over the points used
    int points = 0; // points with more than one worker (those that carry information about f)

    bool valid() const { return points > 0; }
    double predict(double workers) const;
    // 1 / f: the speedup no number of workers can pass; infinite for f = 0.
    double limit() const;
};

// Least-squares fit of f to measured speedups, done on the relative run time 1/S = f + (1 - f)/p, which is
// linear in f (closed form; times are what is measured, and their noise is roughly proportional to them).
// f is clamped to [0, 1]. Points with one worker or less, or a speedup that is not positive, are ignored.
AmdahlFit fitAmdahl(const QList<SpeedupPoint>& points);

} // namespace bidlab::lab
