# sm-migrate: generated from train.ipynb; edit the notebook and run sm-migrate on it again, not this file.

# %% [markdown]
# # Sensor classifier
#
# A small dense network on the three-class sensor readings in `data/`.

# %%
# !pip install -q "h5py>=3.10"
# %matplotlib inline

# %%
import numpy as np
import tensorflow as tf
import matplotlib.pyplot as plt
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
parser.add_argument("--batch_size", "--batch-size", type=int, default=32,
                    help="BATCH_SIZE in the original script")
parser.add_argument("--learning_rate", "--learning-rate", type=float, default=0.005,
                    help="LEARNING_RATE in the original script")
parser.add_argument("--hidden_units", "--hidden-units", type=int, default=32,
                    help="HIDDEN_UNITS in the original script")
parser.add_argument("--validation_split", "--validation-split", type=float, default=0.2,
                    help="fit(validation_split=) in the original script")
parser.add_argument("--data", type=str, default=os.environ.get("SM_CHANNEL_DATA", "data"),
                    help="input channel 'data' (SageMaker: SM_CHANNEL_DATA)")
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
EPOCHS = args.epochs
BATCH_SIZE = args.batch_size
LEARNING_RATE = args.learning_rate
HIDDEN_UNITS = args.hidden_units

# %% [markdown]
# ## Data

# %%
train = np.load(os.path.join(args.data, "train.npz"))
test = np.load(os.path.join(args.data, "test.npz"))
x_train, y_train = train["features"], train["labels"]
x_test, y_test = test["features"], test["labels"]
# x_train.shape, x_test.shape

# %%
# display(np.bincount(y_train))

# %% [markdown]
# ## Model

# %%
model = tf.keras.Sequential([
    tf.keras.layers.Input(shape=(16,)),
    tf.keras.layers.Dense(HIDDEN_UNITS, activation="relu"),
    tf.keras.layers.Dense(3, activation="softmax"),
])
model.compile(optimizer=tf.keras.optimizers.Adam(learning_rate=LEARNING_RATE),
              loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.summary()

# %%
history = model.fit(x_train, y_train, epochs=EPOCHS, batch_size=BATCH_SIZE, validation_split=args.validation_split)

# %%
plt.plot(history.history["loss"], label="train")
plt.plot(history.history["val_loss"], label="validation")
plt.legend()
plt.savefig(_sm_path("train_figure_1.png", os.path.join(args.output_data_dir, "train_figure_1.png")))
plt.close("all")

# %%
loss, accuracy = model.evaluate(x_test, y_test, verbose=0)
# accuracy

# %%
model.save(_sm_path("sensor_classifier.keras", os.path.join(args.sm_model_dir, "sensor_classifier.keras")))

# TensorFlow Serving SavedModel for SageMaker: <model dir>/1 (added by sm-migrate)
_sm_export(model, os.path.join(args.sm_model_dir, "1"))
