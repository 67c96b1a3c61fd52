"""Everything in main(): the settings, a Keras model, and a GradientTape loop written inline (no step
function), so the model is local to the function that trains it; the data file's path is a local of main()."""
import os

import numpy as np
import tensorflow as tf


def build_model(num_features):
    inputs = tf.keras.Input(shape=(num_features,))
    hidden = tf.keras.layers.Dense(16, activation="relu")(inputs)
    outputs = tf.keras.layers.Dense(1)(hidden)
    return tf.keras.Model(inputs, outputs)


def main():
    epochs = 3
    batch_size = 32
    learning_rate = 0.01

    data_file = os.path.join("data", "houses.npz")
    data = np.load(data_file)
    dataset = tf.data.Dataset.from_tensor_slices((data["x"], data["y"])).shuffle(256, seed=4).batch(batch_size)
    model = build_model(data["x"].shape[1])
    optimizer = tf.keras.optimizers.Adam(learning_rate)
    loss_fn = tf.keras.losses.MeanSquaredError()

    for epoch in range(epochs):
        total = 0.0
        for x, y in dataset:
            with tf.GradientTape() as tape:
                loss = loss_fn(y, model(x, training=True))
            grads = tape.gradient(loss, model.trainable_variables)
            optimizer.apply_gradients(zip(grads, model.trainable_variables))
            total += float(loss)
        print(f"epoch {epoch + 1}/{epochs} loss {total:.3f}")


if __name__ == "__main__":
    main()
