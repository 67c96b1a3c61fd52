"""Write a tiny sentiment-like dataset of bag-of-words counts: data/reviews.npz (20-word vocabulary).

Positive and negative reviews draw words from different halves of the vocabulary more often.
Usage: python make_data.py [DEST_DIR] (default: this folder).
"""

import sys
from pathlib import Path

import numpy as np

VOCABULARY = 20


def main():
    dest = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent
    rng = np.random.default_rng(8)
    labels = rng.integers(0, 2, size=300)
    rates = np.where(np.arange(VOCABULARY) < VOCABULARY // 2, 2.0, 0.5)
    counts = rng.poisson(np.where(labels[:, None] == 1, rates, rates[::-1])).astype(np.float32)
    (dest / "data").mkdir(parents=True, exist_ok=True)
    np.savez(dest / "data" / "reviews.npz", counts=counts, labels=labels.astype(np.float32))


if __name__ == "__main__":
    main()
