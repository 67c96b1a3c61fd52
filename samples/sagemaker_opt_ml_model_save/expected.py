"""Script-mode training script from the TF 2.x-era SageMaker images, before Keras 3.

It reads its channel through SM_CHANNEL_TRAIN and saves the trained model where the container's model
folder was, written out: `model.save("/opt/ml/model")`, a SavedModel folder on Keras 2.
"""
import argparse
import os

import numpy as np
import tensorflow as tf
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

parser = argparse.ArgumentParser()
parser.add_argument("--epochs", type=int, default=3)
parser.add_argument("--learning_rate", type=float, default=0.01)
parser.add_argument("--train", type=str, default=os.environ.get("SM_CHANNEL_TRAIN", "data"))
parser.add_argument("--batch_size", "--batch-size", type=int, default=16,
                    help="fit(batch_size=) in the original script")
parser.add_argument(
    "--sm-model-dir", "--sm_model_dir",
    type=str,
    default=os.environ.get("SM_MODEL_DIR", "sm_model"),
    help="where the final model goes (SageMaker: SM_MODEL_DIR)",
)
args, _ = parser.parse_known_args()

frame = np.loadtxt(os.path.join(args.train, "houses.csv"), delimiter=",", skiprows=1, dtype="float32")
features, prices = frame[:, :-1], frame[:, -1:]

normalizer = tf.keras.layers.Normalization()
normalizer.adapt(features)
model = tf.keras.Sequential([
    tf.keras.Input(shape=(features.shape[1],)),
    normalizer,
    tf.keras.layers.Dense(16, activation="relu"),
    tf.keras.layers.BatchNormalization(),
    tf.keras.layers.Dense(1),
])
model.compile(optimizer=tf.keras.optimizers.SGD(learning_rate=args.learning_rate), loss="mse")
model.fit(features, prices, epochs=args.epochs, batch_size=args.batch_size, verbose=2)

_sm_export(model, os.path.join(args.sm_model_dir, "1"))
