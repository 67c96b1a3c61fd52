"""Sensor-fault classifier trained from plain numpy files, one folder per split.

The data export team drops each split in its own folder under data/: the training features as CSV with
the labels as a raw int32 dump, the validation CSV with blanks where a sensor dropped out, and a frozen
test set as .npz. Per-epoch metrics go to logs/history.csv, test-set probabilities to
results/predictions.npy and the model to sensor_classifier.keras.
"""
import os

import numpy as np
import tensorflow as tf

EPOCHS = 2
BATCH_SIZE = 32
LEARNING_RATE = 0.005
NUM_CLASSES = 3

x_train = np.loadtxt("data/train/features.csv", delimiter=",", skiprows=1, dtype=np.float32)
y_train = np.fromfile("data/train/labels.bin", dtype=np.int32)

# genfromtxt reads the blank readings as NaN; they are filled with the training means below
x_val = np.genfromtxt("data/validation/features.csv", delimiter=",", skip_header=1, dtype=np.float32)
y_val = np.loadtxt("data/validation/labels.txt", dtype=np.int32)

with np.load("data/test/test.npz") as test_split:
    x_test, y_test = test_split["features"], test_split["labels"]

mean, std = x_train.mean(axis=0), x_train.std(axis=0)
x_val = np.where(np.isnan(x_val), mean, x_val)
x_train, x_val, x_test = [(x - mean) / std for x in (x_train, x_val, x_test)]
print(f"train {x_train.shape}, validation {x_val.shape}, test {x_test.shape}")

model = tf.keras.Sequential([
    tf.keras.Input(shape=(x_train.shape[1],)),
    tf.keras.layers.Dense(32, activation="relu"),
    tf.keras.layers.Dense(NUM_CLASSES, activation="softmax"),
])
model.compile(
    optimizer=tf.keras.optimizers.Adam(learning_rate=LEARNING_RATE),
    loss="sparse_categorical_crossentropy",
    metrics=["accuracy"],
)

os.makedirs("logs", exist_ok=True)
model.fit(
    x_train,
    y_train,
    validation_data=(x_val, y_val),
    epochs=EPOCHS,
    batch_size=BATCH_SIZE,
    callbacks=[tf.keras.callbacks.CSVLogger("logs/history.csv")],
)

loss, accuracy = model.evaluate(x_test, y_test, verbose=0)
print(f"test accuracy: {accuracy:.3f}")

os.makedirs("results", exist_ok=True)
np.save("results/predictions.npy", model.predict(x_test, verbose=0))
model.save("sensor_classifier.keras")
