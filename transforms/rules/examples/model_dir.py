"""Examples of the model dir rule: whole scripts, before and after."""

from sm_migrate.transforms.rules.base import Example

EXAMPLES = (
    Example(
        before="""\
import argparse
import tensorflow as tf
parser = argparse.ArgumentParser()
parser.add_argument("--model_dir", type=str)
args, _ = parser.parse_known_args()
model = tf.keras.Sequential()
model.fit([[0.0]], [0.0])
model.save(args.model_dir)
""",
        after='''\
import argparse
import tensorflow as tf
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
parser = argparse.ArgumentParser()
parser.add_argument("--model_dir", type=str, default="model")
parser.add_argument(
    "--sm-model-dir", "--sm_model_dir",
    type=str,
    default=os.environ.get("SM_MODEL_DIR", "sm_model"),
    help="where the final model goes (SageMaker: SM_MODEL_DIR)",
)
args, _ = parser.parse_known_args()
model = tf.keras.Sequential()
model.fit([[0.0]], [0.0])
_sm_export(model, _sm_path(args.model_dir, os.path.join(args.sm_model_dir, "1")))
''',
        codes=('SM204', 'SM205'),
    ),
    Example(
        before="""\
import tensorflow as tf
import argparse
import os


# SageMaker script-mode arguments (added by sm-migrate): SageMaker passes hyperparameters as
# `--name value` and sets SM_* variables; without them the script's own values are used.
parser = argparse.ArgumentParser(allow_abbrev=False)
parser.add_argument("--epochs", type=int, default=5, help="EPOCHS in the original script")
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

EPOCHS = args.epochs
model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
model.compile(optimizer="adam", loss="mse")
model.fit(tf.zeros((4, 2)), tf.zeros((4,)), epochs=EPOCHS)

# TensorFlow Serving SavedModel for SageMaker: <model dir>/1 (added by sm-migrate)
tf.saved_model.save(model, os.path.join(args.sm_model_dir, "1"))
""",
        after=None,
    ),
    Example(
        before="""\
import argparse

import tensorflow as tf

parser = argparse.ArgumentParser()
parser.add_argument("--model-dir", type=str, default="checkpoints")
parser.add_argument("--epochs", type=int, default=3)
args, _ = parser.parse_known_args()
model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
model.compile(optimizer="adam", loss="mse")
model.fit([[0.0]], [0.0], epochs=args.epochs)
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
parser.add_argument("--model-dir", "--model_dir", type=str, default="checkpoints")
parser.add_argument("--epochs", type=int, default=3)
parser.add_argument(
    "--sm-model-dir", "--sm_model_dir",
    type=str,
    default=os.environ.get("SM_MODEL_DIR", "sm_model"),
    help="where the final model goes (SageMaker: SM_MODEL_DIR)",
)
args, _ = parser.parse_known_args()
model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
model.compile(optimizer="adam", loss="mse")
model.fit([[0.0]], [0.0], epochs=args.epochs)

# TensorFlow Serving SavedModel for SageMaker: <model dir>/1 (added by sm-migrate)
_sm_export(model, os.path.join(args.sm_model_dir, "1"))
''',
    ),
    # A library module (training in functions nothing here runs) that would only gain --model_dir is left alone: its importer is the script to migrate
    Example(
        before="""\
# A training utility other code imports: nothing here runs it.
import tensorflow as tf


def minimize(loss_fn, variables, steps=100, learning_rate=0.1):
    optimizer = tf.keras.optimizers.SGD(learning_rate)
    for _ in range(steps):
        with tf.GradientTape() as tape:
            loss = loss_fn()
        optimizer.apply_gradients(zip(tape.gradient(loss, variables), variables))
    return variables
""",
        after=None,
        codes=('SM002',),
    ),
    # A library module left alone still says what fails on the target TensorFlow wherever it is imported (SM401)
    Example(
        before="""\
# Training helpers other code imports.
import tensorflow as tf


def train(model, batches, steps, rate):
    optimizer = tf.keras.optimizers.SGD(rate)
    for _ in range(steps):
        for x, y in batches:
            with tf.GradientTape() as tape:
                loss = tf.reduce_mean(tf.square(model(x) - y))
            optimizer.apply_gradients(zip(tape.gradient(loss, model.trainable_variables), model.trainable_variables))
    return tf.estimator.RunConfig()
""",
        after=None,
        codes=('SM002', 'SM401'),
    ),
)
