"""Write the sample's tiny, seeded data set: data/readings.npz (under the folder given, default this one)."""
import os
import sys

import numpy as np

root = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(17)
x = rng.normal(size=(80, 6))
y = (x[:, 0] - x[:, 2] > 0).astype("int64")
os.makedirs(os.path.join(root, "data"), exist_ok=True)
np.savez(os.path.join(root, "data", "readings.npz"), x=x, y=y)
