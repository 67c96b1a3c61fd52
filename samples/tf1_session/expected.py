"""Logistic regression in TensorFlow 1.x graph style (placeholders + Session), via tf.compat.v1.

Saves a training checkpoint with tf.train.Saver and exports a SavedModel with simple_save.
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
parser.add_argument("--epochs", type=int, default=5, help="EPOCHS in the original script")
parser.add_argument("--batch_size", "--batch-size", type=int, default=30,
                    help="BATCH_SIZE in the original script")
parser.add_argument("--learning_rate", "--learning-rate", type=float, default=0.5,
                    help="LEARNING_RATE in the original script")
parser.add_argument("--data", type=str, default=os.environ.get("SM_CHANNEL_DATA", "data"),
                    help="input channel 'data' (SageMaker: SM_CHANNEL_DATA)")
parser.add_argument(
    "--sm-model-dir", "--sm_model_dir",
    type=str,
    default=os.environ.get("SM_MODEL_DIR", "sm_model"),
    help="where the final model goes (SageMaker: SM_MODEL_DIR)",
)
parser.add_argument(
    "--checkpoint-dir", "--checkpoint_dir",
    type=str,
    default=os.path.join(os.path.dirname(os.environ["SM_MODEL_DIR"]), "checkpoints") if "SM_MODEL_DIR" in os.environ else "checkpoints",
    help="checkpoints (SageMaker: /opt/ml/checkpoints, synced to checkpoint_s3_uri)",
)
parser.add_argument("--model_dir", "--model-dir", type=str, default=None,
                    help="checkpoints; an S3 URI on SageMaker (never the final model)")
args, _ = parser.parse_known_args()

tf.compat.v1.disable_eager_execution()

EPOCHS = args.epochs
BATCH_SIZE = args.batch_size
LEARNING_RATE = args.learning_rate

table = np.loadtxt(os.path.join(args.data, "train.csv"), delimiter=",", skiprows=1, dtype=np.float32)
features, labels = table[:, :-1], table[:, -1:]
num_features = features.shape[1]

x = tf.compat.v1.placeholder(tf.float32, shape=[None, num_features], name="x")
y = tf.compat.v1.placeholder(tf.float32, shape=[None, 1], name="y")
w = tf.compat.v1.get_variable("w", shape=[num_features, 1], initializer=tf.compat.v1.zeros_initializer())
b = tf.compat.v1.get_variable("b", shape=[1], initializer=tf.compat.v1.zeros_initializer())
logits = tf.matmul(x, w) + b
probability = tf.sigmoid(logits, name="probability")
loss = tf.reduce_mean(tf.nn.sigmoid_cross_entropy_with_logits(labels=y, logits=logits))
train_op = tf.compat.v1.train.GradientDescentOptimizer(LEARNING_RATE).minimize(loss)
accuracy = tf.reduce_mean(tf.cast(tf.equal(tf.round(probability), y), tf.float32))

saver = tf.compat.v1.train.Saver()
with tf.compat.v1.Session() as sess:
    sess.run(tf.compat.v1.global_variables_initializer())
    for epoch in range(EPOCHS):
        for start in range(0, len(features), BATCH_SIZE):
            batch = slice(start, start + BATCH_SIZE)
            sess.run(train_op, feed_dict={x: features[batch], y: labels[batch]})
        epoch_loss, epoch_acc = sess.run([loss, accuracy], feed_dict={x: features, y: labels})
        print(f"epoch {epoch + 1}/{EPOCHS} loss={epoch_loss:.4f} accuracy={epoch_acc:.3f}")

    saver.save(sess, _sm_path("checkpoints/model.ckpt", os.path.join(args.checkpoint_dir, "model.ckpt")))
    tf.compat.v1.saved_model.simple_save(sess, _sm_path("export", os.path.join(args.sm_model_dir, "1")), inputs={"x": x}, outputs={"probability": probability})
    print("exported to export/")
