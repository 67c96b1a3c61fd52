"""Trains a tiny linear model with MultiWorkerMirroredStrategy on the `train` channel, in a custom loop.

Keras 3's `fit` does not run under this strategy (docs/sagemaker-contract.md §10), so the loop is plain
TensorFlow. Every worker saves (saving is collective), only the chief (task 0 in TF_CONFIG) into
$SM_MODEL_DIR/1, the others into a temporary folder (§6). Records TF_CONFIG's task and the workers seen in
$SM_OUTPUT_DATA_DIR/task.json.
"""

import json
import os
import tempfile

import numpy as np
import tensorflow as tf

strategy = tf.distribute.MultiWorkerMirroredStrategy()
task = json.loads(os.environ["TF_CONFIG"])["task"]

data = np.loadtxt(os.path.join(os.environ["SM_CHANNEL_TRAIN"], "train.csv"), delimiter=",", dtype="float32")
features, labels = data[:, :-1], data[:, -1:]
dataset = strategy.experimental_distribute_dataset(tf.data.Dataset.from_tensor_slices((features, labels)).batch(8))


class Linear(tf.Module):
    def __init__(self, inputs):
        self.weights = tf.Variable(tf.zeros((inputs, 1)))
        self.bias = tf.Variable(tf.zeros((1,)))

    @tf.function(input_signature=[tf.TensorSpec((None, 4), tf.float32)])
    def __call__(self, x):
        return {"prediction": x @ self.weights + self.bias}


with strategy.scope():
    model = Linear(features.shape[1])


@tf.function
def train_step(batch):
    def step(x, y):
        with tf.GradientTape() as tape:
            loss = tf.reduce_mean((model(x)["prediction"] - y) ** 2)
        gradients = tape.gradient(loss, [model.weights, model.bias])
        replica = tf.distribute.get_replica_context()
        gradients = replica.all_reduce(tf.distribute.ReduceOp.MEAN, gradients)
        for variable, gradient in zip([model.weights, model.bias], gradients):
            variable.assign_sub(0.1 * gradient)
        return loss

    return strategy.reduce(tf.distribute.ReduceOp.MEAN, strategy.run(step, args=batch), axis=None)


for batch in dataset:
    print("loss", float(train_step(batch)))

is_chief = task["index"] == 0
target = os.path.join(os.environ["SM_MODEL_DIR"], "1") if is_chief else tempfile.mkdtemp()
tf.saved_model.save(model, target, signatures={"serving_default": model.__call__})
with open(os.path.join(os.environ["SM_OUTPUT_DATA_DIR"], "task.json"), "w") as handle:
    json.dump({"task": task, "replicas": strategy.num_replicas_in_sync}, handle)
