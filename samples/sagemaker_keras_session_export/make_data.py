"""Write the sample's tiny, seeded data set: training/readings.npz (under the folder given, default this one)."""
import os
import sys

import numpy as np

root = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(7)
x = rng.normal(size=(120, 5)).astype("float32")
y = (np.digitize(x[:, 0] + x[:, 1], [-0.5, 0.5])).astype("int64")
os.makedirs(os.path.join(root, "training"), exist_ok=True)
np.savez(os.path.join(root, "training", "readings.npz"), x=x, y=y)
