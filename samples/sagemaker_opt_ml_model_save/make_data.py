"""Write the sample's tiny, seeded data set: data/houses.csv (under the folder given, default this one)."""
import os
import sys

import numpy as np

root = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(21)
rooms = rng.integers(1, 7, size=80)
area = rooms * 22.0 + rng.normal(scale=8.0, size=80)
price = 40.0 * rooms + 1.5 * area + rng.normal(scale=10.0, size=80)
os.makedirs(os.path.join(root, "data"), exist_ok=True)
with open(os.path.join(root, "data", "houses.csv"), "w") as handle:
    handle.write("rooms,area,price\n")
    for row in zip(rooms, area, price):
        handle.write(",".join(f"{value:.2f}" for value in row) + "\n")
