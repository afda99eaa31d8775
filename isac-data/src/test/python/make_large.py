#!/usr/bin/env python3
"""Writes a MultiBench-layout pickle of CMU-MOSEI size for LoadMemoryBenchmark.

Usage: python3 make_large.py OUT.pkl [SCALE] [DTYPE]
  SCALE  fraction of the 22 777 MOSEI samples (default 1.0); DTYPE float32 (default) or float64.
The arrays are random (content does not matter for memory); audio gets a few -inf like COVAREP.
"""
import pickle
import sys

import numpy as np

out = sys.argv[1]
scale = float(sys.argv[2]) if len(sys.argv) > 2 else 1.0
dtype = np.dtype(sys.argv[3] if len(sys.argv) > 3 else "float32")
sizes = {"train": 16326, "valid": 1871, "test": 4580}  # 22 777 samples
rng = np.random.default_rng(1)
data = {}
for split, n in sizes.items():
    n = max(1, int(n * scale))
    d = {}
    for key, dim in (("vision", 35), ("audio", 74), ("text", 300)):
        a = np.empty((n, 50, dim), dtype=dtype)
        for i in range(0, n, 1024):  # chunked to bound the generator's temporaries
            a[i:i + 1024] = rng.standard_normal(size=(min(1024, n - i), 50, dim), dtype=np.float32)
        d[key] = a
    d["audio"][0, :3, 0] = -np.inf
    d["labels"] = rng.uniform(-3, 3, size=(n, 1, 1)).astype(dtype)
    d["id"] = np.array(["v%06d" % i for i in range(n)])
    data[split] = d
with open(out, "wb") as f:
    pickle.dump(data, f, protocol=4)
print(out, sum(a.nbytes for d in data.values() for a in d.values()), "payload bytes")
