#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""scikit-learn's side of `bidlab-cli bench train`: the same file, the same rows, the same settings.

Rows: the first (1 - test_share) of the file's rows train, the rest test, as `bench train --test-share`
splits them (the rows of both synthetic sets are independent draws, so a split by position is a fair one).
Columns: the label is `click` or `y`, the true probability `p` (when present) gives the true model's test AUC,
the engine's categorical features (publisher, region, os, browser, interest) are one-hot encoded for the
logistic regression, the other columns are dense (standardised for the logistic regression, raw for the
forest). The forest uses the dense features only, as BidLab's does.

Times are of fit() alone: reading, encoding and scaling are done before the clock starts. The L2 strength is
BidLab's (on the mean loss): C = 1 / (l2 * training rows). Prints one JSON line.

Usage: /usr/bin/python3 sklearn_fit.py DATA [--test-share 0.2] [--models lr,rf] [--jobs 1,2] [--l2 1e-6]
       [--trees 100] [--depth 12] [--min-leaf 50] [--seed 1] [--oob] [--max-iter 1000]
"""
import argparse
import json
import math
import os
import platform
import resource
import time

import numpy as np
import pandas as pd
import scipy.sparse as sp
import sklearn
from sklearn.ensemble import RandomForestClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import log_loss, roc_auc_score
from sklearn.preprocessing import OneHotEncoder, StandardScaler

CATEGORICAL = ["publisher", "region", "os", "browser", "interest"]


def load(path, test_share):
    frame = pd.read_csv(path)
    label = "click" if "click" in frame.columns else "y"
    truth = frame.pop("p").to_numpy() if "p" in frame.columns else None
    y = frame.pop(label).to_numpy().astype(np.int64)
    categorical = [c for c in CATEGORICAL if c in frame.columns]
    dense = [c for c in frame.columns if c not in categorical]
    cut = len(y) - int(math.floor(len(y) * test_share + 0.5))  # as splitByPosition (llround)
    return frame, dense, categorical, y, truth, cut


def timed_fit(model, x, y):
    t0, c0 = time.perf_counter(), time.process_time()
    model.fit(x, y)
    return time.perf_counter() - t0, time.process_time() - c0


def metrics(y, p):
    return {"auc": round(float(roc_auc_score(y, p)), 5),
            "logloss": round(float(log_loss(y, p, labels=[0, 1])), 5)}


def logistic(frame, dense, categorical, y, cut, l2, max_iter):
    scaler = StandardScaler().fit(frame[dense].iloc[:cut])
    parts = [scaler.transform(frame[dense])]
    if categorical:
        encoder = OneHotEncoder(handle_unknown="ignore").fit(frame[categorical].iloc[:cut])
        parts = [sp.csr_matrix(parts[0]), encoder.transform(frame[categorical])]
        x = sp.hstack(parts, format="csr")
    else:
        x = parts[0]
    model = LogisticRegression(C=1.0 / (l2 * cut), max_iter=max_iter)
    wall, cpu = timed_fit(model, x[:cut], y[:cut])
    out = {"fit_s": round(wall, 3), "fit_cpu_s": round(cpu, 3), "n_iter": int(model.n_iter_[0]),
           "features": int(x.shape[1]), "C": model.C}
    out.update(metrics(y[cut:], model.predict_proba(x[cut:])[:, 1]))
    return out


def forest(frame, dense, y, cut, jobs, args):
    x = frame[dense].to_numpy(dtype=np.float64)
    out = {}
    for n in jobs:
        model = RandomForestClassifier(n_estimators=args.trees, max_depth=args.depth,
                                       min_samples_leaf=args.min_leaf, max_features="sqrt",
                                       oob_score=args.oob, n_jobs=n, random_state=args.seed)
        wall, cpu = timed_fit(model, x[:cut], y[:cut])
        run = {"fit_s": round(wall, 3), "fit_cpu_s": round(cpu, 3),
               "nodes": int(sum(t.tree_.node_count for t in model.estimators_))}
        run.update(metrics(y[cut:], model.predict_proba(x[cut:])[:, 1]))
        if args.oob:
            run["oob_auc"] = round(float(roc_auc_score(y[:cut], model.oob_decision_function_[:, 1])), 5)
        out[f"jobs_{n}"] = run
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data")
    parser.add_argument("--test-share", type=float, default=0.2)
    parser.add_argument("--models", default="lr,rf")
    parser.add_argument("--jobs", default="1,2", help="forest n_jobs values")
    parser.add_argument("--l2", type=float, default=1e-6)
    parser.add_argument("--max-iter", type=int, default=1000)
    parser.add_argument("--trees", type=int, default=100)
    parser.add_argument("--depth", type=int, default=12)
    parser.add_argument("--min-leaf", type=int, default=50)
    parser.add_argument("--seed", type=int, default=1, help="the forest's random_state")
    parser.add_argument("--oob", action="store_true", help="also the forest's out-of-bag AUC (slower fit)")
    args = parser.parse_args()

    with open("/proc/loadavg") as f:
        load_before = float(f.read().split()[0])
    frame, dense, categorical, y, truth, cut = load(args.data, args.test_share)
    out = {"figure": "sklearn_fit", "data": os.path.abspath(args.data), "rows": int(len(y)),
           "train_rows": cut, "test_rows": int(len(y) - cut), "dense": dense, "categorical": categorical}
    if truth is not None:
        out["true"] = metrics(y[cut:], truth[cut:])
    models = args.models.split(",")
    if "lr" in models:
        out["lr"] = logistic(frame, dense, categorical, y, cut, args.l2, args.max_iter)
    if "rf" in models:
        out["rf"] = forest(frame, dense, y, cut, [int(n) for n in args.jobs.split(",")], args)
    with open("/proc/loadavg") as f:
        out["load"] = {"before": load_before, "after": float(f.read().split()[0])}
    out["machine"] = {"cpus": os.cpu_count(), "python": platform.python_version(), "sklearn": sklearn.__version__,
                      "numpy": np.__version__, "maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024}
    print(json.dumps(out))


if __name__ == "__main__":
    main()
