"""Write the sample's tiny, seeded data set: train/signals.npz (under the folder given, default this one)."""
import os
import sys

import numpy as np

root = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(13)
features = rng.normal(size=(96, 6)).astype("float32")
labels = (features[:, 0] + 0.5 * features[:, 1] > 0).astype("float32")
os.makedirs(os.path.join(root, "train"), exist_ok=True)
np.savez(os.path.join(root, "train", "signals.npz"), features=features, labels=labels)
