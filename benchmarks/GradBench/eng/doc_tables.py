#!/usr/bin/env python3
"""Compact tables for docs/benchmarks.md from the log of `run-evals.sh ... 2> run.log`: one row per input with
the primal and the derivative side by side (manual, DiffOpt, ratio of the means) and a count of valid
evaluations per eval.

    doc_tables.py run.log > tables.md
"""

import re
import sys

DERIVATIVE = {"llsq": "gradient", "lse": "gradient", "det": "gradient", "ode": "gradient", "kmeans": "dir",
              "gmm": "jacobian", "hello": "double", "ba": "jacobian", "ht": "jacobian", "lstm": "jacobian",
              "particle": "rr", "saddle": "rr"}

tables = {}
current = None
for line in open(sys.argv[1]):
    line = line.rstrip("\n")
    header = re.match(r"^## (\w+)", line)
    if header:
        current = header.group(1)
        tables[current] = []
    elif current and line.startswith("|"):
        if not line.startswith("| function") and not line.startswith("|---"):
            tables[current].append([c.strip() for c in line.strip("|").split("|")])
    else:
        current = None

for name, rows in tables.items():
    valid = sum(r[8] == "yes" for r in rows)
    derivative = DERIVATIVE.get(name)
    primal = {r[1]: r for r in rows if r[0] != derivative}
    print(f"#### {name}\n")
    print(f"| input | primal: manual ms | DiffOpt ms | ratio | {derivative}: manual ms | DiffOpt ms | **ratio** | valid |")
    print("|---|---:|---:|---:|---:|---:|---:|---|")
    for r in rows:
        if r[0] != derivative:
            continue
        p = primal.get(r[1], ["", r[1], "—", "—", "—", "", "", "", "yes"])
        ok = "yes" if r[8] == "yes" and p[8] == "yes" else "NO"
        print(f"| {r[1]} | {p[2]} | {p[3]} | {p[4]} | {r[2]} | {r[3]} | **{r[4]}** | {ok} |")
    print(f"\n{valid} of {len(rows)} evaluations valid.\n")
