# Regression on arrays saved by an older preprocessing step. Paths are glued together with `+`, the way
# many older scripts (and the TensorBoard tutorial) build them; the training function hands the model back
# to the caller, which saves it.
import datetime
import os

import numpy as np
import tensorflow as tf

DATA_PATH = "arrays/"
epochs, batch_size = 3, 16


def train(features, targets):
    model = tf.keras.Sequential([
        tf.keras.Input(shape=(features.shape[1],)),
        tf.keras.layers.Dense(16, activation="relu"),
        tf.keras.layers.Dense(1),
    ])
    model.compile(optimizer="adam", loss="mse")
    log_dir = "logs/fit/" + datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
    board = tf.keras.callbacks.TensorBoard(log_dir=log_dir)
    model.fit(features, targets, epochs=epochs, batch_size=batch_size, callbacks=[board])
    return model


features = np.load(DATA_PATH + "features.npy")
targets = np.load(DATA_PATH + "targets.npy")
regressor = train(features, targets)

os.makedirs("results", exist_ok=True)
np.save("results/" + "predictions.npy", regressor.predict(features))
regressor.save("regressor.keras")
