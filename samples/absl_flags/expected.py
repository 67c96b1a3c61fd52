"""Tabular classifier in the TensorFlow Model Garden style: absl flags and app.run.

Example:
    python train.py --epochs=5 --learning_rate=0.005 --data_dir=data
"""
import os

import numpy as np
import tensorflow as tf
from absl import app, flags, logging
import argparse
import shutil


# Helpers for the SageMaker changes below (added by sm-migrate).
def _sm_path(local_path, sagemaker_path):
    """`local_path` when run locally; on SageMaker `sagemaker_path`, under the dirs the job keeps."""
    if "SM_MODEL_DIR" not in os.environ:
        return local_path
    os.makedirs(os.path.dirname(sagemaker_path) or ".", exist_ok=True)
    return sagemaker_path


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
parser = argparse.ArgumentParser(allow_abbrev=False, add_help=False)
parser.add_argument(
    "--sm-model-dir", "--sm_model_dir",
    type=str,
    default=os.environ.get("SM_MODEL_DIR", "sm_model"),
    help="where the final model goes (SageMaker: SM_MODEL_DIR)",
)
parser.add_argument("--model_dir", "--model-dir", type=str, default=None,
                    help="checkpoints; an S3 URI on SageMaker (never the final model)")
args, _ = parser.parse_known_args()

FLAGS = flags.FLAGS

flags.DEFINE_integer("epochs", 2, "Number of passes over the training data.")
flags.DEFINE_integer("batch_size", 32, "Examples per gradient step.")
flags.DEFINE_float("learning_rate", 0.01, "Adam learning rate.")
flags.DEFINE_string("data_dir", os.environ.get("SM_CHANNEL_DATA", "data"), "Folder holding train.npz and valid.npz.")


def load_split(name):
    arrays = np.load(os.path.join(FLAGS.data_dir, f"{name}.npz"))
    return arrays["features"], arrays["labels"]


def build_model(num_features, num_classes):
    return tf.keras.Sequential([
        tf.keras.Input(shape=(num_features,)),
        tf.keras.layers.Dense(32, activation="relu"),
        tf.keras.layers.Dense(num_classes, activation="softmax"),
    ])


def main(argv):
    del argv  # unused
    x_train, y_train = load_split("train")
    x_valid, y_valid = load_split("valid")
    logging.info("train %s, valid %s", x_train.shape, x_valid.shape)

    model = build_model(x_train.shape[1], int(y_train.max()) + 1)
    model.compile(
        optimizer=tf.keras.optimizers.Adam(learning_rate=FLAGS.learning_rate),
        loss="sparse_categorical_crossentropy",
        metrics=["accuracy"],
    )
    model.fit(
        x_train, y_train, epochs=FLAGS.epochs, batch_size=FLAGS.batch_size, validation_data=(x_valid, y_valid)
    )
    model.save(_sm_path("classifier.keras", os.path.join(args.sm_model_dir, "classifier.keras")))

    # TensorFlow Serving SavedModel for SageMaker: <model dir>/1 (added by sm-migrate)
    _sm_export(model, os.path.join(args.sm_model_dir, "1"))


if __name__ == "__main__":
    app.run(main, flags_parser=lambda argv: flags.FLAGS(argv, known_only=True))
