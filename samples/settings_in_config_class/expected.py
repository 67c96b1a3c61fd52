"""Notebook-competition style: the settings in a `CFG` class and an optimizer `params` dict, read as
`CFG.EPOCHS` and `params["learning_rate"]` where the model is compiled and fit."""
import numpy as np
import pandas as pd
import tensorflow as tf
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
parser.add_argument("--epochs", type=int, default=3, help="CFG.EPOCHS in the original script")
parser.add_argument("--batch_size", "--batch-size", type=int, default=32,
                    help="CFG.BATCH_SIZE in the original script")
parser.add_argument("--learning_rate", "--learning-rate", type=float, default=0.005,
                    help='params["learning_rate"] in the original script')
parser.add_argument("--input", type=str, default=os.environ.get("SM_CHANNEL_INPUT", "input"),
                    help="input channel 'input' (SageMaker: SM_CHANNEL_INPUT)")
parser.add_argument(
    "--sm-model-dir", "--sm_model_dir",
    type=str,
    default=os.environ.get("SM_MODEL_DIR", "sm_model"),
    help="where the final model goes (SageMaker: SM_MODEL_DIR)",
)
parser.add_argument("--model_dir", "--model-dir", type=str, default=None,
                    help="checkpoints; an S3 URI on SageMaker (never the final model)")
args, _ = parser.parse_known_args()


class CFG:
    EPOCHS = args.epochs
    BATCH_SIZE = args.batch_size
    SEED = 42
    TARGET = "label"


params = {"learning_rate": args.learning_rate, "hidden_units": 16}

tf.keras.utils.set_random_seed(CFG.SEED)
frame = pd.read_csv(os.path.join(args.input, "train.csv"))
features = frame.drop(columns=[CFG.TARGET]).to_numpy("float32")
labels = frame[CFG.TARGET].to_numpy("int32")

model = tf.keras.Sequential([
    tf.keras.Input(shape=(features.shape[1],)),
    tf.keras.layers.Dense(params["hidden_units"], activation="relu"),
    tf.keras.layers.Dense(2, activation="softmax"),
])
model.compile(optimizer=tf.keras.optimizers.Adam(params["learning_rate"]),
              loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(features, labels, epochs=CFG.EPOCHS, batch_size=CFG.BATCH_SIZE, verbose=2)
model.save(_sm_path("cfg_model.keras", os.path.join(args.sm_model_dir, "cfg_model.keras")))

# TensorFlow Serving SavedModel for SageMaker: <model dir>/1 (added by sm-migrate)
_sm_export(model, os.path.join(args.sm_model_dir, "1"))
