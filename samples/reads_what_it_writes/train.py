"""Remaining-useful-life regression for pump sensors, with a preprocessing cache.

The first run calibrates and standardises the raw readings in raw/ (CSV readings, the fleet-wide
scaler pickled by the data team, per-sensor calibration offsets in HDF5) and caches the arrays in
cache/normalised.npz; every run then trains from the cache. The model is saved as rul_model.keras.
"""
import csv
import os
import pickle

import h5py
import numpy as np
import tensorflow as tf

CACHE_DIR = "cache"
CACHE_PATH = os.path.join(CACHE_DIR, "normalised.npz")
FEATURES = ["temperature", "pressure", "humidity", "vibration"]
EPOCHS = 2
BATCH_SIZE = 32
LEARNING_RATE = 0.003


def preprocess():
    """Calibrate and standardise the raw readings; hours are scaled to hundreds."""
    with open("raw/measurements.csv", newline="") as handle:
        rows = list(csv.DictReader(handle))
    scaler = pickle.load(open("raw/scaler.pkl", "rb"))
    with h5py.File("raw/extra.h5", "r") as extra:
        offsets = extra["calibration/offsets"][:]

    sensor_ids = np.array([int(row["sensor_id"]) for row in rows])
    readings = np.array([[float(row[name]) for name in FEATURES] for row in rows], dtype=np.float32)
    features = (readings - offsets[sensor_ids] - scaler["mean"]) / scaler["std"]
    targets = np.array([float(row["remaining_hours"]) for row in rows], dtype=np.float32) / 100.0
    os.makedirs(CACHE_DIR, exist_ok=True)
    np.savez(CACHE_PATH, features=features, targets=targets)
    print(f"cached {len(rows)} readings in {CACHE_PATH}")


if not os.path.exists(CACHE_PATH):
    preprocess()
with np.load(CACHE_PATH) as cached:
    features, targets = cached["features"], cached["targets"]

model = tf.keras.Sequential([
    tf.keras.Input(shape=(len(FEATURES),)),
    tf.keras.layers.Dense(32, activation="relu"),
    tf.keras.layers.Dense(1),
])
model.compile(optimizer=tf.keras.optimizers.Adam(learning_rate=LEARNING_RATE), loss="mse", metrics=["mae"])
model.fit(features, targets, epochs=EPOCHS, batch_size=BATCH_SIZE, validation_split=0.2)

model.save("rul_model.keras")
