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
import argparse
import shutil


# Helpers for the SageMaker changes below (added by sm-migrate).
def _sm_path(local_path, sagemaker_path):
    """`local_path` when run locally; on SageMaker `sagemaker_path`, under the dirs the job keeps."""
    if "SM_MODEL_DIR" not in os.environ:
        return local_path
    os.makedirs(os.path.dirname(sagemaker_path) or ".", exist_ok=True)
    return sagemaker_path


def _sm_export(model, version_dir):
    """Write `model` as a TensorFlow Serving SavedModel into `version_dir`, a numbered version folder: with
    Keras 3's `model.export`, which serves RNN dropout and Random* layers where `tf.saved_model.save` raises;
    with `tf.saved_model.save` for a stateful RNN (it keeps the fixed batch size) and for anything that is not
    a Keras model."""
    stateful = any(getattr(layer, "stateful", False) for layer in getattr(model, "layers", ()))
    if stateful or not hasattr(model, "export"):
        tf.saved_model.save(model, version_dir)
        return
    try:
        model.export(version_dir, verbose=False)
    except Exception:  # a model export can't trace: the SavedModel API may still serve it
        shutil.rmtree(version_dir, ignore_errors=True)
        tf.saved_model.save(model, version_dir)


# SageMaker script-mode arguments (added by sm-migrate): SageMaker passes hyperparameters as
# `--name value` and sets SM_* variables; without them the script's own values are used.
parser = argparse.ArgumentParser(allow_abbrev=False)
parser.add_argument("--epochs", type=int, default=2, help="EPOCHS in the original script")
parser.add_argument("--batch_size", "--batch-size", type=int, default=32,
                    help="BATCH_SIZE in the original script")
parser.add_argument("--learning_rate", "--learning-rate", type=float, default=0.003,
                    help="LEARNING_RATE in the original script")
parser.add_argument("--validation_split", "--validation-split", type=float, default=0.2,
                    help="fit(validation_split=) in the original script")
parser.add_argument("--raw", type=str, default=os.environ.get("SM_CHANNEL_RAW", "raw"),
                    help="input channel 'raw' (SageMaker: SM_CHANNEL_RAW)")
parser.add_argument(
    "--sm-model-dir", "--sm_model_dir",
    type=str,
    default=os.environ.get("SM_MODEL_DIR", "sm_model"),
    help="where the final model goes (SageMaker: SM_MODEL_DIR)",
)
parser.add_argument("--model_dir", "--model-dir", type=str, default=None,
                    help="checkpoints; an S3 URI on SageMaker (never the final model)")
args, _ = parser.parse_known_args()

CACHE_DIR = "cache"
CACHE_PATH = os.path.join(CACHE_DIR, "normalised.npz")
FEATURES = ["temperature", "pressure", "humidity", "vibration"]
EPOCHS = args.epochs
BATCH_SIZE = args.batch_size
LEARNING_RATE = args.learning_rate


def preprocess():
    """Calibrate and standardise the raw readings; hours are scaled to hundreds."""
    with open(os.path.join(args.raw, "measurements.csv"), newline="") as handle:
        rows = list(csv.DictReader(handle))
    scaler = pickle.load(open(os.path.join(args.raw, "scaler.pkl"), "rb"))
    with h5py.File(os.path.join(args.raw, "extra.h5"), "r") as extra:
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
model.fit(features, targets, epochs=EPOCHS, batch_size=BATCH_SIZE, validation_split=args.validation_split)

model.save(_sm_path("rul_model.keras", os.path.join(args.sm_model_dir, "rul_model.keras")))

# TensorFlow Serving SavedModel for SageMaker: <model dir>/1 (added by sm-migrate)
_sm_export(model, os.path.join(args.sm_model_dir, "1"))
