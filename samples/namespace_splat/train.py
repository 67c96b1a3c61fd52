"""Fit a small regression on a CSV file; every option goes to train() as a keyword.

Example:
    python train.py --epochs 4 --data-dir data --model-path regressor.keras
"""
import argparse
import os

import numpy as np
import tensorflow as tf


def train(data_dir, epochs, batch_size, learning_rate, model_path):
    table = np.loadtxt(os.path.join(data_dir, "train.csv"), delimiter=",", skiprows=1, dtype=np.float32)
    features, targets = table[:, :-1], table[:, -1:]

    model = tf.keras.Sequential([
        tf.keras.Input(shape=(features.shape[1],)),
        tf.keras.layers.Dense(8, activation="relu"),
        tf.keras.layers.Dense(1),
    ])
    model.compile(optimizer=tf.keras.optimizers.Adam(learning_rate), loss="mse")
    model.fit(features, targets, epochs=epochs, batch_size=batch_size, verbose=2)
    model.save(model_path)
    print(f"saved to {model_path}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data-dir", default="data", help="folder holding train.csv")
    parser.add_argument("--epochs", type=int, default=4)
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--learning-rate", type=float, default=0.01)
    parser.add_argument("--model-path", default="regressor.keras")
    train(**vars(parser.parse_args()))
