# Regression on arrays saved by an older preprocessing step. Paths are glued together with `+`, the way
# many older scripts (and the TensorBoard tutorial) build them; the training function hands the model back
# to the caller, which saves it.
import datetime
import os

import numpy as np
import tensorflow as tf
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
parser = argparse.ArgumentParser(allow_abbrev=False)
parser.add_argument("--epochs", type=int, default=3, help="epochs in the original script")
parser.add_argument("--batch_size", "--batch-size", type=int, default=16,
                    help="batch_size in the original script")
parser.add_argument("--arrays", type=str, default=os.environ.get("SM_CHANNEL_ARRAYS", "arrays"),
                    help="input channel 'arrays' (SageMaker: SM_CHANNEL_ARRAYS)")
parser.add_argument(
    "--sm-model-dir", "--sm_model_dir",
    type=str,
    default=os.environ.get("SM_MODEL_DIR", "sm_model"),
    help="where the final model goes (SageMaker: SM_MODEL_DIR)",
)
parser.add_argument(
    "--output-data-dir", "--output_data_dir",
    type=str,
    default=os.environ.get("SM_OUTPUT_DATA_DIR", "sm_output"),
    help="other artefacts (SageMaker: SM_OUTPUT_DATA_DIR)",
)
parser.add_argument("--model_dir", "--model-dir", type=str, default=None,
                    help="checkpoints; an S3 URI on SageMaker (never the final model)")
args, _ = parser.parse_known_args()

DATA_PATH = os.path.join(args.arrays, "")
epochs, batch_size = args.epochs, args.batch_size


def train(features, targets):
    model = tf.keras.Sequential([
        tf.keras.Input(shape=(features.shape[1],)),
        tf.keras.layers.Dense(16, activation="relu"),
        tf.keras.layers.Dense(1),
    ])
    model.compile(optimizer="adam", loss="mse")
    log_dir = _sm_path("logs/fit/", os.path.join(args.output_data_dir, "logs/fit/")) + datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
    board = tf.keras.callbacks.TensorBoard(log_dir=log_dir)
    model.fit(features, targets, epochs=epochs, batch_size=batch_size, callbacks=[board])

    # TensorFlow Serving SavedModel for SageMaker: <model dir>/1 (added by sm-migrate)
    _sm_export(model, os.path.join(args.sm_model_dir, "1"))
    return model


features = np.load(DATA_PATH + "features.npy")
targets = np.load(DATA_PATH + "targets.npy")
regressor = train(features, targets)

os.makedirs("results", exist_ok=True)
np.save(_sm_path("results/", os.path.join(args.output_data_dir, "results/")) + "predictions.npy", regressor.predict(features))
regressor.save(_sm_path("regressor.keras", os.path.join(args.sm_model_dir, "regressor.keras")))
