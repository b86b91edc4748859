// SPDX-License-Identifier: MIT
// The CPU cost of one call of each closed-form test, in nanoseconds: why the batch analysis runs Fisher's
// exact test only where counts are small, and why chi-square with one degree of freedom goes through erfc.
// Run: build/dev/tests/bench/stats/bench_stats_tests [calls]   (prints one line per test, and the load)
#include "core/stats/distributions.h"
#include "core/stats/intervals.h"
#include "core/stats/mean_tests.h"
#include "core/stats/proportion_tests.h"

#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <random>
#include <string>
#include <vector>

using namespace bidlab::stats;

namespace {

// CPU time of this thread: on a shared machine the wall clock measures the neighbours too.
double threadCpuNs()
{
    timespec t {};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return double(t.tv_sec) * 1e9 + double(t.tv_nsec);
}

template<class F> void measure(const char* name, int calls, F f)
{
    double sink = 0;
    const double start = threadCpuNs();
    for (int i = 0; i < calls; ++i)
        sink += f(i);
    const double ns = threadCpuNs() - start;
    std::printf("%-48s %12.0f ns/call (CPU)  (checksum %.6g)\n", name, ns / calls, sink);
}

} // namespace

int main(int argc, char** argv)
{
    const int calls = argc > 1 ? std::atoi(argv[1]) : 20000;
    std::mt19937_64 rng(1);
    std::vector<std::pair<Proportion, Proportion>> tables;
    for (int i = 0; i < 1024; ++i) {
        const std::int64_t n = std::uniform_int_distribution<std::int64_t>(2000, 200000)(rng);
        const double p = std::uniform_real_distribution<double>(0.005, 0.08)(rng);
        tables.push_back({ { std::binomial_distribution<std::int64_t>(n, p)(rng), n },
                           { std::binomial_distribution<std::int64_t>(n, p)(rng), n } });
    }
    auto table = [&](int i) { return tables[std::size_t(i) % tables.size()]; };
    measure("two-proportion z-test", calls,
            [&](int i) { return twoProportionZTest(table(i).first, table(i).second).pValue; });
    measure("chi-square test with Yates' correction", calls,
            [&](int i) { return chiSquareTest(table(i).first, table(i).second, true).pValue; });
    measure("chi-square sf, 1 df, through erfc", calls, [&](int i) { return chiSquaredSf(double(i % 50) + 0.5, 1.0); });
    measure("chi-square sf, 1.000001 df, incomplete gamma", calls,
            [&](int i) { return chiSquaredSf(double(i % 50) + 0.5, 1.000001); });
    measure("Wilson interval (cached critical value)", calls,
            [&](int i) { return wilsonInterval(table(i).first, 0.05).low; });
    measure("normal quantile (uncached)", calls, [&](int i) { return normalIsf(0.025 + 1e-9 * (i % 7)); });
    measure("Welch's t-test from summaries", calls, [&](int i) {
        return welchTest({ 1000, 10, 4 + 0.001 * (i % 9) }, { 1100, 10.2, 5 }, 0.05)->pValue;
    });
    measure("Fisher's exact test, counts ~ 2,000 to 200,000", calls / 100,
            [&](int i) { return fisherExactTest(table(i).first, table(i).second).pValue; });
    measure("Fisher's exact test, small table (n ~ 60)", calls, [&](int i) {
        return fisherExactTest({ 1 + i % 5, 30 }, { 4, 32 }).pValue;
    });
    std::ifstream load("/proc/loadavg");
    std::string line;
    std::getline(load, line);
    std::printf("load average: %s\n", line.c_str());
    return 0;
}
