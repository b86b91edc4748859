// SPDX-License-Identifier: MIT
#include "ui/widgets/time_series_ring.h"

#include <algorithm>
#include <cmath>

namespace bidlab::ui {

TimeSeriesRing::TimeSeriesRing(qsizetype capacity)
    : m_points(std::size_t(std::max<qsizetype>(capacity, 2)))
{ }

void TimeSeriesRing::reset(qsizetype capacity)
{
    m_points.assign(std::size_t(std::max<qsizetype>(capacity, 2)), QPointF());
    m_head = 0;
    m_size = 0;
}

void TimeSeriesRing::append(double x, double y)
{
    if (!std::isfinite(x) || !std::isfinite(y))
        return;
    if (m_size > 0 && x < last().x())
        clear();
    const qsizetype cap = capacity();
    if (m_size < cap) {
        m_points[std::size_t((m_head + m_size) % cap)] = QPointF(x, y);
        ++m_size;
    } else {
        m_points[std::size_t(m_head)] = QPointF(x, y);
        m_head = (m_head + 1) % cap;
    }
}

QPointF TimeSeriesRing::at(qsizetype index) const
{
    return m_points[std::size_t((m_head + index) % capacity())];
}

qsizetype TimeSeriesRing::firstIndexFrom(double x) const
{
    qsizetype low = 0;
    qsizetype high = m_size;
    while (low < high) {
        const qsizetype mid = low + (high - low) / 2;
        if (at(mid).x() < x)
            low = mid + 1;
        else
            high = mid;
    }
    return low;
}

YExtent TimeSeriesRing::copyWindow(double fromX, qsizetype buckets, QList<QPointF>& out) const
{
    out.resize(0); // keeps the capacity
    YExtent extent;
    const qsizetype first = firstIndexFrom(fromX);
    const qsizetype count = m_size - first;
    if (count <= 0)
        return extent;
    buckets = std::max<qsizetype>(buckets, 1);
    if (count <= 2 * buckets) {
        for (qsizetype i = first; i < m_size; ++i) {
            const QPointF p = at(i);
            out.append(p);
            extent.add(p.y());
        }
        return extent;
    }
    // Min-max decimation over equal x ranges.
    const double x0 = at(first).x();
    const double width = std::max(last().x() - x0, 1e-12) / double(buckets);
    qsizetype i = first;
    while (i < m_size) {
        const qsizetype bucket = std::min<qsizetype>(qsizetype((at(i).x() - x0) / width), buckets - 1);
        const double end = x0 + double(bucket + 1) * width;
        qsizetype minAt = i;
        qsizetype maxAt = i;
        for (++i; i < m_size && (at(i).x() < end || bucket == buckets - 1); ++i) {
            const double y = at(i).y();
            if (y < at(minAt).y())
                minAt = i;
            if (y > at(maxAt).y())
                maxAt = i;
        }
        out.append(at(std::min(minAt, maxAt)));
        if (minAt != maxAt)
            out.append(at(std::max(minAt, maxAt)));
        extent.add(at(minAt).y());
        extent.add(at(maxAt).y());
    }
    if (out.last() != last())
        out.append(last()); // the line ends where the data ends
    return extent;
}

} // namespace bidlab::ui
