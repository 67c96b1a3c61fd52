"""Settings at the top, the script's own command line further down, training in a function.

The hyperparameters are module constants set before the parser exists; `train()` gets them as arguments.
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

EPOCHS = 3
BATCH_SIZE = 16
LEARNING_RATE = 0.02


def build_model(features):
    model = tf.keras.Sequential([
        tf.keras.Input(shape=(features,)),
        tf.keras.layers.Dense(8, activation="relu"),
        tf.keras.layers.Dense(1),
    ])
    model.compile(optimizer=tf.keras.optimizers.Adam(LEARNING_RATE), loss="mse")
    return model


def train(model, x, y, epochs, batch_size):
    model.fit(x, y, epochs=epochs, batch_size=batch_size, verbose=2)
    return model


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="fit a line through noisy points")
    parser.add_argument("--data-dir", "--data_dir", default=os.environ.get("SM_CHANNEL_DATA", "data"), help="where points.npz is")
    parser.add_argument("--epochs", type=int, default=3, help="EPOCHS in the original script")
    parser.add_argument("--batch_size", "--batch-size", type=int, default=16,
                        help="BATCH_SIZE in the original script")
    parser.add_argument("--learning_rate", "--learning-rate", type=float, default=0.02,
                        help="LEARNING_RATE in the original script")
    parser.add_argument(
        "--sm-model-dir", "--sm_model_dir",
        type=str,
        default=os.environ.get("SM_MODEL_DIR", "sm_model"),
        help="where the final model goes (SageMaker: SM_MODEL_DIR)",
    )
    parser.add_argument("--model_dir", "--model-dir", type=str, default=None,
                        help="checkpoints; an S3 URI on SageMaker (never the final model)")
    args, _ = parser.parse_known_args()
    EPOCHS = args.epochs
    BATCH_SIZE = args.batch_size
    LEARNING_RATE = args.learning_rate

    data = np.load(os.path.join(args.data_dir, "points.npz"))
    model = build_model(data["x"].shape[1])
    train(model, data["x"], data["y"], EPOCHS, BATCH_SIZE)
    model.save(_sm_path("points.keras", os.path.join(args.sm_model_dir, "points.keras")))

    # TensorFlow Serving SavedModel for SageMaker: <model dir>/1 (added by sm-migrate)
    _sm_export(model, os.path.join(args.sm_model_dir, "1"))
