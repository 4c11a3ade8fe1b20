#!/usr/bin/env python3
"""The peer side of the data benchmark: pandas and polars read_csv of each
file, scikit-learn's StandardScaler on the first, medians of 3 runs, as
one JSON line (the keys of read_csv.lua, with the library in front)."""
import json
import os
import statistics
import sys
import time

import pandas as pd
import polars as pl
from sklearn.preprocessing import StandardScaler


def median(f):
    times = []
    for _ in range(3):
        start = time.perf_counter()
        f()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


out = {}
for index, path in enumerate(sys.argv[1:]):
    name = os.path.basename(path).removesuffix(".csv")
    out[f"pandas read_csv {name}"] = median(lambda: pd.read_csv(path))
    out[f"polars read_csv {name}"] = median(lambda: pl.read_csv(path))
    if index == 0:
        x = pd.read_csv(path).drop(columns="label").to_numpy()
        out[f"sklearn StandardScaler {name}"] = median(
            lambda: StandardScaler().fit_transform(x))
print(json.dumps(out))
