"""Examples of the estimator rule: whole scripts, before and after."""

from sm_migrate.transforms.rules.base import Example

EXAMPLES = (
    Example(
        before="""\
import tensorflow as tf

MODEL_DIR = "runs/linear"
estimator = tf.estimator.LinearRegressor(feature_columns=[], model_dir=MODEL_DIR)
estimator.train(lambda: None, steps=10)
""",
        after="""\
import tensorflow as tf
import argparse


# SageMaker script-mode arguments (added by sm-migrate): SageMaker passes hyperparameters as
# `--name value` and sets SM_* variables; without them the script's own values are used.
parser = argparse.ArgumentParser(allow_abbrev=False)
parser.add_argument("--model_dir", "--model-dir", type=str, default="runs/linear",
                    help="checkpoints; an S3 URI on SageMaker (never the final model)")
args, _ = parser.parse_known_args()

MODEL_DIR = args.model_dir
estimator = tf.estimator.LinearRegressor(feature_columns=[], model_dir=MODEL_DIR)
estimator.train(lambda: None, steps=10)
""",
        codes=('SM203',),
        options={'framework_version': '2.14'},
    ),
    Example(
        before="""\
import tensorflow as tf

MODEL_DIR = "runs/linear"
estimator = tf.estimator.LinearRegressor(feature_columns=[], model_dir=MODEL_DIR)
estimator.train(lambda: None, steps=10)
""",
        after="""\
import tensorflow as tf
import argparse


# SageMaker script-mode arguments (added by sm-migrate): SageMaker passes hyperparameters as
# `--name value` and sets SM_* variables; without them the script's own values are used.
parser = argparse.ArgumentParser(allow_abbrev=False)
parser.add_argument("--model_dir", "--model-dir", type=str, default="runs/linear",
                    help="checkpoints; an S3 URI on SageMaker (never the final model)")
args, _ = parser.parse_known_args()

MODEL_DIR = args.model_dir
estimator = tf.estimator.LinearRegressor(feature_columns=[], model_dir=MODEL_DIR)
estimator.train(lambda: None, steps=10)
""",
        codes=('SM401', 'SM203'),
    ),
    Example(
        before="""\
import tensorflow as tf

def serving_fn():
    return None

def main():
    estimator = tf.estimator.Estimator(lambda f, l, m: None)
    exporter = tf.estimator.LatestExporter("latest", serving_fn)
    train_spec = tf.estimator.TrainSpec(lambda: None, max_steps=100)
    eval_spec = tf.estimator.EvalSpec(lambda: None, exporters=[exporter])
    tf.estimator.train_and_evaluate(estimator, train_spec, eval_spec)

main()
""",
        after="""\
import tensorflow as tf
import argparse
import os


# SageMaker script-mode arguments (added by sm-migrate): SageMaker passes hyperparameters as
# `--name value` and sets SM_* variables; without them the script's own values are used.
parser = argparse.ArgumentParser(allow_abbrev=False)
parser.add_argument("--max_steps", "--max-steps", type=int, default=100,
                    help="TrainSpec(max_steps=) in the original script")
parser.add_argument(
    "--sm-model-dir", "--sm_model_dir",
    type=str,
    default=os.environ.get("SM_MODEL_DIR", "sm_model"),
    help="where the final model goes (SageMaker: SM_MODEL_DIR)",
)
parser.add_argument("--model_dir", "--model-dir", type=str, default=None,
                    help="checkpoints; an S3 URI on SageMaker (never the final model)")
args, _ = parser.parse_known_args()

def serving_fn():
    return None

def main():
    estimator = tf.estimator.Estimator(lambda f, l, m: None)
    exporter = tf.estimator.LatestExporter("latest", serving_fn)
    train_spec = tf.estimator.TrainSpec(lambda: None, max_steps=args.max_steps)
    eval_spec = tf.estimator.EvalSpec(lambda: None, exporters=[exporter])
    tf.estimator.train_and_evaluate(estimator, train_spec, eval_spec)

    # TensorFlow Serving SavedModel for SageMaker: <model dir>/<timestamp> (added by sm-migrate)
    estimator.export_saved_model(args.sm_model_dir, serving_fn)

main()
""",
        options={'framework_version': '2.14'},
    ),
)
