"""Write data/train.csv: 96 rows of y = x0 + 2 x1 - x2 + noise. Usage: python make_data.py [DEST_DIR]."""

import sys
from pathlib import Path

import numpy as np


def main():
    dest = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent
    rng = np.random.default_rng(5)
    x = rng.normal(size=(96, 3))
    y = x[:, :1] + 2 * x[:, 1:2] - x[:, 2:] + rng.normal(0, 0.1, size=(96, 1))
    (dest / "data").mkdir(parents=True, exist_ok=True)
    np.savetxt(dest / "data" / "train.csv", np.hstack([x, y]), delimiter=",", fmt="%.5f", header="x0,x1,x2,y",
               comments="")


if __name__ == "__main__":
    main()
