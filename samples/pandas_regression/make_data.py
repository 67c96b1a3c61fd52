"""Write a tiny housing table: data/housing.csv (five features and a price column).

Prices follow a fixed linear rule plus noise. Usage: python make_data.py [DEST_DIR] (default: this folder).
"""

import sys
from pathlib import Path

import numpy as np
import pandas as pd

NUM_ROWS = 300


def main():
    dest = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent
    rng = np.random.default_rng(2024)
    table = pd.DataFrame({
        "sqft": rng.integers(500, 3500, NUM_ROWS),
        "bedrooms": rng.integers(1, 6, NUM_ROWS),
        "bathrooms": rng.integers(1, 4, NUM_ROWS),
        "age_years": rng.integers(0, 80, NUM_ROWS),
        "distance_km": rng.uniform(0.5, 40.0, NUM_ROWS).round(1),
    })
    noise = rng.normal(0, 15_000, NUM_ROWS)
    table["price"] = (
        50_000 + 120 * table.sqft + 8_000 * table.bathrooms - 600 * table.age_years
        - 2_500 * table.distance_km + noise
    ).round(-2)
    (dest / "data").mkdir(parents=True, exist_ok=True)
    table.to_csv(dest / "data" / "housing.csv", index=False)


if __name__ == "__main__":
    main()
