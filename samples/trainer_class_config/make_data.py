"""Write the sample's tiny, seeded data set: data/readings.npz (x: 192 x 8 float32, y: 3 classes).

Usage: python make_data.py [DEST_DIR] (default: this folder).
"""
import os
import sys

import numpy as np

root = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(23)
x = rng.normal(size=(192, 8)).astype("float32")
y = np.argmax(x[:, :3] + 0.2 * rng.normal(size=(192, 3)), axis=1).astype("int64")
os.makedirs(os.path.join(root, "data"), exist_ok=True)
np.savez(os.path.join(root, "data", "readings.npz"), x=x, y=y)
