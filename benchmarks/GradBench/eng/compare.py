#!/usr/bin/env python3
"""Side-by-side table of two runner summaries of the same eval (same inputs, e.g. DiffOpt and manual).

    compare.py manual.json diffopt.json [--markdown]

For every evaluate message: the eval's description, the function, both tools' mean and minimum time per run
(GradBench's scorer uses the mean), the ratio of the means (second / first), and whether both outputs were
valid. Standard library only.
"""

import argparse
import json
import sys


def fmt_ms(ns):
    return "—" if ns is None else f"{ns / 1e6:.4g}"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("baseline")
    parser.add_argument("candidate")
    parser.add_argument("--baseline-name", default="manual")
    parser.add_argument("--candidate-name", default="DiffOpt")
    args = parser.parse_args()
    with open(args.baseline) as f:
        base = json.load(f)
    with open(args.candidate) as f:
        cand = json.load(f)
    b = {(e["function"], e["description"]): e for e in base["evaluations"]}
    print(f"| function | input | {args.baseline_name} mean ms | {args.candidate_name} mean ms | ratio (mean) | "
          f"{args.baseline_name} min ms | {args.candidate_name} min ms | ratio (min) | valid |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---|")
    for e in cand["evaluations"]:
        other = b.get((e["function"], e["description"]))
        ratio = ratio_min = None
        if other and other["mean_ns"] and e["mean_ns"]:
            ratio = e["mean_ns"] / other["mean_ns"]
            ratio_min = e["min_ns"] / other["min_ns"]
        valid = "yes" if e["valid"] and (other is None or other["valid"]) else f"NO ({e['error'] or ''})".replace("\n", " ")[:80]
        print(
            f"| {e['function']} | {e['description']} | {fmt_ms(other['mean_ns'] if other else None)} | {fmt_ms(e['mean_ns'])} | "
            f"{'—' if ratio is None else f'{ratio:.2f}'} | {fmt_ms(other['min_ns'] if other else None)} | {fmt_ms(e['min_ns'])} | "
            f"{'—' if ratio_min is None else f'{ratio_min:.2f}'} | {valid} |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
