"""Examples of the keras3_apis rule: whole scripts, before and after."""

from sm_migrate.transforms.rules.base import Example

EXAMPLES = (
    Example(
        before="""\
import argparse
import os

import numpy as np
import tensorflow as tf

parser = argparse.ArgumentParser()
parser.add_argument("--epochs", type=int, default=2)
parser.add_argument("--steps", type=int, default=2)
parser.add_argument("--learning-rate", type=float, default=0.01)
parser.add_argument("--sm-model-dir", type=str, default=os.environ.get("SM_MODEL_DIR", "model"))
args, _ = parser.parse_known_args()


def batches():
    while True:
        yield np.zeros((4, 3)), np.zeros((4, 1))


model = tf.keras.Sequential([tf.keras.Input(shape=(3,)), tf.keras.layers.Dense(1)])
model.compile(optimizer=tf.keras.optimizers.Adam(lr=args.learning_rate), loss="mse")
model.fit_generator(batches(), steps_per_epoch=args.steps,
                    epochs=args.epochs)
print(model.evaluate_generator(batches(), steps=args.steps))
print(model.predict_generator(batches(), steps=args.steps).shape)
model.fit(np.zeros((4, 3)), np.zeros((4, 1)), nb_epoch=args.epochs)
tf.saved_model.save(model, os.path.join(args.sm_model_dir, "1"))
""",
        after="""\
import argparse
import os

import numpy as np
import tensorflow as tf

parser = argparse.ArgumentParser()
parser.add_argument("--epochs", type=int, default=2)
parser.add_argument("--steps", type=int, default=2)
parser.add_argument("--learning-rate", type=float, default=0.01)
parser.add_argument("--sm-model-dir", type=str, default=os.environ.get("SM_MODEL_DIR", "model"))
args, _ = parser.parse_known_args()


def batches():
    while True:
        yield np.zeros((4, 3)), np.zeros((4, 1))


model = tf.keras.Sequential([tf.keras.Input(shape=(3,)), tf.keras.layers.Dense(1)])
model.compile(optimizer=tf.keras.optimizers.Adam(learning_rate=args.learning_rate), loss="mse")
model.fit(batches(), steps_per_epoch=args.steps,
          epochs=args.epochs)
print(model.evaluate(batches(), steps=args.steps))
print(model.predict(batches(), steps=args.steps).shape)
model.fit(np.zeros((4, 3)), np.zeros((4, 1)), epochs=args.epochs)
tf.saved_model.save(model, os.path.join(args.sm_model_dir, "1"))
""",
        codes=('SM403', 'SM404', 'SM404', 'SM404', 'SM405'),
    ),
    Example(
        before="""\
import argparse
import os

import numpy as np
import tensorflow as tf

parser = argparse.ArgumentParser()
parser.add_argument("--epochs", type=int, default=2)
parser.add_argument("--steps", type=int, default=2)
parser.add_argument("--learning-rate", type=float, default=0.01)
parser.add_argument("--sm-model-dir", type=str, default=os.environ.get("SM_MODEL_DIR", "model"))
args, _ = parser.parse_known_args()


def batches():
    while True:
        yield np.zeros((4, 3)), np.zeros((4, 1))


model = tf.keras.Sequential([tf.keras.Input(shape=(3,)), tf.keras.layers.Dense(1)])
model.compile(optimizer=tf.keras.optimizers.Adam(lr=args.learning_rate), loss="mse")
model.fit_generator(batches(), steps_per_epoch=args.steps,
                    epochs=args.epochs)
print(model.evaluate_generator(batches(), steps=args.steps))
print(model.predict_generator(batches(), steps=args.steps).shape)
model.fit(np.zeros((4, 3)), np.zeros((4, 1)), nb_epoch=args.epochs)
tf.saved_model.save(model, os.path.join(args.sm_model_dir, "1"))
""",
        after="""\
import argparse
import os

import numpy as np
import tensorflow as tf

parser = argparse.ArgumentParser()
parser.add_argument("--epochs", type=int, default=2)
parser.add_argument("--steps", type=int, default=2)
parser.add_argument("--learning-rate", type=float, default=0.01)
parser.add_argument("--sm-model-dir", type=str, default=os.environ.get("SM_MODEL_DIR", "model"))
args, _ = parser.parse_known_args()


def batches():
    while True:
        yield np.zeros((4, 3)), np.zeros((4, 1))


model = tf.keras.Sequential([tf.keras.Input(shape=(3,)), tf.keras.layers.Dense(1)])
model.compile(optimizer=tf.keras.optimizers.Adam(learning_rate=args.learning_rate), loss="mse")
model.fit_generator(batches(), steps_per_epoch=args.steps,
                    epochs=args.epochs)
print(model.evaluate_generator(batches(), steps=args.steps))
print(model.predict_generator(batches(), steps=args.steps).shape)
model.fit(np.zeros((4, 3)), np.zeros((4, 1)), epochs=args.epochs)
tf.saved_model.save(model, os.path.join(args.sm_model_dir, "1"))
""",
        codes=('SM403', 'SM405'),
        options={'framework_version': '2.14'},
    ),
    Example(
        before="""\
import argparse
import os

import numpy as np
import tensorflow as tf

parser = argparse.ArgumentParser()
parser.add_argument("--epochs", type=int, default=2)
parser.add_argument("--sm-model-dir", type=str, default=os.environ.get("SM_MODEL_DIR", "model"))
args, _ = parser.parse_known_args()


def batches():
    while True:
        yield np.zeros((4, 3)), np.zeros((4, 1))


model = tf.keras.Sequential([tf.keras.Input(shape=(3,)), tf.keras.layers.Dense(1)])
model.compile(optimizer=tf.keras.optimizers.legacy.Adam(learning_rate=0.01), loss="mse")
model.fit_generator(batches(), 2, args.epochs)
model.fit_generator(batches(), steps_per_epoch=2, epochs=args.epochs, workers=4)
model.fit(np.zeros((4, 3)), np.zeros((4, 1)), nb_epoch=1, epochs=args.epochs)
model.save(os.path.join(args.sm_model_dir, "weights"), save_format="h5")
tf.saved_model.save(model, os.path.join(args.sm_model_dir, "1"))
""",
        after="""\
import argparse
import os

import numpy as np
import tensorflow as tf

parser = argparse.ArgumentParser()
parser.add_argument("--epochs", type=int, default=2)
parser.add_argument("--sm-model-dir", type=str, default=os.environ.get("SM_MODEL_DIR", "model"))
parser.add_argument("--steps_per_epoch", "--steps-per-epoch", type=int, default=2,
                    help="fit_generator(steps_per_epoch=) in the original script")
parser.add_argument("--learning_rate", "--learning-rate", type=float, default=0.01,
                    help="optimizer learning rate in the original script")
args, _ = parser.parse_known_args()


def batches():
    while True:
        yield np.zeros((4, 3)), np.zeros((4, 1))


model = tf.keras.Sequential([tf.keras.Input(shape=(3,)), tf.keras.layers.Dense(1)])
model.compile(optimizer=tf.keras.optimizers.legacy.Adam(learning_rate=args.learning_rate), loss="mse")
model.fit_generator(batches(), 2, args.epochs)
model.fit_generator(batches(), steps_per_epoch=args.steps_per_epoch, epochs=args.epochs, workers=4)
model.fit(np.zeros((4, 3)), np.zeros((4, 1)), nb_epoch=1, epochs=args.epochs)
model.save(os.path.join(args.sm_model_dir, "weights"), save_format="h5")
tf.saved_model.save(model, os.path.join(args.sm_model_dir, "1"))
""",
        codes=('SM402', 'SM402', 'SM402', 'SM402', 'SM402'),
    ),
    Example(
        before="""\
import argparse
import os

import numpy as np
import tensorflow as tf

parser = argparse.ArgumentParser()
parser.add_argument("--epochs", type=int, default=2)
parser.add_argument("--sm-model-dir", type=str, default=os.environ.get("SM_MODEL_DIR", "model"))
args, _ = parser.parse_known_args()


def batches():
    while True:
        yield np.zeros((4, 3)), np.zeros((4, 1))


model = tf.keras.Sequential([tf.keras.Input(shape=(3,)), tf.keras.layers.Dense(1)])
model.compile(optimizer=tf.keras.optimizers.legacy.Adam(learning_rate=0.01), loss="mse")
model.fit_generator(batches(), 2, args.epochs)
model.fit_generator(batches(), steps_per_epoch=2, epochs=args.epochs, workers=4)
model.fit(np.zeros((4, 3)), np.zeros((4, 1)), nb_epoch=1, epochs=args.epochs)
model.save(os.path.join(args.sm_model_dir, "weights"), save_format="h5")
tf.saved_model.save(model, os.path.join(args.sm_model_dir, "1"))
""",
        after="""\
import argparse
import os

import numpy as np
os.environ["TF_USE_LEGACY_KERAS"] = "1"  # Keras 2 (tf-keras) on TF >= 2.16
import tensorflow as tf

parser = argparse.ArgumentParser()
parser.add_argument("--epochs", type=int, default=2)
parser.add_argument("--sm-model-dir", type=str, default=os.environ.get("SM_MODEL_DIR", "model"))
parser.add_argument("--steps_per_epoch", "--steps-per-epoch", type=int, default=2,
                    help="fit_generator(steps_per_epoch=) in the original script")
parser.add_argument("--learning_rate", "--learning-rate", type=float, default=0.01,
                    help="optimizer learning rate in the original script")
args, _ = parser.parse_known_args()


def batches():
    while True:
        yield np.zeros((4, 3)), np.zeros((4, 1))


model = tf.keras.Sequential([tf.keras.Input(shape=(3,)), tf.keras.layers.Dense(1)])
model.compile(optimizer=tf.keras.optimizers.legacy.Adam(learning_rate=args.learning_rate), loss="mse")
model.fit_generator(batches(), 2, args.epochs)
model.fit_generator(batches(), steps_per_epoch=args.steps_per_epoch, epochs=args.epochs, workers=4)
model.fit(np.zeros((4, 3)), np.zeros((4, 1)), nb_epoch=1, epochs=args.epochs)
model.save(os.path.join(args.sm_model_dir, "weights"), save_format="h5")
tf.saved_model.save(model, os.path.join(args.sm_model_dir, "1"))
""",
        codes=('SM406', 'SM402'),
        options={'keras': '2'},
    ),
    Example(
        before='''\
"""Keras 2 through tf-keras, already."""
import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"
import tensorflow as tf

model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
model.compile(optimizer=tf.keras.optimizers.Adam(lr=0.01), loss="mse")
model.fit_generator(iter([([[0.0]], [0.0])]), steps_per_epoch=1, epochs=1)
tf.saved_model.save(model, os.path.join(os.environ.get("SM_MODEL_DIR", "model"), "1"))
''',
        after='''\
"""Keras 2 through tf-keras, already."""
import os
import argparse

os.environ["TF_USE_LEGACY_KERAS"] = "1"
import tensorflow as tf


# SageMaker script-mode arguments (added by sm-migrate): SageMaker passes hyperparameters as
# `--name value` and sets SM_* variables; without them the script's own values are used.
parser = argparse.ArgumentParser(allow_abbrev=False)
parser.add_argument("--steps_per_epoch", "--steps-per-epoch", type=int, default=1,
                    help="fit_generator(steps_per_epoch=) in the original script")
parser.add_argument("--epochs", type=int, default=1,
                    help="fit_generator(epochs=) in the original script")
parser.add_argument("--learning_rate", "--learning-rate", type=float, default=0.01,
                    help="optimizer learning rate in the original script")
args, _ = parser.parse_known_args()

model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
model.compile(optimizer=tf.keras.optimizers.Adam(learning_rate=args.learning_rate), loss="mse")
model.fit_generator(iter([([[0.0]], [0.0])]), steps_per_epoch=args.steps_per_epoch, epochs=args.epochs)
tf.saved_model.save(model, os.path.join(os.environ.get("SM_MODEL_DIR", "model"), "1"))
''',
        codes=('SM403',),
    ),
    Example(
        before='''\
"""Keras 2 wanted: the variable goes before the first TensorFlow import, and os with it."""
import numpy as np
from tensorflow import keras

model = keras.Sequential([keras.layers.Dense(1)])
model.compile(optimizer=keras.optimizers.legacy.SGD(0.1), loss="mse")
model.fit(np.zeros((2, 1)), np.zeros((2, 1)), nb_epoch=1)
''',
        after='''\
"""Keras 2 wanted: the variable goes before the first TensorFlow import, and os with it."""
import numpy as np
import os
os.environ["TF_USE_LEGACY_KERAS"] = "1"  # Keras 2 (tf-keras) on TF >= 2.16
from tensorflow import keras
import argparse
import os
import shutil
import tensorflow as tf


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
parser.add_argument("--epochs", type=int, default=1, help="fit(nb_epoch=) in the original script")
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

model = keras.Sequential([keras.layers.Dense(1)])
model.compile(optimizer=keras.optimizers.legacy.SGD(args.learning_rate), loss="mse")
model.fit(np.zeros((2, 1)), np.zeros((2, 1)), epochs=args.epochs)

# TensorFlow Serving SavedModel for SageMaker: <model dir>/1 (added by sm-migrate)
_sm_export(model, os.path.join(args.sm_model_dir, "1"))
''',
        codes=('SM406', 'SM405'),
        options={'keras': '2'},
    ),
    Example(
        before="""\
import tensorflow as tf
from tensorflow.keras import backend as K
from tensorflow.keras.utils import multi_gpu_model

K.set_session(tf.compat.v1.Session())
model = multi_gpu_model(tf.keras.Sequential([tf.keras.layers.Dense(1)]), gpus=2)
model.compile(optimizer="adam", loss="mse")
model.fit([[0.0]], [0.0], epochs=int("2"))
""",
        after='''\
import tensorflow as tf
from tensorflow.keras import backend as K
from tensorflow.keras.utils import multi_gpu_model
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

K.set_session(tf.compat.v1.Session())
model = multi_gpu_model(tf.keras.Sequential([tf.keras.layers.Dense(1)]), gpus=2)
model.compile(optimizer="adam", loss="mse")
model.fit([[0.0]], [0.0], epochs=int("2"))

# TensorFlow Serving SavedModel for SageMaker: <model dir>/1 (added by sm-migrate)
_sm_export(model, os.path.join(args.sm_model_dir, "1"))
''',
        codes=('SM402', 'SM402'),
    ),
    Example(
        before="""\
import tensorflow as tf
from keras.optimizers import SGD

model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
model.compile(SGD(lr=0.01, decay=1e-6, momentum=0.9), "mse")
model.fit([[0.0]], [0.0], epochs=1)
second = tf.keras.Sequential([tf.keras.layers.Dense(1)])
second.compile(tf.keras.optimizers.Adam(
    0.001,
    decay=1e-4,
), "mse")
second.fit([[0.0]], [0.0], epochs=1)
third = tf.keras.Sequential([tf.keras.layers.Dense(1)])
third.compile(tf.keras.optimizers.RMSprop(decay=0.9), "mse")
third.fit([[0.0]], [0.0], epochs=1)
""",
        after='''\
import tensorflow as tf
from keras.optimizers import SGD
import argparse
import keras
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
    "--learning_rate", "--learning-rate", "--model_learning_rate", "--model-learning-rate",
    type=float,
    default=0.01,
    help="model.compile() learning rate in the original script",
)
parser.add_argument("--second_learning_rate", "--second-learning-rate", type=float, default=0.001,
                    help="second.compile() learning rate in the original script")
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
model.compile(SGD(learning_rate=keras.optimizers.schedules.InverseTimeDecay(args.learning_rate, decay_steps=1, decay_rate=1e-6), momentum=0.9), "mse")
model.fit([[0.0]], [0.0], epochs=args.epochs)
second = tf.keras.Sequential([tf.keras.layers.Dense(1)])
second.compile(tf.keras.optimizers.Adam(
    tf.keras.optimizers.schedules.InverseTimeDecay(args.second_learning_rate, decay_steps=1, decay_rate=1e-4),
), "mse")
second.fit([[0.0]], [0.0], epochs=args.epochs)
third = tf.keras.Sequential([tf.keras.layers.Dense(1)])
third.compile(tf.keras.optimizers.RMSprop(decay=0.9), "mse")
third.fit([[0.0]], [0.0], epochs=args.epochs)

# TensorFlow Serving SavedModel for SageMaker: <model dir>/1 (added by sm-migrate)
_sm_export(third, os.path.join(args.sm_model_dir, "1"))
''',
        codes=('SM403', 'SM407', 'SM407', 'SM402'),
    ),
    # Keras 2 leftovers Keras 3 refuses at run time: a checkpoint file name without its format, an API the keras 3 package dropped.
    Example(
        before="""\
import numpy as np
from keras.callbacks import ModelCheckpoint
from keras.layers import Dense
from keras.models import Sequential
from keras.preprocessing.image import ImageDataGenerator

features = np.load("data/features.npy")
labels = np.load("data/labels.npy")
augment = ImageDataGenerator(horizontal_flip=True)
model = Sequential([Dense(1, activation="sigmoid", input_shape=(8,))])
model.compile(loss="binary_crossentropy", optimizer="adam")
model.fit(features, labels, epochs=3, callbacks=[ModelCheckpoint("weights.best.hdf5", save_best_only=True)])
""",
        after='''\
import numpy as np
from keras.callbacks import ModelCheckpoint
from keras.layers import Dense
from keras.models import Sequential
from tensorflow.keras.preprocessing.image import ImageDataGenerator
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
parser.add_argument("--epochs", type=int, default=3, help="fit(epochs=) in the original script")
parser.add_argument("--data", type=str, default=os.environ.get("SM_CHANNEL_DATA", "data"),
                    help="input channel 'data' (SageMaker: SM_CHANNEL_DATA)")
parser.add_argument(
    "--sm-model-dir", "--sm_model_dir",
    type=str,
    default=os.environ.get("SM_MODEL_DIR", "sm_model"),
    help="where the final model goes (SageMaker: SM_MODEL_DIR)",
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

features = np.load(os.path.join(args.data, "features.npy"))
labels = np.load(os.path.join(args.data, "labels.npy"))
augment = ImageDataGenerator(horizontal_flip=True)
model = Sequential([Dense(1, activation="sigmoid", input_shape=(8,))])
model.compile(loss="binary_crossentropy", optimizer="adam")
model.fit(features, labels, epochs=args.epochs, callbacks=[ModelCheckpoint(_sm_path("weights.best.hdf5", os.path.join(args.checkpoint_dir, "weights.best.hdf5")), save_best_only=True)])

# TensorFlow Serving SavedModel for SageMaker: <model dir>/1 (added by sm-migrate)
_sm_export(model, os.path.join(args.sm_model_dir, "1"))
''',
        codes=('SM409', 'SM402'),
    ),
    # save_weights to a file name Keras 3 refuses (not .weights.h5): reported
    Example(
        before="""\
import tensorflow as tf

model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
model.compile("adam", "mse")
model.fit(x_train, y_train, epochs=2)
model.save_weights("weights.h5")
model.save_weights("best.weights.h5")
""",
        after='''\
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
model.save_weights(_sm_path("weights.h5", os.path.join(args.sm_model_dir, "weights.h5")))
model.save_weights(_sm_path("best.weights.h5", os.path.join(args.sm_model_dir, "best.weights.h5")))

# TensorFlow Serving SavedModel for SageMaker: <model dir>/1 (added by sm-migrate)
_sm_export(model, os.path.join(args.sm_model_dir, "1"))
''',
        codes=('SM402',),
    ),
    # save_format= with a path whose joined file name ends in .h5: Keras 3 only warns, nothing reported
    Example(
        before="""\
import os

import tensorflow as tf

model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
model.compile("adam", "mse")
model.fit(x_train, y_train, epochs=2)
model.save(os.path.join("out", "model.h5"), save_format="h5")
""",
        after='''\
import os

import tensorflow as tf
import argparse
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
model.save(_sm_path(os.path.join("out", "model.h5"), os.path.join(args.sm_model_dir, os.path.basename(os.path.join("out", "model.h5")))), save_format="h5")

# TensorFlow Serving SavedModel for SageMaker: <model dir>/1 (added by sm-migrate)
_sm_export(model, os.path.join(args.sm_model_dir, "1"))
''',
    ),
    # Removed from Keras models in TF 2.6: predict_classes on any receiver, predict_proba only on a known Keras model (scikit-learn has one too).
    Example(
        before="""\
import numpy as np
import tensorflow as tf
from sklearn.linear_model import LogisticRegression

x = np.random.rand(16, 4)
y = np.random.randint(0, 3, 16)
model = tf.keras.Sequential([tf.keras.Input((4,)), tf.keras.layers.Dense(3, activation="softmax")])
model.compile("adam", "sparse_categorical_crossentropy")
model.fit(x, y, epochs=2)
print(model.predict_classes(x), model.predict_proba(x))
baseline = LogisticRegression().fit(x, y)
print(baseline.predict_proba(x))


def evaluate(trained, features):
    return trained.predict_classes(features)
""",
        after='''\
import numpy as np
import tensorflow as tf
from sklearn.linear_model import LogisticRegression
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

x = np.random.rand(16, 4)
y = np.random.randint(0, 3, 16)
model = tf.keras.Sequential([tf.keras.Input((4,)), tf.keras.layers.Dense(3, activation="softmax")])
model.compile("adam", "sparse_categorical_crossentropy")
model.fit(x, y, epochs=args.epochs)

# TensorFlow Serving SavedModel for SageMaker: <model dir>/1 (added by sm-migrate)
_sm_export(model, os.path.join(args.sm_model_dir, "1"))
print(model.predict_classes(x), model.predict_proba(x))
baseline = LogisticRegression().fit(x, y)
print(baseline.predict_proba(x))


def evaluate(trained, features):
    return trained.predict_classes(features)
''',
        codes=('SM402', 'SM402', 'SM402'),
    ),
    # A predict_classes the script defines itself (its own Model subclass): nothing reported.
    Example(
        before="""\
import numpy as np
import tensorflow as tf


class Classifier(tf.keras.Model):
    def __init__(self):
        super().__init__()
        self.dense = tf.keras.layers.Dense(3, activation="softmax")

    def call(self, inputs):
        return self.dense(inputs)

    def predict_classes(self, inputs):
        return np.argmax(self.predict(inputs), axis=-1)


model = Classifier()
model.compile("adam", "sparse_categorical_crossentropy")
model.fit(np.random.rand(16, 4), np.random.randint(0, 3, 16), epochs=2)
print(model.predict_classes(np.random.rand(2, 4)))
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


class Classifier(tf.keras.Model):
    def __init__(self):
        super().__init__()
        self.dense = tf.keras.layers.Dense(3, activation="softmax")

    def call(self, inputs):
        return self.dense(inputs)

    def predict_classes(self, inputs):
        return np.argmax(self.predict(inputs), axis=-1)


model = Classifier()
model.compile("adam", "sparse_categorical_crossentropy")
model.fit(np.random.rand(16, 4), np.random.randint(0, 3, 16), epochs=args.epochs)

# TensorFlow Serving SavedModel for SageMaker: <model dir>/1 (added by sm-migrate)
_sm_export(model, os.path.join(args.sm_model_dir, "1"))
print(model.predict_classes(np.random.rand(2, 4)))
''',
    ),
    # Keras 2 backend functions Keras 3 has none of, through any import style, and Keras 1's image_dim_ordering.
    Example(
        before="""\
import numpy as np
import tensorflow as tf
import tensorflow.keras.backend as KB
from keras import backend as K
from tensorflow.keras.backend import set_learning_phase

K.set_learning_phase(1)
channels_first = KB.image_dim_ordering() == "th"
model = tf.keras.Sequential([tf.keras.Input((4,)), tf.keras.layers.Dense(1)])
model.compile("adam", "mse")
model.fit(np.zeros((8, 4)), np.zeros((8, 1)), epochs=2)
features = K.function([model.input], [model.output])
""",
        after='''\
import numpy as np
import tensorflow as tf
import tensorflow.keras.backend as KB
from keras import backend as K
from tensorflow.keras.backend import set_learning_phase
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

K.set_learning_phase(1)
channels_first = KB.image_dim_ordering() == "th"
model = tf.keras.Sequential([tf.keras.Input((4,)), tf.keras.layers.Dense(1)])
model.compile("adam", "mse")
model.fit(np.zeros((8, 4)), np.zeros((8, 1)), epochs=args.epochs)

# TensorFlow Serving SavedModel for SageMaker: <model dir>/1 (added by sm-migrate)
_sm_export(model, os.path.join(args.sm_model_dir, "1"))
features = K.function([model.input], [model.output])
''',
        codes=('SM402', 'SM402', 'SM402', 'SM402'),
    ),
    # The same with --keras 2: tf-keras keeps the learning phase and K.function; Keras 1's image_dim_ordering still fails.
    Example(
        before="""\
import numpy as np
import tensorflow as tf
import tensorflow.keras.backend as KB
from keras import backend as K
from tensorflow.keras.backend import set_learning_phase

K.set_learning_phase(1)
channels_first = KB.image_dim_ordering() == "th"
model = tf.keras.Sequential([tf.keras.Input((4,)), tf.keras.layers.Dense(1)])
model.compile("adam", "mse")
model.fit(np.zeros((8, 4)), np.zeros((8, 1)), epochs=2)
features = K.function([model.input], [model.output])
""",
        after='''\
import numpy as np
import os
os.environ["TF_USE_LEGACY_KERAS"] = "1"  # Keras 2 (tf-keras) on TF >= 2.16
import tensorflow as tf
import tensorflow.keras.backend as KB
from keras import backend as K
from tensorflow.keras.backend import set_learning_phase
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

K.set_learning_phase(1)
channels_first = KB.image_dim_ordering() == "th"
model = tf.keras.Sequential([tf.keras.Input((4,)), tf.keras.layers.Dense(1)])
model.compile("adam", "mse")
model.fit(np.zeros((8, 4)), np.zeros((8, 1)), epochs=args.epochs)

# TensorFlow Serving SavedModel for SageMaker: <model dir>/1 (added by sm-migrate)
_sm_export(model, os.path.join(args.sm_model_dir, "1"))
features = K.function([model.input], [model.output])
''',
        codes=('SM406', 'SM402'),
        options={'keras': '2'},
    ),
    # Keras 1 layer keywords renamed as Keras 2 did; reported where Keras 1 read the positional arguments differently; `init=` of another library's layer untouched.
    Example(
        before="""\
import numpy as np
from keras.layers import Convolution2D, Dense, Dropout, Flatten, MaxPooling2D
from keras.models import Sequential
from keras.regularizers import l2

from initialisers import Layer

model = Sequential()
model.add(Convolution2D(8, (3, 3), border_mode="same", subsample=(2, 2), init="he_normal",
                        input_shape=(8, 8, 1)))
model.add(Convolution2D(8, 3, 3, border_mode="same"))
model.add(MaxPooling2D((2, 2), border_mode="same"))
model.add(Flatten())
model.add(Dropout(p=0.5))
model.add(Dense(output_dim=3, init="uniform", W_regularizer=l2(0.01), activation="softmax"))
model.compile("adam", "sparse_categorical_crossentropy")
model.fit(np.zeros((8, 8, 8, 1)), np.zeros(8), epochs=2)
extra = Layer(init="uniform")
""",
        after='''\
import numpy as np
from keras.layers import Convolution2D, Dense, Dropout, Flatten, MaxPooling2D
from keras.models import Sequential
from keras.regularizers import l2

from initialisers import Layer
import argparse
import os
import shutil
import tensorflow as tf


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

model = Sequential()
model.add(Convolution2D(8, (3, 3), padding="same", strides=(2, 2), kernel_initializer="he_normal",
                        input_shape=(8, 8, 1)))
model.add(Convolution2D(8, 3, 3, border_mode="same"))
model.add(MaxPooling2D((2, 2), padding="same"))
model.add(Flatten())
model.add(Dropout(rate=0.5))
model.add(Dense(units=3, kernel_initializer="uniform", kernel_regularizer=l2(0.01), activation="softmax"))
model.compile("adam", "sparse_categorical_crossentropy")
model.fit(np.zeros((8, 8, 8, 1)), np.zeros(8), epochs=args.epochs)

# TensorFlow Serving SavedModel for SageMaker: <model dir>/1 (added by sm-migrate)
_sm_export(model, os.path.join(args.sm_model_dir, "1"))
extra = Layer(init="uniform")
''',
        codes=('SM405', 'SM405', 'SM405', 'SM402', 'SM405', 'SM405', 'SM405', 'SM405', 'SM405'),
    ),
    # fit's data-loader keywords (`workers=`, `use_multiprocessing=`) and ModelCheckpoint's `period=`: Keras 3 refuses them with a TypeError; reported at migration, not after the data is loaded
    Example(
        before="""\
import tensorflow as tf

model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
model.compile(optimizer="adam", loss="mse")
best = tf.keras.callbacks.ModelCheckpoint("checkpoints/best.keras", save_best_only=True, period=1)
model.fit(tf.ones((8, 2)), tf.ones((8, 1)), epochs=2, callbacks=[best], workers=4, use_multiprocessing=True)
""",
        after='''\
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
parser.add_argument("--epochs", type=int, default=2, help="fit(epochs=) in the original script")
parser.add_argument(
    "--sm-model-dir", "--sm_model_dir",
    type=str,
    default=os.environ.get("SM_MODEL_DIR", "sm_model"),
    help="where the final model goes (SageMaker: SM_MODEL_DIR)",
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

model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
model.compile(optimizer="adam", loss="mse")
best = tf.keras.callbacks.ModelCheckpoint(_sm_path("checkpoints/best.keras", os.path.join(args.checkpoint_dir, "best.keras")), save_best_only=True, period=1)
model.fit(tf.ones((8, 2)), tf.ones((8, 1)), epochs=args.epochs, callbacks=[best], workers=4, use_multiprocessing=True)

# TensorFlow Serving SavedModel for SageMaker: <model dir>/1 (added by sm-migrate)
_sm_export(model, os.path.join(args.sm_model_dir, "1"))
''',
        codes=('SM402', 'SM402', 'SM402'),
    ),
    # `from keras.preprocessing.image import ImageDataGenerator`: the keras 3 package has none, TF's own Keras still serves the same class, so the import comes from there (with other names beside it, reported instead)
    Example(
        before="""\
from keras.models import Sequential
from keras.layers import Dense, Flatten
from keras.preprocessing.image import ImageDataGenerator

images = ImageDataGenerator(rescale=1 / 255).flow_from_directory("images/train", target_size=(8, 8))
model = Sequential([Flatten(), Dense(2, activation="softmax")])
model.compile(optimizer="adam", loss="categorical_crossentropy")
model.fit(images, epochs=2)
""",
        after='''\
from keras.models import Sequential
from keras.layers import Dense, Flatten
from tensorflow.keras.preprocessing.image import ImageDataGenerator
import argparse
import os
import shutil
import tensorflow as tf


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

images = ImageDataGenerator(rescale=1 / 255).flow_from_directory(args.train, target_size=(8, 8))
model = Sequential([Flatten(), Dense(2, activation="softmax")])
model.compile(optimizer="adam", loss="categorical_crossentropy")
model.fit(images, epochs=args.epochs)

# TensorFlow Serving SavedModel for SageMaker: <model dir>/1 (added by sm-migrate)
_sm_export(model, os.path.join(args.sm_model_dir, "1"))
''',
        codes=('SM409',),
    ),
)
