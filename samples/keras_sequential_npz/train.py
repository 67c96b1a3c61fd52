# Train a small dense classifier on our MNIST-style digit crops.
# Data comes from data/train.npz and data/test.npz (see make_data.py).
import numpy as np
import tensorflow as tf

EPOCHS = 3
BATCH_SIZE = 32
LEARNING_RATE = 1e-3
NUM_CLASSES = 10

# Load the data and scale pixels to [0, 1]
train = np.load("data/train.npz")
test = np.load("data/test.npz")
x_train, y_train = train["x_train"] / 255.0, train["y_train"]
x_test, y_test = test["x_test"] / 255.0, test["y_test"]
print("train:", x_train.shape, "test:", x_test.shape)

model = tf.keras.Sequential([
    tf.keras.layers.Input(shape=x_train.shape[1:]),
    tf.keras.layers.Flatten(),
    tf.keras.layers.Dense(64, activation="relu"),
    tf.keras.layers.Dropout(0.2),
    tf.keras.layers.Dense(NUM_CLASSES, activation="softmax"),
])

model.compile(
    optimizer=tf.keras.optimizers.Adam(learning_rate=LEARNING_RATE),
    loss="sparse_categorical_crossentropy",
    metrics=["accuracy"],
)
model.summary()

model.fit(x_train, y_train, epochs=EPOCHS, batch_size=BATCH_SIZE, validation_split=0.1)

test_loss, test_acc = model.evaluate(x_test, y_test, verbose=2)
print(f"test accuracy: {test_acc:.3f}")

model.save("mnist_classifier.keras")
