#!/usr/bin/python3
"""PyTorch (CPU) timings of the AD workloads of benchmarks/DiffOpt.Benchmarks/Ad/.

    apt-get install -y python3-torch        # Debian 12: PyTorch 1.13.1, CPU
    /usr/bin/python3 benchmarks/pytorch/ad_workloads.py [--repeats 5] [--threads 1] [--only NAME]

Same data (counter-based SplitMix64, identical to BenchmarkData.cs / SplitMix64.cs), same objectives, float64,
one thread by default (like the C# code). Each timed call builds the graph, runs autograd and copies the gradient
to a NumPy array. Prints the objective value (compare with the C# suites), the median and minimum wall time per
call over --repeats timed calls after one warm-up call, and a finite-difference sanity check where it is cheap.
"""
import argparse
import math
import time

import numpy as np
import torch

GOLDEN = np.uint64(0x9E3779B97F4A7C15)


def splitmix64_uniform(seed, count):
    """Counter-based SplitMix64, identical to SplitMix64.cs: the i-th value depends only on (seed, i)."""
    with np.errstate(over="ignore"):
        z = np.uint64(seed) + (np.arange(count, dtype=np.uint64) + np.uint64(1)) * GOLDEN
        z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        z = z ^ (z >> np.uint64(31))
    return (z >> np.uint64(11)).astype(np.float64) * (1.0 / (1 << 53))


def uniform(seed, count, low, high):
    return low + (high - low) * splitmix64_uniform(seed, count)


def timed(fn, repeats):
    fn()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return float(np.median(times)), min(times)


def rosenbrock(x):
    a = x[1:] - x[:-1] ** 2
    b = 1.0 - x[:-1]
    return (100.0 * a * a + b * b).sum()


def rosenbrock_cases(n, repeats):
    x = torch.tensor(uniform(11, n, -1.5, 1.5), requires_grad=True)
    v = torch.tensor(uniform(12, n, -1, 1))

    def grad():
        f = rosenbrock(x)
        (g,) = torch.autograd.grad(f, x)
        return f.item(), g.numpy().copy()

    def hvp():
        f = rosenbrock(x)
        (g,) = torch.autograd.grad(f, x, create_graph=True)
        (h,) = torch.autograd.grad((g * v).sum(), x)
        return h.numpy().copy()

    value, g = grad()
    eps = 1e-6
    with torch.no_grad():
        xp, xm = x + eps * v, x - eps * v
    xp.requires_grad_(True)
    xm.requires_grad_(True)
    fd = (torch.autograd.grad(rosenbrock(xp), xp)[0] - torch.autograd.grad(rosenbrock(xm), xm)[0]) / (2 * eps)
    err = float(np.max(np.abs(fd.numpy() - hvp()) / (1 + np.abs(fd.numpy()))))
    yield f"Rosenbrock n={n} gradient", value, timed(grad, repeats), None
    yield f"Rosenbrock n={n} HVP (double backward)", value, timed(hvp, repeats), f"vs difference of gradients {err:.1e}"


def logistic_case(repeats, rows=100_000, cols=100):
    A = (2 * splitmix64_uniform(1, rows * cols) - 1).reshape(rows, cols)
    w_true = 2 * splitmix64_uniform(2, cols) - 1
    y = np.where(splitmix64_uniform(3, rows) < 1 / (1 + np.exp(-(A @ w_true))), 1.0, -1.0)
    At, yt = torch.tensor(A), torch.tensor(y)
    w = torch.tensor(uniform(13, cols, -0.5, 0.5), requires_grad=True)

    def grad():
        f = torch.nn.functional.softplus(-yt * (At @ w)).sum() + 0.5 * (w * w).sum()
        (g,) = torch.autograd.grad(f, w)
        return f.item(), g.numpy().copy()

    yield f"Logistic n={rows} d={cols} gradient", grad()[0], timed(grad, repeats), None


def oscillator_loss(p, h, steps):
    x, v = p[0], p[1]
    a = p[2] * p[2]
    b = 2.0 * p[3] * p[2]
    loss = torch.zeros((), dtype=torch.float64)
    for _ in range(steps):
        k1x, k1v = v, -b * v - a * x
        x2, v2 = x + 0.5 * h * k1x, v + 0.5 * h * k1v
        k2x, k2v = v2, -b * v2 - a * x2
        x3, v3 = x + 0.5 * h * k2x, v + 0.5 * h * k2v
        k3x, k3v = v3, -b * v3 - a * x3
        x4, v4 = x + h * k3x, v + h * k3v
        k4x, k4v = v4, -b * v4 - a * x4
        x = x + h / 6 * (k1x + 2.0 * k2x + 2.0 * k3x + k4x)
        v = v + h / 6 * (k1v + 2.0 * k2v + 2.0 * k3v + k4v)
        loss = loss + h * x * x
    return loss


def oscillator_case(repeats, h=0.01, steps=1000):
    p = torch.tensor([1.0, 0.0, 2.0, 0.1], dtype=torch.float64, requires_grad=True)

    def grad():
        f = oscillator_loss(p, h, steps)
        (g,) = torch.autograd.grad(f, p)
        return f.item(), g.numpy().copy()

    value, g = grad()
    fd = []
    with torch.no_grad():
        for i in range(4):
            e = torch.zeros(4, dtype=torch.float64)
            e[i] = 1e-6 * max(1.0, abs(p[i].item()))
            fd.append((oscillator_loss(p + e, h, steps) - oscillator_loss(p - e, h, steps)).item() / (2 * e[i].item()))
    err = float(np.max(np.abs(np.array(fd) - g) / (1 + np.abs(np.array(fd)))))
    yield f"RK4 oscillator {steps} steps gradient", value, timed(grad, repeats), f"vs finite differences {err:.1e}"


def gmm_case(d, k, n, repeats, gamma=1.0, m=0):
    icf_size = d * (d + 1) // 2
    alphas = torch.tensor(uniform(21, k, -1, 1), requires_grad=True)
    means = torch.tensor(uniform(22, k * d, -1, 1).reshape(k, d), requires_grad=True)
    icf = torch.tensor(uniform(23, k * icf_size, -0.3, 0.3).reshape(k, icf_size), requires_grad=True)
    x = torch.tensor(uniform(24, n * d, -1, 1).reshape(n, d))
    index = torch.empty(d * d, dtype=torch.int64)
    for r in range(d):
        for c in range(d):
            index[r * d + c] = r if r == c else (d + c * (2 * d - c - 1) // 2 + r - c - 1 if r > c else icf_size)

    def objective():
        qs, lower = icf[:, :d], icf[:, d:]
        qdiag = qs.exp()
        sum_qs = qs.sum(1)
        source = torch.cat([qdiag, lower, torch.zeros(k, 1, dtype=torch.float64)], 1)
        factor = source.index_select(1, index).reshape(k, d, d)
        centred = x.unsqueeze(0) - means.unsqueeze(1)
        transformed = torch.matmul(centred, factor.transpose(1, 2))
        main = (alphas + sum_qs).unsqueeze(1) - 0.5 * (transformed * transformed).sum(2)
        prior = (0.5 * gamma * gamma * ((qdiag * qdiag).sum(1) + (lower * lower).sum(1)) - m * sum_qs).sum()
        constant = -0.5 * n * d * math.log(2 * math.pi) - k * (d + m + 1) * d * math.log(gamma / math.sqrt(2))
        return torch.logsumexp(main, 0).sum() - n * torch.logsumexp(alphas, 0) + prior + constant

    def grad():
        f = objective()
        g = torch.autograd.grad(f, [alphas, means, icf])
        return f.item(), [t.numpy().copy() for t in g]

    yield f"GMM d={d} k={k} n={n} gradient", grad()[0], timed(grad, repeats), None


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--only", default="")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.set_default_dtype(torch.float64)
    print(f"PyTorch {torch.__version__}, {torch.get_num_threads()} thread(s), float64, repeats {args.repeats}")
    cases = [
        ("Rosenbrock n=10", lambda: rosenbrock_cases(10, args.repeats)),
        ("Rosenbrock n=1000000", lambda: rosenbrock_cases(1_000_000, args.repeats)),
        ("Logistic", lambda: logistic_case(args.repeats)),
        ("GMM d=2", lambda: gmm_case(2, 5, 10_000, args.repeats)),
        ("GMM d=64", lambda: gmm_case(64, 50, 10_000, max(1, args.repeats // 2))),
        ("RK4", lambda: oscillator_case(args.repeats)),
    ]
    print(f"{'workload':45s} {'value':>22s} {'median':>12s} {'min':>12s}  check")
    for label, case in cases:
        if args.only and args.only not in label:
            continue
        for name, value, (median, best), check in case():
            print(f"{name:45s} {value:22.15g} {median * 1e6:10.1f}us {best * 1e6:10.1f}us  {check or ''}")


if __name__ == "__main__":
    main()
