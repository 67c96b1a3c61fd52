"""Write a tiny regression dataset: data/train.npz and data/test.npz (6 features, one target).

The target is a fixed linear function of the features plus noise. Usage: python make_data.py [DEST_DIR].
"""

import sys
from pathlib import Path

import numpy as np

NUM_FEATURES = 6


def make_split(rng, weights, count):
    features = rng.normal(size=(count, NUM_FEATURES)).astype(np.float32)
    target = (features @ weights + rng.normal(0.0, 0.1, size=count)).astype(np.float32)
    return features, target


def main():
    dest = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent
    rng = np.random.default_rng(5)
    weights = rng.normal(size=NUM_FEATURES)
    (dest / "data").mkdir(parents=True, exist_ok=True)
    for name, count in (("train", 256), ("test", 64)):
        features, target = make_split(rng, weights, count)
        np.savez(dest / "data" / f"{name}.npz", features=features, target=target)


if __name__ == "__main__":
    main()
