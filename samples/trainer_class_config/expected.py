"""A research-code layout: settings in a dataclass, a Trainer class that owns its model and runs a
GradientTape loop in a method, `range(self.epochs)` set in `__init__` from the config."""
from dataclasses import dataclass

import numpy as np
import tensorflow as tf
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
parser.add_argument("--epochs", type=int, default=3, help="config.epochs in the original script")
parser.add_argument("--batch_size", "--batch-size", type=int, default=16,
                    help="config.batch_size in the original script")
parser.add_argument("--learning_rate", "--learning-rate", type=float, default=0.01,
                    help="config.learning_rate in the original script")
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


@dataclass
class Config:
    epochs: int = args.epochs
    batch_size: int = args.batch_size
    learning_rate: float = args.learning_rate
    hidden_units: int = 32


class Trainer:
    def __init__(self, epochs, learning_rate, hidden_units):
        self.epochs = epochs
        self.model = tf.keras.Sequential([
            tf.keras.layers.Dense(hidden_units, activation="relu"),
            tf.keras.layers.Dense(3),
        ])
        self.optimizer = tf.keras.optimizers.Adam(learning_rate)
        self.loss_fn = tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True)

    @tf.function
    def train_step(self, x, y):
        with tf.GradientTape() as tape:
            loss = self.loss_fn(y, self.model(x, training=True))
        grads = tape.gradient(loss, self.model.trainable_variables)
        self.optimizer.apply_gradients(zip(grads, self.model.trainable_variables))
        return loss

    def train(self, dataset):
        for epoch in range(self.epochs):
            for x, y in dataset:
                loss = self.train_step(x, y)
            print(f"epoch {epoch + 1}/{self.epochs} loss {float(loss):.4f}")

        # TensorFlow Serving SavedModel for SageMaker: <model dir>/1 (added by sm-migrate)
        _sm_export(self.model, os.path.join(args.sm_model_dir, "1"))


config = Config()
data = np.load(os.path.join(args.data, "readings.npz"))
dataset = tf.data.Dataset.from_tensor_slices((data["x"], data["y"])).shuffle(128, seed=6).batch(config.batch_size)
trainer = Trainer(epochs=config.epochs, learning_rate=config.learning_rate, hidden_units=config.hidden_units)
trainer.train(dataset)
