"""Examples of the reports rule: whole scripts, before and after."""

from sm_migrate.transforms.rules.base import Example

EXAMPLES = (
    Example(
        before="""\
import pandas as pd
import tensorflow as tf

DATA_URL = "https://example.com/data/housing.csv"
frame = pd.read_csv(DATA_URL)
model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
model.compile(optimizer="sgd", loss="mse")
model.fit(frame.values, frame.values, epochs=2)
""",
        after='''\
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
parser.add_argument("--epochs", type=int, default=2, help="fit(epochs=) in the original script")
parser.add_argument(
    "--sm-model-dir", "--sm_model_dir",
    type=str,
    default=os.environ.get("SM_MODEL_DIR", "sm_model"),
    help="where the final model goes (SageMaker: SM_MODEL_DIR)",
)
parser.add_argument("--model_dir", "--model-dir", type=str, default=None,
                    help="checkpoints; an S3 URI on SageMaker (never the final model)")
args, _ = parser.parse_known_args()

DATA_URL = "https://example.com/data/housing.csv"
frame = pd.read_csv(DATA_URL)
model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
model.compile(optimizer="sgd", loss="mse")
model.fit(frame.values, frame.values, epochs=args.epochs)

# TensorFlow Serving SavedModel for SageMaker: <model dir>/1 (added by sm-migrate)
_sm_export(model, os.path.join(args.sm_model_dir, "1"))
''',
        codes=('SM103',),
    ),
    # The command line read by position: a setting with a literal fallback becomes an option with that default (an
    # override falling back to the position would read SageMaker's `--epochs`/`1` there); other reads reported
    Example(
        before="""\
import sys

import tensorflow as tf

epochs = int(sys.argv[1]) if len(sys.argv) > 1 else 3
model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
model.compile("adam", "mse")
model.fit([[0.0]], [0.0], epochs=epochs)
model.save(sys.argv[-1] if sys.argv[1:] else "model.keras")
""",
        after='''\
import sys

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
parser.add_argument("--epochs", type=int, default=3,
                    help="epochs in the original script (read by position there)")
parser.add_argument(
    "--sm-model-dir", "--sm_model_dir",
    type=str,
    default=os.environ.get("SM_MODEL_DIR", "sm_model"),
    help="where the final model goes (SageMaker: SM_MODEL_DIR)",
)
parser.add_argument("--model_dir", "--model-dir", type=str, default=None,
                    help="checkpoints; an S3 URI on SageMaker (never the final model)")
args, _ = parser.parse_known_args()

epochs = args.epochs
model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
model.compile("adam", "mse")
model.fit([[0.0]], [0.0], epochs=epochs)

# TensorFlow Serving SavedModel for SageMaker: <model dir>/1 (added by sm-migrate)
_sm_export(model, os.path.join(args.sm_model_dir, "1"))
model.save(sys.argv[-1] if sys.argv[1:] else "model.keras")
''',
        codes=('SM301', 'SM201', 'SM301'),
    ),
    # keras.applications downloads its ImageNet weights unless weights=None: reported, not changed.
    Example(
        before="""\
import tensorflow as tf
from tensorflow.keras.applications import MobileNetV2

base = MobileNetV2(input_shape=(32, 32, 3), include_top=False)
scratch = tf.keras.applications.ResNet50(weights=None, input_shape=(32, 32, 3), include_top=False)
model = tf.keras.Sequential([base, tf.keras.layers.GlobalAveragePooling2D(), tf.keras.layers.Dense(2)])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
model.fit(tf.zeros((4, 32, 32, 3)), tf.zeros((4,)), epochs=1)
""",
        after='''\
import tensorflow as tf
from tensorflow.keras.applications import MobileNetV2
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
parser.add_argument("--epochs", type=int, default=1, help="fit(epochs=) in the original script")
parser.add_argument(
    "--sm-model-dir", "--sm_model_dir",
    type=str,
    default=os.environ.get("SM_MODEL_DIR", "sm_model"),
    help="where the final model goes (SageMaker: SM_MODEL_DIR)",
)
parser.add_argument("--model_dir", "--model-dir", type=str, default=None,
                    help="checkpoints; an S3 URI on SageMaker (never the final model)")
args, _ = parser.parse_known_args()

base = MobileNetV2(input_shape=(32, 32, 3), include_top=False)
scratch = tf.keras.applications.ResNet50(weights=None, input_shape=(32, 32, 3), include_top=False)
model = tf.keras.Sequential([base, tf.keras.layers.GlobalAveragePooling2D(), tf.keras.layers.Dense(2)])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
model.fit(tf.zeros((4, 32, 32, 3)), tf.zeros((4,)), epochs=args.epochs)

# TensorFlow Serving SavedModel for SageMaker: <model dir>/1 (added by sm-migrate)
_sm_export(model, os.path.join(args.sm_model_dir, "1"))
''',
        codes=('SM103',),
    ),
    # A TF Hub layer loaded from a URL handle downloads it when built: reported.
    Example(
        before="""\
import tensorflow as tf
import tensorflow_hub as hub

HANDLE = "https://tfhub.dev/google/nnlm-en-dim50/2"
model = tf.keras.Sequential([hub.KerasLayer(HANDLE, input_shape=[], dtype=tf.string), tf.keras.layers.Dense(1)])
model.compile(optimizer="adam", loss="mse")
model.fit(tf.constant(["a", "b"]), tf.zeros((2, 1)), epochs=1)
""",
        after='''\
import tensorflow as tf
import tensorflow_hub as hub
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
parser.add_argument("--epochs", type=int, default=1, help="fit(epochs=) in the original script")
parser.add_argument(
    "--sm-model-dir", "--sm_model_dir",
    type=str,
    default=os.environ.get("SM_MODEL_DIR", "sm_model"),
    help="where the final model goes (SageMaker: SM_MODEL_DIR)",
)
parser.add_argument("--model_dir", "--model-dir", type=str, default=None,
                    help="checkpoints; an S3 URI on SageMaker (never the final model)")
args, _ = parser.parse_known_args()

HANDLE = "https://tfhub.dev/google/nnlm-en-dim50/2"
model = tf.keras.Sequential([hub.KerasLayer(HANDLE, input_shape=[], dtype=tf.string), tf.keras.layers.Dense(1)])
model.compile(optimizer="adam", loss="mse")
model.fit(tf.constant(["a", "b"]), tf.zeros((2, 1)), epochs=args.epochs)

# TensorFlow Serving SavedModel for SageMaker: <model dir>/1 (added by sm-migrate)
_sm_export(model, os.path.join(args.sm_model_dir, "1"))
''',
        codes=('SM103',),
    ),
    # argparse subcommands: a job never names one, reported.
    Example(
        before="""\
import argparse

import tensorflow as tf

parser = argparse.ArgumentParser()
commands = parser.add_subparsers(dest="command", required=True)
train = commands.add_parser("train")
train.add_argument("--epochs", type=int, default=2)
commands.add_parser("evaluate")
args = parser.parse_args()

model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
model.compile(optimizer="adam", loss="mse")
if args.command == "train":
    model.fit(tf.zeros((8, 4)), tf.zeros((8, 1)), epochs=args.epochs)
""",
        after='''\
import argparse

import tensorflow as tf
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

parser = argparse.ArgumentParser()
commands = parser.add_subparsers(dest="command", required=True)
train = commands.add_parser("train")
train.add_argument("--epochs", type=int, default=2)
commands.add_parser("evaluate")
parser.add_argument(
    "--sm-model-dir", "--sm_model_dir",
    type=str,
    default=os.environ.get("SM_MODEL_DIR", "sm_model"),
    help="where the final model goes (SageMaker: SM_MODEL_DIR)",
)
parser.add_argument("--model_dir", "--model-dir", type=str, default=None,
                    help="checkpoints; an S3 URI on SageMaker (never the final model)")
args, _ = parser.parse_known_args()

model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
model.compile(optimizer="adam", loss="mse")
if args.command == "train":
    model.fit(tf.zeros((8, 4)), tf.zeros((8, 1)), epochs=args.epochs)

    # TensorFlow Serving SavedModel for SageMaker: <model dir>/1 (added by sm-migrate)
    _sm_export(model, os.path.join(args.sm_model_dir, "1"))
''',
        codes=('SM301',),
    ),
    # a relative import in a script with a __main__ block: it fails where SageMaker runs the file
    Example(
        before="""\
import tensorflow as tf

from .data import load_data


def main():
    x_train, y_train = load_data()
    model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
    model.compile(optimizer="adam", loss="mse")
    model.fit(x_train, y_train, epochs=2)


if __name__ == "__main__":
    main()
""",
        after='''\
import tensorflow as tf

from .data import load_data
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
parser.add_argument("--epochs", type=int, default=2, help="fit(epochs=) in the original script")
parser.add_argument(
    "--sm-model-dir", "--sm_model_dir",
    type=str,
    default=os.environ.get("SM_MODEL_DIR", "sm_model"),
    help="where the final model goes (SageMaker: SM_MODEL_DIR)",
)
parser.add_argument("--model_dir", "--model-dir", type=str, default=None,
                    help="checkpoints; an S3 URI on SageMaker (never the final model)")
args, _ = parser.parse_known_args()


def main():
    x_train, y_train = load_data()
    model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
    model.compile(optimizer="adam", loss="mse")
    model.fit(x_train, y_train, epochs=args.epochs)

    # TensorFlow Serving SavedModel for SageMaker: <model dir>/1 (added by sm-migrate)
    _sm_export(model, os.path.join(args.sm_model_dir, "1"))


if __name__ == "__main__":
    main()
''',
        codes=('SM307',),
    ),
    # tf.contrib on a TF 2 target: reported once (no TF 2 has it under any name)
    Example(
        before="""\
import tensorflow as tf

model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
model.compile("adam", "mse")
model.fit(x_train, y_train, epochs=2)
tf.contrib.saved_model.save_keras_model(model, "export")
""",
        after='''\
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
parser.add_argument("--epochs", type=int, default=2, help="fit(epochs=) in the original script")
parser.add_argument(
    "--sm-model-dir", "--sm_model_dir",
    type=str,
    default=os.environ.get("SM_MODEL_DIR", "sm_model"),
    help="where the final model goes (SageMaker: SM_MODEL_DIR)",
)
parser.add_argument("--model_dir", "--model-dir", type=str, default=None,
                    help="checkpoints; an S3 URI on SageMaker (never the final model)")
args, _ = parser.parse_known_args()

model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
model.compile("adam", "mse")
model.fit(x_train, y_train, epochs=args.epochs)

# TensorFlow Serving SavedModel for SageMaker: <model dir>/1 (added by sm-migrate)
_sm_export(model, os.path.join(args.sm_model_dir, "1"))
tf.contrib.saved_model.save_keras_model(model, "export")
''',
        codes=('SM408',),
    ),
    # Data read under the script's folder or the working dir asked for at run time: no literal folder to re-root, reported
    Example(
        before="""\
import os
from pathlib import Path

import numpy as np
import tensorflow as tf

BASE_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "dataset")
x = np.load(os.path.join(BASE_DIR, "x.npy"))
DATA_DIR = Path(__file__).parent / "data"
y = np.load(DATA_DIR / "y.npy")
z = np.load(os.path.join(os.getcwd(), "data", "z.npy"))
model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
model.compile(loss="mse", optimizer="adam")
model.fit(x, y, epochs=2)
""",
        after='''\
import os
from pathlib import Path

import numpy as np
import tensorflow as tf
import argparse
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
parser.add_argument("--epochs", type=int, default=2, help="fit(epochs=) in the original script")
parser.add_argument(
    "--sm-model-dir", "--sm_model_dir",
    type=str,
    default=os.environ.get("SM_MODEL_DIR", "sm_model"),
    help="where the final model goes (SageMaker: SM_MODEL_DIR)",
)
parser.add_argument("--model_dir", "--model-dir", type=str, default=None,
                    help="checkpoints; an S3 URI on SageMaker (never the final model)")
args, _ = parser.parse_known_args()

BASE_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "dataset")
x = np.load(os.path.join(BASE_DIR, "x.npy"))
DATA_DIR = Path(__file__).parent / "data"
y = np.load(DATA_DIR / "y.npy")
z = np.load(os.path.join(os.getcwd(), "data", "z.npy"))
model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
model.compile(loss="mse", optimizer="adam")
model.fit(x, y, epochs=args.epochs)

# TensorFlow Serving SavedModel for SageMaker: <model dir>/1 (added by sm-migrate)
_sm_export(model, os.path.join(args.sm_model_dir, "1"))
''',
        codes=('SM104', 'SM104', 'SM104'),
    ),
)
