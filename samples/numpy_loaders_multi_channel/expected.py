"""Sensor-fault classifier trained from plain numpy files, one folder per split.

The data export team drops each split in its own folder under data/: the training features as CSV with
the labels as a raw int32 dump, the validation CSV with blanks where a sensor dropped out, and a frozen
test set as .npz. Per-epoch metrics go to logs/history.csv, test-set probabilities to
results/predictions.npy and the model to sensor_classifier.keras.
"""
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
parser.add_argument("--epochs", type=int, default=2, help="EPOCHS in the original script")
parser.add_argument("--batch_size", "--batch-size", type=int, default=32,
                    help="BATCH_SIZE in the original script")
parser.add_argument("--learning_rate", "--learning-rate", type=float, default=0.005,
                    help="LEARNING_RATE in the original script")
parser.add_argument("--test", type=str, default=os.environ.get("SM_CHANNEL_TEST", "data/test"),
                    help="input channel 'test' (SageMaker: SM_CHANNEL_TEST)")
parser.add_argument("--train", type=str, default=os.environ.get("SM_CHANNEL_TRAIN", "data/train"),
                    help="input channel 'train' (SageMaker: SM_CHANNEL_TRAIN)")
parser.add_argument(
    "--validation",
    type=str,
    default=os.environ.get("SM_CHANNEL_VALIDATION", "data/validation"),
    help="input channel 'validation' (SageMaker: SM_CHANNEL_VALIDATION)",
)
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

EPOCHS = args.epochs
BATCH_SIZE = args.batch_size
LEARNING_RATE = args.learning_rate
NUM_CLASSES = 3

x_train = np.loadtxt(os.path.join(args.train, "features.csv"), delimiter=",", skiprows=1, dtype=np.float32)
y_train = np.fromfile(os.path.join(args.train, "labels.bin"), dtype=np.int32)

# genfromtxt reads the blank readings as NaN; they are filled with the training means below
x_val = np.genfromtxt(os.path.join(args.validation, "features.csv"), delimiter=",", skip_header=1, dtype=np.float32)
y_val = np.loadtxt(os.path.join(args.validation, "labels.txt"), dtype=np.int32)

with np.load(os.path.join(args.test, "test.npz")) as test_split:
    x_test, y_test = test_split["features"], test_split["labels"]

mean, std = x_train.mean(axis=0), x_train.std(axis=0)
x_val = np.where(np.isnan(x_val), mean, x_val)
x_train, x_val, x_test = [(x - mean) / std for x in (x_train, x_val, x_test)]
print(f"train {x_train.shape}, validation {x_val.shape}, test {x_test.shape}")

model = tf.keras.Sequential([
    tf.keras.Input(shape=(x_train.shape[1],)),
    tf.keras.layers.Dense(32, activation="relu"),
    tf.keras.layers.Dense(NUM_CLASSES, activation="softmax"),
])
model.compile(
    optimizer=tf.keras.optimizers.Adam(learning_rate=LEARNING_RATE),
    loss="sparse_categorical_crossentropy",
    metrics=["accuracy"],
)

os.makedirs("logs", exist_ok=True)
model.fit(
    x_train,
    y_train,
    validation_data=(x_val, y_val),
    epochs=EPOCHS,
    batch_size=BATCH_SIZE,
    callbacks=[tf.keras.callbacks.CSVLogger(_sm_path("logs/history.csv", os.path.join(args.output_data_dir, "logs/history.csv")))],
)

loss, accuracy = model.evaluate(x_test, y_test, verbose=0)
print(f"test accuracy: {accuracy:.3f}")

os.makedirs("results", exist_ok=True)
np.save(_sm_path("results/predictions.npy", os.path.join(args.output_data_dir, "results/predictions.npy")), model.predict(x_test, verbose=0))
model.save(_sm_path("sensor_classifier.keras", os.path.join(args.sm_model_dir, "sensor_classifier.keras")))

# TensorFlow Serving SavedModel for SageMaker: <model dir>/1 (added by sm-migrate)
_sm_export(model, os.path.join(args.sm_model_dir, "1"))
