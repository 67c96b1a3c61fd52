# Classify tiny 8x8 colour "sprites" with on-the-fly augmentation and a recurrent head.
# The model uses the layers whose inference graph Keras 3 must trace for serving: RandomFlip,
# RandomRotation and RandomZoom, BatchNormalization, and a GRU with dropout and recurrent dropout.
import numpy as np
import tensorflow as tf
from tensorflow import keras
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
parser.add_argument("--epochs", type=int, default=2, help="EPOCHS in the original script")
parser.add_argument("--batch_size", "--batch-size", type=int, default=16,
                    help="BATCH_SIZE in the original script")
parser.add_argument("--sprites", type=str, default=os.environ.get("SM_CHANNEL_SPRITES", "sprites"),
                    help="input channel 'sprites' (SageMaker: SM_CHANNEL_SPRITES)")
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

data = np.load(os.path.join(args.sprites, "train.npz"))
images, labels = data["images"].astype("float32") / 255.0, data["labels"]

model = keras.Sequential([
    keras.Input(shape=(8, 8, 3)),
    keras.layers.RandomFlip("horizontal"),
    keras.layers.RandomRotation(0.05),
    keras.layers.RandomZoom(0.1),
    keras.layers.BatchNormalization(),
    keras.layers.Reshape((8, 24)),
    keras.layers.GRU(16, dropout=0.2, recurrent_dropout=0.1),
    keras.layers.Dense(4, activation="softmax"),
])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(images, labels, epochs=EPOCHS, batch_size=BATCH_SIZE)
model.save(_sm_path("sprites.keras", os.path.join(args.sm_model_dir, "sprites.keras")))

# TensorFlow Serving SavedModel for SageMaker: <model dir>/1 (added by sm-migrate)
_sm_export(model, os.path.join(args.sm_model_dir, "1"))
