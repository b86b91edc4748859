#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""The same work done with SciPy/statsmodels, to put BidLab's figures (bidlab-cli bench abtest) beside a
well-known implementation on the same machine. CPU times (time.process_time), like the bench's "CPU".

    /usr/bin/python3 tests/bench/stats/scipy_peer.py [rows] [resamples]

1. 10,000 two-arm experiments: statsmodels' proportions_ztest per experiment (as an analyst's loop would), then
   multipletests with Holm and with BH. (A vectorised z-test alone is faster; it does not give the intervals.)
2. scipy.stats.bootstrap(method="BCa") of the ROAS lift over `rows` per-user rows (default 5,000: SciPy's
   jackknife recomputes the statistic on every leave-one-out sample, n^2 work; 100,000 rows take about a minute).
"""
import sys
import time

import numpy as np
from scipy import stats
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.proportion import proportions_ztest

rows = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
resamples = int(sys.argv[2]) if len(sys.argv) > 2 else 2000
rng = np.random.default_rng(7)

n = rng.integers(2000, 200000, (10000, 2))
p = rng.uniform(0.005, 0.08, 10000)
clicks = rng.binomial(n, p[:, None])
start = time.process_time()
pvalues = np.array([proportions_ztest(clicks[i, ::-1], n[i, ::-1])[1] for i in range(10000)])
for method in ("holm", "fdr_bh"):
    multipletests(pvalues, alpha=0.05, method=method)
print(f"10000 experiments, statsmodels z-test loop + Holm + BH: CPU {1000 * (time.process_time() - start):.0f} ms")


def users(count, roas):
    cost = rng.integers(100_000, 900_000, count)
    revenue = np.where(rng.random(count) < 0.1, (cost * roas * 10 * rng.exponential(1.0, count)).astype(np.int64), 0)
    return revenue, cost


ra, ca = users(rows // 2, 2.0)
rb, cb = users(rows - rows // 2, 2.1)


def lift(ia, ib, axis=-1):
    return (rb[ib].sum(axis=-1) / cb[ib].sum(axis=-1)) / (ra[ia].sum(axis=-1) / ca[ia].sum(axis=-1)) - 1


start = time.process_time()
result = stats.bootstrap((np.arange(len(ra)), np.arange(len(rb))), lift, n_resamples=resamples, method="BCa",
                         batch=100, random_state=1)
ci = result.confidence_interval
print(f"scipy.stats.bootstrap BCa, {resamples} resamples over {rows} rows: CPU "
      f"{1000 * (time.process_time() - start):.0f} ms (BCa [{100 * ci.low:.2f}, {100 * ci.high:.2f}] %)")
