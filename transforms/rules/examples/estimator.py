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
    # A Keras model made an estimator (model_to_estimator) is an estimator: its export is added once, and a second run sees it
    Example(
        before="""\
import tensorflow as tf


def serving_input_fn():
    feature = tf.compat.v1.placeholder(tf.float32, [None, 3])
    return tf.estimator.export.ServingInputReceiver({"x": feature}, {"x": feature})


def train_and_evaluate(output_dir):
    model = tf.keras.Sequential([tf.keras.layers.Dense(1, input_shape=(3,))])
    model.compile(optimizer="adam", loss="mse")
    estimator = tf.keras.estimator.model_to_estimator(keras_model=model, model_dir=output_dir)
    train_spec = tf.estimator.TrainSpec(input_fn=lambda: None, max_steps=100)
    exporter = tf.estimator.LatestExporter(name="exporter", serving_input_receiver_fn=serving_input_fn)
    eval_spec = tf.estimator.EvalSpec(input_fn=lambda: None, exporters=exporter)
    tf.estimator.train_and_evaluate(estimator=estimator, train_spec=train_spec, eval_spec=eval_spec)
""",
        after='''\
import tensorflow as tf
import argparse
import os


# SageMaker script-mode arguments (added by sm-migrate): SageMaker passes hyperparameters as
# `--name value` and sets SM_* variables; without them the script's own values are used.
parser = argparse.ArgumentParser(allow_abbrev=False, add_help=False)
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


def serving_input_fn():
    feature = tf.compat.v1.placeholder(tf.float32, [None, 3])
    return tf.estimator.export.ServingInputReceiver({"x": feature}, {"x": feature})


def train_and_evaluate(output_dir):
    model = tf.keras.Sequential([tf.keras.layers.Dense(1, input_shape=(3,))])
    model.compile(optimizer="adam", loss="mse")
    estimator = tf.keras.estimator.model_to_estimator(keras_model=model, model_dir=output_dir)
    train_spec = tf.estimator.TrainSpec(input_fn=lambda: None, max_steps=args.max_steps)
    exporter = tf.estimator.LatestExporter(name="exporter", serving_input_receiver_fn=serving_input_fn)
    eval_spec = tf.estimator.EvalSpec(input_fn=lambda: None, exporters=exporter)
    tf.estimator.train_and_evaluate(estimator=estimator, train_spec=train_spec, eval_spec=eval_spec)

    # TensorFlow Serving SavedModel for SageMaker: <model dir>/<timestamp> (added by sm-migrate)
    estimator.export_saved_model(args.sm_model_dir, serving_input_fn)
''',
        codes=('SM401',),
    ),
    # tf.compat.v1.estimator (how tf_upgrade_v2 writes canned estimators) is the estimator API: model_dir wired, export from its feature columns
    Example(
        before="""\
import tensorflow as tf

feature_columns = [tf.feature_column.numeric_column("x", shape=[3])]
estimator = tf.compat.v1.estimator.DNNRegressor(hidden_units=[4], feature_columns=feature_columns, model_dir="runs/dnn")
train_input = tf.compat.v1.estimator.inputs.numpy_input_fn({"x": [[1.0, 2.0, 3.0]]}, [1.0], shuffle=True)
estimator.train(input_fn=train_input, steps=10)
""",
        after='''\
import tensorflow as tf
import argparse
import os


# Helpers for the SageMaker changes below (added by sm-migrate).
def _sm_parsing_receiver(feature_columns):
    """A serving input receiver for a canned Estimator: serialized tf.Example protos, parsed with the estimator's
    own feature columns (what TF Serving's classify and regress APIs send)."""
    return tf.estimator.export.build_parsing_serving_input_receiver_fn(
        tf.feature_column.make_parse_example_spec(feature_columns))


# SageMaker script-mode arguments (added by sm-migrate): SageMaker passes hyperparameters as
# `--name value` and sets SM_* variables; without them the script's own values are used.
parser = argparse.ArgumentParser(allow_abbrev=False)
parser.add_argument(
    "--sm-model-dir", "--sm_model_dir",
    type=str,
    default=os.environ.get("SM_MODEL_DIR", "sm_model"),
    help="where the final model goes (SageMaker: SM_MODEL_DIR)",
)
parser.add_argument("--model_dir", "--model-dir", type=str, default="runs/dnn",
                    help="checkpoints; an S3 URI on SageMaker (never the final model)")
args, _ = parser.parse_known_args()

feature_columns = [tf.feature_column.numeric_column("x", shape=[3])]
estimator = tf.compat.v1.estimator.DNNRegressor(hidden_units=[4], feature_columns=feature_columns, model_dir=args.model_dir)
train_input = tf.compat.v1.estimator.inputs.numpy_input_fn({"x": [[1.0, 2.0, 3.0]]}, [1.0], shuffle=True)
estimator.train(input_fn=train_input, steps=10)

# TensorFlow Serving SavedModel for SageMaker: <model dir>/<timestamp> (added by sm-migrate)
estimator.export_saved_model(args.sm_model_dir, _sm_parsing_receiver(feature_columns))
''',
        codes=('SM401',),
    ),
)
