"""A plain Keras 2 regression script with no strategy: `--distribution mwms` gives it one."""
import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"  # Keras 2: Keras 3's fit fails with two workers

import numpy as np
import tensorflow as tf

EPOCHS = 2

data = np.loadtxt("data/train.csv", delimiter=",", dtype="float32")


def build_model():
    return tf.keras.Sequential([tf.keras.Input((4,)), tf.keras.layers.Dense(8, activation="relu"),
                                tf.keras.layers.Dense(1)])


model = build_model()
model.compile(optimizer="sgd", loss="mse")
model.fit(data[:, :-1], data[:, -1], epochs=EPOCHS, batch_size=8)
