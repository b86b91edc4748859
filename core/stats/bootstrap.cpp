// SPDX-License-Identifier: MIT
#include "core/stats/bootstrap.h"

#include "core/jobs/parallel_for.h"
#include "core/stats/distributions.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <limits>
#include <thread>

namespace bidlab::stats {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// A unit (or a bucket of units) of a ratio metric; packed so that a resample reads one cache line per draw.
struct Pair
{
    std::int64_t numerator = 0;
    std::int64_t denominator = 0;
};

struct Sums
{
    std::int64_t numerator = 0;
    std::int64_t denominator = 0;
};

struct PackedArm
{
    std::vector<Pair> units;
    Sums total;
};

// SplitMix64 (Steele, Lea and Flood 2014): tiny, fast, and every resample seeds its own stream from
// (seed, resample), which is what makes the result independent of the thread count.
std::uint64_t mix64(std::uint64_t z)
{
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

class SplitMix64
{
public:
    explicit SplitMix64(std::uint64_t state)
        : m_state(state)
    { }
    std::uint64_t next() { return mix64(m_state += 0x9e3779b97f4a7c15ULL); }

private:
    std::uint64_t m_state;
};

SplitMix64 streamFor(std::uint64_t seed, int resample)
{
    return SplitMix64(mix64(seed ^ mix64(std::uint64_t(resample) + 0x632be59bd9b4e019ULL)));
}

// An index in [0, n) from 64 random bits (Lemire's multiply-shift; its bias, below n / 2^64, is nil here).
std::uint64_t boundedIndex(std::uint64_t bits, std::uint64_t n)
{
    __extension__ using Wide = unsigned __int128;
    return std::uint64_t((Wide(bits) * n) >> 64);
}

// A Poisson(1) count by inversion of its cumulative table.
int poissonOne(std::uint64_t bits)
{
    static const std::vector<double> cdf = [] {
        std::vector<double> c;
        double p = std::exp(-1.0), sum = 0;
        for (int k = 0; k < 24; ++k) {
            sum += p;
            c.push_back(sum);
            p /= double(k + 1);
        }
        return c;
    }();
    const double u = double(bits >> 11) * 0x1.0p-53;
    int k = 0;
    while (k + 1 < int(cdf.size()) && u >= cdf[std::size_t(k)])
        ++k;
    return k;
}

PackedArm pack(const RatioUnits& arm)
{
    PackedArm packed;
    packed.units.resize(arm.numerator.size());
    for (std::size_t i = 0; i < arm.numerator.size(); ++i) {
        packed.units[i] = { arm.numerator[i], arm.denominator[i] };
        packed.total.numerator += arm.numerator[i];
        packed.total.denominator += arm.denominator[i];
    }
    return packed;
}

// Units hashed into buckets (a random assignment fixed by the seed), summed per bucket.
PackedArm bucketize(const RatioUnits& arm, int buckets, std::uint64_t seed)
{
    PackedArm packed;
    packed.units.resize(std::size_t(std::max(1, buckets)));
    const std::uint64_t salt = mix64(seed ^ 0xb5ad4eceda1ce2a9ULL);
    for (std::size_t i = 0; i < arm.numerator.size(); ++i) {
        Pair& bucket = packed.units[boundedIndex(mix64(i ^ salt), packed.units.size())];
        bucket.numerator += arm.numerator[i];
        bucket.denominator += arm.denominator[i];
        packed.total.numerator += arm.numerator[i];
        packed.total.denominator += arm.denominator[i];
    }
    std::erase_if(packed.units, [](const Pair& p) { return p.numerator == 0 && p.denominator == 0; });
    return packed;
}

double ratioOf(std::int64_t numerator, std::int64_t denominator)
{
    return denominator == 0 ? kNaN : double(numerator) / double(denominator);
}

double liftOf(double control, double treatment)
{
    return control == 0 ? kNaN : treatment / control - 1.0;
}

Sums resampleUnits(const PackedArm& arm, SplitMix64& rng)
{
    Sums s;
    const std::uint64_t n = arm.units.size();
    for (std::uint64_t i = 0; i < n; ++i) {
        const Pair& p = arm.units[boundedIndex(rng.next(), n)];
        s.numerator += p.numerator;
        s.denominator += p.denominator;
    }
    return s;
}

Sums resamplePoisson(const PackedArm& arm, SplitMix64& rng)
{
    Sums s;
    for (const Pair& p : arm.units) {
        const int w = poissonOne(rng.next());
        s.numerator += w * p.numerator;
        s.denominator += w * p.denominator;
    }
    return s;
}

Sums sumIndices(const PackedArm& arm, const std::vector<std::int32_t>& indices)
{
    Sums s;
    for (std::int32_t i : indices) {
        const Pair& p = arm.units.at(std::size_t(i));
        s.numerator += p.numerator;
        s.denominator += p.denominator;
    }
    return s;
}

// The replicates of the three statistics, as columns.
struct Replicates
{
    std::vector<double> control, treatment, lift;

    explicit Replicates(std::size_t n)
        : control(n)
        , treatment(n)
        , lift(n)
    { }
    void set(std::size_t b, const Sums& a, const Sums& t)
    {
        control[b] = ratioOf(a.numerator, a.denominator);
        treatment[b] = ratioOf(t.numerator, t.denominator);
        lift[b] = liftOf(control[b], treatment[b]);
    }
};

// numpy's _lerp: exact at both ends, and monotonic.
double lerp(double a, double b, double t)
{
    const double diff = b - a;
    return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
}

// Leave-one-out values of an arm's ratio: (N - n_i) / (D - d_i).
std::vector<double> jackknifeRatios(const PackedArm& arm)
{
    std::vector<double> values(arm.units.size());
    for (std::size_t i = 0; i < arm.units.size(); ++i)
        values[i]
            = ratioOf(arm.total.numerator - arm.units[i].numerator, arm.total.denominator - arm.units[i].denominator);
    return values;
}

// The BCa acceleration from jackknife values of each sample (scipy's multi-sample formula).
double acceleration(const std::vector<std::vector<double>>& jackknife)
{
    double numerator = 0, denominator = 0;
    for (const std::vector<double>& values : jackknife) {
        const double n = double(values.size());
        double mean = 0;
        for (double v : values)
            mean += v;
        mean /= n;
        double cubes = 0, squares = 0;
        for (double v : values) {
            const double u = (n - 1) * (mean - v);
            cubes += u * u * u;
            squares += u * u;
        }
        numerator += cubes / (n * n * n);
        denominator += squares / (n * n);
    }
    if (denominator == 0)
        return 0;
    return 1.0 / 6 * numerator / std::pow(denominator, 1.5);
}

bool allFinite(const std::vector<std::vector<double>>& jackknife)
{
    for (const auto& values : jackknife) {
        if (values.empty() || !std::all_of(values.begin(), values.end(), [](double v) { return std::isfinite(v); }))
            return false;
    }
    return true;
}

// Percentile and BCa intervals from replicates (NaN ones are left out) and the jackknife values.
BootstrapInterval intervalsOf(std::vector<double> replicates, double estimate,
                              const std::vector<std::vector<double>>& jackknife, double alpha)
{
    BootstrapInterval result;
    result.estimate = estimate;
    std::erase_if(replicates, [](double v) { return !std::isfinite(v); });
    if (replicates.empty() || !std::isfinite(estimate))
        return result;
    std::sort(replicates.begin(), replicates.end());
    result.percentile
        = Interval { quantileOfSorted(replicates, alpha / 2), quantileOfSorted(replicates, 1 - alpha / 2) };

    const auto below = std::lower_bound(replicates.begin(), replicates.end(), estimate) - replicates.begin();
    const auto atOrBelow = std::upper_bound(replicates.begin(), replicates.end(), estimate) - replicates.begin();
    const double share = double(below + atOrBelow) / (2.0 * double(replicates.size()));
    result.biasCorrection = normalQuantile(share);
    if (!allFinite(jackknife))
        return result;
    result.acceleration = acceleration(jackknife);
    const double z0 = result.biasCorrection, a = result.acceleration;
    const double zAlpha = normalQuantile(alpha / 2);
    const double low = z0 + zAlpha, high = z0 - zAlpha;
    const double alpha1 = normalCdf(z0 + low / (1 - a * low));
    const double alpha2 = normalCdf(z0 + high / (1 - a * high));
    if (std::isfinite(alpha1) && std::isfinite(alpha2) && std::isfinite(z0))
        result.bca = Interval { quantileOfSorted(replicates, alpha1), quantileOfSorted(replicates, alpha2) };
    return result;
}

std::optional<RatioBootstrap> finish(const PackedArm& control, const PackedArm& treatment, Replicates replicates,
                                     double alpha)
{
    RatioBootstrap result;
    result.resamples = int(replicates.lift.size());
    result.undefined = int(
        std::count_if(replicates.lift.begin(), replicates.lift.end(), [](double v) { return !std::isfinite(v); }));
    const double a = ratioOf(control.total.numerator, control.total.denominator);
    const double t = ratioOf(treatment.total.numerator, treatment.total.denominator);
    const std::vector<double> jackA = jackknifeRatios(control);
    const std::vector<double> jackT = jackknifeRatios(treatment);
    std::vector<double> liftA(jackA.size()), liftT(jackT.size());
    std::transform(jackA.begin(), jackA.end(), liftA.begin(), [t](double v) { return liftOf(v, t); });
    std::transform(jackT.begin(), jackT.end(), liftT.begin(), [a](double v) { return liftOf(a, v); });
    result.control = intervalsOf(std::move(replicates.control), a, { jackA }, alpha);
    result.treatment = intervalsOf(std::move(replicates.treatment), t, { jackT }, alpha);
    result.lift = intervalsOf(std::move(replicates.lift), liftOf(a, t), { liftA, liftT }, alpha);
    return result;
}

bool usable(const PackedArm& arm)
{
    return !arm.units.empty() && arm.total.denominator != 0;
}

} // namespace

double quantileOfSorted(std::span<const double> sorted, double q)
{
    if (sorted.empty())
        return kNaN;
    const double index = double(sorted.size() - 1) * std::clamp(q, 0.0, 1.0);
    const auto previous = std::size_t(std::floor(index));
    const std::size_t next = std::min(previous + 1, sorted.size() - 1);
    return lerp(sorted[previous], sorted[next], index - double(previous));
}

std::optional<RatioBootstrap> bootstrapRatio(const RatioUnits& control, const RatioUnits& treatment,
                                             const BootstrapOptions& options)
{
    const bool poisson = options.resampling == Resampling::PoissonBuckets;
    const PackedArm a = poisson ? bucketize(control, options.buckets, options.seed) : pack(control);
    const PackedArm t = poisson ? bucketize(treatment, options.buckets, options.seed + 1) : pack(treatment);
    if (!usable(a) || !usable(t) || a.total.numerator == 0 || options.resamples < 1)
        return std::nullopt;

    const int resamples = options.resamples;
    Replicates replicates { std::size_t(resamples) };
    constexpr int chunk = 32;
    const qsizetype chunks = (resamples + chunk - 1) / chunk;
    std::atomic<int> done { 0 };
    const std::thread::id caller = std::this_thread::get_id();
    const bool finished = jobs::parallelFor(
        options.pool, chunks,
        [&](qsizetype c) {
            const int end = std::min(resamples, int(c + 1) * chunk);
            for (int b = int(c) * chunk; b < end; ++b) {
                SplitMix64 rng = streamFor(options.seed, b);
                const Sums sa = poisson ? resamplePoisson(a, rng) : resampleUnits(a, rng);
                const Sums st = poisson ? resamplePoisson(t, rng) : resampleUnits(t, rng);
                replicates.set(std::size_t(b), sa, st);
            }
            const int total = done.fetch_add(end - int(c) * chunk) + end - int(c) * chunk;
            if (options.progress && std::this_thread::get_id() == caller)
                options.progress(double(total) / resamples);
        },
        options.stop);
    if (!finished)
        return std::nullopt;
    std::optional<RatioBootstrap> result = finish(a, t, std::move(replicates), options.alpha);
    if (result) {
        result->resampling = options.resampling;
        result->buckets = poisson ? options.buckets : 0;
    }
    return result;
}

std::optional<RatioBootstrap> bootstrapRatioFromIndices(const RatioUnits& control, const RatioUnits& treatment,
                                                        std::span<const std::vector<std::int32_t>> controlIndices,
                                                        std::span<const std::vector<std::int32_t>> treatmentIndices,
                                                        double alpha)
{
    const PackedArm a = pack(control), t = pack(treatment);
    if (!usable(a) || !usable(t) || a.total.numerator == 0 || controlIndices.size() != treatmentIndices.size()
        || controlIndices.empty())
        return std::nullopt;
    Replicates replicates(controlIndices.size());
    for (std::size_t b = 0; b < controlIndices.size(); ++b)
        replicates.set(b, sumIndices(a, controlIndices[b]), sumIndices(t, treatmentIndices[b]));
    return finish(a, t, std::move(replicates), alpha);
}

} // namespace bidlab::stats
