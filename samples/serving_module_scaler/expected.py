"""Regress a target from raw sensor readings; serve a module that normalises them before the model."""

import argparse
import os
import pickle
from pathlib import Path

import numpy as np
import tensorflow as tf


# Helpers for the SageMaker changes below (added by sm-migrate).
def _sm_path(local_path, sagemaker_path):
    """`local_path` when run locally; on SageMaker `sagemaker_path`, under the dirs the job keeps."""
    if "SM_MODEL_DIR" not in os.environ:
        return local_path
    os.makedirs(os.path.dirname(sagemaker_path) or ".", exist_ok=True)
    return sagemaker_path


class ArrayFolder:
    """The readings and targets kept as .npy files in one folder."""

    def __init__(self, folder):
        self.features = np.load(str(Path(folder) / "readings.npy"))
        self.targets = np.load(str(Path(folder) / "targets.npy"))


class NormalisedRegressor(tf.Module):
    def __init__(self, model, mean, std):
        super().__init__()
        self.model, self.mean, self.std = model, tf.constant(mean), tf.constant(std)

    @tf.function(input_signature=[tf.TensorSpec([None, 6], tf.float32)])
    def serve(self, readings):
        return {"target": self.model((readings - self.mean) / self.std)}


parser = argparse.ArgumentParser()
parser.add_argument("--epochs", type=int, default=3)
parser.add_argument("--batch-size", "--batch_size", type=int, default=16)
parser.add_argument("--lr", "--learning_rate", type=float, default=0.01)
parser.add_argument("--sensors", type=str, default=os.environ.get("SM_CHANNEL_SENSORS", "sensors"),
                    help="input channel 'sensors' (SageMaker: SM_CHANNEL_SENSORS)")
parser.add_argument(
    "--sm-model-dir", "--sm_model_dir",
    type=str,
    default=os.environ.get("SM_MODEL_DIR", "sm_model"),
    help="where the final model goes (SageMaker: SM_MODEL_DIR)",
)
parser.add_argument("--model_dir", "--model-dir", type=str, default=None,
                    help="checkpoints; an S3 URI on SageMaker (never the final model)")
args, _ = parser.parse_known_args()

data = ArrayFolder(args.sensors)
mean, std = data.features.mean(axis=0), data.features.std(axis=0)
model = tf.keras.Sequential([tf.keras.Input((6,)), tf.keras.layers.Dense(8, activation="relu"), tf.keras.layers.Dense(1)])
model.compile(optimizer=tf.keras.optimizers.Adam(args.lr), loss="mse")
model.fit((data.features - mean) / std, data.targets, epochs=args.epochs, batch_size=args.batch_size)

os.makedirs("artifacts", exist_ok=True)
model.save(_sm_path("artifacts/regressor.keras", os.path.join(args.sm_model_dir, "regressor.keras")))
with open(_sm_path("artifacts/scaler.pkl", os.path.join(args.sm_model_dir, "scaler.pkl")), "wb") as handle:
    pickle.dump({"mean": mean, "std": std}, handle)
serving = NormalisedRegressor(model, mean, std)
tf.saved_model.save(serving, _sm_path("artifacts/served", os.path.join(args.sm_model_dir, "1")), signatures={"serving_default": serving.serve})
