"""Fit a small regression on a CSV file; every option goes to train() as a keyword.

Example:
    python train.py --epochs 4 --data-dir data --model-path regressor.keras
"""
import argparse
import os

import numpy as np
import tensorflow as tf
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
sm_parser = argparse.ArgumentParser(allow_abbrev=False, add_help=False)
sm_parser.add_argument(
    "--sm-model-dir", "--sm_model_dir",
    type=str,
    default=os.environ.get("SM_MODEL_DIR", "sm_model"),
    help="where the final model goes (SageMaker: SM_MODEL_DIR)",
)
sm_parser.add_argument("--model_dir", "--model-dir", type=str, default=None,
                       help="checkpoints; an S3 URI on SageMaker (never the final model)")
sm_args, _ = sm_parser.parse_known_args()


def train(data_dir, epochs, batch_size, learning_rate, model_path):
    table = np.loadtxt(os.path.join(data_dir, "train.csv"), delimiter=",", skiprows=1, dtype=np.float32)
    features, targets = table[:, :-1], table[:, -1:]

    model = tf.keras.Sequential([
        tf.keras.Input(shape=(features.shape[1],)),
        tf.keras.layers.Dense(8, activation="relu"),
        tf.keras.layers.Dense(1),
    ])
    model.compile(optimizer=tf.keras.optimizers.Adam(learning_rate), loss="mse")
    model.fit(features, targets, epochs=epochs, batch_size=batch_size, verbose=2)
    model.save(_sm_path(model_path, os.path.join(sm_args.sm_model_dir, os.path.basename(model_path))))

    # TensorFlow Serving SavedModel for SageMaker: <model dir>/1 (added by sm-migrate)
    _sm_export(model, os.path.join(sm_args.sm_model_dir, "1"))
    print(f"saved to {model_path}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data-dir", "--data_dir", default=os.environ.get("SM_CHANNEL_DATA", "data"), help="folder holding train.csv")
    parser.add_argument("--epochs", type=int, default=4)
    parser.add_argument("--batch-size", "--batch_size", type=int, default=16)
    parser.add_argument("--learning-rate", "--learning_rate", type=float, default=0.01)
    parser.add_argument("--model-path", "--model_path", default="regressor.keras")
    train(**vars(parser.parse_known_args()[0]))
