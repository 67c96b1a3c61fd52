"""Write arrays/features.npy (rows of 5 readings) and arrays/targets.npy (a smooth function of them).

Usage: python make_data.py [DEST_DIR] (default: this folder).
"""

import sys
from pathlib import Path

import numpy as np

ROWS = 128

if __name__ == "__main__":
    dest = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent
    readings = np.random.default_rng(11).uniform(-1.0, 1.0, size=(ROWS, 5)).astype("float32")
    targets = (np.sin(readings[:, :2]).sum(axis=1, keepdims=True) + 0.5 * readings[:, 2:3]).astype("float32")
    (dest / "arrays").mkdir(parents=True, exist_ok=True)
    np.save(dest / "arrays" / "features.npy", readings)
    np.save(dest / "arrays" / "targets.npy", targets)
