"""Iris species classifier written as a custom tf.estimator model_fn, trained with train_and_evaluate.

Needs TensorFlow 2.15 or older (tf.estimator was removed in 2.16):
    pip install tensorflow-cpu==2.15.1 tensorflow-estimator==2.15.0
Checkpoints go to runs/estimator; the trained model is exported for TF Serving under exported/<timestamp>/.
"""
import numpy as np
import tensorflow as tf
import argparse
import os


# Helpers for the SageMaker changes below (added by sm-migrate).
def _sm_path(local_path, sagemaker_path):
    """`local_path` when run locally; on SageMaker `sagemaker_path`, under the dirs the job keeps."""
    if "SM_MODEL_DIR" not in os.environ:
        return local_path
    os.makedirs(os.path.dirname(sagemaker_path) or ".", exist_ok=True)
    return sagemaker_path


# SageMaker script-mode arguments (added by sm-migrate): SageMaker passes hyperparameters as
# `--name value` and sets SM_* variables; without them the script's own values are used.
parser = argparse.ArgumentParser(allow_abbrev=False)
parser.add_argument("--epochs", "--num_epochs", "--num-epochs", type=int, default=3,
                    help="NUM_EPOCHS in the original script")
parser.add_argument("--batch_size", "--batch-size", type=int, default=16,
                    help="BATCH_SIZE in the original script")
parser.add_argument("--learning_rate", "--learning-rate", type=float, default=0.05,
                    help="LEARNING_RATE in the original script")
parser.add_argument("--eval_steps", "--eval-steps", type=int, default=3,
                    help="EVAL_STEPS in the original script")
parser.add_argument("--data", type=str, default=os.environ.get("SM_CHANNEL_DATA", "data"),
                    help="input channel 'data' (SageMaker: SM_CHANNEL_DATA)")
parser.add_argument(
    "--sm-model-dir", "--sm_model_dir",
    type=str,
    default=os.environ.get("SM_MODEL_DIR", "sm_model"),
    help="where the final model goes (SageMaker: SM_MODEL_DIR)",
)
parser.add_argument("--model_dir", "--model-dir", type=str, default="runs/estimator",
                    help="checkpoints; an S3 URI on SageMaker (never the final model)")
args = parser.parse_known_args()[0]

MODEL_DIR = args.model_dir
NUM_EPOCHS = args.epochs
BATCH_SIZE = args.batch_size
LEARNING_RATE = args.learning_rate
EVAL_STEPS = args.eval_steps
NUM_FEATURES = 4
NUM_CLASSES = 3


def load_csv(path):
    """Return (features, labels); the label is the last column."""
    table = np.loadtxt(path, delimiter=",", skiprows=1, dtype=np.float32)
    return table[:, :-1], table[:, -1].astype(np.int32)


def make_input_fn(path, training):
    features, labels = load_csv(path)

    def input_fn():
        dataset = tf.data.Dataset.from_tensor_slices(({"x": features}, labels))
        if training:
            dataset = dataset.shuffle(len(labels), seed=0).repeat()
        return dataset.batch(BATCH_SIZE)

    return input_fn, len(labels)


def model_fn(features, labels, mode, params):
    hidden = tf.keras.layers.Dense(16, activation="relu")(features["x"])
    logits = tf.keras.layers.Dense(NUM_CLASSES)(hidden)
    predictions = {"class_id": tf.argmax(logits, axis=1), "probabilities": tf.nn.softmax(logits)}
    if mode == tf.estimator.ModeKeys.PREDICT:
        return tf.estimator.EstimatorSpec(mode, predictions=predictions)

    loss = tf.compat.v1.losses.sparse_softmax_cross_entropy(labels, logits)
    metrics = {"accuracy": tf.compat.v1.metrics.accuracy(labels, predictions["class_id"])}
    if mode == tf.estimator.ModeKeys.EVAL:
        return tf.estimator.EstimatorSpec(mode, loss=loss, eval_metric_ops=metrics)

    optimizer = tf.compat.v1.train.AdamOptimizer(learning_rate=params["learning_rate"])
    train_op = optimizer.minimize(loss, global_step=tf.compat.v1.train.get_global_step())
    return tf.estimator.EstimatorSpec(mode, loss=loss, train_op=train_op)


class EpochLogger(tf.estimator.SessionRunHook):
    """Print one line each time training has seen a full pass over the training data."""

    def __init__(self, steps_per_epoch, epochs):
        self.steps_per_epoch = steps_per_epoch
        self.epochs = epochs

    def begin(self):
        self.global_step = tf.compat.v1.train.get_global_step()

    def before_run(self, run_context):
        return tf.estimator.SessionRunArgs(self.global_step)

    def after_run(self, run_context, run_values):
        step = run_values.results + 1
        if step % self.steps_per_epoch == 0:
            print(f"epoch {step // self.steps_per_epoch}/{self.epochs}", flush=True)


def serving_input_receiver_fn():
    x = tf.compat.v1.placeholder(tf.float32, shape=[None, NUM_FEATURES], name="x")
    return tf.estimator.export.ServingInputReceiver({"x": x}, {"x": x})


def main():
    train_input_fn, train_examples = make_input_fn(os.path.join(args.data, "train.csv"), training=True)
    eval_input_fn, _ = make_input_fn(os.path.join(args.data, "eval.csv"), training=False)
    steps_per_epoch = train_examples // BATCH_SIZE

    config = tf.estimator.RunConfig(tf_random_seed=42, log_step_count_steps=steps_per_epoch)
    estimator = tf.estimator.Estimator(
        model_fn, model_dir=MODEL_DIR, config=config, params={"learning_rate": LEARNING_RATE}
    )
    train_spec = tf.estimator.TrainSpec(
        train_input_fn, max_steps=NUM_EPOCHS * steps_per_epoch, hooks=[EpochLogger(steps_per_epoch, NUM_EPOCHS)]
    )
    eval_spec = tf.estimator.EvalSpec(eval_input_fn, steps=EVAL_STEPS, throttle_secs=0)
    metrics, _ = tf.estimator.train_and_evaluate(estimator, train_spec, eval_spec)
    print(f"eval accuracy: {metrics['accuracy']:.3f}")

    export_path = estimator.export_saved_model(_sm_path("exported", args.sm_model_dir), serving_input_receiver_fn)
    print("exported to", export_path.decode())


if __name__ == "__main__":
    main()
