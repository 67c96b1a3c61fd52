"""Tabular classifier in the TensorFlow Model Garden style: absl flags and app.run.

Example:
    python train.py --epochs=5 --learning_rate=0.005 --data_dir=data
"""
import os

import numpy as np
import tensorflow as tf
from absl import app, flags, logging

FLAGS = flags.FLAGS

flags.DEFINE_integer("epochs", 2, "Number of passes over the training data.")
flags.DEFINE_integer("batch_size", 32, "Examples per gradient step.")
flags.DEFINE_float("learning_rate", 0.01, "Adam learning rate.")
flags.DEFINE_string("data_dir", "data", "Folder holding train.npz and valid.npz.")


def load_split(name):
    arrays = np.load(os.path.join(FLAGS.data_dir, f"{name}.npz"))
    return arrays["features"], arrays["labels"]


def build_model(num_features, num_classes):
    return tf.keras.Sequential([
        tf.keras.Input(shape=(num_features,)),
        tf.keras.layers.Dense(32, activation="relu"),
        tf.keras.layers.Dense(num_classes, activation="softmax"),
    ])


def main(argv):
    del argv  # unused
    x_train, y_train = load_split("train")
    x_valid, y_valid = load_split("valid")
    logging.info("train %s, valid %s", x_train.shape, x_valid.shape)

    model = build_model(x_train.shape[1], int(y_train.max()) + 1)
    model.compile(
        optimizer=tf.keras.optimizers.Adam(learning_rate=FLAGS.learning_rate),
        loss="sparse_categorical_crossentropy",
        metrics=["accuracy"],
    )
    model.fit(
        x_train, y_train, epochs=FLAGS.epochs, batch_size=FLAGS.batch_size, validation_data=(x_valid, y_valid)
    )
    model.save("classifier.keras")


if __name__ == "__main__":
    app.run(main)
