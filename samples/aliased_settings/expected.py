"""Small regressor whose settings go by two names, the way scripts grow: constants at the top, short local
names below them, a dropout written as a whole number, a chained assignment, and the model saved by appending
its file name to an output folder."""

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
parser.add_argument("--batch_size", "--batch-size", type=int, default=16,
                    help="BATCH_SIZE in the original script")
parser.add_argument("--epochs", "--num_epochs", "--num-epochs", type=int, default=3,
                    help="NUM_EPOCHS in the original script")
parser.add_argument("--dropout", type=float, default=0, help="DROPOUT in the original script")
parser.add_argument(
    "--validation_split", "--validation-split", "--val_split", "--val-split",
    type=float,
    default=0.25,
    help="val_split in the original script",
)
parser.add_argument("--learning_rate", "--learning-rate", type=float, default=0.01,
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

BATCH_SIZE = args.batch_size
NUM_EPOCHS = args.epochs
DROPOUT = args.dropout
validation_split = val_split = args.validation_split
OUTPUT_DIR = "output"

batch_size = BATCH_SIZE
num_epochs = NUM_EPOCHS

arrays = np.load(os.path.join(args.data, "train.npz"))
model = tf.keras.Sequential([
    tf.keras.Input(shape=(6,)),
    tf.keras.layers.Dense(16, activation="relu"),
    tf.keras.layers.Dropout(DROPOUT),
    tf.keras.layers.Dense(1),
])
model.compile(optimizer=tf.keras.optimizers.Adam(args.learning_rate), loss="mse")
model.fit(arrays["x"], arrays["y"], epochs=num_epochs, batch_size=batch_size, validation_split=val_split)
os.makedirs(OUTPUT_DIR, exist_ok=True)
model.save(_sm_path(OUTPUT_DIR + "/regressor.keras", os.path.join(args.sm_model_dir, os.path.basename(OUTPUT_DIR + "/regressor.keras"))))

# TensorFlow Serving SavedModel for SageMaker: <model dir>/1 (added by sm-migrate)
_sm_export(model, os.path.join(args.sm_model_dir, "1"))
