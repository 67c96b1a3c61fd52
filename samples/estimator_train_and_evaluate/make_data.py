"""Write a tiny iris-like dataset: data/train.csv and data/eval.csv (4 features, label 0-2 last).

Three well-separated Gaussian blobs, so the estimator learns them in a few dozen steps.
Usage: python make_data.py [DEST_DIR] (default: this folder).
"""

import sys
from pathlib import Path

import numpy as np

NUM_CLASSES = 3
NUM_FEATURES = 4
HEADER = "sepal_length,sepal_width,petal_length,petal_width,species"


def make_split(rng, centres, count):
    labels = rng.integers(0, NUM_CLASSES, size=count)
    features = centres[labels] + rng.normal(0.0, 0.4, size=(count, NUM_FEATURES))
    return np.column_stack([features, labels])


def main():
    dest = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent
    rng = np.random.default_rng(7)
    centres = rng.uniform(1.0, 7.0, size=(NUM_CLASSES, NUM_FEATURES))
    (dest / "data").mkdir(parents=True, exist_ok=True)
    formats = ["%.3f"] * NUM_FEATURES + ["%d"]
    for name, count in (("train", 240), ("eval", 60)):
        table = make_split(rng, centres, count)
        np.savetxt(dest / "data" / f"{name}.csv", table, fmt=formats, delimiter=",", header=HEADER, comments="")


if __name__ == "__main__":
    main()
