"""Small regressor whose settings go by two names, the way scripts grow: constants at the top, short local
names below them, a dropout written as a whole number, a chained assignment, and the model saved by appending
its file name to an output folder."""

import os

import numpy as np
import tensorflow as tf

BATCH_SIZE = 16
NUM_EPOCHS = 3
DROPOUT = 0
validation_split = val_split = 0.25
OUTPUT_DIR = "output"

batch_size = BATCH_SIZE
num_epochs = NUM_EPOCHS

arrays = np.load("data/train.npz")
model = tf.keras.Sequential([
    tf.keras.Input(shape=(6,)),
    tf.keras.layers.Dense(16, activation="relu"),
    tf.keras.layers.Dropout(DROPOUT),
    tf.keras.layers.Dense(1),
])
model.compile(optimizer=tf.keras.optimizers.Adam(0.01), loss="mse")
model.fit(arrays["x"], arrays["y"], epochs=num_epochs, batch_size=batch_size, validation_split=val_split)
os.makedirs(OUTPUT_DIR, exist_ok=True)
model.save(OUTPUT_DIR + "/regressor.keras")
