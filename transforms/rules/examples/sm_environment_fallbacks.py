"""Examples of the sm_environment_fallbacks rule: whole scripts, before and after."""

from sm_migrate.transforms.rules.base import Example

EXAMPLES = (
    Example(
        before="""\
import argparse
import json
import os

import numpy as np
import tensorflow as tf

parser = argparse.ArgumentParser()
parser.add_argument("--epochs", type=int, default=2)
args, _ = parser.parse_known_args()

data = np.load(os.path.join(os.environ["SM_CHANNEL_TRAINING"], "data.npz"))
hosts = json.loads(os.environ["SM_HOSTS"])
print("host", os.environ["SM_CURRENT_HOST"], "of", hosts, "gpus", int(os.environ["SM_NUM_GPUS"]))
hyperparameters = json.loads(os.environ["SM_HPS"])
os.environ["SM_FRAMEWORK_NOTE"] = "set by the script itself"
logs = os.environ["SM_OUTPUT_DATA_DIR"] if "SM_OUTPUT_DATA_DIR" in os.environ else "logs"

model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
model.compile(optimizer="sgd", loss="mse")
model.fit(data["x"], data["y"], epochs=args.epochs)
model_dir = os.environ["SM_MODEL_DIR"]
tf.saved_model.save(model, os.path.join(model_dir, "1"))
""",
        after='''\
import argparse
import json
import os

import numpy as np
import tensorflow as tf


# Helpers for the SageMaker changes below (added by sm-migrate).
def _sm_path(local_path, sagemaker_path):
    """`local_path` when run locally; on SageMaker `sagemaker_path`, under the dirs the job keeps."""
    if "SM_MODEL_DIR" not in os.environ:
        return local_path
    os.makedirs(os.path.dirname(sagemaker_path) or ".", exist_ok=True)
    return sagemaker_path

parser = argparse.ArgumentParser()
parser.add_argument("--epochs", type=int, default=2)
parser.add_argument(
    "--sm-model-dir", "--sm_model_dir",
    type=str,
    default=os.environ.get("SM_MODEL_DIR", "sm_model"),
    help="where the final model goes (SageMaker: SM_MODEL_DIR)",
)
args, _ = parser.parse_known_args()

data = np.load(os.path.join(os.environ.get("SM_CHANNEL_TRAINING", "training"), "data.npz"))
hosts = json.loads(os.environ.get("SM_HOSTS", '["localhost"]'))
print("host", os.environ.get("SM_CURRENT_HOST", "localhost"), "of", hosts, "gpus", int(os.environ.get("SM_NUM_GPUS", "0")))
hyperparameters = json.loads(os.environ["SM_HPS"])
os.environ["SM_FRAMEWORK_NOTE"] = "set by the script itself"
logs = os.environ["SM_OUTPUT_DATA_DIR"] if "SM_OUTPUT_DATA_DIR" in os.environ else "logs"

model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
model.compile(optimizer="sgd", loss="mse")
model.fit(data["x"], data["y"], epochs=args.epochs)
model_dir = os.environ.get("SM_MODEL_DIR", "sm_model")
tf.saved_model.save(model, _sm_path(os.path.join(model_dir, "1"), os.path.join(args.sm_model_dir, "1")))
''',
        codes=('SM305', 'SM305', 'SM305', 'SM305', 'SM305', 'SM305'),
    ),
    Example(
        before="""\
from os import environ

import tensorflow as tf

try:
    host = environ["SM_CURRENT_HOST"]
except KeyError:
    host = "laptop"
model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
model.compile(optimizer="sgd", loss="mse")
model.fit([[0.0]], [0.0], epochs=1)
model.export(environ["SM_MODEL_DIR"] + "/1")
""",
        after="""\
from os import environ

import tensorflow as tf
import argparse


# SageMaker script-mode arguments (added by sm-migrate): SageMaker passes hyperparameters as
# `--name value` and sets SM_* variables; without them the script's own values are used.
parser = argparse.ArgumentParser(allow_abbrev=False)
parser.add_argument("--epochs", type=int, default=1, help="fit(epochs=) in the original script")
args, _ = parser.parse_known_args()

try:
    host = environ["SM_CURRENT_HOST"]
except KeyError:
    host = "laptop"
model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
model.compile(optimizer="sgd", loss="mse")
model.fit([[0.0]], [0.0], epochs=args.epochs)
model.export(environ.get("SM_MODEL_DIR", "sm_model") + "/1")
""",
        codes=('SM305',),
    ),
    Example(
        before="""\
import argparse
import os

import numpy as np
import tensorflow as tf

parser = argparse.ArgumentParser()
parser.add_argument("--epochs", type=int, default=2)
parser.add_argument("--train", type=str, default=os.environ.get("SM_CHANNEL_TRAIN"))
parser.add_argument("--model-dir-out", type=str, default=os.getenv("SM_MODEL_DIR"))
args, _ = parser.parse_known_args()
on_sagemaker = os.environ.get("SM_TRAINING_ENV") is not None
data = np.load(os.path.join(args.train, "train.npz"))
model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
model.compile(optimizer="adam", loss="mse")
model.fit(data["x"], data["y"], epochs=args.epochs)
tf.saved_model.save(model, os.path.join(args.model_dir_out, "1"))
""",
        after="""\
import argparse
import os

import numpy as np
import tensorflow as tf

parser = argparse.ArgumentParser()
parser.add_argument("--epochs", type=int, default=2)
parser.add_argument("--train", type=str, default=os.environ.get("SM_CHANNEL_TRAIN", "train"))
parser.add_argument("--model-dir-out", type=str, default=os.getenv("SM_MODEL_DIR", "sm_model"))
args, _ = parser.parse_known_args()
on_sagemaker = os.environ.get("SM_TRAINING_ENV") is not None
data = np.load(os.path.join(args.train, "train.npz"))
model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
model.compile(optimizer="adam", loss="mse")
model.fit(data["x"], data["y"], epochs=args.epochs)
tf.saved_model.save(model, os.path.join(args.model_dir_out, "1"))
""",
        codes=('SM305', 'SM305'),
    ),
    # An SM_* variable read with .get and no fallback, handed to json.loads: it gets the local fallback; one only stored keeps its None.
    Example(
        before="""\
import json
import os
import argparse
import tensorflow as tf
parser = argparse.ArgumentParser()
parser.add_argument("--hosts", type=list, default=json.loads(os.environ.get("SM_HOSTS")))
parser.add_argument("--model_dir", type=str)
args, _ = parser.parse_known_args()
hosts = os.getenv("SM_HOSTS")
model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
model.compile("adam", "mse")
model.fit([[0.0]], [0.0], epochs=1)
""",
        after='''\
import json
import os
import argparse
import tensorflow as tf
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
parser = argparse.ArgumentParser()
parser.add_argument("--hosts", type=list, default=json.loads(os.environ.get("SM_HOSTS", '["localhost"]')))
parser.add_argument("--model_dir", type=str)
parser.add_argument("--epochs", type=int, default=1, help="fit(epochs=) in the original script")
parser.add_argument(
    "--sm-model-dir", "--sm_model_dir",
    type=str,
    default=os.environ.get("SM_MODEL_DIR", "sm_model"),
    help="where the final model goes (SageMaker: SM_MODEL_DIR)",
)
args, _ = parser.parse_known_args()
hosts = os.getenv("SM_HOSTS")
model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
model.compile("adam", "mse")
model.fit([[0.0]], [0.0], epochs=args.epochs)

# TensorFlow Serving SavedModel for SageMaker: <model dir>/1 (added by sm-migrate)
_sm_export(model, os.path.join(args.sm_model_dir, "1"))
''',
        codes=('SM305',),
    ),
)
