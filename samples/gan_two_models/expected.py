"""A tiny GAN: a generator learns to produce 2-D points on the ring in data/points.npy.

Two keras.Sequential models, two optimizers, one tf.GradientTape per model in a custom training step
(the DCGAN tutorial's loop, shrunk to dense layers).
"""
import numpy as np
import tensorflow as tf
from tensorflow import keras
import argparse
import os
import shutil


# Helpers for the SageMaker changes below (added by sm-migrate).
def _sm_export(model, version_dir):
    """Write `model` as a TensorFlow Serving SavedModel into `version_dir`, a numbered version folder: with
    Keras 3's `model.export`, which serves RNN dropout and Random* layers where `tf.saved_model.save` raises;
    with `tf.saved_model.save` for a stateful RNN (it keeps the fixed batch size) and for anything that is not
    a Keras model."""
    stateful = any(getattr(layer, "stateful", False) for layer in getattr(model, "layers", ()))
    if stateful or not hasattr(model, "export"):
        tf.saved_model.save(model, version_dir)
        return
    try:
        model.export(version_dir, verbose=False)
    except Exception:  # a model export can't trace: the SavedModel API may still serve it
        shutil.rmtree(version_dir, ignore_errors=True)
        tf.saved_model.save(model, version_dir)


# SageMaker script-mode arguments (added by sm-migrate): SageMaker passes hyperparameters as
# `--name value` and sets SM_* variables; without them the script's own values are used.
parser = argparse.ArgumentParser(allow_abbrev=False)
parser.add_argument("--epochs", "--num_epochs", "--num-epochs", type=int, default=3,
                    help="NUM_EPOCHS in the original script")
parser.add_argument("--batch_size", "--batch-size", type=int, default=32,
                    help="BATCH_SIZE in the original script")
parser.add_argument("--noise_dim", "--noise-dim", type=int, default=4,
                    help="NOISE_DIM in the original script")
parser.add_argument("--learning_rate", "--learning-rate", type=float, default=2e-3,
                    help="LEARNING_RATE in the original script")
parser.add_argument("--data", type=str, default=os.environ.get("SM_CHANNEL_DATA", "data"),
                    help="input channel 'data' (SageMaker: SM_CHANNEL_DATA)")
parser.add_argument(
    "--sm-model-dir", "--sm_model_dir",
    type=str,
    default=os.environ.get("SM_MODEL_DIR", "sm_model"),
    help="where the final model goes (SageMaker: SM_MODEL_DIR)",
)
parser.add_argument("--model_dir", "--model-dir", type=str, default=None,
                    help="checkpoints; an S3 URI on SageMaker (never the final model)")
args, _ = parser.parse_known_args()

NUM_EPOCHS = args.epochs
BATCH_SIZE = args.batch_size
NOISE_DIM = args.noise_dim
LEARNING_RATE = args.learning_rate

tf.random.set_seed(0)
points = np.load(os.path.join(args.data, "points.npy"))
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

# TensorFlow Serving SavedModel for SageMaker: <model dir>/discriminator/1 (added by sm-migrate)
_sm_export(discriminator, os.path.join(args.sm_model_dir, "discriminator", "1"))

# TensorFlow Serving SavedModel for SageMaker: <model dir>/generator/1 (added by sm-migrate)
_sm_export(generator, os.path.join(args.sm_model_dir, "generator", "1"))

samples = generator(tf.random.normal([5, NOISE_DIM]))
print("generated radii:", np.round(np.linalg.norm(samples.numpy(), axis=1), 2))
