"""Script-mode training script from the TF 2.x-era SageMaker images, before Keras 3.

It reads its channel through SM_CHANNEL_TRAIN and saves the trained model where the container's model
folder was, written out: `model.save("/opt/ml/model")`, a SavedModel folder on Keras 2.
"""
import argparse
import os

import numpy as np
import tensorflow as tf

parser = argparse.ArgumentParser()
parser.add_argument("--epochs", type=int, default=3)
parser.add_argument("--learning_rate", type=float, default=0.01)
parser.add_argument("--train", type=str, default=os.environ.get("SM_CHANNEL_TRAIN", "data"))
args, _ = parser.parse_known_args()

frame = np.loadtxt(os.path.join(args.train, "houses.csv"), delimiter=",", skiprows=1, dtype="float32")
features, prices = frame[:, :-1], frame[:, -1:]

normalizer = tf.keras.layers.Normalization()
normalizer.adapt(features)
model = tf.keras.Sequential([
    tf.keras.Input(shape=(features.shape[1],)),
    normalizer,
    tf.keras.layers.Dense(16, activation="relu"),
    tf.keras.layers.BatchNormalization(),
    tf.keras.layers.Dense(1),
])
model.compile(optimizer=tf.keras.optimizers.SGD(learning_rate=args.learning_rate), loss="mse")
model.fit(features, prices, epochs=args.epochs, batch_size=16, verbose=2)

model.save("/opt/ml/model")
