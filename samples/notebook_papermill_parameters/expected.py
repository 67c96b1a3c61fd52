# sm-migrate: generated from train.ipynb; edit the notebook and run sm-migrate on it again, not this file.

# %% [markdown]
# # House prices
#
# Run with papermill: `papermill train.ipynb out.ipynb -p epochs 10`.

# %%
import pandas as pd
import tensorflow as tf
import argparse
import os
import shutil


# Helpers for the SageMaker changes below (added by sm-migrate).
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
parser.add_argument("--epochs", type=int, default=3, help="epochs in the original script")
parser.add_argument("--batch_size", "--batch-size", type=int, default=16,
                    help="batch_size in the original script")
parser.add_argument("--learning_rate", "--learning-rate", type=float, default=0.01,
                    help="learning_rate in the original script")
parser.add_argument("--prices", type=str, default=os.environ.get("SM_CHANNEL_PRICES", "prices"),
                    help="input channel 'prices' (SageMaker: SM_CHANNEL_PRICES)")
parser.add_argument(
    "--sm-model-dir", "--sm_model_dir",
    type=str,
    default=os.environ.get("SM_MODEL_DIR", "sm_model"),
    help="where the final model goes (SageMaker: SM_MODEL_DIR)",
)
parser.add_argument("--model_dir", "--model-dir", type=str, default=None,
                    help="checkpoints; an S3 URI on SageMaker (never the final model)")
args, _ = parser.parse_known_args()

# %% tags=["parameters"]
# Parameters: papermill overrides these
epochs = args.epochs
batch_size = args.batch_size
learning_rate = args.learning_rate
hidden_units = 16
data_file = os.path.join(args.prices, "houses.csv")

# %%
houses = pd.read_csv(data_file)
houses.describe()

# %%
features = houses[["size", "rooms", "age"]].to_numpy("float32")
target = houses["price"].to_numpy("float32")
mean, scale = features.mean(axis=0), features.std(axis=0)
features = (features - mean) / scale

# %%
model = tf.keras.Sequential([
    tf.keras.layers.Input(shape=(3,)),
    tf.keras.layers.Dense(hidden_units, activation="relu"),
    tf.keras.layers.Dense(1),
])
model.compile(optimizer=tf.keras.optimizers.Adam(learning_rate), loss="mse")

# %%
# %%time
history = model.fit(features, target, epochs=epochs, batch_size=batch_size, verbose=2)

# TensorFlow Serving SavedModel for SageMaker: <model dir>/1 (added by sm-migrate)
_sm_export(model, os.path.join(args.sm_model_dir, "1"))

# %%
print("final loss:", history.history["loss"][-1])
