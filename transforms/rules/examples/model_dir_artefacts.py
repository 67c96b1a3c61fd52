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
parser = argparse.ArgumentParser(allow_abbrev=False)
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
)
