"""Examples of the sm env rule: whole scripts, before and after."""

from sm_migrate.transforms.rules.base import Example

EXAMPLES = (
    Example(
        before="""\
import tensorflow as tf

EPOCHS = 5
model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
model.compile(optimizer="adam", loss="mse")
model.fit(tf.zeros((4, 2)), tf.zeros((4,)), epochs=EPOCHS)
""",
        after='''\
import tensorflow as tf
import argparse
import os
import shutil


# SageMaker script-mode arguments (added by sm-migrate): SageMaker passes hyperparameters as
# `--name value` and sets SM_* variables; without them the script's own values are used.
def _sm_export(model, export_dir):
    """Write `model` as a TensorFlow Serving SavedModel: with Keras 3's `model.export`, which serves RNN dropout
    and Random* layers where `tf.saved_model.save` raises; with `tf.saved_model.save` for a stateful RNN (it
    keeps the fixed batch size) and for anything that is not a Keras model."""
    stateful = any(getattr(layer, "stateful", False) for layer in getattr(model, "layers", ()))
    if stateful or not hasattr(model, "export"):
        tf.saved_model.save(model, export_dir)
        return
    try:
        model.export(export_dir, verbose=False)
    except Exception:  # a model export can't trace: the SavedModel API may still serve it
        shutil.rmtree(export_dir, ignore_errors=True)
        tf.saved_model.save(model, export_dir)


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
_sm_export(model, os.path.join(args.sm_model_dir, "1"))
''',
    ),
    Example(
        before="""\
import tensorflow as tf

def train(args, parser):
    os = "not the module"
    model = tf.keras.Sequential()
    model.fit(args.x, args.y, epochs=4)
    return model
""",
        after='''\
import tensorflow as tf
import argparse
import os as _os
import shutil


# SageMaker script-mode arguments (added by sm-migrate): SageMaker passes hyperparameters as
# `--name value` and sets SM_* variables; without them the script's own values are used.
def _sm_export(model, export_dir):
    """Write `model` as a TensorFlow Serving SavedModel: with Keras 3's `model.export`, which serves RNN dropout
    and Random* layers where `tf.saved_model.save` raises; with `tf.saved_model.save` for a stateful RNN (it
    keeps the fixed batch size) and for anything that is not a Keras model."""
    stateful = any(getattr(layer, "stateful", False) for layer in getattr(model, "layers", ()))
    if stateful or not hasattr(model, "export"):
        tf.saved_model.save(model, export_dir)
        return
    try:
        model.export(export_dir, verbose=False)
    except Exception:  # a model export can't trace: the SavedModel API may still serve it
        shutil.rmtree(export_dir, ignore_errors=True)
        tf.saved_model.save(model, export_dir)


sm_parser = argparse.ArgumentParser(allow_abbrev=False)
sm_parser.add_argument("--epochs", type=int, default=4, help="fit(epochs=) in the original script")
sm_parser.add_argument(
    "--sm-model-dir", "--sm_model_dir",
    type=str,
    default=_os.environ.get("SM_MODEL_DIR", "sm_model"),
    help="where the final model goes (SageMaker: SM_MODEL_DIR)",
)
sm_parser.add_argument(
    "--output-data-dir", "--output_data_dir",
    type=str,
    default=_os.environ.get("SM_OUTPUT_DATA_DIR", "sm_output"),
    help="other artefacts (SageMaker: SM_OUTPUT_DATA_DIR)",
)
sm_parser.add_argument("--model_dir", "--model-dir", type=str, default=None,
                       help="checkpoints; an S3 URI on SageMaker (never the final model)")
sm_args, _ = sm_parser.parse_known_args()

def train(args, parser):
    os = "not the module"
    model = tf.keras.Sequential()
    model.fit(args.x, args.y, epochs=sm_args.epochs)

    # TensorFlow Serving SavedModel for SageMaker: <model dir>/1 (added by sm-migrate)
    _sm_export(model, _os.path.join(sm_args.sm_model_dir, "1"))
    return model
''',
    ),
    Example(
        before='''\
"""Doc."""
from __future__ import annotations
from tensorflow import keras
model = keras.Sequential()
model.fit([[0.0]], [0.0], epochs=1)
''',
        after='''\
"""Doc."""
from __future__ import annotations
from tensorflow import keras
import argparse
import os
import shutil
import tensorflow as tf


# SageMaker script-mode arguments (added by sm-migrate): SageMaker passes hyperparameters as
# `--name value` and sets SM_* variables; without them the script's own values are used.
def _sm_export(model, export_dir):
    """Write `model` as a TensorFlow Serving SavedModel: with Keras 3's `model.export`, which serves RNN dropout
    and Random* layers where `tf.saved_model.save` raises; with `tf.saved_model.save` for a stateful RNN (it
    keeps the fixed batch size) and for anything that is not a Keras model."""
    stateful = any(getattr(layer, "stateful", False) for layer in getattr(model, "layers", ()))
    if stateful or not hasattr(model, "export"):
        tf.saved_model.save(model, export_dir)
        return
    try:
        model.export(export_dir, verbose=False)
    except Exception:  # a model export can't trace: the SavedModel API may still serve it
        shutil.rmtree(export_dir, ignore_errors=True)
        tf.saved_model.save(model, export_dir)


parser = argparse.ArgumentParser(allow_abbrev=False)
parser.add_argument("--epochs", type=int, default=1, help="fit(epochs=) in the original script")
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
model = keras.Sequential()
model.fit([[0.0]], [0.0], epochs=args.epochs)

# TensorFlow Serving SavedModel for SageMaker: <model dir>/1 (added by sm-migrate)
_sm_export(model, os.path.join(args.sm_model_dir, "1"))
''',
    ),
    Example(
        before="""\
import tensorflow as tf

EPOCHS = 5
model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
model.compile(optimizer="adam", loss="mse")
model.fit(tf.zeros((4, 2)), tf.zeros((4,)), epochs=EPOCHS)
""",
        after='''\
import tensorflow as tf
import argparse
import os
import shutil


# SageMaker script-mode arguments (added by sm-migrate): SageMaker passes hyperparameters as
# `--name value` and sets SM_* variables; without them the script's own values are used.
def _sm_export(model, export_dir):
    """Write `model` as a TensorFlow Serving SavedModel: with Keras 3's `model.export`, which serves RNN dropout
    and Random* layers where `tf.saved_model.save` raises; with `tf.saved_model.save` for a stateful RNN (it
    keeps the fixed batch size) and for anything that is not a Keras model."""
    stateful = any(getattr(layer, "stateful", False) for layer in getattr(model, "layers", ()))
    if stateful or not hasattr(model, "export"):
        tf.saved_model.save(model, export_dir)
        return
    try:
        model.export(export_dir, verbose=False)
    except Exception:  # a model export can't trace: the SavedModel API may still serve it
        shutil.rmtree(export_dir, ignore_errors=True)
        tf.saved_model.save(model, export_dir)


parser = argparse.ArgumentParser(allow_abbrev=False)
parser.add_argument("--epochs", type=int, default=5, help="EPOCHS in the original script")
parser.add_argument(
    "--sm-model-dir", "--sm_model_dir",
    type=str,
    default=os.environ.get("SM_MODEL_DIR", "model"),
    help="where the final model goes (SageMaker: SM_MODEL_DIR)",
)
parser.add_argument(
    "--output-data-dir", "--output_data_dir",
    type=str,
    default=os.environ.get("SM_OUTPUT_DATA_DIR", "output"),
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
_sm_export(model, os.path.join(args.sm_model_dir, "1"))
''',
        options={'local_model_dir': 'model', 'local_output_data_dir': 'output'},
    ),
)
