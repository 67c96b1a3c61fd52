"""MNIST digit classifier, checked on our own scanned digits and on Fashion-MNIST as out-of-distribution data.

MNIST comes from keras.datasets and the Fashion-MNIST test images from the Keras dataset bucket: both
are downloaded into ~/.keras/datasets on first use. Our scans are read from data/scanned_digits.npz.
A good model scores well on the scans and is unsure about clothes. Saved as mnist_dense.keras.
"""
import gzip

import keras
import numpy as np

EPOCHS = 2
BATCH_SIZE = 128
LEARNING_RATE = 0.001
FASHION_TEST_IMAGES_URL = "https://storage.googleapis.com/tensorflow/tf-keras-datasets/t10k-images-idx3-ubyte.gz"

(x_train, y_train), (x_test, y_test) = keras.datasets.mnist.load_data()
x_train, x_test = x_train / 255.0, x_test / 255.0

with np.load("data/scanned_digits.npz") as scans:
    x_scanned, y_scanned = scans["images"] / 255.0, scans["labels"]

fashion_path = keras.utils.get_file("fashion-t10k-images-idx3-ubyte.gz", origin=FASHION_TEST_IMAGES_URL)
with gzip.open(fashion_path, "rb") as handle:
    x_fashion = np.frombuffer(handle.read(), np.uint8, offset=16).reshape(-1, 28, 28) / 255.0

model = keras.Sequential([
    keras.Input(shape=(28, 28)),
    keras.layers.Flatten(),
    keras.layers.Dense(128, activation="relu"),
    keras.layers.Dropout(0.2),
    keras.layers.Dense(10, activation="softmax"),
])
model.compile(
    optimizer=keras.optimizers.Adam(learning_rate=LEARNING_RATE),
    loss="sparse_categorical_crossentropy",
    metrics=["accuracy"],
)
model.fit(x_train, y_train, epochs=EPOCHS, batch_size=BATCH_SIZE, validation_data=(x_test, y_test))

_, scanned_accuracy = model.evaluate(x_scanned, y_scanned, verbose=0)
fashion_confidence = model.predict(x_fashion, batch_size=1024, verbose=0).max(axis=1).mean()
print(f"accuracy on our scans: {scanned_accuracy:.3f}")
print(f"mean confidence on Fashion-MNIST (lower is better): {fashion_confidence:.3f}")

model.save("mnist_dense.keras")
