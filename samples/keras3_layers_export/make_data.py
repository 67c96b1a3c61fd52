"""Write sprites/train.npz: 64 noisy 8x8x3 sprites of 4 classes. Usage: python make_data.py [DEST_DIR]."""

import sys
from pathlib import Path

import numpy as np


def main():
    dest = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent
    rng = np.random.default_rng(7)
    prototypes = rng.uniform(0, 255, size=(4, 8, 8, 3))
    labels = rng.integers(0, 4, size=64)
    images = np.clip(prototypes[labels] + rng.normal(0, 30, size=(64, 8, 8, 3)), 0, 255).astype(np.uint8)
    (dest / "sprites").mkdir(parents=True, exist_ok=True)
    np.savez(dest / "sprites" / "train.npz", images=images, labels=labels.astype(np.uint8))


if __name__ == "__main__":
    main()
