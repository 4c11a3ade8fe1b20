#!/usr/bin/env python3
"""NumPy's side of the matrix benchmark: the median seconds of the same
operations as matrix_bench.lua, as one JSON line."""
import json
import statistics
import time

import numpy as np


def median(runs, f):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        f()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


rng = np.random.default_rng(1)
results = {}
a = rng.random(20_000_000)
b = rng.random(20_000_000)
results["add_2e7"] = median(7, lambda: a + b)
del a, b
X = rng.standard_normal((200_000, 100))
results["standardize_2e7"] = median(7, lambda: (X - X.mean(0)) / X.std(0))
results["sum_axis1_2e7"] = median(7, lambda: X.sum(0))
results["sum_axis2_2e7"] = median(7, lambda: X.sum(1))
del X
A = rng.standard_normal((2000, 2000))
B = rng.standard_normal((2000, 2000))
results["matmul_2000"] = median(5, lambda: A @ B)
S = rng.standard_normal((1000, 1000))
r = rng.standard_normal((1000, 1))
results["solve_1000"] = median(5, lambda: np.linalg.solve(S, r))
T = rng.standard_normal((4000, 4000))
results["transpose_4000"] = median(7, lambda: np.ascontiguousarray(T.T))
print(json.dumps(results))
