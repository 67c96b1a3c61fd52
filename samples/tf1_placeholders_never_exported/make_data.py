"""Write the sample's tiny, seeded data set: data/flowers.npz (x: 150 x 4 float32, y: one-hot over 3 classes).

Usage: python make_data.py [DEST_DIR] (default: this folder).
"""
import os
import sys

import numpy as np

root = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(13)
labels = rng.integers(0, 3, 150)
centres = np.array([[5.0, 3.4, 1.5, 0.2], [5.9, 2.8, 4.3, 1.3], [6.6, 3.0, 5.6, 2.0]])
x = (centres[labels] + rng.normal(scale=0.3, size=(150, 4))).astype("float32")
y = np.eye(3, dtype="float32")[labels]
os.makedirs(os.path.join(root, "data"), exist_ok=True)
np.savez(os.path.join(root, "data", "flowers.npz"), x=x, y=y)
