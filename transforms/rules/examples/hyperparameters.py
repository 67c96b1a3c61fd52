"""Examples of the hyperparameters rule: whole scripts, before and after."""

from sm_migrate.transforms.rules.base import Example

EXAMPLES = (
    Example(
        before="""\
import tensorflow as tf


class Config:
    epochs = 10

    def __init__(self, fast=False):
        self.epochs = 1 if fast else 10


cfg = Config()
model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
model.compile("adam", "mse")
model.fit([[0.0]], [0.0], epochs=cfg.epochs)
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
parser.add_argument(
    "--sm-model-dir", "--sm_model_dir",
    type=str,
    default=os.environ.get("SM_MODEL_DIR", "sm_model"),
    help="where the final model goes (SageMaker: SM_MODEL_DIR)",
)
parser.add_argument("--model_dir", "--model-dir", type=str, default=None,
                    help="checkpoints; an S3 URI on SageMaker (never the final model)")
args, _ = parser.parse_known_args()


class Config:
    epochs = 10

    def __init__(self, fast=False):
        self.epochs = 1 if fast else 10


cfg = Config()
model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
model.compile("adam", "mse")
model.fit([[0.0]], [0.0], epochs=cfg.epochs)

# TensorFlow Serving SavedModel for SageMaker: <model dir>/1 (added by sm-migrate)
_sm_export(model, os.path.join(args.sm_model_dir, "1"))
''',
        codes=('SM101',),
    ),
    Example(
        before="""\
from dataclasses import dataclass
from types import SimpleNamespace

import tensorflow as tf


@dataclass
class TrainConfig:
    epochs: int = 4
    batch_size: int = 16


cfg = TrainConfig(batch_size=8)
opt = SimpleNamespace(lr=0.01)
model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
model.compile(tf.keras.optimizers.Adam(opt.lr), "mse")
model.fit([[0.0]], [0.0], epochs=cfg.epochs, batch_size=cfg.batch_size)
""",
        after='''\
from dataclasses import dataclass
from types import SimpleNamespace

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
parser.add_argument("--epochs", type=int, default=4, help="cfg.epochs in the original script")
parser.add_argument("--batch_size", "--batch-size", type=int, default=8,
                    help="cfg.batch_size in the original script")
parser.add_argument("--learning_rate", "--learning-rate", "--lr", type=float, default=0.01,
                    help="opt.lr in the original script")
parser.add_argument(
    "--sm-model-dir", "--sm_model_dir",
    type=str,
    default=os.environ.get("SM_MODEL_DIR", "sm_model"),
    help="where the final model goes (SageMaker: SM_MODEL_DIR)",
)
parser.add_argument("--model_dir", "--model-dir", type=str, default=None,
                    help="checkpoints; an S3 URI on SageMaker (never the final model)")
args, _ = parser.parse_known_args()


@dataclass
class TrainConfig:
    epochs: int = args.epochs
    batch_size: int = 16


cfg = TrainConfig(batch_size=args.batch_size)
opt = SimpleNamespace(lr=args.learning_rate)
model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
model.compile(tf.keras.optimizers.Adam(opt.lr), "mse")
model.fit([[0.0]], [0.0], epochs=cfg.epochs, batch_size=cfg.batch_size)

# TensorFlow Serving SavedModel for SageMaker: <model dir>/1 (added by sm-migrate)
_sm_export(model, os.path.join(args.sm_model_dir, "1"))
''',
    ),
    Example(
        before="""\
import tensorflow as tf


class Trainer:
    def __init__(self, learning_rate=0.01):
        self.model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
        self.model.compile(tf.keras.optimizers.SGD(learning_rate), "mse")

    def train(self, epochs):
        for epoch in range(epochs):
            self.model.train_on_batch([[0.0]], [0.0])


trainer = Trainer()
trainer.train(epochs=3)
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
parser.add_argument("--learning_rate", "--learning-rate", type=float, default=0.01,
                    help="optimizer learning rate through __init__(learning_rate) at line 5 in the original script")
parser.add_argument("--epochs", type=int, default=3,
                    help="range() of the `for epoch` loop through train(epochs) at line 15 in the original script")
parser.add_argument(
    "--sm-model-dir", "--sm_model_dir",
    type=str,
    default=os.environ.get("SM_MODEL_DIR", "sm_model"),
    help="where the final model goes (SageMaker: SM_MODEL_DIR)",
)
parser.add_argument("--model_dir", "--model-dir", type=str, default=None,
                    help="checkpoints; an S3 URI on SageMaker (never the final model)")
args, _ = parser.parse_known_args()


class Trainer:
    def __init__(self, learning_rate=args.learning_rate):
        self.model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
        self.model.compile(tf.keras.optimizers.SGD(learning_rate), "mse")

    def train(self, epochs):
        for epoch in range(epochs):
            self.model.train_on_batch([[0.0]], [0.0])

        # TensorFlow Serving SavedModel for SageMaker: <model dir>/1 (added by sm-migrate)
        _sm_export(self.model, os.path.join(args.sm_model_dir, "1"))


trainer = Trainer()
trainer.train(epochs=args.epochs)
''',
    ),
    Example(
        before="""\
import tensorflow as tf


def train(config):
    model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
    model.compile(tf.keras.optimizers.Adam(config["lr"]), "mse")
    model.fit([[0.0]], [0.0], epochs=config["epochs"])
    return model


if __name__ == "__main__":
    epochs = 4
    train({"epochs": epochs, "lr": 0.01})
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
parser.add_argument("--epochs", type=int, default=4, help="epochs in the original script")
parser.add_argument("--learning_rate", "--learning-rate", "--lr", type=float, default=0.01,
                    help='config["lr"] in the original script')
parser.add_argument(
    "--sm-model-dir", "--sm_model_dir",
    type=str,
    default=os.environ.get("SM_MODEL_DIR", "sm_model"),
    help="where the final model goes (SageMaker: SM_MODEL_DIR)",
)
parser.add_argument("--model_dir", "--model-dir", type=str, default=None,
                    help="checkpoints; an S3 URI on SageMaker (never the final model)")
args, _ = parser.parse_known_args()


def train(config):
    model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
    model.compile(tf.keras.optimizers.Adam(config["lr"]), "mse")
    model.fit([[0.0]], [0.0], epochs=config["epochs"])

    # TensorFlow Serving SavedModel for SageMaker: <model dir>/1 (added by sm-migrate)
    _sm_export(model, os.path.join(args.sm_model_dir, "1"))
    return model


if __name__ == "__main__":
    epochs = args.epochs
    train({"epochs": epochs, "lr": args.learning_rate})
''',
    ),
    Example(
        before="""\
import tensorflow as tf

tf.compat.v1.flags.DEFINE_float("learning_rate", 0.01, "initial learning rate")
FLAGS = tf.compat.v1.flags.FLAGS


def main(_):
    learning_rate = FLAGS.learning_rate * 0.5
    model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
    model.compile(tf.keras.optimizers.Adam(learning_rate), "mse")
    model.fit([[0.0]], [0.0], epochs=2)


if __name__ == "__main__":
    tf.compat.v1.app.run(main)
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
parser = argparse.ArgumentParser(allow_abbrev=False, add_help=False)
parser.add_argument("--epochs", type=int, default=2, help="fit(epochs=) in the original script")
parser.add_argument(
    "--sm-model-dir", "--sm_model_dir",
    type=str,
    default=os.environ.get("SM_MODEL_DIR", "sm_model"),
    help="where the final model goes (SageMaker: SM_MODEL_DIR)",
)
parser.add_argument("--model_dir", "--model-dir", type=str, default=None,
                    help="checkpoints; an S3 URI on SageMaker (never the final model)")
args = parser.parse_known_args()[0]

tf.compat.v1.flags.DEFINE_float("learning_rate", 0.01, "initial learning rate")
FLAGS = tf.compat.v1.flags.FLAGS


def main(_):
    learning_rate = FLAGS.learning_rate * 0.5
    model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
    model.compile(tf.keras.optimizers.Adam(learning_rate), "mse")
    model.fit([[0.0]], [0.0], epochs=args.epochs)

    # TensorFlow Serving SavedModel for SageMaker: <model dir>/1 (added by sm-migrate)
    _sm_export(model, os.path.join(args.sm_model_dir, "1"))


if __name__ == "__main__":
    tf.compat.v1.app.run(main)
''',
    ),
    Example(
        before="""\
import tensorflow as tf

params = {"epochs": 4, "lr": 0.01, "units": 8}


class Config:
    BATCH_SIZE = 16
    SEED = 7


model = tf.keras.Sequential([tf.keras.layers.Dense(params["units"]), tf.keras.layers.Dense(1)])
model.compile(tf.keras.optimizers.Adam(params["lr"]), "mse")
model.fit([[0.0]], [0.0], epochs=params["epochs"], batch_size=Config.BATCH_SIZE)
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
parser.add_argument("--epochs", type=int, default=4,
                    help='params["epochs"] in the original script')
parser.add_argument("--learning_rate", "--learning-rate", "--lr", type=float, default=0.01,
                    help='params["lr"] in the original script')
parser.add_argument("--batch_size", "--batch-size", type=int, default=16,
                    help="Config.BATCH_SIZE in the original script")
parser.add_argument(
    "--sm-model-dir", "--sm_model_dir",
    type=str,
    default=os.environ.get("SM_MODEL_DIR", "sm_model"),
    help="where the final model goes (SageMaker: SM_MODEL_DIR)",
)
parser.add_argument("--model_dir", "--model-dir", type=str, default=None,
                    help="checkpoints; an S3 URI on SageMaker (never the final model)")
args, _ = parser.parse_known_args()

params = {"epochs": args.epochs, "lr": args.learning_rate, "units": 8}


class Config:
    BATCH_SIZE = args.batch_size
    SEED = 7


model = tf.keras.Sequential([tf.keras.layers.Dense(params["units"]), tf.keras.layers.Dense(1)])
model.compile(tf.keras.optimizers.Adam(params["lr"]), "mse")
model.fit([[0.0]], [0.0], epochs=params["epochs"], batch_size=Config.BATCH_SIZE)

# TensorFlow Serving SavedModel for SageMaker: <model dir>/1 (added by sm-migrate)
_sm_export(model, os.path.join(args.sm_model_dir, "1"))
''',
    ),
    Example(
        before="""\
import json

import tensorflow as tf

settings = json.load(open("settings.json"))
params = {"epochs": 4}
params["epochs"] = settings.get("epochs", 4)
model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
model.compile("adam", "mse")
model.fit([[0.0]], [0.0], epochs=params["epochs"], batch_size=settings["batch_size"])
""",
        after='''\
import json

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
parser.add_argument("--batch_size", "--batch-size", type=int, default=None,
                    help="fit(batch_size=) in the original script (computed at run time; default: the script's value)")
parser.add_argument(
    "--sm-model-dir", "--sm_model_dir",
    type=str,
    default=os.environ.get("SM_MODEL_DIR", "sm_model"),
    help="where the final model goes (SageMaker: SM_MODEL_DIR)",
)
parser.add_argument("--model_dir", "--model-dir", type=str, default=None,
                    help="checkpoints; an S3 URI on SageMaker (never the final model)")
args, _ = parser.parse_known_args()

settings = json.load(open("settings.json"))
params = {"epochs": 4}
params["epochs"] = settings.get("epochs", 4)
model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
model.compile("adam", "mse")
model.fit([[0.0]], [0.0], epochs=params["epochs"], batch_size=args.batch_size if args.batch_size is not None else settings["batch_size"])

# TensorFlow Serving SavedModel for SageMaker: <model dir>/1 (added by sm-migrate)
_sm_export(model, os.path.join(args.sm_model_dir, "1"))
''',
        codes=('SM101',),
    ),
    Example(
        before="""\
import tensorflow as tf
NUM_CLASSES = 10
DATA_FILE = "data/train.npz"
EPOCHS = 3
STEPS = 1
STEPS = STEPS * 2
UNUSED_DROPOUT = 0.5
OPTIMIZER = "adam"
model = tf.keras.Sequential([tf.keras.layers.Dense(NUM_CLASSES)])
model.compile(optimizer=OPTIMIZER, loss="mse")
model.fit([[0.0]], [0.0], epochs=EPOCHS, steps_per_epoch=STEPS)
print(DATA_FILE)
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
parser.add_argument("--epochs", type=int, default=3, help="EPOCHS in the original script")
parser.add_argument("--steps_per_epoch", "--steps-per-epoch", "--steps", type=int, default=None,
                    help="STEPS in the original script (bound more than once; default: the script's value)")
parser.add_argument("--optimizer", type=str, default="adam",
                    help="OPTIMIZER in the original script")
parser.add_argument(
    "--sm-model-dir", "--sm_model_dir",
    type=str,
    default=os.environ.get("SM_MODEL_DIR", "sm_model"),
    help="where the final model goes (SageMaker: SM_MODEL_DIR)",
)
parser.add_argument("--model_dir", "--model-dir", type=str, default=None,
                    help="checkpoints; an S3 URI on SageMaker (never the final model)")
args, _ = parser.parse_known_args()
NUM_CLASSES = 10
DATA_FILE = "data/train.npz"
EPOCHS = args.epochs
STEPS = args.steps_per_epoch if args.steps_per_epoch is not None else 1
STEPS = args.steps_per_epoch if args.steps_per_epoch is not None else STEPS * 2
UNUSED_DROPOUT = 0.5
OPTIMIZER = args.optimizer
model = tf.keras.Sequential([tf.keras.layers.Dense(NUM_CLASSES)])
model.compile(optimizer=OPTIMIZER, loss="mse")
model.fit([[0.0]], [0.0], epochs=EPOCHS, steps_per_epoch=STEPS)

# TensorFlow Serving SavedModel for SageMaker: <model dir>/1 (added by sm-migrate)
_sm_export(model, os.path.join(args.sm_model_dir, "1"))
print(DATA_FILE)
''',
    ),
    Example(
        before="""\
import tensorflow as tf
NUM_EPOCHS = 2
LR = 0.1
model = tf.keras.Sequential()
model.compile(optimizer=tf.keras.optimizers.SGD(LR), loss="mse")
model.fit([[0.0]], [0.0], epochs=NUM_EPOCHS)
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
parser.add_argument("--epochs", "--num_epochs", "--num-epochs", type=int, default=2,
                    help="NUM_EPOCHS in the original script")
parser.add_argument("--learning_rate", "--learning-rate", "--lr", type=float, default=0.1,
                    help="LR in the original script")
parser.add_argument(
    "--sm-model-dir", "--sm_model_dir",
    type=str,
    default=os.environ.get("SM_MODEL_DIR", "sm_model"),
    help="where the final model goes (SageMaker: SM_MODEL_DIR)",
)
parser.add_argument("--model_dir", "--model-dir", type=str, default=None,
                    help="checkpoints; an S3 URI on SageMaker (never the final model)")
args, _ = parser.parse_known_args()
NUM_EPOCHS = args.epochs
LR = args.learning_rate
model = tf.keras.Sequential()
model.compile(optimizer=tf.keras.optimizers.SGD(LR), loss="mse")
model.fit([[0.0]], [0.0], epochs=NUM_EPOCHS)

# TensorFlow Serving SavedModel for SageMaker: <model dir>/1 (added by sm-migrate)
_sm_export(model, os.path.join(args.sm_model_dir, "1"))
''',
    ),
    Example(
        before="""\
import tensorflow as tf
USE_AUGMENTATION = True
model = tf.keras.Sequential()
model.fit([[0.0]], [0.0], shuffle=False)
print(USE_AUGMENTATION)
""",
        after='''\
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
parser.add_argument("--use_augmentation", "--use-augmentation", type=_str_to_bool, default=True,
                    help="USE_AUGMENTATION in the original script")
parser.add_argument("--shuffle", type=_str_to_bool, default=False,
                    help="fit(shuffle=) in the original script")
parser.add_argument(
    "--sm-model-dir", "--sm_model_dir",
    type=str,
    default=os.environ.get("SM_MODEL_DIR", "sm_model"),
    help="where the final model goes (SageMaker: SM_MODEL_DIR)",
)
parser.add_argument("--model_dir", "--model-dir", type=str, default=None,
                    help="checkpoints; an S3 URI on SageMaker (never the final model)")
args, _ = parser.parse_known_args()
USE_AUGMENTATION = args.use_augmentation
model = tf.keras.Sequential()
model.fit([[0.0]], [0.0], shuffle=args.shuffle)

# TensorFlow Serving SavedModel for SageMaker: <model dir>/1 (added by sm-migrate)
_sm_export(model, os.path.join(args.sm_model_dir, "1"))
print(USE_AUGMENTATION)
''',
    ),
    Example(
        before="""\
import tensorflow as tf
model = tf.keras.Sequential()
model.fit([[0.0]], [0.0], epochs=5)
model.fit([[0.0]], [0.0], epochs=2)
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
parser.add_argument("--epochs", type=int, default=5, help="fit(epochs=) in the original script")
parser.add_argument("--epochs_2", "--epochs-2", type=int, default=2,
                    help="fit(epochs=) in the original script")
parser.add_argument(
    "--sm-model-dir", "--sm_model_dir",
    type=str,
    default=os.environ.get("SM_MODEL_DIR", "sm_model"),
    help="where the final model goes (SageMaker: SM_MODEL_DIR)",
)
parser.add_argument("--model_dir", "--model-dir", type=str, default=None,
                    help="checkpoints; an S3 URI on SageMaker (never the final model)")
args, _ = parser.parse_known_args()
model = tf.keras.Sequential()
model.fit([[0.0]], [0.0], epochs=args.epochs)
model.fit([[0.0]], [0.0], epochs=args.epochs_2)

# TensorFlow Serving SavedModel for SageMaker: <model dir>/1 (added by sm-migrate)
_sm_export(model, os.path.join(args.sm_model_dir, "1"))
''',
    ),
    Example(
        before="""\
import tensorflow as tf
import torch
opt = torch.optim.Adam([], 0.01)
model = tf.keras.Sequential()
model.fit([[0.0]], [0.0], epochs=2)
""",
        after='''\
import tensorflow as tf
import torch
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
opt = torch.optim.Adam([], 0.01)
model = tf.keras.Sequential()
model.fit([[0.0]], [0.0], epochs=args.epochs)

# TensorFlow Serving SavedModel for SageMaker: <model dir>/1 (added by sm-migrate)
_sm_export(model, os.path.join(args.sm_model_dir, "1"))
''',
    ),
    Example(
        before="""\
import argparse
import tensorflow as tf
EPOCHS = 3

def main():
    parser = argparse.ArgumentParser()
    args = parser.parse_args()
    model = tf.keras.Sequential()
    model.fit([[0.0]], [0.0], epochs=EPOCHS)

main()
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
EPOCHS = 3

def main():
    parser = argparse.ArgumentParser()
    parser.add_argument(
        "--sm-model-dir", "--sm_model_dir",
        type=str,
        default=os.environ.get("SM_MODEL_DIR", "sm_model"),
        help="where the final model goes (SageMaker: SM_MODEL_DIR)",
    )
    parser.add_argument("--model_dir", "--model-dir", type=str, default=None,
                        help="checkpoints; an S3 URI on SageMaker (never the final model)")
    args, _ = parser.parse_known_args()
    model = tf.keras.Sequential()
    model.fit([[0.0]], [0.0], epochs=EPOCHS)

    # TensorFlow Serving SavedModel for SageMaker: <model dir>/1 (added by sm-migrate)
    _sm_export(model, os.path.join(args.sm_model_dir, "1"))

main()
''',
        codes=('SM101',),
    ),
    Example(
        before="""\
import tensorflow as tf

epochs = 12
batch_size = 128
num_classes = 10
model = tf.keras.Sequential([tf.keras.layers.Dense(num_classes)])
model.compile(optimizer="adam", loss="mse")
model.fit([[0.0]], [0.0], epochs=epochs, batch_size=batch_size, verbose=2)
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
parser.add_argument("--epochs", type=int, default=12, help="epochs in the original script")
parser.add_argument("--batch_size", "--batch-size", type=int, default=128,
                    help="batch_size in the original script")
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
batch_size = args.batch_size
num_classes = 10
model = tf.keras.Sequential([tf.keras.layers.Dense(num_classes)])
model.compile(optimizer="adam", loss="mse")
model.fit([[0.0]], [0.0], epochs=epochs, batch_size=batch_size, verbose=2)

# TensorFlow Serving SavedModel for SageMaker: <model dir>/1 (added by sm-migrate)
_sm_export(model, os.path.join(args.sm_model_dir, "1"))
''',
    ),
    Example(
        before="""\
import tensorflow as tf


def main():
    n_epochs = 5
    lr = 0.01
    model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
    model.compile(optimizer=tf.keras.optimizers.SGD(lr), loss="mse")
    model.fit([[0.0]], [0.0], epochs=n_epochs)


if __name__ == "__main__":
    main()
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
parser.add_argument("--epochs", "--n_epochs", "--n-epochs", type=int, default=5,
                    help="n_epochs in the original script")
parser.add_argument("--learning_rate", "--learning-rate", "--lr", type=float, default=0.01,
                    help="lr in the original script")
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
    n_epochs = args.epochs
    lr = args.learning_rate
    model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
    model.compile(optimizer=tf.keras.optimizers.SGD(lr), loss="mse")
    model.fit([[0.0]], [0.0], epochs=n_epochs)

    # TensorFlow Serving SavedModel for SageMaker: <model dir>/1 (added by sm-migrate)
    _sm_export(model, os.path.join(args.sm_model_dir, "1"))


if __name__ == "__main__":
    main()
''',
    ),
    Example(
        before="""\
import math

import tensorflow as tf

workers = 2
epochs = int(math.ceil(12 / workers))
model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
model.compile(optimizer="adam", loss="mse")
model.fit([[0.0]], [0.0], epochs=epochs)
""",
        after='''\
import math

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
parser.add_argument("--epochs", type=int, default=None,
                    help="epochs in the original script (computed at run time; default: the script's value)")
parser.add_argument(
    "--sm-model-dir", "--sm_model_dir",
    type=str,
    default=os.environ.get("SM_MODEL_DIR", "sm_model"),
    help="where the final model goes (SageMaker: SM_MODEL_DIR)",
)
parser.add_argument("--model_dir", "--model-dir", type=str, default=None,
                    help="checkpoints; an S3 URI on SageMaker (never the final model)")
args, _ = parser.parse_known_args()

workers = 2
epochs = args.epochs if args.epochs is not None else int(math.ceil(12 / workers))
model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
model.compile(optimizer="adam", loss="mse")
model.fit([[0.0]], [0.0], epochs=epochs)

# TensorFlow Serving SavedModel for SageMaker: <model dir>/1 (added by sm-migrate)
_sm_export(model, os.path.join(args.sm_model_dir, "1"))
''',
    ),
    Example(
        before="""\
import sys

import tensorflow as tf

if "--quick" in sys.argv:
    epochs = 1
else:
    epochs = 10
model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
model.compile(optimizer="adam", loss="mse")
if "--fine-tune" in sys.argv:
    model.fit([[0.0]], [0.0], epochs=epochs, batch_size=8)
else:
    model.fit([[0.0]], [0.0], epochs=epochs, batch_size=32)
print("trained")
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
parser.add_argument("--epochs", type=int, default=None,
                    help="epochs in the original script (bound more than once; default: the script's value)")
parser.add_argument("--batch_size", "--batch-size", type=int, default=None,
                    help="fit(batch_size=) in the original script (one value per branch; default: the script's)")
parser.add_argument(
    "--sm-model-dir", "--sm_model_dir",
    type=str,
    default=os.environ.get("SM_MODEL_DIR", "sm_model"),
    help="where the final model goes (SageMaker: SM_MODEL_DIR)",
)
parser.add_argument("--model_dir", "--model-dir", type=str, default=None,
                    help="checkpoints; an S3 URI on SageMaker (never the final model)")
args, _ = parser.parse_known_args()

if "--quick" in sys.argv:
    epochs = args.epochs if args.epochs is not None else 1
else:
    epochs = args.epochs if args.epochs is not None else 10
model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
model.compile(optimizer="adam", loss="mse")
if "--fine-tune" in sys.argv:
    model.fit([[0.0]], [0.0], epochs=epochs, batch_size=args.batch_size if args.batch_size is not None else 8)
else:
    model.fit([[0.0]], [0.0], epochs=epochs, batch_size=args.batch_size if args.batch_size is not None else 32)

# TensorFlow Serving SavedModel for SageMaker: <model dir>/1 (added by sm-migrate)
_sm_export(model, os.path.join(args.sm_model_dir, "1"))
print("trained")
''',
    ),
    Example(
        before="""\
import tensorflow as tf

batch_size = 64
epochs = 3
features = tf.data.Dataset.from_tensor_slices(([[0.0]] * 8, [[0.0]] * 8))
features = features.shuffle(8).batch(batch_size)
model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
model.compile(optimizer="adam", loss="mse")
for epoch in range(epochs):
    for x, y in features:
        model.train_on_batch(x, y)
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
parser.add_argument("--batch_size", "--batch-size", type=int, default=64,
                    help="batch_size in the original script")
parser.add_argument("--epochs", type=int, default=3, help="epochs in the original script")
parser.add_argument(
    "--sm-model-dir", "--sm_model_dir",
    type=str,
    default=os.environ.get("SM_MODEL_DIR", "sm_model"),
    help="where the final model goes (SageMaker: SM_MODEL_DIR)",
)
parser.add_argument("--model_dir", "--model-dir", type=str, default=None,
                    help="checkpoints; an S3 URI on SageMaker (never the final model)")
args, _ = parser.parse_known_args()

batch_size = args.batch_size
epochs = args.epochs
features = tf.data.Dataset.from_tensor_slices(([[0.0]] * 8, [[0.0]] * 8))
features = features.shuffle(8).batch(batch_size)
model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
model.compile(optimizer="adam", loss="mse")
for epoch in range(epochs):
    for x, y in features:
        model.train_on_batch(x, y)

# TensorFlow Serving SavedModel for SageMaker: <model dir>/1 (added by sm-migrate)
_sm_export(model, os.path.join(args.sm_model_dir, "1"))
''',
    ),
    Example(
        before="""\
import tensorflow as tf


def train(model, epochs):
    model.fit([[0.0]], [0.0], epochs=epochs)
    return model


model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
model.compile(optimizer="adam", loss="mse")
train(model, 4)
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
parser.add_argument("--epochs", type=int, default=4,
                    help="fit(epochs=) through train(epochs) at line 11 in the original script")
parser.add_argument(
    "--sm-model-dir", "--sm_model_dir",
    type=str,
    default=os.environ.get("SM_MODEL_DIR", "sm_model"),
    help="where the final model goes (SageMaker: SM_MODEL_DIR)",
)
parser.add_argument("--model_dir", "--model-dir", type=str, default=None,
                    help="checkpoints; an S3 URI on SageMaker (never the final model)")
args, _ = parser.parse_known_args()


def train(model, epochs):
    model.fit([[0.0]], [0.0], epochs=epochs)

    # TensorFlow Serving SavedModel for SageMaker: <model dir>/1 (added by sm-migrate)
    _sm_export(model, os.path.join(args.sm_model_dir, "1"))
    return model


model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
model.compile(optimizer="adam", loss="mse")
train(model, args.epochs)
''',
    ),
    Example(
        before="""\
import argparse
import tensorflow as tf

batch_size = 64
EPOCHS = 3

def build_model():
    return tf.keras.Sequential([tf.keras.layers.Dense(1)])

def train(model):
    model.fit([[0.0]], [0.0], batch_size=batch_size, epochs=EPOCHS)

parser = argparse.ArgumentParser()
parser.add_argument("--verbose", type=int, default=1)
args = parser.parse_args()
model = build_model()
model.compile(optimizer="sgd", loss="mse")
train(model)
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

batch_size = 64
EPOCHS = 3

def build_model():
    return tf.keras.Sequential([tf.keras.layers.Dense(1)])

def train(model):
    model.fit([[0.0]], [0.0], batch_size=batch_size, epochs=EPOCHS)

    # TensorFlow Serving SavedModel for SageMaker: <model dir>/1 (added by sm-migrate)
    _sm_export(model, os.path.join(args.sm_model_dir, "1"))

parser = argparse.ArgumentParser()
parser.add_argument("--verbose", type=int, default=1)
parser.add_argument("--batch_size", "--batch-size", type=int, default=64,
                    help="batch_size in the original script")
parser.add_argument("--epochs", type=int, default=3, help="EPOCHS in the original script")
parser.add_argument(
    "--sm-model-dir", "--sm_model_dir",
    type=str,
    default=os.environ.get("SM_MODEL_DIR", "sm_model"),
    help="where the final model goes (SageMaker: SM_MODEL_DIR)",
)
parser.add_argument("--model_dir", "--model-dir", type=str, default=None,
                    help="checkpoints; an S3 URI on SageMaker (never the final model)")
args, _ = parser.parse_known_args()
batch_size = args.batch_size
EPOCHS = args.epochs
model = build_model()
model.compile(optimizer="sgd", loss="mse")
train(model)
''',
    ),
    Example(
        before="""\
import argparse
import tensorflow as tf

BATCH_SIZE = 64
steps = 1000 // BATCH_SIZE
parser = argparse.ArgumentParser()
args = parser.parse_args()
model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
model.compile(optimizer="sgd", loss="mse")
model.fit([[0.0]], [0.0], batch_size=BATCH_SIZE, steps_per_epoch=steps)
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

BATCH_SIZE = 64
steps = 1000 // BATCH_SIZE
parser = argparse.ArgumentParser()
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
model.compile(optimizer="sgd", loss="mse")
model.fit([[0.0]], [0.0], batch_size=BATCH_SIZE, steps_per_epoch=steps)

# TensorFlow Serving SavedModel for SageMaker: <model dir>/1 (added by sm-migrate)
_sm_export(model, os.path.join(args.sm_model_dir, "1"))
''',
        codes=('SM101', 'SM101'),
    ),
    Example(
        before="""\
import tensorflow as tf

from config import EPOCHS, cfg

model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
model.compile("adam", "mse")
dataset = tf.data.Dataset.from_tensor_slices(([[0.0]], [0.0])).shuffle(tf.data.AUTOTUNE)
model.fit(dataset.batch(cfg.TRAIN.BATCH_SIZE), epochs=EPOCHS)
""",
        after='''\
import tensorflow as tf

from config import EPOCHS, cfg
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
dataset = tf.data.Dataset.from_tensor_slices(([[0.0]], [0.0])).shuffle(tf.data.AUTOTUNE)
model.fit(dataset.batch(cfg.TRAIN.BATCH_SIZE), epochs=EPOCHS)

# TensorFlow Serving SavedModel for SageMaker: <model dir>/1 (added by sm-migrate)
_sm_export(model, os.path.join(args.sm_model_dir, "1"))
''',
        codes=('SM101', 'SM101'),
    ),
    Example(
        before="""\
import tensorflow as tf

epochs, batch_size = 3, 16
learning_rate = 0.01
learning_rate *= 0.5
model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
model.compile(tf.keras.optimizers.Adam(learning_rate), "mse")
model.fit([[0.0]], [0.0], epochs=epochs, batch_size=batch_size)
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
parser.add_argument("--epochs", type=int, default=3, help="epochs in the original script")
parser.add_argument("--batch_size", "--batch-size", type=int, default=16,
                    help="batch_size in the original script")
parser.add_argument(
    "--sm-model-dir", "--sm_model_dir",
    type=str,
    default=os.environ.get("SM_MODEL_DIR", "sm_model"),
    help="where the final model goes (SageMaker: SM_MODEL_DIR)",
)
parser.add_argument("--model_dir", "--model-dir", type=str, default=None,
                    help="checkpoints; an S3 URI on SageMaker (never the final model)")
args, _ = parser.parse_known_args()

epochs, batch_size = args.epochs, args.batch_size
learning_rate = 0.01
learning_rate *= 0.5
model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
model.compile(tf.keras.optimizers.Adam(learning_rate), "mse")
model.fit([[0.0]], [0.0], epochs=epochs, batch_size=batch_size)

# TensorFlow Serving SavedModel for SageMaker: <model dir>/1 (added by sm-migrate)
_sm_export(model, os.path.join(args.sm_model_dir, "1"))
''',
        codes=('SM101',),
    ),
    Example(
        before="""\
import tensorflow as tf


class Config:
    epochs = 3
    learning_rate = 0.01


def build(config):
    model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
    model.compile(tf.keras.optimizers.Adam(config.learning_rate), "mse")
    return model


def train(config, data):
    model = build(config)
    model.fit(data, epochs=config.epochs, steps_per_epoch=data.cardinality)
    return model


train(Config, tf.data.Dataset.from_tensor_slices(([[0.0]], [0.0])).batch(1))
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
parser.add_argument("--epochs", type=int, default=3, help="config.epochs in the original script")
parser.add_argument("--learning_rate", "--learning-rate", type=float, default=0.01,
                    help="config.learning_rate in the original script")
parser.add_argument(
    "--sm-model-dir", "--sm_model_dir",
    type=str,
    default=os.environ.get("SM_MODEL_DIR", "sm_model"),
    help="where the final model goes (SageMaker: SM_MODEL_DIR)",
)
parser.add_argument("--model_dir", "--model-dir", type=str, default=None,
                    help="checkpoints; an S3 URI on SageMaker (never the final model)")
args, _ = parser.parse_known_args()


class Config:
    epochs = args.epochs
    learning_rate = args.learning_rate


def build(config):
    model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
    model.compile(tf.keras.optimizers.Adam(config.learning_rate), "mse")
    return model


def train(config, data):
    model = build(config)
    model.fit(data, epochs=config.epochs, steps_per_epoch=data.cardinality)

    # TensorFlow Serving SavedModel for SageMaker: <model dir>/1 (added by sm-migrate)
    _sm_export(model, os.path.join(args.sm_model_dir, "1"))
    return model


train(Config, tf.data.Dataset.from_tensor_slices(([[0.0]], [0.0])).batch(1))
''',
    ),
    Example(
        before="""\
import tensorflow as tf

LABEL_COLUMN = "price"
OPTIMIZER = "adam"
DROPOUT = 0.2

model = tf.keras.Sequential([tf.keras.layers.Dropout(DROPOUT), tf.keras.layers.Dense(1)])
model.compile(OPTIMIZER, "mse")
model.fit({LABEL_COLUMN: [[0.0]]}, [0.0])
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
parser.add_argument("--optimizer", type=str, default="adam",
                    help="OPTIMIZER in the original script")
parser.add_argument("--dropout", type=float, default=0.2, help="DROPOUT in the original script")
parser.add_argument(
    "--sm-model-dir", "--sm_model_dir",
    type=str,
    default=os.environ.get("SM_MODEL_DIR", "sm_model"),
    help="where the final model goes (SageMaker: SM_MODEL_DIR)",
)
parser.add_argument("--model_dir", "--model-dir", type=str, default=None,
                    help="checkpoints; an S3 URI on SageMaker (never the final model)")
args, _ = parser.parse_known_args()

LABEL_COLUMN = "price"
OPTIMIZER = args.optimizer
DROPOUT = args.dropout

model = tf.keras.Sequential([tf.keras.layers.Dropout(DROPOUT), tf.keras.layers.Dense(1)])
model.compile(OPTIMIZER, "mse")
model.fit({LABEL_COLUMN: [[0.0]]}, [0.0])

# TensorFlow Serving SavedModel for SageMaker: <model dir>/1 (added by sm-migrate)
_sm_export(model, os.path.join(args.sm_model_dir, "1"))
''',
    ),
    # Fine-tuning after training (TensorFlow's transfer-learning tutorial): each part of the computed total is a
    # setting of its own, and --total_epochs overrides the total
    Example(
        before="""\
import tensorflow as tf

initial_epochs = 2
fine_tune_epochs = 2
total_epochs = initial_epochs + fine_tune_epochs
model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
model.compile("adam", "mse")
history = model.fit([[0.0]], [0.0], epochs=initial_epochs)
model.fit([[0.0]], [0.0], epochs=total_epochs, initial_epoch=history.epoch[-1])
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
parser.add_argument("--epochs", "--initial_epochs", "--initial-epochs", type=int, default=2,
                    help="initial_epochs in the original script")
parser.add_argument("--fine_tune_epochs", "--fine-tune-epochs", type=int, default=2,
                    help="fine_tune_epochs in the original script")
parser.add_argument("--total_epochs", "--total-epochs", type=int, default=None,
                    help="total_epochs in the original script (computed at run time; default: the script's value)")
parser.add_argument(
    "--sm-model-dir", "--sm_model_dir",
    type=str,
    default=os.environ.get("SM_MODEL_DIR", "sm_model"),
    help="where the final model goes (SageMaker: SM_MODEL_DIR)",
)
parser.add_argument("--model_dir", "--model-dir", type=str, default=None,
                    help="checkpoints; an S3 URI on SageMaker (never the final model)")
args, _ = parser.parse_known_args()

initial_epochs = args.epochs
fine_tune_epochs = args.fine_tune_epochs
total_epochs = args.total_epochs if args.total_epochs is not None else initial_epochs + fine_tune_epochs
model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
model.compile("adam", "mse")
history = model.fit([[0.0]], [0.0], epochs=initial_epochs)
model.fit([[0.0]], [0.0], epochs=total_epochs, initial_epoch=history.epoch[-1])

# TensorFlow Serving SavedModel for SageMaker: <model dir>/1 (added by sm-migrate)
_sm_export(model, os.path.join(args.sm_model_dir, "1"))
''',
    ),
    # A fit of one epoch in a loop over the epochs: the range is the epochs, fit's epochs=1 stays.
    Example(
        before="""\
import tensorflow as tf

n_epochs = 4
model = tf.keras.Sequential([tf.keras.layers.LSTM(2, stateful=True), tf.keras.layers.Dense(1)])
model.compile(optimizer="adam", loss="mse")
for epoch in range(n_epochs):
    model.fit(tf.zeros((1, 3, 1)), tf.zeros((1, 1)), epochs=1, batch_size=1, shuffle=False)
    model.reset_states()
""",
        after='''\
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
parser.add_argument("--epochs", "--n_epochs", "--n-epochs", type=int, default=4,
                    help="n_epochs in the original script")
parser.add_argument("--batch_size", "--batch-size", type=int, default=1,
                    help="fit(batch_size=) in the original script")
parser.add_argument("--shuffle", type=_str_to_bool, default=False,
                    help="fit(shuffle=) in the original script")
parser.add_argument(
    "--sm-model-dir", "--sm_model_dir",
    type=str,
    default=os.environ.get("SM_MODEL_DIR", "sm_model"),
    help="where the final model goes (SageMaker: SM_MODEL_DIR)",
)
parser.add_argument("--model_dir", "--model-dir", type=str, default=None,
                    help="checkpoints; an S3 URI on SageMaker (never the final model)")
args, _ = parser.parse_known_args()

n_epochs = args.epochs
model = tf.keras.Sequential([tf.keras.layers.LSTM(2, stateful=True), tf.keras.layers.Dense(1)])
model.compile(optimizer="adam", loss="mse")
for epoch in range(n_epochs):
    model.fit(tf.zeros((1, 3, 1)), tf.zeros((1, 1)), epochs=1, batch_size=args.batch_size, shuffle=args.shuffle)
    model.reset_states()

# TensorFlow Serving SavedModel for SageMaker: <model dir>/1 (added by sm-migrate)
_sm_export(model, os.path.join(args.sm_model_dir, "1"))
''',
    ),
    # A data loader's batch_size= held in a name is the training batch size.
    Example(
        before="""\
import tensorflow as tf

batch_size = 16
image_size = (64, 64)
train_ds = tf.keras.utils.image_dataset_from_directory("images/train", image_size=image_size, batch_size=batch_size)
model = tf.keras.Sequential([tf.keras.layers.Rescaling(1.0 / 255), tf.keras.layers.Flatten(), tf.keras.layers.Dense(2)])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
model.fit(train_ds, epochs=2)
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
parser.add_argument("--batch_size", "--batch-size", type=int, default=16,
                    help="batch_size in the original script")
parser.add_argument("--epochs", type=int, default=2, help="fit(epochs=) in the original script")
parser.add_argument(
    "--train",
    type=str,
    default=os.environ.get("SM_CHANNEL_TRAIN", "images/train"),
    help="input channel 'train' (SageMaker: SM_CHANNEL_TRAIN)",
)
parser.add_argument(
    "--sm-model-dir", "--sm_model_dir",
    type=str,
    default=os.environ.get("SM_MODEL_DIR", "sm_model"),
    help="where the final model goes (SageMaker: SM_MODEL_DIR)",
)
parser.add_argument("--model_dir", "--model-dir", type=str, default=None,
                    help="checkpoints; an S3 URI on SageMaker (never the final model)")
args, _ = parser.parse_known_args()

batch_size = args.batch_size
image_size = (64, 64)
train_ds = tf.keras.utils.image_dataset_from_directory(args.train, image_size=image_size, batch_size=batch_size)
model = tf.keras.Sequential([tf.keras.layers.Rescaling(1.0 / 255), tf.keras.layers.Flatten(), tf.keras.layers.Dense(2)])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
model.fit(train_ds, epochs=args.epochs)

# TensorFlow Serving SavedModel for SageMaker: <model dir>/1 (added by sm-migrate)
_sm_export(model, os.path.join(args.sm_model_dir, "1"))
''',
    ),
    # ImageDataGenerator.flow_from_directory(batch_size=) likewise, whatever the generator's name.
    Example(
        before="""\
import tensorflow as tf
from tensorflow.keras.preprocessing.image import ImageDataGenerator

bs = 8
generator = ImageDataGenerator(rescale=1.0 / 255)
train_flow = generator.flow_from_directory("data/train", target_size=(32, 32), batch_size=bs)
model = tf.keras.Sequential([tf.keras.layers.Flatten(), tf.keras.layers.Dense(2, activation="softmax")])
model.compile(optimizer="adam", loss="categorical_crossentropy")
model.fit(train_flow, epochs=2)
""",
        after='''\
import tensorflow as tf
from tensorflow.keras.preprocessing.image import ImageDataGenerator
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
parser.add_argument("--batch_size", "--batch-size", "--bs", type=int, default=8,
                    help="bs in the original script")
parser.add_argument("--epochs", type=int, default=2, help="fit(epochs=) in the original script")
parser.add_argument("--train", type=str, default=os.environ.get("SM_CHANNEL_TRAIN", "data/train"),
                    help="input channel 'train' (SageMaker: SM_CHANNEL_TRAIN)")
parser.add_argument(
    "--sm-model-dir", "--sm_model_dir",
    type=str,
    default=os.environ.get("SM_MODEL_DIR", "sm_model"),
    help="where the final model goes (SageMaker: SM_MODEL_DIR)",
)
parser.add_argument("--model_dir", "--model-dir", type=str, default=None,
                    help="checkpoints; an S3 URI on SageMaker (never the final model)")
args, _ = parser.parse_known_args()

bs = args.batch_size
generator = ImageDataGenerator(rescale=1.0 / 255)
train_flow = generator.flow_from_directory(args.train, target_size=(32, 32), batch_size=bs)
model = tf.keras.Sequential([tf.keras.layers.Flatten(), tf.keras.layers.Dense(2, activation="softmax")])
model.compile(optimizer="adam", loss="categorical_crossentropy")
model.fit(train_flow, epochs=args.epochs)

# TensorFlow Serving SavedModel for SageMaker: <model dir>/1 (added by sm-migrate)
_sm_export(model, os.path.join(args.sm_model_dir, "1"))
''',
    ),
    # A learning-rate schedule: its initial rate is the learning rate, so an override keeps the decay.
    Example(
        before="""\
import tensorflow as tf

initial_lr = 0.05
schedule = tf.keras.optimizers.schedules.ExponentialDecay(initial_lr, decay_steps=100, decay_rate=0.96)
model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
model.compile(optimizer=tf.keras.optimizers.SGD(learning_rate=schedule), loss="mse")
model.fit(tf.zeros((8, 4)), tf.zeros((8, 1)), epochs=2)
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
parser.add_argument(
    "--learning_rate", "--learning-rate", "--initial_lr", "--initial-lr",
    type=float,
    default=0.05,
    help="initial_lr in the original script",
)
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

initial_lr = args.learning_rate
schedule = tf.keras.optimizers.schedules.ExponentialDecay(initial_lr, decay_steps=100, decay_rate=0.96)
model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
model.compile(optimizer=tf.keras.optimizers.SGD(learning_rate=schedule), loss="mse")
model.fit(tf.zeros((8, 4)), tf.zeros((8, 1)), epochs=args.epochs)

# TensorFlow Serving SavedModel for SageMaker: <model dir>/1 (added by sm-migrate)
_sm_export(model, os.path.join(args.sm_model_dir, "1"))
''',
    ),
    # The same for a schedule written inside the optimizer call.
    Example(
        before="""\
import tensorflow as tf

model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
model.compile(optimizer=tf.keras.optimizers.Adam(tf.keras.optimizers.schedules.CosineDecay(0.001, decay_steps=50)),
              loss="mse")
model.fit(tf.zeros((8, 4)), tf.zeros((8, 1)), epochs=2)
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
parser.add_argument("--learning_rate", "--learning-rate", type=float, default=0.001,
                    help="optimizer learning rate in the original script")
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
model.compile(optimizer=tf.keras.optimizers.Adam(tf.keras.optimizers.schedules.CosineDecay(args.learning_rate, decay_steps=50)),
              loss="mse")
model.fit(tf.zeros((8, 4)), tf.zeros((8, 1)), epochs=args.epochs)

# TensorFlow Serving SavedModel for SageMaker: <model dir>/1 (added by sm-migrate)
_sm_export(model, os.path.join(args.sm_model_dir, "1"))
''',
    ),
    # Constants that are the defaults of the script's own options are on its command line already; the namespace parsed straight into main() is main's parameter.
    Example(
        before="""\
import argparse

import tensorflow as tf

EPOCHS = 5
LEARNING_RATE = 0.01


def main(args):
    model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
    model.compile(optimizer=tf.keras.optimizers.SGD(args.lr), loss="mse")
    model.fit(tf.zeros((8, 4)), tf.zeros((8, 1)), epochs=args.epochs)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--epochs", type=int, default=EPOCHS)
    parser.add_argument("--lr", type=float, default=LEARNING_RATE)
    main(parser.parse_args())
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

EPOCHS = 5
LEARNING_RATE = 0.01


def main(args):
    model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
    model.compile(optimizer=tf.keras.optimizers.SGD(args.lr), loss="mse")
    model.fit(tf.zeros((8, 4)), tf.zeros((8, 1)), epochs=args.epochs)

    # TensorFlow Serving SavedModel for SageMaker: <model dir>/1 (added by sm-migrate)
    _sm_export(model, os.path.join(args.sm_model_dir, "1"))


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--epochs", type=int, default=EPOCHS)
    parser.add_argument("--lr", "--learning_rate", type=float, default=LEARNING_RATE)
    parser.add_argument(
        "--sm-model-dir", "--sm_model_dir",
        type=str,
        default=os.environ.get("SM_MODEL_DIR", "sm_model"),
        help="where the final model goes (SageMaker: SM_MODEL_DIR)",
    )
    parser.add_argument("--model_dir", "--model-dir", type=str, default=None,
                        help="checkpoints; an S3 URI on SageMaker (never the final model)")
    main(parser.parse_known_args()[0])
''',
    ),
    # A pipeline function called per split with its own batch sizes: those are the splits' sizes, not lifted.
    Example(
        before="""\
import tensorflow as tf


def make_dataset(features, labels, batch_size):
    return tf.data.Dataset.from_tensor_slices((features, labels)).batch(batch_size)


train = make_dataset(tf.zeros((32, 4)), tf.zeros((32, 1)), 8)
evaluation = make_dataset(tf.zeros((16, 4)), tf.zeros((16, 1)), 16)
model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
model.compile(optimizer="adam", loss="mse")
model.fit(train, validation_data=evaluation, epochs=2)
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


def make_dataset(features, labels, batch_size):
    return tf.data.Dataset.from_tensor_slices((features, labels)).batch(batch_size)


train = make_dataset(tf.zeros((32, 4)), tf.zeros((32, 1)), 8)
evaluation = make_dataset(tf.zeros((16, 4)), tf.zeros((16, 1)), 16)
model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
model.compile(optimizer="adam", loss="mse")
model.fit(train, validation_data=evaluation, epochs=args.epochs)

# TensorFlow Serving SavedModel for SageMaker: <model dir>/1 (added by sm-migrate)
_sm_export(model, os.path.join(args.sm_model_dir, "1"))
''',
    ),
    # Settings read from an experiment tracker's config (wandb.config, OmegaConf, ConfigDict) are set elsewhere: reported.
    Example(
        before="""\
import tensorflow as tf
import wandb

run = wandb.init(project="regression", config={"epochs": 4, "batch_size": 8})
model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
model.compile(optimizer="adam", loss="mse")
model.fit(tf.zeros((8, 4)), tf.zeros((8, 1)), epochs=run.config.epochs, batch_size=run.config.batch_size)
""",
        after='''\
import tensorflow as tf
import wandb
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
parser.add_argument(
    "--sm-model-dir", "--sm_model_dir",
    type=str,
    default=os.environ.get("SM_MODEL_DIR", "sm_model"),
    help="where the final model goes (SageMaker: SM_MODEL_DIR)",
)
parser.add_argument("--model_dir", "--model-dir", type=str, default=None,
                    help="checkpoints; an S3 URI on SageMaker (never the final model)")
args, _ = parser.parse_known_args()

run = wandb.init(project="regression", config={"epochs": 4, "batch_size": 8})
model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
model.compile(optimizer="adam", loss="mse")
model.fit(tf.zeros((8, 4)), tf.zeros((8, 1)), epochs=run.config.epochs, batch_size=run.config.batch_size)

# TensorFlow Serving SavedModel for SageMaker: <model dir>/1 (added by sm-migrate)
_sm_export(model, os.path.join(args.sm_model_dir, "1"))
''',
        codes=('SM101', 'SM101'),
    ),
    # A loop's range() read from a settings dict, whatever the loop variable's name: lifted where the entry is set.
    Example(
        before="""\
import tensorflow as tf

config = {"steps": 20, "lr": 0.01}
weights = tf.Variable(tf.zeros([4, 1]))
optimizer = tf.keras.optimizers.Adam(config["lr"])
features = tf.random.normal((16, 4))
for step in range(config["steps"]):
    with tf.GradientTape() as tape:
        loss = tf.reduce_mean(tf.matmul(features, weights) ** 2)
    optimizer.apply_gradients(zip(tape.gradient(loss, [weights]), [weights]))
""",
        after='''\
import tensorflow as tf
import argparse


# SageMaker script-mode arguments (added by sm-migrate): SageMaker passes hyperparameters as
# `--name value` and sets SM_* variables; without them the script's own values are used.
parser = argparse.ArgumentParser(allow_abbrev=False)
parser.add_argument("--steps", type=int, default=20, help='config["steps"] in the original script')
parser.add_argument("--learning_rate", "--learning-rate", "--lr", type=float, default=0.01,
                    help='config["lr"] in the original script')
parser.add_argument("--model_dir", "--model-dir", type=str, default=None,
                    help="checkpoints; an S3 URI on SageMaker (never the final model)")
args, _ = parser.parse_known_args()

config = {"steps": args.steps, "lr": args.learning_rate}
weights = tf.Variable(tf.zeros([4, 1]))
optimizer = tf.keras.optimizers.Adam(config["lr"])
features = tf.random.normal((16, 4))
for step in range(config["steps"]):
    with tf.GradientTape() as tape:
        loss = tf.reduce_mean(tf.matmul(features, weights) ** 2)
    optimizer.apply_gradients(zip(tape.gradient(loss, [weights]), [weights]))
''',
        codes=('SM203',),
    ),
    # Two optimizers (a GAN's): each flag is also named by whose optimizer it is.
    Example(
        before="""\
import tensorflow as tf

generator = tf.keras.Sequential([tf.keras.Input((2,)), tf.keras.layers.Dense(2)])
discriminator = tf.keras.Sequential([tf.keras.Input((2,)), tf.keras.layers.Dense(1)])
generator_optimizer = tf.keras.optimizers.Adam(1e-4)
discriminator_optimizer = tf.keras.optimizers.Adam(4e-4)
for epoch in range(2):
    noise = tf.random.normal((8, 2))
    with tf.GradientTape() as gen_tape, tf.GradientTape() as disc_tape:
        fake = generator(noise)
        gen_loss = -tf.reduce_mean(discriminator(fake))
        disc_loss = tf.reduce_mean(discriminator(fake))
    generator_optimizer.apply_gradients(zip(gen_tape.gradient(gen_loss, generator.trainable_variables),
                                            generator.trainable_variables))
    discriminator_optimizer.apply_gradients(zip(disc_tape.gradient(disc_loss, discriminator.trainable_variables),
                                                discriminator.trainable_variables))
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
parser.add_argument(
    "--learning_rate", "--learning-rate", "--generator_optimizer_learning_rate", "--generator-optimizer-learning-rate",
    type=float,
    default=1e-4,
    help="generator_optimizer learning rate in the original script",
)
parser.add_argument(
    "--discriminator_optimizer_learning_rate", "--discriminator-optimizer-learning-rate",
    type=float,
    default=4e-4,
    help="discriminator_optimizer learning rate in the original script",
)
parser.add_argument("--epochs", type=int, default=2,
                    help="range() of the `for epoch` loop in the original script")
parser.add_argument(
    "--sm-model-dir", "--sm_model_dir",
    type=str,
    default=os.environ.get("SM_MODEL_DIR", "sm_model"),
    help="where the final model goes (SageMaker: SM_MODEL_DIR)",
)
parser.add_argument("--model_dir", "--model-dir", type=str, default=None,
                    help="checkpoints; an S3 URI on SageMaker (never the final model)")
args, _ = parser.parse_known_args()

generator = tf.keras.Sequential([tf.keras.Input((2,)), tf.keras.layers.Dense(2)])
discriminator = tf.keras.Sequential([tf.keras.Input((2,)), tf.keras.layers.Dense(1)])
generator_optimizer = tf.keras.optimizers.Adam(args.learning_rate)
discriminator_optimizer = tf.keras.optimizers.Adam(args.discriminator_optimizer_learning_rate)
for epoch in range(args.epochs):
    noise = tf.random.normal((8, 2))
    with tf.GradientTape() as gen_tape, tf.GradientTape() as disc_tape:
        fake = generator(noise)
        gen_loss = -tf.reduce_mean(discriminator(fake))
        disc_loss = tf.reduce_mean(discriminator(fake))
    generator_optimizer.apply_gradients(zip(gen_tape.gradient(gen_loss, generator.trainable_variables),
                                            generator.trainable_variables))
    discriminator_optimizer.apply_gradients(zip(disc_tape.gradient(disc_loss, discriminator.trainable_variables),
                                                discriminator.trainable_variables))

# TensorFlow Serving SavedModel for SageMaker: <model dir>/discriminator/1 (added by sm-migrate)
_sm_export(discriminator, os.path.join(args.sm_model_dir, "discriminator", "1"))

# TensorFlow Serving SavedModel for SageMaker: <model dir>/generator/1 (added by sm-migrate)
_sm_export(generator, os.path.join(args.sm_model_dir, "generator", "1"))
''',
        codes=('SM202',),
    ),
    # A literal scaled by a run-time count (the replicas, hvd.size()) is the hyperparameter; the scaling stays around the parsed value.
    Example(
        before="""\
import numpy as np
import tensorflow as tf

strategy = tf.distribute.MirroredStrategy()
features = np.random.rand(64, 4).astype("float32")
with strategy.scope():
    model = tf.keras.Sequential([tf.keras.Input(shape=(4,)), tf.keras.layers.Dense(1)])
    model.compile(optimizer=tf.keras.optimizers.Adam(0.001 * strategy.num_replicas_in_sync), loss="mse")
model.fit(features, features.sum(axis=1), epochs=3, batch_size=16 * strategy.num_replicas_in_sync)
""",
        after='''\
import numpy as np
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
parser.add_argument("--epochs", type=int, default=3, help="fit(epochs=) in the original script")
parser.add_argument("--batch_size", "--batch-size", type=int, default=16,
                    help="fit(batch_size=) (before * strategy.num_replicas_in_sync) in the original script")
parser.add_argument("--learning_rate", "--learning-rate", type=float, default=0.001,
                    help="optimizer learning rate (before * strategy.num_replicas_in_sync) in the original script")
parser.add_argument(
    "--sm-model-dir", "--sm_model_dir",
    type=str,
    default=os.environ.get("SM_MODEL_DIR", "sm_model"),
    help="where the final model goes (SageMaker: SM_MODEL_DIR)",
)
parser.add_argument("--model_dir", "--model-dir", type=str, default=None,
                    help="checkpoints; an S3 URI on SageMaker (never the final model)")
args, _ = parser.parse_known_args()

strategy = tf.distribute.MirroredStrategy()
features = np.random.rand(64, 4).astype("float32")
with strategy.scope():
    model = tf.keras.Sequential([tf.keras.Input(shape=(4,)), tf.keras.layers.Dense(1)])
    model.compile(optimizer=tf.keras.optimizers.Adam(args.learning_rate * strategy.num_replicas_in_sync), loss="mse")
model.fit(features, features.sum(axis=1), epochs=args.epochs, batch_size=args.batch_size * strategy.num_replicas_in_sync)

# TensorFlow Serving SavedModel for SageMaker: <model dir>/1 (added by sm-migrate)
_sm_export(model, os.path.join(args.sm_model_dir, "1"))
''',
    ),
    # A name bound to a lifted constant (batch_size = BATCH_SIZE) is the same setting: one flag, lifted where the literal is, and no second flag colliding with the first's --num_epochs spelling
    Example(
        before="""\
import numpy as np
import tensorflow as tf

BATCH_SIZE = 64
NUM_EPOCHS = 30


def train(dataset, epochs):
    model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
    optimizer = tf.keras.optimizers.Adam()
    for epoch in range(epochs):
        for x, y in dataset:
            with tf.GradientTape() as tape:
                loss = tf.reduce_mean(tf.square(model(x) - y))
            grads = tape.gradient(loss, model.trainable_variables)
            optimizer.apply_gradients(zip(grads, model.trainable_variables))
    return model


batch_size = BATCH_SIZE
num_epochs = NUM_EPOCHS
dataset = tf.data.Dataset.from_tensor_slices((np.ones((64, 3)), np.ones((64, 1)))).batch(batch_size)
model = train(dataset, num_epochs)
model.save("model.keras")
""",
        after='''\
import numpy as np
import tensorflow as tf
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
parser.add_argument("--batch_size", "--batch-size", type=int, default=64,
                    help="BATCH_SIZE in the original script")
parser.add_argument("--epochs", "--num_epochs", "--num-epochs", type=int, default=30,
                    help="NUM_EPOCHS in the original script")
parser.add_argument(
    "--sm-model-dir", "--sm_model_dir",
    type=str,
    default=os.environ.get("SM_MODEL_DIR", "sm_model"),
    help="where the final model goes (SageMaker: SM_MODEL_DIR)",
)
parser.add_argument("--model_dir", "--model-dir", type=str, default=None,
                    help="checkpoints; an S3 URI on SageMaker (never the final model)")
args, _ = parser.parse_known_args()

BATCH_SIZE = args.batch_size
NUM_EPOCHS = args.epochs


def train(dataset, epochs):
    model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
    optimizer = tf.keras.optimizers.Adam()
    for epoch in range(epochs):
        for x, y in dataset:
            with tf.GradientTape() as tape:
                loss = tf.reduce_mean(tf.square(model(x) - y))
            grads = tape.gradient(loss, model.trainable_variables)
            optimizer.apply_gradients(zip(grads, model.trainable_variables))
    return model


batch_size = BATCH_SIZE
num_epochs = NUM_EPOCHS
dataset = tf.data.Dataset.from_tensor_slices((np.ones((64, 3)), np.ones((64, 1)))).batch(batch_size)
model = train(dataset, num_epochs)
model.save(_sm_path("model.keras", os.path.join(args.sm_model_dir, "model.keras")))

# TensorFlow Serving SavedModel for SageMaker: <model dir>/1 (added by sm-migrate)
_sm_export(model, os.path.join(args.sm_model_dir, "1"))
''',
    ),
    # A value computed from a constant (num_epochs = steps(NUM_EPOCHS) // 2): --epochs is the value fit takes, the
    # constant keeps --num_epochs, and no option string is given to two arguments
    Example(
        before="""\
import numpy as np
import tensorflow as tf

NUM_EPOCHS = 30


def steps(n):
    return n * 2


num_epochs = steps(NUM_EPOCHS) // 2
model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
model.compile(optimizer="adam", loss="mse")
model.fit(np.ones((8, 3)), np.ones((8, 1)), epochs=num_epochs)
model.fit(np.ones((8, 3)), np.ones((8, 1)), epochs=NUM_EPOCHS)
model.save("model.keras")
""",
        after='''\
import numpy as np
import tensorflow as tf
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
parser.add_argument("--num_epochs", "--num-epochs", type=int, default=30,
                    help="NUM_EPOCHS in the original script")
parser.add_argument("--epochs", type=int, default=None,
                    help="num_epochs in the original script (computed at run time; default: the script's value)")
parser.add_argument(
    "--sm-model-dir", "--sm_model_dir",
    type=str,
    default=os.environ.get("SM_MODEL_DIR", "sm_model"),
    help="where the final model goes (SageMaker: SM_MODEL_DIR)",
)
parser.add_argument("--model_dir", "--model-dir", type=str, default=None,
                    help="checkpoints; an S3 URI on SageMaker (never the final model)")
args, _ = parser.parse_known_args()

NUM_EPOCHS = args.num_epochs


def steps(n):
    return n * 2


num_epochs = args.epochs if args.epochs is not None else steps(NUM_EPOCHS) // 2
model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
model.compile(optimizer="adam", loss="mse")
model.fit(np.ones((8, 3)), np.ones((8, 1)), epochs=num_epochs)
model.fit(np.ones((8, 3)), np.ones((8, 1)), epochs=NUM_EPOCHS)
model.save(_sm_path("model.keras", os.path.join(args.sm_model_dir, "model.keras")))

# TensorFlow Serving SavedModel for SageMaker: <model dir>/1 (added by sm-migrate)
_sm_export(model, os.path.join(args.sm_model_dir, "1"))
''',
    ),
    # A whole-number dropout or learning rate (DROPOUT = 0, LEARNING_RATE = 1) takes a fraction from SageMaker: type=float
    Example(
        before="""\
import numpy as np
import tensorflow as tf

EPOCHS = 2
DROPOUT = 0
LEARNING_RATE = 1

model = tf.keras.Sequential([tf.keras.layers.Dropout(DROPOUT), tf.keras.layers.Dense(1)])
model.compile(optimizer=tf.keras.optimizers.SGD(LEARNING_RATE), loss="mse")
model.fit(np.ones((8, 3)), np.ones((8, 1)), epochs=EPOCHS)
model.save("model.keras")
""",
        after='''\
import numpy as np
import tensorflow as tf
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
parser.add_argument("--dropout", type=float, default=0, help="DROPOUT in the original script")
parser.add_argument("--learning_rate", "--learning-rate", type=float, default=1,
                    help="LEARNING_RATE in the original script")
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
DROPOUT = args.dropout
LEARNING_RATE = args.learning_rate

model = tf.keras.Sequential([tf.keras.layers.Dropout(DROPOUT), tf.keras.layers.Dense(1)])
model.compile(optimizer=tf.keras.optimizers.SGD(LEARNING_RATE), loss="mse")
model.fit(np.ones((8, 3)), np.ones((8, 1)), epochs=EPOCHS)
model.save(_sm_path("model.keras", os.path.join(args.sm_model_dir, "model.keras")))

# TensorFlow Serving SavedModel for SageMaker: <model dir>/1 (added by sm-migrate)
_sm_export(model, os.path.join(args.sm_model_dir, "1"))
''',
    ),
    # A chained assignment (epochs = n_epochs = 2) is one setting: lifted, both names keep it
    Example(
        before="""\
import numpy as np
import tensorflow as tf

epochs = n_epochs = 2
model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
model.compile(optimizer="adam", loss="mse")
model.fit(np.ones((8, 3)), np.ones((8, 1)), epochs=n_epochs)
model.save("model.keras")
""",
        after='''\
import numpy as np
import tensorflow as tf
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
parser.add_argument("--epochs", "--n_epochs", "--n-epochs", type=int, default=2,
                    help="n_epochs in the original script")
parser.add_argument(
    "--sm-model-dir", "--sm_model_dir",
    type=str,
    default=os.environ.get("SM_MODEL_DIR", "sm_model"),
    help="where the final model goes (SageMaker: SM_MODEL_DIR)",
)
parser.add_argument("--model_dir", "--model-dir", type=str, default=None,
                    help="checkpoints; an S3 URI on SageMaker (never the final model)")
args, _ = parser.parse_known_args()

epochs = n_epochs = args.epochs
model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
model.compile(optimizer="adam", loss="mse")
model.fit(np.ones((8, 3)), np.ones((8, 1)), epochs=n_epochs)
model.save(_sm_path("model.keras", os.path.join(args.sm_model_dir, "model.keras")))

# TensorFlow Serving SavedModel for SageMaker: <model dir>/1 (added by sm-migrate)
_sm_export(model, os.path.join(args.sm_model_dir, "1"))
''',
    ),
    # A PiecewiseConstantDecay has no single rate to lift: its boundaries are not a learning rate
    Example(
        before="""\
import numpy as np
import tensorflow as tf

EPOCHS = 2
LRS = [0.01, 0.001]
BOUNDS = [2]
schedule = tf.keras.optimizers.schedules.PiecewiseConstantDecay(BOUNDS, LRS)
model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
model.compile(optimizer=tf.keras.optimizers.SGD(schedule), loss="mse")
model.fit(np.ones((8, 3)), np.ones((8, 1)), epochs=EPOCHS)
model.save("model.keras")
""",
        after='''\
import numpy as np
import tensorflow as tf
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
LRS = [0.01, 0.001]
BOUNDS = [2]
schedule = tf.keras.optimizers.schedules.PiecewiseConstantDecay(BOUNDS, LRS)
model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
model.compile(optimizer=tf.keras.optimizers.SGD(schedule), loss="mse")
model.fit(np.ones((8, 3)), np.ones((8, 1)), epochs=EPOCHS)
model.save(_sm_path("model.keras", os.path.join(args.sm_model_dir, "model.keras")))

# TensorFlow Serving SavedModel for SageMaker: <model dir>/1 (added by sm-migrate)
_sm_export(model, os.path.join(args.sm_model_dir, "1"))
''',
    ),
    # fit(**fit_kwargs): the training arguments in a mapping are reported, not silently left to the script's values
    Example(
        before="""\
import numpy as np
import tensorflow as tf

fit_kwargs = dict(epochs=2, batch_size=8, verbose=0)
model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
model.compile(optimizer="adam", loss="mse")
model.fit(np.ones((8, 3)), np.ones((8, 1)), **fit_kwargs)
model.save("model.keras")
""",
        after='''\
import numpy as np
import tensorflow as tf
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
parser.add_argument(
    "--sm-model-dir", "--sm_model_dir",
    type=str,
    default=os.environ.get("SM_MODEL_DIR", "sm_model"),
    help="where the final model goes (SageMaker: SM_MODEL_DIR)",
)
parser.add_argument("--model_dir", "--model-dir", type=str, default=None,
                    help="checkpoints; an S3 URI on SageMaker (never the final model)")
args, _ = parser.parse_known_args()

fit_kwargs = dict(epochs=2, batch_size=8, verbose=0)
model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
model.compile(optimizer="adam", loss="mse")
model.fit(np.ones((8, 3)), np.ones((8, 1)), **fit_kwargs)
model.save(_sm_path("model.keras", os.path.join(args.sm_model_dir, "model.keras")))

# TensorFlow Serving SavedModel for SageMaker: <model dir>/1 (added by sm-migrate)
_sm_export(model, os.path.join(args.sm_model_dir, "1"))
''',
        codes=('SM101',),
    ),
    # a training argument computed from a constant of the same name: --epochs is what fit takes, the constant keeps its own flag
    Example(
        before="""\
import tensorflow as tf

NUM_EPOCHS = 10

model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
model.compile(optimizer="adam", loss="mse")
model.fit(x_train, y_train, epochs=NUM_EPOCHS // 2)
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
parser.add_argument("--epochs", type=int, default=None,
                    help="fit(epochs=) in the original script (computed at run time; default: the script's value)")
parser.add_argument("--num_epochs", "--num-epochs", type=int, default=10,
                    help="NUM_EPOCHS in the original script")
parser.add_argument(
    "--sm-model-dir", "--sm_model_dir",
    type=str,
    default=os.environ.get("SM_MODEL_DIR", "sm_model"),
    help="where the final model goes (SageMaker: SM_MODEL_DIR)",
)
parser.add_argument("--model_dir", "--model-dir", type=str, default=None,
                    help="checkpoints; an S3 URI on SageMaker (never the final model)")
args, _ = parser.parse_known_args()

NUM_EPOCHS = args.num_epochs

model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
model.compile(optimizer="adam", loss="mse")
model.fit(x_train, y_train, epochs=args.epochs if args.epochs is not None else NUM_EPOCHS // 2)

# TensorFlow Serving SavedModel for SageMaker: <model dir>/1 (added by sm-migrate)
_sm_export(model, os.path.join(args.sm_model_dir, "1"))
''',
    ),
    # a value computed from such a constant in a function: --epochs overrides it, not the constant it is computed from
    Example(
        before="""\
import tensorflow as tf

NUM_EPOCHS = 10


def main():
    epochs = NUM_EPOCHS // 2
    model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
    model.compile(optimizer="adam", loss="mse")
    model.fit(x_train, y_train, epochs=epochs)


if __name__ == "__main__":
    main()
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
parser.add_argument("--num_epochs", "--num-epochs", type=int, default=10,
                    help="NUM_EPOCHS in the original script")
parser.add_argument("--epochs", type=int, default=None,
                    help="epochs in the original script (computed at run time; default: the script's value)")
parser.add_argument(
    "--sm-model-dir", "--sm_model_dir",
    type=str,
    default=os.environ.get("SM_MODEL_DIR", "sm_model"),
    help="where the final model goes (SageMaker: SM_MODEL_DIR)",
)
parser.add_argument("--model_dir", "--model-dir", type=str, default=None,
                    help="checkpoints; an S3 URI on SageMaker (never the final model)")
args, _ = parser.parse_known_args()

NUM_EPOCHS = args.num_epochs


def main():
    epochs = args.epochs if args.epochs is not None else NUM_EPOCHS // 2
    model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
    model.compile(optimizer="adam", loss="mse")
    model.fit(x_train, y_train, epochs=epochs)

    # TensorFlow Serving SavedModel for SageMaker: <model dir>/1 (added by sm-migrate)
    _sm_export(model, os.path.join(args.sm_model_dir, "1"))


if __name__ == "__main__":
    main()
''',
    ),
    # settings read with dict.get(): the entry is lifted, as for config[...]
    Example(
        before="""\
import tensorflow as tf

config = {"epochs": 5, "lr": 0.01}
model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
model.compile(optimizer=tf.keras.optimizers.Adam(config.get("lr", 0.001)), loss="mse")
model.fit(x_train, y_train, epochs=config.get("epochs", 1), verbose=config.get("verbose", 2))
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
parser.add_argument("--epochs", type=int, default=5,
                    help='config.get("epochs", 1) in the original script')
parser.add_argument("--learning_rate", "--learning-rate", "--lr", type=float, default=0.01,
                    help='config.get("lr", 0.001) in the original script')
parser.add_argument(
    "--sm-model-dir", "--sm_model_dir",
    type=str,
    default=os.environ.get("SM_MODEL_DIR", "sm_model"),
    help="where the final model goes (SageMaker: SM_MODEL_DIR)",
)
parser.add_argument("--model_dir", "--model-dir", type=str, default=None,
                    help="checkpoints; an S3 URI on SageMaker (never the final model)")
args, _ = parser.parse_known_args()

config = {"epochs": args.epochs, "lr": args.learning_rate}
model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
model.compile(optimizer=tf.keras.optimizers.Adam(config.get("lr", 0.001)), loss="mse")
model.fit(x_train, y_train, epochs=config.get("epochs", 1), verbose=config.get("verbose", 2))

# TensorFlow Serving SavedModel for SageMaker: <model dir>/1 (added by sm-migrate)
_sm_export(model, os.path.join(args.sm_model_dir, "1"))
''',
    ),
    # a setting converted at the call (int(EPOCHS)): the setting is lifted
    Example(
        before="""\
import os

import tensorflow as tf

EPOCHS = os.environ.get("EPOCHS", 5)
model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
model.compile(optimizer="adam", loss="mse")
model.fit(x_train, y_train, epochs=int(EPOCHS))
""",
        after='''\
import os

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
parser.add_argument("--epochs", type=int, default=None,
                    help="EPOCHS in the original script (computed at run time; default: the script's value)")
parser.add_argument(
    "--sm-model-dir", "--sm_model_dir",
    type=str,
    default=os.environ.get("SM_MODEL_DIR", "sm_model"),
    help="where the final model goes (SageMaker: SM_MODEL_DIR)",
)
parser.add_argument("--model_dir", "--model-dir", type=str, default=None,
                    help="checkpoints; an S3 URI on SageMaker (never the final model)")
args, _ = parser.parse_known_args()

EPOCHS = args.epochs if args.epochs is not None else os.environ.get("EPOCHS", 5)
model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
model.compile(optimizer="adam", loss="mse")
model.fit(x_train, y_train, epochs=int(EPOCHS))

# TensorFlow Serving SavedModel for SageMaker: <model dir>/1 (added by sm-migrate)
_sm_export(model, os.path.join(args.sm_model_dir, "1"))
''',
    ),
    # a constant above a parser returned by a function: re-bound after the caller's args = parse_args(), not after the return
    Example(
        before="""\
import argparse

import tensorflow as tf

EPOCHS = 5


def train(args):
    model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
    model.compile("adam", "mse")
    model.fit(x_train, y_train, epochs=EPOCHS)


def parse_args():
    parser = argparse.ArgumentParser()
    parser.add_argument("--verbose", type=int, default=2)
    return parser.parse_args()


if __name__ == "__main__":
    args = parse_args()
    train(args)
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

EPOCHS = 5


def train(args):
    model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
    model.compile("adam", "mse")
    model.fit(x_train, y_train, epochs=EPOCHS)

    # TensorFlow Serving SavedModel for SageMaker: <model dir>/1 (added by sm-migrate)
    _sm_export(model, os.path.join(os.environ.get("SM_MODEL_DIR", "sm_model"), "1"))


def parse_args():
    parser = argparse.ArgumentParser()
    parser.add_argument("--verbose", type=int, default=2)
    parser.add_argument("--epochs", type=int, default=5, help="EPOCHS in the original script")
    parser.add_argument("--model_dir", "--model-dir", type=str, default=None,
                        help="checkpoints; an S3 URI on SageMaker (never the final model)")
    return parser.parse_known_args()[0]


if __name__ == "__main__":
    args = parse_args()
    EPOCHS = args.epochs
    train(args)
''',
    ),
    # Values computed at the call from settings of any case (base_epochs, bs) get the override; INPUT_DIM is the data's shape, not lifted
    Example(
        before="""\
import numpy as np
import tensorflow as tf

INPUT_DIM = 3
base_epochs = 4
bs = 8
x = np.random.rand(64, INPUT_DIM).astype("float32")
model = tf.keras.Sequential([tf.keras.Input(shape=(INPUT_DIM,)), tf.keras.layers.Dense(1)])
model.compile(optimizer="adam", loss="mse")
model.fit(x, x[:, :1], epochs=base_epochs // 2, batch_size=bs * 2)
""",
        after='''\
import numpy as np
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
parser.add_argument("--base_epochs", "--base-epochs", type=int, default=4,
                    help="base_epochs in the original script")
parser.add_argument("--epochs", type=int, default=None,
                    help="fit(epochs=) in the original script (computed at run time; default: the script's value)")
parser.add_argument("--batch_size", "--batch-size", type=int, default=None,
                    help="fit(batch_size=) in the original script (computed at run time; default: the script's value)")
parser.add_argument(
    "--sm-model-dir", "--sm_model_dir",
    type=str,
    default=os.environ.get("SM_MODEL_DIR", "sm_model"),
    help="where the final model goes (SageMaker: SM_MODEL_DIR)",
)
parser.add_argument("--model_dir", "--model-dir", type=str, default=None,
                    help="checkpoints; an S3 URI on SageMaker (never the final model)")
args, _ = parser.parse_known_args()

INPUT_DIM = 3
base_epochs = args.base_epochs
bs = 8
x = np.random.rand(64, INPUT_DIM).astype("float32")
model = tf.keras.Sequential([tf.keras.Input(shape=(INPUT_DIM,)), tf.keras.layers.Dense(1)])
model.compile(optimizer="adam", loss="mse")
model.fit(x, x[:, :1], epochs=args.epochs if args.epochs is not None else base_epochs // 2, batch_size=args.batch_size if args.batch_size is not None else bs * 2)

# TensorFlow Serving SavedModel for SageMaker: <model dir>/1 (added by sm-migrate)
_sm_export(model, os.path.join(args.sm_model_dir, "1"))
''',
    ),
    # A sweep: loop variables over a list of values are reported, not lifted; the settings outside the loop are
    Example(
        before="""\
import numpy as np
import tensorflow as tf

epochs, batch_size = 3, 16
learning_rates = [0.1, 0.01]
x = np.random.rand(64, 3).astype("float32")
for lr in learning_rates:
    for bs in (8, batch_size):
        model = tf.keras.Sequential([tf.keras.Input(shape=(3,)), tf.keras.layers.Dense(1)])
        model.compile(optimizer=tf.keras.optimizers.SGD(learning_rate=lr), loss="mse")
        model.fit(x, x[:, :1], epochs=epochs, batch_size=bs, verbose=0)
""",
        after='''\
import numpy as np
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
parser.add_argument(
    "--sm-model-dir", "--sm_model_dir",
    type=str,
    default=os.environ.get("SM_MODEL_DIR", "sm_model"),
    help="where the final model goes (SageMaker: SM_MODEL_DIR)",
)
parser.add_argument("--model_dir", "--model-dir", type=str, default=None,
                    help="checkpoints; an S3 URI on SageMaker (never the final model)")
args, _ = parser.parse_known_args()

epochs, batch_size = args.epochs, 16
learning_rates = [0.1, 0.01]
x = np.random.rand(64, 3).astype("float32")
for lr in learning_rates:
    for bs in (8, batch_size):
        model = tf.keras.Sequential([tf.keras.Input(shape=(3,)), tf.keras.layers.Dense(1)])
        model.compile(optimizer=tf.keras.optimizers.SGD(learning_rate=lr), loss="mse")
        model.fit(x, x[:, :1], epochs=epochs, batch_size=bs, verbose=0)

# TensorFlow Serving SavedModel for SageMaker: <model dir>/1 (added by sm-migrate)
_sm_export(model, os.path.join(args.sm_model_dir, "1"))
''',
        codes=('SM101', 'SM101'),
    ),
    # A setting one call takes whole and another halves (two stages): one flag, the halved stage follows it as the script derives it
    Example(
        before="""\
import numpy as np
import tensorflow as tf

INPUT_DIM = 3
HIDDEN_DIM = 8
BASE_EPOCHS = 4
BATCH_SIZE = 16
x = np.random.rand(64, INPUT_DIM).astype("float32")
y = x.sum(axis=1, keepdims=True)
model = tf.keras.Sequential([tf.keras.Input(shape=(INPUT_DIM,)), tf.keras.layers.Dense(HIDDEN_DIM), tf.keras.layers.Dense(1)])
model.compile(optimizer="adam", loss="mse")
h = model.fit(x, y, epochs=BASE_EPOCHS // 2, batch_size=BATCH_SIZE * 2, verbose=0)
h = model.fit(x, y, epochs=BASE_EPOCHS, batch_size=BATCH_SIZE, verbose=0)
""",
        after='''\
import numpy as np
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
parser.add_argument("--hidden_dim", "--hidden-dim", type=int, default=8,
                    help="HIDDEN_DIM in the original script")
parser.add_argument("--epochs", "--base_epochs", "--base-epochs", type=int, default=4,
                    help="BASE_EPOCHS in the original script")
parser.add_argument("--batch_size", "--batch-size", type=int, default=16,
                    help="BATCH_SIZE in the original script")
parser.add_argument(
    "--sm-model-dir", "--sm_model_dir",
    type=str,
    default=os.environ.get("SM_MODEL_DIR", "sm_model"),
    help="where the final model goes (SageMaker: SM_MODEL_DIR)",
)
parser.add_argument("--model_dir", "--model-dir", type=str, default=None,
                    help="checkpoints; an S3 URI on SageMaker (never the final model)")
args, _ = parser.parse_known_args()

INPUT_DIM = 3
HIDDEN_DIM = args.hidden_dim
BASE_EPOCHS = args.epochs
BATCH_SIZE = args.batch_size
x = np.random.rand(64, INPUT_DIM).astype("float32")
y = x.sum(axis=1, keepdims=True)
model = tf.keras.Sequential([tf.keras.Input(shape=(INPUT_DIM,)), tf.keras.layers.Dense(HIDDEN_DIM), tf.keras.layers.Dense(1)])
model.compile(optimizer="adam", loss="mse")
h = model.fit(x, y, epochs=BASE_EPOCHS // 2, batch_size=BATCH_SIZE * 2, verbose=0)
h = model.fit(x, y, epochs=BASE_EPOCHS, batch_size=BATCH_SIZE, verbose=0)

# TensorFlow Serving SavedModel for SageMaker: <model dir>/1 (added by sm-migrate)
_sm_export(model, os.path.join(args.sm_model_dir, "1"))
''',
    ),
    # inside a function, the epochs a loop counts with an offset (`range(1, epochs + 1)`): the name is lifted, the loop keeps its offset
    Example(
        before="""\
import tensorflow as tf


def main():
    epochs = 3
    model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
    optimizer = tf.keras.optimizers.SGD(0.1)
    for epoch in range(1, epochs + 1):
        with tf.GradientTape() as tape:
            loss = tf.reduce_mean(model(tf.ones((4, 2))) ** 2)
        grads = tape.gradient(loss, model.trainable_variables)
        optimizer.apply_gradients(zip(grads, model.trainable_variables))
        print(f"epoch {epoch}/{epochs}: {float(loss):.4f}")


main()
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
parser.add_argument("--epochs", type=int, default=3, help="epochs in the original script")
parser.add_argument("--learning_rate", "--learning-rate", type=float, default=0.1,
                    help="optimizer learning rate in the original script")
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
    epochs = args.epochs
    model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
    optimizer = tf.keras.optimizers.SGD(args.learning_rate)
    for epoch in range(1, epochs + 1):
        with tf.GradientTape() as tape:
            loss = tf.reduce_mean(model(tf.ones((4, 2))) ** 2)
        grads = tape.gradient(loss, model.trainable_variables)
        optimizer.apply_gradients(zip(grads, model.trainable_variables))
        print(f"epoch {epoch}/{epochs}: {float(loss):.4f}")

    # TensorFlow Serving SavedModel for SageMaker: <model dir>/1 (added by sm-migrate)
    _sm_export(model, os.path.join(args.sm_model_dir, "1"))


main()
''',
    ),
    # settings read from a file at run time (`config = json.load(f)`, then `config["epochs"]`, `config.get("batch_size", 32)`, nested keys): an override with default None replaces each read a training argument takes; the file's value stays when SageMaker passes none
    Example(
        before="""\
import json

import numpy as np
import tensorflow as tf

with open("config.json") as f:
    config = json.load(f)
with np.load("data/train.npz") as d:
    x, y = d["x"], d["y"]
model = tf.keras.Sequential([tf.keras.layers.Dense(config["units"]), tf.keras.layers.Dense(1)])
model.compile(optimizer=tf.keras.optimizers.Adam(config["optimizer"]["lr"]), loss="mse")
model.fit(x, y, epochs=config["epochs"], batch_size=config.get("batch_size", 32))
""",
        after='''\
import json

import numpy as np
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
parser.add_argument("--learning_rate", "--learning-rate", type=float, default=None,
                    help="optimizer learning rate in the original script (computed at run time; default: the script's value)")
parser.add_argument("--epochs", type=int, default=None,
                    help="fit(epochs=) in the original script (computed at run time; default: the script's value)")
parser.add_argument("--batch_size", "--batch-size", type=int, default=None,
                    help="fit(batch_size=) in the original script (computed at run time; default: the script's value)")
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

with open("config.json") as f:
    config = json.load(f)
with np.load(os.path.join(args.data, "train.npz")) as d:
    x, y = d["x"], d["y"]
model = tf.keras.Sequential([tf.keras.layers.Dense(config["units"]), tf.keras.layers.Dense(1)])
model.compile(optimizer=tf.keras.optimizers.Adam(args.learning_rate if args.learning_rate is not None else config["optimizer"]["lr"]), loss="mse")
model.fit(x, y, epochs=args.epochs if args.epochs is not None else config["epochs"], batch_size=args.batch_size if args.batch_size is not None else config.get("batch_size", 32))

# TensorFlow Serving SavedModel for SageMaker: <model dir>/1 (added by sm-migrate)
_sm_export(model, os.path.join(args.sm_model_dir, "1"))
''',
    ),
    # a literal batch size of the data fit takes (`.batch(16)`), validation's where it is the same: one --batch_size for both; a scoring pipeline's stays (as sizes that differ do)
    Example(
        before="""\
import tensorflow as tf

features = tf.random.uniform((64, 3))
targets = tf.reduce_sum(features, axis=1)
train = tf.data.Dataset.from_tensor_slices((features, targets)).shuffle(64).batch(16)
valid = tf.data.Dataset.from_tensor_slices((features, targets)).batch(16)
scoring = tf.data.Dataset.from_tensor_slices(features).batch(16)
model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
model.compile("adam", "mse")
model.fit(train, validation_data=valid, epochs=2)
print(model.predict(scoring))
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
parser.add_argument("--batch_size", "--batch-size", type=int, default=16,
                    help="tf.data batch() in the original script")
parser.add_argument(
    "--sm-model-dir", "--sm_model_dir",
    type=str,
    default=os.environ.get("SM_MODEL_DIR", "sm_model"),
    help="where the final model goes (SageMaker: SM_MODEL_DIR)",
)
parser.add_argument("--model_dir", "--model-dir", type=str, default=None,
                    help="checkpoints; an S3 URI on SageMaker (never the final model)")
args, _ = parser.parse_known_args()

features = tf.random.uniform((64, 3))
targets = tf.reduce_sum(features, axis=1)
train = tf.data.Dataset.from_tensor_slices((features, targets)).shuffle(64).batch(args.batch_size)
valid = tf.data.Dataset.from_tensor_slices((features, targets)).batch(args.batch_size)
scoring = tf.data.Dataset.from_tensor_slices(features).batch(16)
model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
model.compile("adam", "mse")
model.fit(train, validation_data=valid, epochs=args.epochs)

# TensorFlow Serving SavedModel for SageMaker: <model dir>/1 (added by sm-migrate)
_sm_export(model, os.path.join(args.sm_model_dir, "1"))
print(model.predict(scoring))
''',
    ),
    # the literal batch size of the data a custom loop iterates around its step function is the batch size; a prediction pipeline's `.batch(1)` stays
    Example(
        before="""\
import tensorflow as tf


def main():
    features, targets = tf.ones((64, 3)), tf.ones((64, 1))
    train = tf.data.Dataset.from_tensor_slices((features, targets)).batch(16)
    scoring = tf.data.Dataset.from_tensor_slices(features).batch(1)
    model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
    optimizer = tf.keras.optimizers.SGD(0.1)

    @tf.function
    def train_step(x, y):
        with tf.GradientTape() as tape:
            loss = tf.reduce_mean((model(x) - y) ** 2)
        optimizer.apply_gradients(zip(tape.gradient(loss, model.trainable_variables), model.trainable_variables))

    for epoch in range(3):
        for x, y in train:
            train_step(x, y)
    print(model.predict(scoring).shape)


main()
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
parser.add_argument("--learning_rate", "--learning-rate", type=float, default=0.1,
                    help="optimizer learning rate in the original script")
parser.add_argument("--epochs", type=int, default=3,
                    help="range() of the `for epoch` loop in the original script")
parser.add_argument("--batch_size", "--batch-size", type=int, default=16,
                    help="tf.data batch() in the original script")
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
    features, targets = tf.ones((64, 3)), tf.ones((64, 1))
    train = tf.data.Dataset.from_tensor_slices((features, targets)).batch(args.batch_size)
    scoring = tf.data.Dataset.from_tensor_slices(features).batch(1)
    model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
    optimizer = tf.keras.optimizers.SGD(args.learning_rate)

    @tf.function
    def train_step(x, y):
        with tf.GradientTape() as tape:
            loss = tf.reduce_mean((model(x) - y) ** 2)
        optimizer.apply_gradients(zip(tape.gradient(loss, model.trainable_variables), model.trainable_variables))

    for epoch in range(args.epochs):
        for x, y in train:
            train_step(x, y)

    # TensorFlow Serving SavedModel for SageMaker: <model dir>/1 (added by sm-migrate)
    _sm_export(model, os.path.join(args.sm_model_dir, "1"))
    print(model.predict(scoring).shape)


main()
''',
    ),
    # a settings object built from a file (`Config(**json.load(f))`): its fields are the file's values, so they get overrides like the file's keys
    Example(
        before="""\
import json
from dataclasses import dataclass

import tensorflow as tf


@dataclass
class Config:
    epochs: int
    lr: float


with open("config.json") as f:
    cfg = Config(**json.load(f))
model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
model.compile(optimizer=tf.keras.optimizers.Adam(cfg.lr), loss="mse")
model.fit(tf.ones((8, 2)), tf.ones((8, 1)), epochs=cfg.epochs)
""",
        after='''\
import json
from dataclasses import dataclass

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
parser.add_argument("--learning_rate", "--learning-rate", type=float, default=None,
                    help="optimizer learning rate in the original script (computed at run time; default: the script's value)")
parser.add_argument("--epochs", type=int, default=None,
                    help="fit(epochs=) in the original script (computed at run time; default: the script's value)")
parser.add_argument(
    "--sm-model-dir", "--sm_model_dir",
    type=str,
    default=os.environ.get("SM_MODEL_DIR", "sm_model"),
    help="where the final model goes (SageMaker: SM_MODEL_DIR)",
)
parser.add_argument("--model_dir", "--model-dir", type=str, default=None,
                    help="checkpoints; an S3 URI on SageMaker (never the final model)")
args, _ = parser.parse_known_args()


@dataclass
class Config:
    epochs: int
    lr: float


with open("config.json") as f:
    cfg = Config(**json.load(f))
model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
model.compile(optimizer=tf.keras.optimizers.Adam(args.learning_rate if args.learning_rate is not None else cfg.lr), loss="mse")
model.fit(tf.ones((8, 2)), tf.ones((8, 1)), epochs=args.epochs if args.epochs is not None else cfg.epochs)

# TensorFlow Serving SavedModel for SageMaker: <model dir>/1 (added by sm-migrate)
_sm_export(model, os.path.join(args.sm_model_dir, "1"))
''',
    ),
    # a function filled from the parsed command line (`train(**vars(parser.parse_args()))`): a parameter no option fills keeps its default, so that default is the setting (on SageMaker's parser, as the namespace is splatted whole)
    Example(
        before="""\
import argparse

import tensorflow as tf


def train(learning_rate, epochs=3):
    model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
    model.compile(optimizer=tf.keras.optimizers.Adam(learning_rate), loss="mse")
    model.fit(tf.ones((8, 2)), tf.ones((8, 1)), epochs=epochs)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--learning-rate", type=float, default=0.01)
    train(**vars(parser.parse_args()))
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


# SageMaker script-mode arguments (added by sm-migrate): SageMaker passes hyperparameters as
# `--name value` and sets SM_* variables; without them the script's own values are used.
sm_parser = argparse.ArgumentParser(allow_abbrev=False, add_help=False)
sm_parser.add_argument("--epochs", type=int, default=3,
                       help="fit(epochs=) through train(epochs) at line 6 in the original script")
sm_parser.add_argument(
    "--sm-model-dir", "--sm_model_dir",
    type=str,
    default=os.environ.get("SM_MODEL_DIR", "sm_model"),
    help="where the final model goes (SageMaker: SM_MODEL_DIR)",
)
sm_parser.add_argument("--model_dir", "--model-dir", type=str, default=None,
                       help="checkpoints; an S3 URI on SageMaker (never the final model)")
sm_args, _ = sm_parser.parse_known_args()


def train(learning_rate, epochs=sm_args.epochs):
    model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
    model.compile(optimizer=tf.keras.optimizers.Adam(learning_rate), loss="mse")
    model.fit(tf.ones((8, 2)), tf.ones((8, 1)), epochs=epochs)

    # TensorFlow Serving SavedModel for SageMaker: <model dir>/1 (added by sm-migrate)
    _sm_export(model, os.path.join(sm_args.sm_model_dir, "1"))


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--learning-rate", "--learning_rate", type=float, default=0.01)
    train(**vars(parser.parse_known_args()[0]))
''',
    ),
    # the batch size a script's own `keras.utils.Sequence` is built with, for the data fit takes, is the batch size
    Example(
        before="""\
import math

import numpy as np
import tensorflow as tf


class Batches(tf.keras.utils.Sequence):
    def __init__(self, x, y, batch_size):
        super().__init__()
        self.x, self.y, self.batch_size = x, y, batch_size

    def __len__(self):
        return math.ceil(len(self.x) / self.batch_size)

    def __getitem__(self, index):
        part = slice(index * self.batch_size, (index + 1) * self.batch_size)
        return self.x[part], self.y[part]


model = tf.keras.Sequential([tf.keras.Input((2,)), tf.keras.layers.Dense(1)])
model.compile(optimizer="adam", loss="mse")
model.fit(Batches(np.ones((8, 2)), np.ones((8, 1)), batch_size=4), epochs=2)
""",
        after='''\
import math

import numpy as np
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
parser.add_argument("--batch_size", "--batch-size", type=int, default=4,
                    help="Batches() in the original script")
parser.add_argument(
    "--sm-model-dir", "--sm_model_dir",
    type=str,
    default=os.environ.get("SM_MODEL_DIR", "sm_model"),
    help="where the final model goes (SageMaker: SM_MODEL_DIR)",
)
parser.add_argument("--model_dir", "--model-dir", type=str, default=None,
                    help="checkpoints; an S3 URI on SageMaker (never the final model)")
args, _ = parser.parse_known_args()


class Batches(tf.keras.utils.Sequence):
    def __init__(self, x, y, batch_size):
        super().__init__()
        self.x, self.y, self.batch_size = x, y, batch_size

    def __len__(self):
        return math.ceil(len(self.x) / self.batch_size)

    def __getitem__(self, index):
        part = slice(index * self.batch_size, (index + 1) * self.batch_size)
        return self.x[part], self.y[part]


model = tf.keras.Sequential([tf.keras.Input((2,)), tf.keras.layers.Dense(1)])
model.compile(optimizer="adam", loss="mse")
model.fit(Batches(np.ones((8, 2)), np.ones((8, 1)), batch_size=args.batch_size), epochs=args.epochs)

# TensorFlow Serving SavedModel for SageMaker: <model dir>/1 (added by sm-migrate)
_sm_export(model, os.path.join(args.sm_model_dir, "1"))
''',
    ),
)
