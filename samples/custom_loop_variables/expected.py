"""A network written by hand, tutorial style: weights and biases in dicts of tf.Variables, the model a plain
function over them, trained by a GradientTape step. There is no model object to save: what serves is the
function itself."""
import numpy as np
import tensorflow as tf
import argparse
import os


# Helpers for the SageMaker changes below (added by sm-migrate).
def _sm_export_function(predict, example, version_dir):
    """Write `predict`, a function (or plain object) over the tf.Variables a custom loop trained, as a TensorFlow
    Serving SavedModel into `version_dir`: its serving signature takes inputs like `example`, of any batch size."""
    example = tf.convert_to_tensor(example)
    shape = [None, *example.shape[1:]] if example.shape.rank else []
    serve = tf.function(lambda inputs: predict(inputs),
                                  input_signature=[tf.TensorSpec(shape, example.dtype)])
    module = tf.Module()
    module.serve = serve
    # what the function reads, tracked, so the SavedModel holds the trained values
    module.trained_variables = list(serve.get_concrete_function().variables)
    tf.saved_model.save(module, version_dir, signatures=serve)


# SageMaker script-mode arguments (added by sm-migrate): SageMaker passes hyperparameters as
# `--name value` and sets SM_* variables; without them the script's own values are used.
parser = argparse.ArgumentParser(allow_abbrev=False)
parser.add_argument("--learning_rate", "--learning-rate", type=float, default=0.1,
                    help="learning_rate in the original script")
parser.add_argument("--epochs", "--num_epochs", "--num-epochs", type=int, default=3,
                    help="num_epochs in the original script")
parser.add_argument("--batch_size", "--batch-size", type=int, default=16,
                    help="batch_size in the original script")
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

# Parameters
learning_rate = args.learning_rate
num_epochs = args.epochs
batch_size = args.batch_size
n_hidden = 12

data = np.load(os.path.join(args.data, "blobs.npz"))
n_input, n_classes = data["x"].shape[1], int(data["y"].max()) + 1
train_data = tf.data.Dataset.from_tensor_slices((data["x"], data["y"])).shuffle(128, seed=1).batch(batch_size)

weights = {
    "h1": tf.Variable(tf.random.normal([n_input, n_hidden], stddev=0.1, seed=1)),
    "out": tf.Variable(tf.random.normal([n_hidden, n_classes], stddev=0.1, seed=2)),
}
biases = {
    "b1": tf.Variable(tf.zeros([n_hidden])),
    "out": tf.Variable(tf.zeros([n_classes])),
}


def neural_net(x):
    layer_1 = tf.nn.relu(tf.add(tf.matmul(x, weights["h1"]), biases["b1"]))
    return tf.nn.softmax(tf.matmul(layer_1, weights["out"]) + biases["out"])


def cross_entropy(y_pred, y_true):
    y_true = tf.one_hot(y_true, depth=n_classes)
    return tf.reduce_mean(-tf.reduce_sum(y_true * tf.math.log(tf.clip_by_value(y_pred, 1e-9, 1.0)), axis=1))


optimizer = tf.optimizers.SGD(learning_rate)


@tf.function
def train_step(x, y):
    with tf.GradientTape() as tape:
        pred = neural_net(x)
        loss = cross_entropy(pred, y)
    trainable_variables = list(weights.values()) + list(biases.values())
    gradients = tape.gradient(loss, trainable_variables)
    optimizer.apply_gradients(zip(gradients, trainable_variables))
    return loss


for epoch in range(num_epochs):
    for batch_x, batch_y in train_data:
        loss = train_step(batch_x, batch_y)
    print(f"epoch {epoch + 1}/{num_epochs} loss {float(loss):.4f}")

# TensorFlow Serving SavedModel for SageMaker: <model dir>/1 (added by sm-migrate)
_sm_export_function(neural_net, batch_x, os.path.join(args.sm_model_dir, "1"))
