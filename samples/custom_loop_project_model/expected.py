"""Custom training loop over a model class from the project's own module (networks.py).

The script can't see that SpectrumNet is a Keras model; what it trains is what the tape differentiates:
`net.trainable_variables`.
"""
import numpy as np
import tensorflow as tf

from networks import SpectrumNet
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
parser.add_argument("--epochs", type=int, default=3, help="epochs in the original script")
parser.add_argument("--batch_size", "--batch-size", type=int, default=16,
                    help="batch_size in the original script")
parser.add_argument("--learning_rate", "--learning-rate", type=float, default=0.01,
                    help="learning_rate in the original script")
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

epochs = args.epochs
batch_size = args.batch_size
learning_rate = args.learning_rate

data = np.load(os.path.join(args.data, "spectra.npz"))
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

# TensorFlow Serving SavedModel for SageMaker: <model dir>/1 (added by sm-migrate)
_sm_export(net, os.path.join(args.sm_model_dir, "1"))
