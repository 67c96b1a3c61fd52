"""Write a tiny three-class sensor table, one folder per split, in the formats train.py reads.

data/train/features.csv (header + rows) and data/train/labels.bin (raw int32),
data/validation/features.csv (with blanks where a sensor dropped out) and data/validation/labels.txt,
data/test/test.npz (arrays `features` and `labels`).
Usage: python make_data.py [DEST_DIR] (default: this folder).
"""

import sys
from pathlib import Path

import numpy as np

NUM_FEATURES = 8
NUM_CLASSES = 3
SPLIT_SIZES = {"train": 240, "validation": 60, "test": 60}
DROPOUT_RATE = 0.05  # share of validation readings left blank


def sample_split(rng, centres, size):
    labels = rng.integers(0, NUM_CLASSES, size)
    features = centres[labels] + rng.normal(0, 1.0, (size, NUM_FEATURES))
    return features.astype(np.float32), labels.astype(np.int32)


def write_csv(path, features):
    header = ",".join(f"sensor_{index}" for index in range(NUM_FEATURES))
    rows = [",".join("" if np.isnan(value) else f"{value:.4f}" for value in row) for row in features]
    path.write_text("\n".join([header, *rows]) + "\n")


def main():
    dest = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent
    rng = np.random.default_rng(11)
    centres = rng.normal(0, 2.0, (NUM_CLASSES, NUM_FEATURES))
    for split in SPLIT_SIZES:
        (dest / "data" / split).mkdir(parents=True, exist_ok=True)

    features, labels = sample_split(rng, centres, SPLIT_SIZES["train"])
    write_csv(dest / "data" / "train" / "features.csv", features)
    labels.tofile(dest / "data" / "train" / "labels.bin")

    features, labels = sample_split(rng, centres, SPLIT_SIZES["validation"])
    features[rng.random(features.shape) < DROPOUT_RATE] = np.nan
    write_csv(dest / "data" / "validation" / "features.csv", features)
    np.savetxt(dest / "data" / "validation" / "labels.txt", labels, fmt="%d")

    features, labels = sample_split(rng, centres, SPLIT_SIZES["test"])
    np.savez(dest / "data" / "test" / "test.npz", features=features, labels=labels)


if __name__ == "__main__":
    main()
