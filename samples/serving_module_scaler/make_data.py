"""Write sensors/readings.npy (6 raw readings a row, each on its own scale) and sensors/targets.npy.

Usage: python make_data.py [DEST_DIR] (default: this folder).
"""

import sys
from pathlib import Path

import numpy as np

SCALES = np.array([1.0, 10.0, 100.0, 0.1, 5.0, 50.0], dtype="float32")

if __name__ == "__main__":
    dest = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent
    rng = np.random.default_rng(5)
    readings = (rng.normal(size=(120, 6)) * SCALES + SCALES).astype("float32")
    targets = ((readings / SCALES) @ rng.normal(size=(6, 1))).astype("float32")
    (dest / "sensors").mkdir(parents=True, exist_ok=True)
    np.save(dest / "sensors" / "readings.npy", readings)
    np.save(dest / "sensors" / "targets.npy", targets)
