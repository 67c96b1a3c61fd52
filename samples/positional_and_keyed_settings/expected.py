"""Small regressor whose settings come the ways quick scripts take them: the epochs from the command line by
position (`python train.py 5`, with a fallback), the batch size and learning rate from a dict read with .get(),
and the validation split from an environment variable converted where fit takes it."""

import os
import sys

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
parser.add_argument("--epochs", type=int, default=3,
                    help="epochs in the original script (read by position there)")
parser.add_argument("--batch_size", "--batch-size", type=int, default=16,
                    help='config.get("batch_size", 8) in the original script')
parser.add_argument("--learning_rate", "--learning-rate", type=float, default=0.01,
                    help='config.get("learning_rate", 0.001) in the original script')
parser.add_argument("--validation_split", "--validation-split", type=float, default=None,
                    help="VALIDATION_SPLIT in the original script (computed at run time; default: the script's value)")
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
config = {"batch_size": args.batch_size, "learning_rate": args.learning_rate}
VALIDATION_SPLIT = args.validation_split if args.validation_split is not None else os.environ.get("VALIDATION_SPLIT", "0.25")

arrays = np.load(os.path.join(args.data, "train.npz"))
model = tf.keras.Sequential([
    tf.keras.Input(shape=(6,)),
    tf.keras.layers.Dense(16, activation="relu"),
    tf.keras.layers.Dense(1),
])
model.compile(optimizer=tf.keras.optimizers.Adam(config.get("learning_rate", 0.001)), loss="mse")
model.fit(arrays["x"], arrays["y"], epochs=epochs, batch_size=config.get("batch_size", 8),
          validation_split=float(VALIDATION_SPLIT))
model.save(_sm_path("regressor.keras", os.path.join(args.sm_model_dir, "regressor.keras")))

# TensorFlow Serving SavedModel for SageMaker: <model dir>/1 (added by sm-migrate)
_sm_export(model, os.path.join(args.sm_model_dir, "1"))
