// SPDX-License-Identifier: MIT
#pragma once

#include "core/anomaly/detector.h"
#include "core/anomaly/streaming_stats.h"

#include <vector>

namespace bidlab::anomaly {

// A level against the stream's own recent baseline: the value divided by the median of the values that came
// before it, leaving out the newest `lag` ones (so that the start of an incident does not lift its own
// baseline). Score 1 - baseline / value when the value is above the baseline, else 0: twice the baseline is
// 0.5, four times 0.75, ten times 0.9. A ratio, not a z-score: a metric whose noise grows with its level
// (latency on a loaded machine) is judged by how many times higher it is, not by how many of its own, noisy,
// standard deviations. No score until the baseline window is full (`probation` values after the lag).
// Used by the live latency rule (detector "baseline-ratio" in an AlertRule); not a NAB detector.
class BaselineRatioDetector : public Detector
{
public:
    explicit BaselineRatioDetector(const DetectorOptions& options, std::size_t lag = 20);
    double update(double value) override;

    // The median the last value was judged against (0 before the baseline is full).
    double baseline() const { return m_baselineValue; }

private:
    std::vector<double> m_delay; // the newest `lag` values, not yet in the baseline (a ring)
    std::size_t m_next = 0;
    std::size_t m_seen = 0;
    RollingWindow m_baseline;
    double m_baselineValue = 0.0;
};

} // namespace bidlab::anomaly
