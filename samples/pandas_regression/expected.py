# House price regression on a small CSV.
# Reads data/housing.csv, standardises the features with the training-set statistics,
# fits a small MLP and saves it to housing_model.h5.
import pandas as pd
import keras
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
parser.add_argument("--epochs", type=int, default=3, help="EPOCHS in the original script")
parser.add_argument("--batch_size", "--batch-size", type=int, default=16,
                    help="BATCH_SIZE in the original script")
parser.add_argument("--validation_split", "--validation-split", type=float, default=0.1,
                    help="fit(validation_split=) in the original script")
parser.add_argument("--learning_rate", "--learning-rate", type=float, default=0.001,
                    help="optimizer learning rate in the original script")
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
BATCH_SIZE = args.batch_size
TARGET = "price"

df = pd.read_csv(os.path.join(args.data, "housing.csv"))
print(df.describe().T[["mean", "std"]])

train_df = df.sample(frac=0.8, random_state=0)
test_df = df.drop(train_df.index)

x_train = train_df.drop(columns=[TARGET])
x_test = test_df.drop(columns=[TARGET])
# normalise with the *training* statistics only
mean, std = x_train.mean(), x_train.std()
x_train = ((x_train - mean) / std).to_numpy("float32")
x_test = ((x_test - mean) / std).to_numpy("float32")
# prices in thousands keep the loss in a sane range
y_train = train_df[TARGET].to_numpy("float32") / 1000.0
y_test = test_df[TARGET].to_numpy("float32") / 1000.0

model = keras.Sequential([
    keras.Input(shape=(x_train.shape[1],)),
    keras.layers.Dense(32, activation="relu"),
    keras.layers.Dense(16, activation="relu"),
    keras.layers.Dense(1),
])
model.compile(optimizer=keras.optimizers.RMSprop(args.learning_rate), loss="mse", metrics=["mae"])

history = model.fit(x_train, y_train, epochs=EPOCHS, batch_size=BATCH_SIZE, validation_split=args.validation_split, verbose=1)

mse, mae = model.evaluate(x_test, y_test, verbose=0)
print(f"test MAE: {mae:.1f}k")

model.save(_sm_path("housing_model.h5", os.path.join(args.sm_model_dir, "housing_model.h5")))

# TensorFlow Serving SavedModel for SageMaker: <model dir>/1 (added by sm-migrate)
_sm_export(model, os.path.join(args.sm_model_dir, "1"))
