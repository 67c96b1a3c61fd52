"""Write arrays/features.npy and arrays/targets.npy: a small linear regression problem.

Usage: python make_data.py [DEST_DIR] (default: this folder).
"""

import sys
from pathlib import Path

import numpy as np


def main():
    dest = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent
    rng = np.random.default_rng(3)
    features = rng.normal(size=(96, 5)).astype("float32")
    targets = features @ rng.normal(size=(5, 1)).astype("float32")
    (dest / "arrays").mkdir(parents=True, exist_ok=True)
    np.save(dest / "arrays" / "features.npy", features)
    np.save(dest / "arrays" / "targets.npy", targets)


if __name__ == "__main__":
    main()
