# Regress a noisy linear function; every setting lives in main() in lower case, the way quick scripts are
# written, and the batch size is computed from the data.
import numpy as np
import tensorflow as tf


def main():
    epochs = 3
    learning_rate = 0.05
    data = np.load("points.npz")
    x, y = data["x"], data["y"]
    batch_size = max(8, len(x) // 16)
    model = tf.keras.Sequential([tf.keras.Input(shape=(2,)), tf.keras.layers.Dense(1)])
    model.compile(optimizer=tf.keras.optimizers.SGD(learning_rate), loss="mse")
    model.fit(x, y, epochs=epochs, batch_size=batch_size, verbose=2)


if __name__ == "__main__":
    main()
