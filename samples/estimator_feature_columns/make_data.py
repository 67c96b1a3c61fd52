"""Write the sample's tiny, seeded data set: data/flats.csv (under the folder given, default this one)."""
import os
import sys

import numpy as np

root = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(23)
area = rng.uniform(20, 120, size=64)
rooms = np.clip((area / 25).round(), 1, 5)
floor = rng.integers(0, 10, size=64)
expensive = (area * 30 + floor * 100 + rng.normal(scale=300, size=64) > 2500).astype(int)
os.makedirs(os.path.join(root, "data"), exist_ok=True)
with open(os.path.join(root, "data", "flats.csv"), "w") as handle:
    handle.write("area,rooms,floor,expensive\n")
    for row in zip(area, rooms, floor, expensive):
        handle.write(f"{row[0]:.1f},{row[1]:.0f},{row[2]},{row[3]}\n")
