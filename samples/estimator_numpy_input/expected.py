"""tf.estimator with a custom model_fn, fed numpy arrays through numpy_input_fn (TF <= 2.15). No export."""
import numpy as np
import tensorflow as tf
import argparse
import os


# Helpers for the SageMaker changes below (added by sm-migrate).
def _sm_raw_receiver(arrays):
    """A serving input receiver for an Estimator trained on numpy arrays (`numpy_input_fn(x=arrays)`): one
    placeholder per feature, of its array's dtype and shape, for any batch size."""
    def receiver():
        features = {key: tf.compat.v1.placeholder(tf.as_dtype(array.dtype),
                                                             (None, *array.shape[1:]), name=key)
                    for key, array in arrays.items()}
        return tf.estimator.export.ServingInputReceiver(features, features)
    return receiver


# SageMaker script-mode arguments (added by sm-migrate): SageMaker passes hyperparameters as
# `--name value` and sets SM_* variables; without them the script's own values are used.
parser = argparse.ArgumentParser(allow_abbrev=False)
parser.add_argument("--epochs", type=int, default=3, help="EPOCHS in the original script")
parser.add_argument("--steps_per_epoch", "--steps-per-epoch", type=int, default=5,
                    help="STEPS_PER_EPOCH in the original script")
parser.add_argument("--learning_rate", "--learning-rate", type=float, default=0.05,
                    help="LEARNING_RATE in the original script")
parser.add_argument("--data", type=str, default=os.environ.get("SM_CHANNEL_DATA", "data"),
                    help="input channel 'data' (SageMaker: SM_CHANNEL_DATA)")
parser.add_argument(
    "--sm-model-dir", "--sm_model_dir",
    type=str,
    default=os.environ.get("SM_MODEL_DIR", "sm_model"),
    help="where the final model goes (SageMaker: SM_MODEL_DIR)",
)
parser.add_argument("--model_dir", "--model-dir", type=str, default="runs/numpy_estimator",
                    help="checkpoints; an S3 URI on SageMaker (never the final model)")
args, _ = parser.parse_known_args()

EPOCHS = args.epochs
STEPS_PER_EPOCH = args.steps_per_epoch
LEARNING_RATE = args.learning_rate


def model_fn(features, labels, mode):
    hidden = tf.compat.v1.layers.dense(features["readings"], 8, activation=tf.nn.relu)
    logits = tf.compat.v1.layers.dense(hidden, 2)
    predictions = {"class": tf.argmax(logits, axis=1), "probabilities": tf.nn.softmax(logits)}
    if mode == tf.estimator.ModeKeys.PREDICT:
        return tf.estimator.EstimatorSpec(mode, predictions=predictions)
    loss = tf.compat.v1.losses.sparse_softmax_cross_entropy(labels, logits)
    optimizer = tf.compat.v1.train.GradientDescentOptimizer(LEARNING_RATE)
    train_op = optimizer.minimize(loss, global_step=tf.compat.v1.train.get_global_step())
    return tf.estimator.EstimatorSpec(mode, loss=loss, train_op=train_op)


data = np.load(os.path.join(args.data, "readings.npz"))
readings, labels = data["x"].astype("float32"), data["y"].astype("int32")

classifier = tf.estimator.Estimator(model_fn=model_fn, model_dir=args.model_dir)
train_input_fn = tf.compat.v1.estimator.inputs.numpy_input_fn(
    x={"readings": readings}, y=labels, batch_size=16, num_epochs=None, shuffle=True)
for epoch in range(EPOCHS):
    classifier.train(input_fn=train_input_fn, steps=STEPS_PER_EPOCH)
    print(f"epoch {epoch + 1}/{EPOCHS}")

# TensorFlow Serving SavedModel for SageMaker: <model dir>/<timestamp> (added by sm-migrate)
classifier.export_saved_model(args.sm_model_dir, _sm_raw_receiver({"readings": readings}))
