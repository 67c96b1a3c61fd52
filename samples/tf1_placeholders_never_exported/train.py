"""Softmax regression in the TF1 tutorial style: `import tensorflow.compat.v1 as tf`, placeholders, a
GradientDescentOptimizer's train op run in a Session loop, lower-case settings, and no export at all."""
import numpy as np
import tensorflow.compat.v1 as tf

tf.disable_eager_execution()

# Parameters
learning_rate = 0.5
training_epochs = 4
batch_size = 25

data = np.load("data/flowers.npz")
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
    print("Optimization finished")
