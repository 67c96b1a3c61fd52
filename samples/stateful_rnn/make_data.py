"""Write series.npy: a noisy sine wave of 120 points. Usage: python make_data.py [DEST_DIR]."""

import sys
from pathlib import Path

import numpy as np


def main():
    dest = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent
    rng = np.random.default_rng(3)
    points = np.sin(np.linspace(0, 12, 120)) + rng.normal(0, 0.05, size=120)
    dest.mkdir(parents=True, exist_ok=True)
    np.save(dest / "series.npy", points)


if __name__ == "__main__":
    main()
