"""Write a tiny regression dataset: data/train.npz (x: 256x6 features, y: a noisy linear target).

Usage: python make_data.py [DEST_DIR] (default: this folder).
"""

import sys
from pathlib import Path

import numpy as np


def main():
    dest = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent
    rng = np.random.default_rng(7)
    x = rng.normal(size=(256, 6)).astype("float32")
    y = (x @ rng.normal(size=(6, 1)) + rng.normal(scale=0.1, size=(256, 1))).astype("float32")
    (dest / "data").mkdir(parents=True, exist_ok=True)
    np.savez(dest / "data" / "train.npz", x=x, y=y)


if __name__ == "__main__":
    main()
