"""A tiny GAN: a generator learns to produce 2-D points on the ring in data/points.npy.

Two keras.Sequential models, two optimizers, one tf.GradientTape per model in a custom training step
(the DCGAN tutorial's loop, shrunk to dense layers).
"""
import numpy as np
import tensorflow as tf
from tensorflow import keras

NUM_EPOCHS = 3
BATCH_SIZE = 32
NOISE_DIM = 4
LEARNING_RATE = 2e-3

tf.random.set_seed(0)
points = np.load("data/points.npy")
dataset = tf.data.Dataset.from_tensor_slices(points).shuffle(len(points), seed=0).batch(BATCH_SIZE)

generator = keras.Sequential([
    keras.Input(shape=(NOISE_DIM,)),
    keras.layers.Dense(16, activation="relu"),
    keras.layers.Dense(2),
], name="generator")
discriminator = keras.Sequential([
    keras.Input(shape=(2,)),
    keras.layers.Dense(16, activation="relu"),
    keras.layers.Dense(1),  # logit: real vs generated
], name="discriminator")

cross_entropy = keras.losses.BinaryCrossentropy(from_logits=True)
generator_optimizer = keras.optimizers.Adam(LEARNING_RATE)
discriminator_optimizer = keras.optimizers.Adam(LEARNING_RATE)


@tf.function
def train_step(real_points):
    noise = tf.random.normal([tf.shape(real_points)[0], NOISE_DIM])
    with tf.GradientTape() as gen_tape, tf.GradientTape() as disc_tape:
        fake_points = generator(noise, training=True)
        real_logits = discriminator(real_points, training=True)
        fake_logits = discriminator(fake_points, training=True)
        gen_loss = cross_entropy(tf.ones_like(fake_logits), fake_logits)
        disc_loss = (cross_entropy(tf.ones_like(real_logits), real_logits)
                     + cross_entropy(tf.zeros_like(fake_logits), fake_logits))
    gen_grads = gen_tape.gradient(gen_loss, generator.trainable_variables)
    disc_grads = disc_tape.gradient(disc_loss, discriminator.trainable_variables)
    generator_optimizer.apply_gradients(zip(gen_grads, generator.trainable_variables))
    discriminator_optimizer.apply_gradients(zip(disc_grads, discriminator.trainable_variables))
    return gen_loss, disc_loss


for epoch in range(NUM_EPOCHS):
    for batch in dataset:
        gen_loss, disc_loss = train_step(batch)
    print(f"epoch {epoch + 1}/{NUM_EPOCHS} generator_loss={float(gen_loss):.4f} "
          f"discriminator_loss={float(disc_loss):.4f}")

samples = generator(tf.random.normal([5, NOISE_DIM]))
print("generated radii:", np.round(np.linalg.norm(samples.numpy(), axis=1), 2))
