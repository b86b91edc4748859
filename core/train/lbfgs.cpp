// SPDX-License-Identifier: MIT
#include "core/train/lbfgs.h"

#include <cmath>
#include <deque>

#include <QCoreApplication>

namespace bidlab::train {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("Lbfgs", text);
}

struct Correction
{
    Eigen::VectorXd s; // x step
    Eigen::VectorXd y; // gradient change
    double rho = 0.0; // 1 / y's
};

// The two-loop recursion: d = -H g with H the limited-memory inverse Hessian.
Eigen::VectorXd searchDirection(const Eigen::VectorXd& g, const std::deque<Correction>& history)
{
    Eigen::VectorXd q = -g;
    std::vector<double> alpha(history.size());
    for (std::size_t k = history.size(); k-- > 0;) {
        alpha[k] = history[k].rho * history[k].s.dot(q);
        q.noalias() -= alpha[k] * history[k].y;
    }
    if (!history.empty()) {
        const Correction& last = history.back();
        q *= last.s.dot(last.y) / last.y.squaredNorm(); // the usual initial scaling gamma
    }
    for (std::size_t k = 0; k < history.size(); ++k) {
        const double beta = history[k].rho * history[k].y.dot(q);
        q.noalias() += (alpha[k] - beta) * history[k].s;
    }
    return q;
}

} // namespace

LbfgsResult minimizeLbfgs(const Objective& f, Eigen::VectorXd x0, const LbfgsOptions& options,
                          const std::function<bool(const LbfgsStep&)>& onStep)
{
    constexpr double armijo = 1e-4;
    LbfgsResult result;
    result.x = std::move(x0);
    Eigen::VectorXd g(result.x.size()), gNext(result.x.size()), xNext(result.x.size());
    double value = f(result.x, g);
    result.evaluations = 1;
    std::deque<Correction> history;
    for (result.iterations = 0; result.iterations < options.maxIterations;) {
        if (g.lpNorm<Eigen::Infinity>() <= options.gradientTolerance * std::max(1.0, std::abs(value))) {
            result.stopReason = tr("gradient below tolerance");
            break;
        }
        Eigen::VectorXd d = searchDirection(g, history);
        double slope = g.dot(d);
        if (!(slope < 0.0)) { // not a descent direction (numerical trouble): restart from steepest descent
            history.clear();
            d = -g;
            slope = -g.squaredNorm();
        }
        double step = history.empty() ? std::min(1.0, 1.0 / std::max(1e-12, g.lpNorm<Eigen::Infinity>())) : 1.0;
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
        Correction c { xNext - result.x, gNext - g, 0.0 };
        const double sy = c.s.dot(c.y);
        if (sy > 1e-12 * c.y.squaredNorm()) { // keep only pairs that keep H positive definite
            c.rho = 1.0 / sy;
            history.push_back(std::move(c));
            if (int(history.size()) > options.memory)
                history.pop_front();
        }
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
