"""Write the "real" samples the GAN learns to imitate: data/points.npy, 2-D points on a noisy ring.

Usage: python make_data.py [DEST_DIR] (default: this folder).
"""

import sys
from pathlib import Path

import numpy as np


def main():
    dest = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent
    rng = np.random.default_rng(31)
    angles = rng.uniform(0.0, 2.0 * np.pi, size=256)
    radii = 1.0 + rng.normal(0.0, 0.05, size=256)
    points = np.column_stack([radii * np.cos(angles), radii * np.sin(angles)]).astype(np.float32)
    (dest / "data").mkdir(parents=True, exist_ok=True)
    np.save(dest / "data" / "points.npy", points)


if __name__ == "__main__":
    main()
