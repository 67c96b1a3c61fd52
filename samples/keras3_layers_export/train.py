# Classify tiny 8x8 colour "sprites" with on-the-fly augmentation and a recurrent head.
# The model uses the layers whose inference graph Keras 3 must trace for serving: RandomFlip,
# RandomRotation and RandomZoom, BatchNormalization, and a GRU with dropout and recurrent dropout.
import numpy as np
import tensorflow as tf
from tensorflow import keras

EPOCHS = 2
BATCH_SIZE = 16

data = np.load("sprites/train.npz")
images, labels = data["images"].astype("float32") / 255.0, data["labels"]

model = keras.Sequential([
    keras.Input(shape=(8, 8, 3)),
    keras.layers.RandomFlip("horizontal"),
    keras.layers.RandomRotation(0.05),
    keras.layers.RandomZoom(0.1),
    keras.layers.BatchNormalization(),
    keras.layers.Reshape((8, 24)),
    keras.layers.GRU(16, dropout=0.2, recurrent_dropout=0.1),
    keras.layers.Dense(4, activation="softmax"),
])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(images, labels, epochs=EPOCHS, batch_size=BATCH_SIZE)
model.save("sprites.keras")
