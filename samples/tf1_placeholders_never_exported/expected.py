"""Softmax regression in the TF1 tutorial style: `import tensorflow.compat.v1 as tf`, placeholders, a
GradientDescentOptimizer's train op run in a Session loop, lower-case settings, and no export at all."""
import numpy as np
import tensorflow.compat.v1 as tf
import argparse
import os
import shutil
import tensorflow as _tf


# Helpers for the SageMaker changes below (added by sm-migrate).
def _sm_graph_export(session, version_dir, inputs, outputs):
    """Write the session's graph as a TensorFlow Serving SavedModel into `version_dir`, serving `outputs` from
    `inputs` (signature key -> tensor); an earlier run's copy is replaced, as simple_save refuses an existing
    folder."""
    shutil.rmtree(version_dir, ignore_errors=True)
    _tf.compat.v1.saved_model.simple_save(session, version_dir, inputs=inputs, outputs=outputs)


# SageMaker script-mode arguments (added by sm-migrate): SageMaker passes hyperparameters as
# `--name value` and sets SM_* variables; without them the script's own values are used.
parser = argparse.ArgumentParser(allow_abbrev=False)
parser.add_argument("--learning_rate", "--learning-rate", type=float, default=0.5,
                    help="learning_rate in the original script")
parser.add_argument("--epochs", "--training_epochs", "--training-epochs", type=int, default=4,
                    help="training_epochs in the original script")
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

tf.disable_eager_execution()

# Parameters
learning_rate = args.learning_rate
training_epochs = args.epochs
batch_size = 25

data = np.load(os.path.join(args.data, "flowers.npz"))
train_x, train_y = data["x"], data["y"]
num_features, num_classes = train_x.shape[1], train_y.shape[1]

X = tf.placeholder("float", [None, num_features])
Y = tf.placeholder("float", [None, num_classes])
W = tf.Variable(tf.zeros([num_features, num_classes]))
b = tf.Variable(tf.zeros([num_classes]))

logits = tf.matmul(X, W) + b
prediction = tf.nn.softmax(logits)
loss_op = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits(logits=logits, labels=Y))
train_op = tf.train.GradientDescentOptimizer(learning_rate=learning_rate).minimize(loss_op)
correct_pred = tf.equal(tf.argmax(prediction, 1), tf.argmax(Y, 1))
accuracy = tf.reduce_mean(tf.cast(correct_pred, tf.float32))
init = tf.global_variables_initializer()

with tf.Session() as sess:
    sess.run(init)
    for epoch in range(training_epochs):
        for start in range(0, len(train_x), batch_size):
            batch = slice(start, start + batch_size)
            sess.run(train_op, feed_dict={X: train_x[batch], Y: train_y[batch]})
        acc = sess.run(accuracy, feed_dict={X: train_x, Y: train_y})
        print(f"epoch {epoch + 1}/{training_epochs} accuracy={acc:.3f}")

    # TensorFlow Serving SavedModel for SageMaker: <model dir>/1 (added by sm-migrate)
    _sm_graph_export(sess, os.path.join(args.sm_model_dir, "1"), inputs={"X": X}, outputs={"prediction": prediction})
    print("Optimization finished")
