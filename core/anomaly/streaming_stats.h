// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <vector>

// Small streaming estimators shared by the detectors: O(1) memory per estimator (O(window) for windows).
namespace bidlab::anomaly {

// Exponentially weighted mean and variance (West's update). `alpha` is the weight of a new value.
class EwStats
{
public:
    explicit EwStats(double alpha = 0.05)
        : m_alpha(alpha)
    { }

    void add(double x);
    double mean() const { return m_mean; }
    double variance() const { return m_variance; }
    double sd() const;
    bool empty() const { return m_count == 0; }
    std::size_t count() const { return m_count; }
    double alpha() const { return m_alpha; }
    // Shifts the mean without touching the variance (a damped update for outliers).
    void moveMean(double delta) { m_mean += delta; }

private:
    double m_alpha;
    double m_mean = 0.0;
    double m_variance = 0.0;
    std::size_t m_count = 0;
};

// The last `capacity` values in arrival order (a ring) plus the same values kept sorted, for an O(window)
// median and median absolute deviation without allocating after construction.
class RollingWindow
{
public:
    explicit RollingWindow(std::size_t capacity);

    void add(double x);
    std::size_t size() const { return m_sorted.size(); }
    bool full() const { return m_sorted.size() == m_ring.size(); }
    double median() const;
    // Median absolute deviation from the median, times 1.4826 (a standard deviation for normal data).
    double mad() const;
    // The value `age` steps back (0 = newest); age < size().
    double back(std::size_t age) const;

private:
    std::vector<double> m_ring;
    std::size_t m_next = 0;
    std::vector<double> m_sorted;
};

} // namespace bidlab::anomaly
