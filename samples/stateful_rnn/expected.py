# Predict the next value of a sine wave with a stateful LSTM: the batch size is fixed, and the state
# carries from one batch to the next within an epoch.
import numpy as np
import tensorflow as tf
import argparse
import os
import shutil


# Helpers for the SageMaker changes below (added by sm-migrate).
def _str_to_bool(value):
    """argparse type for booleans: SageMaker passes True/False as text, and bool("False") is True."""
    if isinstance(value, bool):
        return value
    if value.strip().lower() in ("true", "1", "yes", "y", "t"):
        return True
    if value.strip().lower() in ("false", "0", "no", "n", "f"):
        return False
    raise argparse.ArgumentTypeError(f"expected a boolean, got {value!r}")


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
parser.add_argument("--batch_size", "--batch-size", "--batch", type=int, default=4,
                    help="BATCH in the original script")
parser.add_argument("--epochs", type=int, default=2, help="EPOCHS in the original script")
parser.add_argument("--shuffle", type=_str_to_bool, default=False,
                    help="fit(shuffle=) in the original script")
parser.add_argument("--series", type=str, default=os.environ.get("SM_CHANNEL_SERIES", "."),
                    help="input channel 'series' (SageMaker: SM_CHANNEL_SERIES)")
parser.add_argument(
    "--sm-model-dir", "--sm_model_dir",
    type=str,
    default=os.environ.get("SM_MODEL_DIR", "sm_model"),
    help="where the final model goes (SageMaker: SM_MODEL_DIR)",
)
parser.add_argument("--model_dir", "--model-dir", type=str, default=None,
                    help="checkpoints; an S3 URI on SageMaker (never the final model)")
args, _ = parser.parse_known_args()

BATCH = args.batch_size
EPOCHS = args.epochs

series = np.load(os.path.join(args.series, "series.npy")).astype("float32")
windows = np.stack([series[i:i + 10] for i in range(len(series) - 10)])[:, :, None]
targets = series[10:][:, None]
usable = len(windows) // BATCH * BATCH
windows, targets = windows[:usable], targets[:usable]


class ResetStates(tf.keras.callbacks.Callback):
    def on_epoch_begin(self, epoch, logs=None):
        for layer in self.model.layers:
            if getattr(layer, "stateful", False):
                layer.reset_states()


model = tf.keras.Sequential([
    tf.keras.Input(batch_shape=(BATCH, 10, 1)),
    tf.keras.layers.LSTM(8, stateful=True),
    tf.keras.layers.Dense(1),
])
model.compile(optimizer="adam", loss="mse")
model.fit(windows, targets, epochs=EPOCHS, batch_size=BATCH, shuffle=args.shuffle, callbacks=[ResetStates()])

# TensorFlow Serving SavedModel for SageMaker: <model dir>/1 (added by sm-migrate)
_sm_export(model, os.path.join(args.sm_model_dir, "1"))
