"""Regression with tf.distribute.MirroredStrategy: one replica per local GPU (or the CPU).

The model itself lives in model_def.py; this script only distributes, trains and saves it.
"""
import numpy as np
import tensorflow as tf

from model_def import build_regressor
import argparse
import os
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
parser.add_argument("--epochs", type=int, default=3, help="EPOCHS in the original script")
parser.add_argument("--batch_size_per_replica", "--batch-size-per-replica", type=int, default=16,
                    help="BATCH_SIZE_PER_REPLICA in the original script")
parser.add_argument("--learning_rate", "--learning-rate", type=float, default=0.01,
                    help="LEARNING_RATE in the original script")
parser.add_argument(
    "--batch_size", "--batch-size", "--global_batch_size", "--global-batch-size",
    type=int,
    default=None,
    help="global_batch_size in the original script (computed at run time; default: the script's value)",
)
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

EPOCHS = args.epochs
BATCH_SIZE_PER_REPLICA = args.batch_size_per_replica
LEARNING_RATE = args.learning_rate

strategy = tf.distribute.MirroredStrategy()
print("replicas:", strategy.num_replicas_in_sync)
global_batch_size = args.batch_size if args.batch_size is not None else BATCH_SIZE_PER_REPLICA * strategy.num_replicas_in_sync

train = np.load(os.path.join(args.data, "train.npz"))
test = np.load(os.path.join(args.data, "test.npz"))

with strategy.scope():
    model = build_regressor(train["features"].shape[1])
    model.compile(optimizer=tf.keras.optimizers.Adam(learning_rate=LEARNING_RATE), loss="mse", metrics=["mae"])

model.fit(train["features"], train["target"], epochs=EPOCHS, batch_size=global_batch_size)
print("test mae:", model.evaluate(test["features"], test["target"], verbose=0)[1])
model.save(_sm_path("model.keras", os.path.join(args.sm_model_dir, "model.keras")))

# TensorFlow Serving SavedModel for SageMaker: <model dir>/1 (added by sm-migrate)
_sm_export(model, os.path.join(args.sm_model_dir, "1"))
