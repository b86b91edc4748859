// SPDX-License-Identifier: MIT
#include "core/lab/sample_stats.h"

#include <algorithm>

namespace bidlab::lab {

Spread summarize(QList<double> values)
{
    Spread spread;
    if (values.isEmpty())
        return spread;
    std::sort(values.begin(), values.end());
    const qsizetype n = values.size();
    spread.count = static_cast<int>(n);
    spread.minimum = values.front();
    spread.maximum = values.back();
    spread.median = n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2.0;
    return spread;
}

} // namespace bidlab::lab
