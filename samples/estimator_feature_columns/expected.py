"""A canned tf.estimator.DNNClassifier over feature columns, read from a CSV file, trained epoch by epoch (TF <= 2.15).

It never exports: TF Serving gets nothing from it as it is.
"""
import numpy as np
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
parser.add_argument("--epochs", type=int, default=3, help="EPOCHS in the original script")
parser.add_argument("--batch_size", "--batch-size", type=int, default=16,
                    help="BATCH_SIZE in the original script")
parser.add_argument("--data", type=str, default=os.environ.get("SM_CHANNEL_DATA", "data"),
                    help="input channel 'data' (SageMaker: SM_CHANNEL_DATA)")
parser.add_argument(
    "--sm-model-dir", "--sm_model_dir",
    type=str,
    default=os.environ.get("SM_MODEL_DIR", "sm_model"),
    help="where the final model goes (SageMaker: SM_MODEL_DIR)",
)
parser.add_argument("--model_dir", "--model-dir", type=str, default="runs/flats",
                    help="checkpoints; an S3 URI on SageMaker (never the final model)")
args, _ = parser.parse_known_args()

EPOCHS = args.epochs
BATCH_SIZE = args.batch_size
HIDDEN_UNITS = [8, 4]

table = np.loadtxt(os.path.join(args.data, "flats.csv"), delimiter=",", skiprows=1, dtype="float32")
features = {"area": table[:, 0], "rooms": table[:, 1], "floor": table[:, 2]}
labels = table[:, 3].astype("int32")
columns = [tf.feature_column.numeric_column(name) for name in features]


def input_fn():
    dataset = tf.data.Dataset.from_tensor_slices((features, labels))
    return dataset.shuffle(len(labels), seed=1).batch(BATCH_SIZE)


classifier = tf.estimator.DNNClassifier(hidden_units=HIDDEN_UNITS, feature_columns=columns,
                                        model_dir=args.model_dir)
for epoch in range(EPOCHS):
    classifier.train(input_fn=input_fn)
    print(f"epoch {epoch + 1}/{EPOCHS}")

# TensorFlow Serving SavedModel for SageMaker: <model dir>/<timestamp> (added by sm-migrate)
classifier.export_saved_model(args.sm_model_dir, _sm_parsing_receiver(columns))
