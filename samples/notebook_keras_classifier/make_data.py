"""Write a tiny three-class "sensor" dataset: data/train.npz and data/test.npz.

Each class is a fixed random 16-value signature plus noise, so a small dense network separates the classes
in a couple of epochs. Usage: python make_data.py [DEST_DIR] (default: this folder).
"""

import sys
from pathlib import Path

import numpy as np

CLASSES = 3
FEATURES = 16


def split(rng, signatures, count):
    labels = rng.integers(0, CLASSES, size=count)
    features = signatures[labels] + rng.normal(0.0, 0.3, size=(count, FEATURES))
    return features.astype("float32"), labels.astype("int64")


def main():
    dest = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent
    rng = np.random.default_rng(7)
    signatures = rng.normal(0.0, 1.0, size=(CLASSES, FEATURES))
    (dest / "data").mkdir(parents=True, exist_ok=True)
    x_train, y_train = split(rng, signatures, 240)
    x_test, y_test = split(rng, signatures, 60)
    np.savez(dest / "data" / "train.npz", features=x_train, labels=y_train)
    np.savez(dest / "data" / "test.npz", features=x_test, labels=y_test)


if __name__ == "__main__":
    main()
