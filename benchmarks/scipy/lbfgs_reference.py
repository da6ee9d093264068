#!/usr/bin/python3
"""SciPy's L-BFGS-B on the problems of benchmarks/DiffOpt.Benchmarks/Solvers/LbfgsLogisticBenchmarks.cs.

    /usr/bin/python3 benchmarks/scipy/lbfgs_reference.py [--repeats 5]

(Debian: apt-get install python3-scipy python3-numpy.) Same data, same objective, same start (w = 0), same memory
(maxcor = 10). Stopping rule: DiffOpt stops when ||g||_2 <= 1e-8 * max(1, min(||g0||_2, |f|)); L-BFGS-B is
given gtol = 1e-8 * max(1, min(||g0||_2, |f*|)) (f* from a first SciPy solve) on its projected-gradient infinity
norm (never stricter than the 2-norm test) and ftol = 0, so neither stops on a small change of f. It is also run
with SciPy's default tolerances for reference.
Prints iterations, evaluations, final ||g||_2, f and the median wall time of the solve.
"""
import argparse
import json
import os
import time

import numpy as np
import scipy
import scipy.optimize
import scipy.special

REPO = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
GOLDEN = np.uint64(0x9E3779B97F4A7C15)


def splitmix64_uniform(seed, count):
    """Counter-based SplitMix64, identical to SplitMix64.cs: the i-th value depends only on (seed, i)."""
    with np.errstate(over="ignore"):
        z = np.uint64(seed) + (np.arange(count, dtype=np.uint64) + np.uint64(1)) * GOLDEN
        z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        z = z ^ (z >> np.uint64(31))
    return (z >> np.uint64(11)).astype(np.float64) * (1.0 / (1 << 53))


def synthetic(rows, cols):
    A = (2 * splitmix64_uniform(1, rows * cols) - 1).reshape(rows, cols)
    w_true = 2 * splitmix64_uniform(2, cols) - 1
    z = np.array([np.dot(A[i], w_true) for i in range(rows)]) if rows <= 1000 else A @ w_true
    p = 1 / (1 + np.exp(-z))
    y = np.where(splitmix64_uniform(3, rows) < p, 1.0, -1.0)
    return A, y, 1.0, np.ones(cols)


def breast_cancer():
    with open(os.path.join(REPO, "tests", "DiffOpt.Tests", "Fixtures", "logistic_breast_cancer.json")) as f:
        fx = json.load(f)
    n, d = fx["n"], fx["d"]
    X = np.array(fx["X"]).reshape(n, d)
    A = np.hstack([X, np.ones((n, 1))])
    penalty = np.ones(d + 1)
    penalty[-1] = 0.0
    return A, np.array(fx["y"]), fx["C"], penalty


def objective(A, y, C, penalty):
    def f(w):
        m = y * (A @ w)
        loss = np.logaddexp(0.0, -m).sum()
        coef = -C * y * scipy.special.expit(-m)
        return C * loss + 0.5 * np.dot(penalty * w, w), A.T @ coef + penalty * w
    return f


def run(name, problem, repeats):
    A, y, C, penalty = problem
    f = objective(A, y, C, penalty)
    w0 = np.zeros(A.shape[1])
    g0 = np.linalg.norm(f(w0)[1])
    f_star = scipy.optimize.minimize(f, w0, jac=True, method="L-BFGS-B", options={"maxcor": 10}).fun
    gtol = 1e-8 * max(1.0, min(g0, abs(f_star)))
    print(f"{name}: {A.shape[0]} x {A.shape[1]}, checksum features {A.sum()!r}, labels {y.sum()!r}, ||g0|| = {g0:.6e}")
    settings = {
        f"matched (gtol = {gtol:.3e}, ftol = 0)": {"maxcor": 10, "gtol": gtol, "ftol": 0.0, "maxiter": 15000},
        "scipy defaults": {"maxcor": 10},
    }
    for label, options in settings.items():
        times = []
        for _ in range(repeats):
            start = time.perf_counter()
            res = scipy.optimize.minimize(f, w0, jac=True, method="L-BFGS-B", options=options)
            times.append(time.perf_counter() - start)
        gnorm = np.linalg.norm(f(res.x)[1])
        t0 = time.perf_counter()
        for _ in range(20):
            f(w0)
        per_eval = (time.perf_counter() - t0) / 20
        print(f"  L-BFGS-B {label}: nit {res.nit}, nfev {res.nfev}, f {res.fun:.10e}, ||g|| {gnorm:.3e}, "
              f"median time {np.median(times) * 1e3:.2f} ms (min {min(times) * 1e3:.2f}), one evaluation {per_eval * 1e3:.3f} ms, "
              f"message: {res.message}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    print(f"numpy {np.__version__}, scipy {scipy.__version__}")
    run("breast-cancer", breast_cancer(), args.repeats)
    run("synthetic-100k", synthetic(100_000, 100), args.repeats)
