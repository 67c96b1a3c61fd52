"""Regression with tf.distribute.MirroredStrategy: one replica per local GPU (or the CPU).

The model itself lives in model_def.py; this script only distributes, trains and saves it.
"""
import numpy as np
import tensorflow as tf

from model_def import build_regressor

EPOCHS = 3
BATCH_SIZE_PER_REPLICA = 16
LEARNING_RATE = 0.01

strategy = tf.distribute.MirroredStrategy()
print("replicas:", strategy.num_replicas_in_sync)
global_batch_size = BATCH_SIZE_PER_REPLICA * strategy.num_replicas_in_sync

train = np.load("data/train.npz")
test = np.load("data/test.npz")

with strategy.scope():
    model = build_regressor(train["features"].shape[1])
    model.compile(optimizer=tf.keras.optimizers.Adam(learning_rate=LEARNING_RATE), loss="mse", metrics=["mae"])

model.fit(train["features"], train["target"], epochs=EPOCHS, batch_size=global_batch_size)
print("test mae:", model.evaluate(test["features"], test["target"], verbose=0)[1])
model.save("model.keras")
