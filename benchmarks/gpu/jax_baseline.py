"""JAX baseline for the GPU benchmark (run by run.sh when JAX is importable): the same two workloads, the same
input formulas, timed the same way (median of repeats after a warm-up that compiles).

  rosenbrock2d-gradient: jax.vmap(jax.value_and_grad(f, argnums=(0, 1))) over n points
  logistic-sum-gradient: jax.value_and_grad(lambda w: sum_i log(1 + exp(-y_i w.x_i))) over n examples x 16 features

Prints one line per measurement in the format of the .NET benchmark and writes jax.json to the output folder.
"""
import json
import os
import sys
import time


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else "."
    sizes = [int(float(s)) for s in (sys.argv[2] if len(sys.argv) > 2 else "1e6,1e7,1e8").split(",")]
    data_sizes = [int(float(s)) for s in (sys.argv[3] if len(sys.argv) > 3 else "1e6,1e7").split(",")]
    features = 16
    repeat = 5

    import jax
    import jax.numpy as jnp

    jax.config.update("jax_enable_x64", True)
    device = jax.devices()[0]
    rows = []
    print(f"jax {jax.__version__} on {device.platform} {device.device_kind}")

    def timed(fn, *args):
        jax.block_until_ready(fn(*args))
        times = []
        for _ in range(repeat):
            start = time.perf_counter()
            jax.block_until_ready(fn(*args))
            times.append(time.perf_counter() - start)
        times.sort()
        return times[len(times) // 2]

    def report(workload, n, seconds, nbytes):
        rate = n / seconds
        rows.append({"workload": workload, "backend": "jax " + device.platform, "items": n, "seconds": seconds,
                     "itemsPerSecond": rate, "gigabytesPerSecond": nbytes / seconds / 1e9})
        print(f"  {workload:<34} {'jax ' + device.platform:<22} n={n:>11,}  {seconds * 1e3:10.3f} ms  "
              f"{rate / 1e6:10.1f} M items/s  {nbytes / seconds / 1e9:8.1f} GB/s", flush=True)

    def spread(i, golden, low, high):
        t = i * golden
        return low + (high - low) * (t - jnp.floor(t))

    def rosenbrock(x, y):
        return (1 - x) * (1 - x) + 100 * (y - x * x) * (y - x * x)

    batched = jax.jit(jax.vmap(jax.value_and_grad(rosenbrock, argnums=(0, 1))))
    for n in sizes:
        for dtype, size in ((jnp.float64, 8), (jnp.float32, 4)):
            i = jnp.arange(n, dtype=jnp.float64)
            x = spread(i, 0.6180339887498949, -2, 2).astype(dtype)
            y = spread(i, 0.7548776662466927, -1, 3).astype(dtype)
            seconds = timed(batched, x, y)
            report(f"rosenbrock2d-gradient-f{size * 8}", n, seconds, 5.0 * size * n)
            del x, y

    def loss(w, x, y):
        return jnp.sum(jnp.log(1 + jnp.exp(-y * (x @ w))))

    summed = jax.jit(jax.value_and_grad(loss))
    for n in data_sizes:
        i = jnp.arange(n, dtype=jnp.float64)
        j = jnp.arange(features, dtype=jnp.float64)
        x = spread(i[:, None] * features + j[None, :], 0.6180339887498949, -1, 1)
        y = jnp.where(spread(i, 0.7548776662466927, 0, 1) < 0.5, -1.0, 1.0)
        w = 0.5 * jnp.sin(j + 1)
        seconds = timed(summed, w, x, y)
        report("logistic-sum-gradient-f64", n, seconds, 8.0 * n * (features + 1))
        del x, y

    with open(os.path.join(out, "jax.json"), "w") as f:
        json.dump(rows, f, indent=1)


if __name__ == "__main__":
    main()
