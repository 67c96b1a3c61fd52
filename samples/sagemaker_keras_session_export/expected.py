"""Script-mode training script from the TF 1.x days of SageMaker's TensorFlow images, Keras on a TF1 session.

The parser spells the model dir `--model-dir` (default SM_MODEL_DIR), channels come from SM_CHANNEL_*, and the
Keras model is exported for TensorFlow Serving through the backend's session with `simple_save`.
"""
import argparse
import os

import numpy as np
import tensorflow as tf
from tensorflow.keras import backend as K
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

if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--epochs", type=int, default=4)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--dropout", type=float, default=0.1)
    parser.add_argument("--model-dir", "--model_dir", type=str, default=os.environ.get("SM_MODEL_DIR", "sm_model"))
    parser.add_argument("--training", type=str, default=os.environ.get("SM_CHANNEL_TRAINING", "training"))
    parser.add_argument(
        "--sm-model-dir", "--sm_model_dir",
        type=str,
        default=os.environ.get("SM_MODEL_DIR", "sm_model"),
        help="where the final model goes (SageMaker: SM_MODEL_DIR)",
    )
    args, _ = parser.parse_known_args()

    data = np.load(os.path.join(args.training, "readings.npz"))
    x_train, y_train = data["x"], data["y"]

    model = tf.keras.Sequential([
        tf.keras.layers.Dense(32, activation="relu", input_shape=(x_train.shape[1],)),
        tf.keras.layers.Dropout(args.dropout),
        tf.keras.layers.Dense(3, activation="softmax"),
    ])
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    model.fit(x_train, y_train, batch_size=args.batch_size, epochs=args.epochs, verbose=2)

    # save the Keras model for TensorFlow Serving
    _sm_export(model, _sm_path(os.path.join(args.model_dir, "model/1"), os.path.join(args.sm_model_dir, "1")))
