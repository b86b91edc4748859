// SPDX-License-Identifier: MIT
#pragma once

#include <Eigen/Core>
#include <functional>

#include <QString>

// Limited-memory BFGS for smooth unconstrained minimisation (Nocedal & Wright, algorithm 7.4 and 7.5), with a
// backtracking line search under the Armijo condition. The objective is any callable: the logistic loss
// passes one that evaluates its shards on the job pool. The correction pairs live in preallocated columns
// used as a ring: an iteration allocates nothing.
namespace bidlab::train {

struct LbfgsOptions
{
    int maxIterations = 100;
    int memory = 10; // correction pairs kept
    double gradientTolerance = 1e-6; // stop when ||g||inf <= tol * max(1, |f|)
    double functionTolerance = 1e-9; // stop when the relative decrease of f over an iteration is below this
    // Diagonal of an estimate of the inverse Hessian (empty: the identity), the initial matrix H0 is this
    // times the usual scaling. For a problem whose coordinates have very different curvatures (hashed
    // features: frequent and rare buckets) it saves most of the iterations.
    Eigen::VectorXd preconditioner;
};

// f(x), writing the gradient at x into g (already sized).
using Objective = std::function<double(const Eigen::VectorXd& x, Eigen::VectorXd& g)>;

struct LbfgsStep
{
    int iteration = 0;
    double value = 0.0;
    double gradientNorm = 0.0; // infinity norm
    int evaluations = 0;
    const Eigen::VectorXd* x = nullptr; // the current point
};

struct LbfgsResult
{
    Eigen::VectorXd x;
    double value = 0.0;
    int iterations = 0;
    int evaluations = 0;
    bool canceled = false;
    QString stopReason; // "gradient below tolerance", "no further decrease", "iteration limit", ...
};

// onStep runs after every iteration; returning false stops (a cancel).
LbfgsResult minimizeLbfgs(const Objective& f, Eigen::VectorXd x0, const LbfgsOptions& options,
                          const std::function<bool(const LbfgsStep&)>& onStep = {});

} // namespace bidlab::train
