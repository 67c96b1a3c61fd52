"""Examples of the distribution rule: whole scripts, before and after."""

from sm_migrate.transforms.rules.base import Example

EXAMPLES = (
    Example(
        before='''\
"""Trains a small regression model on the CSV in data/."""
import numpy as np
import tensorflow as tf

EPOCHS = 3

data = np.loadtxt("data/train.csv", delimiter=",")


def build_model():
    return tf.keras.Sequential([tf.keras.layers.Dense(8, activation="relu"), tf.keras.layers.Dense(1)])


model = build_model()
model.compile(optimizer="adam", loss="mse")
model.fit(data[:, :-1], data[:, -1], epochs=EPOCHS)
model.save("regressor.keras")
''',
        after='''\
"""Trains a small regression model on the CSV in data/."""
import numpy as np
import tensorflow as tf
import argparse
import json
import os
import tempfile


# Helpers for the SageMaker changes below (added by sm-migrate).
def _sm_path(local_path, sagemaker_path):
    """`local_path` when run locally; on SageMaker `sagemaker_path`, under the dirs the job keeps."""
    if "SM_MODEL_DIR" not in os.environ:
        return local_path
    os.makedirs(os.path.dirname(sagemaker_path) or ".", exist_ok=True)
    return sagemaker_path


def _sm_chief_path(model_path):
    """Every worker of a MultiWorkerMirroredStrategy job must save; only the chief's copy goes to the model dir,
    the others' to a temp dir, under the same name (a `.keras` file stays one)."""
    task = json.loads(os.environ.get("TF_CONFIG", "{}")).get("task", {})
    if task.get("type", "worker") in ("chief", "worker") and task.get("index", 0) == 0:
        return model_path
    return os.path.join(tempfile.mkdtemp(), os.path.basename(model_path))


# SageMaker script-mode arguments (added by sm-migrate): SageMaker passes hyperparameters as
# `--name value` and sets SM_* variables; without them the script's own values are used.
parser = argparse.ArgumentParser(allow_abbrev=False)
parser.add_argument("--epochs", type=int, default=3, help="EPOCHS in the original script")
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

# SageMaker SDK v3 sets no TF_CONFIG: the cluster the TensorFlow container would describe
if "TF_CONFIG" not in os.environ and len(json.loads(os.environ.get("SM_HOSTS", "[]"))) > 1:
    _sm_hosts = json.loads(os.environ["SM_HOSTS"])
    os.environ["TF_CONFIG"] = json.dumps({
        "cluster": {"worker": [f"{host}:8890" for host in _sm_hosts]},
        "task": {"type": "worker", "index": _sm_hosts.index(os.environ["SM_CURRENT_HOST"])},
    })

# Multi-worker training (added by sm-migrate for --distribution mwms): the strategy comes first
strategy = tf.distribute.MultiWorkerMirroredStrategy()

EPOCHS = args.epochs

data = np.loadtxt(os.path.join(args.data, "train.csv"), delimiter=",")


def build_model():
    return tf.keras.Sequential([tf.keras.layers.Dense(8, activation="relu"), tf.keras.layers.Dense(1)])


with strategy.scope():
    model = build_model()
with strategy.scope():
    model.compile(optimizer="adam", loss="mse")
model.fit(data[:, :-1], data[:, -1], epochs=EPOCHS)
model.save(_sm_path("regressor.keras", _sm_chief_path(os.path.join(args.sm_model_dir, "regressor.keras"))))

# TensorFlow Serving SavedModel for SageMaker: <model dir>/1 (added by sm-migrate)
tf.saved_model.save(model, _sm_chief_path(os.path.join(args.sm_model_dir, "1")))
''',
        options={'distribution': 'mwms', 'framework_version': '2.14'},
    ),
    Example(
        before='''\
"""Trains a small regression model on the CSV in data/."""
import numpy as np
import tensorflow as tf

EPOCHS = 3

data = np.loadtxt("data/train.csv", delimiter=",")


def build_model():
    return tf.keras.Sequential([tf.keras.layers.Dense(8, activation="relu"), tf.keras.layers.Dense(1)])


model = build_model()
model.compile(optimizer="adam", loss="mse")
model.fit(data[:, :-1], data[:, -1], epochs=EPOCHS)
model.save("regressor.keras")
''',
        after='''\
"""Trains a small regression model on the CSV in data/."""
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
parser.add_argument("--epochs", type=int, default=3, help="EPOCHS in the original script")
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

data = np.loadtxt(os.path.join(args.data, "train.csv"), delimiter=",")


def build_model():
    return tf.keras.Sequential([tf.keras.layers.Dense(8, activation="relu"), tf.keras.layers.Dense(1)])


model = build_model()
model.compile(optimizer="adam", loss="mse")
model.fit(data[:, :-1], data[:, -1], epochs=EPOCHS)
model.save(_sm_path("regressor.keras", os.path.join(args.sm_model_dir, "regressor.keras")))

# TensorFlow Serving SavedModel for SageMaker: <model dir>/1 (added by sm-migrate)
_sm_export(model, os.path.join(args.sm_model_dir, "1"))
''',
        codes=('SM601',),
        options={'distribution': 'mwms'},
    ),
    Example(
        before="""\
import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"

import tensorflow as tf

LEARNING_RATE = 0.01


def main():
    features = tf.random.normal((64, 4))
    labels = tf.reduce_sum(features, axis=1)
    model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
    model.compile(optimizer=tf.keras.optimizers.SGD(learning_rate=LEARNING_RATE), loss="mse")
    model.fit(features, labels, epochs=2)
    model.save("model_dir")


if __name__ == "__main__":
    main()
""",
        after='''\
import os
import argparse
import json
import shutil
import tempfile

os.environ["TF_USE_LEGACY_KERAS"] = "1"

import tensorflow as tf


# Helpers for the SageMaker changes below (added by sm-migrate).
def _sm_path(local_path, sagemaker_path):
    """`local_path` when run locally; on SageMaker `sagemaker_path`, under the dirs the job keeps."""
    if "SM_MODEL_DIR" not in os.environ:
        return local_path
    os.makedirs(os.path.dirname(sagemaker_path) or ".", exist_ok=True)
    return sagemaker_path


def _sm_chief_path(model_path):
    """Every worker of a MultiWorkerMirroredStrategy job must save; only the chief's copy goes to the model dir,
    the others' to a temp dir, under the same name (a `.keras` file stays one)."""
    task = json.loads(os.environ.get("TF_CONFIG", "{}")).get("task", {})
    if task.get("type", "worker") in ("chief", "worker") and task.get("index", 0) == 0:
        return model_path
    return os.path.join(tempfile.mkdtemp(), os.path.basename(model_path))


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
                    help="LEARNING_RATE in the original script")
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

# SageMaker SDK v3 sets no TF_CONFIG: the cluster the TensorFlow container would describe
if "TF_CONFIG" not in os.environ and len(json.loads(os.environ.get("SM_HOSTS", "[]"))) > 1:
    _sm_hosts = json.loads(os.environ["SM_HOSTS"])
    os.environ["TF_CONFIG"] = json.dumps({
        "cluster": {"worker": [f"{host}:8890" for host in _sm_hosts]},
        "task": {"type": "worker", "index": _sm_hosts.index(os.environ["SM_CURRENT_HOST"])},
    })

# Multi-worker training (added by sm-migrate for --distribution mwms): the strategy comes first
strategy = tf.distribute.MultiWorkerMirroredStrategy()

LEARNING_RATE = args.learning_rate


def main():
    features = tf.random.normal((64, 4))
    labels = tf.reduce_sum(features, axis=1)
    with strategy.scope():
        model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
    with strategy.scope():
        model.compile(optimizer=tf.keras.optimizers.SGD(learning_rate=LEARNING_RATE), loss="mse")
    model.fit(features, labels, epochs=args.epochs)
    _sm_export(model, _sm_path("model_dir", _sm_chief_path(os.path.join(args.sm_model_dir, "1"))))


if __name__ == "__main__":
    main()
''',
        codes=('SM204',),
        options={'distribution': 'mwms'},
    ),
    Example(
        before="""\
import tensorflow as tf

strategy = tf.distribute.MultiWorkerMirroredStrategy()
with strategy.scope():
    model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
    model.compile(optimizer="sgd", loss="mse")
model.fit(tf.zeros((8, 4)), tf.zeros((8, 1)), epochs=1)
""",
        after='''\
import tensorflow as tf
import argparse
import json
import os
import shutil
import tempfile


# Helpers for the SageMaker changes below (added by sm-migrate).
def _sm_chief_path(model_path):
    """Every worker of a MultiWorkerMirroredStrategy job must save; only the chief's copy goes to the model dir,
    the others' to a temp dir, under the same name (a `.keras` file stays one)."""
    task = json.loads(os.environ.get("TF_CONFIG", "{}")).get("task", {})
    if task.get("type", "worker") in ("chief", "worker") and task.get("index", 0) == 0:
        return model_path
    return os.path.join(tempfile.mkdtemp(), os.path.basename(model_path))


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

# SageMaker SDK v3 sets no TF_CONFIG: the cluster the TensorFlow container would describe
if "TF_CONFIG" not in os.environ and len(json.loads(os.environ.get("SM_HOSTS", "[]"))) > 1:
    _sm_hosts = json.loads(os.environ["SM_HOSTS"])
    os.environ["TF_CONFIG"] = json.dumps({
        "cluster": {"worker": [f"{host}:8890" for host in _sm_hosts]},
        "task": {"type": "worker", "index": _sm_hosts.index(os.environ["SM_CURRENT_HOST"])},
    })

strategy = tf.distribute.MultiWorkerMirroredStrategy()
with strategy.scope():
    model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
    model.compile(optimizer="sgd", loss="mse")
model.fit(tf.zeros((8, 4)), tf.zeros((8, 1)), epochs=args.epochs)

# TensorFlow Serving SavedModel for SageMaker: <model dir>/1 (added by sm-migrate)
_sm_export(model, _sm_chief_path(os.path.join(args.sm_model_dir, "1")))
''',
        options={'distribution': 'mwms'},
    ),
    Example(
        before="""\
import tensorflow as tf

strategy = tf.distribute.MirroredStrategy()
with strategy.scope():
    model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
    model.compile(optimizer="sgd", loss="mse")
model.fit(tf.zeros((8, 4)), tf.zeros((8, 1)), epochs=1)
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

strategy = tf.distribute.MirroredStrategy()
with strategy.scope():
    model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
    model.compile(optimizer="sgd", loss="mse")
model.fit(tf.zeros((8, 4)), tf.zeros((8, 1)), epochs=args.epochs)

# TensorFlow Serving SavedModel for SageMaker: <model dir>/1 (added by sm-migrate)
_sm_export(model, os.path.join(args.sm_model_dir, "1"))
''',
        codes=('SM601',),
        options={'distribution': 'mwms'},
    ),
    Example(
        before="""\
import horovod.tensorflow.keras as hvd
import tensorflow as tf

model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
model.compile(optimizer=tf.keras.optimizers.Adam(0.001), loss="mse")
model.fit(tf.zeros((8, 4)), tf.zeros((8, 1)), epochs=1)
""",
        after='''\
import horovod.tensorflow.keras as hvd
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
parser.add_argument("--epochs", type=int, default=1, help="fit(epochs=) in the original script")
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
model.compile(optimizer=tf.keras.optimizers.Adam(args.learning_rate), loss="mse")
model.fit(tf.zeros((8, 4)), tf.zeros((8, 1)), epochs=args.epochs)

# TensorFlow Serving SavedModel for SageMaker: <model dir>/1 (added by sm-migrate)
if hvd.rank() == 0:
    _sm_export(model, os.path.join(args.sm_model_dir, "1"))
''',
        codes=('SM602', 'SM602'),
        options={'distribution': 'horovod'},
    ),
    Example(
        before="""\
import tensorflow as tf

model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
model.compile(optimizer="sgd", loss="mse")
model.fit(tf.zeros((8, 4)), tf.zeros((8, 1)), epochs=1)
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

model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
model.compile(optimizer="sgd", loss="mse")
model.fit(tf.zeros((8, 4)), tf.zeros((8, 1)), epochs=args.epochs)

# TensorFlow Serving SavedModel for SageMaker: <model dir>/1 (added by sm-migrate)
_sm_export(model, os.path.join(args.sm_model_dir, "1"))
''',
        codes=('SM601',),
        options={'distribution': 'parameter-server'},
    ),
    Example(
        before="""\
import os
import tensorflow as tf

if os.environ.get("USE_HOROVOD") == "1":
    import horovod.tensorflow.keras as hvd
    hvd.init()

model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
model.compile(optimizer="adam", loss="mse")
model.fit([[0.0]], [0.0], epochs=2)
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

if os.environ.get("USE_HOROVOD") == "1":
    import horovod.tensorflow.keras as hvd
    hvd.init()

model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
model.compile(optimizer="adam", loss="mse")
model.fit([[0.0]], [0.0], epochs=args.epochs)

# TensorFlow Serving SavedModel for SageMaker: <model dir>/1 (added by sm-migrate)
if os.environ.get("OMPI_COMM_WORLD_RANK", os.environ.get("HOROVOD_RANK", "0")) == "0":
    _sm_export(model, os.path.join(args.sm_model_dir, "1"))
''',
    ),
)
