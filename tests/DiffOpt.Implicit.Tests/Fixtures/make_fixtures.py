#!/usr/bin/python3
"""Writes the reference data that tests/DiffOpt.Implicit.Tests/Applications compares against.

Run from anywhere with Debian's packages (apt-get install python3-sklearn python3-scipy python3-numpy):

    /usr/bin/python3 tests/DiffOpt.Implicit.Tests/Fixtures/make_fixtures.py

Every solution comes from an implementation independent of DiffOpt (scikit-learn's coordinate descent and
Newton-CG, SciPy's L-BFGS-B, numpy's dense solves), and every derivative from a closed form evaluated with numpy
(implicit function theorem written out by hand on the active set), never from finite differences. Where two
independent references exist the script checks that they agree, and it checks the optimality (KKT) conditions of
every solution. Files are JSON with floats written by repr (round-trip exact); the script is deterministic, so
reruns give identical files. The tests never run Python.

Outputs:
    lasso_diabetes_path.json      lasso on the diabetes data for several alpha, dw/dalpha, validation hypergradients
    logistic_breast_cancer_path.json  L2 logistic regression for several lambda, dtheta/dlambda, hypergradients
    box_qp_parametric.json        box-constrained QP, Jacobians of the solution in c and in the bounds
    diabetes.csv                  the raw diabetes data (sklearn load_diabetes(scaled=False)); samples/Hyperparameters
                                  ships a copy
"""
import json
import os
import warnings

import numpy as np
import scipy
import scipy.optimize
import scipy.special
import sklearn
from sklearn.datasets import load_breast_cancer, load_diabetes
from sklearn.linear_model import Lasso, LogisticRegression

HERE = os.path.dirname(os.path.abspath(__file__))


def write(name, payload):
    payload["generator"] = (
        f"make_fixtures.py with numpy {np.__version__}, scipy {scipy.__version__}, scikit-learn {sklearn.__version__}"
    )
    with open(os.path.join(HERE, name), "w") as f:
        json.dump(payload, f, indent=None, separators=(",", ":"))
        f.write("\n")
    print("wrote", name)


def standardise(train, *others):
    """Zero mean, unit population variance with the TRAINING rows' statistics, applied to every split."""
    mean = train.mean(axis=0)
    std = train.std(axis=0)
    return [(a - mean) / std for a in (train,) + others]


def diabetes_csv():
    data = load_diabetes(scaled=False)
    with open(os.path.join(HERE, "diabetes.csv"), "w") as f:
        f.write(",".join(data.feature_names + ["target"]) + "\n")
        for row, target in zip(data.data, data.target):
            f.write(",".join(repr(float(v)) for v in row) + "," + repr(float(target)) + "\n")
    print("wrote diabetes.csv")


def lasso_diabetes_path():
    """Lasso on scikit-learn's diabetes data (raw features, load_diabetes(scaled=False)).

    Split: rows 0..341 train, rows 342..441 validation. X and y are standardised (zero mean, unit population
    variance) with the training rows' mean and standard deviation, applied to both splits.
    Objective, exactly scikit-learn's Lasso(fit_intercept=False):
        f(w; alpha) = 1/(2n) ||y - X w||^2 + alpha ||w||_1,     n = 342 training rows.
    Solutions: sklearn Lasso (coordinate descent, tol 1e-15), checked by KKT.
    Derivative (closed form, on the active set A = {j : w_j != 0}, where the sign pattern is locally constant):
        dw_A/dalpha = -(X_A' X_A / n)^-1 sign(w_A),   dw_j/dalpha = 0 off A.
    Validation loss L(w) = 1/(2 n_val) ||y_val - X_val w||^2; hypergradient dL/dalpha = grad L(w) . dw/dalpha.
    kink_distance: the distance in alpha to the nearest change of the active set along the linear path, so a test
    can pick a finite-difference step that does not cross a kink.
    """
    data = load_diabetes(scaled=False)
    X_all = data.data.astype(float)
    y_all = data.target.astype(float).reshape(-1, 1)
    n_train = 342
    X, Xv = standardise(X_all[:n_train], X_all[n_train:])
    y, yv = standardise(y_all[:n_train], y_all[n_train:])
    y, yv = y.ravel(), yv.ravel()
    n, d = X.shape
    nv = Xv.shape[0]
    alpha_max = np.max(np.abs(X.T @ y)) / n
    fractions = [0.5, 0.1, 0.02, 0.004]
    cases = []
    for fraction in fractions:
        alpha = fraction * alpha_max
        model = Lasso(alpha=alpha, fit_intercept=False, tol=1e-15, max_iter=10_000_000).fit(X, y)
        w = model.coef_.copy()
        grad = X.T @ (X @ w - y) / n
        active = w != 0
        # KKT: grad_j = -alpha sign(w_j) on the support, |grad_j| < alpha (strictly, with margin) off it.
        assert np.all(np.abs(grad[active] + alpha * np.sign(w[active])) < 1e-10), grad
        margin = alpha - np.abs(grad[~active])
        assert np.all(margin > 1e-4 * alpha), margin
        # Polish the support with the exact active-set solve (sklearn's answer agrees to its tolerance).
        A = np.flatnonzero(active)
        H = X[:, A].T @ X[:, A] / n
        s = np.sign(w[A])
        w_exact = np.zeros(d)
        w_exact[A] = np.linalg.solve(H, X[:, A].T @ y / n - alpha * s)
        assert np.all(np.sign(w_exact[A]) == s)
        assert np.max(np.abs(w_exact - w)) < 1e-9, np.max(np.abs(w_exact - w))
        dw = np.zeros(d)
        dw[A] = -np.linalg.solve(H, s)
        # Distance to the nearest kink: a support coefficient reaching zero, or an off-support |grad_j| reaching alpha.
        kinks = []
        for k, j in enumerate(A):
            if dw[j] != 0 and -w_exact[j] / dw[j] != 0:
                kinks.append(abs(w_exact[j] / dw[j]))
        g_exact = X.T @ (X @ w_exact - y) / n
        dg = X.T @ (X @ dw) / n  # d grad / d alpha
        for j in np.flatnonzero(~active):
            # g_j + t dg_j = +-(alpha + t)
            for sign in (1.0, -1.0):
                denom = dg[j] - sign
                if denom != 0:
                    t = (sign * alpha - g_exact[j]) / denom
                    kinks.append(abs(t))
        kink_distance = float(min(kinks)) if kinks else float(alpha)
        residual_v = Xv @ w_exact - yv
        validation = 0.5 / nv * residual_v @ residual_v
        hyper = float((Xv.T @ residual_v / nv) @ dw)
        cases.append({
            "alpha": alpha, "solution": w_exact.tolist(), "sklearn_solution": w.tolist(),
            "dw_dalpha": dw.tolist(), "active": int(active.sum()), "kink_distance": kink_distance,
            "value": float(0.5 / n * np.sum((y - X @ w_exact) ** 2) + alpha * np.abs(w_exact).sum()),
            "validation_loss": float(validation), "validation_hypergradient": hyper,
        })
        print(f"  lasso alpha={alpha:.5g} active={active.sum()} kink={kink_distance:.3g} val={validation:.6g}")
    write("lasso_diabetes_path.json", {
        "description": "f(w) = 1/(2n)||y - Xw||^2 + alpha*||w||_1 on diabetes rows 0..341; X, y standardised with the "
                       "training rows' mean/std; validation rows 342..441, L = 1/(2 n_val)||y_val - X_val w||^2; "
                       "dw_dalpha = -(X_A'X_A/n)^-1 sign(w_A) on the active set",
        "n": n, "d": d, "n_validation": nv, "alpha_max": float(alpha_max),
        "X": X.ravel().tolist(), "y": y.tolist(), "X_validation": Xv.ravel().tolist(), "y_validation": yv.tolist(),
        "cases": cases,
    })


def logistic_breast_cancer_path():
    """L2 logistic regression on scikit-learn's breast-cancer data.

    Split: rows 0..399 train, rows 400..568 validation; features standardised with the training rows' statistics;
    labels y in {-1, +1} (+1 = benign). Variables theta = (w_1..w_30, b). Objective, exactly:
        f(theta; lambda) = 1/n sum_i log(1 + exp(-y_i (x_i . w + b))) + (lambda/2) ||w||^2      (b not penalised)
    which is scikit-learn's LogisticRegression(C = 1/(n lambda)) up to the factor C.
    Solution: Newton's method with the exact Hessian to machine precision, checked against scikit-learn.
    Derivative (implicit function theorem, dense): dtheta/dlambda = -H^-1 (w, 0), H the Hessian of f at theta.
    Validation loss L(theta) = 1/n_val sum log(1 + exp(-y_i (x_i . w + b))); hypergradient = grad L . dtheta/dlambda.
    """
    data = load_breast_cancer()
    X_all = data.data.astype(float)
    y_all = np.where(data.target == 1, 1.0, -1.0)
    n_train = 400
    X, Xv = standardise(X_all[:n_train], X_all[n_train:])
    y, yv = y_all[:n_train], y_all[n_train:]
    n, d = X.shape
    nv = Xv.shape[0]
    A = np.hstack([X, np.ones((n, 1))])
    Av = np.hstack([Xv, np.ones((nv, 1))])
    reg = np.ones(d + 1)
    reg[-1] = 0.0

    def loss_grad_hess(theta, lam):
        z = y * (A @ theta)
        s = scipy.special.expit(-z)
        value = np.logaddexp(0.0, -z).sum() / n + 0.5 * lam * np.dot(reg * theta, theta)
        grad = A.T @ (-y * s) / n + lam * reg * theta
        hess = (A.T * (s * (1 - s))) @ A / n + lam * np.diag(reg)
        return value, grad, hess

    cases = []
    for lam in [0.1, 0.01, 0.001]:
        theta = np.zeros(d + 1)
        for _ in range(200):
            _, g, H = loss_grad_hess(theta, lam)
            if np.linalg.norm(g) < 1e-15:
                break
            theta = theta - np.linalg.solve(H, g)
        value, g, H = loss_grad_hess(theta, lam)
        assert np.linalg.norm(g) < 1e-13, np.linalg.norm(g)
        with warnings.catch_warnings():
            # At tol 1e-12 newton-cg's line search reaches round-off and warns; the agreement check below is what counts.
            warnings.simplefilter("ignore")
            clf = LogisticRegression(C=1.0 / (n * lam), tol=1e-12, max_iter=100000, solver="newton-cg")
            clf.fit(X, (y > 0).astype(int))
        sk = np.concatenate([clf.coef_.ravel(), clf.intercept_])
        assert np.max(np.abs(sk - theta)) < 1e-5 * max(1.0, np.max(np.abs(theta))), np.max(np.abs(sk - theta))
        dtheta = -np.linalg.solve(H, reg * theta)
        zv = yv * (Av @ theta)
        validation = np.logaddexp(0.0, -zv).sum() / nv
        grad_v = Av.T @ (-yv * scipy.special.expit(-zv)) / nv
        hyper = float(grad_v @ dtheta)
        cases.append({
            "lambda": lam, "solution": theta.tolist(), "sklearn_solution": sk.tolist(), "value": float(value),
            "dtheta_dlambda": dtheta.tolist(), "validation_loss": float(validation),
            "validation_hypergradient": hyper, "hessian_condition": float(np.linalg.cond(H)),
        })
        print(f"  logistic lambda={lam} |theta|={np.linalg.norm(theta):.4g} cond={np.linalg.cond(H):.3g} val={validation:.6g}")
    write("logistic_breast_cancer_path.json", {
        "description": "f(theta) = 1/n sum log(1+exp(-y_i(x_i.w+b))) + lambda/2 ||w||^2, theta = (w, b); breast cancer "
                       "rows 0..399 train, 400..568 validation, standardised with training statistics; "
                       "dtheta_dlambda = -H^-1 (w, 0)",
        "n": n, "d": d, "n_validation": nv,
        "X": X.ravel().tolist(), "y": y.tolist(), "X_validation": Xv.ravel().tolist(), "y_validation": yv.tolist(),
        "cases": cases,
    })


def box_qp_parametric():
    """Box-constrained QP: min 0.5 x'Qx + c'x s.t. lower <= x_i <= upper (scalar bounds).

    Solution: SciPy's L-BFGS-B finds the active set, the QP restricted to the free variables is solved exactly, and
    the KKT conditions are verified with strict complementarity (multipliers and distances to the bounds bounded
    away from zero), so the solution is differentiable.
    Derivatives (closed form; F = free set, U/L = coordinates at the upper/lower bound):
        dx/dc:     rows/cols F: -(Q_FF)^-1, zero elsewhere              (n x n, row-major: [i, j] = dx_i/dc_j)
        dx/dupper: 1 on U, -(Q_FF)^-1 Q_FU 1 on F, 0 on L
        dx/dlower: 1 on L, -(Q_FF)^-1 Q_FL 1 on F, 0 on U
    """
    rng = np.random.RandomState(7)
    n = 20
    M = rng.standard_normal((n, n))
    Q = M @ M.T / n + 0.5 * np.eye(n)
    c = 1.5 * rng.standard_normal(n)
    lower, upper = -1.0, 0.8
    res = scipy.optimize.minimize(
        lambda x: (0.5 * x @ Q @ x + c @ x, Q @ x + c), np.zeros(n), jac=True, method="L-BFGS-B",
        bounds=[(lower, upper)] * n, options={"ftol": 0.0, "gtol": 1e-13, "maxiter": 10000})
    x = np.clip(res.x, lower, upper)
    at_lower = np.abs(x - lower) < 1e-6
    at_upper = np.abs(x - upper) < 1e-6
    free = ~(at_lower | at_upper)
    x[at_lower] = lower
    x[at_upper] = upper
    F = np.flatnonzero(free)
    fixed = ~free
    x[F] = np.linalg.solve(Q[np.ix_(F, F)], -(c[F] + Q[np.ix_(F, fixed)] @ x[fixed]))
    g = Q @ x + c
    assert np.max(np.abs(x - res.x)) < 1e-6, np.max(np.abs(x - res.x))
    assert np.all(np.abs(g[F]) < 1e-12)
    # Strict complementarity: multipliers (gradient components) of active bounds bounded away from zero, free
    # coordinates away from the bounds.
    assert np.all(g[at_lower] > 1e-3) and np.all(g[at_upper] < -1e-3), g
    assert np.all(x[F] > lower + 1e-3) and np.all(x[F] < upper - 1e-3)
    QFFinv = np.linalg.inv(Q[np.ix_(F, F)])
    dx_dc = np.zeros((n, n))
    dx_dc[np.ix_(F, F)] = -QFFinv
    U = np.flatnonzero(at_upper)
    L = np.flatnonzero(at_lower)
    dx_du = np.zeros(n)
    dx_du[U] = 1.0
    dx_du[F] = -QFFinv @ Q[np.ix_(F, U)].sum(axis=1)
    dx_dl = np.zeros(n)
    dx_dl[L] = 1.0
    dx_dl[F] = -QFFinv @ Q[np.ix_(F, L)].sum(axis=1)
    # Distance to the nearest active-set change under a perturbation of the bounds (for finite-difference steps).
    margin = min(np.min(g[at_lower]) if L.size else np.inf, np.min(-g[at_upper]) if U.size else np.inf,
                 np.min(x[F] - lower), np.min(upper - x[F]))
    print(f"  box QP n={n} free={free.sum()} at lower={L.size} at upper={U.size} margin={margin:.3g}")
    write("box_qp_parametric.json", {
        "description": "min 0.5 x'Qx + c'x s.t. lower <= x <= upper (scalar bounds); L-BFGS-B active set, exact "
                       "solve, strict KKT; dx_dc row-major [i*n + j] = dx_i/dc_j",
        "n": n, "Q": Q.ravel().tolist(), "c": c.tolist(), "lower": lower, "upper": upper,
        "solution": x.tolist(), "scipy_solution": res.x.tolist(), "value": float(0.5 * x @ Q @ x + c @ x),
        "free": int(free.sum()), "at_lower": int(L.size), "at_upper": int(U.size), "margin": float(margin),
        "dx_dc": dx_dc.ravel().tolist(), "dx_dupper": dx_du.tolist(), "dx_dlower": dx_dl.tolist(),
    })


if __name__ == "__main__":
    diabetes_csv()
    lasso_diabetes_path()
    logistic_breast_cancer_path()
    box_qp_parametric()
