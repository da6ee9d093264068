"""Writes ht.jsonl: a small recorded GradBench message stream for the ht module (22 bones, 6 vertices).

Deterministic (no randomness); run with any Python 3:  python3 make-ht-stream.py > ht.jsonl
The expected outputs are not recorded: the tests compute them (closed forms, central differences).
"""
import json
import math

parents = [-1, 0, 1, 2, 3, 0, 5, 6, 7, 0, 9, 10, 11, 0, 13, 14, 15, 0, 17, 18, 19, 0]


def matrix(b, shift):
    # A rotation about z by a bone-dependent angle plus a translation: a plausible rest transform.
    a = 0.1 * ((b + shift) % 7) - 0.3
    return [[math.cos(a), -math.sin(a), 0, 0.05 * b],
            [math.sin(a), math.cos(a), 0, 0.02 * shift],
            [0, 0, 1, -0.01 * b],
            [0, 0, 0, 1]]


vertices = [[0.1 * v, 0.5 - 0.07 * v, 0.03 * v * v, 1] for v in range(6)]
weights = [[0.0] * 22 for _ in range(6)]
for v in range(6):
    weights[v][2 + v % 3] = 0.6
    weights[v][(5 * v + 7) % 22] += 0.4
model = {
    "bone_count": 22,
    "bone_names": ["bone%d" % b for b in range(22)],
    "parents": parents,
    "base_relatives": [matrix(b, 1) for b in range(22)],
    "inverse_base_absolutes": [matrix(b, 2) for b in range(22)],
    "base_positions": vertices,
    "weights": weights,
    "triangles": [[0, 1, 2], [2, 3, 4], [3, 4, 5]],
    "is_mirrored": False,
}
data = {"model": model, "correspondences": [1, 4, 5], "points": [[0.2, 0.4, 0.1], [0.5, 0.1, 0.3], [0.6, 0.2, 0.9]]}
theta = [0.02 * (k + 1) * (-1) ** k for k in range(26)]
good = {"theta": theta, "data": data, "us": [], "min_runs": 1, "min_seconds": 0}
bad = dict(good, theta=theta[:25])
messages = [
    {"id": 0, "kind": "start", "eval": "ht"},
    {"id": 1, "kind": "define", "module": "ht"},
    {"id": 2, "kind": "evaluate", "module": "ht", "function": "objective", "input": good, "description": "small"},
    {"id": 3, "kind": "evaluate", "module": "ht", "function": "jacobian", "input": good, "description": "small"},
    {"id": 4, "kind": "evaluate", "module": "ht", "function": "objective", "input": bad, "description": "25 parameters"},
]
for m in messages:
    print(json.dumps(m))
