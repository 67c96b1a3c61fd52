"""Write a tiny binary-classification dataset: data/train.csv (5 features, 0/1 label last).

Labels come from a fixed linear rule plus noise, so logistic regression fits them in a few epochs.
Usage: python make_data.py [DEST_DIR] (default: this folder).
"""

import sys
from pathlib import Path

import numpy as np

NUM_FEATURES = 5


def main():
    dest = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent
    rng = np.random.default_rng(99)
    weights = rng.normal(size=NUM_FEATURES)
    features = rng.normal(size=(300, NUM_FEATURES))
    labels = (features @ weights + rng.normal(0.0, 0.3, size=300) > 0).astype(int)
    (dest / "data").mkdir(parents=True, exist_ok=True)
    header = ",".join([f"f{index}" for index in range(NUM_FEATURES)] + ["label"])
    formats = ["%.4f"] * NUM_FEATURES + ["%d"]
    table = np.column_stack([features, labels])
    np.savetxt(dest / "data" / "train.csv", table, fmt=formats, delimiter=",", header=header, comments="")


if __name__ == "__main__":
    main()
