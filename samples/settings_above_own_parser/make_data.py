"""Write the sample's tiny, seeded data set: data/points.npz (under the folder given, default this one)."""
import os
import sys

import numpy as np

root = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(11)
x = rng.uniform(-1, 1, size=(64, 3)).astype("float32")
y = (x @ np.array([[1.5], [-2.0], [0.5]], dtype="float32") + 0.1 * rng.normal(size=(64, 1))).astype("float32")
os.makedirs(os.path.join(root, "data"), exist_ok=True)
np.savez(os.path.join(root, "data", "points.npz"), x=x, y=y)
