// SPDX-License-Identifier: MIT
#include "core/train/lbfgs.h"

#include <cmath>
#include <vector>

#include <QCoreApplication>

namespace bidlab::train {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("Lbfgs", text);
}

// The last `memory` correction pairs (s = x step, y = gradient change) as columns of two matrices, a ring.
class History
{
public:
    History(Eigen::Index dimension, int memory, const Eigen::VectorXd& preconditioner)
        : m_s(dimension, memory)
        , m_y(dimension, memory)
        , m_rho(std::size_t(memory))
        , m_alpha(std::size_t(memory))
        , m_preconditioner(preconditioner)
    { }

    bool empty() const { return m_count == 0; }
    void clear() { m_count = 0; }

    // Keeps the pair (xNext - x, gNext - g) when it keeps H positive definite.
    void push(const Eigen::VectorXd& x, const Eigen::VectorXd& xNext, const Eigen::VectorXd& g,
              const Eigen::VectorXd& gNext)
    {
        const int slot = (m_newest + 1) % int(m_rho.size());
        auto s = m_s.col(slot);
        auto y = m_y.col(slot);
        s.noalias() = xNext - x;
        y.noalias() = gNext - g;
        const double sy = s.dot(y);
        if (!(sy > 1e-12 * y.squaredNorm()))
            return;
        m_rho[std::size_t(slot)] = 1.0 / sy;
        m_newest = slot;
        m_count = std::min(m_count + 1, int(m_rho.size()));
    }

    // The two-loop recursion: d = -H g, with H0 = gamma * P (P the preconditioner or the identity).
    void direction(const Eigen::VectorXd& g, Eigen::VectorXd& d)
    {
        const int memory = int(m_rho.size());
        d = -g;
        for (int j = 0; j < m_count; ++j) { // newest to oldest
            const int k = (m_newest - j + memory) % memory;
            m_alpha[std::size_t(k)] = m_rho[std::size_t(k)] * m_s.col(k).dot(d);
            d.noalias() -= m_alpha[std::size_t(k)] * m_y.col(k);
        }
        const bool preconditioned = m_preconditioner.size() == d.size();
        if (preconditioned)
            d.array() *= m_preconditioner.array();
        if (m_count > 0) {
            const auto y = m_y.col(m_newest);
            const double yHy = preconditioned ? (y.array().square() * m_preconditioner.array()).sum() : y.squaredNorm();
            d *= m_s.col(m_newest).dot(y) / yHy;
        }
        for (int j = m_count - 1; j >= 0; --j) { // oldest to newest
            const int k = (m_newest - j + memory) % memory;
            const double beta = m_rho[std::size_t(k)] * m_y.col(k).dot(d);
            d.noalias() += (m_alpha[std::size_t(k)] - beta) * m_s.col(k);
        }
    }

private:
    Eigen::MatrixXd m_s, m_y;
    std::vector<double> m_rho, m_alpha;
    const Eigen::VectorXd& m_preconditioner;
    int m_newest = -1;
    int m_count = 0;
};

} // namespace

LbfgsResult minimizeLbfgs(const Objective& f, Eigen::VectorXd x0, const LbfgsOptions& options,
                          const std::function<bool(const LbfgsStep&)>& onStep)
{
    constexpr double armijo = 1e-4;
    LbfgsResult result;
    result.x = std::move(x0);
    const Eigen::Index n = result.x.size();
    Eigen::VectorXd g(n), gNext(n), xNext(n), d(n);
    double value = f(result.x, g);
    result.evaluations = 1;
    History history(n, std::max(1, options.memory), options.preconditioner);
    const bool preconditioned = options.preconditioner.size() == n;
    for (result.iterations = 0; result.iterations < options.maxIterations;) {
        if (g.lpNorm<Eigen::Infinity>() <= options.gradientTolerance * std::max(1.0, std::abs(value))) {
            result.stopReason = tr("gradient below tolerance");
            break;
        }
        history.direction(g, d);
        double slope = g.dot(d);
        if (!(slope < 0.0)) { // not a descent direction (numerical trouble): restart from steepest descent
            history.clear();
            d = -g;
            slope = -g.squaredNorm();
        }
        // Without curvature pairs a plain gradient step has no natural length: keep its largest move at 1.
        double step = history.empty() && !preconditioned
            ? std::min(1.0, 1.0 / std::max(1e-12, d.lpNorm<Eigen::Infinity>()))
            : 1.0;
        double nextValue = 0.0;
        bool accepted = false;
        for (int tries = 0; tries < 40; ++tries) {
            xNext.noalias() = result.x + step * d;
            nextValue = f(xNext, gNext);
            ++result.evaluations;
            if (std::isfinite(nextValue) && nextValue <= value + armijo * step * slope) {
                accepted = true;
                break;
            }
            step *= 0.5;
        }
        if (!accepted) {
            result.stopReason = tr("line search found no decrease");
            break;
        }
        history.push(result.x, xNext, g, gNext);
        const double decrease = value - nextValue;
        result.x.swap(xNext);
        g.swap(gNext);
        value = nextValue;
        ++result.iterations;
        if (onStep
            && !onStep({ result.iterations, value, g.lpNorm<Eigen::Infinity>(), result.evaluations, &result.x })) {
            result.canceled = true;
            result.stopReason = tr("cancelled");
            break;
        }
        if (decrease <= options.functionTolerance * std::max(1.0, std::abs(value))) {
            result.stopReason = tr("no further decrease");
            break;
        }
    }
    if (result.stopReason.isEmpty())
        result.stopReason = tr("iteration limit");
    result.value = value;
    return result;
}

} // namespace bidlab::train
