// SPDX-License-Identifier: MIT
#pragma once

#include <limits>
#include <vector>

#include <QList>
#include <QPointF>

namespace bidlab::ui {

// The smallest and largest y of the points a window copy produced; empty when there were none.
struct YExtent
{
    double min = std::numeric_limits<double>::infinity();
    double max = -std::numeric_limits<double>::infinity();

    bool isEmpty() const { return min > max; }
    void add(double y)
    {
        if (y < min)
            min = y;
        if (y > max)
            max = y;
    }
    void add(const YExtent& other)
    {
        if (!other.isEmpty()) {
            add(other.min);
            add(other.max);
        }
    }
};

// A fixed-capacity ring of (x, y) points with increasing x, for a live chart's line: appending never
// allocates once the ring is full, the oldest point makes room for the newest (PlotJuggler's trimmed
// series, Qt's audio example's shifted buffer). The chart copies the visible window out once per frame.
class TimeSeriesRing
{
public:
    explicit TimeSeriesRing(qsizetype capacity = 6000);

    qsizetype capacity() const { return qsizetype(m_points.size()); }
    qsizetype size() const { return m_size; }
    bool isEmpty() const { return m_size == 0; }
    void clear() { m_size = 0; }
    // Drops everything and holds at most `capacity` points from now on.
    void reset(qsizetype capacity);

    // Appends a point; x must not be smaller than the last x (a smaller one starts the ring anew, as after a
    // new run). Points with a non-finite coordinate are ignored.
    void append(double x, double y);
    QPointF at(qsizetype index) const; // 0 is the oldest
    QPointF last() const { return at(m_size - 1); }

    // Replaces `out` with the points whose x >= fromX, in order. When there are more than 2 * buckets of
    // them, they are decimated to the smallest and the largest point of each of `buckets` equal
    // x ranges, in the order they came (min-max decimation keeps every peak a line chart would show at that
    // width), and the newest point. `out` is reused
    // (its buffer is kept unless a series still shares it). Returns the y extent of the points copied.
    YExtent copyWindow(double fromX, qsizetype buckets, QList<QPointF>& out) const;

private:
    qsizetype firstIndexFrom(double x) const; // binary search over the ring's increasing x

    std::vector<QPointF> m_points;
    qsizetype m_head = 0; // physical index of the oldest point
    qsizetype m_size = 0;
};

} // namespace bidlab::ui
