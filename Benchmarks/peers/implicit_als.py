"""Fits implicit's AlternatingLeastSquares on the files SyntheticALS wrote, for a same-run
comparison. Prints one JSON line like SyntheticALS fit.

usage: python implicit_als.py DIR [--factors 64] [--iterations 5] [--threads 2]
"""
import argparse, json, os, resource, sys, time

parser = argparse.ArgumentParser()
parser.add_argument("dir")
parser.add_argument("--factors", type=int, default=64)
parser.add_argument("--iterations", type=int, default=5)
parser.add_argument("--threads", type=int, default=2)
args = parser.parse_args()
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # implicit's own threads do the work

import numpy as np
import scipy.sparse as sp
import implicit
from implicit.cpu.als import AlternatingLeastSquares

meta = json.load(open(os.path.join(args.dir, "meta.json")))
rows = np.fromfile(os.path.join(args.dir, "rows.i32"), dtype=np.int32)
cols = np.fromfile(os.path.join(args.dir, "cols.i32"), dtype=np.int32)
vals = np.fromfile(os.path.join(args.dir, "vals.f32"), dtype=np.float32)
user_items = sp.csr_matrix((vals, (rows, cols)), shape=(meta["users"], meta["items"]))
del rows, cols, vals

times = []
last = [time.perf_counter()]
def callback(iteration, elapsed, loss):
    now = time.perf_counter()
    times.append(now - last[0])
    last[0] = now

model = AlternatingLeastSquares(factors=args.factors, regularization=0.01, alpha=1.0, iterations=args.iterations,
                                use_cg=True, num_threads=args.threads, random_state=1, calculate_training_loss=False)
last[0] = time.perf_counter()
model.fit(user_items, show_progress=False, callback=callback)
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
ordered = sorted(times)
print(json.dumps({"fitter": "implicit " + implicit.__version__, "nnz": int(user_items.nnz), "factors": args.factors,
                  "threads": args.threads, "secondsPerIterationMedian": round(ordered[len(ordered) // 2], 3),
                  "secondsPerIteration": [round(t, 3) for t in times], "peakRSSMB": round(peak, 1)}))
