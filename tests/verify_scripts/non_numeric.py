"""Exports the SavedModel to $SM_MODEL_DIR/export (not a version folder) and saves a .keras file."""

import os

import numpy as np
import tensorflow as tf

model = tf.keras.Sequential([tf.keras.Input((3,)), tf.keras.layers.Dense(1)])
model.compile(optimizer="sgd", loss="mse")
model.fit(np.random.rand(8, 3), np.random.rand(8, 1), epochs=1, verbose=0)
model.export(os.path.join(os.environ["SM_MODEL_DIR"], "export"))
model.save(os.path.join(os.environ["SM_MODEL_DIR"], "model.keras"))
