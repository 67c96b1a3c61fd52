"""Write a tiny iris-like table: data/train.csv (4 measurements + integer species label).

Each species is a Gaussian blob around its own mean measurements.
Usage: python make_data.py [DEST_DIR] (default: this folder).
"""

import csv
import sys
from pathlib import Path

import numpy as np

SPECIES_MEANS = [
    [5.0, 3.4, 1.5, 0.2],
    [5.9, 2.8, 4.3, 1.3],
    [6.6, 3.0, 5.6, 2.0],
]
ROWS_PER_SPECIES = 80


def main():
    dest = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent
    rng = np.random.default_rng(42)
    rows = []
    for label, means in enumerate(SPECIES_MEANS):
        samples = rng.normal(means, 0.3, size=(ROWS_PER_SPECIES, len(means)))
        rows += [[*(f"{value:.2f}" for value in sample), label] for sample in samples]
    rows = [rows[i] for i in rng.permutation(len(rows))]
    (dest / "data").mkdir(parents=True, exist_ok=True)
    with open(dest / "data" / "train.csv", "w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["sepal_length", "sepal_width", "petal_length", "petal_width", "species"])
        writer.writerows(rows)


if __name__ == "__main__":
    main()
