"""MNIST digit classifier, checked on our own scanned digits and on Fashion-MNIST as out-of-distribution data.

MNIST comes from keras.datasets and the Fashion-MNIST test images from the Keras dataset bucket: both
are downloaded into ~/.keras/datasets on first use. Our scans are read from data/scanned_digits.npz.
A good model scores well on the scans and is unsure about clothes. Saved as mnist_dense.keras.
"""
import gzip

import keras
import numpy as np
import argparse
import os
import shutil
import tensorflow as tf


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
parser.add_argument("--batch_size", "--batch-size", type=int, default=128,
                    help="BATCH_SIZE in the original script")
parser.add_argument("--learning_rate", "--learning-rate", type=float, default=0.001,
                    help="LEARNING_RATE in the original script")
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
args = parser.parse_known_args()[0]

EPOCHS = args.epochs
BATCH_SIZE = args.batch_size
LEARNING_RATE = args.learning_rate
FASHION_TEST_IMAGES_URL = "https://storage.googleapis.com/tensorflow/tf-keras-datasets/t10k-images-idx3-ubyte.gz"

(x_train, y_train), (x_test, y_test) = keras.datasets.mnist.load_data()
x_train, x_test = x_train / 255.0, x_test / 255.0

with np.load(os.path.join(args.data, "scanned_digits.npz")) as scans:
    x_scanned, y_scanned = scans["images"] / 255.0, scans["labels"]

fashion_path = keras.utils.get_file("fashion-t10k-images-idx3-ubyte.gz", origin=FASHION_TEST_IMAGES_URL)
with gzip.open(fashion_path, "rb") as handle:
    x_fashion = np.frombuffer(handle.read(), np.uint8, offset=16).reshape(-1, 28, 28) / 255.0

model = keras.Sequential([
    keras.Input(shape=(28, 28)),
    keras.layers.Flatten(),
    keras.layers.Dense(128, activation="relu"),
    keras.layers.Dropout(0.2),
    keras.layers.Dense(10, activation="softmax"),
])
model.compile(
    optimizer=keras.optimizers.Adam(learning_rate=LEARNING_RATE),
    loss="sparse_categorical_crossentropy",
    metrics=["accuracy"],
)
model.fit(x_train, y_train, epochs=EPOCHS, batch_size=BATCH_SIZE, validation_data=(x_test, y_test))

_, scanned_accuracy = model.evaluate(x_scanned, y_scanned, verbose=0)
fashion_confidence = model.predict(x_fashion, batch_size=1024, verbose=0).max(axis=1).mean()
print(f"accuracy on our scans: {scanned_accuracy:.3f}")
print(f"mean confidence on Fashion-MNIST (lower is better): {fashion_confidence:.3f}")

model.save(_sm_path("mnist_dense.keras", os.path.join(args.sm_model_dir, "mnist_dense.keras")))

# TensorFlow Serving SavedModel for SageMaker: <model dir>/1 (added by sm-migrate)
_sm_export(model, os.path.join(args.sm_model_dir, "1"))
