"""Write the sample's tiny, seeded data set: data/houses.npz (x: 200 x 5 float32, y: a noisy linear target).

Usage: python make_data.py [DEST_DIR] (default: this folder).
"""
import os
import sys

import numpy as np

root = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(21)
x = rng.normal(size=(200, 5)).astype("float32")
y = (x @ np.array([1.5, -2.0, 0.5, 0.0, 1.0]) + rng.normal(scale=0.1, size=200)).astype("float32")
os.makedirs(os.path.join(root, "data"), exist_ok=True)
np.savez(os.path.join(root, "data", "houses.npz"), x=x, y=y)
