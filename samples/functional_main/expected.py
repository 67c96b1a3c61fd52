"""Churn-style binary classifier built with the Keras functional API.

Reads the feature matrix and labels written by make_data.py and trains a two-branch MLP.
"""
import numpy as np
from tensorflow import keras
from tensorflow.keras import layers
import argparse
import os
import shutil
import tensorflow as tf


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
parser.add_argument("--epochs", type=int, default=2, help="fit(epochs=) in the original script")
parser.add_argument("--batch_size", "--batch-size", type=int, default=64,
                    help="fit(batch_size=) in the original script")
parser.add_argument("--learning_rate", "--learning-rate", type=float, default=0.001,
                    help="optimizer learning rate in the original script")
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


def load_data():
    x = np.load(os.path.join(args.data, "features.npy"))
    y = np.load(os.path.join(args.data, "labels.npy"))
    return x, y


def build_model(num_features, hidden_units=32):
    inputs = keras.Input(shape=(num_features,), name="features")
    # a wide (linear) branch and a deep branch, merged before the output
    wide = layers.Dense(8)(inputs)
    deep = layers.Dense(hidden_units, activation="relu")(inputs)
    deep = layers.Dense(hidden_units // 2, activation="relu")(deep)
    merged = layers.concatenate([wide, deep])
    outputs = layers.Dense(1, activation="sigmoid", name="churn")(merged)
    return keras.Model(inputs=inputs, outputs=outputs, name="wide_and_deep")


def main():
    x, y = load_data()
    model = build_model(x.shape[1])
    model.compile(
        optimizer=keras.optimizers.Adam(learning_rate=args.learning_rate),
        loss="binary_crossentropy",
        metrics=["accuracy", keras.metrics.AUC(name="auc")],
    )
    history = model.fit(x, y, epochs=args.epochs, batch_size=args.batch_size, verbose=2)

    # TensorFlow Serving SavedModel for SageMaker: <model dir>/1 (added by sm-migrate)
    _sm_export(model, os.path.join(args.sm_model_dir, "1"))
    print("final training accuracy: %.3f" % history.history["accuracy"][-1])


if __name__ == "__main__":
    main()
