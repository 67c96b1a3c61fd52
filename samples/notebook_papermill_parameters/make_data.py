"""Write a tiny house-price-like regression table: prices/houses.csv (size, rooms, age -> price).

The price is a fixed linear function of the features plus noise. Usage: python make_data.py [DEST_DIR]
(default: this folder).
"""

import sys
from pathlib import Path

import numpy as np
import pandas as pd


def main():
    dest = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent
    rng = np.random.default_rng(11)
    rows = 200
    table = pd.DataFrame({
        "size": rng.uniform(40, 200, rows),
        "rooms": rng.integers(1, 7, rows).astype(float),
        "age": rng.uniform(0, 80, rows),
    })
    table["price"] = 2.0 * table["size"] + 15.0 * table["rooms"] - 0.8 * table["age"] + rng.normal(0, 5, rows)
    (dest / "prices").mkdir(parents=True, exist_ok=True)
    table.to_csv(dest / "prices" / "houses.csv", index=False)


if __name__ == "__main__":
    main()
