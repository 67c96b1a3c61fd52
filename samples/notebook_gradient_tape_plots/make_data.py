"""Write tiny 8x8 grey "shapes" images for a two-class problem: shapes/images.npy and shapes/labels.npy.

Class 0 is a bright horizontal bar, class 1 a bright vertical bar, both on noise. Usage:
python make_data.py [DEST_DIR] (default: this folder).
"""

import sys
from pathlib import Path

import numpy as np

SIDE = 8


def main():
    dest = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent
    rng = np.random.default_rng(3)
    count = 160
    labels = rng.integers(0, 2, size=count)
    images = rng.uniform(0.0, 0.3, size=(count, SIDE, SIDE))
    positions = rng.integers(1, SIDE - 1, size=count)
    for index, (label, position) in enumerate(zip(labels, positions)):
        if label == 0:
            images[index, position, :] = 1.0
        else:
            images[index, :, position] = 1.0
    (dest / "shapes").mkdir(parents=True, exist_ok=True)
    np.save(dest / "shapes" / "images.npy", images.astype("float32"))
    np.save(dest / "shapes" / "labels.npy", labels.astype("int64"))


if __name__ == "__main__":
    main()
