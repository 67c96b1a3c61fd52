"""Part classifier (sealing rings vs square washers) on a pathlib-organised image folder.

images/ comes from the labelling tool: train/ and val/ folders of PNGs per class, and meta/ with the
class order (classes.txt) and one JSON record per class (display name, class weight). Training state
is checkpointed with tf.train.CheckpointManager after every epoch (the last two are kept in tf_ckpts/),
the loss curves are plotted to plots/loss.png and the model is saved as parts_classifier.keras.
"""
import json
from pathlib import Path

import matplotlib
import argparse
import os
import shutil

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf
from tensorflow import keras


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
parser.add_argument("--learning_rate", "--learning-rate", type=float, default=0.003,
                    help="LEARNING_RATE in the original script")
parser.add_argument("--images", type=str, default=os.environ.get("SM_CHANNEL_IMAGES", "images"),
                    help="input channel 'images' (SageMaker: SM_CHANNEL_IMAGES)")
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
parser.add_argument(
    "--checkpoint-dir", "--checkpoint_dir",
    type=str,
    default=os.path.join(os.path.dirname(os.environ["SM_MODEL_DIR"]), "checkpoints") if "SM_MODEL_DIR" in os.environ else "checkpoints",
    help="checkpoints (SageMaker: /opt/ml/checkpoints, synced to checkpoint_s3_uri)",
)
parser.add_argument("--model_dir", "--model-dir", type=str, default=None,
                    help="checkpoints; an S3 URI on SageMaker (never the final model)")
args, _ = parser.parse_known_args()

DATA = Path(args.images)
EPOCHS = args.epochs
BATCH_SIZE = args.batch_size
IMAGE_SIZE = (24, 24)
LEARNING_RATE = args.learning_rate

class_names = (DATA / "meta" / "classes.txt").read_text().split()
metadata = {}
for meta_path in sorted((DATA / "meta").glob("*.json")):
    record = json.load(open(meta_path))
    metadata[record["name"]] = record
class_weight = {index: metadata[name]["class_weight"] for index, name in enumerate(class_names)}

image_options = dict(class_names=class_names, color_mode="grayscale", image_size=IMAGE_SIZE, batch_size=BATCH_SIZE)
train_ds = keras.utils.image_dataset_from_directory(DATA / "train", seed=1, **image_options)
val_ds = keras.utils.image_dataset_from_directory(DATA / "val", shuffle=False, **image_options)

model = keras.Sequential([
    keras.Input(shape=(*IMAGE_SIZE, 1)),
    keras.layers.Rescaling(1.0 / 255),
    keras.layers.Conv2D(8, 3, activation="relu"),
    keras.layers.MaxPooling2D(),
    keras.layers.Conv2D(16, 3, activation="relu"),
    keras.layers.GlobalMaxPooling2D(),
    keras.layers.Dense(len(class_names)),
])
optimizer = keras.optimizers.Adam(learning_rate=LEARNING_RATE)
model.compile(
    optimizer=optimizer,
    loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
    metrics=["accuracy"],
)

checkpoint = tf.train.Checkpoint(model=model, optimizer=optimizer)
manager = tf.train.CheckpointManager(checkpoint, _sm_path("tf_ckpts", os.path.join(args.checkpoint_dir, "tf_ckpts")), max_to_keep=2)
save_every_epoch = keras.callbacks.LambdaCallback(on_epoch_end=lambda epoch, logs: manager.save())
history = model.fit(
    train_ds, validation_data=val_ds, epochs=EPOCHS, class_weight=class_weight, callbacks=[save_every_epoch]
)
print("checkpoints kept:", manager.checkpoints)

# spot check: the first validation image of every class
for name in class_names:
    image = keras.utils.load_img(f"{args.images}/val/{name}/000.png", color_mode="grayscale", target_size=IMAGE_SIZE)
    logits = model.predict(keras.utils.img_to_array(image)[np.newaxis], verbose=0)
    print(f"{metadata[name]['display_name']}: predicted {class_names[int(np.argmax(logits))]}")

Path("plots").mkdir(exist_ok=True)
plt.plot(history.history["loss"], label="train")
plt.plot(history.history["val_loss"], label="validation")
plt.xlabel("epoch")
plt.ylabel("loss")
plt.legend()
plt.savefig(_sm_path("plots/loss.png", os.path.join(args.output_data_dir, "plots/loss.png")))

model.save(_sm_path("parts_classifier.keras", os.path.join(args.sm_model_dir, "parts_classifier.keras")))

# TensorFlow Serving SavedModel for SageMaker: <model dir>/1 (added by sm-migrate)
_sm_export(model, os.path.join(args.sm_model_dir, "1"))
