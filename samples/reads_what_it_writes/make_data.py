"""Write the raw inputs of a remaining-useful-life regression into raw/.

raw/measurements.csv (one reading per row: sensor id, four readings, remaining hours), raw/scaler.pkl
(a pickled dict of fleet-wide `mean` and `std` arrays) and raw/extra.h5 (per-sensor calibration offsets
in the dataset `calibration/offsets`, shape (num_sensors, 4)).
Usage: python make_data.py [DEST_DIR] (default: this folder).
"""

import csv
import pickle
import sys
from pathlib import Path

import h5py
import numpy as np

FEATURES = ["temperature", "pressure", "humidity", "vibration"]
NUM_SENSORS = 8
NUM_READINGS = 320


def main():
    dest = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent
    rng = np.random.default_rng(17)
    raw_dir = dest / "raw"
    raw_dir.mkdir(parents=True, exist_ok=True)

    mean = np.array([60.0, 101.0, 45.0, 0.8])
    std = np.array([8.0, 2.0, 10.0, 0.3])
    offsets = rng.normal(0, 0.5, (NUM_SENSORS, len(FEATURES))) * std
    sensor_ids = rng.integers(0, NUM_SENSORS, NUM_READINGS)
    standardised = rng.normal(0, 1, (NUM_READINGS, len(FEATURES)))
    readings = standardised * std + mean + offsets[sensor_ids]
    wear = standardised @ np.array([0.8, -0.2, 0.3, 1.2])
    remaining_hours = np.clip(500 - 120 * wear + rng.normal(0, 20, NUM_READINGS), 10, None)

    with open(raw_dir / "measurements.csv", "w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["sensor_id", *FEATURES, "remaining_hours"])
        for sensor_id, row, hours in zip(sensor_ids, readings, remaining_hours):
            writer.writerow([sensor_id, *(f"{value:.3f}" for value in row), f"{hours:.1f}"])
    with open(raw_dir / "scaler.pkl", "wb") as handle:
        pickle.dump({"mean": mean.astype(np.float32), "std": std.astype(np.float32)}, handle)
    with h5py.File(raw_dir / "extra.h5", "w") as extra:
        extra.create_dataset("calibration/offsets", data=offsets.astype(np.float32))


if __name__ == "__main__":
    main()
