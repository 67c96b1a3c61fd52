"""Examples of the keras3_modules rule: whole scripts, before and after."""

from sm_migrate.transforms.rules.base import Example

EXAMPLES = (
    # A Keras 2 book script: layers and utilities from implementation modules, as imported and aliased.
    Example(
        before="""\
import numpy as np
from keras.models import Sequential
from keras.layers.core import Dense, Dropout
from keras.layers.normalization import BatchNormalization as BN
from keras.utils.np_utils import to_categorical
from keras.utils.vis_utils import plot_model

x = np.random.rand(64, 4)
y = to_categorical(np.random.randint(0, 3, 64))
model = Sequential([Dense(8, activation="relu", input_shape=(4,)), BN(), Dropout(0.2), Dense(3, activation="softmax")])
model.compile(loss="categorical_crossentropy", optimizer="adam")
model.fit(x, y, epochs=2, batch_size=16)
""",
        after='''\
import numpy as np
from keras.models import Sequential
from keras.layers import Dense, Dropout
from keras.layers import BatchNormalization as BN
from keras.utils import to_categorical
from keras.utils import plot_model
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
parser.add_argument("--batch_size", "--batch-size", type=int, default=16,
                    help="fit(batch_size=) in the original script")
parser.add_argument(
    "--sm-model-dir", "--sm_model_dir",
    type=str,
    default=os.environ.get("SM_MODEL_DIR", "sm_model"),
    help="where the final model goes (SageMaker: SM_MODEL_DIR)",
)
parser.add_argument("--model_dir", "--model-dir", type=str, default=None,
                    help="checkpoints; an S3 URI on SageMaker (never the final model)")
args, _ = parser.parse_known_args()

x = np.random.rand(64, 4)
y = to_categorical(np.random.randint(0, 3, 64))
model = Sequential([Dense(8, activation="relu", input_shape=(4,)), BN(), Dropout(0.2), Dense(3, activation="softmax")])
model.compile(loss="categorical_crossentropy", optimizer="adam")
model.fit(x, y, epochs=args.epochs, batch_size=args.batch_size)

# TensorFlow Serving SavedModel for SageMaker: <model dir>/1 (added by sm-migrate)
_sm_export(model, os.path.join(args.sm_model_dir, "1"))
''',
        codes=('SM409', 'SM409', 'SM409', 'SM409'),
    ),
    # A TF 2.3-2.5 tutorial: the preprocessing layers from layers.experimental, as a module and as attributes.
    Example(
        before="""\
import numpy as np
import tensorflow as tf
from tensorflow.keras import layers
from tensorflow.keras.layers.experimental import preprocessing

x = np.random.rand(64, 4).astype("float32")
y = np.random.rand(64, 1).astype("float32")
normalizer = preprocessing.Normalization()
normalizer.adapt(x)
model = tf.keras.Sequential([
    tf.keras.Input(shape=(4,)),
    normalizer,
    layers.experimental.preprocessing.Rescaling(1.0),
    tf.keras.layers.experimental.preprocessing.Rescaling(0.5),
    layers.Dense(1),
])
model.compile(loss="mse", optimizer="adam")
model.fit(x, y, epochs=2)
""",
        after='''\
import numpy as np
import tensorflow as tf
from tensorflow.keras import layers
from tensorflow.keras import layers as preprocessing
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

x = np.random.rand(64, 4).astype("float32")
y = np.random.rand(64, 1).astype("float32")
normalizer = preprocessing.Normalization()
normalizer.adapt(x)
model = tf.keras.Sequential([
    tf.keras.Input(shape=(4,)),
    normalizer,
    layers.Rescaling(1.0),
    tf.keras.layers.Rescaling(0.5),
    layers.Dense(1),
])
model.compile(loss="mse", optimizer="adam")
model.fit(x, y, epochs=args.epochs)

# TensorFlow Serving SavedModel for SageMaker: <model dir>/1 (added by sm-migrate)
_sm_export(model, os.path.join(args.sm_model_dir, "1"))
''',
        codes=('SM409', 'SM409', 'SM409'),
    ),
    # Keras 1 merge() has no Keras 3 name: reported, its import left as it is; the others move.
    Example(
        before="""\
import numpy as np
from keras.models import Model
from keras.layers import Input
from keras.layers.core import Dense
from keras.layers.merge import merge, concatenate
from keras.engine.topology import Layer

a = Input(shape=(4,))
b = Dense(2)(a)
model = Model(a, concatenate([b, b]))
model.compile(loss="mse", optimizer="adam")
model.fit(np.random.rand(8, 4), np.random.rand(8, 4), epochs=1)
""",
        after='''\
import numpy as np
from keras.models import Model
from keras.layers import Input
from keras.layers import Dense
from keras.layers.merge import merge, concatenate
from keras.layers import Layer
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

a = Input(shape=(4,))
b = Dense(2)(a)
model = Model(a, concatenate([b, b]))
model.compile(loss="mse", optimizer="adam")
model.fit(np.random.rand(8, 4), np.random.rand(8, 4), epochs=args.epochs)

# TensorFlow Serving SavedModel for SageMaker: <model dir>/1 (added by sm-migrate)
_sm_export(model, os.path.join(args.sm_model_dir, "1"))
''',
        codes=('SM409', 'SM402', 'SM409'),
    ),
    # np_utils imported as a module: Keras 3's keras.utils under that name, for it has to_categorical
    Example(
        before="""\
import numpy as np
from keras.layers import Dense
from keras.models import Sequential
from keras.utils import np_utils

y = np_utils.to_categorical(np.random.randint(0, 2, 16), 2)
model = Sequential([Dense(2, activation="softmax")])
model.compile("adam", "categorical_crossentropy")
model.fit(np.random.rand(16, 4), y, epochs=2)
""",
        after='''\
import numpy as np
from keras.layers import Dense
from keras.models import Sequential
from keras import utils as np_utils
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

y = np_utils.to_categorical(np.random.randint(0, 2, 16), 2)
model = Sequential([Dense(2, activation="softmax")])
model.compile("adam", "categorical_crossentropy")
model.fit(np.random.rand(16, 4), y, epochs=args.epochs)

# TensorFlow Serving SavedModel for SageMaker: <model dir>/1 (added by sm-migrate)
_sm_export(model, os.path.join(args.sm_model_dir, "1"))
''',
        codes=('SM409',),
    ),
    # Keras 1's probas_to_classes() is no name of Keras 3's keras.utils: reported, the import left as it is
    Example(
        before="""\
import numpy as np
from keras.layers import Dense
from keras.models import Sequential
from keras.utils import np_utils

y = np_utils.to_categorical(np.random.randint(0, 2, 16), 2)
model = Sequential([Dense(2, activation="softmax")])
model.compile("adam", "categorical_crossentropy")
model.fit(np.random.rand(16, 4), y, epochs=2)
print(np_utils.probas_to_classes(model.predict(np.random.rand(2, 4))))
""",
        after='''\
import numpy as np
from keras.layers import Dense
from keras.models import Sequential
from keras.utils import np_utils
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

y = np_utils.to_categorical(np.random.randint(0, 2, 16), 2)
model = Sequential([Dense(2, activation="softmax")])
model.compile("adam", "categorical_crossentropy")
model.fit(np.random.rand(16, 4), y, epochs=args.epochs)

# TensorFlow Serving SavedModel for SageMaker: <model dir>/1 (added by sm-migrate)
_sm_export(model, os.path.join(args.sm_model_dir, "1"))
print(np_utils.probas_to_classes(model.predict(np.random.rand(2, 4))))
''',
        codes=('SM402',),
    ),
    # import statements of moved modules, a Keras 2.6 submodule, a moved module among other names and names split between two modules
    Example(
        before="""\
import numpy as np
import keras.layers.core as core
import keras.utils.np_utils
from keras.layers import Input
from keras.utils import np_utils, plot_model
from keras.engine.topology import Input as In2, Model
from keras.layers.normalization.batch_normalization import BatchNormalization
from keras.models import Sequential

x = np.random.rand(8, 4)
y = keras.utils.np_utils.to_categorical(np.array([0, 1] * 4), 2)
model = Sequential([core.Dense(2, activation="softmax"), BatchNormalization()])
model.compile(loss="categorical_crossentropy", optimizer="adam")
model.fit(x, y, epochs=1)
""",
        after='''\
import numpy as np
import keras.layers as core
import keras.utils
from keras.layers import Input
from keras.utils import np_utils, plot_model
from keras.engine.topology import Input as In2, Model
from keras.layers import BatchNormalization
from keras.models import Sequential
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

x = np.random.rand(8, 4)
y = keras.utils.to_categorical(np.array([0, 1] * 4), 2)
model = Sequential([core.Dense(2, activation="softmax"), BatchNormalization()])
model.compile(loss="categorical_crossentropy", optimizer="adam")
model.fit(x, y, epochs=args.epochs)

# TensorFlow Serving SavedModel for SageMaker: <model dir>/1 (added by sm-migrate)
_sm_export(model, os.path.join(args.sm_model_dir, "1"))
''',
        codes=('SM409', 'SM409', 'SM402', 'SM402', 'SM409', 'SM409'),
    ),
    # A module of layers that trains nothing, imported by the training script: only its Keras 2 paths move
    Example(
        before="""\
from keras.layers.core import Dense, Dropout


def block(x, units):
    return Dropout(0.1)(Dense(units, activation="relu")(x))
""",
        after='''\
from keras.layers import Dense, Dropout


def block(x, units):
    return Dropout(0.1)(Dense(units, activation="relu")(x))
''',
        codes=('SM409',),
    ),
)
