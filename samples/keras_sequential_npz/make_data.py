"""Write a tiny MNIST-like dataset: data/train.npz and data/test.npz.

Each class is a fixed random 14x14 "prototype" digit plus noise, so a small dense network
learns it in a couple of epochs. Usage: python make_data.py [DEST_DIR] (default: this folder).
"""

import sys
from pathlib import Path

import numpy as np

NUM_CLASSES = 10
IMAGE_SIDE = 14


def make_split(rng, prototypes, count):
    labels = rng.integers(0, NUM_CLASSES, size=count)
    noise = rng.normal(0.0, 40.0, size=(count, IMAGE_SIDE, IMAGE_SIDE))
    images = np.clip(prototypes[labels] + noise, 0, 255).astype(np.uint8)
    return images, labels.astype(np.uint8)


def main():
    dest = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent
    rng = np.random.default_rng(1234)
    prototypes = rng.uniform(0, 255, size=(NUM_CLASSES, IMAGE_SIDE, IMAGE_SIDE))
    (dest / "data").mkdir(parents=True, exist_ok=True)
    x_train, y_train = make_split(rng, prototypes, 320)
    x_test, y_test = make_split(rng, prototypes, 80)
    np.savez(dest / "data" / "train.npz", x_train=x_train, y_train=y_train)
    np.savez(dest / "data" / "test.npz", x_test=x_test, y_test=y_test)


if __name__ == "__main__":
    main()
