"""Examples of the model_dir_artefacts rule: whole scripts, before and after."""

from sm_migrate.transforms.rules.base import Example

EXAMPLES = (
    Example(
        before="""\
import argparse
import os
import pickle

import numpy as np
import tensorflow as tf


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--epochs", type=int, default=2)
    parser.add_argument("--model_dir", type=str)
    parser.add_argument("--sm-model-dir", type=str, default=os.environ.get("SM_MODEL_DIR", "model"))
    args, _ = parser.parse_known_args()

    model = tf.keras.Sequential([tf.keras.Input(shape=(1,)), tf.keras.layers.Dense(1)])
    model.compile(optimizer="sgd", loss="mse")
    history = model.fit(np.zeros((4, 1)), np.zeros((4, 1)), epochs=args.epochs)
    pickle.dump(history.history, open(args.model_dir + "/history.p", "wb"))
    np.save(os.path.join(args.model_dir, "predictions.npy"), model.predict(np.zeros((4, 1))))
    tf.saved_model.save(model, os.path.join(args.sm_model_dir, "1"))


if __name__ == "__main__":
    main()
""",
        after="""\
import argparse
import os
import pickle

import numpy as np
import tensorflow as tf


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--epochs", type=int, default=2)
    parser.add_argument("--model_dir", type=str)
    parser.add_argument("--sm-model-dir", type=str, default=os.environ.get("SM_MODEL_DIR", "model"))
    parser.add_argument(
        "--output-data-dir", "--output_data_dir",
        type=str,
        default=os.environ.get("SM_OUTPUT_DATA_DIR", "sm_output"),
        help="other artefacts (SageMaker: SM_OUTPUT_DATA_DIR)",
    )
    args, _ = parser.parse_known_args()

    model = tf.keras.Sequential([tf.keras.Input(shape=(1,)), tf.keras.layers.Dense(1)])
    model.compile(optimizer="sgd", loss="mse")
    history = model.fit(np.zeros((4, 1)), np.zeros((4, 1)), epochs=args.epochs)
    os.makedirs(args.output_data_dir, exist_ok=True)
    pickle.dump(history.history, open(args.output_data_dir + "/history.p", "wb"))
    np.save(os.path.join(args.output_data_dir, "predictions.npy"), model.predict(np.zeros((4, 1))))
    tf.saved_model.save(model, os.path.join(args.sm_model_dir, "1"))


if __name__ == "__main__":
    main()
""",
        codes=('SM306', 'SM306'),
    ),
    Example(
        before="""\
import os

import numpy as np
import tensorflow as tf
from absl import app, flags

flags.DEFINE_integer("epochs", 2, "epochs")
flags.DEFINE_string("model_dir", None, "the estimator's model dir")
FLAGS = flags.FLAGS


def main(argv):
    model = tf.keras.Sequential([tf.keras.Input(shape=(1,)), tf.keras.layers.Dense(1)])
    model.compile(optimizer="sgd", loss="mse")
    model.fit(np.zeros((4, 1)), np.zeros((4, 1)), epochs=FLAGS.epochs)
    np.savetxt(f"{FLAGS.model_dir}/weights.txt", model.get_weights()[0])
    tf.saved_model.save(model, os.path.join(os.environ.get("SM_MODEL_DIR", "model"), "1"))


if __name__ == "__main__":
    app.run(main)
""",
        after="""\
import os

import numpy as np
import tensorflow as tf
from absl import app, flags
import argparse


# SageMaker script-mode arguments (added by sm-migrate): SageMaker passes hyperparameters as
# `--name value` and sets SM_* variables; without them the script's own values are used.
parser = argparse.ArgumentParser(allow_abbrev=False, add_help=False)
parser.add_argument(
    "--output-data-dir", "--output_data_dir",
    type=str,
    default=os.environ.get("SM_OUTPUT_DATA_DIR", "sm_output"),
    help="other artefacts (SageMaker: SM_OUTPUT_DATA_DIR)",
)
args, _ = parser.parse_known_args()

flags.DEFINE_integer("epochs", 2, "epochs")
flags.DEFINE_string("model_dir", None, "the estimator's model dir")
FLAGS = flags.FLAGS


def main(argv):
    model = tf.keras.Sequential([tf.keras.Input(shape=(1,)), tf.keras.layers.Dense(1)])
    model.compile(optimizer="sgd", loss="mse")
    model.fit(np.zeros((4, 1)), np.zeros((4, 1)), epochs=FLAGS.epochs)
    os.makedirs(args.output_data_dir, exist_ok=True)
    np.savetxt(f"{args.output_data_dir}/weights.txt", model.get_weights()[0])
    tf.saved_model.save(model, os.path.join(os.environ.get("SM_MODEL_DIR", "model"), "1"))


if __name__ == "__main__":
    app.run(main, flags_parser=lambda argv: flags.FLAGS(argv, known_only=True))
""",
        codes=('SM306',),
    ),
    # A checkpoint under the script's own --model_dir: on SageMaker (where --model_dir is an S3 URI) it goes to the checkpoint dir, locally nothing changes.
    Example(
        before="""\
import argparse
import os

import tensorflow as tf

parser = argparse.ArgumentParser()
parser.add_argument("--model_dir", default="out")
parser.add_argument("--epochs", type=int, default=2)
args = parser.parse_args()
os.makedirs(args.model_dir, exist_ok=True)

model = tf.keras.Sequential([tf.keras.Input((4,)), tf.keras.layers.Dense(1)])
model.compile(optimizer="adam", loss="mse")
ckpt = tf.keras.callbacks.ModelCheckpoint(os.path.join(args.model_dir, "best.keras"), save_best_only=True, monitor="loss")
board = tf.keras.callbacks.TensorBoard(log_dir=os.path.join(args.model_dir, "logs"))
model.fit(tf.zeros((8, 4)), tf.zeros((8, 1)), epochs=args.epochs, callbacks=[ckpt, board])
model.save(os.path.join(args.model_dir, "final.keras"))
""",
        after='''\
import argparse
import os

import tensorflow as tf
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
parser.add_argument("--model_dir", default="out")
parser.add_argument("--epochs", type=int, default=2)
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
parser.add_argument(
    "--checkpoint-dir", "--checkpoint_dir",
    type=str,
    default=os.path.join(os.path.dirname(os.environ["SM_MODEL_DIR"]), "checkpoints") if "SM_MODEL_DIR" in os.environ else "checkpoints",
    help="checkpoints (SageMaker: /opt/ml/checkpoints, synced to checkpoint_s3_uri)",
)
args, _ = parser.parse_known_args()
os.makedirs(args.model_dir, exist_ok=True)

model = tf.keras.Sequential([tf.keras.Input((4,)), tf.keras.layers.Dense(1)])
model.compile(optimizer="adam", loss="mse")
ckpt = tf.keras.callbacks.ModelCheckpoint(os.path.join(_sm_path(args.model_dir, args.checkpoint_dir), "best.keras"), save_best_only=True, monitor="loss")
os.makedirs(args.output_data_dir, exist_ok=True)
board = tf.keras.callbacks.TensorBoard(log_dir=os.path.join(args.output_data_dir, "logs"))
model.fit(tf.zeros((8, 4)), tf.zeros((8, 1)), epochs=args.epochs, callbacks=[ckpt, board])
model.save(_sm_path(os.path.join(args.model_dir, "final.keras"), os.path.join(args.sm_model_dir, os.path.basename(os.path.join(args.model_dir, "final.keras")))))

# TensorFlow Serving SavedModel for SageMaker: <model dir>/1 (added by sm-migrate)
_sm_export(model, os.path.join(args.sm_model_dir, "1"))
''',
        codes=('SM306', 'SM306', 'SM205'),
    ),
)
