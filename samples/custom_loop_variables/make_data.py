"""Write the sample's tiny, seeded data set: data/blobs.npz (x: 160 x 6 float32, y: 3 classes).

Usage: python make_data.py [DEST_DIR] (default: this folder).
"""
import os
import sys

import numpy as np

root = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(11)
y = rng.integers(0, 3, 160).astype("int32")
centres = rng.normal(scale=2.0, size=(3, 6))
x = (centres[y] + rng.normal(size=(160, 6))).astype("float32")
os.makedirs(os.path.join(root, "data"), exist_ok=True)
np.savez(os.path.join(root, "data", "blobs.npz"), x=x, y=y)
