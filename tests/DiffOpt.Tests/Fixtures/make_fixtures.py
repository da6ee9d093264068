#!/usr/bin/python3
"""Writes the reference solutions that tests/DiffOpt.Tests/Solvers compare against.

Run from anywhere with Debian's packages (apt-get install python3-sklearn python3-scipy python3-numpy):

    /usr/bin/python3 tests/DiffOpt.Tests/Fixtures/make_fixtures.py

Every reference comes from an implementation independent of DiffOpt (scikit-learn, SciPy, or a numpy closed
form / exact Newton solve), and where two independent references exist the script checks that they agree.
Files are JSON with floats written by repr (round-trip exact). The tests never run Python.
"""
import json
import os

import numpy as np
import scipy
import scipy.optimize
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


def logistic_breast_cancer():
    """L2 logistic regression on scikit-learn's breast-cancer data.

    Features standardised with population mean/std (as StandardScaler), labels y in {-1, +1} (+1 = benign).
    Variables theta = (w_1..w_30, b). Objective, exactly:
        f(w, b) = C * sum_i log(1 + exp(-y_i (x_i . w + b))) + 0.5 * ||w||^2      (b not penalised)
    which is scikit-learn's LogisticRegression(penalty='l2', C=C) objective.
    Reference: Newton's method with the exact Hessian to machine precision; checked against scikit-learn.
    """
    data = load_breast_cancer()
    X = data.data.astype(float)
    X = (X - X.mean(axis=0)) / X.std(axis=0)
    y = np.where(data.target == 1, 1.0, -1.0)
    C = 1.0
    n, d = X.shape
    A = np.hstack([X, np.ones((n, 1))])
    reg = np.ones(d + 1)
    reg[-1] = 0.0

    def f_grad_hess(theta):
        z = y * (A @ theta)
        loss = np.logaddexp(0.0, -z).sum()
        s = scipy.special.expit(-z)  # sigma(-z)
        grad = C * (A.T @ (-y * s)) + reg * theta
        w = s * (1 - s)
        hess = C * (A.T * w) @ A + np.diag(reg)
        return C * loss + 0.5 * np.dot(reg * theta, theta), grad, hess

    theta = np.zeros(d + 1)
    for _ in range(100):
        f, g, H = f_grad_hess(theta)
        if np.linalg.norm(g) < 1e-13:
            break
        theta = theta - np.linalg.solve(H, g)
    f, g, _ = f_grad_hess(theta)
    assert np.linalg.norm(g) < 1e-10, np.linalg.norm(g)

    clf = LogisticRegression(C=C, tol=1e-12, max_iter=100000, solver="newton-cg").fit(X, (y > 0).astype(int))
    sk = np.concatenate([clf.coef_.ravel(), clf.intercept_])
    assert np.max(np.abs(sk - theta)) < 1e-6, np.max(np.abs(sk - theta))

    write("logistic_breast_cancer.json", {
        "description": "f(w,b) = C*sum log(1+exp(-y_i(x_i.w+b))) + 0.5*||w||^2; X standardised; theta = (w, b)",
        "C": C, "n": n, "d": d,
        "X": X.ravel().tolist(), "y": y.tolist(),
        "solution": theta.tolist(), "value": float(f),
        "sklearn_solution": sk.tolist(),
    })


def lasso_diabetes():
    """Lasso on scikit-learn's diabetes data (features as shipped: centred, unit-norm columns; target centred).

    Objective, exactly (scikit-learn's Lasso with fit_intercept=False):
        f(w) = 1/(2n) ||y - X w||^2 + alpha ||w||_1
    Reference: sklearn Lasso (coordinate descent) with tol 1e-14; checked by the KKT conditions.
    """
    data = load_diabetes()
    X = data.data.astype(float)
    y = data.target.astype(float)
    y = y - y.mean()
    n, d = X.shape
    alpha_max = np.max(np.abs(X.T @ y)) / n
    alpha = 0.05 * alpha_max
    model = Lasso(alpha=alpha, fit_intercept=False, tol=1e-14, max_iter=10_000_000).fit(X, y)
    w = model.coef_.copy()
    grad = X.T @ (X @ w - y) / n
    # KKT: grad_j = -alpha*sign(w_j) on the support, |grad_j| <= alpha off it.
    for j in range(d):
        if w[j] != 0:
            assert abs(grad[j] + alpha * np.sign(w[j])) < 1e-8 * alpha_max, (j, grad[j])
        else:
            assert abs(grad[j]) <= alpha * (1 + 1e-9), (j, grad[j])
    value = 0.5 / n * np.sum((y - X @ w) ** 2) + alpha * np.abs(w).sum()
    write("lasso_diabetes.json", {
        "description": "f(w) = 1/(2n)||y - Xw||^2 + alpha*||w||_1; diabetes X as shipped, y centred",
        "alpha": alpha, "n": n, "d": d,
        "X": X.ravel().tolist(), "y": y.tolist(),
        "solution": w.tolist(), "value": float(value),
        "zeros": int(np.sum(w == 0)),
    })


def ridge():
    """Ridge regression, closed form: f(w) = 0.5 ||A w - b||^2 + (lam/2) ||w||^2, w = (A'A + lam I)^-1 A'b."""
    rng = np.random.RandomState(0)
    m, n = 100, 20
    A = rng.standard_normal((m, n))
    b = A @ rng.standard_normal(n) + 0.1 * rng.standard_normal(m)
    lam = 0.5
    w = np.linalg.solve(A.T @ A + lam * np.eye(n), A.T @ b)
    value = 0.5 * np.sum((A @ w - b) ** 2) + 0.5 * lam * np.dot(w, w)
    write("ridge.json", {
        "description": "f(w) = 0.5*||Aw - b||^2 + (lambda/2)*||w||^2; closed form",
        "m": m, "n": n, "lambda": lam,
        "A": A.ravel().tolist(), "b": b.tolist(),
        "solution": w.tolist(), "value": float(value),
    })


def nnls():
    """Non-negative least squares: min 0.5 ||A x - b||^2 s.t. x >= 0, by scipy.optimize.nnls (Lawson-Hanson)."""
    rng = np.random.RandomState(1)
    m, n = 60, 25
    A = rng.standard_normal((m, n))
    x_true = rng.standard_normal(n)  # about half negative, so the bound is active
    b = A @ x_true + 0.05 * rng.standard_normal(m)
    x, rnorm = scipy.optimize.nnls(A, b)
    g = A.T @ (A @ x - b)
    assert np.all(g[x == 0] >= -1e-9) and np.all(np.abs(g[x > 0]) < 1e-9)
    write("nnls.json", {
        "description": "min 0.5*||Ax - b||^2 s.t. x >= 0; scipy.optimize.nnls",
        "m": m, "n": n,
        "A": A.ravel().tolist(), "b": b.tolist(),
        "solution": x.tolist(), "value": float(0.5 * rnorm ** 2),
        "active": int(np.sum(x == 0)),
    })


def box_qp():
    """Box-constrained QP: min 0.5 x'Qx + c'x s.t. lower <= x <= upper.

    Reference: L-BFGS-B finds the active set; the QP restricted to the free variables is then solved exactly and the
    KKT conditions (multiplier signs) are verified, so the reference is exact up to round-off.
    """
    rng = np.random.RandomState(2)
    n = 15
    M = rng.standard_normal((n, n))
    Q = M @ M.T / n + 0.5 * np.eye(n)
    c = 0.7 * rng.standard_normal(n)
    lower = -1.0 * np.ones(n)
    upper = 1.0 * np.ones(n)
    res = scipy.optimize.minimize(
        lambda x: (0.5 * x @ Q @ x + c @ x, Q @ x + c), np.zeros(n), jac=True, method="L-BFGS-B",
        bounds=list(zip(lower, upper)), options={"ftol": 0.0, "gtol": 1e-12, "maxiter": 10000})
    x = np.clip(res.x, lower, upper)
    at_lower = np.abs(x - lower) < 1e-6
    at_upper = np.abs(x - upper) < 1e-6
    free = ~(at_lower | at_upper)
    x[at_lower] = lower[at_lower]
    x[at_upper] = upper[at_upper]
    fixed = ~free
    x[free] = np.linalg.solve(Q[np.ix_(free, free)], -(c[free] + Q[np.ix_(free, fixed)] @ x[fixed]))
    g = Q @ x + c
    assert np.all(x[free] > lower[free]) and np.all(x[free] < upper[free])
    assert np.all(np.abs(g[free]) < 1e-12)
    assert np.all(g[at_lower] >= 0) and np.all(g[at_upper] <= 0)
    write("box_qp.json", {
        "description": "min 0.5*x'Qx + c'x s.t. lower <= x <= upper; active set from L-BFGS-B, exact solve, KKT checked",
        "n": n, "Q": Q.ravel().tolist(), "c": c.tolist(), "lower": lower.tolist(), "upper": upper.tolist(),
        "solution": x.tolist(), "value": float(0.5 * x @ Q @ x + c @ x),
        "active": int(np.sum(fixed)),
    })


def exponential_fit():
    """Nonlinear least squares: fit y ~ a*exp(-k*t) + c, residual r_i = a*exp(-k*t_i) + c - y_i.

    Data: t_i = 0.25 i (i = 0..39), y_i = 3 exp(-0.7 t_i) + 0.5 + 0.05 sin(3 i) (deterministic "noise").
    Reference: scipy.optimize.least_squares(method='lm') with tolerances at machine precision, polished by exact
    Gauss-Newton steps.
    """
    t = 0.25 * np.arange(40)
    y = 3.0 * np.exp(-0.7 * t) + 0.5 + 0.05 * np.sin(3.0 * np.arange(40))

    def residual(p):
        a, k, c = p
        return a * np.exp(-k * t) + c - y

    def jac(p):
        a, k, c = p
        e = np.exp(-k * t)
        return np.stack([e, -a * t * e, np.ones_like(t)], axis=1)

    x0 = np.array([1.0, 0.1, 0.0])
    res = scipy.optimize.least_squares(residual, x0, jac=jac, method="lm", xtol=1e-15, ftol=1e-15, gtol=1e-15)
    # Polish with exact Gauss-Newton steps (QR via lstsq) to the round-off floor, and check agreement with SciPy.
    x = res.x.copy()
    for _ in range(5):
        x = x - np.linalg.lstsq(jac(x), residual(x), rcond=None)[0]
    assert np.linalg.norm(jac(x).T @ residual(x)) < 1e-11, np.linalg.norm(jac(x).T @ residual(x))
    assert np.max(np.abs(x - res.x)) < 1e-7
    write("exponential_fit.json", {
        "description": "r_i = a*exp(-k*t_i) + c - y_i, x = (a, k, c); scipy least_squares(method='lm')",
        "t": t.tolist(), "y": y.tolist(), "x0": x0.tolist(),
        "solution": x.tolist(), "value": float(0.5 * np.sum(residual(x) ** 2)),
        "scipy_solution": res.x.tolist(),
    })


if __name__ == "__main__":
    logistic_breast_cancer()
    lasso_diabetes()
    ridge()
    nnls()
    box_qp()
    exponential_fit()
