"""Regress a target from raw sensor readings; serve a module that normalises them before the model."""

import argparse
import os
import pickle
from pathlib import Path

import numpy as np
import tensorflow as tf


class ArrayFolder:
    """The readings and targets kept as .npy files in one folder."""

    def __init__(self, folder):
        self.features = np.load(str(Path(folder) / "readings.npy"))
        self.targets = np.load(str(Path(folder) / "targets.npy"))


class NormalisedRegressor(tf.Module):
    def __init__(self, model, mean, std):
        super().__init__()
        self.model, self.mean, self.std = model, tf.constant(mean), tf.constant(std)

    @tf.function(input_signature=[tf.TensorSpec([None, 6], tf.float32)])
    def serve(self, readings):
        return {"target": self.model((readings - self.mean) / self.std)}


parser = argparse.ArgumentParser()
parser.add_argument("--epochs", type=int, default=3)
parser.add_argument("--batch-size", type=int, default=16)
parser.add_argument("--lr", default=0.01)
args = parser.parse_args()

data = ArrayFolder("sensors")
mean, std = data.features.mean(axis=0), data.features.std(axis=0)
model = tf.keras.Sequential([tf.keras.Input((6,)), tf.keras.layers.Dense(8, activation="relu"), tf.keras.layers.Dense(1)])
model.compile(optimizer=tf.keras.optimizers.Adam(args.lr), loss="mse")
model.fit((data.features - mean) / std, data.targets, epochs=args.epochs, batch_size=args.batch_size)

os.makedirs("artifacts", exist_ok=True)
model.save("artifacts/regressor.keras")
with open("artifacts/scaler.pkl", "wb") as handle:
    pickle.dump({"mean": mean, "std": std}, handle)
serving = NormalisedRegressor(model, mean, std)
tf.saved_model.save(serving, "artifacts/served", signatures={"serving_default": serving.serve})
