"""Write a tiny tabular dataset: data/train.npz and data/valid.npz (8 features, 4 classes).

Each class is a Gaussian blob around its own centre, so a small dense network learns it in two epochs.
Usage: python make_data.py [DEST_DIR] (default: this folder).
"""

import sys
from pathlib import Path

import numpy as np

NUM_CLASSES = 4
NUM_FEATURES = 8


def make_split(rng, centres, count):
    labels = rng.integers(0, NUM_CLASSES, size=count)
    features = centres[labels] + rng.normal(0.0, 0.5, size=(count, NUM_FEATURES))
    return features.astype(np.float32), labels.astype(np.int64)


def main():
    dest = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent
    rng = np.random.default_rng(2024)
    centres = rng.uniform(-2.0, 2.0, size=(NUM_CLASSES, NUM_FEATURES))
    (dest / "data").mkdir(parents=True, exist_ok=True)
    for name, count in (("train", 256), ("valid", 64)):
        features, labels = make_split(rng, centres, count)
        np.savez(dest / "data" / f"{name}.npz", features=features, labels=labels)


if __name__ == "__main__":
    main()
