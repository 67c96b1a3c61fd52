"""Write a tiny binary-classification dataset: data/features.npy and data/labels.npy.

Labels come from a fixed linear rule with a little label noise.
Usage: python make_data.py [DEST_DIR] (default: this folder).
"""

import sys
from pathlib import Path

import numpy as np

NUM_ROWS = 400
NUM_FEATURES = 20


def main():
    dest = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent
    rng = np.random.default_rng(7)
    features = rng.normal(size=(NUM_ROWS, NUM_FEATURES)).astype(np.float32)
    weights = rng.normal(size=NUM_FEATURES)
    flipped = rng.random(NUM_ROWS) < 0.05
    labels = ((features @ weights > 0) ^ flipped).astype(np.float32)
    (dest / "data").mkdir(parents=True, exist_ok=True)
    np.save(dest / "data" / "features.npy", features)
    np.save(dest / "data" / "labels.npy", labels)


if __name__ == "__main__":
    main()
