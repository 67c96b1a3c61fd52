# sm-migrate: generated from train.ipynb; edit the notebook and run sm-migrate on it again, not this file.

# %% [markdown]
# # Bars: a custom training loop
#
# Horizontal or vertical bar? A tiny CNN trained with `tf.GradientTape`, with plots of the data and the loss.

# %%
# %load_ext autoreload
# %autoreload 2

# %%
import numpy as np
import tensorflow as tf
from matplotlib import pyplot as plt
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
parser.add_argument("--epochs", "--num_epochs", "--num-epochs", type=int, default=3,
                    help="NUM_EPOCHS in the original script")
parser.add_argument("--batch_size", "--batch-size", type=int, default=32,
                    help="BATCH_SIZE in the original script")
parser.add_argument("--learning_rate", "--learning-rate", type=float, default=0.01,
                    help="LEARNING_RATE in the original script")
parser.add_argument("--shapes", type=str, default=os.environ.get("SM_CHANNEL_SHAPES", "shapes"),
                    help="input channel 'shapes' (SageMaker: SM_CHANNEL_SHAPES)")
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

# %%
NUM_EPOCHS = args.epochs
BATCH_SIZE = args.batch_size
LEARNING_RATE = args.learning_rate

# %%
images = np.load(os.path.join(args.shapes, "images.npy"))[..., None]
labels = np.load(os.path.join(args.shapes, "labels.npy"))
dataset = tf.data.Dataset.from_tensor_slices((images, labels)).shuffle(256, seed=0).batch(BATCH_SIZE)
# images.shape

# %%
fig, axes = plt.subplots(1, 4, figsize=(8, 2))
for axis, image, label in zip(axes, images, labels):
    axis.imshow(image[..., 0], cmap="gray")
    axis.set_title(int(label))
plt.savefig(_sm_path("train_figure_1.png", os.path.join(args.output_data_dir, "train_figure_1.png")))
plt.close("all")

# %%
# tf.GradientTape?

# %%
model = tf.keras.Sequential([
    tf.keras.layers.Input(shape=(8, 8, 1)),
    tf.keras.layers.Conv2D(4, 3, activation="relu"),
    tf.keras.layers.Flatten(),
    tf.keras.layers.Dense(2),
])
optimizer = tf.keras.optimizers.SGD(learning_rate=LEARNING_RATE)
loss_fn = tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True)


@tf.function
def train_step(batch_images, batch_labels):
    with tf.GradientTape() as tape:
        loss = loss_fn(batch_labels, model(batch_images, training=True))
    gradients = tape.gradient(loss, model.trainable_variables)
    optimizer.apply_gradients(zip(gradients, model.trainable_variables))
    return loss

# %%
losses = []
for epoch in range(NUM_EPOCHS):
    epoch_loss = tf.keras.metrics.Mean()
    for batch_images, batch_labels in dataset:
        epoch_loss.update_state(train_step(batch_images, batch_labels))
    losses.append(float(epoch_loss.result()))
    print(f"epoch {epoch + 1}/{NUM_EPOCHS} loss {losses[-1]:.4f}")

# TensorFlow Serving SavedModel for SageMaker: <model dir>/1 (added by sm-migrate)
_sm_export(model, os.path.join(args.sm_model_dir, "1"))

# %%
plt.plot(range(1, NUM_EPOCHS + 1), losses, marker="o")
plt.xlabel("epoch")
plt.ylabel("loss")
plt.savefig(_sm_path("train_figure_2.png", os.path.join(args.output_data_dir, "train_figure_2.png")))
plt.close("all")

# %%
# losses
