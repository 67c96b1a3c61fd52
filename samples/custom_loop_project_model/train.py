"""Custom training loop over a model class from the project's own module (networks.py).

The script can't see that SpectrumNet is a Keras model; what it trains is what the tape differentiates:
`net.trainable_variables`.
"""
import numpy as np
import tensorflow as tf

from networks import SpectrumNet

epochs = 3
batch_size = 16
learning_rate = 0.01

data = np.load("data/spectra.npz")
dataset = tf.data.Dataset.from_tensor_slices((data["x"], data["y"])).shuffle(64, seed=3).batch(batch_size)

net = SpectrumNet()
optimizer = tf.keras.optimizers.Adam(learning_rate)
loss_fn = tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True)


@tf.function
def train_step(x, y):
    with tf.GradientTape() as tape:
        loss = loss_fn(y, net(x, training=True))
    grads = tape.gradient(loss, net.trainable_variables)
    optimizer.apply_gradients(zip(grads, net.trainable_variables))
    return loss


for epoch in range(epochs):
    for x, y in dataset:
        loss = train_step(x, y)
    print(f"epoch {epoch + 1}/{epochs} loss {float(loss):.4f}")
