"""Write points.npz: 128 points of y = 3 x0 - 2 x1 + noise. Usage: python make_data.py [DEST_DIR]."""

import sys
from pathlib import Path

import numpy as np


def main():
    dest = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent
    rng = np.random.default_rng(11)
    x = rng.normal(size=(128, 2)).astype("float32")
    y = (3 * x[:, :1] - 2 * x[:, 1:] + rng.normal(0, 0.1, size=(128, 1))).astype("float32")
    dest.mkdir(parents=True, exist_ok=True)
    np.savez(dest / "points.npz", x=x, y=y)


if __name__ == "__main__":
    main()
