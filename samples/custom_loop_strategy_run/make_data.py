"""Write the sample's tiny, seeded data set: data/sensors.npz (x: 256 x 6 float32, y: a noisy target, 256 x 1).

Usage: python make_data.py [DEST_DIR] (default: this folder).
"""
import os
import sys

import numpy as np

root = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(17)
x = rng.normal(size=(256, 6)).astype("float32")
y = (np.sin(x[:, :1]) + 0.3 * x[:, 1:2] + rng.normal(scale=0.05, size=(256, 1))).astype("float32")
os.makedirs(os.path.join(root, "data"), exist_ok=True)
np.savez(os.path.join(root, "data", "sensors.npz"), x=x, y=y)
