"""Logistic regression in TensorFlow 1.x graph style (placeholders + Session), via tf.compat.v1.

Saves a training checkpoint with tf.train.Saver and exports a SavedModel with simple_save.
"""
import numpy as np
import tensorflow as tf

tf.compat.v1.disable_eager_execution()

EPOCHS = 5
BATCH_SIZE = 30
LEARNING_RATE = 0.5

table = np.loadtxt("data/train.csv", delimiter=",", skiprows=1, dtype=np.float32)
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

    saver.save(sess, "checkpoints/model.ckpt")
    tf.compat.v1.saved_model.simple_save(sess, "export", inputs={"x": x}, outputs={"probability": probability})
    print("exported to export/")
