"""The model and its training, called by task.py with the parsed settings."""

import os

import numpy as np
import tensorflow as tf


def build_model(learning_rate):
    model = tf.keras.Sequential([
        tf.keras.Input(shape=(4,)),
        tf.keras.layers.Dense(8, activation="relu"),
        tf.keras.layers.Dense(1),
    ])
    model.compile(optimizer=tf.keras.optimizers.Adam(learning_rate), loss="mse")
    return model


def train_and_evaluate(epochs, batch_size, learning_rate, output_dir):
    rng = np.random.default_rng(0)
    features = rng.normal(size=(128, 4)).astype("float32")
    targets = features @ np.array([[1.0], [-2.0], [0.5], [3.0]], dtype="float32")
    model = build_model(learning_rate)
    model.fit(features, targets, epochs=epochs, batch_size=batch_size, validation_split=0.25, verbose=2)
    os.makedirs(output_dir, exist_ok=True)
    model.save(os.path.join(output_dir, "regressor.keras"))
    return model
