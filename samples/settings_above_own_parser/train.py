"""Settings at the top, the script's own command line further down, training in a function.

The hyperparameters are module constants set before the parser exists; `train()` gets them as arguments.
"""
import argparse
import os

import numpy as np
import tensorflow as tf

EPOCHS = 3
BATCH_SIZE = 16
LEARNING_RATE = 0.02


def build_model(features):
    model = tf.keras.Sequential([
        tf.keras.Input(shape=(features,)),
        tf.keras.layers.Dense(8, activation="relu"),
        tf.keras.layers.Dense(1),
    ])
    model.compile(optimizer=tf.keras.optimizers.Adam(LEARNING_RATE), loss="mse")
    return model


def train(model, x, y, epochs, batch_size):
    model.fit(x, y, epochs=epochs, batch_size=batch_size, verbose=2)
    return model


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="fit a line through noisy points")
    parser.add_argument("--data-dir", default="data", help="where points.npz is")
    args = parser.parse_args()

    data = np.load(os.path.join(args.data_dir, "points.npz"))
    model = build_model(data["x"].shape[1])
    train(model, data["x"], data["y"], EPOCHS, BATCH_SIZE)
    model.save("points.keras")
