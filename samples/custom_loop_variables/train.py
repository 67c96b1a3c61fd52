"""A network written by hand, tutorial style: weights and biases in dicts of tf.Variables, the model a plain
function over them, trained by a GradientTape step. There is no model object to save: what serves is the
function itself."""
import numpy as np
import tensorflow as tf

# Parameters
learning_rate = 0.1
num_epochs = 3
batch_size = 16
n_hidden = 12

data = np.load("data/blobs.npz")
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
