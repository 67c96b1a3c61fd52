"""Small regressor whose settings come the ways quick scripts take them: the epochs from the command line by
position (`python train.py 5`, with a fallback), the batch size and learning rate from a dict read with .get(),
and the validation split from an environment variable converted where fit takes it."""

import os
import sys

import numpy as np
import tensorflow as tf

epochs = int(sys.argv[1]) if len(sys.argv) > 1 else 3
config = {"batch_size": 16, "learning_rate": 0.01}
VALIDATION_SPLIT = os.environ.get("VALIDATION_SPLIT", "0.25")

arrays = np.load("data/train.npz")
model = tf.keras.Sequential([
    tf.keras.Input(shape=(6,)),
    tf.keras.layers.Dense(16, activation="relu"),
    tf.keras.layers.Dense(1),
])
model.compile(optimizer=tf.keras.optimizers.Adam(config.get("learning_rate", 0.001)), loss="mse")
model.fit(arrays["x"], arrays["y"], epochs=epochs, batch_size=config.get("batch_size", 8),
          validation_split=float(VALIDATION_SPLIT))
model.save("regressor.keras")
